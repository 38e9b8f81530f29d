// One indicator's results rows, sorted into cells: per period the total rows of each partner, and the
// disaggregation rows of each (dimension, category). Built in one pass over the indicator's rows.

struct IndicatorRows {
    /// The total rows (no dimension), as (partner slot, row index): period after period, each period's in row
    /// order (`totals(at:)`). One list, not one per period: an indicator has dozens of periods.
    private var totalRows: [SlotRow] = []
    /// Where each period's total rows start in `totalRows`, and where the last one's end.
    private var totalStarts: [Int]
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
        cellRows = Array(repeating: [], count: periodCount)
        notes = Array(repeating: [], count: periodCount)
        let shared = index.sharedSlot
        var reporting = [Bool](repeating: false, count: shared + 1)
        // The total rows in row order with their periods, then placed period by period (a stable counting sort).
        var totalsInRowOrder: [(offset: Int, row: SlotRow)] = []
        totalsInRowOrder.reserveCapacity(rows.count)
        var totalCounts = [Int](repeating: 0, count: periodCount)

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
                totalsInRowOrder.append((offset, SlotRow(slot: slot, row: row)))
                totalCounts[offset] += 1
                if slot != shared { reporting[slot] = true }
            }
            if !observations[row].note.isEmpty {
                notes[offset].append((observations[row].location, observations[row].note))
            }
        }
        reporters = reporting.indices.filter { reporting[$0] }

        totalStarts = [Int](repeating: 0, count: periodCount + 1)
        for offset in 0..<periodCount { totalStarts[offset + 1] = totalStarts[offset] + totalCounts[offset] }
        var next = totalStarts
        totalRows = [SlotRow](repeating: SlotRow(slot: 0, row: 0), count: totalsInRowOrder.count)
        for (offset, row) in totalsInRowOrder {
            totalRows[next[offset]] = row
            next[offset] += 1
        }
    }

    /// The total rows of the period at `offset`, in row order.
    func totals(at offset: Int) -> ArraySlice<SlotRow> { totalRows[totalStarts[offset]..<totalStarts[offset + 1]] }

    /// The merged figure of each slot in one list of rows, ascending by slot (`*` last).
    static func figures(_ slotRows: ArraySlice<SlotRow>, _ observations: [Observation]) -> [(slot: Int, figure: Figure)] {
        var result: [(slot: Int, figure: Figure)] = []
        figures(slotRows, observations, into: &result)
        return result
    }

    /// `figures(_:_:)` in `result`, replacing what it held (its memory is reused from period to period).
    static func figures(_ slotRows: ArraySlice<SlotRow>, _ observations: [Observation],
                        into result: inout [(slot: Int, figure: Figure)]) {
        result.removeAll(keepingCapacity: true)
        result.reserveCapacity(slotRows.count)
        // Each row's figure put in its place by slot as it comes: a period has a few rows, often out of slot order
        // (a file need not list partners in partners.csv order), and moving a few entries costs less than a sorted
        // copy of the rows. A slot that comes twice (a duplicate, which validation reports) is left to the merging
        // walk below.
        var duplicate = false
        for row in slotRows {
            var at = result.count
            while at > 0, result[at - 1].slot > row.slot { at -= 1 }
            if at > 0, result[at - 1].slot == row.slot {
                duplicate = true
                break
            }
            let entry = (slot: row.slot, figure: Figure(row: row.row, observations))
            result.append(entry)
            var place = result.count - 1
            while place > at {
                result[place] = result[place - 1]
                place -= 1
            }
            result[at] = entry
        }
        guard duplicate else { return }
        result.removeAll(keepingCapacity: true)
        let sorted = ArraySlice(slotRows.sorted { $0.slot < $1.slot })
        var start = sorted.startIndex
        while start < sorted.endIndex {
            var end = start + 1
            while end < sorted.endIndex, sorted[end].slot == sorted[start].slot { end += 1 }
            // One row per slot is the rule (more is a duplicate, which validation reports).
            let figure = end - start == 1 ? Figure(row: sorted[start].row, observations)
                : Figure.merge(sorted[start..<end].map(\.row), observations)
            result.append((sorted[start].slot, figure))
            start = end
        }
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
        // Most periods have none: no sorted copy to make then.
        guard !notes[offset].isEmpty else { return [] }
        return notes[offset].sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map(\.1)
    }
}
