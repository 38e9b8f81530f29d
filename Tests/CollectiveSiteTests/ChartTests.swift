import Testing
import Foundation
@testable import CollectiveSite
@testable import ImpactDomain

/// Occurrences of `needle` in `haystack`.
private func count(_ needle: String, in haystack: String) -> Int {
    haystack.components(separatedBy: needle).count - 1
}

/// The `d` attribute of the first path with the given class.
private func pathData(_ svg: String, className: String) -> String? {
    guard let start = svg.range(of: "<path class=\"\(className)\" d=\"") else { return nil }
    let rest = svg[start.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
}

/// Every `<text>` element's content whose class is `className` (and the anchor class `mid` or `end`, if any).
private func texts(_ svg: String, className: String) -> [String] {
    svg.components(separatedBy: "<text class=\"").dropFirst().compactMap { piece in
        guard let endOfClass = piece.firstIndex(of: "\""), let open = piece.firstIndex(of: ">"),
              let close = piece.range(of: "</text>") else { return nil }
        let classes = piece[..<endOfClass].split(separator: " ").filter { $0 != "mid" && $0 != "end" }.joined(separator: " ")
        return classes == className ? String(piece[piece.index(after: open)..<close.lowerBound]) : nil
    }
}

/// All chart suites under one name, so `swift test --filter ChartTests` runs them together.
@Suite struct ChartTests {
    @Suite struct HTMLEscapeTests {
        @Test func escapesTheFiveMarkupCharacters() {
            #expect(escapeHTML("<script>alert('x') & \"y\"</script>")
                    == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
            #expect(escapeHTML("নারী ও শিশু") == "নারী ও শিশু")
            #expect(escapeHTML("") == "")
            #expect(escapeHTML("&amp;") == "&amp;amp;")
        }
    }

    @Suite struct ChartGeometryTests {
        @Test func coordinatesHaveAtMostOneDecimalAndNoLocale() {
            #expect(SVG.n(12.34) == "12.3")
            #expect(SVG.n(3) == "3")
            #expect(SVG.n(-2.46) == "-2.5")
            #expect(SVG.n(-0.04) == "0")
            #expect(SVG.n(1234567.25) == "1234567.3")
            #expect(SVG.n(.nan) == "0")
        }

        @Test func idsAreMadeSafeForAttributesAndURLReferences() {
            #expect(SVG.safeID("reach 2026/Q2") == "reach-2026-Q2")
            #expect(SVG.safeID("women_reached-1") == "women_reached-1")
            #expect(SVG.safeID("") == "chart")
            #expect(SVG.safeID("a\"><script>") == "a---script-")
            #expect(SVG.safeID("réach-২০২৬") == "r-ach-----")  // one "-" per character outside ASCII
        }

        @Test func axisStepsAreRoundAndStartAtZero() {
            let f = NumberFormat(locale: "en-US")
            #expect(AxisScale(low: 1200, high: 10_000).ticks == [0, 2000, 4000, 6000, 8000, 10_000])
            #expect(AxisScale(low: 0, high: 8450).ticks == [0, 2000, 4000, 6000, 8000, 10_000])
            #expect(AxisScale(low: 0, high: 37).ticks == [0, 10, 20, 30, 40])
            #expect(AxisScale(low: 0, high: 41).ticks == [0, 10, 20, 30, 40, 50])
            #expect(AxisScale(low: 0, high: 1).ticks.map(f.compact) == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
            #expect(AxisScale(low: 0, high: 0).ticks.map(f.compact) == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
            #expect(AxisScale(low: -300, high: 500).ticks == [-400, -200, 0, 200, 400, 600])
            #expect(AxisScale(low: 800, high: 1200, fromZero: false).ticks == [800, 900, 1000, 1100, 1200])
            #expect(AxisScale(low: 0, high: 340_000).ticks == [0, 100_000, 200_000, 300_000, 400_000])
        }

        @Test func periodLabelsAreThinnedFromTheLatestBackwards() {
            #expect(visibleLabelIndices(count: 8, slotWidth: 54, labelWidth: 60) == [1, 3, 5, 7])
            #expect(visibleLabelIndices(count: 3, slotWidth: 100, labelWidth: 60) == [0, 1, 2])
            #expect(visibleLabelIndices(count: 7, slotWidth: 20, labelWidth: 60) == [0, 3, 6])
        }

        @Test func heatLevelsAreSixStepsOfTheLargestValue() {
            #expect(Charts.heatLevel(0, max: 10) == 0)
            #expect(Charts.heatLevel(1, max: 10) == 1)
            #expect(Charts.heatLevel(5, max: 10) == 3)
            #expect(Charts.heatLevel(9, max: 10) == 6)
            #expect(Charts.heatLevel(10, max: 10) == 6)
            #expect(Charts.heatLevel(3, max: 0) == 0)
        }

        @Test func everyStatusHasItsOwnShape() {
            #expect(Set(Status.allCases.map(ChartPalette.shape)).count == 5)
            #expect(Status.allCases.map(ChartPalette.shape) == [.diamond, .circle, .triangle, .cross, .square])
        }
    }

    @Suite struct LineChartTests {
        let f = NumberFormat(locale: "en-IN")
        let periods = ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]

        func input(_ raw: [Double?], status: Status = .onTrack, target: Double? = 10_000, baseline: Double? = 800,
                   title: String = "Women reached, 2024-Q3 to 2026-Q2", periods: [String]? = nil) -> LineChartInput {
            LineChartInput(id: "reach", title: title, seriesName: "Women reached", periods: periods ?? self.periods,
                           values: raw.map { $0.map { ChartValue($0, text: f.count($0)) } }, status: status,
                           target: target.map { ReferenceLine($0, text: f.count($0)) },
                           baseline: baseline.map { ReferenceLine($0, text: f.count($0)) }, format: f)
        }

        let reach: [Double?] = [1200, 2100, nil, 4300, 5200, 6100, 7400, 8450]

        @Test func hasAnAccessibleNameAndDescription() {
            let chart = Charts.lineChart(input(reach))
            #expect(chart.svg.hasSuffix("</svg>"))
            // Fluid: no viewBox on the chart, so its 13 px text is 13 px at every width; the value labels sit in a gutter.
            // Inline in HTML, so no xmlns; named by its first child, the <title>; the status class gives its colour.
            #expect(chart.svg.hasPrefix("<svg class=\"chart-svg chart-fluid chart-gutter-40 chart-line-chart status-on_track\" id=\"reach\" width=\"100%\" height=\"248\" role=\"img\"><title>Women reached, 2024-Q3 to 2026-Q2</title>"))
            // Sizes and colours are the stylesheet's (ChartStyleTests), never repeated on each element.
            #expect(!chart.svg.contains("font-size") && !chart.svg.contains("fill=\"#") && !chart.svg.contains("stroke=\""))
            #expect(chart.summary == "Women reached rose from 1,200 in 2024-Q3 to 8,450 in 2026-Q2 against a target of 10,000; no data for 2025-Q1; status: On track.")
            // The summary is the figure's caption, so it is not said twice as a <desc> too.
            #expect(!chart.svg.contains("<desc"))
            #expect(chart.figure.contains("<figcaption class=\"chart-summary\">\(chart.summary)"))
        }

        @Test func drawsTargetBaselineGridAndTheLatestStatus() {
            let svg = Charts.lineChart(input(reach)).svg
            #expect(count("class=\"chart-target\"", in: svg) == 1)
            #expect(svg.contains("<line class=\"chart-target\" x1=\"0\" y1=\"26\" x2=\"100%\" y2=\"26\"/>"))
            #expect(texts(svg, className: "chart-target-label") == ["Target 10,000"])
            #expect(texts(svg, className: "chart-baseline-label") == ["Baseline 800"])
            // Quarters every other slot from the latest back (they would touch on a phone), each year once under them.
            #expect(texts(svg, className: "chart-axis-label") == ["0", "2K", "4K", "6K", "8K", "10K"])
            #expect(texts(svg, className: "chart-axis-label chart-narrow") == ["Q2", "Q4", "Q2", "Q4", "2026", "2025", "2024"])
            // From a 48 rem window on, every quarter has room.
            #expect(texts(svg, className: "chart-axis-label chart-wide") == ["Q2", "Q1", "Q4", "Q3", "Q2", "Q1", "Q4", "Q3", "2026", "2025", "2024"])
            #expect(count("class=\"chart-gridline\"", in: svg) == 5 && count("class=\"chart-gridline chart-zero\"", in: svg) == 1)
            // Status by word and shape, not only colour.
            #expect(texts(svg, className: "chart-status-label status-on_track") == ["8,450 · On track"])
            // Left of the latest point and just above it: above the point the target line is in the way.
            // Drawn twice: first as a white outline (bold like the label), then the label.
            #expect(svg.contains("<text class=\"chart-halo bold end\" x=\"93.8%\" dx=\"-11\" y=\"49.6\">8,450 · On track</text><text class=\"chart-status-label status-on_track end\" x=\"93.8%\" dx=\"-11\" y=\"49.6\">"))
            #expect(svg.contains("<svg x=\"93.8%\"><circle class=\"chart-marker status-on_track marker-solid\" cx=\"0\" cy=\"53.6\" r=\"6\"/>"))
            #expect(svg.contains("<path class=\"chart-line status-on_track\""))
        }

        @Test func aMissingPeriodBreaksTheLineInsteadOfDroppingToZero() {
            let svg = Charts.lineChart(input(reach)).svg
            let d = try! #require(pathData(svg, className: "chart-line status-on_track"))
            // Two runs: 2024-Q3…Q4, then 2025-Q2…2026-Q2, in a drawing 1000 wide stretched to the plot: x of slot i is
            // (i + 0.5) × 125; the stroke keeps its width (non-scaling).
            #expect(d == "M62.5,182.6L187.5,166.6M437.5,127.5L562.5,111.4L687.5,95.4L812.5,72.3L937.5,53.6")
            #expect(!d.contains("312.5"))  // 2025-Q1's x: nothing drawn there
            #expect(svg.contains("viewBox=\"0 0 1000 248\" preserveAspectRatio=\"none\"><path class=\"chart-line status-on_track\""))
            #expect(svg.contains("preserveAspectRatio=\"none\"><path class=\"chart-line status-on_track\" d=\"M62.5,182.6"))
            #expect(svg.contains("L937.5,53.6\" vector-effect=\"non-scaling-stroke\"/></svg>"))
            // A dot for every reported point but the latest, which has the status marker instead.
            #expect(count("class=\"chart-point\"", in: svg) == 6)
            #expect(svg.contains("<title>2025-Q2: 4,300</title>"))
            #expect(!svg.contains("2025-Q1:"))
        }

        @Test func everyTextValueIsEscaped() {
            let chart = Charts.lineChart(input([1, 2], title: "<script>alert(1)</script>", periods: ["Q&A", "\"Q2\""]))
            #expect(chart.svg.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>"))
            #expect(chart.svg.contains(">Q&amp;A</text>"))
            #expect(chart.svg.contains(">&quot;Q2&quot;</text>"))
            #expect(!chart.svg.contains("<script"))
            #expect(!chart.svg.contains("\"Q2\""))
        }

        @Test func containsNoScriptsNoLinksAndNoInlineStyles() {
            let svg = Charts.lineChart(input(reach)).svg
            #expect(!svg.contains("<script"))
            #expect(!svg.contains("href"))
            #expect(!svg.contains("style="))
            #expect(!svg.contains("http"))
        }

        @Test func outputIsDeterministic() {
            #expect(Charts.lineChart(input(reach)) == Charts.lineChart(input(reach)))
        }

        @Test func eachStatusHasItsMarkerShapeAndWord() {
            let expectations: [(Status, String, String)] = [
                (.achieved, "<path class=\"chart-marker status-achieved marker-solid\"", "Achieved"),
                (.onTrack, "<circle class=\"chart-marker status-on_track marker-solid\"", "On track"),
                (.atRisk, "<path class=\"chart-marker status-at_risk marker-solid\"", "At risk"),
                (.offTrack, "<path class=\"chart-marker status-off_track marker-cross\"", "Off track"),
                (.noData, "<rect class=\"chart-marker status-no_data marker-hollow\"", "No data"),
            ]
            for (status, marker, word) in expectations {
                let svg = Charts.lineChart(input(reach, status: status)).svg
                #expect(svg.contains(marker), "\(status)")
                #expect(texts(svg, className: "chart-status-label status-\(status.rawValue)") == ["8,450 · \(word)"])
            }
            // The off-track cross is drawn with strokes only, so it is a shape not a blob.
            let cross = Charts.lineChart(input(reach, status: .offTrack)).svg
            #expect(cross.contains("class=\"chart-marker status-off_track marker-cross\" d=\"M-6,47.6L6,59.6M6,47.6L-6,59.6\" stroke-width=\"3.6\"/>"))
        }

        @Test func theTargetLabelStepsAsideWhenTheLatestLabelWouldCoverIt() {
            let svg = Charts.lineChart(input([5000, 7000, 10_000], baseline: nil, periods: ["2025-Q4", "2026-Q1", "2026-Q2"])).svg
            // The latest point sits on the target line at the right: the target label moves to the left end.
            #expect(svg.contains("<text class=\"chart-target-label\" x=\"0\" y=\"20\">Target 10,000</text>"))
        }

        @Test func noDataGivesAnEmptyChartThatSaysSo() {
            let chart = Charts.lineChart(input([nil, nil], target: nil, baseline: nil, periods: ["2026-Q1", "2026-Q2"]))
            #expect(chart.summary == "No data has been reported for Women reached yet.")
            #expect(texts(chart.svg, className: "chart-empty") == ["No data yet"])
            #expect(!chart.svg.contains("class=\"chart-line "))
            #expect(!chart.svg.contains("chart-marker"))
            // No made-up scale: gridlines without numbers.
            #expect(texts(chart.svg, className: "chart-axis-label") == ["Q2", "Q1", "2026"])  // both fit every screen
        }

        @Test func summaryCoversOnePointFallingAndSteadySeries() {
            #expect(Charts.lineChart(input([nil, 300], target: nil, periods: ["2026-Q1", "2026-Q2"])).summary
                    == "Women reached was 300 in 2026-Q2; status: On track.")
            #expect(Charts.lineChart(input([500, 300], target: nil, periods: ["2026-Q1", "2026-Q2"])).summary
                    == "Women reached fell from 500 in 2026-Q1 to 300 in 2026-Q2; status: On track.")
            #expect(Charts.lineChart(input([300, 300], target: nil, periods: ["2026-Q1", "2026-Q2"])).summary
                    == "Women reached stayed at 300 from 2026-Q1 to 2026-Q2; status: On track.")
        }

        @Test func wordsAndNumbersFollowTheSiteLanguage() {
            let bn = NumberFormat(locale: "bn", nativeDigits: true)
            var words = LineChartWords()
            words.targetLabel = "লক্ষ্য {value}"
            words.rose = "{name} {firstPeriod}-এ {first} থেকে {lastPeriod}-এ {last}-এ বেড়েছে"
            words.againstTarget = " (লক্ষ্য {target})"
            words.status = "; অবস্থা: {status}।"
            words.latestLabel = "{value} · {status}"
            let chart = Charts.lineChart(LineChartInput(
                id: "reach-bn", title: "নারী", seriesName: "নারী", periods: ["২০২৬-Q1", "২০২৬-Q2"],
                values: [ChartValue(12_000, text: bn.count(12_000)), ChartValue(340_000, text: bn.count(340_000))],
                status: .atRisk, statusLabel: "ঝুঁকিতে", target: ReferenceLine(400_000, text: bn.count(400_000)), format: bn, words: words))
            #expect(chart.summary == "নারী ২০২৬-Q1-এ ১২,০০০ থেকে ২০২৬-Q2-এ ৩,৪০,০০০-এ বেড়েছে (লক্ষ্য ৪,০০,০০০); অবস্থা: ঝুঁকিতে।")
            #expect(texts(chart.svg, className: "chart-target-label") == ["লক্ষ্য ৪,০০,০০০"])
            #expect(texts(chart.svg, className: "chart-status-label status-at_risk") == ["৩,৪০,০০০ · ঝুঁকিতে"])
            #expect(Array(texts(chart.svg, className: "chart-axis-label").prefix(5)) == ["০", "১ লাখ", "২ লাখ", "৩ লাখ", "৪ লাখ"])
            #expect(chart.svg.contains("id=\"reach-bn\"") && chart.svg.contains("<title>নারী</title>"))
        }
    }

    @Suite struct StackedBarsTests {
        let f = NumberFormat(locale: "en-US")

        func value(_ v: Double?) -> ChartValue? { v.map { ChartValue($0, text: f.count($0)) } }

        func input(partners: [(String, [Double?])], shared: [Double?]? = nil, periods: [String] = ["2026-Q1", "2026-Q2"]) -> StackedBarsInput {
            StackedBarsInput(id: "contrib", title: "Contributions to women reached", periods: periods,
                             series: partners.map { BarSeries(name: $0.0, values: $0.1.map(value)) },
                             shared: shared.map { BarSeries(name: "", values: $0.map(value)) }, format: f)
        }

        @Test func oneSegmentPerReportedValueAndAHatchedSharedPart() {
            let chart = Charts.stackedBars(input(partners: [("Anwesha", [300, 400]), ("<Caif>", [nil, 250]), ("Ekota", [100, 0])],
                                                 shared: [nil, 50]))
            let svg = chart.svg
            #expect(count("<svg class=\"chart-bar\"", in: svg) == 2)
            // 300, 400, 250, 100 — Caif's missing value and Ekota's zero draw nothing.
            #expect(count("class=\"chart-segment series-", in: svg) == 4)
            #expect(count("class=\"chart-segment chart-shared\"", in: svg) == 1)
            #expect(svg.contains("<pattern id=\"contrib-shared\""))
            #expect(svg.contains("fill=\"url(#contrib-shared)\""))
            // Palette colours by class (the stylesheet's series-0 … series-7), no fill on the element.
            #expect(svg.contains("class=\"chart-segment series-0\" x=\""))
            #expect(svg.contains("class=\"chart-segment series-1\" x=\"") && svg.contains("class=\"chart-segment series-2\" x=\""))
            #expect(!svg.contains("<rect class=\"chart-segment series-0\" x=\"-20\" y=\"134\" width=\"40\" height=\"66\" fill"))
            // The legend is HTML under the chart, every name in full and escaped.
            #expect(chart.legend.contains("</svg>Anwesha</li>") && chart.legend.contains("</svg>&lt;Caif&gt;</li>"))
            #expect(chart.legend.contains("fill=\"url(#contrib-shared)\"") && chart.legend.contains("</svg>Shared, not attributed</li>"))
            #expect(chart.figure.contains("</svg><ul class=\"chart-legend\">"))
            #expect(svg.contains("<title>&lt;Caif&gt;, 2026-Q2: 250</title>"))
            #expect(!svg.contains("<Caif>"))
            #expect(chart.summary == "In 2026-Q2, 3 partners reported; the largest part came from Anwesha (400); Shared, not attributed: 50.")
        }

        @Test func segmentHeightsAddUp() {
            // Scale 0–40 over 176 px (24 to 200): 30 is 132 px, 10 is 44 px, stacked from the bottom, in a bar 40 px
            // wide centred on its slot (a group at 50% of the plot).
            let svg = Charts.stackedBars(input(partners: [("A", [30]), ("B", [10])], periods: ["2026-Q2"])).svg
            #expect(svg.contains("<svg class=\"chart-bar\" x=\"50%\"><rect class=\"chart-segment series-0\" x=\"-20\" y=\"68\" width=\"40\" height=\"132\">"))
            #expect(svg.contains("class=\"chart-segment series-1\" x=\"-20\" y=\"24\" width=\"40\" height=\"44\""))
            #expect(texts(svg, className: "chart-axis-label") == ["0", "10", "20", "30", "40", "Q2", "2026"])
        }

        @Test func morePartnersThanColoursGetPatterns() {
            let partners = (0..<10).map { ("Partner \($0)", [Double?](arrayLiteral: Double($0 + 1))) }
            let svg = Charts.stackedBars(input(partners: partners, periods: ["2026-Q2"])).svg
            #expect(svg.contains("<pattern id=\"contrib-s8\"") && svg.contains("fill=\"url(#contrib-s8)\""))
            #expect(svg.contains("<pattern id=\"contrib-s9\"") && svg.contains("fill=\"url(#contrib-s9)\""))
            #expect(!svg.contains("contrib-s7"))  // the eighth partner still has a plain colour (black)
            #expect(svg.contains("class=\"chart-segment series-7\" x=\""))
            #expect(svg.contains("class=\"chart-segment series-8\" x=\"") && svg.contains("fill=\"url(#contrib-s8)\"><title>"))
            #expect(count("<li>", in: Charts.stackedBars(input(partners: partners, periods: ["2026-Q2"])).legend) == 10)
        }

        @Test func totalsPrintAboveBarsAndInTheSummary() {
            var i = input(partners: [("A", [30, 40])])
            i.totals = ["30", "40"]
            let chart = Charts.stackedBars(i)
            #expect(texts(chart.svg, className: "chart-total") == ["30", "40"])
            #expect(chart.legend.contains("<li class=\"chart-legend-note\">Number above a bar: the total for the period</li>"))
            #expect(chart.summary == "In 2026-Q2, only A reported (40); total 40.")
        }

        /// Each partner keeps the colour its initiative gave it, whatever its place in this chart; the deduplicated
        /// collective value is a dashed line with hollow diamonds, named in the legend apart from the bars.
        @Test func partnerColoursAndTheCollectiveLine() {
            var i = input(partners: [("Lal Sutor", [300, 400])], periods: ["2026-Q1", "2026-Q2"])
            i.series[0].colorIndex = 6
            i.counted = BarSeries(name: "", values: [value(250), value(330)])
            i.totalsCountTwice = true
            i.totals = ["300", "400"]
            let chart = Charts.stackedBars(i)
            #expect(chart.svg.contains("class=\"chart-segment series-6\""))
            #expect(!chart.svg.contains("series-0"))
            #expect(chart.legend.contains("<rect class=\"series-6\" width=\"14\" height=\"14\"/>"))
            #expect(chart.svg.contains("<path class=\"chart-collective-line\" d=\"M250,"))
            #expect(count("<path class=\"chart-collective chart-counted\"", in: chart.svg) == 2)
            #expect(chart.svg.contains("<title>Counted once (deduplicated), 2026-Q2: 330</title>"))
            #expect(chart.legend.contains("</svg>Counted once (deduplicated)</li>"))
            #expect(chart.legend.contains("the partners&#39; counts added up") || chart.legend.contains("the partners' counts added up"))
        }

        @Test func nothingReported() {
            let chart = Charts.stackedBars(input(partners: [("A", [nil, nil])]))
            #expect(chart.summary == "No contributions have been reported yet.")
            #expect(texts(chart.svg, className: "chart-empty") == ["No data yet"])
            #expect(!chart.svg.contains("chart-segment"))
        }
    }

    @Suite struct ProgressBarTests {
        func input(_ progress: Double?, expected: Double? = 0.7, status: Status = .onTrack) -> ProgressBarInput {
            ProgressBarInput(id: "prog", title: "Progress toward 10,000 women reached", progress: progress,
                             progressText: progress.map { NumberFormat(locale: "en").share($0) } ?? "",
                             expected: expected, expectedText: expected.map { NumberFormat(locale: "en").share($0) }, status: status)
        }

        @Test func fillExpectedMarkerAndText() {
            let chart = Charts.progressBar(input(0.62))
            #expect(chart.summary == "62% of target; expected 70%; status: On track.")
            // The status word and the figures are one text, set side by side by the browser (they cannot collide
            // in any script); the expected share is the tick's own label.
            #expect(chart.svg.contains("<text class=\"chart-progress-headline\" x=\"20\" y=\"17\"><tspan class=\"chart-status-label status-on_track\">On track</tspan><tspan class=\"chart-progress-text\" dx=\"10\">62% of target</tspan></text>"))
            // A solid bar takes the status colour from the stylesheet: no fill of its own.
            #expect(chart.svg.contains("<rect class=\"progress-fill status-on_track\" x=\"0\" y=\"26\" width=\"62%\" height=\"18\"/>"))
            // Fractions of the track's width: 62% wide, the tick at 70%.
            #expect(chart.svg.contains("class=\"progress-fill status-on_track\" x=\"0\" y=\"26\" width=\"62%\""))
            #expect(chart.svg.contains("<svg x=\"70%\"><line class=\"progress-expected\" x1=\"0\""))
            #expect(texts(chart.svg, className: "progress-expected-label") == ["expected 70%"])
            #expect(chart.svg.contains("<circle class=\"chart-marker status-on_track marker-solid\""))
        }

        @Test func statusPatternsBeyondColour() {
            let atRisk = Charts.progressBar(input(0.4, status: .atRisk)).svg
            #expect(atRisk.contains("<pattern id=\"prog-fill\"") && atRisk.contains("fill=\"url(#prog-fill)\""))
            #expect(atRisk.contains("<path class=\"chart-marker status-at_risk marker-solid\""))
            let offTrack = Charts.progressBar(input(0.2, status: .offTrack)).svg
            #expect(offTrack.contains("d=\"M0,0L6,6M6,0L0,6\""))  // cross-hatching
            #expect(!Charts.progressBar(input(0.9, status: .achieved)).svg.contains("<pattern"))
        }

        @Test func overshootIsCappedInTheDrawingButNotInTheText() {
            let chart = Charts.progressBar(input(1.3, expected: nil, status: .achieved))
            #expect(chart.svg.contains("class=\"progress-fill status-achieved\" x=\"0\" y=\"26\" width=\"100%\""))
            #expect(chart.summary == "130% of target; status: Achieved.")
            #expect(!chart.svg.contains("progress-expected"))
        }

        /// The pages' bars are written straight into their `<figure>`: the same markup as the chart's `figure`.
        @Test func aFigureWrittenAtOnceIsTheRenderedBarsFigure() {
            for bar in [input(0.62), input(0.4, status: .atRisk), input(0.2, status: .offTrack), input(1.3, expected: nil),
                        input(nil, status: .noData)] {
                let figure = Charts.progressBarFigure(bar)
                #expect(figure == Charts.progressBar(bar).figure)
                #expect(figure.hasPrefix("<figure class=\"chart\"><svg class=\"chart-svg chart-fluid chart-progress status-"))
                #expect(figure.hasSuffix("</svg><figcaption class=\"chart-summary\">\(Charts.progressSummary(bar))</figcaption></figure>"))
            }
        }

        @Test func noProgressFigure() {
            let chart = Charts.progressBar(input(nil, status: .noData))
            #expect(chart.summary == "No progress can be shown yet; status: No data.")
            #expect(!chart.svg.contains("progress-fill"))
            #expect(!chart.svg.contains("progress-expected"))
            #expect(chart.svg.contains("<rect class=\"chart-marker status-no_data marker-hollow\""))
        }
    }

    @Suite struct HeatMapTests {
        let f = NumberFormat(locale: "en-US")

        func input(_ m: [[Double]], labels: [String] = ["Anwesha", "BRAC <Urban>", "Caif"]) -> HeatMapInput {
            HeatMapInput(id: "collab", title: "Who works with whom", labels: labels,
                         cells: m.map { $0.map { ChartValue($0, text: f.count($0)) } }, format: f)
        }

        @Test func shadedCellsWithTheirCounts() {
            let chart = Charts.heatMap(input([[0, 12, 0], [4, 0, 0], [0, 2, 0]]))
            let svg = chart.svg
            #expect(count("class=\"heat-cell level-", in: svg) == 6)
            #expect(count("class=\"heat-cell heat-self\"", in: svg) == 3)
            // Shades by level class (ColorBrewer Blues in the stylesheet).
            #expect(svg.contains("<rect class=\"heat-cell level-6\" x=\"204.2\" y=\"62\" width=\"40\" height=\"40\"><title>"))
            #expect(count("class=\"heat-cell level-0\"", in: svg) == 3)
            #expect(!svg.contains("fill="))
            #expect(texts(svg, className: "heat-value") == ["–", "12", "0", "4", "–", "0", "0", "2", "–"])
            #expect(svg.contains("<title>Anwesha → BRAC &lt;Urban&gt;: 12</title>"))
            // Each number right after its cell: the stylesheet turns the number after the two darkest levels white.
            #expect(svg.contains("12</title></rect><text class=\"heat-value mid\" x=\"224.2\" y=\"86\">12</text>"))
            #expect(svg.contains("4</title></rect><text class=\"heat-value mid\" x=\"184.2\" y=\"126\">4</text>"))
            #expect(!svg.contains("<Urban>"))
            #expect(chart.summary == "2 of 3 partner pairs worked together; the most interactions, 12, went from Anwesha to BRAC <Urban>.")
        }

        /// On a phone the matrix scrolls sideways instead of shrinking: a focusable region named by the chart's
        /// own title, with the summary outside it.
        @Test func itsFigureScrollsInAFocusableRegionNamedByItsTitle() throws {
            let chart = Charts.heatMap(input([[0, 12, 0], [4, 0, 0], [0, 2, 0]]))
            let figure = chart.figure(scrollingLabelledBy: "collab-title")
            #expect(chart.svg.contains("<title id=\"collab-title\">Who works with whom</title>"))
            #expect(figure.hasPrefix("<figure class=\"chart\"><div class=\"chart-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"collab-title\"><svg "))
            #expect(figure.hasSuffix("</svg></div><figcaption class=\"chart-summary\">2 of 3 partner pairs worked together; the most interactions, 12, went from Anwesha to BRAC &lt;Urban&gt;.</figcaption></figure>"))
            #expect(!chart.figure.contains("chart-scroll"))
            // Written straight into its figure, the same markup.
            #expect(Charts.heatMapFigure(input([[0, 12, 0], [4, 0, 0], [0, 2, 0]]), scrollingLabelledBy: "collab-title") == figure)
        }

        /// Names are never cut: each row carries the partner's number, colour and full name wrapped at spaces;
        /// columns carry the number and colour. Drawn at its own size (no scaling), so its text stays 12–13 px.
        @Test func fullNamesWrappedAndEachPartnersColour() {
            var i = input([[0, 1], [2, 0]], labels: ["Circular Apparel Innovation Factory", "Lal Sutor"])
            i.colors = [3, 9]
            let svg = Charts.heatMap(i).svg
            #expect(texts(svg, className: "chart-axis-label") == ["1", "Circular Apparel Innovation", "Factory", "1", "2", "Lal Sutor", "2"])
            #expect(!svg.contains("…"))
            #expect(count("class=\"heat-swatch series-3\"", in: svg) == 2)  // partner colour 3 (yellow), row and column
            #expect(svg.contains("<pattern id=\"collab-s9\"") && count("class=\"heat-swatch series-9\" x=\"", in: svg) == 2)
            #expect(count("fill=\"url(#collab-s9)\"", in: svg) == 2)
            #expect(svg.contains(" width=\"") && !svg.contains("width=\"100%\""))
        }

        @Test func noCollaboration() {
            let chart = Charts.heatMap(input([[0, 0], [0, 0]], labels: ["A", "B"]))
            #expect(chart.summary == "No collaboration between partners has been recorded yet.")
            #expect(count("class=\"heat-cell level-0\"", in: chart.svg) == 2)
        }
    }

    /// The label-placement step: a position must hold at every width the chart can be shown at.
    @Suite struct LabelLayoutTests {
        @Test func boxesThatMeetAtSomeWidthOverlap() {
            let layout = LabelLayout(widths: 200...1000, top: 0, bottom: 200)
            // Two labels 50 px wide at 10% and 20% of the plot: 20 px apart at 200 px, 100 px apart at 1000.
            let a = LabelBox(left: FluidX(0.1), width: 50, top: 0, bottom: 18)
            let b = LabelBox(left: FluidX(0.2), width: 50, top: 0, bottom: 18)
            #expect(layout.overlaps(a, b))
            // The same at 40% and 60%: 40 px apart at the narrowest, clear of a 30 px label everywhere.
            #expect(!layout.overlaps(LabelBox(left: FluidX(0.4), width: 30, top: 0, bottom: 18),
                                     LabelBox(left: FluidX(0.6), width: 30, top: 0, bottom: 18)))
            // One row apart: never.
            #expect(!layout.overlaps(a, LabelBox(left: FluidX(0.1), width: 50, top: 20, bottom: 38)))
        }

        @Test func aLabelOnALineOrOutsideThePlotDoesNotFit() {
            var layout = LabelLayout(widths: 200...1000, top: 0, bottom: 200)
            layout.avoid(from: FluidX(0), 100, to: FluidX(1), 100)
            #expect(!layout.fits(LabelBox(left: FluidX(0.5), width: 40, top: 90, bottom: 108)))
            #expect(layout.fits(LabelBox(left: FluidX(0.5), width: 40, top: 70, bottom: 88)))
            #expect(!layout.fits(LabelBox(left: FluidX(1, -20), width: 40, top: 10, bottom: 28)))  // past the right edge
        }

        @Test func theFirstFreeCandidateWinsAndTheRestIsDropped() {
            var layout = LabelLayout(widths: 200...1000, top: 0, bottom: 200)
            let first = LabelBox(left: FluidX(0), width: 60, top: 0, bottom: 18)
            #expect(layout.place([first]) == 0)
            #expect(layout.place([first, LabelBox(left: FluidX(0), width: 60, top: 20, bottom: 38)]) == 1)
            #expect(layout.place([first]) == nil)
        }

        @Test func aLabelTooWideForAPhoneIsDrawnForWideScreensOnly() {
            var layout = TieredLayout(gutter: 40, top: 0, bottom: 200)
            // 300 px does not fit a 196 px plot, but fits every plot from 360 px.
            #expect(layout.place([LabelBox(left: FluidX(0), width: 300, top: 0, bottom: 18)]) == .wideOnly(0))
            #expect(layout.place([LabelBox(left: FluidX(0), width: 100, top: 30, bottom: 48)]) == .everywhere(0))
            #expect(layout.place([LabelBox(left: FluidX(0), width: 1100, top: 60, bottom: 78)]) == .dropped)
        }

        @Test func widthsAreMeasuredNotGuessedPerCharacter() {
            #expect(TextMetrics.width("0000", size: 10) == 25.6)
            #expect(TextMetrics.width("On track", size: 13, bold: true) > TextMetrics.width("On track", size: 13))
            #expect(TextMetrics.wrap("Circular Apparel Innovation Factory", size: 13, maxWidth: 180) == ["Circular Apparel Innovation", "Factory"])
            #expect(TextMetrics.wrap("Supercalifragilistic", size: 13, maxWidth: 20) == ["Supercalifragilistic"])
        }
    }

    @Suite struct MilestoneTests {
        @Test func milestonesAreHollowDiamondsAndTheLastIsLabelled() {
            let f = NumberFormat(locale: "en")
            let chart = Charts.lineChart(LineChartInput(
                id: "m", title: "t", seriesName: "Women", periods: ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"],
                values: [1000, 2000, 3000, 4000].map { ChartValue($0, text: f.count($0)) }, status: .onTrack,
                target: ReferenceLine(10_000, text: "10,000"), format: f,
                milestones: [nil, ChartValue(2500, text: "2,500"), nil, ChartValue(5000, text: "5,000")]))
            #expect(count("<path class=\"chart-milestone\"", in: chart.svg) == 2)
            #expect(chart.svg.contains("<title>2025-Q4 milestone: 2,500</title>"))
            #expect((texts(chart.svg, className: "chart-milestone-label") + chart.dropped + chart.droppedOnPhones).contains("Milestone 5,000"))
            // The legend says what the diamonds are; a chart without milestones has no such legend.
            #expect(chart.legend.contains("</svg>Milestone: the target set for that period</li>"))
            #expect(Charts.lineChart(LineChartInput(id: "n", title: "t", seriesName: "s", periods: ["2026-Q2"],
                                                    values: [ChartValue(1, text: "1")], status: .onTrack, format: f)).legend.isEmpty)
        }
    }

    @Suite struct SparklineTests {
        @Test func smallFixedSizeWithTitleGapAndStatusShape() {
            let f = NumberFormat(locale: "en-US")
            let raw: [Double?] = [10, 20, nil, 30, 40]
            let chart = Charts.sparkline(SparklineInput(
                id: "spark-reach", title: "Women reached, 2025-Q2 to 2026-Q2", seriesName: "Women reached",
                periods: ["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"],
                values: raw.map { $0.map { ChartValue($0, text: f.count($0)) } }, status: .achieved))
            #expect(chart.svg.contains("viewBox=\"0 0 120 32\" width=\"120\" height=\"32\" role=\"img\"><title>Women reached, 2025-Q2 to 2026-Q2</title>"))
            #expect(chart.summary == "Women reached rose from 10 in 2025-Q2 to 40 in 2026-Q2; no data for 2025-Q4; status: Achieved.")
            // A sparkline has no caption on its card: its <desc> carries the sentence.
            #expect(chart.svg.contains("</title><desc>\(chart.summary)</desc>"))
            // x steps of 27 from 6; y from 26 (smallest) to 6 (largest).
            #expect(pathData(chart.svg, className: "chart-line status-achieved") == "M6,26L33,19.3M87,12.7L114,6")
            #expect(chart.svg.contains("<path class=\"chart-marker status-achieved marker-solid\""))
        }
    }

    @Suite struct RenderedChartTests {
        @Test func figureWrapsTheChartWithItsEscapedSummary() {
            let chart = RenderedChart(svg: "<svg></svg>", summary: "A & B rose.")
            #expect(chart.figure == "<figure class=\"chart\"><svg></svg><figcaption class=\"chart-summary\">A &amp; B rose.</figcaption></figure>")
            var dropped = RenderedChart(svg: "<svg></svg>", summary: "S", dropped: ["Target 5", "<B>"], legend: "<ul></ul>")
            dropped.droppedOnPhones = ["1 & 2"]
            #expect(dropped.figure(scrollingLabelledBy: "c'1") == "<figure class=\"chart\"><div class=\"chart-scroll\" "
                    + "role=\"region\" tabindex=\"0\" aria-labelledby=\"c&#39;1\"><svg></svg></div><ul></ul>"
                    + "<figcaption class=\"chart-summary\">S<span class=\"chart-dropped\">Target 5 · &lt;B&gt;</span>"
                    + "<span class=\"chart-dropped chart-narrow\">1 &amp; 2</span></figcaption></figure>")
        }

        /// The pages' charts are written straight into their `<figure>`: the same markup as the chart's `figure`.
        @Test func aFigureWrittenAtOnceIsTheRenderedChartsFigure() {
            let f = NumberFormat(locale: "en")
            let periods = (0..<12).map { "\(2024 + $0 / 4)-Q\($0 % 4 + 1)" }
            func value(_ v: Double) -> ChartValue { ChartValue(v, text: f.count(v)) }
            var line = LineChartInput(id: "tr", title: "Women <reached>", seriesName: "Women", periods: periods,
                                      values: periods.indices.map { $0 == 5 ? nil : value(Double(100 * $0 * $0)) },
                                      status: .atRisk, target: ReferenceLine(20_000, text: "20,000"),
                                      baseline: ReferenceLine(0, text: "0"), format: f)
            line.milestones = periods.indices.map { $0 == 7 ? value(9_000) : nil }
            line.periodNotes = periods.indices.map { $0 == 11 ? "2026-Q4 (1 of 2 partners reported)" : nil }
            #expect(Charts.lineChartFigure(line) == Charts.lineChart(line).figure)
            line.values = []
            #expect(Charts.lineChartFigure(line) == Charts.lineChart(line).figure)
            var bars = StackedBarsInput(id: "cv", title: "By partner", periods: periods,
                                        series: [BarSeries(name: "A & Co", values: periods.indices.map { value(Double($0 + 3)) }),
                                                 BarSeries(name: "B", values: periods.indices.map { $0 % 3 == 0 ? nil : value(7) },
                                                           colorIndex: 9)],
                                        shared: BarSeries(name: "", values: periods.indices.map { _ in value(2) }),
                                        totals: periods.indices.map { f.count(Double($0 + 12)) }, format: f)
            #expect(Charts.stackedBarsFigure(bars) == Charts.stackedBars(bars).figure)
            bars.totalsCountTwice = true
            bars.counted = BarSeries(name: "", values: periods.indices.map { value(Double($0 + 8)) })
            #expect(Charts.stackedBarsFigure(bars) == Charts.stackedBars(bars).figure)
            #expect(Charts.stackedBarsFigure(bars).contains("chart-legend-marker"))
        }

        @Test func chartsOnOnePageKeepTheirIdsApart() {
            let f = NumberFormat(locale: "en")
            func line(_ id: String) -> String {
                Charts.lineChart(LineChartInput(id: id, title: "t", seriesName: "s", periods: ["2026-Q2"],
                                                values: [ChartValue(1, text: "1")], status: .onTrack, format: f)).svg
            }
            #expect(line("a").contains("id=\"a\"") && line("b").contains("id=\"b\""))
            let bars = Charts.stackedBars(StackedBarsInput(id: "x", title: "t", periods: ["p"], series: [],
                                                           shared: BarSeries(name: "", values: [ChartValue(1, text: "1")]), format: f)).svg
            #expect(bars.contains("<pattern id=\"x-shared\""))
        }
    }
}

/// Chart words come from the language's translation file, key by key; a key it lacks keeps the English default.
@Suite struct ChartWordsTests {
    @Test func aTranslationOverridesOnlyTheKeysItHas() {
        let labels = Labels(language: "xx", translations: [
            "en": ["shared_not_attributed": "Shared, not attributed"],
            "xx": ["chart_line_rose": "{name}: {first} → {last}", "chart_status": " [{status}]", "chart_heat_rows": "De"],
        ])
        let words = ChartWords(labels)
        #expect(words.line.rose == "{name}: {first} → {last}")
        #expect(words.line.status == " [{status}]" && words.progress.status == " [{status}]")
        #expect(words.heatMap.rows == "De")
        // A key the language leaves out keeps the English default, marked as English for the page; a default
        // with no words outside its placeholders reads the same in every language and is left as it is.
        #expect(words.line.fell == FallbackMark.wrap(LineChartWords.english.fell, language: "en"))
        #expect(words.heatMap.columns == FallbackMark.wrap("To (partner number)", language: "en"))
        #expect(words.line.pointTooltip == LineChartWords.english.pointTooltip)
        // The English it falls back to is marked as English, so the page gives it `lang="en"`.
        #expect(words.bars.sharedName == FallbackMark.wrap("Shared, not attributed", language: "en"))
        // English has no chart keys: the defaults in the code are the English text.
        #expect(ChartWords(Labels(language: "en", translations: [:])).line == LineChartWords.english)
    }
}

/// Charts write classes; the default theme's stylesheet draws them. Its colours must be the palette the charts'
/// own patterns use (`ChartPalette`), and its text sizes the ones the charts lay their labels out for.
@Suite struct ChartStyleTests {
    static let css: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("templates/assets/style.css"), encoding: .utf8)) ?? ""
    }()

    /// The declarations of the rule whose selector list is exactly `selector`.
    func rule(_ selector: String) -> String? {
        guard let start = Self.css.range(of: "\n" + selector + " {") ?? Self.css.range(of: " " + selector + " {"),
              let end = Self.css[start.upperBound...].firstIndex(of: "}") else { return nil }
        return String(Self.css[start.upperBound..<end])
    }

    @Test func seriesAndHeatMapColoursAreThePalettes() {
        for (i, colour) in ChartPalette.categorical.enumerated() {
            #expect(rule(".series-\(i)") == " fill: \(colour); ", "series-\(i)")
        }
        for (level, colour) in ChartPalette.blues.enumerated() {
            #expect(rule(".level-\(level)") == " fill: \(colour); ", "level-\(level)")
        }
    }

    @Test func statusColoursAreTheChartsStatusColours() {
        for status in [Status.achieved, .onTrack, .atRisk, .offTrack, .noData] {
            let variable = "--" + status.rawValue.replacingOccurrences(of: "_", with: "-")
            #expect(Self.css.contains("  \(variable): \(ChartPalette.color(status));"), "\(status)")
            // Charts take it from `status-…`, badges from `status …`.
            #expect(rule(".status-\(status.rawValue), .status.\(status.rawValue)") == " color: var(\(variable)); ", "\(status)")
        }
    }

    /// A badge (`<span class="status at_risk">At risk</span>`) shows the chart's marker shape before its word, drawn
    /// by the stylesheet: a square filled by its top border cut to the shape, a thin-bordered square for the hollow one.
    @Test func statusBadgesDrawTheChartsMarkerShapes() throws {
        let box = try #require(rule(".status::before"))
        #expect(box.contains("content: \"\";") && box.contains("width: 0.7em; height: 0; border-top: 0.7em solid;"))
        for status in Status.allCases {
            let shape = try #require(rule(".status.\(status.rawValue)::before"), "\(status)")
            switch ChartPalette.shape(status) {
            case .diamond: #expect(shape == " clip-path: polygon(50% 0, 100% 50%, 50% 100%, 0 50%); ")
            case .circle: #expect(shape == " clip-path: circle(50%); ")
            case .triangle: #expect(shape == " clip-path: polygon(50% 0, 100% 100%, 0 100%); ")
            case .cross: #expect(shape.hasPrefix(" clip-path: polygon(20% 0, 50% 30%, 80% 0,"))
            case .square: #expect(shape == " box-sizing: border-box; height: 0.7em; border: 2px solid; ")
            }
        }
        // A period in which the indicator is not measured: a dash.
        #expect(rule(".status.not_due::before") == " clip-path: polygon(0 40%, 100% 40%, 100% 60%, 0 60%); ")
        // On paper every badge, its shape and its word are black (the print rule outranks `.status.at_risk`).
        let print = try #require(Self.css.range(of: "@media print {")).upperBound
        #expect(Self.css[print...].contains("  .status[class] { border-color: #000; color: #000; }"))
    }

    @Test func textSizesAreTheLayoutSizes() throws {
        #expect(try #require(rule(".chart-svg text")).contains("font-size: 13px;"))
        #expect(try #require(rule(".chart-svg .chart-total, .chart-svg .heat-value")).contains("font-size: 12px;"))
        #expect(try #require(rule(".chart-svg .chart-empty")).contains("font-size: 14px;"))
        // Labels over lines keep their white outline.
        #expect(try #require(rule(".chart-svg text.chart-halo")).contains("fill: #fff; stroke: #fff; stroke-width: 3px;"))
        #expect(try #require(rule(".chart-target")).contains("stroke-dasharray: 6 4;"))
    }
}
