import Testing
@testable import ImpactDomain

@Suite struct PeriodTests {
    @Test func descriptionWrittenAsBytesEqualsInterpolation() {
        // Every kind over the edges of the four-digit years and beyond them (a period made from an ordinal).
        for kind in PeriodKind.allCases {
            for ordinal in [0, 1, 11, 13, 999 * 12, 1000 * 4 - 1] + Array(3990...4010) + Array(119_990...120_010) {
                let period = Period(kind: kind, ordinal: ordinal)
                #expect(period.description == period.interpolatedDescription, "\(kind) \(ordinal)")
            }
        }
        #expect(Period(kind: .quarter, ordinal: 1000 * 4 - 1).description == "999-Q4")
        #expect(Period(kind: .month, ordinal: 2025 * 12 + 9).description == "2025-10")
        #expect(Period(kind: .year, ordinal: 9999).description == "9999")
    }

    /// The names made once for the years around now are the names written each time, at both ends of those years
    /// and just outside them.
    @Test func namesMadeOnceAreTheNamesWritten() {
        let years = (Period.namedYears.lowerBound - 1)...Period.namedYears.upperBound
        for kind in PeriodKind.allCases {
            let perYear = Period(kind: kind, ordinal: 0).periodsPerYear
            for ordinal in (years.lowerBound * perYear)..<((years.upperBound + 1) * perYear) {
                let period = Period(kind: kind, ordinal: ordinal)
                #expect(period.description == period.writtenDescription, "\(kind) \(ordinal)")
                #expect(period.description == period.interpolatedDescription, "\(kind) \(ordinal)")
            }
        }
        #expect(Period("1990")?.description == "1990" && Period("2069-12")?.description == "2069-12")
    }

    @Test func parsesAllThreeForms() {
        #expect(Period("2025-Q3")?.description == "2025-Q3")
        #expect(Period("2025-07")?.description == "2025-07")
        #expect(Period("2025")?.description == "2025")
        #expect(Period("2025-Q5") == nil)
        #expect(Period("2025-13") == nil)
        #expect(Period("25-Q1") == nil)
        #expect(Period("2025-Q1 ") == nil)
    }

    @Test func aPeriodConvertsToTheOneOfAnotherKindThatHoldsOrStartsIt() {
        let cases: [(String, PeriodKind, String)] = [
            ("2025-07", .quarter, "2025-Q3"), ("2025-07", .year, "2025"), ("2025-12", .quarter, "2025-Q4"),
            ("2025-Q3", .month, "2025-07"), ("2025-Q3", .year, "2025"), ("2025", .quarter, "2025-Q1"),
            ("2025", .month, "2025-01"), ("2025-Q2", .quarter, "2025-Q2"),
        ]
        for (text, kind, expected) in cases {
            #expect(Period(text)!.converted(to: kind).description == expected, "\(text) → \(kind)")
        }
    }

    @Test func distancesCountPeriods() throws {
        let a = try #require(Period("2024-Q3")), b = try #require(Period("2026-Q2"))
        #expect(a.distance(to: b) == 7)
        #expect(a.through(b).count == 8)
        #expect(Period("2024-Q4")?.next.description == "2025-Q1")
        #expect(Period("2025-01")?.previous.description == "2024-12")
    }

    @Test func anIndicatorsPeriodIsFoundByItsOffsetOrBySearch() {
        let indicator = Indicator(id: "x", name: "X", scope: .collective, measure: .count, acrossPartners: .sum,
                                  acrossPeriods: .sum)
        func results(_ periods: [String]) -> IndicatorResult {
            IndicatorResult(indicator: indicator, periods: periods.enumerated().map { index, text in
                PeriodResult(period: Period(text)!, value: Double(index))
            })
        }
        let whole = results(["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"])
        #expect(whole.result(for: Period("2025-Q1")!)?.value == 2)
        #expect(whole.result(for: Period("2024-Q2")!) == nil)
        #expect(whole.result(for: Period("2025-Q3")!) == nil)
        #expect(whole.result(for: Period("2025")!) == nil)
        // Not the whole range (a gap): still found.
        let gappy = results(["2024-Q3", "2025-Q2", "2025-Q3"])
        #expect(gappy.result(for: Period("2025-Q2")!)?.value == 1)
        #expect(gappy.result(for: Period("2025-Q3")!)?.value == 2)
        #expect(gappy.result(for: Period("2024-Q4")!) == nil)
    }

    @Test func hintsFindCloseIds() {
        #expect(closestMatch(to: "caif2", in: ["caif", "brac", "tnf"]) == "caif")
        #expect(closestMatch(to: "zzzzzz", in: ["caif", "brac"]) == nil)
        // A swapped pair of letters is one edit, so it wins over ids two edits away.
        #expect(closestMatch(to: "cafi", in: ["caif", "nari", "taf"]) == "caif")
        // Equally close candidates: no guess (an unknown `p3` is one edit from `p1` and from `p2`).
        #expect(closestMatch(to: "p3", in: ["p1", "p2", "bb"]) == nil)
        #expect(closestMatch(to: "p3", in: ["p1", "bb", "p1"]) == "p1")
    }
}
