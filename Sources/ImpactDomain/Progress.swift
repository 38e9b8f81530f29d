// Rule 3: the target of a period (its milestone, else the end target), progress against it, the share of time
// elapsed, and the status (docs/domain-rules.md).

struct ProgressRule {
    let baseline: Double?
    let endTarget: Double?
    /// From: the indicator's baseline_period, else the initiative's start. To: target_period.
    let from: Period?
    let to: Period?
    let settings: ComputationSettings

    /// Comparisons allow for floating-point noise, so 0.1 + 0.2 of a target of 0.3 counts as achieved.
    static let epsilon = 1e-9

    init(indicator: Indicator, endTarget: Double?, started: Period?, settings: ComputationSettings) {
        // A count with no baseline starts from 0; a decrease cannot be measured without knowing where it started.
        self.baseline = indicator.baseline ?? (indicator.direction == .increase ? 0 : nil)
        self.endTarget = endTarget
        self.from = indicator.baselinePeriod ?? started
        self.to = indicator.targetPeriod
        self.settings = settings
    }

    /// (to_date − baseline) ÷ (target − baseline). The same formula serves `direction: decrease`: both the
    /// change and the planned change are negative, so their quotient is the share of the planned reduction achieved.
    func progress(toDate: Double?, target: Double?) -> Double? {
        guard let toDate, let baseline, let target, target != baseline else { return nil }
        return (toDate - baseline) / (target - baseline)
    }

    /// Periods elapsed since `from` ÷ periods from `from` to `to`, clamped to 0…1. At a milestone's own period
    /// the whole of the milestone is due: 1.
    func expected(at period: Period, milestone: Bool) -> Double? {
        if milestone { return 1 }
        guard let from, let to, from.kind == period.kind, to.kind == period.kind else { return nil }
        let span = from.distance(to: to)
        guard span > 0 else { return nil }
        return min(1, max(0, Double(from.distance(to: period)) / Double(span)))
    }

    /// Judged against the period's target (`progress`, `expected`); `achieved` only once the to-date value has
    /// reached the end target (`endProgress`): meeting a milestone is being on track, not done.
    /// `no_data` also covers "nothing to judge against": no target, no baseline for a decrease, no target period.
    func status(hasValue: Bool, progress: Double?, expected: Double?, endProgress: Double?) -> Status {
        guard hasValue, let progress else { return .noData }
        if let endProgress, endProgress >= 1 - Self.epsilon { return .achieved }
        guard let expected else { return .noData }
        // Worse than the baseline is never on track, however early: the tolerance allows for being behind
        // schedule, not for going the wrong way. At best at risk.
        if progress < -Self.epsilon {
            return progress >= expected - settings.atRiskTolerance - Self.epsilon ? .atRisk : .offTrack
        }
        if progress >= expected - settings.onTrackTolerance - Self.epsilon { return .onTrack }
        if progress >= expected - settings.atRiskTolerance - Self.epsilon { return .atRisk }
        return .offTrack
    }
}
