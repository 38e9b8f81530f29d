// compute: an initiative's source model in, every figure a funder reads out. The rules, each with a worked
// example, are in docs/domain-rules.md. Stages:
//   1. index the results rows once (by indicator, partner slot, period),
//   2. each indicator through the reporting range (rules 1–4 and 7),
//   3. collaboration (rule 5) and systems change (rule 6),
//   4. status summaries: collective versus individual,
//   5. money: funding, spending, backbone share and cost per person (Finance/FinanceComputation.swift).
// Nothing here depends on the order of rows: every grouping is sorted by id, period or file position.

public func compute(_ initiative: Initiative, settings: ComputationSettings = ComputationSettings()) -> InitiativeResults {
    compute(initiative, settings: settings, index: ObservationIndex(initiative), parallel: false)
}

/// Validates the initiative and, only when there is no error, computes it: the results rows are indexed once for
/// both, and with `parallel` the indicators are computed on every core (for a build of one large initiative).
public func validateAndCompute(_ initiative: Initiative, settings: ComputationSettings = ComputationSettings(),
                               parallel: Bool = false) -> (diagnostics: [Diagnostic], results: InitiativeResults?) {
    let index = ObservationIndex(initiative)
    let diagnostics = validate(initiative, settings: settings, index: index)
    guard !diagnostics.contains(where: { $0.severity == .error }) else { return (diagnostics, nil) }
    return (diagnostics, compute(initiative, settings: settings, index: index, parallel: parallel))
}

func compute(_ initiative: Initiative, settings: ComputationSettings, index: ObservationIndex,
             parallel: Bool) -> InitiativeResults {
    let context = IndicatorContext(initiative: initiative, settings: settings, index: index,
                                   targets: TargetBook(initiative.targets, index: index))
    let indicators = parallel
        ? parallelMap(initiative.indicators) { computeIndicator($0, context) }
        : initiative.indicators.map { computeIndicator($0, context) }

    var results = InitiativeResults(
        initiative: initiative,
        periods: index.periods,
        indicators: indicators,
        collaboration: computeCollaboration(initiative, index: index),
        systemsChange: computeSystemsChange(initiative.outcomes),
        collectiveSummary: StatusSummary(), partnerSummary: StatusSummary(), collaborationSummary: StatusSummary())
    // Where the partners stand now: each summary as of the last period of the reporting range. A partner's own
    // indicator stops counting once the partner has left by then: its last status is history.
    let last = index.periods.last
    results.collectiveSummary = results.statusSummary(.collective, through: last)
    results.partnerSummary = results.statusSummary(.partner, through: last)
    results.collaborationSummary = results.statusSummary(.collaboration, through: last)
    results.finance = computeFinance(initiative, indicators: indicators, periods: index.periods)
    return results
}
