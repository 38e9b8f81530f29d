// Rule 7: small-cell suppression. These sites publish about vulnerable people: a count of 3 transgender waste
// pickers in one ward can identify them, and so can a total minus the other categories.

/// Suppresses one period's disaggregation cells (in display order) and returns them in the same order.
///
/// - Primary: a count from 1 to `minCellCount − 1`; a ratio (percentage) whose numerator or denominator is below
///   `minCellCount`, or a percentage without its counts (its size is unknown, so it cannot be shown safely).
///   Amounts (money) and scores are not counts of people and are never suppressed.
/// - Secondary: when exactly one cell of a dimension is suppressed, the next-smallest cell of that dimension is
///   hidden too, so the small one cannot be recovered as total − the others.
func suppress(_ cells: [DisaggregationCell], measure: Measure, minCellCount: Int) -> [DisaggregationCell] {
    // Without a small cell nothing is hidden (a secondary suppression follows a primary one): most periods.
    guard minCellCount > 1, cells.contains(where: { isSmall($0, measure: measure, minCellCount: minCellCount) })
    else { return cells }
    var result = cells
    var dimensions: [String: [Int]] = [:]
    for (position, cell) in cells.enumerated() { dimensions[cell.dimension, default: []].append(position) }

    for positions in dimensions.values {
        var suppressed: [Int] = []
        for position in positions where isSmall(cells[position], measure: measure, minCellCount: minCellCount) {
            hide(&result[position], .primary)
            suppressed.append(position)
        }
        guard suppressed.count == 1 else { continue }
        let candidates = positions.filter { !result[$0].suppressed && size(result[$0]) != nil }
        let next = candidates.min { a, b in
            let (sa, sb) = (size(result[a])!, size(result[b])!)
            return sa != sb ? sa < sb : result[a].category < result[b].category
        }
        if let next { hide(&result[next], .secondary) }
    }
    return result
}

/// Whether a cell must be hidden for its own sake (primary suppression).
func isSmall(_ cell: DisaggregationCell, measure: Measure, minCellCount: Int) -> Bool {
    let threshold = Double(minCellCount)
    if cell.numerator != nil || cell.denominator != nil || measure == .percentage {
        guard cell.value != nil || cell.numerator != nil || cell.denominator != nil else { return false }
        guard let numerator = cell.numerator, let denominator = cell.denominator else { return true }
        return numerator < threshold || denominator < threshold
    }
    guard measure == .count, let value = cell.value else { return false }
    return value > 0 && value < threshold
}

/// What "next-smallest" compares: the number of people behind the cell.
private func size(_ cell: DisaggregationCell) -> Double? { cell.denominator ?? cell.value }

private func hide(_ cell: inout DisaggregationCell, _ reason: SuppressionReason) {
    cell.value = nil
    cell.numerator = nil
    cell.denominator = nil
    cell.suppressed = true
    cell.suppression = reason
}
