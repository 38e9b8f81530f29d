// targets.csv, looked up by indicator, partner and period; and rule 4's target alignment.

struct TargetBook {
    private struct Key: Hashable {
        var indicator: String
        /// Nil: the collective target.
        var partner: String?
        /// Nil: the end target.
        var period: Period?
    }

    private var targets: [Key: Double] = [:]
    /// Partner targets per indicator: (partner, period, target), sorted by partner then period.
    private var partnerTargets: [String: [(partner: String, period: Period?, target: Double)]] = [:]
    /// Who left and when (partners.csv `left`): a partner's targets after it left are not commitments.
    private let index: ObservationIndex

    init(_ rows: [PeriodTarget], index: ObservationIndex) {
        self.index = index
        // A duplicate row is a validation error; the first in file order wins, whatever the order in memory.
        for row in rows.sorted(by: { $0.location < $1.location }) {
            let key = Key(indicator: row.indicator, partner: row.partner, period: row.period)
            guard targets[key] == nil else { continue }
            targets[key] = row.target
            if let partner = row.partner, partner != sharedPartnerID {
                partnerTargets[row.indicator, default: []].append((partner, row.period, row.target))
            }
        }
        for key in partnerTargets.keys {
            partnerTargets[key]!.sort { ($0.partner, $0.period.map(\.ordinal) ?? -1) < ($1.partner, $1.period.map(\.ordinal) ?? -1) }
        }
    }

    /// The collective target for a period: targets.csv row with an empty partner, else nil.
    func collective(_ indicator: String, period: Period?) -> Double? {
        targets[Key(indicator: indicator, partner: nil, period: period)]
    }

    /// A partner's target for a period (targets.csv row with partner and period), else its end target.
    func partner(_ indicator: Indicator, _ partner: String, period: Period) -> Double? {
        targets[Key(indicator: indicator.id, partner: partner, period: period)]
            ?? partnerEnd(indicator, partner)
    }

    /// A partner's end target: its row with no period, else its row for the indicator's own `target_period`.
    func partnerEnd(_ indicator: Indicator, _ partner: String) -> Double? {
        targets[Key(indicator: indicator.id, partner: partner, period: nil)]
            ?? indicator.targetPeriod.flatMap { targets[Key(indicator: indicator.id, partner: partner, period: $0)] }
    }

    /// The end target: indicators.csv `target`, else a targets.csv row with no partner and no period (or the
    /// indicator's own `target_period`); for a partner's own indicator, also that partner's row of either kind.
    func endTarget(_ indicator: Indicator) -> Double? {
        let end: [Period?] = indicator.targetPeriod.map { [nil, $0] } ?? [nil]
        return indicator.target
            ?? end.lazy.compactMap { collective(indicator.id, period: $0) }.first
            ?? indicator.partner.flatMap { owner in
                end.lazy.compactMap { targets[Key(indicator: indicator.id, partner: owner, period: $0)] }.first
            }
    }

    /// The milestone of one period: the targets.csv row for that period with no partner (for a partner's own
    /// indicator, also its partner's row for the period). None at the indicator's `target_period`: there the end
    /// target applies.
    func milestone(_ indicator: Indicator, _ period: Period) -> Double? {
        guard period != indicator.targetPeriod else { return nil }
        return collective(indicator.id, period: period)
            ?? indicator.partner.flatMap { targets[Key(indicator: indicator.id, partner: $0, period: period)] }
    }

    /// Σ partner targets ÷ collective target. For one period: the rows for that period when targets.csv has both
    /// kinds for it; otherwise (and for `period: nil`) the partners' end targets against the end target.
    func alignment(_ indicator: Indicator, period: Period?, endTarget: Double?) -> Double? {
        // Adding partner targets means something only for additive rules: summing partner percentages or scores
        // would compare nothing with anything.
        guard indicator.scope != .partner, indicator.acrossPartners == .sum || indicator.acrossPartners == .unique,
              let all = partnerTargets[indicator.id] else { return nil }
        // A partner that had left by the period (for the end targets: by the target period, or at all when there
        // is none) no longer commits to anything: its targets are left out.
        let when = period ?? indicator.targetPeriod
        let stillIn = !index.anyPartnerLeft ? all : all.filter { row in
            guard let partnerLeft = index.left(of: row.partner) else { return true }
            return when.map { !$0.isAfter(leaving: partnerLeft) } ?? false
        }
        // A target for a period before the partner joined is not a commitment either (validation warns).
        let rows = !index.anyPartnerJoinedLate ? stillIn : stillIn.filter { row in
            !(row.period?.isBefore(joining: index.joined(of: row.partner)) ?? false)
        }
        if let period, let collective = collective(indicator.id, period: period) {
            let committed = rows.filter { $0.period == period }.map(\.target)
            if !committed.isEmpty { return share(committed.reduce(0, +), of: collective) }
        }
        // End targets: a row with no period, or one for the indicator's own target_period, once per partner.
        var ends: [String: Double] = [:]
        for row in rows where row.period == nil || row.period == indicator.targetPeriod {
            if row.period == nil || ends[row.partner] == nil { ends[row.partner] = row.target }
        }
        guard !ends.isEmpty else { return nil }
        return share(ends.values.sorted().reduce(0, +), of: endTarget)
    }

    /// Why the indicator's target alignment (`alignment(_:period: nil, …)`) is nil, for a collective or
    /// collaboration indicator with a value; nil when it can be computed.
    func alignmentGap(_ indicator: Indicator, endTarget: Double?) -> AlignmentGap? {
        guard indicator.scope != .partner, indicator.measure != .qualitative else { return nil }
        guard indicator.acrossPartners == .sum || indicator.acrossPartners == .unique else { return .notAdditive }
        guard endTarget != nil, endTarget != 0 else { return .noEndTarget }
        let partners = Set(partnerTargets[indicator.id, default: []].map(\.partner))
        guard partners.contains(where: { partnerEnd(indicator, $0) != nil }) else { return .noPartnerTargets }
        return nil
    }
}
