import Testing
import ImpactDomain

/// Rule 1: period values and to-date values; and the reporting range.
@Suite struct AcrossPeriodsTests {
    /// Partner `a` reports 10, nothing, 30, 20 in 2024-Q1…Q4.
    func results(_ rule: AcrossPeriods) -> [PeriodResult] {
        var rows = Fixture.Rows()
        rows.add("x", "a", "2024-Q1", 10)
        rows.add("x", "a", "2024-Q3", 30)
        rows.add("x", "a", "2024-Q4", 20)
        return compute(Fixture.initiative(indicators: [Fixture.indicator("x", periods: rule)], rows: rows)).indicators[0].periods
    }

    @Test func sumAddsFlows() {
        let periods = results(.sum)
        #expect(periods.map(\.period.description) == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"])
        #expect(periods.map(\.value) == [10, nil, 30, 20])
        #expect(periods.map(\.toDate) == [10, 10, 40, 60])
    }

    @Test func latestKeepsTheLatestPeriodWithData() {
        #expect(results(.latest).map(\.toDate) == [10, 10, 30, 20])
    }

    @Test func maxAndMean() {
        #expect(results(.max).map(\.toDate) == [10, 10, 30, 30])
        #expect(results(.mean).map(\.toDate) == [10, 10, 20, 20])
    }

    @Test func aPeriodWithoutDataHasNoDataStatusButKeepsItsToDate() {
        let q2 = results(.sum)[1]
        #expect(q2.value == nil && q2.status == .noData && q2.toDate == 10)
    }

    @Test func ratioToDateSumPoolsTheCountsOfEveryPeriodSoFar() {
        var rows = Fixture.Rows()
        rows.add("rate", "a", "2024-Q1", nil, n: 1, d: 10)   // 10%
        rows.add("rate", "a", "2024-Q2", nil, n: 45, d: 50)  // 90%
        let indicator = Fixture.indicator("rate", measure: .percentage, across: .ratio, periods: .sum)
        let periods = compute(Fixture.initiative(indicators: [indicator], rows: rows)).indicators[0].periods
        // 100 × (1 + 45) ÷ (10 + 50) = 76.7%, not 10 + 90 = 100 and not their mean 50.
        #expect(close(periods[1].toDate, 4600.0 / 60))
        #expect(periods[1].value == 90)
    }

    @Test func theReportingRangeRunsFromTheFirstToTheLastRowOfAnyIndicator() {
        var rows = Fixture.Rows()
        rows.add("x", "a", "2024-Q2", 1)
        rows.add("y", "b", "2025-Q1", 1)
        let results = compute(Fixture.initiative(indicators: [Fixture.indicator("x"), Fixture.indicator("y", line: 3)],
                                                 rows: rows))
        #expect(results.periods.map(\.description) == ["2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1"])
        #expect(results.indicators.allSatisfy { $0.periods.count == 4 })
        #expect(results.latestPeriod?.description == "2025-Q1")
    }

    @Test func noResultsMeansAnEmptyRange() {
        let results = compute(Fixture.initiative(indicators: [Fixture.indicator("x")]))
        #expect(results.periods.isEmpty && results.indicators[0].periods.isEmpty)
        #expect(results.collectiveSummary == StatusSummary(total: 1, noData: 1))
    }
}
