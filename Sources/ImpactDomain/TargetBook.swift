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
    /// Every row kept in `targets`, per indicator, in file order: what `view(of:)` reads instead of hashing a
    /// key for each period and partner.
    private var rowsByIndicator: [String: [(partner: String?, period: Period?, target: Double)]] = [:]
    /// Who left and when (partners.csv `left`): a partner's targets after it left are not commitments.
    private let index: ObservationIndex

    init(_ rows: [PeriodTarget], index: ObservationIndex) {
        self.index = index
        targets.reserveCapacity(rows.count)
        // A duplicate row is a validation error; the first in file order wins, whatever the order in memory.
        for row in rows.sorted(by: { $0.location < $1.location }) {
            let key = Key(indicator: row.indicator, partner: row.partner, period: row.period)
            // One lookup (a key hashes two texts and a period): insert, and if the key was there, put the first
            // row's target back.
            if let first = targets.updateValue(row.target, forKey: key) {
                targets[key] = first
                continue
            }
            rowsByIndicator[row.indicator, default: []].append((row.partner, row.period, row.target))
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
        return endAlignment(indicator, rows, endTarget: endTarget)
    }

    /// The partners' end targets (a row with no period, or one for the indicator's own target_period, once per
    /// partner) against the end target.
    private func endAlignment(_ indicator: Indicator, _ rows: [(partner: String, period: Period?, target: Double)],
                              endTarget: Double?) -> Double? {
        var ends: [String: Double] = [:]
        for row in rows where row.period == nil || row.period == indicator.targetPeriod {
            if row.period == nil || ends[row.partner] == nil { ends[row.partner] = row.target }
        }
        guard !ends.isEmpty else { return nil }
        return share(ends.values.sorted().reduce(0, +), of: endTarget)
    }

    /// The targets of one indicator in every period of the reporting range (`index.periods`), looked up once.
    /// A period's milestone is the targets.csv row for that period with no partner (for a partner's own indicator,
    /// also its partner's row for the period); there is none at the indicator's `target_period`, where the end
    /// target applies. A partner's target for a period is its row for the period, else its end target.
    func view(of indicator: Indicator, endTarget: Double?) -> IndicatorTargets {
        let periods = index.periods
        var view = IndicatorTargets(periodCount: periods.count)
        guard let first = periods.first else { return view }
        func offset(_ period: Period?) -> Int? {
            guard let period, period.kind == first.kind else { return nil }
            let offset = period.ordinal - first.ordinal
            return offset >= 0 && offset < periods.count ? offset : nil
        }
        var collective = [Double?](repeating: nil, count: periods.count)
        var owner = [Double?](repeating: nil, count: periods.count)
        for row in rowsByIndicator[indicator.id] ?? [] {
            guard let at = offset(row.period) else { continue }
            if row.partner == nil { collective[at] = row.target }
            if let partner = row.partner, partner == indicator.partner { owner[at] = row.target }
        }
        let targetOffset = offset(indicator.targetPeriod)
        for at in periods.indices where at != targetOffset {
            view.milestones[at] = collective[at] ?? owner[at]
        }

        // Partners' own targets by slot: the period's row, else the partner's end target (`partnerEnd`).
        let rows = partnerTargets[indicator.id] ?? []
        var start = 0
        while start < rows.count {
            var end = start + 1
            while end < rows.count, rows[end].partner == rows[start].partner { end += 1 }
            let partner = rows[start].partner
            if let slot = index.slot(of: partner), slot < index.sharedSlot {
                let fallback = partnerEnd(indicator, partner)
                var byPeriod = [Double?](repeating: fallback, count: periods.count)
                for row in rows[start..<end] { if let at = offset(row.period) { byPeriod[at] = row.target } }
                if view.partnerTargets.isEmpty { view.partnerTargets = Array(repeating: nil, count: index.sharedSlot) }
                view.partnerTargets[slot] = byPeriod
            }
            start = end
        }

        // Alignment: when nobody has left, which rows count does not depend on the period, so the end targets'
        // share is the same in every period and the period's own rows are added up in one pass.
        guard indicator.scope != .partner, indicator.acrossPartners == .sum || indicator.acrossPartners == .unique,
              !rows.isEmpty else { return view }
        guard !index.anyPartnerLeft else {
            for (at, period) in periods.enumerated() {
                view.alignments[at] = alignment(indicator, period: period, endTarget: endTarget)
            }
            return view
        }
        let counted = !index.anyPartnerJoinedLate ? rows : rows.filter { row in
            !(row.period?.isBefore(joining: index.joined(of: row.partner)) ?? false)
        }
        var committed = [Double?](repeating: nil, count: periods.count)
        for row in counted {
            if let at = offset(row.period) { committed[at] = (committed[at] ?? 0) + row.target }
        }
        let ends = endAlignment(indicator, counted, endTarget: endTarget)
        for at in periods.indices {
            if let total = committed[at], let collective = collective[at] {
                view.alignments[at] = share(total, of: collective)
            } else {
                view.alignments[at] = ends
            }
        }
        return view
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

/// One indicator's targets by period offset (and partner slot), from `TargetBook.view(of:endTarget:)`.
struct IndicatorTargets {
    /// The milestone of each period.
    var milestones: [Double?]
    /// `TargetBook.alignment` of each period.
    var alignments: [Double?]
    /// Per partner slot (empty: no partner targets), per period: the partner's target.
    var partnerTargets: [[Double?]?] = []

    init(periodCount: Int) {
        milestones = Array(repeating: nil, count: periodCount)
        alignments = Array(repeating: nil, count: periodCount)
    }

    func partner(slot: Int, at offset: Int) -> Double? {
        slot < partnerTargets.count ? partnerTargets[slot]?[offset] : nil
    }
}
