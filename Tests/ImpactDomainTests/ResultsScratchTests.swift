import Testing
@testable import ImpactDomain

/// The lists computing reuses from period to period, and the row index's shortcuts for ids that come again: each
/// gives what a fresh computation or a plain lookup gives.
@Suite struct ResultsScratchTests {
    /// The rows of indicator `x`, a collective indicator, sorted into periods.
    static func indicatorRows(_ rows: Fixture.Rows) -> (Initiative, ObservationIndex, IndicatorRows) {
        let initiative = Fixture.initiative(indicators: [Fixture.indicator("x")], rows: rows)
        let index = ObservationIndex(initiative)
        let indicatorRows = IndicatorRows(rows: index.rowsByIndicator["x"]!, index: index,
                                          observations: initiative.observations, owner: nil, ownerOnly: false)
        return (initiative, index, indicatorRows)
    }

    /// Rows listed period by period, each period's partners in another order, with `*` and an id partners.csv does not
    /// have: every row gets the slot and indicator a lookup of its ids gives.
    @Test func rowSlotsAndIndicatorsAreTheIdsLookupsWhateverTheRowOrder() {
        var rows = Fixture.Rows()
        let orders = [["a", "b", "*", "zz"], ["b", "zz", "a"], ["*", "a", "c", "b"], ["zz", "c"], ["a", "b", "*", "zz"]]
        for (offset, order) in orders.enumerated() {
            let period = ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1"][offset]
            for indicator in offset == 3 ? ["y", "x"] : ["x", "y"] {
                for partner in order { rows.add(indicator, partner, period, 1) }
            }
        }
        let initiative = Fixture.initiative(indicators: [Fixture.indicator("x"), Fixture.indicator("y")], rows: rows)
        let index = ObservationIndex(initiative)
        #expect(index.partnerIDs == ["bb", "a", "b", "c", "zz"])
        for (row, observation) in rows.rows.enumerated() {
            #expect(Int(index.rowSlot[row]) == index.slot(of: observation.partner))
            #expect(index.indicatorIDs[Int(index.rowIndicator[row])] == observation.indicator)
        }
        #expect(index.rowsByIndicator["x"] == rows.rows.indices.filter { rows.rows[$0].indicator == "x" })
    }

    /// `IndicatorRows.totals(at:)`: each period's total rows, in row order; breakdown rows are not among them.
    @Test func totalRowsComePeriodByPeriodInRowOrder() {
        var rows = Fixture.Rows()
        rows.add("x", "b", "2024-Q2", 1)
        rows.add("x", "a", "2024-Q1", 2)
        rows.add("x", "*", "2024-Q2", 3)
        rows.add("x", "a", "2024-Q2", 4, dim: "gender", cat: "women")
        rows.add("x", "a", "2024-Q2", 5)
        rows.add("x", "c", "2024-Q4", 6)
        let (_, index, indicatorRows) = Self.indicatorRows(rows)
        let (a, b, c) = (index.slot(of: "a")!, index.slot(of: "b")!, index.slot(of: "c")!)
        let totals = (0..<index.periods.count).map { offset in
            indicatorRows.totals(at: offset).map { [$0.slot, $0.row] }
        }
        #expect(totals == [[[a, 1]], [[b, 0], [index.sharedSlot, 2], [a, 4]], [], [[c, 5]]])
        #expect(indicatorRows.reporters == [a, b, c])
    }

    /// `combine(_:parts:shared:factor:into:)` over a `Combined` used before, with more or fewer parts: what a fresh
    /// `combine` gives, for every rule.
    @Test func combiningIntoAReusedResultIsCombiningAfresh() {
        let lists: [[Figure]] = [
            [Figure(value: 30, numerator: 3, denominator: 10), Figure(value: 50, numerator: 5, denominator: 10),
             Figure()],
            [Figure(value: 7)],
            [Figure(value: 20, numerator: 1, denominator: 5), Figure(), Figure(value: 10),
             Figure(value: 40, numerator: 4, denominator: 8)],
            [],
        ]
        let shared: [Figure?] = [Figure(value: 20, numerator: 2, denominator: 4), nil, Figure(value: 60), nil]
        for rule in [AcrossPartners.sum, .unique, .ratio, .mean, .max] {
            var reused = Combined()
            for (parts, shared) in zip(lists, shared) {
                combine(rule, parts: parts, shared: shared, factor: 100, into: &reused)
                #expect(reused == combine(rule, parts: parts, shared: shared, factor: 100), "\(rule)")
                #expect(reused.shares.count == parts.count)
            }
        }
    }

    /// `PeriodCell.fill`: one figure per reporter, in the reporters' order, empty for one with no row in the period,
    /// and the `*` row apart, whatever the cell held before.
    @Test func aRefilledPeriodCellHoldsOnlyItsPeriodsFigures() {
        var rows = Fixture.Rows()
        rows.add("x", "b", "2024-Q1", 5)
        rows.add("x", "a", "2024-Q1", 3)
        rows.add("x", "*", "2024-Q1", 1)
        rows.add("x", "c", "2024-Q2", 8)
        let (initiative, index, indicatorRows) = Self.indicatorRows(rows)
        var cell = PeriodCell()
        cell.fill(indicatorRows.totals(at: 0), reporters: indicatorRows.reporters, index: index,
                  observations: initiative.observations, isRatio: false, factor: 1)
        #expect(cell.parts.map(\.value) == [3, 5, nil])
        #expect(cell.shared?.value == 1)
        cell.fill(indicatorRows.totals(at: 1), reporters: indicatorRows.reporters, index: index,
                  observations: initiative.observations, isRatio: false, factor: 1)
        #expect(cell.parts.map(\.value) == [nil, nil, 8])
        #expect(cell.shared == nil)
    }
}
