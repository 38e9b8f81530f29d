// Rule 1: the to-date value, carried period by period through the reporting range (docs/domain-rules.md).

struct ToDate {
    let rule: AcrossPeriods
    /// Percentages and other ratios: a to-date `sum` pools the counts of every period so far.
    let isRatio: Bool
    let factor: Double

    private var sum: Double?
    private var count = 0
    private var maximum: Double?
    private var latest: Double?
    private var numerator: Double?
    private var denominator: Double?

    init(rule: AcrossPeriods, isRatio: Bool, factor: Double) {
        self.rule = rule; self.isRatio = isRatio; self.factor = factor
    }

    /// Adds one period (in order) and returns the to-date value through it. A period without data leaves the
    /// to-date value as it was: `latest` keeps the latest period that has data.
    mutating func add(value: Double?, numerator periodNumerator: Double?, denominator periodDenominator: Double?) -> Double? {
        if let value {
            sum = add(sum, value)
            count += 1
            maximum = Swift.max(maximum ?? value, value)
            latest = value
        }
        if let periodNumerator, let periodDenominator {
            numerator = add(numerator, periodNumerator)
            denominator = add(denominator, periodDenominator)
        }
        switch rule {
        case .sum:
            if isRatio {
                // 100 × Σ numerators ÷ Σ denominators over the periods so far; summing percentages means nothing.
                guard let numerator, let denominator, denominator != 0 else { return nil }
                return factor * numerator / denominator
            }
            return sum
        case .latest: return latest
        case .max: return maximum
        case .mean: return sum.map { $0 / Double(count) }
        }
    }

    // Inside this type the method `add(value:…)` hides the global `add(_:_:)`, so the helper lives here too.
    private func add(_ a: Double?, _ b: Double) -> Double { (a ?? 0) + b }
}
