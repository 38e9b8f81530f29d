// One indicator through the reporting range: per period the value across partners (rule 2), the to-date value
// (rule 1), target, progress and status (rule 3), target alignment (rule 4) and disaggregations (rule 7).

struct IndicatorContext {
    let initiative: Initiative
    let settings: ComputationSettings
    let index: ObservationIndex
    let targets: TargetBook
}

func computeIndicator(_ indicator: Indicator, _ context: IndicatorContext) -> IndicatorResult {
    let index = context.index
    let observations = context.initiative.observations
    let isPartnerScope = indicator.scope == .partner
    // An owner that is not a partner at all (a validation error) owns no rows: slot -1 matches none.
    let owner = indicator.partner.map { index.slot(of: $0) ?? -1 }
    let rows = IndicatorRows(rows: index.rowsByIndicator[indicator.id] ?? [], index: index, observations: observations,
                             owner: owner, ownerOnly: isPartnerScope)

    let endTarget = context.targets.endTarget(indicator)
    let alignment = context.targets.alignment(indicator, period: nil, endTarget: endTarget)

    // Qualitative indicators are listed with their notes, never aggregated.
    guard indicator.measure != .qualitative else {
        let periods = index.periods.enumerated().map { offset, period in
            var result = PeriodResult(period: period, target: nil, status: .noData, notes: rows.orderedNotes(at: offset))
            result.isDue = indicator.isDue(period)
            return result
        }
        return IndicatorResult(indicator: indicator, periods: periods, targetAlignment: nil, endTarget: endTarget)
    }

    let isRatio = indicator.acrossPartners == .ratio || indicator.measure == .percentage
    let factor: Double = indicator.measure == .percentage ? 100 : 1
    // A partner's own indicator has one partner: its value is that partner's row, whatever across_partners says.
    let rule: AcrossPartners = isPartnerScope ? .sum : indicator.acrossPartners
    let progressRule = ProgressRule(indicator: indicator, endTarget: endTarget, started: context.initiative.started,
                                    settings: context.settings)
    var toDate = ToDate(rule: indicator.acrossPeriods, isRatio: isRatio, factor: factor)
    let targets = context.targets.view(of: indicator, endTarget: endTarget)

    var periods: [PeriodResult] = []
    periods.reserveCapacity(index.periods.count)
    // One period's figures and their combination, refilled for each period: its lists are allocated once per
    // indicator, not once per period.
    var cell = PeriodCell()
    var combined = Combined()
    for (offset, period) in index.periods.enumerated() {
        cell.fill(rows.totals(at: offset), reporters: rows.reporters, index: index, observations: observations,
                  isRatio: isRatio, factor: factor)
        combine(rule, parts: cell.parts, shared: cell.shared, factor: factor, into: &combined)

        // The period's figures worked out first, then its result made in one go (not field by field, each write
        // checking that the result's storage is its own).
        let periodToDate = toDate.add(value: combined.value, numerator: combined.numerator,
                                      denominator: combined.denominator)
        // One target per period, the one every page shows: the period's milestone, else the end target.
        let milestone = targets.milestones[offset]
        let target = milestone ?? endTarget
        let progress = progressRule.progress(toDate: periodToDate, target: target)
        let expected = progressRule.expected(at: period, milestone: milestone != nil)
        let status = progressRule.status(
            hasValue: combined.value != nil, progress: progress, expected: expected,
            endProgress: milestone == nil ? progress : progressRule.progress(toDate: periodToDate, target: endTarget))
        periods.append(PeriodResult(
            period: period, value: combined.value, toDate: periodToDate,
            numerator: isRatio ? combined.numerator : nil, denominator: isRatio ? combined.denominator : nil,
            target: target, targetIsMilestone: milestone != nil, isDue: indicator.isDue(period),
            progress: progress, expected: expected, status: status,
            sumOfParts: isPartnerScope ? nil : combined.sumOfParts, overlap: isPartnerScope ? nil : combined.overlap,
            depth: isPartnerScope ? nil : combined.depth, deduplicated: isPartnerScope ? nil : combined.deduplicated,
            targetAlignment: isPartnerScope ? nil : targets.alignments[offset],
            contributions: isPartnerScope ? [] : contributions(cell, combined, reporters: rows.reporters, period: period,
                                                               targets: targets, at: offset, index: context.index),
            disaggregations: disaggregations(rows, at: offset, rule: rule, indicator: indicator, isRatio: isRatio,
                                             factor: factor, context: context),
            notes: rows.orderedNotes(at: offset)))
    }
    var result = IndicatorResult(indicator: indicator, periods: periods, targetAlignment: alignment, endTarget: endTarget)
    if alignment == nil { result.alignmentGap = context.targets.alignmentGap(indicator, endTarget: endTarget) }
    return result
}

/// One period's total rows as figures: one per partner that reported in any period (nil figures for a period
/// it did not report), and the `*` row. Refilled period after period (`fill`), keeping its lists' memory.
struct PeriodCell {
    /// Aligned with the reporters `fill` was given.
    private(set) var parts: [Figure] = []
    private(set) var shared: Figure?
    /// The merged figure of each slot (`IndicatorRows.figures`), kept between fills for its memory.
    private var figures: [(slot: Int, figure: Figure)] = []

    mutating func fill(_ slotRows: ArraySlice<IndicatorRows.SlotRow>, reporters: [Int], index: ObservationIndex,
                       observations: [Observation], isRatio: Bool, factor: Double) {
        // Both lists ascend by slot: one merging walk, no lookup table.
        IndicatorRows.figures(slotRows, observations, into: &figures)
        parts.removeAll(keepingCapacity: true)
        parts.reserveCapacity(reporters.count)
        var next = 0
        for slot in reporters {
            while next < figures.count, figures[next].slot < slot { next += 1 }
            // Not reported is absent, never 0: the partner keeps its place with an empty figure.
            parts.append(next < figures.count && figures[next].slot == slot
                ? figures[next].figure.derived(isRatio: isRatio, factor: factor) : Figure())
        }
        let shared = figures.last { $0.slot == index.sharedSlot }
        self.shared = shared?.figure.derived(isRatio: isRatio, factor: factor)
    }
}

private func contributions(_ cell: PeriodCell, _ combined: Combined, reporters: [Int], period: Period,
                           targets: IndicatorTargets, at offset: Int, index: ObservationIndex) -> [Contribution] {
    var list: [Contribution] = []
    list.reserveCapacity(cell.parts.count + 1)
    for (position, slot) in reporters.enumerated() {
        let partner = index.partnerID(slot: slot)
        let figure = cell.parts[position]
        // A partner that had left, or had not joined yet, has no target for the period: its end target is no
        // commitment then.
        let hasLeft = index.hasLeft(slot: slot, before: period)
        let hasNotJoined = index.hasNotJoined(slot: slot, by: period)
        list.append(Contribution(partner: partner, value: figure.value, numerator: figure.numerator,
                                 denominator: figure.denominator, share: combined.shares[position],
                                 target: hasLeft || hasNotJoined ? nil : targets.partner(slot: slot, at: offset),
                                 hasLeft: hasLeft, hasNotJoined: hasNotJoined))
    }
    if combined.sharedIsPart, let shared = cell.shared {
        list.append(Contribution(partner: sharedPartnerID, value: shared.value, numerator: shared.numerator,
                                 denominator: shared.denominator, share: combined.sharedShare))
    }
    return list
}

private func disaggregations(_ rows: IndicatorRows, at offset: Int, rule: AcrossPartners, indicator: Indicator,
                             isRatio: Bool, factor: Double, context: IndicatorContext) -> [DisaggregationCell] {
    guard !rows.cellRows[offset].isEmpty else { return [] }
    let shared = context.index.sharedSlot
    let observations = context.initiative.observations
    let cells = rows.orderedCells(at: offset, context.index).map { key, slotRows in
        var parts: [Figure] = []
        var sharedFigure: Figure?
        for (slot, figure) in IndicatorRows.figures(slotRows[...], observations) {
            let derived = figure.derived(isRatio: isRatio, factor: factor)
            if slot == shared { sharedFigure = derived } else { parts.append(derived) }
        }
        let combined = combine(rule, parts: parts, shared: sharedFigure, factor: factor)
        return DisaggregationCell(dimension: key.dimension, category: key.category, value: combined.value,
                                  numerator: isRatio ? combined.numerator : nil,
                                  denominator: isRatio ? combined.denominator : nil)
    }
    return suppress(cells, measure: indicator.measure, minCellCount: context.settings.minCellCount)
}
