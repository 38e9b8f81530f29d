// `frequency` (indicators.csv): an indicator measured every half year or every year is due in the last period of
// each half year or year only. Its frequency must be a whole number of the initiative's periods, and a row for a
// period in which it is not due is most likely dated wrong.

extension ValidationContext {
    func validateFrequencies(_ log: inout DiagnosticLog) {
        for indicator in initiative.indicators.uniqued(by: \.id) {
            guard let frequency = indicator.frequency else { continue }
            guard frequency.fits(initiative.periodKind) else {
                log.append(.error(indicator.location, "indicator `\(indicator.id)` is measured every \(Self.word(frequency)) (`frequency: \(frequency.rawValue)`), more often than the initiative reports (by \(kindWord))",
                                  hint: "use a frequency of one \(kindWord) or longer (\(Self.fitting(initiative.periodKind))), or leave `frequency` empty",
                                  field: IndicatorColumn.frequency.name))
                continue
            }
            let observations = initiative.observations
            for row in (index.rowsByIndicator[indicator.id] ?? []).sorted(by: { observations[$0].location < observations[$1].location }) {
                let period = observations[row].period
                guard period.kind == initiative.periodKind, !frequency.isDue(period) else { continue }
                log.append(.warning(observations[row].location, "indicator `\(indicator.id)` is measured every \(Self.word(frequency)) (`frequency: \(frequency.rawValue)`), and `\(period)` does not end one",
                                    hint: "date the row with the last \(kindWord) of its \(Self.word(frequency)) (\(dueExample(frequency, near: period))), or correct `frequency` in indicators.csv",
                                    field: ResultsColumn.period.name),
                           group: "row in a period not due")
            }
        }
    }

    static func word(_ frequency: Frequency) -> String {
        switch frequency {
        case .month: "month"
        case .quarter: "quarter"
        case .half: "half year"
        case .year: "year"
        }
    }

    static func fitting(_ kind: PeriodKind) -> String {
        Frequency.allCases.filter { $0.fits(kind) }.map { "`\($0.rawValue)`" }.joined(separator: ", ")
    }

    /// The due period that ends the measurement period containing `period`: 2025-Q2 for 2025-Q1 at `half`.
    private func dueExample(_ frequency: Frequency, near period: Period) -> String {
        var due = period
        while !frequency.isDue(due) { due = due.next }
        return "`\(due)`"
    }
}
