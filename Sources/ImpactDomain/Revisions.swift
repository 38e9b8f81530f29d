// Revisions since the last publication (docs/domain-rules.md, "Revisions"): every input figure that changed for a
// period that had already been published. A past figure restated in silence is what funders most need to be told.

/// One input figure's place: a results row of `partner` (`*` for the backbone's row) for `indicator` in `period`.
public struct InputKey: Hashable, Sendable, Comparable {
    public var indicator: String
    public var partner: String
    public var period: Period

    public init(indicator: String, partner: String, period: Period) {
        self.indicator = indicator; self.partner = partner; self.period = period
    }

    public static func < (a: InputKey, b: InputKey) -> Bool {
        (a.period, a.indicator, a.partner) < (b.period, b.indicator, b.partner)
    }
}

/// The numbers of one results row as published: its value, and its counts for a ratio.
public struct InputFigure: Hashable, Sendable {
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?

    public init(value: Double?, numerator: Double? = nil, denominator: Double? = nil) {
        self.value = value; self.numerator = numerator; self.denominator = denominator
    }

    var isEmpty: Bool { value == nil && numerator == nil && denominator == nil }

    /// The same row as published. A ratio row is its counts (its value is derived from them); other values are
    /// compared to 1 part in 10¹², because a value read back from a published file may differ from the computed
    /// one in its last binary digit.
    func isSame(as other: InputFigure) -> Bool {
        if let numerator, let denominator, let otherNumerator = other.numerator, let otherDenominator = other.denominator {
            return numerator == otherNumerator && denominator == otherDenominator
        }
        switch (value, other.value) {
        case (nil, nil): return numerator == other.numerator && denominator == other.denominator
        case let (a?, b?): return abs(a - b) <= 1e-12 * max(1, abs(a), abs(b))
        default: return false
        }
    }
}

/// A published input figure that changed: `old` nil for a row added to a published period (a late report), `new`
/// nil for a row that was removed.
public struct Revision: Hashable, Sendable {
    public var key: InputKey
    public var old: InputFigure?
    public var new: InputFigure?

    public init(key: InputKey, old: InputFigure?, new: InputFigure?) {
        self.key = key; self.old = old; self.new = new
    }
}

public enum Revisions {
    /// The input figures a site publishes for an initiative: each partner's row of a collective or collaboration
    /// indicator (its contribution), the `*` row (the shared part, or the deduplicated count that is the value of
    /// a `unique` indicator), and a partner indicator's own row. Rows with no figure are absent.
    public static func publishedInputs(_ results: InitiativeResults) -> [InputKey: InputFigure] {
        var inputs: [InputKey: InputFigure] = [:]
        for result in results.indicators {
            let indicator = result.indicator
            for period in result.periods {
                addInputs(indicator: indicator.id, owner: indicator.scope == .partner ? indicator.partner ?? "" : nil,
                          period: period.period,
                          total: InputFigure(value: period.value, numerator: period.numerator, denominator: period.denominator),
                          contributions: period.contributions.map {
                              ($0.partner, InputFigure(value: $0.value, numerator: $0.numerator, denominator: $0.denominator))
                          },
                          deduplicated: period.deduplicated == true, to: &inputs)
            }
        }
        return inputs
    }

    /// One indicator-period's input figures, from its figures as computed or as read back from a published file
    /// (the rule for both): a partner indicator's own row (`owner`), else each contribution, and the `*` row when
    /// the value is the backbone's deduplicated count. Rows with no figure are left out.
    public static func addInputs(indicator: String, owner: String?, period: Period, total: InputFigure,
                                 contributions: [(partner: String, figure: InputFigure)], deduplicated: Bool,
                                 to inputs: inout [InputKey: InputFigure]) {
        func add(_ partner: String, _ figure: InputFigure) {
            guard !figure.isEmpty else { return }
            inputs[InputKey(indicator: indicator, partner: partner, period: period)] = figure
        }
        if let owner {
            add(owner, total)
            return
        }
        for contribution in contributions { add(contribution.partner, contribution.figure) }
        if deduplicated { add(sharedPartnerID, InputFigure(value: total.value)) }
    }

    /// Every input figure of `current` that differs from `previous` in a period `previous` had published (a period
    /// with at least one figure there), in period, indicator and partner order. Figures of periods published for
    /// the first time are new, not revised.
    public static func compare(previous: [InputKey: InputFigure], current: [InputKey: InputFigure]) -> [Revision] {
        let published = Set(previous.keys.map(\.period))
        var revisions: [Revision] = []
        for key in Set(previous.keys).union(current.keys) where published.contains(key.period) {
            let old = previous[key], new = current[key]
            let same = if let old, let new { old.isSame(as: new) } else { old == nil && new == nil }
            if !same { revisions.append(Revision(key: key, old: old, new: new)) }
        }
        return revisions.sorted { $0.key < $1.key }
    }
}
