import ImpactDomain
import Synchronization

/// The shown texts of one period of one indicator: what every page that shows the period's figures prints for them
/// (the indicator page's and the partner page's period tables, the row of a brief and a report, the "what changed"
/// box of a brief and the report's change column). Decided once, here, from `Present`.
struct PeriodTexts: Sendable {
    /// The period ("2026-Q3").
    let key: String
    /// The period as a table row names it: "2026-Q3 (3 of 4 partners reported)" for a partial one.
    let label: String
    /// The period's value with its counts, or why there is none ("Not reported", "Not due", "Left in 2025-Q3").
    let value: String
    let toDate: String
    let target: String
    let progress: String
    let expected: String
    let status: TemplateValue
    /// "3 of 4 partners reported" for a partial period; nil when complete.
    let partialMark: String?
    /// The row label of a partial period (a chart's note on its point); nil when complete.
    var partialRow: String? { partialMark == nil ? nil : label }
    /// Collective and collaboration indicators with figures only (what a brief's "what changed" box and a report's
    /// change column show): the value alone, nil without one; and the period beside the one before it, nil unless
    /// both have a value.
    let bareValue: String?
    let since: Since?

    struct Since: Sendable {
        /// The period before's value alone.
        let before: String
        /// "+3,890", "−1.2 points" or "no change"; nil when the two figures are not of one kind (a deduplicated
        /// count beside a sum of partner counts, which may count a person twice): their difference is no change.
        let delta: String?
        /// "(was On track)" when the status moved; nil when it did not.
        let statusWas: String?

        /// The report's "Change since" cell: the change ("—" without one) and, when the status moved, what it was
        /// (in one String: each `+` made one).
        var change: String { statusWas.map { concatenated(delta ?? "—", " ", $0) } ?? delta ?? "—" }
    }
}

/// The `PeriodTexts` of every indicator of one initiative in one language, aligned with each result's `periods`.
/// Each indicator's are made on first use, by whichever page needs them first (pages render on both cores), and
/// then shared: a period's figures used to be formatted again for the indicator page, the brief and the report.
final class PeriodFigureTable: Sendable {
    /// A value made by the first caller that asks for it and kept for the others.
    private final class Kept<Value: Sendable>: Sendable {
        private let kept = Mutex<Value?>(nil)

        func value(make: () -> Value) -> Value {
            kept.withLock { kept in
                if let kept { return kept }
                let made = make()
                kept = made
                return made
            }
        }
    }

    private let texts: [String: Kept<[PeriodTexts]>]
    /// The same slots by the indicator's position in the list given to `init` (`texts(at:_:make:)`): found without
    /// hashing its id (a brief and a report ask for every indicator's).
    private let textsByPosition: [(id: String, kept: Kept<[PeriodTexts]>)]
    private let periodRows: [String: Kept<TemplateValue>]
    /// By position, like `textsByPosition`: the latest period's contributions as partner pages show them.
    private let latestByPosition: [Kept<LatestContributions>]
    private let rows: [Period: Kept<PeriodFigureRows>]
    private let progressBars: [String: Kept<String>]
    private let links = Kept<[String]>()

    /// One slot per indicator id and one per period; texts of an indicator or rows of a period not listed are made
    /// on every call, never kept.
    init(indicators: [String], periods: [Period] = []) {
        var texts: [String: Kept<[PeriodTexts]>] = [:]
        for id in indicators where texts[id] == nil { texts[id] = Kept() }
        self.texts = texts
        textsByPosition = indicators.map { ($0, texts[$0]!) }
        latestByPosition = indicators.map { _ in Kept() }
        periodRows = texts.mapValues { _ in Kept() }
        progressBars = texts.mapValues { _ in Kept() }
        var rows: [Period: Kept<PeriodFigureRows>] = [:]
        for period in periods where rows[period] == nil { rows[period] = Kept() }
        self.rows = rows
    }

    /// The texts of indicator `id`: those made before, or `make()`'s, kept for the next caller.
    func texts(_ id: String, make: () -> [PeriodTexts]) -> [PeriodTexts] {
        texts[id]?.value(make: make) ?? make()
    }

    /// The texts of the indicator at `position` in the list given to `init`, whose id is `id`: the same as
    /// `texts(id, make:)`, found by position (an id not at that position is found by id).
    func texts(at position: Int, _ id: String, make: () -> [PeriodTexts]) -> [PeriodTexts] {
        guard textsByPosition.indices.contains(position), textsByPosition[position].id == id else {
            return texts(id, make: make)
        }
        return textsByPosition[position].kept.value(make: make)
    }

    /// The latest contributions of the indicator at `position` (in the list given to `init`): those made before,
    /// or `make()`'s, kept. A position past the list is made on every call.
    func latestContributions(at position: Int, make: () -> LatestContributions) -> LatestContributions {
        latestByPosition.indices.contains(position) ? latestByPosition[position].value(make: make) : make()
    }

    /// The rows of every period of indicator `id` (`InitiativePages.periodRows`): those made before, or `make()`'s.
    func periodRows(_ id: String, make: () -> TemplateValue) -> TemplateValue {
        periodRows[id]?.value(make: make) ?? make()
    }

    /// The progress bar of indicator `id`'s headline (`InitiativePages.summary`), the same on every page that shows
    /// the headline: those made before, or `make()`'s.
    func progressBar(_ id: String, make: () -> String) -> String {
        progressBars[id]?.value(make: make) ?? make()
    }

    /// The figure rows of `period`: those made before, or `make()`'s, kept for the next caller.
    func rows(_ period: Period, make: () -> PeriodFigureRows) -> PeriodFigureRows {
        rows[period]?.value(make: make) ?? make()
    }

    /// The links from a report to each indicator's page: those made before, or `make()`'s, kept.
    func reportLinks(make: () -> [String]) -> [String] { links.value(make: make) }
}

/// The latest period of a collective or collaboration indicator as each partner's page shows its part of it (a row of
/// "contributions"): what is the same on every partner's page, made once per indicator rather than once per partner
/// (each made every partner's share, to take its own).
struct LatestContributions: Sendable {
    /// The period ("2026-Q3").
    let period: String
    /// The collective value with its counts.
    let collective: String
    /// "3 of 4 partners reported" for a partial period; "" when complete.
    let partial: String
    /// Each contribution's share with what it is a share of, aligned with the period's contributions; "—" for one
    /// without a share.
    let shares: [String]
    /// The link to the indicator's page from the folder `linkFolder` (a relative link depends only on the folder).
    let href: String
    let linkFolder: String
}

/// The rows of one period's figures table in one language: a row per indicator with figures through the period,
/// shared by the period's brief (every indicator's row) and its report (those of collective and collaboration
/// indicators), which used to build the same rows each.
struct PeriodFigureRows: Sendable {
    /// For each of `results.indicators`, the offset of the period whose figures it shows (`shownIndex(asked:)`).
    let shown: [Int?]
    /// The rows of collective and collaboration indicators (the report's table, the brief's first), then those
    /// of partner indicators, each in indicators.csv order. No row for a qualitative indicator or one without a
    /// period through the asked one.
    let collective: [TemplateValue]
    let partner: [TemplateValue]
    /// `Present.toDateNote` of the rows shown for collective and collaboration indicators, and for partner ones.
    let collectiveToDateNote: String?
    let partnerToDateNote: String?
}

extension InitiativePages {
    /// The shown texts of `result`'s periods, aligned with `result.periods` (`PeriodFigureTable`).
    func periodTexts(_ result: IndicatorResult) -> [PeriodTexts] {
        figureTable.texts(result.indicator.id) { makePeriodTexts(result) }
    }

    /// The same for the result at `position` in `results.indicators`, found by position.
    func periodTexts(at position: Int) -> [PeriodTexts] {
        let all = results.indicators
        return figureTable.texts(at: position, all.span[position].indicator.id) { makePeriodTexts(at: position) }
    }

    /// `makePeriodTexts` of the result at `position`, apart: where the caller made it inline, the result was copied
    /// (its every list retained) on every call, though the texts are made once.
    @inline(never)
    private func makePeriodTexts(at position: Int) -> [PeriodTexts] { makePeriodTexts(results.indicators[position]) }

    private func makePeriodTexts(_ result: IndicatorResult) -> [PeriodTexts] {
        let indicator = result.indicator
        let compared = indicator.scope != .partner && indicator.measure != .qualitative
        // Each period's value formatted once: its row's value (with the counts beside a percentage), the "what
        // changed" figures of it and of the period after, and its to-date value where that is the same number.
        let bare: [String?] = result.periods.indices.map { index in
            result.periods[index].value.map { present.value($0, indicator) }
        }
        // A period's target text depends on its target and whether that is a milestone, its status badge on its
        // status and whether it had a value that was due: most periods repeat the one before, so each distinct
        // text is made once (`Present.periodTarget`, `Present.periodStatus` decide them). A handful of distinct
        // ones, so lists searched from the newest: hashing each period's key cost more than the texts saved.
        var targets: [(key: TargetKey, text: String)] = []
        var statuses: [(key: StatusKey, badge: TemplateValue)] = []
        // "(was On track)": one text per status the periods move from.
        var statusesWere: [(status: Status, text: String?)] = []
        return result.periods.indices.map { index in
            let period = result.periods[index]
            let key = period.period.description
            let partial = present.partialFields(result, period.period)
            var since: PeriodTexts.Since?
            if compared, let value = period.value, let previous = result.offset(of: period.period.previous),
               let before = result.periods[previous].value, let beforeText = bare[previous] {
                let was: String?
                if result.periods[previous].status == period.status {
                    was = nil
                } else if let known = statusesWere.first(where: { $0.status == result.periods[previous].status }) {
                    was = known.text
                } else {
                    was = statusWas(result.periods[previous], period)
                    statusesWere.append((result.periods[previous].status, was))
                }
                // A `unique` count deduplicated in one period and added up in the other: two kinds of figure.
                let comparable = period.deduplicated == result.periods[previous].deduplicated
                since = PeriodTexts.Since(before: beforeText, delta: comparable ? delta(value, since: before, indicator) : nil,
                                          statusWas: was)
            }
            let targetKey = TargetKey(target: period.target, isMilestone: period.targetIsMilestone)
            let target: String
            if let known = targets.lastIndex(where: { $0.key == targetKey }) {
                target = targets[known].text
            } else {
                target = present.periodTarget(period, indicator)
                targets.append((targetKey, target))
            }
            let statusKey = StatusKey(status: period.status, isDue: period.isDue, hasValue: period.value != nil)
            let status: TemplateValue
            if let known = statuses.lastIndex(where: { $0.key == statusKey }) {
                status = statuses[known].badge
            } else {
                status = present.periodStatus(period)
                statuses.append((statusKey, status))
            }
            return PeriodTexts(
                key: key,
                label: partial.map { labels.format("partial_period_row", $0) } ?? key,
                value: ownerLeft(indicator, period) ?? present.periodValue(period, indicator, formatted: bare[index]),
                toDate: present.toDate(period, indicator, formatted: bare[index]),
                target: target,
                progress: present.share(period.progress),
                expected: present.share(period.expected),
                status: status,
                partialMark: partial == nil ? nil : present.partialMark(result, period.period),
                bareValue: compared ? bare[index] : nil,
                since: since)
        }
    }

    /// What `Present.periodTarget` reads of a period (besides the indicator's own target period).
    private struct TargetKey: Equatable {
        let target: Double?
        let isMilestone: Bool
    }

    /// What `Present.periodStatus` reads of a period.
    private struct StatusKey: Equatable {
        let status: Status
        let isDue: Bool
        let hasValue: Bool
    }
}
