import Testing
import TestSupport
@testable import ImpactDomain

/// `IndicatorRows.figures`: a period's rows as one figure per partner slot, ascending by slot, whatever the order
/// the file lists them in; a slot with several rows (a duplicate, which validation reports) is their sum in file order.
@Suite struct IndicatorRowsTests {
    /// Rows with values 1, 2, 3, … (`Fixture.Rows`), one per entry of `values`, all of indicator `i`.
    static func observations(_ values: [Double?]) -> [Observation] {
        var rows = Fixture.Rows()
        for value in values { rows.add("i", "a", "2024-Q1", value) }
        return rows.rows
    }

    /// What `figures` gives, the simple way: the rows sorted by slot, each slot's rows merged.
    static func reference(_ slotRows: [IndicatorRows.SlotRow], _ observations: [Observation]) -> [(Int, Figure)] {
        let slots = Set(slotRows.map(\.slot)).sorted()
        return slots.map { slot in
            (slot, Figure.merge(slotRows.filter { $0.slot == slot }.map(\.row), observations))
        }
    }

    @Test func rowsOutOfSlotOrderComeOutBySlot() {
        let observations = Self.observations([10, 20, 30, 40])
        let slotRows = [(3, 0), (1, 1), (2, 2), (0, 3)].map { IndicatorRows.SlotRow(slot: $0.0, row: $0.1) }
        var result: [(slot: Int, figure: Figure)] = [(9, Figure(value: 1))]  // replaced, not added to
        IndicatorRows.figures(slotRows[...], observations, into: &result)
        #expect(result.map(\.slot) == [0, 1, 2, 3])
        #expect(result.map(\.figure.value) == [40, 20, 30, 10])
    }

    @Test func aSlotWithTwoRowsIsTheirSum() {
        let observations = Self.observations([5, 7, 11])
        let slotRows = [(2, 0), (0, 1), (2, 2)].map { IndicatorRows.SlotRow(slot: $0.0, row: $0.1) }
        let result = IndicatorRows.figures(slotRows[...], observations)
        #expect(result.map(\.slot) == [0, 2])
        #expect(result.map(\.figure.value) == [7, 16])
    }

    /// 2,000 lists of up to 8 rows over 6 slots, some slots repeated, some values absent, against `reference`;
    /// one result array reused throughout, as a computation reuses it from period to period.
    @Test func figuresAreTheSortedMergedRowsOfEachSlot() {
        var random = SplitMix64(seed: 7)
        var result: [(slot: Int, figure: Figure)] = []
        for _ in 0..<2_000 {
            let count = Int(random.next() % 9)
            let values = (0..<count).map { _ -> Double? in
                let draw = random.next() % 50
                return draw < 5 ? nil : Double(draw)
            }
            let observations = Self.observations(values)
            let slotRows = (0..<count).map { IndicatorRows.SlotRow(slot: Int(random.next() % 6), row: $0) }
            IndicatorRows.figures(slotRows[...], observations, into: &result)
            let expected = Self.reference(slotRows, observations)
            #expect(result.map(\.slot) == expected.map(\.0))
            #expect(result.map(\.figure) == expected.map(\.1))
        }
    }
}
