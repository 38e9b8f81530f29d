// How one period's figure was made from the rows that went into it, for an analyst to check by hand
// (docs/domain-rules.md, "Showing the working"). Derived from the computed result, never computed a second way:
// the rows listed as counted are exactly the parts `combine` added (rule 2).

/// The working behind one period's figure of one indicator.
public struct Working: Hashable, Sendable {
    public enum Rule: Hashable, Sendable {
        /// A partner's own indicator: the figure is its row.
        case reported
        /// Σ of the partners' figures, plus the shared part (`*`) when there is one.
        case sum
        /// `unique` with a `*` row: the backbone's deduplicated count is the figure; the partners' counts are
        /// shown beside it, and their sum minus the figure is the number of repeat counts.
        case deduplicated
        /// `unique` without a `*` row: the sum of the partners' counts, which may count a person more than once.
        case sumNotDeduplicated
        /// Σ numerators ÷ Σ denominators (× 100 for a percentage), never the mean of the partners' percentages.
        case ratio
        /// The mean of the figures reported.
        case mean
        /// The largest figure reported.
        case max
    }

    /// What became of a row.
    public enum Use: Hashable, Sendable {
        /// Part of the figure.
        case counted
        /// Shown beside a deduplicated figure, not added to it.
        case shownBeside
        /// The partner reported nothing for the period (absent, not zero).
        case notReported
        /// The partner had left the initiative before the period: nothing was expected.
        case left
        /// The partner had not joined the initiative yet: nothing was expected.
        case notJoined
        /// A ratio row with a value but no numerator and denominator cannot be pooled.
        case noCounts
    }

    public struct Row: Hashable, Sendable {
        /// A partner id, or `*` for the backbone's row (the deduplicated count, or the shared part).
        public var partner: String
        public var value: Double?
        public var numerator: Double?
        public var denominator: Double?
        public var use: Use
    }

    public var period: Period
    public var rule: Rule
    /// The partners in display order, then the `*` row when it is part of the working.
    public var rows: [Row]
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?
    /// Σ of the partners' figures (for `deduplicated` and `sumNotDeduplicated`, the double-counting sum).
    public var sumOfParts: Double?
    /// 100 for a percentage, 1 for any other ratio.
    public var factor: Double

    public var counted: [Row] { rows.filter { $0.use == .counted } }
}

extension IndicatorResult {
    /// The working behind the figure of `periods[index]`; nil when the period has no figure.
    public func working(at index: Int) -> Working? {
        let period = periods[index]
        guard period.value != nil else { return nil }
        let factor = indicator.measure == .percentage ? 100.0 : 1.0
        var working = Working(period: period.period, rule: .reported, rows: [], value: period.value,
                              numerator: period.numerator, denominator: period.denominator,
                              sumOfParts: period.sumOfParts, factor: factor)
        guard indicator.scope != .partner else {
            working.rows = [.init(partner: indicator.partner ?? "", value: period.value, numerator: period.numerator,
                                  denominator: period.denominator, use: .counted)]
            return working
        }
        let isRatio = indicator.acrossPartners == .ratio
        for contribution in period.contributions {
            var use = Working.Use.counted
            if contribution.value == nil {
                use = contribution.hasLeft ? .left : contribution.hasNotJoined ? .notJoined : .notReported
            } else if isRatio, contribution.numerator == nil || contribution.denominator == nil {
                use = .noCounts
            } else if indicator.acrossPartners == .unique, period.deduplicated == true, !contribution.isShared {
                use = .shownBeside
            }
            working.rows.append(.init(partner: contribution.partner, value: contribution.value,
                                      numerator: contribution.numerator, denominator: contribution.denominator, use: use))
        }
        switch indicator.acrossPartners {
        case .sum: working.rule = .sum
        case .ratio: working.rule = .ratio
        case .mean: working.rule = .mean
        case .max: working.rule = .max
        case .unique:
            if period.deduplicated == true {
                working.rule = .deduplicated
                // The `*` row is the figure itself; it is not among the contributions (it is not a part of a sum).
                working.rows.append(.init(partner: sharedPartnerID, value: period.value, numerator: nil, denominator: nil,
                                          use: .counted))
            } else {
                working.rule = .sumNotDeduplicated
            }
        }
        return working
    }
}
