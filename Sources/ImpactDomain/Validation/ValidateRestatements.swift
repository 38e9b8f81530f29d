// One fact, one value: a figure the input states in two places must say the same in both. When the two differ,
// the computation would silently take one (indicators.csv's `target` over a targets.csv row, a partner's row with
// no period over its row for the target period), and a funder would read a figure the backbone's own files
// contradict. A figure typed twice with two values is an error naming both places and both values. The list is in
// docs/domain-rules.md ("One fact, one value").

extension ValidationContext {
    /// One statement of a figure: its value, where it was written, and the targets.csv row it was read from (nil:
    /// column `target` of indicators.csv), which names it in a message (`source`).
    struct Statement {
        var value: Double
        var location: SourceLocation
        var field: String
        var row: PeriodTarget?

        init(_ row: PeriodTarget) {
            value = row.target; location = row.location; field = TargetColumn.target.name; self.row = row
        }

        init(indicatorsTarget value: Double, at location: SourceLocation) {
            self.value = value; self.location = location; field = IndicatorColumn.target.name; row = nil
        }
    }

    /// How a message names where `statement` was written.
    private func source(_ statement: Statement, _ indicator: Indicator) -> String {
        statement.row.map { targetsRow($0, indicator) } ?? "column `target` of indicators.csv"
    }

    func validateRestatements(_ log: inout DiagnosticLog) {
        var targetRows: [String: [PeriodTarget]] = [:]
        for target in initiative.targets.sorted(by: { $0.location < $1.location }) {
            targetRows[target.indicator, default: []].append(target)
        }
        for indicator in initiative.indicators.uniqued(by: \.id) where indicator.measure != .qualitative {
            let rows = targetRows[indicator.id] ?? []
            endTargets(indicator, rows, &log)
            partnerEndTargets(indicator, rows, &log)
        }
    }

    /// The end target may be written as `target` in indicators.csv, as a targets.csv row with an empty partner and
    /// no period or the `target_period`, and (for a partner's own indicator) as its partner's row of either kind.
    /// The statements in the order the computation takes them (`TargetBook.endTarget`): each later one that
    /// differs from the first is an error at its own cell.
    private func endTargets(_ indicator: Indicator, _ rows: [PeriodTarget], _ log: inout DiagnosticLog) {
        var statements: [Statement] = []
        if let target = indicator.target {
            statements.append(Statement(indicatorsTarget: target, at: indicator.location))
        }
        let owners: [String?] = indicator.scope == .partner ? [nil, indicator.partner] : [nil]
        let periods: [Period?] = indicator.targetPeriod.map { [nil, $0] } ?? [nil]
        for owner in owners {
            for period in periods {
                // The first row of each kind: a second one is a duplicate target, reported as such.
                guard let row = rows.first(where: { $0.partner == owner && $0.period == period }) else { continue }
                statements.append(Statement(row))
            }
        }
        report(statements, what: "the end target of `\(indicator.id)`", indicator: indicator,
               hint: "write the end target once: in column `target` of indicators.csv, or as one targets.csv row with an empty partner and the `target_period` (or no period); correct the figure that is wrong and delete the repeat",
               &log)
    }

    /// A partner's end target may be its targets.csv row with no period and its row for the indicator's
    /// `target_period`: the computation takes the first (`TargetBook.partnerEnd`).
    private func partnerEndTargets(_ indicator: Indicator, _ rows: [PeriodTarget], _ log: inout DiagnosticLog) {
        guard let targetPeriod = indicator.targetPeriod else { return }
        var seen = Set<String>()
        for row in rows {
            guard let partner = row.partner, partner != sharedPartnerID, partner != indicator.partner || indicator.scope != .partner,
                  seen.insert(partner).inserted else { continue }
            // Two values can differ only when both rows are there (most partners have one).
            guard let withoutPeriod = rows.first(where: { $0.partner == partner && $0.period == nil }),
                  let forTargetPeriod = rows.first(where: { $0.partner == partner && $0.period == targetPeriod }) else { continue }
            report([Statement(withoutPeriod), Statement(forTargetPeriod)], what: "partner `\(partner)`'s end target for `\(indicator.id)`", indicator: indicator,
                   hint: "write the partner's end target once: one targets.csv row with its id and no period (or the `target_period`); correct the figure that is wrong and delete the repeat",
                   &log)
        }
    }

    /// A targets.csv row, as a message names it: `targets.csv (partner `a`, period `2027-Q4`, the target_period)`.
    private func targetsRow(_ row: PeriodTarget, _ indicator: Indicator) -> String {
        let partner = row.partner.map { "partner `\($0)`" } ?? "no partner"
        let period = row.period.map { "period `\($0)`\($0 == indicator.targetPeriod ? ", its target_period" : "")" } ?? "no period"
        return "targets.csv (\(partner), \(period))"
    }

    /// An error at each statement after the first whose value differs from the first's, quoting the first's place
    /// and ending with this one's (where the site layer adds its cell). Exact duplicates in
    /// targets.csv are reported as duplicates already.
    /// (`what` and the sources are made into text only for an error: there is none for nearly every figure.)
    private func report(_ statements: [Statement], what: @autoclosure () -> String, indicator: Indicator, hint: String,
                        _ log: inout DiagnosticLog) {
        guard let first = statements.first else { return }
        for later in statements.dropFirst() where abs(later.value - first.value) > ProgressRule.epsilon * max(1, abs(first.value)) {
            if later.location.path == first.location.path, later.location.line == first.location.line { continue }
            log.append(.error(later.location,
                              "\(what()) is given twice with different values: \(quoted(first.value)) in \(source(first, indicator)) at \(first.location), and \(quoted(later.value)) here, in \(source(later, indicator))",
                              hint: hint, field: later.field),
                       group: "end target given twice")
        }
    }
}
