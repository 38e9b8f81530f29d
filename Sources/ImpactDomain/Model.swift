// The source model: what an initiative's content says, after parsing and before any computation.
// Every record keeps the location it was read from, so later checks can point at the exact line.

public enum PartnerRole: String, Sendable, Hashable, CaseIterable {
    case backbone, implementing
}

public struct Partner: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var role: PartnerRole
    /// Free text: "NGO", "social enterprise", "research institute"…
    public var kind: String
    public var joined: Period?
    /// The last period the partner took part in (partners.csv `left`); nil while it takes part. After it, the
    /// partner is not expected to report: no gap warning, and its silence does not make a period partial.
    public var left: Period?
    public var location: SourceLocation

    public init(id: String, name: String, role: PartnerRole, kind: String = "", joined: Period? = nil,
                left: Period? = nil, location: SourceLocation = SourceLocation(path: "partners.csv")) {
        self.id = id; self.name = name; self.role = role; self.kind = kind; self.joined = joined; self.left = left
        self.location = location
    }

    /// Whether the partner takes part in `period`: it had joined by then (or has no `joined`) and had not left
    /// before it. A `joined` or `left` of another period kind does not decide it.
    public func takesPart(in period: Period) -> Bool {
        let joinedLater = joined.map { $0.kind == period.kind && $0 > period } ?? false
        return !joinedLater && !period.isAfter(leaving: left)
    }
}

public struct Workstream: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var lead: String
    public var supporting: [String]
    public var goal: String
    public var location: SourceLocation

    public init(id: String, name: String, lead: String, supporting: [String] = [], goal: String = "",
                location: SourceLocation = SourceLocation(path: "workstreams.csv")) {
        self.id = id; self.name = name; self.lead = lead; self.supporting = supporting; self.goal = goal; self.location = location
    }
}

/// Whose result an indicator measures: one partner's own intervention, the common goal, or how partners work together.
public enum Scope: String, Sendable, Hashable, CaseIterable {
    case partner, collective, collaboration
}

/// IATI-like measure: unit counts, percentages, money amounts, scores, or qualitative (narrative only).
public enum Measure: String, Sendable, Hashable, CaseIterable {
    case count, percentage, amount, score, qualitative
}

public enum Direction: String, Sendable, Hashable, CaseIterable {
    case increase, decrease
}

/// How partner rows of one period combine into the initiative's value.
public enum AcrossPartners: String, Sendable, Hashable, CaseIterable {
    case sum, unique, ratio, mean, max
}

/// How period values combine into the to-date value.
public enum AcrossPeriods: String, Sendable, Hashable, CaseIterable {
    case sum, latest, max, mean
}

/// How often an indicator is measured (indicators.csv `frequency`): a half-yearly survey is due in the last quarter
/// of each half year only, and a quarter between is "not due", not missing.
public enum Frequency: String, Sendable, Hashable, CaseIterable {
    case month, quarter, half, year

    /// Months in one measurement period.
    public var months: Int {
        switch self {
        case .month: 1
        case .quarter: 3
        case .half: 6
        case .year: 12
        }
    }

    /// Whether `period` closes one of its measurement periods (for `half`: 2025-Q2 and 2025-Q4, 2025-06 and 2025-12).
    public func isDue(_ period: Period) -> Bool { period.endMonth % months == 0 }

    /// Whether an initiative reporting by `kind` can carry it: the same length or a whole number of its periods.
    public func fits(_ kind: PeriodKind) -> Bool { months % kind.months == 0 }
}

extension PeriodKind {
    /// Months in one period of this kind.
    public var months: Int {
        switch self {
        case .month: 1
        case .quarter: 3
        case .year: 12
        }
    }
}

extension Period {
    /// The month (1…12) the period ends in.
    public var endMonth: Int { index * kind.months }
}

public struct Indicator: Hashable, Sendable, Identifiable {
    public var id: String {
        get { texts.value.id }
        set { texts.value.id = newValue }
    }
    public var name: String {
        get { texts.value.name }
        set { texts.value.name = newValue }
    }
    public var scope: Scope
    /// The owning partner, for `scope: partner` indicators.
    public var partner: String? {
        get { texts.value.partner }
        set { texts.value.partner = newValue }
    }
    public var workstream: String? {
        get { texts.value.workstream }
        set { texts.value.workstream = newValue }
    }
    public var measure: Measure
    public var unit: String {
        get { texts.value.unit }
        set { texts.value.unit = newValue }
    }
    public var direction: Direction
    public var acrossPartners: AcrossPartners
    public var acrossPeriods: AcrossPeriods
    public var baseline: Double?
    public var baselinePeriod: Period?
    public var target: Double?
    public var targetPeriod: Period?
    public var description: String {
        get { texts.value.description }
        set { texts.value.description = newValue }
    }
    /// indicators.csv `within`: the id of an indicator this one counts a subset of (women protected are within
    /// women reached), so no value of it may exceed that indicator's value for the same partner and period.
    public var within: String? {
        get { texts.value.within }
        set { texts.value.within = newValue }
    }
    /// indicators.csv `frequency`; nil: every period of the initiative.
    public var frequency: Frequency?
    public var location: SourceLocation {
        get { texts.value.location }
        set { texts.value.location = newValue }
    }
    /// The texts behind one reference (`SharedValue`): pages copy indicators (and the results holding them) many
    /// times, and a copy retains one reference instead of eight strings.
    private var texts: SharedValue<Texts>
    private struct Texts: Hashable, Sendable {
        var id: String
        var name: String
        var partner: String?
        var workstream: String?
        var unit: String
        var description: String
        var within: String?
        var location: SourceLocation
    }

    public init(id: String, name: String, scope: Scope, partner: String? = nil, workstream: String? = nil,
                measure: Measure = .count, unit: String = "", direction: Direction = .increase,
                acrossPartners: AcrossPartners = .sum, acrossPeriods: AcrossPeriods = .sum,
                baseline: Double? = nil, baselinePeriod: Period? = nil, target: Double? = nil, targetPeriod: Period? = nil,
                description: String = "", within: String? = nil, frequency: Frequency? = nil,
                location: SourceLocation = SourceLocation(path: "indicators.csv")) {
        texts = SharedValue(Texts(id: id, name: name, partner: partner, workstream: workstream, unit: unit,
                                  description: description, within: within, location: location))
        self.scope = scope; self.measure = measure; self.direction = direction
        self.acrossPartners = acrossPartners; self.acrossPeriods = acrossPeriods
        self.baseline = baseline; self.baselinePeriod = baselinePeriod; self.target = target; self.targetPeriod = targetPeriod
        self.frequency = frequency
    }

    /// Whether a value is expected for `period`: every period, unless `frequency` is longer than it.
    public func isDue(_ period: Period) -> Bool { frequency?.isDue(period) ?? true }
}

/// The partner id `*`: a value reported for the initiative as a whole (a deduplicated count, or a result
/// achieved jointly that no single partner can claim).
public let sharedPartnerID = "*"

/// One row of results.csv.
/// Who reported a results row (a person or an organisation, as written) and on which day (`YYYY-MM-DD`).
public struct Reporter: Hashable, Sendable {
    public var by: String
    public var on: String

    public init(by: String, on: String) { self.by = by; self.on = on }
}

public struct Observation: Hashable, Sendable {
    // `location` comes first only so that the memberwise initializer Swift makes (internal, used below) has
    // other labels than the public one.
    public var location: SourceLocation
    public var indicator: String
    /// A partner id, or `*` for the initiative as a whole.
    public var partner: String
    public var period: Period
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?
    /// Disaggregation ("gender", "age_band", "ward"); nil for the total row.
    public var dimension: String?
    public var category: String?
    public var note: String
}

extension Observation {
    // Made by the memberwise initializer: the loader makes a million of these, and an initializer that sets each
    // field of `self` (Swift 6.3) built every row in a temporary and returned a copy of it, retaining and releasing
    // each of its strings.
    public init(indicator: String, partner: String, period: Period, value: Double? = nil,
                numerator: Double? = nil, denominator: Double? = nil, dimension: String? = nil, category: String? = nil,
                note: String = "", location: SourceLocation = SourceLocation(path: "results.csv")) {
        self.init(location: location, indicator: indicator, partner: partner, period: period, value: value,
                  numerator: numerator, denominator: denominator, dimension: dimension, category: category, note: note)
    }

    public var isShared: Bool { partner == sharedPartnerID }
    public var isDisaggregated: Bool { dimension != nil }
}

/// One row of targets.csv: a per-period and/or per-partner target. A nil partner is the collective target
/// for that period; a nil period is the partner's end target.
public struct PeriodTarget: Hashable, Sendable {
    public var indicator: String
    public var partner: String?
    public var period: Period?
    public var target: Double
    public var location: SourceLocation

    public init(indicator: String, partner: String?, period: Period?, target: Double,
                location: SourceLocation = SourceLocation(path: "targets.csv")) {
        self.indicator = indicator; self.partner = partner; self.period = period; self.target = target; self.location = location
    }
}

public enum CollaborationKind: String, Sendable, Hashable, CaseIterable {
    case referral
    case jointActivity = "joint_activity"
    case sharedResource = "shared_resource"
}

/// One row of collaboration.csv: partner `from` worked with partner `to` `count` times in `period`.
public struct CollaborationRecord: Hashable, Sendable {
    public var period: Period
    public var from: String
    public var to: String
    public var kind: CollaborationKind
    public var count: Double
    public var location: SourceLocation

    public init(period: Period, from: String, to: String, kind: CollaborationKind, count: Double,
                location: SourceLocation = SourceLocation(path: "collaboration.csv")) {
        self.period = period; self.from = from; self.to = to; self.kind = kind; self.count = count; self.location = location
    }
}

/// The six conditions of systems change (Kania, Kramer & Senge, "The Water of Systems Change", FSG 2018).
public enum SystemsCondition: String, Sendable, Hashable, CaseIterable {
    case policies, practices
    case resourceFlows = "resource_flows"
    case relationships
    case powerDynamics = "power_dynamics"
    case mentalModels = "mental_models"

    /// Structural (explicit), relational (semi-explicit), transformative (implicit).
    public var level: String {
        switch self {
        case .policies, .practices, .resourceFlows: "structural"
        case .relationships, .powerDynamics: "relational"
        case .mentalModels: "transformative"
        }
    }
}

/// One row of outcomes.csv: a systems-change outcome the partners achieved together.
public struct Outcome: Hashable, Sendable {
    /// Optional (`id` column of outcomes.csv): what a translation of the outcome (`outcomes.<lang>.csv`) refers to.
    public var id: String
    /// ISO date `YYYY-MM-DD` as written; `year` is taken from it.
    public var date: String
    public var year: Int
    public var title: String
    public var condition: SystemsCondition
    public var partners: [String]
    public var description: String
    public var evidence: String
    public var location: SourceLocation

    public init(date: String, year: Int, title: String, condition: SystemsCondition, partners: [String],
                description: String = "", evidence: String = "", location: SourceLocation = SourceLocation(path: "outcomes.csv"),
                id: String = "") {
        self.id = id; self.date = date; self.year = year; self.title = title; self.condition = condition; self.partners = partners
        self.description = description; self.evidence = evidence; self.location = location
    }
}

/// Thresholds that decide status and suppression; read from site.yaml.
public struct ComputationSettings: Hashable, Sendable {
    /// Counts from 1 to `minCellCount - 1` are suppressed.
    public var minCellCount: Int = 10
    /// on_track when progress ≥ expected − onTrackTolerance.
    public var onTrackTolerance: Double = 0.10
    /// at_risk when progress ≥ expected − atRiskTolerance.
    public var atRiskTolerance: Double = 0.25

    public init(minCellCount: Int = 10, onTrackTolerance: Double = 0.10, atRiskTolerance: Double = 0.25) {
        self.minCellCount = minCellCount; self.onTrackTolerance = onTrackTolerance; self.atRiskTolerance = atRiskTolerance
    }
}

/// Everything the domain needs about one initiative. Narratives (Markdown) stay in the site layer.
public struct Initiative: Hashable, Sendable, Identifiable {
    public var slug: String
    public var name: String
    public var meaning: String
    public var country: String
    /// The id of the backbone's row in partners.csv.
    public var backbone: String
    public var primaryActor: String
    public var commonGoal: String
    public var started: Period?
    public var periodKind: PeriodKind
    public var partners: [Partner]
    public var workstreams: [Workstream]
    public var indicators: [Indicator]
    public var observations: [Observation]
    public var targets: [PeriodTarget]
    public var collaborations: [CollaborationRecord]
    public var outcomes: [Outcome]
    /// Where the front matter was read, for initiative-level diagnostics.
    public var location: SourceLocation
    /// The `backbone:` line, when the loader knows it (a wrong backbone id is reported there).
    public var backboneLocation: SourceLocation?
    /// Files (`initiative.md`, `partners.csv`, `workstreams.csv`, `indicators.csv`, `results.csv`) that are missing
    /// or had errors when they were read, so some of their records may be absent or defaulted. Validation then does
    /// not report ids unknown to them, what a defaulted field implies, or (for results.csv) partners and indicators
    /// that seem to report nothing: those would all follow from the one error already reported, and blame rows
    /// that are right.
    public var incompleteFiles: Set<String> = []
    /// results.csv has no `numerator` or `denominator` column while `ratio` indicators need them: reported once at
    /// its header, so rows are not each blamed for lacking their counts.
    public var resultsLackCounts = false
    /// Funding, spending, currency and reach indicator (all optional), with the site's funders and rates.
    public var finance = InitiativeFinance()
    /// Who reported a results row and when (results.csv `reported_by`, `reported_on`), by its index in
    /// `observations`; only rows that say so. Kept apart from the rows: most sites leave both columns out.
    public var reporters: [Int: Reporter] = [:]

    public var id: String { slug }

    public init(slug: String, name: String, meaning: String = "", country: String = "", backbone: String,
                primaryActor: String = "", commonGoal: String = "", started: Period? = nil, periodKind: PeriodKind = .quarter,
                partners: [Partner] = [], workstreams: [Workstream] = [], indicators: [Indicator] = [],
                observations: [Observation] = [], targets: [PeriodTarget] = [], collaborations: [CollaborationRecord] = [],
                outcomes: [Outcome] = [], location: SourceLocation = SourceLocation(path: "initiative.md"),
                backboneLocation: SourceLocation? = nil) {
        self.slug = slug; self.name = name; self.meaning = meaning; self.country = country; self.backbone = backbone
        self.primaryActor = primaryActor; self.commonGoal = commonGoal; self.started = started; self.periodKind = periodKind
        self.partners = partners; self.workstreams = workstreams; self.indicators = indicators
        self.observations = observations; self.targets = targets; self.collaborations = collaborations
        self.outcomes = outcomes; self.location = location; self.backboneLocation = backboneLocation
    }

    public func partner(_ id: String) -> Partner? { partners.first { $0.id == id } }

    /// Who reported each total row (not a disaggregation cell), by the input figure it is.
    public func reporterIndex() -> [InputKey: Reporter] {
        var index: [InputKey: Reporter] = [:]
        for (row, reporter) in reporters where observations.indices.contains(row) && observations[row].dimension == nil {
            let observation = observations[row]
            index[InputKey(indicator: observation.indicator, partner: observation.partner, period: observation.period)] = reporter
        }
        return index
    }
    public var implementingPartners: [Partner] { partners.filter { $0.role == .implementing } }
    /// The implementing partners taking part in `period` (`Partner.takesPart(in:)`): a period's brief counts these,
    /// not partners that joined later (or had left).
    public func implementingPartners(takingPartIn period: Period) -> [Partner] {
        partners.filter { $0.role == .implementing && $0.takesPart(in: period) }
    }

    /// The periods results may be reported for: from `started` to the latest indicator `target_period` (of the
    /// initiative's period kind; an open end when there is none). A row outside is a validation error and is left
    /// out of the reporting range, so one mistyped year does not stretch it.
    public var periodBounds: (earliest: Period?, latest: Period?) {
        (started.flatMap { $0.kind == periodKind ? $0 : nil },
         indicators.compactMap(\.targetPeriod).filter { $0.kind == periodKind }.max())
    }
}
