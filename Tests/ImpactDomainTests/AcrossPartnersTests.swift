import Testing
import ImpactDomain

/// Rule 2: partners' rows combine into the initiative's value (docs/domain-rules.md, with the same numbers).
@Suite struct AcrossPartnersTests {
    @Test func sumAddsPartnersAndTheSharedRowAndSharesIncludeTheSharedPart() {
        var rows = Fixture.Rows()
        rows.add("trained", "a", "2024-Q1", 30)
        rows.add("trained", "b", "2024-Q1", 50)
        rows.add("trained", "*", "2024-Q1", 20, note: "Joint cohort of A and B")
        let results = compute(Fixture.initiative(indicators: [Fixture.indicator("trained")], rows: rows))
        let q1 = results.at("trained", "2024-Q1")
        #expect(q1.value == 100)
        #expect(q1.sumOfParts == 80)
        #expect(q1.overlap == nil && q1.depth == nil && q1.deduplicated == nil)
        #expect(q1.contributions.map(\.partner) == ["a", "b", "*"])
        #expect(q1.contribution("a")?.share == 0.3)
        #expect(q1.contribution("b")?.share == 0.5)
        #expect(q1.contribution("*")?.value == 20 && q1.contribution("*")?.share == 0.2)
        #expect(q1.notes == ["Joint cohort of A and B"])
    }

    @Test func aPartnerMissingAPeriodIsNotReportedNotZero() {
        var rows = Fixture.Rows()
        rows.add("trained", "a", "2024-Q1", 30)
        rows.add("trained", "b", "2024-Q1", 50)
        rows.add("trained", "a", "2024-Q2", 40)
        let results = compute(Fixture.initiative(indicators: [Fixture.indicator("trained")], rows: rows))
        let q2 = results.at("trained", "2024-Q2")
        #expect(q2.value == 40)
        let b = q2.contribution("b")
        #expect(b != nil && b?.value == nil && b?.share == nil && b?.isReported == false)
        #expect(q2.contribution("a")?.share == 1)
        // Partner c never reported this indicator, so it is not listed at all.
        #expect(q2.contribution("c") == nil)
        #expect(q2.toDate == 120)
    }

    @Test func uniqueTakesTheDeduplicatedRowAndShowsOverlapAndDepth() {
        var rows = Fixture.Rows()
        for (partner, value) in [("a", 100.0), ("b", 80), ("c", 20), ("*", 150)] { rows.add("reached", partner, "2024-Q1", value) }
        rows.add("reached", "a", "2024-Q2", 120)
        rows.add("reached", "b", "2024-Q2", 90)
        let indicator = Fixture.indicator("reached", across: .unique, periods: .latest)
        let results = compute(Fixture.initiative(indicators: [indicator], rows: rows))

        let q1 = results.at("reached", "2024-Q1")
        #expect(q1.value == 150)
        #expect(q1.deduplicated == true)
        #expect(q1.sumOfParts == 200)
        #expect(q1.overlap == 50)
        #expect(close(q1.depth, 4.0 / 3))
        // Shares of sum_of_parts; the `*` row is the value itself, not a part of it, so it is not a contribution.
        #expect(q1.contributions.map(\.partner) == ["a", "b", "c"])
        #expect(q1.contributions.map(\.share) == [0.5, 0.4, 0.1])

        // Without a `*` row the value is the sum, and says it is not deduplicated.
        let q2 = results.at("reached", "2024-Q2")
        #expect(q2.value == 210)
        #expect(q2.deduplicated == false)
        #expect(q2.overlap == nil && q2.depth == nil)
        #expect(q2.contribution("c")?.value == nil)
    }

    @Test func ratioPoolsCountsAndNeverAveragesPercentages() {
        var rows = Fixture.Rows()
        rows.add("placed", "a", "2024-Q1", 15, n: 15, d: 100)
        rows.add("placed", "b", "2024-Q1", 90, n: 9, d: 10)
        let indicator = Fixture.indicator("placed", measure: .percentage, across: .ratio, periods: .latest)
        let q1 = compute(Fixture.initiative(indicators: [indicator], rows: rows)).at("placed", "2024-Q1")
        // 100 × (15 + 9) ÷ (100 + 10) = 21.8…%, not the mean of 15% and 90% (52.5%).
        #expect(close(q1.value, 2400.0 / 110))
        #expect(q1.numerator == 24 && q1.denominator == 110)
        #expect(q1.sumOfParts == nil)
        let a = q1.contribution("a"), b = q1.contribution("b")
        #expect(a?.value == 15 && a?.numerator == 15 && a?.denominator == 100)
        #expect(b?.value == 90 && b?.numerator == 9 && b?.denominator == 10)
        // Shares of the pooled numerator.
        #expect(a?.share == 0.625 && b?.share == 0.375)
    }

    @Test func ratioRowsWithOnlyCountsGetTheirPercentageFromThem() {
        var rows = Fixture.Rows()
        rows.add("placed", "a", "2024-Q1", nil, n: 189, d: 700)
        rows.add("placed", "b", "2024-Q1", 99, n: 54, d: 120) // a mistyped 99: the counts say 45%
        let indicator = Fixture.indicator("placed", measure: .percentage, across: .ratio, periods: .latest)
        let q1 = compute(Fixture.initiative(indicators: [indicator], rows: rows)).at("placed", "2024-Q1")
        #expect(close(q1.contribution("a")?.value, 27))
        #expect(close(q1.contribution("b")?.value, 45))
        #expect(close(q1.value, 100.0 * 243 / 820))
    }

    @Test func meanAndMaxOfScores() {
        var rows = Fixture.Rows()
        for (partner, value) in [("a", 3.0), ("b", 4), ("c", 5)] {
            rows.add("trust", partner, "2024-Q1", value)
            rows.add("stage", partner, "2024-Q1", value - 1)
        }
        let results = compute(Fixture.initiative(indicators: [
            Fixture.indicator("trust", measure: .score, across: .mean, periods: .latest),
            Fixture.indicator("stage", measure: .score, across: .max, periods: .max, line: 3),
        ], rows: rows))
        let trust = results.at("trust", "2024-Q1")
        #expect(trust.value == 4)
        // Adding scores up (12) and splitting them into shares (25%, 33%, 42%) would mean nothing.
        #expect(trust.sumOfParts == nil)
        #expect(trust.contributions.map(\.share) == [nil, nil, nil])
        #expect(trust.contributions.map(\.value) == [3, 4, 5])
        #expect(results.at("stage", "2024-Q1").sumOfParts == nil)
        #expect(results.at("stage", "2024-Q1").value == 4)
    }

    @Test func aPartnersOwnIndicatorTakesOnlyTheOwnersRows() {
        var rows = Fixture.Rows()
        rows.add("a-hours", "a", "2024-Q1", 300)
        rows.add("a-hours", "b", "2024-Q1", 999) // wrong partner: validation reports it, the figure ignores it
        rows.add("a-hours", "*", "2024-Q1", 999)
        let indicator = Fixture.indicator("a-hours", scope: .partner, partner: "a")
        let q1 = compute(Fixture.initiative(indicators: [indicator], rows: rows)).at("a-hours", "2024-Q1")
        #expect(q1.value == 300)
        #expect(q1.contributions.isEmpty)
        #expect(q1.sumOfParts == nil && q1.deduplicated == nil && q1.targetAlignment == nil)
    }

    @Test func aPartnersOwnPercentageUsesItsCounts() {
        var rows = Fixture.Rows()
        rows.add("a-rate", "a", "2024-Q1", nil, n: 30, d: 40)
        let indicator = Fixture.indicator("a-rate", scope: .partner, partner: "a", measure: .percentage, periods: .latest)
        let q1 = compute(Fixture.initiative(indicators: [indicator], rows: rows)).at("a-rate", "2024-Q1")
        #expect(q1.value == 75 && q1.numerator == 30 && q1.denominator == 40)
    }

    @Test func qualitativeIndicatorsAreListedNotAggregated() {
        var rows = Fixture.Rows()
        rows.add("commitments", "*", "2024-Q1", nil, note: "Two employers signed the protocol.")
        rows.add("commitments", "a", "2024-Q1", nil, note: "A drafted it.")
        let indicator = Fixture.indicator("commitments", measure: .qualitative, baseline: nil, baselinePeriod: nil,
                                          targetPeriod: nil)
        let results = compute(Fixture.initiative(indicators: [indicator], rows: rows))
        let q1 = results.at("commitments", "2024-Q1")
        #expect(q1.value == nil && q1.toDate == nil && q1.status == .noData && q1.contributions.isEmpty)
        #expect(q1.notes == ["Two employers signed the protocol.", "A drafted it."])
        #expect(results.collectiveSummary.total == 0)
    }
}
