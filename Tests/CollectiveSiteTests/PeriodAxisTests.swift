import Testing
@testable import CollectiveSite

/// `PeriodAxis.layouts` keeps the axes it has laid out (charts of one initiative share their periods): what it
/// hands back must be what laying the labels out afresh gives, for every chart that asks, not the first one's.
struct PeriodAxisTests {
    private static func described(_ labels: [PeriodAxis.Label]) -> [String] {
        labels.map { "\($0.text)@\($0.x.fraction)+\($0.x.offset),\($0.y),\($0.anchor)" }
    }

    private static func quarters(from year: Int, count: Int) -> [String] {
        (0..<count).map { "\(year + $0 / 4)-Q\($0 % 4 + 1)" }
    }

    @Test(arguments: [(8, 40), (40, 40), (12, 56), (3, 40)])
    func aKeptLayoutIsTheOneLaidOutAfresh(count: Int, gutter: Int) {
        let periods = Self.quarters(from: 2019, count: count)
        let slot = 1.0 / Double(count)
        let centre = { (i: Int) in (Double(i) + 0.5) * slot }
        let afresh = (narrow: PeriodAxis.labels(periods, centre: centre, slot: slot,
                                                widths: FluidWidths.plot(gutter: Double(gutter)), baseline: 200, size: 13),
                      wide: PeriodAxis.labels(periods, centre: centre, slot: slot,
                                              widths: FluidWidths.widePlot(gutter: Double(gutter)), baseline: 200, size: 13))
        #expect(!afresh.narrow.isEmpty)
        for _ in 0..<2 {  // the first call lays out, the second is served from what was kept
            let kept = PeriodAxis.layouts(periods, centre: centre, slot: slot, gutter: gutter, baseline: 200, size: 13)
            #expect(Self.described(kept.narrow) == Self.described(afresh.narrow))
            #expect(Self.described(kept.wide) == Self.described(afresh.wide))
            // The kept markup is what writing those labels afresh gives, and a chart's axis is that markup.
            let markup = SVGWriter.axisLabels(narrow: afresh.narrow, wide: afresh.wide).string
            #expect(markup.hasPrefix("<text class=\"chart-axis-label") && markup.hasSuffix("</text>"))
            #expect(PeriodAxis.laid(periods, centre: centre, slot: slot, gutter: gutter, baseline: 200, size: 13).markup.string
                    == markup)
            var chart = SVGWriter(capacity: 0)
            chart.periodAxis(periods, centre: centre, slot: slot, gutter: gutter, baseline: 200, size: 13)
            #expect(chart.string == markup)
        }
    }

    /// An ASCII period is split by its bytes: the same as splitting its Characters.
    @Test func periodsSplitByTheirBytesAsByTheirCharacters() {
        func characters(_ period: String) -> (year: String, part: String)? {
            let pieces = period.split(separator: "-", omittingEmptySubsequences: false)
            guard pieces.count == 2, pieces[0].count == 4, pieces[0].allSatisfy(\.isNumber), !pieces[1].isEmpty else { return nil }
            return (String(pieces[0]), String(pieces[1]))
        }
        for period in ["2025-Q3", "2025-07", "2025", "25-Q1", "2025-", "-Q1", "2025-Q1-x", "2025--", "১২৩৪-Q1", "২০২৬-Q1",
                       "abcd-Q1", "202a-Q1", "20255-Q1", "2025\r\n-Q1", "2025-\r\n", "2025/26", "", "-", "0000-x"] {
            let split = PeriodAxis.split(period)
            let expected = characters(period)
            #expect(split?.year == expected?.year && split?.part == expected?.part, "\(period)")
        }
        #expect(PeriodAxis.split("2025-Q3")?.year == "2025" && PeriodAxis.split("2025-Q3")?.part == "Q3")
    }

    @Test func axesThatDifferInAnythingAreNotConfused() {
        let periods = Self.quarters(from: 2024, count: 8)
        let centre = { (i: Int) in (Double(i) + 0.5) / 8 }
        let first = PeriodAxis.layouts(periods, centre: centre, slot: 0.125, gutter: 40, baseline: 200, size: 13)
        // The same periods lower in the chart, and other periods at the same places.
        let lower = PeriodAxis.layouts(periods, centre: centre, slot: 0.125, gutter: 40, baseline: 260, size: 13)
        #expect(Set(lower.narrow.map(\.y)) != Set(first.narrow.map(\.y)))
        let later = Self.quarters(from: 2030, count: 8)
        let other = PeriodAxis.layouts(later, centre: centre, slot: 0.125, gutter: 40, baseline: 200, size: 13)
        #expect(other.narrow.contains { $0.text == "2030" } && !other.narrow.contains { $0.text == "2024" })
    }
}
