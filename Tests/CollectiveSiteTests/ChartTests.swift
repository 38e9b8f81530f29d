import Testing
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

/// Every `<text>` element's content with the given class.
private func texts(_ svg: String, className: String) -> [String] {
    svg.components(separatedBy: "<text class=\"\(className)\"").dropFirst().compactMap { piece in
        guard let open = piece.firstIndex(of: ">"), let close = piece.range(of: "</text>") else { return nil }
        return String(piece[piece.index(after: open)..<close.lowerBound])
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

        @Test func everyStatusHasItsOwnShapeAndSymbol() {
            #expect(Set(Status.allCases.map(ChartPalette.shape)).count == 5)
            #expect(Set(Status.allCases.map(ChartPalette.symbol)).count == 5)
            #expect(Status.allCases.map(ChartPalette.symbol) == ["◆", "●", "▲", "✕", "□"])
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
            #expect(chart.svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(chart.svg.hasSuffix("</svg>"))
            #expect(chart.svg.contains("viewBox=\"0 0 480 240\" width=\"100%\" role=\"img\" aria-labelledby=\"reach-title reach-desc\""))
            #expect(chart.svg.contains("<title id=\"reach-title\">Women reached, 2024-Q3 to 2026-Q2</title>"))
            #expect(chart.summary == "Women reached rose from 1,200 in 2024-Q3 to 8,450 in 2026-Q2 against a target of 10,000; no data for 2025-Q1; status: On track.")
            #expect(chart.svg.contains("<desc id=\"reach-desc\">\(chart.summary)</desc>"))
        }

        @Test func drawsTargetBaselineGridAndTheLatestStatus() {
            let svg = Charts.lineChart(input(reach)).svg
            #expect(count("class=\"chart-target\"", in: svg) == 1)
            #expect(svg.contains("stroke-dasharray=\"6 4\""))
            #expect(texts(svg, className: "chart-target-label") == ["Target 10,000"])
            #expect(texts(svg, className: "chart-baseline-label") == ["Baseline 800"])
            #expect(texts(svg, className: "chart-axis-label") == ["0", "2K", "4K", "6K", "8K", "10K", "2024-Q4", "2025-Q2", "2025-Q4", "2026-Q2"])
            #expect(count("class=\"chart-gridline\"", in: svg) == 6)
            // Status by word and shape, not only colour.
            #expect(texts(svg, className: "chart-status-label status-on_track") == ["8,450 · On track"])
            #expect(svg.contains("<circle class=\"chart-marker status-on_track\" cx=\"441\" cy=\"57.9\" r=\"6\" fill=\"#00785a\""))
            #expect(svg.contains("<path class=\"chart-line status-on_track\""))
            #expect(svg.contains("stroke=\"#00785a\""))
        }

        @Test func aMissingPeriodBreaksTheLineInsteadOfDroppingToZero() {
            let svg = Charts.lineChart(input(reach)).svg
            let d = try! #require(pathData(svg, className: "chart-line status-on_track"))
            // Two runs: 2024-Q3…Q4, then 2025-Q2…2026-Q2. x of slot i is 35.4 + (i + 0.5) × 54.075.
            #expect(d == "M62.4,188.4L116.5,172.2M224.7,132.6L278.7,116.4L332.8,100.2L386.9,76.8L441,57.9")
            #expect(!d.contains("170.6"))  // 2025-Q1's x: nothing drawn there
            // A dot for every reported point but the latest, which has the status marker instead.
            #expect(count("class=\"chart-point\"", in: svg) == 6)
            #expect(svg.contains("<title>2025-Q2: 4,300</title>"))
            #expect(!svg.contains("2025-Q1:"))
        }

        @Test func everyTextValueIsEscaped() {
            let chart = Charts.lineChart(input([1, 2], title: "<script>alert(1)</script>", periods: ["Q&A", "\"Q2\""]))
            #expect(chart.svg.contains("<title id=\"reach-title\">&lt;script&gt;alert(1)&lt;/script&gt;</title>"))
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
            #expect(count("http", in: svg) == 1)  // the xmlns only
        }

        @Test func outputIsDeterministic() {
            #expect(Charts.lineChart(input(reach)) == Charts.lineChart(input(reach)))
        }

        @Test func eachStatusHasItsMarkerShapeAndWord() {
            let expectations: [(Status, String, String)] = [
                (.achieved, "<path class=\"chart-marker status-achieved\"", "Achieved"),
                (.onTrack, "<circle class=\"chart-marker status-on_track\"", "On track"),
                (.atRisk, "<path class=\"chart-marker status-at_risk\"", "At risk"),
                (.offTrack, "<path class=\"chart-marker status-off_track\"", "Off track"),
                (.noData, "<rect class=\"chart-marker status-no_data\"", "No data"),
            ]
            for (status, marker, word) in expectations {
                let svg = Charts.lineChart(input(reach, status: status)).svg
                #expect(svg.contains(marker), "\(status)")
                #expect(texts(svg, className: "chart-status-label status-\(status.rawValue)") == ["8,450 · \(word)"])
            }
            // The off-track cross is drawn with strokes only, so it is a shape not a blob.
            let cross = Charts.lineChart(input(reach, status: .offTrack)).svg
            #expect(cross.contains("class=\"chart-marker status-off_track\" d=\"M435,51.9L447,63.9M447,51.9L435,63.9\" fill=\"none\""))
        }

        @Test func theTargetLabelStepsAsideWhenTheLatestLabelWouldCoverIt() {
            let svg = Charts.lineChart(input([5000, 7000, 10_000], baseline: nil, periods: ["2025-Q4", "2026-Q1", "2026-Q2"])).svg
            // The latest point sits on the target line at the right: the target label moves to the left end.
            #expect(svg.contains("<text class=\"chart-target-label\" x=\"39.4\" y=\"25\" font-size=\"13\" fill=\"#1b1f24\">Target 10,000</text>"))
        }

        @Test func noDataGivesAnEmptyChartThatSaysSo() {
            let chart = Charts.lineChart(input([nil, nil], target: nil, baseline: nil, periods: ["2026-Q1", "2026-Q2"]))
            #expect(chart.summary == "No data has been reported for Women reached yet.")
            #expect(texts(chart.svg, className: "chart-empty") == ["No data yet"])
            #expect(!chart.svg.contains("class=\"chart-line "))
            #expect(!chart.svg.contains("chart-marker"))
            // No made-up scale: gridlines without numbers.
            #expect(texts(chart.svg, className: "chart-axis-label") == ["2026-Q1", "2026-Q2"])
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
            #expect(chart.svg.contains("id=\"reach-bn-title\""))
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
            #expect(count("<g class=\"chart-bar\">", in: svg) == 2)
            // 300, 400, 250, 100 — Caif's missing value and Ekota's zero draw nothing.
            #expect(count("class=\"chart-segment series-", in: svg) == 4)
            #expect(count("class=\"chart-segment chart-shared\"", in: svg) == 1)
            #expect(svg.contains("<pattern id=\"contrib-shared\""))
            #expect(svg.contains("fill=\"url(#contrib-shared)\""))
            #expect(svg.contains("class=\"chart-segment series-0\" x=\"") && svg.contains("fill=\"#E69F00\""))
            #expect(svg.contains("fill=\"#56B4E9\"") && svg.contains("fill=\"#009E73\""))
            #expect(texts(svg, className: "chart-legend-label") == ["Anwesha", "&lt;Caif&gt;", "Ekota", "Shared, not attributed"])
            #expect(svg.contains("<title>&lt;Caif&gt;, 2026-Q2: 250</title>"))
            #expect(!svg.contains("<Caif>"))
            #expect(chart.summary == "In 2026-Q2, 3 partners reported; the largest part came from Anwesha (400); Shared, not attributed: 50.")
        }

        @Test func segmentHeightsAddUp() {
            // Scale 0–40 over 178 px (22 to 200): 30 is 133.5 px, 10 is 44.5 px, stacked from the bottom.
            // Left margin 27.6 (two-digit labels), one slot of 440.4: the 48-wide bar starts at 223.8.
            let svg = Charts.stackedBars(input(partners: [("A", [30]), ("B", [10])], periods: ["2026-Q2"])).svg
            #expect(svg.contains("class=\"chart-segment series-0\" x=\"223.8\" y=\"66.5\" width=\"48\" height=\"133.5\""))
            #expect(svg.contains("class=\"chart-segment series-1\" x=\"223.8\" y=\"22\" width=\"48\" height=\"44.5\""))
            #expect(texts(svg, className: "chart-axis-label") == ["0", "10", "20", "30", "40", "2026-Q2"])
        }

        @Test func morePartnersThanColoursGetPatterns() {
            let partners = (0..<10).map { ("Partner \($0)", [Double?](arrayLiteral: Double($0 + 1))) }
            let svg = Charts.stackedBars(input(partners: partners, periods: ["2026-Q2"])).svg
            #expect(svg.contains("<pattern id=\"contrib-s8\"") && svg.contains("fill=\"url(#contrib-s8)\""))
            #expect(svg.contains("<pattern id=\"contrib-s9\"") && svg.contains("fill=\"url(#contrib-s9)\""))
            #expect(!svg.contains("contrib-s7"))  // the eighth partner still has a plain colour (black)
            #expect(svg.contains("fill=\"#000000\""))
            #expect(count("class=\"chart-legend-label\"", in: svg) == 10)
        }

        @Test func totalsPrintAboveBarsAndInTheSummary() {
            var i = input(partners: [("A", [30, 40])])
            i.totals = ["30", "40"]
            let chart = Charts.stackedBars(i)
            #expect(texts(chart.svg, className: "chart-total") == ["30", "40"])
            #expect(chart.summary == "In 2026-Q2, only A reported (40); total 40.")
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
            #expect(texts(chart.svg, className: "chart-progress-text") == ["62% of target; expected 70%"])
            #expect(texts(chart.svg, className: "chart-status-label status-on_track") == ["On track"])
            // Track 476 wide from x = 2: 62% is 295.1 wide, 70% sits at 335.2.
            #expect(chart.svg.contains("class=\"progress-fill status-on_track\" x=\"2\" y=\"26\" width=\"295.1\""))
            #expect(chart.svg.contains("class=\"progress-expected\" x1=\"335.2\""))
            #expect(texts(chart.svg, className: "progress-expected-label") == ["expected 70%"])
            #expect(chart.svg.contains("<circle class=\"chart-marker status-on_track\""))
        }

        @Test func statusPatternsBeyondColour() {
            let atRisk = Charts.progressBar(input(0.4, status: .atRisk)).svg
            #expect(atRisk.contains("<pattern id=\"prog-fill\"") && atRisk.contains("fill=\"url(#prog-fill)\""))
            #expect(atRisk.contains("<path class=\"chart-marker status-at_risk\""))
            let offTrack = Charts.progressBar(input(0.2, status: .offTrack)).svg
            #expect(offTrack.contains("d=\"M0,0L6,6M6,0L0,6\""))  // cross-hatching
            #expect(!Charts.progressBar(input(0.9, status: .achieved)).svg.contains("<pattern"))
        }

        @Test func overshootIsCappedInTheDrawingButNotInTheText() {
            let chart = Charts.progressBar(input(1.3, expected: nil, status: .achieved))
            #expect(chart.svg.contains("class=\"progress-fill status-achieved\" x=\"2\" y=\"26\" width=\"476\""))
            #expect(chart.summary == "130% of target; status: Achieved.")
            #expect(!chart.svg.contains("progress-expected"))
        }

        @Test func noProgressFigure() {
            let chart = Charts.progressBar(input(nil, status: .noData))
            #expect(chart.summary == "No progress can be shown yet; status: No data.")
            #expect(!chart.svg.contains("progress-fill"))
            #expect(!chart.svg.contains("progress-expected"))
            #expect(chart.svg.contains("<rect class=\"chart-marker status-no_data\""))
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
            #expect(svg.contains("class=\"heat-cell level-6\"") && svg.contains("fill=\"#08519c\""))
            #expect(count("class=\"heat-cell level-0\"", in: svg) == 3)
            #expect(svg.contains("fill=\"#f7fbff\""))
            #expect(texts(svg, className: "heat-value") == ["–", "12", "0", "4", "–", "0", "0", "2", "–"])
            #expect(svg.contains("<title>Anwesha → BRAC &lt;Urban&gt;: 12</title>"))
            // White numbers only on the darkest cells.
            #expect(svg.contains("font-size=\"12\" text-anchor=\"middle\" fill=\"#fff\">12</text>"))
            #expect(svg.contains("font-size=\"12\" text-anchor=\"middle\" fill=\"#1b1f24\">4</text>"))
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
        }

        @Test func noCollaboration() {
            let chart = Charts.heatMap(input([[0, 0], [0, 0]], labels: ["A", "B"]))
            #expect(chart.summary == "No collaboration between partners has been recorded yet.")
            #expect(count("class=\"heat-cell level-0\"", in: chart.svg) == 2)
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
            #expect(chart.svg.contains("viewBox=\"0 0 120 32\" width=\"120\" height=\"32\" role=\"img\" aria-labelledby=\"spark-reach-title spark-reach-desc\""))
            #expect(chart.svg.contains("<title id=\"spark-reach-title\">Women reached, 2025-Q2 to 2026-Q2</title>"))
            #expect(chart.summary == "Women reached rose from 10 in 2025-Q2 to 40 in 2026-Q2; no data for 2025-Q4; status: Achieved.")
            // x steps of 27 from 6; y from 26 (smallest) to 6 (largest).
            #expect(pathData(chart.svg, className: "chart-line status-achieved") == "M6,26L33,19.3M87,12.7L114,6")
            #expect(chart.svg.contains("<path class=\"chart-marker status-achieved\""))
        }
    }

    @Suite struct RenderedChartTests {
        @Test func figureWrapsTheChartWithItsEscapedSummary() {
            let chart = RenderedChart(svg: "<svg></svg>", summary: "A & B rose.")
            #expect(chart.figure == "<figure class=\"chart\"><svg></svg><figcaption class=\"chart-summary\">A &amp; B rose.</figcaption></figure>")
        }

        @Test func chartsOnOnePageKeepTheirIdsApart() {
            let f = NumberFormat(locale: "en")
            func line(_ id: String) -> String {
                Charts.lineChart(LineChartInput(id: id, title: "t", seriesName: "s", periods: ["2026-Q2"],
                                                values: [ChartValue(1, text: "1")], status: .onTrack, format: f)).svg
            }
            #expect(line("a").contains("id=\"a-title\"") && line("b").contains("id=\"b-title\""))
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
        #expect(words.line.fell == LineChartWords.english.fell)
        #expect(words.heatMap.columns == "To")
        #expect(words.bars.sharedName == "Shared, not attributed")
        // English has no chart keys: the defaults in the code are the English text.
        #expect(ChartWords(Labels(language: "en", translations: [:])).line == LineChartWords.english)
    }
}
