import Testing
import ImpactDomain

/// The working behind a figure lists exactly the rows that went into it, what was left out and why
/// (docs/domain-rules.md, "Showing the working"); every expected figure is worked out by hand.
@Suite struct WorkingTests {
    func figureWorking(_ indicator: Indicator, _ rows: Fixture.Rows, _ period: String = "2024-Q2") -> Working? {
        let results = compute(Fixture.initiative(indicators: [indicator], rows: rows))
        let result = results.indicator(indicator.id)!
        guard let index = result.periods.firstIndex(where: { $0.period == Period(period)! }) else { return nil }
        return result.working(at: index)
    }

    @Test func aRatioPoolsTheCountsOfThePartnersThatHaveThem() throws {
        var rows = Fixture.Rows()
        rows.add("placed", "a", "2024-Q1", 50, n: 1, d: 2)
        rows.add("placed", "a", "2024-Q2", n: 190, d: 290)
        rows.add("placed", "b", "2024-Q2", n: 60, d: 100)
        rows.add("placed", "c", "2024-Q2", n: 95, d: 150)
        let working = try #require(figureWorking(Fixture.indicator("placed", measure: .percentage, across: .ratio), rows))
        #expect(working.rule == .ratio)
        #expect(working.counted.map(\.numerator) == [190, 60, 95])
        #expect(working.counted.map(\.denominator) == [290, 100, 150])
        #expect(working.numerator == 345 && working.denominator == 540)
        // (190 + 60 + 95) ÷ (290 + 100 + 150) × 100 = 63.888…
        #expect(close(working.value, 63.888_888_888_888_9))
        #expect(working.factor == 100)
    }

    @Test func aPartnerThatDidNotReportIsListedAsNotReportedAndLeftOut() throws {
        var rows = Fixture.Rows()
        rows.add("trained", "a", "2024-Q1", 30)
        rows.add("trained", "b", "2024-Q1", 50)
        rows.add("trained", "a", "2024-Q2", 40)
        rows.add("trained", "*", "2024-Q2", 15, note: "Joint cohort")
        let working = try #require(figureWorking(Fixture.indicator("trained"), rows))
        #expect(working.rule == .sum)
        #expect(working.rows.map(\.partner) == ["a", "b", "*"])
        #expect(working.rows.map(\.use) == [.counted, .notReported, .counted])
        #expect(working.value == 55)  // 40 + 15 (shared, not attributed)
    }

    @Test func aDeduplicatedCountIsTheBackbonesRowWithThePartnersCountsBesideIt() throws {
        var rows = Fixture.Rows()
        rows.add("reached", "a", "2024-Q2", 300)
        rows.add("reached", "b", "2024-Q2", 200)
        rows.add("reached", "*", "2024-Q2", 420)
        let working = try #require(figureWorking(Fixture.indicator("reached", across: .unique, periods: .latest), rows))
        #expect(working.rule == .deduplicated)
        #expect(working.rows.map(\.partner) == ["a", "b", "*"])
        #expect(working.rows.map(\.use) == [.shownBeside, .shownBeside, .counted])
        #expect(working.value == 420 && working.sumOfParts == 500)  // 80 repeat counts
    }

    @Test func aUniqueCountWithoutTheBackbonesRowSaysItIsASum() throws {
        var rows = Fixture.Rows()
        rows.add("reached", "a", "2024-Q2", 300)
        rows.add("reached", "b", "2024-Q2", 200)
        let working = try #require(figureWorking(Fixture.indicator("reached", across: .unique, periods: .latest), rows))
        #expect(working.rule == .sumNotDeduplicated)
        #expect(working.counted.map(\.partner) == ["a", "b"])
        #expect(working.value == 500)
    }

    @Test func aRatioRowWithoutCountsIsLeftOutAndSaysWhy() throws {
        var rows = Fixture.Rows()
        rows.add("placed", "a", "2024-Q2", n: 30, d: 60)
        rows.add("placed", "b", "2024-Q2", 80)
        let working = try #require(figureWorking(Fixture.indicator("placed", measure: .percentage, across: .ratio), rows))
        #expect(working.rows.map(\.use) == [.counted, .noCounts])
        #expect(working.value == 50)
    }

    @Test func aPartnersOwnIndicatorIsItsRowAndAPeriodWithoutDataHasNoWorking() throws {
        var rows = Fixture.Rows()
        rows.add("sessions", "a", "2024-Q2", 12)
        rows.add("other", "a", "2024-Q1", 1)
        let indicator = Fixture.indicator("sessions", scope: .partner, partner: "a", across: .sum)
        let working = try #require(figureWorking(indicator, rows))
        #expect(compute(Fixture.initiative(indicators: [indicator], rows: rows)).indicator("sessions")!.periods.first?.period == Fixture.p("2024-Q1"))
        #expect(working.rule == .reported && working.rows.map(\.partner) == ["a"] && working.value == 12)
        #expect(figureWorking(indicator, rows, "2024-Q1") == nil)
    }
}
