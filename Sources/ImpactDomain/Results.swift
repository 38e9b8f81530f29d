// The computed results: plain values, no display strings. The site layer formats them.
// Absent figures are nil, never 0.

public enum Status: String, Sendable, Hashable, CaseIterable {
    case achieved
    case onTrack = "on_track"
    case atRisk = "at_risk"
    case offTrack = "off_track"
    case noData = "no_data"
}

/// One partner's part of a collective or collaboration indicator in one period.
public struct Contribution: Hashable, Sendable {
    /// A partner id, or `*` for the shared part that no single partner can claim.
    public var partner: String
    /// Nil when the partner reported nothing for the period ("not reported", not zero).
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?
    /// Fraction of the whole it belongs to: for `sum`, of the value including the shared part;
    /// for `unique` (and others), of sum_of_parts. Nil when not reported or the whole is 0.
    public var share: Double?
    /// The partner's own target for this period (targets.csv), if any.
    public var target: Double?
    /// The partner had left the initiative before this period (partners.csv `left`): no value is expected.
    public var hasLeft: Bool
    /// The partner had not joined the initiative yet in this period (partners.csv `joined`): no value is expected
    /// either, and it had no target to meet.
    public var hasNotJoined: Bool

    public init(partner: String, value: Double?, numerator: Double? = nil, denominator: Double? = nil,
                share: Double? = nil, target: Double? = nil, hasLeft: Bool = false, hasNotJoined: Bool = false) {
        self.partner = partner; self.value = value; self.numerator = numerator; self.denominator = denominator
        self.share = share; self.target = target; self.hasLeft = hasLeft; self.hasNotJoined = hasNotJoined
    }

    // Inlinable: pages ask these of every contribution of every period, reading it in place; a call into this module
    // copied the contribution first (retaining its partner id) to pass it.
    @inlinable public var isReported: Bool { value != nil }
    @inlinable public var isShared: Bool { partner == sharedPartnerID }
}

/// One disaggregation cell (dimension × category) of a period, after small-cell suppression.
public struct DisaggregationCell: Hashable, Sendable {
    public var dimension: String
    public var category: String
    /// Nil when suppressed.
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?
    public var suppressed: Bool
    /// Why it is hidden: primary (a small cell) or secondary (so a small cell cannot be derived).
    public var suppression: SuppressionReason?

    public init(dimension: String, category: String, value: Double?, numerator: Double? = nil, denominator: Double? = nil,
                suppressed: Bool = false, suppression: SuppressionReason? = nil) {
        self.dimension = dimension; self.category = category; self.value = value
        self.numerator = numerator; self.denominator = denominator; self.suppressed = suppressed; self.suppression = suppression
    }
}

public enum SuppressionReason: String, Sendable, Hashable {
    case primary, secondary
}

/// One indicator in one period.
public struct PeriodResult: Hashable, Sendable {
    public var period: Period {
        get { fields.value.period }
        set { fields.value.period = newValue }
    }
    /// This period's value (across partners for collective/collaboration indicators). Nil: no data.
    public var value: Double? {
        get { fields.value.value }
        set { fields.value.value = newValue }
    }
    /// The to-date value by the indicator's `across_periods` rule, through this period.
    public var toDate: Double? {
        get { fields.value.toDate }
        set { fields.value.toDate = newValue }
    }
    /// For ratio/percentage indicators: Σ numerators and Σ denominators of this period.
    public var numerator: Double? {
        get { fields.value.numerator }
        set { fields.value.numerator = newValue }
    }
    public var denominator: Double? {
        get { fields.value.denominator }
        set { fields.value.denominator = newValue }
    }
    /// The one target of this period, shown wherever its figures are: its milestone (a targets.csv row for the
    /// period with no partner) where there is one, else the end target.
    public var target: Double? {
        get { fields.value.target }
        set { fields.value.target = newValue }
    }
    /// `target` is the period's milestone, not the end target.
    public var targetIsMilestone: Bool {
        get { fields.value.targetIsMilestone }
        set { fields.value.targetIsMilestone = newValue }
    }
    /// A value is expected for this period (indicators.csv `frequency`): false for a quarter between two
    /// measurements of a half-yearly indicator, which is "not due", not missing.
    public var isDue: Bool {
        get { fields.value.isDue }
        set { fields.value.isDue = newValue }
    }
    /// (to_date − baseline) ÷ (target − baseline), against `target`. Nil without target or data.
    public var progress: Double? {
        get { fields.value.progress }
        set { fields.value.progress = newValue }
    }
    /// Share of the time from baseline_period to target_period elapsed at this period, 0…1; 1 at a milestone
    /// (the whole milestone is due in its own period).
    public var expected: Double? {
        get { fields.value.expected }
        set { fields.value.expected = newValue }
    }
    public var status: Status {
        get { fields.value.status }
        set { fields.value.status = newValue }
    }
    // Collective and collaboration indicators only (nil for partner indicators):
    /// Σ partner rows (excluding `*`).
    public var sumOfParts: Double? {
        get { fields.value.sumOfParts }
        set { fields.value.sumOfParts = newValue }
    }
    /// `unique`: sum_of_parts − value: the repeat counts in the sum (extra records, not people: a person in three
    /// partners' counts adds 2).
    public var overlap: Double? {
        get { fields.value.overlap }
        set { fields.value.overlap = newValue }
    }
    /// `unique`: sum_of_parts ÷ value (average number of partners reaching each person).
    public var depth: Double? {
        get { fields.value.depth }
        set { fields.value.depth = newValue }
    }
    /// `unique`: true when the value is a deduplicated `*` row; false when it fell back to the sum.
    public var deduplicated: Bool? {
        get { fields.value.deduplicated }
        set { fields.value.deduplicated = newValue }
    }
    /// Σ partner targets ÷ collective target for this period (or the end targets). Nil without both.
    public var targetAlignment: Double? {
        get { fields.value.targetAlignment }
        set { fields.value.targetAlignment = newValue }
    }

    /// Partners (every implementing partner that reported this indicator in any period) plus `*` when present.
    public var contributions: [Contribution] {
        get { fields.value.contributions }
        set {
            fields.value.contributions = newValue
            fields.value.partnersReporting = Self.partnersReporting(newValue)
        }
    }
    public var disaggregations: [DisaggregationCell] {
        get { fields.value.disaggregations }
        set { fields.value.disaggregations = newValue }
    }
    /// Notes from the results rows of this period, in row order.
    public var notes: [String] {
        get { fields.value.notes }
        set { fields.value.notes = newValue }
    }
    /// Every field behind one reference (`SharedValue`): pages copy period results many times, on both cores, and a
    /// copy now retains one reference and copies one word instead of three lists and some twenty figures.
    private var fields: SharedValue<Fields>
    private struct Fields: Hashable, Sendable {
        var period: Period
        var value: Double?
        var toDate: Double?
        var numerator: Double?
        var denominator: Double?
        var target: Double?
        var targetIsMilestone: Bool
        var isDue: Bool
        var progress: Double?
        var expected: Double?
        var status: Status
        var sumOfParts: Double?
        var overlap: Double?
        var depth: Double?
        var deduplicated: Bool?
        var targetAlignment: Double?
        var contributions: [Contribution]
        /// `partnersReporting`, counted whenever `contributions` is set: pages ask for it for every figure.
        var partnersReporting: Int
        var disaggregations: [DisaggregationCell]
        var notes: [String]
    }

    /// Partners (not `*`) with a value in this period.
    public var partnersReporting: Int { fields.value.partnersReporting }

    private static func partnersReporting(_ contributions: [Contribution]) -> Int {
        contributions.reduce(0) { $0 + ($1.isShared || $1.value == nil ? 0 : 1) }
    }

    public init(period: Period, value: Double? = nil, toDate: Double? = nil, numerator: Double? = nil,
                denominator: Double? = nil, target: Double? = nil, targetIsMilestone: Bool = false, isDue: Bool = true,
                progress: Double? = nil, expected: Double? = nil,
                status: Status = .noData, sumOfParts: Double? = nil, overlap: Double? = nil, depth: Double? = nil,
                deduplicated: Bool? = nil, targetAlignment: Double? = nil, contributions: [Contribution] = [],
                disaggregations: [DisaggregationCell] = [], notes: [String] = []) {
        fields = SharedValue(Fields(
            period: period, value: value, toDate: toDate, numerator: numerator, denominator: denominator, target: target,
            targetIsMilestone: targetIsMilestone, isDue: isDue, progress: progress, expected: expected, status: status,
            sumOfParts: sumOfParts, overlap: overlap, depth: depth, deduplicated: deduplicated,
            targetAlignment: targetAlignment, contributions: contributions,
            partnersReporting: Self.partnersReporting(contributions), disaggregations: disaggregations, notes: notes))
    }
}

/// Why target alignment (rule 4) cannot be computed for an indicator.
public enum AlignmentGap: String, Sendable, Hashable {
    /// Its partners' figures are combined by a mean, a maximum or a ratio: partner targets do not add up.
    case notAdditive = "not_additive"
    /// There is no end target to compare the partners' targets with.
    case noEndTarget = "no_end_target"
    /// No partner has an end target (targets.csv: a row with the partner and no period, or its target_period).
    case noPartnerTargets = "no_partner_targets"
}

public struct IndicatorResult: Hashable, Sendable, Identifiable {
    public var indicator: Indicator { didSet { latestIndex = findLatestIndex() } }
    /// Every period of the initiative's reporting range, in order (periods without data have status no_data).
    public var periods: [PeriodResult] { didSet { latestIndex = findLatestIndex() } }
    /// Σ partner end targets ÷ collective end target (collective/collaboration indicators with targets).
    public var targetAlignment: Double?
    /// The end target: indicators.csv `target`, else the targets.csv row for the end (rule 3).
    public var endTarget: Double?
    /// Why `targetAlignment` is nil, for a collective or collaboration indicator; nil when it is computed.
    public var alignmentGap: AlignmentGap?
    /// Offset of `latest` in `periods`: pages ask for it many times, so it is found once (and again whenever
    /// `indicator` or `periods` change).
    private var latestIndex: Int?

    public var id: String { indicator.id }

    public init(indicator: Indicator, periods: [PeriodResult], targetAlignment: Double? = nil, endTarget: Double? = nil) {
        self.indicator = indicator; self.periods = periods; self.targetAlignment = targetAlignment
        self.endTarget = endTarget ?? indicator.target
        latestIndex = findLatestIndex()
    }

    /// The period headlines report: the last one with data that does not hold the headline back
    /// (`holdsHeadlineBack`); the first period with data never does.
    public var latest: PeriodResult? { latestIndex.map { periods[$0] } }

    private func findLatestIndex() -> Int? { headlineIndex(before: periods.count) }

    /// The headline period among the first `end` periods: the last with data that does not hold it back.
    private func headlineIndex(before end: Int) -> Int? {
        guard var index = lastWithValue(before: end) else { return nil }
        while holdsHeadlineBack(at: index), let earlier = lastWithValue(before: index) {
            index = earlier
        }
        return index
    }

    /// The last offset below `end` whose period has a value. (These searches run for every figure of every page:
    /// they loop over offsets and read one field, where `lastIndex(where:)` copied each period it looked at.)
    private func lastWithValue(before end: Int) -> Int? {
        var index = end
        while index > 0 {
            index -= 1
            if periods[index].value != nil { return index }
        }
        return nil
    }

    /// What the headline was when `period` closed: the same rule as `latest`, over the periods up to and
    /// including `period` (a brief for 2025-Q4 shows no later figure or status).
    public func latest(through period: Period) -> PeriodResult? {
        headlineIndex(through: period).map { periods[$0] }
    }
    /// The status of `latest(through:)`, `.noData` when there is none; reads it in place (a brief asks for every
    /// indicator's, and a copy of a period's result retains each of its references).
    public func status(through period: Period) -> Status {
        headlineIndex(through: period).map { periods[$0].status } ?? .noData
    }
    private func headlineIndex(through period: Period) -> Int? { headlineIndex(before: end(through: period)) }

    /// One past the offset of the last period up to and including `period`: found by its offset when `period` is
    /// one of `periods`, else by a search from the end.
    @inlinable @inline(__always) func end(through period: Period) -> Int {
        if let offset = offset(of: period) { return offset + 1 }
        var end = periods.count
        while end > 0, periods[end - 1].period > period { end -= 1 }
        return end
    }
    public var latestStatus: Status { latest?.status ?? .noData }

    /// The last period up to and including `period` in which the indicator was due (`period` itself for an
    /// indicator measured every period): what a brief or report for a period between two measurements shows.
    public func lastDue(through period: Period) -> PeriodResult? { lastDueIndex(through: period).map { periods[$0] } }
    /// The offset of the period whose figures a brief or report for `period` shows: `lastDueIndex(through:)`, or
    /// `period` itself when no period through it was due; nil when neither is there.
    /// Made inline, like `lastDueIndex(through:)`, `end(through:)` and `offset(of:)`: pages ask them of results they read
    /// in place, and a call copied the whole result first (retaining its every list) to pass it.
    @inlinable @inline(__always)
    public func shownIndex(asked period: Period) -> Int? { lastDueIndex(through: period) ?? offset(of: period) }
    /// The offset of `lastDue(through:)` in `periods` (read in place: a page asks for every indicator's).
    @inlinable @inline(__always) public func lastDueIndex(through period: Period) -> Int? {
        var index = end(through: period)
        while index > 0 {
            index -= 1
            if periods[index].isDue { return index }
        }
        return nil
    }
    /// The last period with data, partial or not, and its offset in `periods`.
    public var newest: PeriodResult? { newestIndex.map { periods[$0] } }
    public var newestIndex: Int? { lastWithValue(before: periods.count) }

    /// A partial period: fewer partners reported than were due, i.e. than had a value in the last earlier period
    /// with data and had not left since, and no deduplicated `*` row stands for the whole (a collective or
    /// collaboration indicator; a partner's own indicator has one reporter). True whatever the indicator's
    /// `across_periods`: every page that shows the period's figure says how many partners reported, and
    /// results.json's `partial` is this.
    public func isPartial(at index: Int) -> Bool {
        guard let (reporting, before) = reporting(at: index) else { return false }
        return reporting < before
    }

    /// A partial period that would hold a headline back when it is the newest: the indicator's to-date value is
    /// the latest period's or the mean over periods, so a value adding up fewer parts would show a fall that did
    /// not happen (one early report of 12,500 against 36,400 the quarter before). A sum or maximum over periods
    /// only grows with a late report, so its to-date value stays a true lower bound and is shown, marked partial.
    public func holdsHeadlineBack(at index: Int) -> Bool {
        (indicator.acrossPeriods == .latest || indicator.acrossPeriods == .mean) && isPartial(at: index)
    }

    /// The period at `index` has data but headlines show an earlier one (results.json `headline_held_back`).
    public func isHeadlineHeldBack(at index: Int) -> Bool {
        guard let latestIndex else { return false }
        return index > latestIndex && periods[index].value != nil
    }

    /// Partners with a value at `index`, and partners with a value in the last earlier period with data that had
    /// not left the initiative by `index` (a partner that left is not waited for), for a collective or
    /// collaboration indicator whose value there is not a deduplicated `*` row; nil otherwise.
    public func reporting(at index: Int) -> (now: Int, before: Int)? {
        // Read in place, not copied: every partial check of every page's figures comes here.
        guard indicator.scope != .partner, periods[index].value != nil, periods[index].deduplicated != true,
              let earlier = lastWithValue(before: index) else { return nil }
        var before = periods[earlier].partnersReporting
        for gone in periods[index].contributions where gone.hasLeft && !gone.isShared {
            if periods[earlier].contributions.contains(where: { $0.partner == gone.partner && $0.value != nil }) { before -= 1 }
        }
        return (periods[index].partnersReporting, before)
    }
    /// The result of one period: found by its offset from the first period (the periods are the whole range, in
    /// order), or by a search when they are not (results built by hand).
    public func result(for period: Period) -> PeriodResult? { offset(of: period).map { periods[$0] } }

    /// The offset of `period` in `periods` (for `isPartial(at:)` and its siblings), nil when it is not there.
    @inlinable @inline(__always) public func offset(of period: Period) -> Int? {
        if let first = periods.first?.period, first.kind == period.kind {
            let offset = period.ordinal - first.ordinal
            if offset >= 0, offset < periods.count, periods[offset].period == period { return offset }
        }
        return periods.firstIndex { $0.period == period }
    }
}

/// Partner-by-partner collaboration in one period (or all periods together).
public struct CollaborationPeriod: Hashable, Sendable {
    public var period: Period?
    public var referrals: Double
    public var jointActivities: Double
    public var sharedResources: Double
    /// Pairs of implementing partners that collaborated ÷ all pairs, 0…1.
    public var density: Double
    /// Aggregated edges, sorted by from, to, kind.
    public var edges: [CollaborationEdge]

    public init(period: Period?, referrals: Double, jointActivities: Double, sharedResources: Double,
                density: Double, edges: [CollaborationEdge]) {
        self.period = period; self.referrals = referrals; self.jointActivities = jointActivities
        self.sharedResources = sharedResources; self.density = density; self.edges = edges
    }
}

public struct CollaborationEdge: Hashable, Sendable {
    public var from: String
    public var to: String
    public var kind: CollaborationKind
    public var count: Double

    public init(from: String, to: String, kind: CollaborationKind, count: Double) {
        self.from = from; self.to = to; self.kind = kind; self.count = count
    }
}

public struct CollaborationResults: Hashable, Sendable {
    /// One entry per period with any collaboration record, in order.
    public var periods: [CollaborationPeriod]
    /// All periods together.
    public var total: CollaborationPeriod
    /// Implementing partner ids in matrix order (partners.csv order).
    public var partnerOrder: [String]
    /// matrix[i][j]: interactions from partnerOrder[i] to partnerOrder[j], all kinds, all periods.
    public var matrix: [[Double]]
    /// Number of distinct partners each partner collaborated with (either direction), all periods.
    public var collaborators: [String: Int]
    /// Workstreams with two or more partners active (lead/supporting partners that reported any result
    /// for an indicator of the workstream).
    public var activeWorkstreams: [String]

    public init(periods: [CollaborationPeriod], total: CollaborationPeriod, partnerOrder: [String],
                matrix: [[Double]], collaborators: [String: Int], activeWorkstreams: [String]) {
        self.periods = periods; self.total = total; self.partnerOrder = partnerOrder; self.matrix = matrix
        self.collaborators = collaborators; self.activeWorkstreams = activeWorkstreams
    }
}

public struct ConditionGroup: Hashable, Sendable {
    public var condition: SystemsCondition
    /// Outcomes of this condition, sorted by date then title.
    public var outcomes: [Outcome]
    /// Count per year, ascending by year.
    public var perYear: [YearCount]

    public init(condition: SystemsCondition, outcomes: [Outcome], perYear: [YearCount]) {
        self.condition = condition; self.outcomes = outcomes; self.perYear = perYear
    }
}

public struct YearCount: Hashable, Sendable {
    public var year: Int
    public var count: Int
    public init(year: Int, count: Int) { self.year = year; self.count = count }
}

public struct SystemsChangeResults: Hashable, Sendable {
    /// All six conditions, in SystemsCondition.allCases order (empty groups included).
    public var conditions: [ConditionGroup]
    /// Every outcome sorted by date then title (the timeline).
    public var timeline: [Outcome]
    /// Outcomes each partner contributed to, by partner id.
    public var outcomesByPartner: [String: Int]

    public init(conditions: [ConditionGroup], timeline: [Outcome], outcomesByPartner: [String: Int]) {
        self.conditions = conditions; self.timeline = timeline; self.outcomesByPartner = outcomesByPartner
    }
}

/// Status counts, e.g. how many collective indicators are on track.
public struct StatusSummary: Hashable, Sendable {
    public var total: Int
    public var achieved: Int
    public var onTrack: Int
    public var atRisk: Int
    public var offTrack: Int
    public var noData: Int

    public init(total: Int = 0, achieved: Int = 0, onTrack: Int = 0, atRisk: Int = 0, offTrack: Int = 0, noData: Int = 0) {
        self.total = total; self.achieved = achieved; self.onTrack = onTrack; self.atRisk = atRisk
        self.offTrack = offTrack; self.noData = noData
    }

    /// achieved + on_track.
    public var onTrackOrAchieved: Int { achieved + onTrack }

    public init(_ statuses: some Sequence<Status>) {
        self.init()
        for status in statuses {
            total += 1
            switch status {
            case .achieved: achieved += 1
            case .onTrack: onTrack += 1
            case .atRisk: atRisk += 1
            case .offTrack: offTrack += 1
            case .noData: noData += 1
            }
        }
    }
}

public struct InitiativeResults: Hashable, Sendable {
    public var initiative: Initiative
    /// The reporting range: first to last period with any results row (or the indicators' baseline/target range).
    public var periods: [Period]
    /// In indicators.csv order. Qualitative indicators are included with value nil (listed, not aggregated).
    public var indicators: [IndicatorResult]
    public var collaboration: CollaborationResults
    public var systemsChange: SystemsChangeResults
    /// Latest status of collective indicators vs partner indicators (collective versus individual).
    public var collectiveSummary: StatusSummary
    public var partnerSummary: StatusSummary
    public var collaborationSummary: StatusSummary
    /// Funding, spending and cost per person; nil when the initiative reports no money.
    public var finance: FinanceResults?
    /// Input figures changed since the previous publication (`Revisions.compare`); nil when the build was not
    /// given the previously published site, so pages say nothing about revisions.
    public var revisions: [Revision]?

    public init(initiative: Initiative, periods: [Period], indicators: [IndicatorResult], collaboration: CollaborationResults,
                systemsChange: SystemsChangeResults, collectiveSummary: StatusSummary, partnerSummary: StatusSummary,
                collaborationSummary: StatusSummary) {
        self.initiative = initiative; self.periods = periods; self.indicators = indicators
        self.collaboration = collaboration; self.systemsChange = systemsChange
        self.collectiveSummary = collectiveSummary; self.partnerSummary = partnerSummary
        self.collaborationSummary = collaborationSummary
    }

    public func indicator(_ id: String) -> IndicatorResult? { indicators.first { $0.indicator.id == id } }

    /// The status counts of one scope as they stood when `period` closed: each indicator's headline status through
    /// that period (`IndicatorResult.latest(through:)`). A partner's own indicator no longer counts once its partner
    /// has left before `period`. `collectiveSummary` and its siblings are this at the last period (nil: an empty
    /// reporting range, where every indicator counts as no data).
    public func statusSummary(_ scope: Scope, through period: Period?) -> StatusSummary {
        // By index: a filter over the array would copy each IndicatorResult (and retain all it holds).
        var statuses: [Status] = []
        statuses.reserveCapacity(indicators.count)
        // Only partners that left can drop out: most initiatives have none, and then no partner is looked up.
        let anyLeft = scope == .partner && period != nil && initiative.partners.contains { $0.left != nil }
        for index in indicators.indices {
            guard indicators[index].indicator.scope == scope, indicators[index].indicator.measure != .qualitative else { continue }
            if anyLeft, let period, let owner = indicators[index].indicator.partner,
               period.isAfter(leaving: initiative.partner(owner)?.left) { continue }
            if let period {
                statuses.append(indicators[index].status(through: period))
            } else {
                statuses.append(.noData)
            }
        }
        return StatusSummary(statuses)
    }
    public var latestPeriod: Period? { indicators.compactMap { $0.latest?.period }.max() }
}

// The public entry points, implemented in Compute.swift and Validate.swift:
//   public func validate(_ initiative: Initiative, settings: ComputationSettings) -> [Diagnostic]
//   public func compute(_ initiative: Initiative, settings: ComputationSettings) -> InitiativeResults
