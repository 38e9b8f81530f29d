import Testing
@testable import CollectiveSite

/// The chart writer's own memory (`SVGWriter`), and what charts keep for a whole build (`ValueAxis`,
/// `FieldTemplate.shared`): each must write what writing afresh writes, and a copy must never see another's writes.
struct ChartWriterTests {
    @Test func numbersKeepTheirOneDecimalFormat() {
        let cases: [(Double, String)] = [
            (0, "0"), (-0.0, "0"), (-0.04, "0"), (0.05, "0.1"), (12.25, "12.3"), (-12.25, "-12.3"), (7, "7"),
            (10, "10"), (1234567.8, "1234567.8"), (.nan, "0"), (.infinity, "0"),
            (2e14, "100000000000000"), (-2e14, "-100000000000000"), (99_999_999_999_999.9, "99999999999999.9"),
        ]
        for (value, text) in cases {
            #expect(SVG.n(value) == text, "\(value)")
        }
    }

    @Test func aWriterGrowsPastItsCapacityKeepingEverything() {
        var out = SVGWriter(capacity: 0)
        var expected = ""
        for i in 0..<500 {
            out.put("<g>")
            out.number(Double(i) / 4)
            out.escaped("a<b & 'c'")
            out.raw("é")
            expected += "<g>" + SVG.n(Double(i) / 4) + "a&lt;b &amp; &#39;c&#39;" + "é"
        }
        #expect(out.string == expected)
        #expect(out.count == expected.utf8.count)
        #expect(out.bytes == Array(expected.utf8))
    }

    /// `number` rounds half away from zero without calling `round`: the same text as the rounding it stands for, at
    /// halves, just beside them, and across magnitudes.
    @Test func numbersRoundAsRoundingHalfAwayFromZeroDoes() {
        func reference(_ v: Double) -> String {
            guard v.isFinite else { return "0" }
            let tenths = (v * 10).rounded(.toNearestOrAwayFromZero)
            guard tenths.magnitude < 1e15 else { return tenths < 0 ? "-100000000000000" : "100000000000000" }
            let t = Int(tenths)
            let fraction = t.magnitude % 10
            return (t < 0 ? "-" : "") + String(t.magnitude / 10) + (fraction == 0 ? "" : "." + String(fraction))
        }
        var values: [Double] = [0.05, 0.15, 0.25, 0.45, 1.05, 99.95, 204, 12.5, 0.049999999999999996, 1e13 + 0.05,
                                99_999_999_999_999.94, 99_999_999_999_999.96, 1e16, -1e16, 9e18, .greatestFiniteMagnitude,
                                -.infinity, .ulpOfOne, -.leastNonzeroMagnitude]
        for i in -20_000...20_000 { values.append(Double(i) / 20) }
        for i in 0..<2_000 { values.append(Double(i) * 0.37 - 300) }
        values += values.flatMap { [$0.nextUp, $0.nextDown, -$0] }
        for value in values {
            #expect(SVG.n(value) == reference(value), "\(value)")
        }
    }

    /// Short values are escaped a word at a time: every length, with each of the five (and a non-ASCII letter) at
    /// every place, must give what `escapeHTML` gives.
    @Test func shortValuesAreEscapedAsEscapeHTMLDoes() {
        for length in 0...20 {
            let plain = String(repeating: "a", count: length)
            var texts = [plain]
            for index in 0..<length {
                for special in ["&", "<", ">", "\"", "'", "é"] {
                    var characters = Array(plain)
                    characters[index] = Character(special)
                    texts.append(String(characters))
                }
            }
            for text in texts {
                var out = SVGWriter(capacity: 0)
                out.escaped(text)
                #expect(out.string == escapeHTML(text), "\(text)")
            }
        }
    }

    /// A small string (up to 15 bytes) with none of the five is written from its own two words: exactly its bytes,
    /// however it was made (a literal, a slice, an interpolation, a number), after other markup and before more.
    @Test func smallStringsAreWrittenFromTheirOwnWords() {
        let year = "2024-Q3".split(separator: "-")[0]
        let cases: [(String, String)] = [
            ("2024-Q3", "2024-Q3"), ("1,234", "1,234"), ("", ""), ("7", "7"), (String(year), "2024"),
            ("\(12)%", "12%"), (String(1_234_567), "1234567"), ("a → b", "a → b"), ("123456789012345", "123456789012345"),
            ("1234567890123456", "1234567890123456"), ("Tom's", "Tom&#39;s"), ("<b>", "&lt;b&gt;"), ("a&b", "a&amp;b"),
            ("\"x\"", "&quot;x&quot;"), ("ন১২", "ন১২"),
        ]
        for (text, escaped) in cases {
            var out = SVGWriter(capacity: 0)
            out.put("<title>")
            out.escaped(text)
            out.put("</title>")
            #expect(out.string == "<title>" + escaped + "</title>", "\(text)")
            #expect(escaped == referenceEscapeHTML(text))
        }
    }

    /// A writer's text is made in two pieces when other than ASCII follows a long ASCII start: the same text.
    @Test func markupWithOtherThanASCIIReadsBackWhole() {
        for (prefix, suffix) in [(300, "· Off track"), (3, "· x"), (256, "é"), (263, "ন"), (1000, "")] {
            var out = SVGWriter(capacity: 0)
            let start = String(repeating: "<g/>", count: prefix / 4) + String(repeating: "x", count: prefix % 4)
            out.raw(start)
            out.raw(suffix)
            out.put("</svg>")
            #expect(out.string == start + suffix + "</svg>")
        }
        let bytes: [UInt8] = Array("abcdefgh12345678·z".utf8)
        bytes.withUnsafeBufferPointer { #expect(SVGWriter.asciiPrefix($0) == 16) }
        bytes.withUnsafeBufferPointer { #expect(SVGWriter.asciiPrefix(UnsafeBufferPointer(rebasing: $0[..<7])) == 0) }
        Array("é".utf8).withUnsafeBufferPointer { #expect(SVGWriter.asciiPrefix($0) == 0) }
    }

    /// A short number's word is what `number` writes (every value below 100,000, the coordinates a chart draws), and
    /// there is none for the rest.
    @Test func aShortNumberIsTheNumberWritten() {
        var values: [Double] = [0, -0.0, 0.05, -0.05, 12.25, 99_999.94, -99_999.94, 1234.5]
        for i in 0..<3_000 { values.append(Double(i) * 33.37 - 50_000) }
        for value in values {
            guard let short = SVGWriter.shortNumber(value) else {
                Issue.record("no short number for \(value)")
                continue
            }
            var out = SVGWriter(capacity: 0)
            out.number(short)
            #expect(out.string == SVG.n(value), "\(value)")
        }
        for value in [99_999.95, 100_000, -100_000, 1e20, .nan, .infinity] {
            #expect(SVGWriter.shortNumber(value) == nil, "\(value)")
        }
    }

    /// The texts kept for the slots of a fluid chart are the numbers of their centres, as a chart would write them.
    @Test func slotTextsAreTheCentresWritten() {
        for count in [1, 2, 3, 7, 12, 40, 97] {
            for _ in 0..<2 {  // made, then kept
                let slots = SlotTexts.of(count: count)
                #expect(slots.percents.count == count && slots.thousandths.count == count)
                for i in 0..<count {
                    let centre = SlotTexts.centre(i, of: count)
                    #expect(centre == (Double(i) + 0.5) * (1 / Double(count)))
                    var percent = SVGWriter(capacity: 0), thousandth = SVGWriter(capacity: 0)
                    percent.number(slots.percents[i])
                    thousandth.number(slots.thousandths[i])
                    #expect(percent.string == SVG.n(centre * 100) && thousandth.string == SVG.n(centre * 1000))
                }
            }
        }
        var bar = SVGWriter(capacity: 0)
        bar.beginAt(slot: SlotTexts.of(count: 8).percents[3], className: "chart-bar")
        var fresh = SVGWriter(capacity: 0)
        fresh.beginAt(SlotTexts.centre(3, of: 8), className: "chart-bar")
        #expect(bar.string == fresh.string && bar.string == "<svg class=\"chart-bar\" x=\"43.8%\">")
    }

    /// A line drawn from slot texts is the line drawn from its runs, for every pattern of gaps (lone points draw
    /// nothing; a line with no two neighbours nothing at all).
    @Test func aLineFromSlotTextsIsTheLineFromItsRuns() {
        let count = 7
        func y(_ v: Double) -> Double { 204 - v * 1.7 }
        for pattern in 0..<(1 << count) {
            let values: [ChartValue?] = (0..<count).map { (i: Int) -> ChartValue? in
                guard pattern & (1 << i) != 0 else { return nil }
                let value = Double(i * 13 % 9) + 0.25
                return ChartValue(value, text: String(i))
            }
            var fromRuns = SVGWriter(capacity: 0), fromSlots = SVGWriter(capacity: 0)
            fromRuns.fluidPolyline(runs: fluidRuns(values, x: { SlotTexts.centre($0, of: count) }, y: y), height: 248,
                                   className: "chart-line")
            fromSlots.fluidPolyline(values, slots: SlotTexts.of(count: count), y: y, height: 248, className: "chart-line")
            #expect(fromSlots.string == fromRuns.string, "\(pattern)")
        }
    }

    /// The runs of a line are the maximal stretches of periods with a value, in order, for every pattern of gaps:
    /// together they hold each period with a value once, and a period without one ends a run.
    @Test func runsAreTheMaximalStretchesOfValues() {
        let count = 7
        for pattern in 0..<(1 << count) {
            let values: [ChartValue?] = (0..<count).map { pattern & (1 << $0) != 0 ? ChartValue(Double($0), text: "") : nil }
            let runs = Self.runs(values)
            #expect(runs.flatMap { Array($0) } == values.indices.filter { values[$0] != nil }, "\(pattern)")
            for run in runs {
                #expect(!run.isEmpty)
                #expect(run.lowerBound == 0 || values[run.lowerBound - 1] == nil, "\(pattern): starts late")
                #expect(run.upperBound == count || values[run.upperBound] == nil, "\(pattern): ends early")
            }
            let points = fluidRuns(values, x: { Double($0) }, y: { $0 * 2 })
            #expect(points.map { $0.map(\.0) } == runs.map { $0.map(Double.init) })
            #expect(points.map { $0.map(\.1) } == runs.map { $0.map { Double($0) * 2 } })
        }
        #expect(Self.runs([nil, ChartValue(1, text: "1"), ChartValue(2, text: "2"), nil, ChartValue(3, text: "3")])
                == [1..<3, 4..<5])
    }

    private static func runs(_ values: [ChartValue?]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        forEachValueRun(values) { runs.append($0) }
        return runs
    }

    /// A bar's segment written from its series' kept markup is the rectangle with its tooltip written afresh: with
    /// and without a pattern fill, names to escape, the series anywhere in the tooltip (or twice, or not at all).
    @Test func aSegmentIsTheRectangleWrittenAfresh() {
        let names = ["Anwesha", "<Caif> & Co", "Zoë's"]
        let fills = [SeriesPaint(className: "series-0", fill: nil), SeriesPaint(className: "series-8", fill: "url(#c-s8)"),
                     SeriesPaint(className: "chart-shared", fill: "url(#c-shared)")]
        let all = names.map { (series: BarSeries(name: $0, values: []), isShared: false) }
        for template in ["{series}, {period}: {value}", "{period}: {value} ({series})", "{series}{series} <{value}>",
                         "{value}", "no fields"] {
            let tooltip = FieldTemplate(template, fields: ["series", "period", "value"])
            let segments = BarSegments(all, fills: fills, barWidth: 24.5, tooltip: tooltip)
            for series in names.indices {
                for (top, height) in [(68.0, 132.0), (24.25, 0.04), (200, -3)] {
                    var kept = SVGWriter(capacity: 0), fresh = SVGWriter(capacity: 0)
                    kept.segment(segments, series, top: top, height: height, period: "2026-Q2", value: "1,250")
                    fresh.rect(x: -24.5 / 2, y: top, width: 24.5, height: height, className: "chart-segment " + fills[series].className,
                               fill: fills[series].fill, tooltip: tooltip, names[series], "2026-Q2", "1,250")
                    #expect(kept.string == fresh.string, "\(template) \(series)")
                }
            }
        }
    }

    /// A sparkline reads the texts of its first and last values only (its sentence names them; `PageCharts` formats
    /// no others): leaving the others empty draws the same.
    @Test func aSparklineReadsTheTextsOfItsEndsOnly() {
        let raw: [Double?] = [nil, 10, 20, nil, 30, 40, nil]
        func input(_ text: (Int, Double) -> String) -> SparklineInput {
            SparklineInput(id: "sp", title: "Reach", seriesName: "Reach", periods: (1...7).map { "2025-0\($0)" },
                           values: raw.indices.map { i in raw[i].map { ChartValue($0, text: text(i, $0)) } }, status: .atRisk,
                           target: ReferenceLine(50, text: "50"))
        }
        let full = Charts.sparkline(input { _, v in String(Int(v)) })
        let ends = Charts.sparkline(input { i, v in i == 1 || i == 5 ? String(Int(v)) : "" })
        #expect(full == ends)
        #expect(full.summary.contains("from 10 in 2025-02 to 40 in 2025-06"))
    }

    @Test func keptMarkupIsWrittenWhole() {
        var original = SVGWriter(capacity: 64)
        original.put("<svg>")
        original.put("<rect/>")
        let kept = original.markup()
        // A writer kept elsewhere (an axis kept for the build) is written into other writers whole.
        var chart = SVGWriter(capacity: 0)
        chart.raw(kept)
        chart.raw(kept)
        #expect(chart.string == "<svg><rect/><svg><rect/>")
        #expect(kept.string == "<svg><rect/>")
        var defs = SVGWriter(capacity: 0)
        defs.put("<pattern/>")
        chart.raw(defs)
        #expect(chart.string == "<svg><rect/><svg><rect/><pattern/>")
        #expect(SVGWriter(capacity: 8).isEmpty && !chart.isEmpty)
    }

    /// The gridlines and labels `ValueAxis` keeps are those writing them afresh gives: a rule per tick, a label in
    /// the gutter for each, in the chart's number format; none when the axis is blank.
    @Test func aKeptValueAxisIsTheOneWrittenAfresh() {
        let format = NumberFormat(locale: "en-IN")
        let scale = AxisScale(low: 0, high: 8450)
        for _ in 0..<2 {  // the first call writes, the second is served from what was kept
            let axis = ValueAxis.make(scale, axis: .compact, format: format, top: 26, bottom: 204)
            var expected = SVGWriter(capacity: 0)
            var widest = 0.0
            for tick in scale.ticks {
                let y = scale.y(tick, top: 26, bottom: 204)
                expected.rule(y: y, className: tick == 0 ? "chart-gridline chart-zero" : "chart-gridline")
                let label = format.compact(tick)
                widest = max(widest, TextMetrics.width(label, size: 13))
                expected.text(label, at: FluidX(0, -6), y: y + 4, anchor: .end, className: "chart-axis-label")
            }
            #expect(axis.markup.string == expected.string)
            #expect(axis.markup.string.contains(">10K</text>"))
            #expect(axis.gutter == SVGWriter.gutter(forLabelWidth: widest))
        }
        let blank = ValueAxis.make(scale, axis: .compact, format: format, top: 26, bottom: 204, blank: true)
        #expect(!blank.markup.string.contains("<text") && blank.markup.string.contains("chart-zero"))
        #expect(blank.gutter == 24)
        // Another format or another place is another axis.
        let bengali = ValueAxis.make(scale, axis: .compact, format: NumberFormat(locale: "bn-BD", nativeDigits: true),
                                     top: 26, bottom: 204)
        #expect(bengali.markup.string != ValueAxis.make(scale, axis: .compact, format: format, top: 26, bottom: 204).markup.string)
        let lower = ValueAxis.make(scale, axis: .compact, format: format, top: 24, bottom: 200)
        #expect(lower.markup.string != ValueAxis.make(scale, axis: .compact, format: format, top: 26, bottom: 204).markup.string)
    }

    @Test func aSharedFieldTemplateWritesWhatAFreshOneWrites() {
        for template in ["{period}: {value}", "{value} <{period}> & {unknown}", "no fields"] {
            let fresh = FieldTemplate(template, fields: ["period", "value"])
            for _ in 0..<2 {
                var a = SVGWriter(capacity: 0), b = SVGWriter(capacity: 0)
                a.escaped(fresh, "2026-Q1", "1'200")
                b.escaped(FieldTemplate.shared(template, fields: ["period", "value"]), "2026-Q1", "1'200")
                #expect(a.string == b.string)
                #expect(a.string == escapeHTML(fillTemplate(template, ["period": "2026-Q1", "value": "1'200"])))
            }
        }
        // The same text with other fields is another template.
        var swapped = SVGWriter(capacity: 0)
        swapped.escaped(FieldTemplate.shared("{period}: {value}", fields: ["value", "period"]), "1", "2026-Q1")
        #expect(swapped.string == "2026-Q1: 1")
        // Three fields, texts that need escaping, fields next to each other.
        var three = SVGWriter(capacity: 0)
        three.escaped(FieldTemplate.shared("{series}{period} & {value}'", fields: ["series", "period", "value"]),
                      "A&B", "<Q1>", "\"9\"")
        #expect(three.string == "A&amp;B&lt;Q1&gt; &amp; &quot;9&quot;&#39;")
    }

    @Test func aKeptValueIsMadeOnceAndDroppedPastTheLimit() {
        let kept = KeptPerBuild<String, Int>(limit: 3)
        var made = 0
        let make = { (value: Int) -> () -> Int in { made += 1; return value } }
        #expect(kept.value("a", make: make(1)) == 1)
        #expect(kept.value("a", make: make(99)) == 1)  // kept: not made again
        #expect(made == 1)
        #expect(kept.value("b", make: make(2)) == 2 && kept.value("c", make: make(3)) == 3)
        #expect(kept.count == 3 && made == 3)
        // A fourth key past the limit drops what was kept and keeps only itself.
        #expect(kept.value("d", make: make(4)) == 4)
        #expect(kept.count == 1)
        #expect(kept.value("a", make: make(5)) == 5 && made == 5)
    }
}
