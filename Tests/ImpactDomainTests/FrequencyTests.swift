import Testing
@testable import ImpactDomain

/// `frequency`: an indicator measured every half year or year is not due in the quarters between; those read
/// "not due", not "no data", and only due periods can be missing.
@Suite struct FrequencyTests {
    func p(_ text: String) -> Period { Period(text)! }

    @Test func aFrequencyIsDueAtTheEndOfEachOfItsPeriods() {
        #expect([Frequency.half.isDue(p("2025-Q1")), Frequency.half.isDue(p("2025-Q2")), Frequency.half.isDue(p("2025-Q3")),
                 Frequency.half.isDue(p("2025-Q4"))] == [false, true, false, true])
        #expect(Frequency.year.isDue(p("2025-Q4")) && !Frequency.year.isDue(p("2025-Q2")))
        #expect(Frequency.quarter.isDue(p("2025-06")) && !Frequency.quarter.isDue(p("2025-05")))
        #expect(Frequency.year.isDue(p("2025")) && Frequency.quarter.isDue(p("2025-Q3")))
        // An initiative by quarter can carry quarter, half and year indicators, not monthly ones.
        #expect(Frequency.allCases.filter { $0.fits(.quarter) } == [.quarter, .half, .year])
        #expect(Frequency.allCases.filter { $0.fits(.year) } == [.year])
    }

    /// A half-yearly survey reported in 2024-Q2 (3.0) and 2024-Q4 (3.4): 2024-Q3 is not due (no value, not missing),
    /// and a brief for 2024-Q3 shows 2024-Q2, the latest period in which it was due.
    @Test func theQuartersBetweenAreNotDue() throws {
        var survey = Fixture.indicator("trust", measure: .score, across: .mean, periods: .latest, baseline: 2, target: 4)
        survey.frequency = .half
        var rows = Fixture.Rows()
        rows.add("trust", "a", "2024-Q2", 3.0)
        rows.add("trust", "a", "2024-Q4", 3.4)
        let result = compute(Fixture.initiative(indicators: [survey], rows: rows)).indicators[0]
        #expect(result.periods.map(\.isDue) == [true, false, true])
        #expect(result.lastDue(through: p("2024-Q3"))?.period == p("2024-Q2"))
        #expect(result.lastDue(through: p("2024-Q4"))?.value == 3.4)
        #expect(result.latest?.period == p("2024-Q4"))
        // The offsets pages read in place: a period after the last one shows the last due; one before the first,
        // none; a period not due and with no due period before it (the first here is due) never arises.
        #expect(result.lastDueIndex(through: p("2024-Q3")) == 0)
        #expect(result.shownIndex(asked: p("2024-Q3")) == 0)
        #expect(result.shownIndex(asked: p("2024-Q4")) == 2)
        #expect(result.shownIndex(asked: p("2025-Q2")) == 2)
        #expect(result.shownIndex(asked: p("2024-Q1")) == nil)
        #expect(result.lastDueIndex(through: p("2024-Q1")) == nil)
    }

    /// A yearly indicator reported in 2024-Q4 and nothing in 2025: only 2025-Q4 was due, one period, so no gap
    /// warning (three quarters without a row would have read as a gap). Two missing years are a gap.
    @Test func onlyDuePeriodsCanBeMissing() {
        var yearly = Fixture.indicator("y", target: 100, targetPeriod: "2027-Q4")
        yearly.frequency = .year
        var rows = Fixture.Rows()
        rows.add("y", "a", "2024-Q4", 10)
        rows.add("y", "b", "2024-Q4", 10)
        rows.add("y", "b", "2025-Q4", 10)
        #expect(!validate(Fixture.initiative(indicators: [yearly], rows: rows)).contains { $0.message.contains("then nothing") })
        rows.add("y", "b", "2026-Q4", 10)
        let gap = validate(Fixture.initiative(indicators: [yearly], rows: rows)).filter { $0.message.contains("then nothing") }
        #expect(gap.map(\.message) == ["partner `a` reported `y` for `2024-Q4`, then nothing for `2025-Q4` and `2026-Q4`"])
    }

    @Test func aFrequencyShorterThanTheInitiativesPeriodOrARowInAPeriodNotDueIsReported() throws {
        var monthly = Fixture.indicator("m", target: 100)
        monthly.frequency = .month
        let error = try #require(validate(Fixture.initiative(indicators: [monthly])).first { $0.field == "frequency" })
        #expect(error.severity == .error)
        #expect(error.message == "indicator `m` is measured every month (`frequency: month`), more often than the initiative reports (by quarter)")
        #expect(error.hint == "use a frequency of one quarter or longer (`quarter`, `half`, `year`), or leave `frequency` empty")

        var survey = Fixture.indicator("s", target: 100)
        survey.frequency = .half
        var rows = Fixture.Rows()
        rows.add("s", "a", "2024-Q2", 10)
        rows.add("s", "a", "2024-Q3", 12)  // line 3
        let warning = try #require(validate(Fixture.initiative(indicators: [survey], rows: rows)).first { $0.field == "period" })
        #expect(warning.severity == .warning && warning.location == SourceLocation(path: "results.csv", line: 3))
        #expect(warning.message == "indicator `s` is measured every half year (`frequency: half`), and `2024-Q3` does not end one")
        #expect(warning.hint?.hasPrefix("date the row with the last quarter of its half year (`2024-Q4`)") == true)
    }

    /// Rule 4 with partner targets written for the indicator's own target_period (2025-Q1): they are end targets.
    /// 300 + 400 against 1,000 → 0.7 (it was silently absent). Where it cannot be computed, the result says why.
    @Test func partnerTargetsForTheTargetPeriodAreEndTargetsAndAGapHasAReason() {
        var rows = Fixture.Rows()
        rows.add("x", "a", "2024-Q1", 10)
        rows.add("x", "b", "2024-Q1", 10)
        let indicator = Fixture.indicator("x", target: 1000, targetPeriod: "2025-Q1")
        let targets = [Fixture.target("x", "a", "2025-Q1", 300), Fixture.target("x", "b", nil, 400, line: 3)]
        let result = compute(Fixture.initiative(indicators: [indicator], rows: rows, targets: targets)).indicators[0]
        #expect(close(result.targetAlignment, 0.7) && result.alignmentGap == nil)
        #expect(result.periods[0].contribution("a")?.target == 300)

        let none = compute(Fixture.initiative(indicators: [indicator], rows: rows)).indicators[0]
        #expect(none.targetAlignment == nil && none.alignmentGap == .noPartnerTargets)
        let mean = Fixture.indicator("x", measure: .score, across: .mean, target: 4)
        #expect(compute(Fixture.initiative(indicators: [mean], rows: rows)).indicators[0].alignmentGap == .notAdditive)
        let noEnd = Fixture.indicator("x")
        #expect(compute(Fixture.initiative(indicators: [noEnd], rows: rows, targets: targets)).indicators[0].alignmentGap == .noEndTarget)
    }
}
