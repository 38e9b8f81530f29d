// validate: the checks that need more than one row (ids that refer to each other, duplicates, periods in range,
// sums that must hold), with the offending value quoted and a hint saying how to fix it. What a single cell shows
// (a number that is not a number, an unknown `scope`) is checked by the loader. The list, with the rule behind
// each check, is in docs/domain-rules.md.

public func validate(_ initiative: Initiative, settings: ComputationSettings = ComputationSettings()) -> [Diagnostic] {
    validate(initiative, settings: settings, index: ObservationIndex(initiative))
}

func validate(_ initiative: Initiative, settings: ComputationSettings, index: ObservationIndex) -> [Diagnostic] {
    let context = ValidationContext(initiative, settings: settings, index: index)
    var log = DiagnosticLog()
    context.validateInitiative(&log)
    context.validatePartners(&log)
    context.validateWorkstreams(&log)
    context.validateIndicators(&log)
    context.validateFrequencies(&log)
    context.validateResults(&log)
    context.validateSubsets(&log)
    context.validateTargets(&log)
    context.validateRestatements(&log)
    context.validatePercentageScale(&log)
    context.validateCollaboration(&log)
    context.validateOutcomes(&log)
    context.validateFinance(&log)
    return log.finished().sortedForDisplay()
}
