import ImpactDomain

/// Bridges computed results to the SVG chart functions: picks the series, formats every label with the
/// page's number format, and returns `<figure>` markup (chart plus its one-sentence summary).
enum PageCharts {
    static func axis(_ indicator: Indicator) -> AxisLabels { indicator.measure == .percentage ? .percent : .compact }

    static func values(_ periods: [PeriodResult], _ indicator: Indicator, present: Present) -> [ChartValue?] {
        periods.map { period in period.toDate.map { ChartValue($0, text: present.value($0, indicator)) } }
    }

    /// `values`, with the texts the periods' tables already show (`PeriodTexts.toDate`, which is this value
    /// formatted wherever the indicator has a figure to date) instead of formatting each again.
    static func toDateValues(_ periods: [PeriodResult], _ texts: ArraySlice<PeriodTexts>, _ indicator: Indicator,
                             present: Present) -> [ChartValue?] {
        guard Present.hasFigureToDate(indicator) else { return values(periods, indicator, present: present) }
        // By index: zipping the arrays would copy each period.
        return periods.indices.map { i in
            periods[i].toDate.map { ChartValue($0, text: texts[texts.startIndex + i].toDate) }
        }
    }

    /// A trend ends at the period headlines report: a later, partial period (`IndicatorResult.isPartial`) would
    /// draw a fall that did not happen. Its figures stay in the tables, marked partial.
    static func throughLatest(_ result: IndicatorResult) -> [PeriodResult] {
        guard let latest = result.latest?.period else { return result.periods }
        return Array(result.periods.prefix { $0.period <= latest })
    }

    /// The periods a chart shows: all of them, or the last `lastPeriods`.
    static func shown(_ periods: [PeriodResult], lastPeriods: Int?) -> [PeriodResult] {
        guard let lastPeriods, periods.count > lastPeriods else { return periods }
        return Array(periods.suffix(lastPeriods))
    }

    static func target(_ indicator: Indicator, present: Present) -> ReferenceLine? {
        // The chart adds its own "Target …" wording around the value.
        indicator.target.map { ReferenceLine($0, text: present.value($0, indicator)) }
    }

    /// Line chart of the to-date value over every period (or the last `lastPeriods`), with the target line and
    /// the status of the latest point. `texts` are the periods' (`InitiativePages.periodTexts`), which name them.
    static func trend(_ result: IndicatorResult, texts: [PeriodTexts], present: Present, id: String,
                      lastPeriods: Int? = nil) -> String {
        let indicator = result.indicator
        guard indicator.measure != .qualitative, result.latest != nil else { return "" }
        let baseline = indicator.baseline.map { ReferenceLine($0, text: present.value($0, indicator)) }
        let through = throughLatest(result)
        let periods = shown(through, lastPeriods: lastPeriods)
        let periodTexts = texts[(through.count - periods.count)..<through.count]
        // Made whole, never changed after: a chart's input changed after it was made was copied whole to be drawn.
        let input = LineChartInput(
            id: id, title: indicator.name, seriesName: indicator.name, periods: periodTexts.map(\.key),
            values: toDateValues(periods, periodTexts, indicator, present: present), status: result.latestStatus,
            statusLabel: present.labels["status_" + result.latestStatus.rawValue],
            target: target(indicator, present: present), baseline: baseline, format: present.numbers, axis: axis(indicator),
            fromZero: indicator.direction == .increase || indicator.measure == .percentage,
            milestones: periods.map { period in
                period.targetIsMilestone ? period.target.map { ChartValue($0, text: present.value($0, indicator)) } : nil
            },
            // A partial period on the line says so, in its tooltip and in the chart's sentence.
            periodNotes: periodTexts.map(\.partialRow), words: present.chartWords.line)
        return Charts.lineChartFigure(input)
    }

    static func sparkline(_ result: IndicatorResult, present: Present, id: String) -> String {
        let indicator = result.indicator
        guard indicator.measure != .qualitative, result.latest != nil else { return "" }
        let periods = throughLatest(result)
        // Only the first and last values are formatted: a sparkline prints no value, and its sentence names those two
        // (`SparklineInput.values`); formatting every period's cost more than the rest of it.
        let first = periods.firstIndex { $0.toDate != nil }, last = periods.lastIndex { $0.toDate != nil }
        let values = periods.indices.map { i in
            periods[i].toDate.map { ChartValue($0, text: i == first || i == last ? present.value($0, indicator) : "") }
        }
        let input = SparklineInput(
            id: id, title: indicator.name, seriesName: indicator.name, periods: periods.map(\.period.description),
            values: values, status: result.latestStatus,
            statusLabel: present.labels["status_" + result.latestStatus.rawValue], target: target(indicator, present: present),
            words: present.chartWords.line)
        return Charts.sparkline(input).svg
    }

    static func progress(_ period: PeriodResult, present: Present, id: String) -> String {
        guard let progress = period.progress else { return "" }
        let input = ProgressBarInput(
            id: id, title: present.labels["progress"], progress: progress, progressText: present.share(progress),
            expected: period.expected, expectedText: period.expected.map { present.share($0) }, status: period.status,
            statusLabel: present.labels["status_" + period.status.rawValue], words: present.chartWords.progress)
        return Charts.progressBarFigure(input)
    }

    /// Stacked bars of each partner's contribution per period, plus the shared part. Only for counts and amounts
    /// added across partners (`sum`, `unique`): stacking percentages or scores would mean nothing.
    static func contributions(_ result: IndicatorResult, pages: InitiativePages, id: String, lastPeriods: Int? = nil) -> String {
        let indicator = result.indicator
        guard [.sum, .unique].contains(indicator.acrossPartners), indicator.measure != .percentage,
              indicator.measure != .qualitative else { return "" }
        let present = pages.present
        // The periods with a value, the last `lastPeriods` of them, read in place by index (no copies).
        let all = result.periods
        var indices = all.indices.filter { all[$0].value != nil }
        if let lastPeriods, indices.count > lastPeriods { indices.removeFirst(indices.count - lastPeriods) }
        guard !indices.isEmpty else { return "" }
        // Each contribution's partner is read once, and compared with `sharedPartnerID` taken once (`isShared`): a call
        // between reading a contribution and using its fields copied the contribution.
        let sharedID = sharedPartnerID
        var partnerIDs: [String] = []  // in order of first appearance
        for index in indices {
            let contributions = all[index].contributions
            for k in contributions.indices {
                let id = contributions[k].partner
                if id != sharedID && !partnerIDs.contains(id) { partnerIDs.append(id) }
            }
        }
        func cell(_ value: Double?) -> ChartValue? { value.map { ChartValue($0, text: present.value($0, indicator)) } }
        // Partners in partners.csv order, each in its own colour for the whole initiative.
        var partners = partnerIDs.map { (id: $0, color: pages.partnerColor($0)) }
        partners.sort { ($0.color ?? .max) < ($1.color ?? .max) }
        // Each period's contributions in one pass: a partner's first contribution, and the first shared part.
        var values = [[ChartValue?]](repeating: [ChartValue?](repeating: nil, count: indices.count), count: partners.count)
        var sharedValues = [ChartValue?](repeating: nil, count: indices.count)
        // Read in place, by index: a `for` over the contributions would copy each one. `seen` is one array for all
        // the periods, cleared for each.
        var seen = [Bool](repeating: false, count: partners.count)
        for (column, index) in indices.enumerated() {
            for row in seen.indices { seen[row] = false }
            var sharedSeen = false
            let contributions = all[index].contributions
            for k in contributions.indices {
                let id = contributions[k].partner
                if id == sharedID {
                    if !sharedSeen { sharedValues[column] = cell(contributions[k].value); sharedSeen = true }
                } else {
                    if let row = partners.firstIndex(where: { $0.id == id }), !seen[row] {
                        values[row][column] = cell(contributions[k].value)
                        seen[row] = true
                    }
                }
            }
        }
        let series = partners.indices.map { row in
            BarSeries(name: pages.partnerName(partners[row].id), values: values[row], colorIndex: partners[row].color)
        }
        let shared = sharedValues.contains { $0 != nil }
            ? BarSeries(name: present.labels["shared_not_attributed"], values: sharedValues) : nil
        // Each bar's total is its whole height: under `sum` the collective value (partners and the shared part);
        // under `unique` the partners' counts added up, which count a person reached by several partners more
        // than once, so the deduplicated value is drawn across the bar and the summary says both.
        let unique = indicator.acrossPartners == .unique
        var input = StackedBarsInput(
            id: id, title: present.labels.format(indicator.direction == .decrease ? "chart_contributions_decrease" : "chart_contributions",
                                                 ["indicator": indicator.name]),
            periods: indices.map { all[$0].period.description }, series: series, shared: shared,
            totals: indices.map { (unique ? all[$0].sumOfParts : all[$0].value).map { present.value($0, indicator) } },
            format: present.numbers,
            words: present.chartWords.bars)
        if unique {
            input.totalsCountTwice = true
            let counted = indices.map { all[$0].deduplicated == true ? cell(all[$0].value) : nil }
            if counted.contains(where: { $0 != nil }) { input.counted = BarSeries(name: "", values: counted) }
        }
        return Charts.stackedBarsFigure(input)
    }

    static func heatMap(_ collaboration: CollaborationResults, pages: InitiativePages, id: String) -> String {
        guard !collaboration.periods.isEmpty, !collaboration.partnerOrder.isEmpty else { return "" }
        let present = pages.present
        let input = HeatMapInput(
            id: id, title: present.labels["collaboration_matrix"],
            labels: collaboration.partnerOrder.map { pages.partnerName($0) },
            colors: collaboration.partnerOrder.map { pages.partnerColor($0) ?? 0 },
            cells: collaboration.matrix.map { row in row.map { ChartValue($0, text: present.count($0)) } },
            format: present.numbers, words: present.chartWords.heatMap)
        return Charts.heatMapFigure(input, scrollingLabelledBy: "\(id)-title")
    }
}
