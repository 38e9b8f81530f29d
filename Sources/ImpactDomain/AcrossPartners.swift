// Rule 2: how the partners' figures of one cell combine into the initiative's figure (docs/domain-rules.md).

/// The initiative's figure for one cell, with everything the collective-versus-individual panel needs.
struct Combined: Hashable {
    var value: Double?
    /// Pooled counts of the figures that make up the value (the ratio's Σ numerators and Σ denominators).
    var numerator: Double?
    var denominator: Double?
    var sumOfParts: Double?
    var overlap: Double?
    var depth: Double?
    var deduplicated: Bool?
    /// Each part's share, aligned with the parts passed in; nil for a part that is not in the whole.
    var shares: [Double?] = []
    /// True when the `*` row is a part of the value (a shared result under `sum`, shared counts under `ratio`),
    /// and so is listed as the shared contribution.
    var sharedIsPart = false
    var sharedShare: Double?
}

/// Combines the partners' figures (`parts`, in display order, including partners that reported nothing) and the
/// `*` row by the indicator's rule. `factor` is 100 for percentages, 1 for other ratios.
func combine(_ rule: AcrossPartners, parts: [Figure], shared: Figure?, factor: Double) -> Combined {
    var result = Combined()
    combine(rule, parts: parts, shared: shared, factor: factor, into: &result)
    return result
}

/// `combine(_:parts:shared:factor:)` in `result`, replacing all it held; its list of shares keeps its memory, so a
/// caller combining period after period allocates it once.
func combine(_ rule: AcrossPartners, parts: [Figure], shared: Figure?, factor: Double, into result: inout Combined) {
    var partsSum: Double?
    for part in parts { partsSum = add(partsSum, part.value) }
    var shares = result.shares
    result = Combined()
    shares.removeAll(keepingCapacity: true)
    shares.reserveCapacity(parts.count)
    defer { result.shares = shares }
    switch rule {
    case .sum:
        let sharedValue = shared?.value
        result.value = add(partsSum, sharedValue)
        result.sumOfParts = partsSum
        for part in parts { shares.append(share(part.value, of: result.value)) }
        result.sharedIsPart = sharedValue != nil
        result.sharedShare = share(sharedValue, of: result.value)
        pool(parts, shared, into: &result)
    case .unique:
        // The `*` row is the deduplicated count of people reached; without it the sum is all we have, and the
        // result says so (deduplicated: false) rather than presenting it as reach.
        if let deduplicated = shared?.value {
            result.value = deduplicated
            result.deduplicated = true
            result.overlap = partsSum.map { $0 - deduplicated }
            result.depth = partsSum.flatMap { deduplicated != 0 ? $0 / deduplicated : nil }
        } else {
            result.value = partsSum
            result.deduplicated = partsSum == nil ? nil : false
        }
        result.sumOfParts = partsSum
        for part in parts { shares.append(share(part.value, of: partsSum)) }
        pool(parts, nil, into: &result)
    case .ratio:
        // Never the mean of the partners' percentages: pool the counts, so a partner serving 1,000 people weighs
        // fifty times one serving 20.
        pool(parts, shared, into: &result)
        if let numerator = result.numerator, let denominator = result.denominator, denominator != 0 {
            result.value = factor * numerator / denominator
        }
        for part in parts { shares.append(part.hasCounts ? share(part.numerator, of: result.numerator) : nil) }
        if let shared, shared.hasCounts {
            result.sharedIsPart = true
            result.sharedShare = share(shared.numerator, of: result.numerator)
        }
    case .mean, .max:
        let values = parts.compactMap(\.value)
        if !values.isEmpty {
            result.value = rule == .mean ? partsSum.map { $0 / Double(values.count) } : values.max()
        }
        // Scores and ladder stages are not amounts: 3 + 4 + 5 points, or a share of "12 stages", means nothing.
        // No sum of parts and no shares (each partner's own value stays in its contribution).
        shares.append(contentsOf: repeatElement(nil, count: parts.count))
        pool(parts, nil, into: &result)
    }
}

/// Σ of the present values; nil when none is present (absent, never 0).
func total(_ values: [Double?]) -> Double? {
    var sum: Double?
    for value in values { sum = add(sum, value) }
    return sum
}

/// `part ÷ whole`, nil when either is absent or the whole is 0.
func share(_ part: Double?, of whole: Double?) -> Double? {
    guard let part, let whole, whole != 0 else { return nil }
    return part / whole
}

/// Σ numerators and Σ denominators over the figures that have both (a figure with one count cannot be pooled):
/// the parts, then the `*` row if given.
private func pool(_ parts: [Figure], _ shared: Figure?, into result: inout Combined) {
    var numerator: Double?, denominator: Double?
    func include(_ figure: Figure) {
        guard figure.hasCounts else { return }
        numerator = add(numerator, figure.numerator)
        denominator = add(denominator, figure.denominator)
    }
    for part in parts { include(part) }
    if let shared { include(shared) }
    result.numerator = numerator
    result.denominator = denominator
}
