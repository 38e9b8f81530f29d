import Testing
@testable import ImpactDomain

/// Rule 7: disaggregation cells, combined across partners, with primary and secondary suppression.
@Suite struct DisaggregationTests {
    func registered(_ cells: [(String, String, Double)], partner: String = "*", minCellCount: Int = 10) -> PeriodResult {
        var rows = Fixture.Rows()
        rows.add("registered", "a", "2024-Q1", 1500)
        rows.add("registered", "*", "2024-Q1", 1380)
        for (dimension, category, value) in cells { rows.add("registered", partner, "2024-Q1", value, dim: dimension, cat: category) }
        let indicator = Fixture.indicator("registered", across: .unique, periods: .latest)
        return compute(Fixture.initiative(indicators: [indicator], rows: rows),
                       settings: ComputationSettings(minCellCount: minCellCount)).at("registered", "2024-Q1")
    }

    @Test func oneSmallCategoryHidesTheNextSmallestToo() {
        let q1 = registered([("gender", "women", 908), ("gender", "men", 468), ("gender", "transgender", 4),
                             ("age", "18-24", 500), ("age", "25-34", 600), ("age", "35+", 280)])
        // 4 is under 10: hidden (primary). Alone, it would be 1380 − 908 − 468, so men (468, the next smallest) goes too.
        let transgender = q1.cell("gender", "transgender"), men = q1.cell("gender", "men")
        #expect(transgender?.suppressed == true && transgender?.value == nil && transgender?.suppression == .primary)
        #expect(men?.suppressed == true && men?.value == nil && men?.suppression == .secondary)
        #expect(q1.cell("gender", "women")?.value == 908 && q1.cell("gender", "women")?.suppressed == false)
        // Another dimension is judged on its own.
        #expect(q1.disaggregations.filter { $0.dimension == "age" }.allSatisfy { !$0.suppressed })
        // Cells keep the order of the file.
        #expect(q1.disaggregations.map(\.category) == ["women", "men", "transgender", "18-24", "25-34", "35+"])
    }

    @Test func twoSmallCellsNeedNoSecondarySuppression() {
        let q1 = registered([("ward", "X", 3), ("ward", "Y", 5), ("ward", "Z", 500)])
        #expect(q1.disaggregations.map(\.suppressed) == [true, true, false])
        #expect(q1.disaggregations.map(\.suppression) == [.primary, .primary, nil])
    }

    @Test func zeroIsNotASmallCount() {
        let q1 = registered([("gender", "women", 20), ("gender", "men", 0), ("gender", "other", 0)])
        #expect(q1.disaggregations.allSatisfy { !$0.suppressed })
        #expect(q1.cell("gender", "men")?.value == 0)
    }

    @Test func theThresholdIsASetting() {
        let q1 = registered([("gender", "women", 908), ("gender", "men", 468), ("gender", "transgender", 4)], minCellCount: 3)
        #expect(q1.disaggregations.allSatisfy { !$0.suppressed })
        #expect(registered([("gender", "women", 8), ("gender", "men", 9)], minCellCount: 1).disaggregations.allSatisfy { !$0.suppressed })
    }

    @Test func cellsAreCombinedAcrossPartnersBeforeSuppression() {
        var rows = Fixture.Rows()
        rows.add("trained", "a", "2024-Q1", 6, dim: "gender", cat: "women")
        rows.add("trained", "b", "2024-Q1", 7, dim: "gender", cat: "women")
        rows.add("trained", "a", "2024-Q1", 20, dim: "gender", cat: "men")
        let q1 = compute(Fixture.initiative(indicators: [Fixture.indicator("trained")], rows: rows)).at("trained", "2024-Q1")
        // 6 + 7 = 13 women: each partner's cell is small, the initiative's is not.
        #expect(q1.cell("gender", "women")?.value == 13 && q1.cell("gender", "women")?.suppressed == false)
        #expect(q1.cell("gender", "men")?.value == 20)
        // Disaggregation rows are not totals: the period has no value of its own.
        #expect(q1.value == nil)
    }

    @Test func percentagesAreHiddenWhenEitherCountIsSmall() {
        var rows = Fixture.Rows()
        rows.add("rate", "a", "2024-Q1", nil, n: 35, d: 52)
        rows.add("rate", "a", "2024-Q1", nil, n: 30, d: 40, dim: "gender", cat: "women")
        rows.add("rate", "a", "2024-Q1", nil, n: 5, d: 12, dim: "gender", cat: "men")
        rows.add("rate", "a", "2024-Q1", nil, n: 12, d: 20, dim: "age", cat: "young")
        rows.add("rate", "a", "2024-Q1", nil, n: 23, d: 32, dim: "age", cat: "older")
        let indicator = Fixture.indicator("rate", measure: .percentage, across: .ratio, periods: .latest)
        let q1 = compute(Fixture.initiative(indicators: [indicator], rows: rows)).at("rate", "2024-Q1")
        let men = q1.cell("gender", "men"), women = q1.cell("gender", "women")
        #expect(men?.suppressed == true && men?.numerator == nil && men?.denominator == nil)
        // Women's 30 of 40 would give men's counts away from the total 35 of 52.
        #expect(women?.suppressed == true && women?.suppression == .secondary)
        let young = q1.cell("age", "young")
        #expect(young?.value == 60 && young?.numerator == 12 && young?.denominator == 20 && young?.suppressed == false)
    }

    @Test func suppressionRulesOnCells() {
        func cell(_ value: Double?, n: Double? = nil, d: Double? = nil) -> DisaggregationCell {
            DisaggregationCell(dimension: "d", category: "c", value: value, numerator: n, denominator: d)
        }
        // Counts from 1 to 9; not 0, not 10.
        #expect(suppress([cell(1)], measure: .count, minCellCount: 10)[0].suppressed)
        #expect(suppress([cell(9)], measure: .count, minCellCount: 10)[0].suppressed)
        #expect(!suppress([cell(10)], measure: .count, minCellCount: 10)[0].suppressed)
        #expect(!suppress([cell(0)], measure: .count, minCellCount: 10)[0].suppressed)
        // Money and scores are not counts of people.
        #expect(!suppress([cell(3)], measure: .amount, minCellCount: 10)[0].suppressed)
        #expect(!suppress([cell(3)], measure: .score, minCellCount: 10)[0].suppressed)
        // A percentage without its counts cannot be shown safely.
        #expect(suppress([cell(50)], measure: .percentage, minCellCount: 10)[0].suppressed)
        #expect(suppress([cell(50, n: 10, d: 9)], measure: .percentage, minCellCount: 10)[0].suppressed)
        #expect(!suppress([cell(50, n: 10, d: 20)], measure: .percentage, minCellCount: 10)[0].suppressed)
        // A cell with no data is absent, not suppressed.
        #expect(!suppress([cell(nil)], measure: .count, minCellCount: 10)[0].suppressed)
    }
}
