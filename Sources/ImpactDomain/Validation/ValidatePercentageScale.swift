// Percentages written as fractions, as a spreadsheet shows 30 % when it holds 0.3: a baseline 0.3 and target 0.6
// beside results of 35 publish "21,196 % of target". A percentage indicator's figures are 0–100, so a figure
// strictly between 0 and 1 is a fraction when another figure of the same indicator is above 1 (an error at it,
// naming that other figure), and suspect when every figure is that small (a warning: a rate may truly be 0.3 %).

extension ValidationContext {
    func validatePercentageScale(_ log: inout DiagnosticLog) {
        for indicator in initiative.indicators.uniqued(by: \.id) where indicator.measure == .percentage {
            PercentageScale(context: self, indicator: indicator).check(&log)
        }
    }
}

private struct PercentageScale {
    let context: ValidationContext
    let indicator: Indicator

    static func looksLikeFraction(_ value: Double) -> Bool { value > 0 && value < 1 }

    /// `0.3` → `30`: the percentage the fraction stands for.
    static func asPercentage(_ value: Double) -> String {
        let percent = (value * 100 * 1_000_000).rounded() / 1_000_000
        return String(quoted(percent).filter { $0 != "`" })
    }

    func check(_ log: inout DiagnosticLog) {
        let observations = context.initiative.observations
        let rows = context.index.rowsByIndicator[indicator.id] ?? []
        let targets = context.initiative.targets.filter { $0.indicator == indicator.id }
            .sorted { $0.location < $1.location }

        // The first figure above 1 (the evidence that this indicator's figures are written as percentages).
        var evidence: String?
        for row in rows {
            let o = observations[row]
            let who = o.isShared ? "`*`" : "partner `\(o.partner)`"
            if let n = o.numerator, let d = o.denominator, d > 0, 100 * n / d > 1 {
                evidence = "\(Self.asPercentage(n / d)) % (\(quoted(n)) of \(quoted(d))) for \(who) in \(o.period)"
                break
            }
            if let value = o.value, value > 1, o.numerator == nil || o.denominator == nil {
                evidence = "\(quoted(value)) for \(who) in \(o.period)"
                break
            }
        }
        if evidence == nil {
            if let baseline = indicator.baseline, baseline > 1 { evidence = "its baseline \(quoted(baseline))" }
            else if let target = indicator.target, target > 1 { evidence = "its target \(quoted(target))" }
            else if let target = targets.first(where: { $0.target > 1 }) {
                evidence = "its target \(quoted(target.target)) in targets.csv"
            }
        }

        var suspects: [(column: String, value: Double)] = []
        for (column, value) in [(IndicatorColumn.baseline.name, indicator.baseline), (IndicatorColumn.target.name, indicator.target)] {
            guard let value, Self.looksLikeFraction(value) else { continue }
            if let evidence {
                log.append(.error(indicator.location,
                                  "\(column) \(quoted(value)) of percentage indicator `\(indicator.id)` looks like a fraction (\(Self.asPercentage(value)) %), while its other figures are percentages, such as \(evidence)",
                                  hint: "write percentages from 0 to 100: \(Self.asPercentage(value)) for \(Self.asPercentage(value)) %",
                                  field: column))
            } else {
                suspects.append((column, value))
            }
        }
        if !suspects.isEmpty {
            let written = suspects.map { "\($0.column) \(quoted($0.value))" }.joined(separator: " and ")
            let meant = suspects.map { Self.asPercentage($0.value) }.joined(separator: " and ")
            let percents = suspects.map { Self.asPercentage($0.value) + " %" }.joined(separator: " and ")
            log.append(.warning(indicator.location,
                                "\(written) of percentage indicator `\(indicator.id)` look\(suspects.count == 1 ? "s" : "") like \(suspects.count == 1 ? "a fraction" : "fractions")",
                                hint: "write percentages from 0 to 100 (\(meant) for \(percents)); if the rate really is below 1 %, leave it as it is",
                                field: suspects[0].column))
        }
        for target in targets where Self.looksLikeFraction(target.target) {
            let problem = "target \(quoted(target.target)) of percentage indicator `\(indicator.id)` looks like a fraction (\(Self.asPercentage(target.target)) %)"
            if let evidence {
                log.append(.error(target.location, "\(problem), while its other figures are percentages, such as \(evidence)",
                                  hint: "write percentages from 0 to 100: \(Self.asPercentage(target.target))", field: TargetColumn.target.name),
                           group: "fraction target \(indicator.id)")
            } else {
                log.append(.warning(target.location, problem,
                                    hint: "write percentages from 0 to 100 (\(Self.asPercentage(target.target)) for \(Self.asPercentage(target.target)) %); if the rate really is below 1 %, leave it as it is",
                                    field: TargetColumn.target.name),
                           group: "fraction target \(indicator.id)")
            }
        }
        for row in rows {
            let o = observations[row]
            guard let value = o.value, Self.looksLikeFraction(value) else { continue }
            let who = o.isShared ? "`*`" : "partner `\(o.partner)`"
            if let n = o.numerator, let d = o.denominator, d > 0 {
                // The published figure comes from the counts; the value only disagrees with them.
                guard abs(value - n / d) < 0.0005 else { continue }
                log.append(.warning(o.location,
                                    "value \(quoted(value)) of `\(indicator.id)` for \(who) in \(o.period) is numerator ÷ denominator as a fraction (\(quoted(n)) of \(quoted(d))); the published percentage, \(Self.asPercentage(n / d)) %, is computed from the counts",
                                    hint: "write the percentage: \(Self.asPercentage(n / d))", field: ResultsColumn.value.name),
                           group: "fraction value \(indicator.id)")
            } else if let evidence {
                log.append(.error(o.location,
                                  "value \(quoted(value)) of percentage indicator `\(indicator.id)` for \(who) in \(o.period) looks like a fraction (\(Self.asPercentage(value)) %), while its other figures are percentages, such as \(evidence)",
                                  hint: "write \(Self.asPercentage(value)) for \(Self.asPercentage(value)) %; if it really is below 1 %, give the row its numerator and denominator, so the percentage is computed from the counts",
                                  field: ResultsColumn.value.name),
                           group: "fraction value \(indicator.id)")
            }
        }
    }
}
