import Testing
import ImpactDomain

/// The period headlines report: a newest period in which fewer partners reported than the period before is
/// partial (some have not reported yet), and headlines stay on the last complete one.
@Suite struct PartialPeriodTests {
    func result(_ rows: Fixture.Rows, _ indicator: Indicator = Fixture.indicator("reached", periods: .latest, target: 100))
        -> IndicatorResult {
        compute(Fixture.initiative(indicators: [indicator], rows: rows)).indicators[0]
    }

    @Test func anEarlyReportFromOnePartnerDoesNotBecomeTheHeadline() throws {
        var rows = Fixture.Rows()
        for partner in ["a", "b", "c"] { rows.add("reached", partner, "2024-Q1", 30) }
        rows.add("reached", "a", "2024-Q2", 35)  // b and c have not reported yet
        let reached = result(rows)
        #expect(reached.newest?.period == Period("2024-Q2"))
        #expect(reached.isPartial(at: 1) && reached.holdsHeadlineBack(at: 1) && reached.isHeadlineHeldBack(at: 1))
        #expect(try #require(reached.reporting(at: 1)) == (now: 1, before: 3))
        // Headline: 90 in 2024-Q1, not 35 in 2024-Q2 (which would read as a fall by 61 %).
        #expect(reached.latest?.period == Period("2024-Q1"))
        #expect(reached.latest?.value == 90)
        #expect(reached.latestStatus == reached.periods[0].status)
    }

    @Test func aCompletePeriodOrADeduplicatedStarRowIsTheHeadline() {
        var rows = Fixture.Rows()
        for partner in ["a", "b", "c"] { rows.add("reached", partner, "2024-Q1", 30) }
        for partner in ["a", "b", "c"] { rows.add("reached", partner, "2024-Q2", 40) }
        #expect(result(rows).latest?.period == Period("2024-Q2"))
        // A `unique` indicator whose `*` row gives the deduplicated whole is complete with fewer partner rows.
        var unique = Fixture.Rows()
        for partner in ["a", "b", "c"] { unique.add("reached", partner, "2024-Q1", 30) }
        unique.add("reached", "*", "2024-Q1", 70)
        unique.add("reached", "a", "2024-Q2", 35)
        unique.add("reached", "*", "2024-Q2", 80)
        let deduplicated = result(unique, Fixture.indicator("reached", across: .unique, periods: .latest, target: 100))
        #expect(!deduplicated.isPartial(at: 1))
        #expect(deduplicated.latest?.value == 80)
    }

    @Test func aPartnerThatStopsHoldsTheHeadlineBackForOnePeriodOnly() {
        var rows = Fixture.Rows()
        for partner in ["a", "b", "c"] { rows.add("reached", partner, "2024-Q1", 30) }
        for partner in ["a", "b"] { rows.add("reached", partner, "2024-Q2", 40) }
        #expect(result(rows).latest?.period == Period("2024-Q1"))
        for partner in ["a", "b"] { rows.add("reached", partner, "2024-Q3", 45) }
        // 2024-Q3 is compared with 2024-Q2: the same two partners, complete.
        let reached = result(rows)
        #expect(reached.latest?.period == Period("2024-Q3"))
        #expect(reached.isPartial(at: 1) && !reached.isPartial(at: 2))
    }

    /// A sum over periods (people trained, tonnes recovered) only grows when a late report arrives: its to-date
    /// value with some partners missing is a true lower bound, so the headline keeps the newest period.
    @Test func aSumOverPeriodsIsNotHeldBack() throws {
        var rows = Fixture.Rows()
        for partner in ["a", "b", "c"] { rows.add("trained", partner, "2024-Q1", 30) }
        rows.add("trained", "a", "2024-Q2", 35)
        let trained = result(rows, Fixture.indicator("trained", periods: .sum, target: 500))
        // Still partial (1 of 3 partners reported), which every page shows; not held back.
        #expect(trained.isPartial(at: 1) && !trained.holdsHeadlineBack(at: 1) && !trained.isHeadlineHeldBack(at: 1))
        #expect(try #require(trained.reporting(at: 1)) == (now: 1, before: 3))
        #expect(trained.latest?.period == Period("2024-Q2") && trained.latest?.toDate == 125)
    }

    @Test func aPartnersOwnIndicatorAndAFirstPeriodAreNeverPartial() {
        var rows = Fixture.Rows()
        rows.add("own", "a", "2024-Q1", 3)
        rows.add("own", "a", "2024-Q2", 4)
        let own = result(rows, Fixture.indicator("own", scope: .partner, partner: "a", periods: .latest, target: 10))
        #expect(own.reporting(at: 1) == nil && own.latest?.period == Period("2024-Q2"))
        var first = Fixture.Rows()
        first.add("reached", "a", "2024-Q1", 3)
        #expect(result(first).reporting(at: 0) == nil && result(first).latest?.value == 3)
    }
}
