/// The words charts print and say, in the page's language: each `…Words` keeps its English defaults, and a
/// translation file (`templates/i18n/<language>.yaml`) may override any of them by key (`chart_line_rose: …`),
/// with the same `{placeholders}`. A key missing from a language keeps the English text.
struct ChartWords {
    var line = LineChartWords.english
    var progress = ProgressBarWords.english
    var bars = StackedBarsWords.english
    var heatMap = HeatMapWords.english

    init(_ labels: Labels) {
        func apply<Words>(_ words: inout Words, _ keys: [(String, WritableKeyPath<Words, String>)]) {
            for (key, path) in keys {
                if let text = labels.translation(key) {
                    words[keyPath: path] = text
                } else if labels.language != "en" {
                    // The English default in the code, on a page in another language: marked as English.
                    words[keyPath: path] = FallbackMark.wrapTemplate(words[keyPath: path], language: "en")
                }
            }
        }
        apply(&line, [
            ("chart_line_rose", \.rose), ("chart_line_fell", \.fell), ("chart_line_steady", \.steady),
            ("chart_line_single", \.single), ("chart_line_against_target", \.againstTarget),
            ("chart_line_missing", \.missing), ("chart_status", \.status), ("chart_line_no_data", \.noData),
            ("chart_no_data_short", \.noDataShort), ("chart_target_label", \.targetLabel),
            ("chart_baseline_label", \.baselineLabel), ("chart_latest_label", \.latestLabel),
            ("chart_point_tooltip", \.pointTooltip), ("chart_milestone_label", \.milestoneLabel),
            ("chart_milestone_key", \.milestoneKey),
            ("chart_milestone_tooltip", \.milestoneTooltip),
        ])
        apply(&progress, [
            ("chart_progress_with_expected", \.withExpected), ("chart_progress_without_expected", \.withoutExpected),
            ("chart_progress_expected_marker", \.expectedMarker), ("chart_status", \.status),
            ("chart_progress_no_data", \.noData),
        ])
        apply(&bars, [
            ("chart_bars_segment_tooltip", \.segmentTooltip), ("chart_bars_summary", \.summary),
            ("chart_bars_summary_one", \.summaryOne), ("chart_bars_shared_part", \.sharedPart),
            ("chart_bars_total_part", \.totalPart), ("chart_bars_total_counts_twice_part", \.totalCountsTwicePart),
            ("chart_bars_counted_part", \.countedPart), ("chart_bars_counted_name", \.countedName), ("chart_bars_end", \.end), ("chart_bars_no_data", \.noData),
            ("chart_no_data_short", \.noDataShort), ("shared_not_attributed", \.sharedName),
            ("chart_bars_counted_label", \.countedLabel), ("chart_bars_totals_are_sums", \.totalsAreSums),
            ("chart_bars_totals_are_totals", \.totalsAreTotals),
        ])
        apply(&heatMap, [
            ("chart_heat_rows", \.rows), ("chart_heat_columns", \.columns), ("chart_heat_cell_tooltip", \.cellTooltip),
            ("chart_heat_summary", \.summary), ("chart_heat_no_data", \.noData),
        ])
    }
}
