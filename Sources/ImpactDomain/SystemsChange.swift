// Rule 6: systems-change outcomes grouped by the six conditions (Kania, Kramer & Senge 2018), per year, with the
// partners that contributed to each.

func computeSystemsChange(_ outcomes: [Outcome]) -> SystemsChangeResults {
    // Date, then title, then file position: a total order, so the timeline never depends on row order.
    let timeline = outcomes.sorted { a, b in
        if a.date != b.date { return a.date < b.date }
        if a.title != b.title { return a.title < b.title }
        return a.location < b.location
    }
    let conditions = SystemsCondition.allCases.map { condition in
        let matching = timeline.filter { $0.condition == condition }
        var perYear: [Int: Int] = [:]
        for outcome in matching { perYear[outcome.year, default: 0] += 1 }
        return ConditionGroup(condition: condition, outcomes: matching,
                              perYear: perYear.keys.sorted().map { YearCount(year: $0, count: perYear[$0]!) })
    }
    var byPartner: [String: Int] = [:]
    for outcome in outcomes {
        // A partner named twice on one outcome contributed to one outcome.
        for partner in Set(outcome.partners) { byPartner[partner, default: 0] += 1 }
    }
    return SystemsChangeResults(conditions: conditions, timeline: timeline, outcomesByPartner: byPartner)
}

extension Outcome {
    /// The period of `kind` the outcome's date falls in (2026-05-20 → 2026-Q2); nil when the date does not read as
    /// `YYYY-MM-DD` (the loader reports that).
    public func period(_ kind: PeriodKind) -> Period? {
        let parts = date.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let month = Int(parts[1]), (1...12).contains(month),
              let period = Period(kind: .month, year: year, index: month) else { return nil }
        return period.converted(to: kind)
    }
}

extension SystemsChangeResults {
    /// The outcomes of `period`'s calendar year up to and including `period`, in timeline order: what a report or
    /// brief for that period may list. An outcome dated after the period had not happened when it closed.
    public func outcomes(yearThrough period: Period) -> [Outcome] {
        timeline.filter { outcome in
            guard outcome.year == period.year, let when = outcome.period(period.kind) else { return false }
            return when <= period
        }
    }
}
