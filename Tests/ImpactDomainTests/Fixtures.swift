import ImpactDomain

/// Small hand-made initiatives: a backbone `bb` and three implementing partners `a`, `b`, `c`, reporting by quarter
/// from 2024-Q1. Every expected figure in the tests is worked out by hand from these rows.
enum Fixture {
    static func p(_ text: String) -> Period { Period(text)! }

    static let partners = [
        Partner(id: "bb", name: "Backbone", role: .backbone, location: SourceLocation(path: "partners.csv", line: 2)),
        Partner(id: "a", name: "Partner A", role: .implementing, location: SourceLocation(path: "partners.csv", line: 3)),
        Partner(id: "b", name: "Partner B", role: .implementing, location: SourceLocation(path: "partners.csv", line: 4)),
        Partner(id: "c", name: "Partner C", role: .implementing, location: SourceLocation(path: "partners.csv", line: 5)),
    ]

    static func indicator(_ id: String, scope: Scope = .collective, partner: String? = nil, workstream: String? = nil,
                          measure: Measure = .count, direction: Direction = .increase,
                          across partners: AcrossPartners = .sum, periods: AcrossPeriods = .sum,
                          baseline: Double? = 0, baselinePeriod: String? = "2024-Q1",
                          target: Double? = nil, targetPeriod: String? = "2025-Q1", line: Int = 2) -> Indicator {
        Indicator(id: id, name: id, scope: scope, partner: partner, workstream: workstream, measure: measure,
                  direction: direction, acrossPartners: partners, acrossPeriods: periods, baseline: baseline,
                  baselinePeriod: baselinePeriod.map(p), target: target, targetPeriod: targetPeriod.map(p),
                  location: SourceLocation(path: "indicators.csv", line: line))
    }

    /// Rows get consecutive line numbers in the order written, like a real results.csv.
    struct Rows {
        var rows: [Observation] = []
        mutating func add(_ indicator: String, _ partner: String, _ period: String, _ value: Double? = nil,
                          n: Double? = nil, d: Double? = nil, dim: String? = nil, cat: String? = nil, note: String = "") {
            rows.append(Observation(indicator: indicator, partner: partner, period: Period(period)!, value: value,
                                    numerator: n, denominator: d, dimension: dim, category: cat, note: note,
                                    location: SourceLocation(path: "results.csv", line: rows.count + 2)))
        }
    }

    static func initiative(indicators: [Indicator], rows: Rows = Rows(), targets: [PeriodTarget] = [],
                           workstreams: [Workstream] = [], collaborations: [CollaborationRecord] = [],
                           outcomes: [Outcome] = [], partners: [Partner] = Fixture.partners) -> Initiative {
        Initiative(slug: "test", name: "Test initiative", country: "Kenya", backbone: "bb", primaryActor: "Young people",
                   commonGoal: "Jobs", started: p("2024-Q1"), periodKind: .quarter, partners: partners,
                   workstreams: workstreams, indicators: indicators, observations: rows.rows, targets: targets,
                   collaborations: collaborations, outcomes: outcomes)
    }

    static func target(_ indicator: String, _ partner: String?, _ period: String?, _ value: Double, line: Int = 2) -> PeriodTarget {
        PeriodTarget(indicator: indicator, partner: partner, period: period.map(p), target: value,
                     location: SourceLocation(path: "targets.csv", line: line))
    }
}

extension InitiativeResults {
    func at(_ indicator: String, _ period: String) -> PeriodResult {
        self.indicator(indicator)!.result(for: Period(period)!)!
    }
}

extension PeriodResult {
    func contribution(_ partner: String) -> Contribution? { contributions.first { $0.partner == partner } }
    func cell(_ dimension: String, _ category: String) -> DisaggregationCell? {
        disaggregations.first { $0.dimension == dimension && $0.category == category }
    }
}

/// Equal within floating-point noise; nil only equals nil.
func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-9) -> Bool {
    switch (a, b) {
    case let (a?, b?): abs(a - b) <= tolerance * max(1, abs(b))
    case (nil, nil): true
    default: false
    }
}
