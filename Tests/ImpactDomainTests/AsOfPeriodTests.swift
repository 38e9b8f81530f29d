import Testing
import ImpactDomain

/// What a brief for a past period may show: nothing that happened after the period closed.
@Suite struct AsOfPeriodTests {
    func outcome(_ date: String, _ title: String) -> Outcome {
        Outcome(date: date, year: Int(date.prefix(4))!, title: title, condition: .practices, partners: ["a"])
    }

    @Test func anOutcomeFallsInThePeriodOfItsDate() {
        #expect(outcome("2026-05-20", "x").period(.quarter) == Period("2026-Q2"))
        #expect(outcome("2026-07-01", "x").period(.quarter) == Period("2026-Q3"))
        #expect(outcome("2026-12-31", "x").period(.month) == Period("2026-12"))
        #expect(outcome("2026-12-31", "x").period(.year) == Period("2026"))
    }

    /// The sample's Oporajita brief for 2026-Q2 listed "From 'too old to retrain' to 'retrain first'" (2026-07-15)
    /// and an outcome of 2026-08-28: both after the quarter it covers.
    @Test func aBriefListsTheYearsOutcomesUpToItsPeriodOnly() {
        let outcomes = [outcome("2025-12-10", "last year"), outcome("2026-02-25", "Q1"), outcome("2026-06-30", "end of Q2"),
                        outcome("2026-07-15", "Q3"), outcome("2026-08-28", "Q3 too")]
        let change = compute(Fixture.initiative(indicators: [], outcomes: outcomes)).systemsChange
        #expect(change.outcomes(yearThrough: Period("2026-Q2")!).map(\.title) == ["Q1", "end of Q2"])
        #expect(change.outcomes(yearThrough: Period("2026-Q3")!).map(\.title) == ["Q1", "end of Q2", "Q3", "Q3 too"])
        #expect(change.outcomes(yearThrough: Period("2026-Q1")!).map(\.title) == ["Q1"])
        #expect(change.outcomes(yearThrough: Period("2025-Q4")!).map(\.title) == ["last year"])
    }

    /// Target 100 by 2025-Q1 from 0 in 2024-Q1 (4 quarters). a reports 30 in 2024-Q2 (expected 0.25, progress 0.3:
    /// on track) and 35 in 2024-Q3 (expected 0.5, progress 0.35: at risk, below 0.40). A brief for 2024-Q2 counts
    /// the indicator as on track, as it stood then; the latest summary counts it at risk.
    @Test func aStatusSummaryStandsAsItDidWhenThePeriodClosed() {
        var rows = Fixture.Rows()
        rows.add("x", "a", "2024-Q2", 30)
        rows.add("x", "a", "2024-Q3", 5)
        let results = compute(Fixture.initiative(indicators: [Fixture.indicator("x", target: 100)], rows: rows))
        #expect(results.collectiveSummary == StatusSummary(total: 1, atRisk: 1))
        #expect(results.statusSummary(.collective, through: Period("2024-Q2")!) == StatusSummary(total: 1, onTrack: 1))
        #expect(results.statusSummary(.collective, through: Period("2024-Q1")!) == StatusSummary(total: 1, noData: 1))
        #expect(results.indicators[0].latest(through: Period("2024-Q2")!)?.value == 30)
    }
}
