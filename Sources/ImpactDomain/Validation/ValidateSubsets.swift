// `within` (indicators.csv): an indicator that counts a subset of another (women protected are within women
// reached, which includes any service). A subset's value above its whole, for the same partner and period, is a
// contradiction in the data: one of the two figures is wrong, and a funder who sees both will trust neither.

extension ValidationContext {
    func validateSubsets(_ log: inout DiagnosticLog) {
        for subset in initiative.indicators.uniqued(by: \.id) {
            // With an error in results.csv a lost row could make either side look wrong: the values wait.
            guard let whole = superset(of: subset, &log), !initiative.incompleteFiles.contains("results.csv") else { continue }
            let exceeded = partnerValuesExceed(subset, whole, &log)
            collectiveValueExceeds(subset, whole, skipping: exceeded, &log)
        }
    }

    /// The indicator `subset` is declared `within`, when the two can be compared; errors for a declaration that
    /// names no indicator, the indicator itself, or one of another measure.
    private func superset(of subset: Indicator, _ log: inout DiagnosticLog) -> Indicator? {
        guard let id = subset.within else { return nil }
        guard id != subset.id else {
            log.append(.error(subset.location, "indicator `\(subset.id)` is declared `within` itself",
                              hint: "write in `within` the id of the indicator it counts a part of, or leave it empty",
                              field: IndicatorColumn.within.name))
            return nil
        }
        guard let whole = indicators[id] else {
            if let diagnostic = unknown(id, .indicator, at: subset.location, column: IndicatorColumn.within.name) { log.append(diagnostic) }
            return nil
        }
        let comparable: Set<Measure> = [.count, .amount]
        guard subset.measure == whole.measure, comparable.contains(subset.measure) else {
            log.append(.error(subset.location, "indicator `\(subset.id)` (\(subset.measure.rawValue)) is declared `within` `\(id)` (\(whole.measure.rawValue)), but only counts or amounts of the same measure can be a part of one another",
                              hint: "leave `within` empty, or name an indicator of the same measure", field: IndicatorColumn.within.name))
            return nil
        }
        guard subset.acrossPeriods == whole.acrossPeriods else {
            log.append(.warning(subset.location, "indicator `\(subset.id)` is declared `within` `\(id)`, but one takes `across_periods: \(subset.acrossPeriods.rawValue)` and the other `\(whole.acrossPeriods.rawValue)`, so their values per period cannot be compared",
                                hint: "give both the same `across_periods` (both counts since the start, or both counts per period), or leave `within` empty",
                                field: IndicatorColumn.within.name))
            return nil
        }
        return whole
    }

    private struct Cell: Hashable {
        var slot: Int
        var period: Int
    }

    /// Each partner's (and `*`'s) total value per period, and the first row (in file order) that gave it.
    private func totals(_ indicator: Indicator) -> [Cell: (value: Double, row: Int)] {
        var totals: [Cell: (value: Double, row: Int)] = [:]
        let observations = initiative.observations
        for row in index.rowsByIndicator[indicator.id] ?? [] {
            guard index.rowCell[row] == -1, index.rowPeriod[row] >= 0, let value = observations[row].value else { continue }
            let cell = Cell(slot: Int(index.rowSlot[row]), period: Int(index.rowPeriod[row]))
            if let seen = totals[cell] {
                let first = observations[row].location < observations[seen.row].location ? row : seen.row
                totals[cell] = (seen.value + value, first)
            } else {
                totals[cell] = (value, row)
            }
        }
        return totals
    }

    /// A warning at each partner's row whose value exceeds the same partner's value of the whole for that period.
    /// Returns the periods (offsets) that had one.
    private func partnerValuesExceed(_ subset: Indicator, _ whole: Indicator, _ log: inout DiagnosticLog) -> Set<Int> {
        let parts = totals(subset), wholes = totals(whole)
        var periods = Set<Int>()
        let observations = initiative.observations
        for (cell, part) in parts.sorted(by: { observations[$0.value.row].location < observations[$1.value.row].location })
        where cell.slot != index.sharedSlot {
            guard let total = wholes[cell], part.value > total.value + ProgressRule.epsilon else { continue }
            periods.insert(cell.period)
            let partner = index.partnerID(slot: cell.slot)
            let period = index.periods[cell.period]
            log.append(.warning(observations[part.row].location,
                                "partner `\(partner)` reports \(quoted(part.value)) for `\(subset.id)` in `\(period)`, more than its \(quoted(total.value)) for `\(whole.id)`; `\(subset.id)` is declared `within` `\(whole.id)`",
                                hint: "a part cannot exceed its whole: correct one of the two rows (the other is at \(observations[total.row].location)), or leave `within` empty in indicators.csv if `\(subset.id)` is not a part of `\(whole.id)`",
                                field: ResultsColumn.value.name))
        }
        return periods
    }

    /// A warning where the initiative's value of the subset exceeds the whole's for a period in which no single
    /// partner's did (the parts then add up differently: a deduplicated whole, a `*` row), at the subset's `*` row
    /// for that period, or else its first row. A period in which the whole is partial is not compared.
    private func collectiveValueExceeds(_ subset: Indicator, _ whole: Indicator, skipping: Set<Int>, _ log: inout DiagnosticLog) {
        guard subset.scope != .partner, whole.scope != .partner else { return }
        let context = IndicatorContext(initiative: initiative, settings: settings, index: index,
                                       targets: TargetBook(initiative.targets, index: index))
        let part = computeIndicator(subset, context), total = computeIndicator(whole, context)
        let rows = totals(subset)
        let observations = initiative.observations
        for (offset, period) in index.periods.enumerated() where !skipping.contains(offset) {
            guard let value = part.periods[offset].value, let wholeValue = total.periods[offset].value,
                  !total.isPartial(at: offset), value > wholeValue + ProgressRule.epsilon else { continue }
            let shared = rows[Cell(slot: index.sharedSlot, period: offset)]?.row
            let first = rows.filter { $0.key.period == offset }.map(\.value.row)
                .min { observations[$0].location < observations[$1].location }
            guard let row = shared ?? first else { continue }
            log.append(.warning(observations[row].location,
                                "the initiative's value of `\(subset.id)` in `\(period)` is \(quoted(value)), more than its value of `\(whole.id)` (\(quoted(wholeValue))); `\(subset.id)` is declared `within` `\(whole.id)`",
                                hint: "a part cannot exceed its whole: check the `*` rows and the partners' rows of both indicators for `\(period)`, or leave `within` empty in indicators.csv",
                                field: ResultsColumn.value.name))
        }
    }
}
