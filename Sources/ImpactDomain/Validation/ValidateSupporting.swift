// Checks of targets.csv, collaboration.csv and outcomes.csv.

extension ValidationContext {
    func validateTargets(_ log: inout DiagnosticLog) {
        struct Key: Hashable { var indicator: String; var partner: String?; var period: Period? }
        var first: [Key: SourceLocation] = [:]
        first.reserveCapacity(initiative.targets.count)  // grown step by step, it rehashed every key several times
        for target in initiative.targets.sorted(by: { $0.location < $1.location }) {
            let location = target.location
            if !isKnown(target.indicator, in: .indicator) {
                log.append(unknown(target.indicator, .indicator, at: location, column: TargetColumn.indicator.name),
                           group: "unknown indicator \(target.indicator)")
            }
            if let partner = target.partner {
                if partner == sharedPartnerID {
                    log.append(.error(location, "the target for `\(target.indicator)` names partner `*`, which targets.csv does not use",
                                      hint: "leave `partner` empty for the collective target; `*` is only for results rows",
                                      field: TargetColumn.partner.name))
                } else if !partnerIDs.contains(partner) {
                    log.append(unknown(partner, .partner, at: location, column: TargetColumn.partner.name), group: "unknown partner \(partner)")
                } else if let period = target.period, let left = index.left(of: partner),
                          period.isAfter(leaving: left) {
                    log.append(.warning(location, "partner `\(partner)` left the initiative in `\(left)` (column `left` of partners.csv), so its target for `\(period)` is not used",
                                        hint: "remove the row, or correct its period; if the partner still takes part, correct or clear its `left`",
                                        field: TargetColumn.period.name),
                               group: "target after partner left \(partner)")
                } else if let period = target.period, let joined = index.joined(of: partner), period.isBefore(joining: joined) {
                    log.append(.warning(location, "partner `\(partner)` joined the initiative in `\(joined)` (column `joined` of partners.csv), so its target for `\(period)` is not used",
                                        hint: "correct the row's period, or the partner's `joined` if it took part earlier",
                                        field: TargetColumn.period.name),
                               group: "target before partner joined \(partner)")
                }
            }
            if let period = target.period, let (group, problem) = periodProblem(period, at: location, column: TargetColumn.period.name) {
                log.append(problem, group: group)
            }
            if let indicator = indicators[target.indicator], indicator.measure == .percentage,
               target.target < 0 || target.target > 100 {
                log.append(.error(location, "target \(quoted(target.target)) of percentage indicator `\(indicator.id)` is outside 0–100",
                                  hint: "write percentages from 0 to 100 (15 for 15%)", field: TargetColumn.target.name))
            } else if let indicator = indicators[target.indicator], indicator.measure == .count, target.target < 0 {
                log.append(.error(location, "negative target \(quoted(target.target)) of count indicator `\(indicator.id)`",
                                  hint: "counts cannot be negative: write the number of \(indicator.unit.isEmpty ? "things counted" : indicator.unit) to reach (0 or more)",
                                  field: TargetColumn.target.name))
            }
            let key = Key(indicator: target.indicator, partner: target.partner, period: target.period)
            if let earlier = first[key] {
                log.append(.error(location, "duplicate target for `\(target.indicator)`\(target.partner.map { ", partner `\($0)`" } ?? "")\(target.period.map { ", period `\($0)`" } ?? ""); the first is at \(earlier)",
                                  hint: "keep one target per indicator, partner and period"))
            } else {
                first[key] = location
            }
        }
    }

    static func plural(_ kind: CollaborationKind) -> String {
        switch kind {
        case .referral: "referrals"
        case .jointActivity: "joint activities"
        case .sharedResource: "shared resources"
        }
    }

    func validateCollaboration(_ log: inout DiagnosticLog) {
        // Most initiatives have no partner that left, nor one that joined after the start: then no record needs
        // its partners' dates looked up. (A record before a partner joined that is not before the start, the only
        // kind reported below, needs a partner that joined after the start.)
        let checksDates = index.anyPartnerLeft || index.anyPartnerJoinedLate
        // A second row for the same period, partners and kind is added to the first: two batches of referrals, or
        // a row pasted twice, which would double the count without a word. Said, not refused.
        let records = initiative.collaborations
        let firstAlike = Self.firstRowsAlike(records)
        for (row, record) in records.enumerated() {
            let location = record.location
            if let first = firstAlike[row] {
                let earlier = records[first]
                log.append(.warning(location, "a second `\(record.kind.rawValue)` row from `\(record.from)` to `\(record.to)` for `\(record.period)`; the first is at \(earlier.location): the two counts are added up (\(quoted(earlier.count)) and \(quoted(record.count)))",
                                    hint: "if the row was pasted twice, remove it; if the two are separate batches, write their sum in one row",
                                    field: CollaborationColumn.count.name),
                           group: "collaboration row repeated")
            }
            // Plain checks of each side, not loops over array literals: those allocated twice per record.
            if !partnerIDs.contains(record.from) {
                log.append(unknown(record.from, .partner, at: location, column: CollaborationColumn.from.name),
                           group: "unknown partner \(record.from)")
            }
            if !partnerIDs.contains(record.to) {
                log.append(unknown(record.to, .partner, at: location, column: CollaborationColumn.to.name),
                           group: "unknown partner \(record.to)")
            }
            func checkDates(of partner: String) {
                if let left = index.left(of: partner), record.period.isAfter(leaving: left) {
                    log.append(afterLeaving(partner, left: left, "records its collaboration for `\(record.period)`", at: location,
                                            period: CollaborationColumn.period.name),
                               group: "collaboration after partner left \(partner)")
                }
                if let joined = index.joined(of: partner), record.period.isBefore(joining: joined),
                   periodProblem(record.period, at: location, column: CollaborationColumn.period.name) == nil {
                    log.append(beforeJoining(partner, joined: joined, "records its collaboration for `\(record.period)`", at: location,
                                             period: CollaborationColumn.period.name),
                               group: "collaboration before partner joined \(partner)")
                }
            }
            if checksDates {
                checkDates(of: record.from)
                if record.to != record.from { checkDates(of: record.to) }
            }
            if record.from == record.to {
                log.append(.warning(location, "partner `\(record.from)` collaborates with itself",
                                    hint: "`from` and `to` must be two different partners"))
            }
            if record.count < 0 {
                log.append(.error(location, "negative count \(quoted(record.count))", hint: "counts cannot be negative", field: CollaborationColumn.count.name))
            } else if record.count != record.count.rounded() {
                // Referrals, joint activities and shared resources come whole: `60.5` is a slip, or an average.
                log.append(.warning(location, "count \(quoted(record.count)) is not a whole number of \(Self.plural(record.kind))",
                                    hint: "write how many there were in the period, as a whole number", field: CollaborationColumn.count.name),
                           group: "collaboration count not whole")
            }
            if let (group, problem) = periodProblem(record.period, at: location, column: CollaborationColumn.period.name) {
                log.append(problem, group: group)
            }
        }
    }

    /// Per collaboration row (in file order), the first row before it with the same period, partners and kind, or
    /// nil. Found by sorting the rows' numbers by what they say (the row number last, so each group starts with its
    /// first row), not by hashing each row's two ids: an initiative has hundreds of rows a year and rarely a repeat.
    static func firstRowsAlike(_ records: [CollaborationRecord]) -> [Int?] {
        var first = [Int?](repeating: nil, count: records.count)
        records.withUnsafeBufferPointer { r in
            // Read through the buffer: a closure that captured the array would retain it on each comparison.
            var order = Array(r.indices)
            order.sort { a, b in
                if r[a].period != r[b].period { return r[a].period < r[b].period }
                if r[a].from != r[b].from { return r[a].from < r[b].from }
                if r[a].to != r[b].to { return r[a].to < r[b].to }
                if r[a].kind != r[b].kind { return r[a].kind.rawValue < r[b].kind.rawValue }
                return a < b
            }
            var groupStart = 0
            for (place, row) in order.enumerated() where place > 0 {
                let start = order[groupStart]
                if r[row].period == r[start].period, r[row].from == r[start].from, r[row].to == r[start].to,
                   r[row].kind == r[start].kind {
                    first[row] = start
                } else {
                    groupStart = place
                }
            }
        }
        return first
    }

    func validateOutcomes(_ log: inout DiagnosticLog) {
        for outcome in initiative.outcomes {
            if outcome.partners.isEmpty {
                log.append(.warning(outcome.location, "outcome `\(outcome.title)` names no partners",
                                    hint: "list the ids of the partners that contributed, separated by `;`"))
            }
            for partner in outcome.partners where !partnerIDs.contains(partner) {
                log.append(unknown(partner, .partner, at: outcome.location, column: OutcomeColumn.partners.name, inList: true))
            }
            repeatedIDs(outcome.partners, at: outcome.location, column: OutcomeColumn.partners.name, &log)
            // A mistyped year (`2042` for `2024`, `1024`) puts the outcome far out on the timeline and the pages.
            if let earliest, outcome.year < earliest.year {
                log.append(.warning(outcome.location, "outcome `\(outcome.title)` is dated `\(outcome.date)`, before the initiative started (`started: \(earliest)` in initiative.md)",
                                    hint: "check the year of its date; if the change came before the initiative began, it is not one of its outcomes",
                                    field: OutcomeColumn.date.name))
            } else if let latest, outcome.year > latest.year {
                log.append(.warning(outcome.location, "outcome `\(outcome.title)` is dated `\(outcome.date)`, after the initiative's last target period `\(latest)`",
                                    hint: "check the year of its date: an outcome is written once it has happened",
                                    field: OutcomeColumn.date.name))
            }
        }
    }
}
