// One indicator's results rows, sorted into cells: per period the total rows of each partner, and the
// disaggregation rows of each (dimension, category). Built in one pass over the indicator's rows.

struct IndicatorRows {
    /// Per period offset: the total rows (no dimension), as (partner slot, row index).
    var totals: [[SlotRow]]
    /// Per period offset: the disaggregation rows, unordered until `orderedCells(at:)`.
    var cellRows: [[CellRow]]
    /// Per period offset: the notes of every row counted, as (location, text).
    var notes: [[(SourceLocation, String)]]
    /// Partner slots (never `*`) with a total row in any period, ascending: the partners listed as contributions.
    var reporters: [Int]

    struct SlotRow {
        var slot: Int
        var row: Int
    }

    struct CellRow {
        /// Display rank of the cell (ObservationIndex.cellRank), then the cell itself.
        var rank: Int32
        var cell: Int32
        var slot: Int32
        var row: Int32
    }

    /// - Parameter owner: for a partner's own indicator, the slot of the owning partner: only its rows count.
    ///   `ownerOnly` with no owner (an empty `partner`, a validation error) keeps every partner's rows.
    init(rows: [Int], index: ObservationIndex, observations: [Observation], owner: Int?, ownerOnly: Bool) {
        let periodCount = index.periods.count
        totals = Array(repeating: [], count: periodCount)
        cellRows = Array(repeating: [], count: periodCount)
        notes = Array(repeating: [], count: periodCount)
        let shared = index.sharedSlot
        var reporting = [Bool](repeating: false, count: shared + 1)
        // Rows per period counted first, so each period's list is allocated once at its size.
        var counts = [Int](repeating: 0, count: periodCount)
        for row in rows where index.rowPeriod[row] >= 0 { counts[Int(index.rowPeriod[row])] += 1 }
        for offset in 0..<periodCount where counts[offset] > 0 { totals[offset].reserveCapacity(counts[offset]) }

        for row in rows {
            let offset = Int(index.rowPeriod[row])
            guard offset >= 0 else { continue }
            let slot = Int(index.rowSlot[row])
            if ownerOnly {
                if let owner { guard slot == owner else { continue } } else { guard slot != shared else { continue } }
            }
            let cell = index.rowCell[row]
            if cell == ObservationIndex.invalidCell { continue }
            if cell >= 0 {
                cellRows[offset].append(CellRow(rank: index.cellRank[Int(cell)], cell: cell, slot: Int32(slot), row: Int32(row)))
            } else {
                totals[offset].append(SlotRow(slot: slot, row: row))
                if slot != shared { reporting[slot] = true }
            }
            if !observations[row].note.isEmpty {
                notes[offset].append((observations[row].location, observations[row].note))
            }
        }
        reporters = reporting.indices.filter { reporting[$0] }
    }

    /// The merged figure of each slot in one list of rows, ascending by slot (`*` last).
    static func figures(_ slotRows: [SlotRow], _ observations: [Observation]) -> [(slot: Int, figure: Figure)] {
        // Rows usually come in slot order already (the file lists partners in order): no sorted copy then.
        let sorted = slotRows.indices.dropFirst().allSatisfy { slotRows[$0 - 1].slot <= slotRows[$0].slot }
            ? slotRows : slotRows.sorted { $0.slot < $1.slot }
        var result: [(slot: Int, figure: Figure)] = []
        result.reserveCapacity(sorted.count)
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count, sorted[end].slot == sorted[start].slot { end += 1 }
            // One row per slot is the rule (more is a duplicate, which validation reports).
            let figure = end - start == 1 ? Figure(row: sorted[start].row, observations)
                : Figure.merge(sorted[start..<end].map(\.row), observations)
            result.append((sorted[start].slot, figure))
            start = end
        }
        return result
    }

    /// Cells of one period in display order, each with its rows ordered by slot.
    func orderedCells(at offset: Int, _ index: ObservationIndex) -> [(DimensionCategory, [SlotRow])] {
        let sorted = cellRows[offset].sorted { $0.rank != $1.rank ? $0.rank < $1.rank : $0.slot < $1.slot }
        var result: [(DimensionCategory, [SlotRow])] = []
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count, sorted[end].cell == sorted[start].cell { end += 1 }
            result.append((index.cells[Int(sorted[start].cell)],
                           sorted[start..<end].map { SlotRow(slot: Int($0.slot), row: Int($0.row)) }))
            start = end
        }
        return result
    }

    /// Notes of one period in file order.
    func orderedNotes(at offset: Int) -> [String] {
        notes[offset].sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map(\.1)
    }
}
