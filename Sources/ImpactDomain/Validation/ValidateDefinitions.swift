// Checks of the definitions: initiative front matter, partners.csv, workstreams.csv, indicators.csv.

extension ValidationContext {
    func validateInitiative(_ log: inout DiagnosticLog) {
        let location = initiative.location
        if initiative.backbone.isEmpty, initiative.incompleteFiles.contains("initiative.md") {
            // Its front matter had an error (reported); the backbone may be what was lost.
        } else if initiative.backbone.isEmpty {
            log.append(.error(location, "the initiative names no `backbone`",
                              hint: "set `backbone:` in initiative.md to the id of the backbone's row in partners.csv"))
        } else if !partnerIDs.contains(initiative.backbone) {
            log.append(unknown(initiative.backbone, .partner, at: initiative.backboneLocation ?? location, column: "backbone"))
        } else if let backbone = initiative.partner(initiative.backbone), backbone.role != .backbone {
            log.append(.warning(backbone.location, "`\(backbone.id)` is the initiative's backbone but has role `\(backbone.role.rawValue)` in partners.csv",
                                hint: "set its `role` to `backbone`"))
        }
        if let started = initiative.started, started.kind != initiative.periodKind {
            log.append(.error(location, "`started: \(started)` is a \(started.kind.rawValue), but the initiative reports by \(kindWord)",
                              hint: "write it as \(Self.example(of: initiative.periodKind, near: started))"))
        }
    }

    func validatePartners(_ log: inout DiagnosticLog) {
        duplicates(initiative.partners.map { ($0.id, $0.location) }, what: "partner", into: &log)
        for partner in initiative.partners {
            for (column, period) in [(PartnerColumn.joined.name, partner.joined), (PartnerColumn.left.name, partner.left)] {
                guard let period, period.kind != initiative.periodKind else { continue }
                log.append(.error(partner.location, "`\(column)` period `\(period)` of partner `\(partner.id)` is a \(period.kind.rawValue), but the initiative reports by \(kindWord)",
                                  hint: "write it as \(Self.example(of: initiative.periodKind, near: period))", field: column))
            }
            if let joined = partner.joined, let left = partner.left, joined.kind == left.kind, left < joined {
                log.append(.error(partner.location, "partner `\(partner.id)` left in `\(left)`, before it joined in `\(joined)`",
                                  hint: "`left` is the last period the partner took part in; correct `joined` or `left`",
                                  field: PartnerColumn.left.name))
            }
        }
    }

    func validateWorkstreams(_ log: inout DiagnosticLog) {
        duplicates(initiative.workstreams.map { ($0.id, $0.location) }, what: "workstream", into: &log)
        for workstream in initiative.workstreams {
            if workstream.lead.isEmpty {
                log.append(.error(workstream.location, "workstream `\(workstream.id)` has no lead partner",
                                  hint: "write the id of the partner that leads it in column `lead`"))
            } else if !partnerIDs.contains(workstream.lead) {
                log.append(unknown(workstream.lead, .partner, at: workstream.location, column: WorkstreamColumn.lead.name))
            }
            for partner in workstream.supporting where !partnerIDs.contains(partner) {
                log.append(unknown(partner, .partner, at: workstream.location, column: WorkstreamColumn.supporting.name, inList: true))
            }
            repeatedIDs(workstream.supporting, at: workstream.location, column: WorkstreamColumn.supporting.name, &log)
            if !workstream.lead.isEmpty, workstream.supporting.contains(workstream.lead) {
                log.append(.warning(workstream.location, "partner `\(workstream.lead)` leads workstream `\(workstream.id)` and is also listed as supporting it",
                                    hint: "remove `\(workstream.lead)` from column `supporting`: the lead is shown as the lead",
                                    field: WorkstreamColumn.supporting.name))
            }
        }
    }

    /// An id written twice in one list cell (`taf;taf`): the page would name that partner twice.
    func repeatedIDs(_ ids: [String], at location: SourceLocation, column: String, _ log: inout DiagnosticLog) {
        var seen: Set<String> = []
        for id in ids where !seen.insert(id).inserted {
            log.append(.warning(location, "`\(id)` is listed twice in column `\(column)`", hint: "list each id once, separated by `;`",
                                field: column))
        }
    }

    func validateIndicators(_ log: inout DiagnosticLog) {
        duplicates(initiative.indicators.map { ($0.id, $0.location) }, what: "indicator", into: &log)
        for indicator in initiative.indicators { validate(indicator, &log) }
    }

    private func validate(_ indicator: Indicator, _ log: inout DiagnosticLog) {
        let location = indicator.location
        let id = indicator.id
        switch indicator.scope {
        case .partner:
            // One partner: nothing to combine. `ratio` still says to pool its counts over periods; `sum` is the default.
            if [.unique, .mean, .max].contains(indicator.acrossPartners) {
                log.append(.warning(location, "`across_partners: \(indicator.acrossPartners.rawValue)` means nothing for partner indicator `\(id)`: it has one partner, so there are no partners' figures to combine",
                                    hint: "leave `across_partners` empty; if several partners report it, set `scope: collective`",
                                    field: IndicatorColumn.acrossPartners.name))
            }
            if let partner = indicator.partner {
                if !partnerIDs.contains(partner) { log.append(unknown(partner, .partner, at: location, column: IndicatorColumn.partner.name)) }
            } else {
                log.append(.error(location, "partner indicator `\(id)` has no owning partner",
                                  hint: "write the id of the partner whose result it measures in column `partner`, or set `scope: collective`"))
            }
        case .collective, .collaboration:
            if let partner = indicator.partner {
                log.append(.warning(location, "\(indicator.scope.rawValue) indicator `\(id)` names partner `\(partner)`, which is ignored",
                                    hint: "leave `partner` empty, or set `scope: partner` if it is that partner's own result"))
            }
        }
        if let workstream = indicator.workstream, !workstreamIDs.contains(workstream) {
            log.append(unknown(workstream, .workstream, at: location, column: IndicatorColumn.workstream.name))
        }
        for (column, period) in [(IndicatorColumn.baselinePeriod.name, indicator.baselinePeriod), (IndicatorColumn.targetPeriod.name, indicator.targetPeriod)] {
            guard let period, period.kind != initiative.periodKind else { continue }
            log.append(.error(location, "`\(column)` `\(period)` of indicator `\(id)` is a \(period.kind.rawValue), but the initiative reports by \(kindWord)",
                              hint: "write it as \(Self.example(of: initiative.periodKind, near: period))"))
        }
        if let from = indicator.baselinePeriod, let to = indicator.targetPeriod, from.kind == to.kind, to < from {
            log.append(.error(location, "target_period `\(to)` of indicator `\(id)` is before its baseline_period `\(from)`",
                              hint: "the target must come after the baseline: swap them or correct the years"))
        }
        farTarget(indicator, &log)
        if indicator.measure != .percentage, indicator.unit.filter({ $0 != " " }) == "%" {
            log.append(.warning(location, "indicator `\(id)` has the unit `%` but measure `\(indicator.measure.rawValue)`: its figures would read as percentages but be added up and checked as \(indicator.measure == .count ? "counts" : "\(indicator.measure.rawValue)s")",
                                hint: "for a percentage, write `measure: percentage` (with `across_partners: ratio` and each row's numerator and denominator); otherwise write what is counted in `unit`",
                                field: IndicatorColumn.unit.name))
        }
        guard indicator.measure != .qualitative else { return }
        if indicator.measure == .percentage {
            for (column, value) in [(IndicatorColumn.baseline.name, indicator.baseline), (IndicatorColumn.target.name, indicator.target)] {
                guard let value, value < 0 || value > 100 else { continue }
                log.append(.error(location, "\(column) \(quoted(value)) of percentage indicator `\(id)` is outside 0–100",
                                  hint: "write percentages from 0 to 100 (15 for 15%)", field: column))
            }
            if indicator.scope != .partner, indicator.acrossPartners != .ratio, indicator.acrossPartners != .max {
                log.append(.warning(location, "percentage indicator `\(id)` combines partners with `across_partners: \(indicator.acrossPartners.rawValue)`, which adds or averages their percentages",
                                    hint: "use `across_partners: ratio` and give each row its numerator and denominator"))
            }
        }
        if indicator.measure == .count {
            // As for a results value: a count below 0 is a typing slip, and a target of -60000 would make every
            // status look achieved (or a baseline of -5 every change look larger).
            for (column, value) in [(IndicatorColumn.baseline.name, indicator.baseline), (IndicatorColumn.target.name, indicator.target)] {
                guard let value, value < 0 else { continue }
                log.append(.error(location, "negative \(column) \(quoted(value)) of count indicator `\(id)`",
                                  hint: "counts cannot be negative: write the number of \(indicator.unit.isEmpty ? "things counted" : indicator.unit) (0 or more)",
                                  field: column))
            }
        }
        if indicator.target != nil, indicator.targetPeriod == nil {
            log.append(.warning(location, "indicator `\(id)` has a target but no `target_period`, so whether it is on track cannot be judged",
                                hint: "write the period the target is due in column `target_period`"))
        }
        if indicator.direction == .decrease, indicator.baseline == nil, indicator.target != nil {
            log.append(.warning(location, "indicator `\(id)` should decrease but has no `baseline`, so its progress cannot be measured",
                                hint: "write the value it started from in column `baseline`"))
        }
    }

    /// Years after the baseline (or the start) beyond which a target is taken for a typing slip.
    static let plausibleTargetYears = 30

    /// A target year far beyond the baseline is almost always a typing slip (2207 or 2072 for 2027). It is read
    /// as given, but every status would then look on track for decades: the expected share of the time elapsed
    /// stays near zero. A warning, with the likely year when one digit slip explains it.
    private func farTarget(_ indicator: Indicator, _ log: inout DiagnosticLog) {
        let baseline = indicator.baselinePeriod.map { ("its baseline_period", $0) }
            ?? initiative.started.map { ("the initiative's start (`started`)", $0) }
        guard let to = indicator.targetPeriod, let (what, from) = baseline, from.kind == to.kind,
              to.year - from.year > Self.plausibleTargetYears else { return }
        var hint = "targets are checked against the time elapsed since the baseline, so a target this far away reads as on track for decades; correct the year"
        if let year = Self.slipYear(to.year, from: from.year), let guess = Period(kind: to.kind, year: year, index: to.index) {
            hint = "did you mean `\(guess)`? " + hint
        }
        log.append(.warning(indicator.location, "target_period `\(to)` of indicator `\(indicator.id)` is \(to.year - from.year) years after \(what) `\(from)`",
                            hint: hint, field: IndicatorColumn.targetPeriod.name))
    }

    /// The one plausible year (within `plausibleTargetYears` after `from`) that two digits swapped, or else one
    /// digit mistyped, would explain; nil when there is none or more than one.
    static func slipYear(_ year: Int, from: Int) -> Int? {
        let digits = Array(String(year))
        guard digits.count == 4 else { return nil }
        func plausible(_ candidate: [Character]) -> Int? {
            guard let value = Int(String(candidate)), value >= from, value - from <= plausibleTargetYears else { return nil }
            return value
        }
        var swapped = Set<Int>()
        for i in 0..<3 {
            var candidate = digits
            candidate.swapAt(i, i + 1)
            if let value = plausible(candidate) { swapped.insert(value) }
        }
        if swapped.count == 1 { return swapped.first }
        guard swapped.isEmpty else { return nil }
        var typed = Set<Int>()
        for i in 0..<4 {
            for digit in "0123456789" where digit != digits[i] {
                var candidate = digits
                candidate[i] = digit
                if let value = plausible(candidate) { typed.insert(value) }
            }
        }
        return typed.count == 1 ? typed.first : nil
    }

    /// A repeated id: an error at each later definition, pointing at the first (in file order).
    func duplicates(_ ids: [(String, SourceLocation)], what: String, into log: inout DiagnosticLog) {
        var first: [String: SourceLocation] = [:]
        for (id, location) in ids.sorted(by: { $0.1 < $1.1 }) {
            if let earlier = first[id] {
                log.append(.error(location, "duplicate \(what) id `\(id)`, first defined at \(earlier)",
                                  hint: "give each \(what) its own id, or remove the repeated row"))
            } else {
                first[id] = location
            }
        }
    }
}
