// What every check needs: the ids that exist, the initiative's period rules, and messages for unknown ids.

struct ValidationContext {
    let initiative: Initiative
    let settings: ComputationSettings
    let partnerIDs: Set<String>
    let workstreamIDs: Set<String>
    /// First definition of each indicator id (in file order).
    let indicators: [String: Indicator]
    /// The range a dated row may fall in: from `started` to the last `target_period` of any indicator.
    let earliest: Period?
    let latest: Period?

    /// The results rows indexed by indicator, partner and period (shared with the computation).
    let index: ObservationIndex

    init(_ initiative: Initiative, settings: ComputationSettings, index: ObservationIndex) {
        self.index = index
        self.initiative = initiative
        self.settings = settings
        partnerIDs = Set(initiative.partners.map(\.id))
        workstreamIDs = Set(initiative.workstreams.map(\.id))
        var indicators: [String: Indicator] = [:]
        for indicator in initiative.indicators.sorted(by: { $0.location < $1.location }) where indicators[indicator.id] == nil {
            indicators[indicator.id] = indicator
        }
        self.indicators = indicators
        (earliest, latest) = initiative.periodBounds
    }

    var kindWord: String { initiative.periodKind.rawValue }

    /// A row dated after its partner left the initiative (partners.csv `left`), pointed at the row's period.
    func afterLeaving(_ partner: String, left: Period, _ what: String, at location: SourceLocation,
                      period column: String) -> Diagnostic {
        .error(location, "partner `\(partner)` left the initiative in `\(left)` (column `left` of partners.csv), but this row \(what)",
               hint: "correct the period of this row; or, if the partner still takes part, correct or clear its `left` in partners.csv",
               field: column)
    }

    /// A row dated before its partner joined the initiative (partners.csv `joined`), pointed at the row's period:
    /// its figure would be counted in sums for a period the partner did not take part in.
    func beforeJoining(_ partner: String, joined: Period, _ what: String, at location: SourceLocation,
                       period column: String) -> Diagnostic {
        .error(location, "partner `\(partner)` joined the initiative in `\(joined)` (column `joined` of partners.csv), but this row \(what)",
               hint: "correct the period of this row; or, if the partner took part earlier, write its first period in `joined` in partners.csv",
               field: column)
    }

    // MARK: Unknown ids

    enum Table: String {
        case partner, workstream, indicator
        var file: String {
            switch self {
            case .partner: "partners.csv"
            case .workstream: "workstreams.csv"
            case .indicator: "indicators.csv"
            }
        }
    }

    func isKnown(_ id: String, in table: Table) -> Bool {
        switch table {
        case .partner: partnerIDs.contains(id)
        case .workstream: workstreamIDs.contains(id)
        case .indicator: indicators[id] != nil
        }
    }

    /// "unknown partner `caif2` in column `partner`" with "did you mean `caif`?" when an id is close. Nil when the
    /// table's file did not load cleanly: its error is reported, and the id may be in one of its lost rows.
    /// Two mistakes get their own message, because "add it to partners.csv" would lead to the wrong fix: a
    /// partner's *name* where its id belongs (adding it would make a second partner), and, in a column that lists
    /// ids (`inList`), ids joined by commas or spaces instead of `;`.
    func unknown(_ id: String, _ table: Table, at location: SourceLocation, column: String,
                 inList: Bool = false) -> Diagnostic? {
        guard !initiative.incompleteFiles.contains(table.file) else { return nil }
        let records: [(id: String, name: String)]
        switch table {
        case .partner: records = initiative.partners.map { ($0.id, $0.name) }
        case .workstream: records = initiative.workstreams.map { ($0.id, $0.name) }
        case .indicator: records = initiative.indicators.map { ($0.id, $0.name) }
        }
        let message = "unknown \(table.rawValue) `\(id)` in column `\(column)`"
        if let named = Self.named(id, in: records) {
            return .error(location, "\(message): that is the name of \(table.rawValue) `\(named)`",
                          hint: "write its id, `\(named)`, as in column `id` of \(table.file)", field: column)
        }
        if inList {
            // Commas always separate; spaces only between known ids (`p1 p2`), as names have spaces in them.
            let byComma = id.split(separator: ",").map { String($0.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()) }
                .filter { !$0.isEmpty }
            let bySpace = id.split(separator: " ").map(String.init)
            let parts = byComma.count > 1 ? byComma
                : bySpace.count > 1 && bySpace.allSatisfy({ isKnown($0, in: table) }) ? bySpace : []
            if !parts.isEmpty {
                let known = parts.map { part in isKnown(part, in: table) ? part : Self.named(part, in: records) ?? part }
                return .error(location, "\(message): ids in a list are separated by `;`",
                              hint: "separate ids with `;`: `\(known.joined(separator: ";"))`", field: column)
            }
        }
        let hint = closestMatch(to: id, in: records.map(\.id)).map { "did you mean `\($0)`?" }
            ?? "add `\(id)` to \(table.file), or correct the id"
        return .error(location, message, hint: hint, field: column)
    }

    /// The id of the record whose name is `text` (ignoring case and surrounding spaces), if exactly one has it.
    private static func named(_ text: String, in records: [(id: String, name: String)]) -> String? {
        let key = text.lowercased()
        guard !key.isEmpty else { return nil }
        let ids = Set(records.filter { $0.name.lowercased() == key && $0.name != $0.id }.map(\.id))
        return ids.count == 1 ? ids.first : nil
    }

    // MARK: Periods

    /// A period of another kind than the initiative's, or outside its range; nil when the period is fine.
    func periodProblem(_ period: Period, at location: SourceLocation, column: String) -> (group: String, Diagnostic)? {
        if period.kind != initiative.periodKind {
            return ("period kind \(location.path)", .error(
                location, "period `\(period)` in column `\(column)` is a \(period.kind.rawValue), but the initiative reports by \(kindWord) (`period: \(kindWord)` in initiative.md)",
                hint: "write it as \(Self.example(of: initiative.periodKind, near: period)), or change `period` in initiative.md", field: column))
        }
        if let earliest, period < earliest {
            return ("before start \(location.path)", .error(
                location, "period `\(period)` in column `\(column)` is before the initiative started (`started: \(earliest)` in initiative.md)",
                hint: "correct the period, or set `started` earlier if the initiative began sooner", field: column))
        }
        if let latest, period > latest {
            return ("after end \(location.path)", .error(
                location, "period `\(period)` in column `\(column)` is after the initiative's last target period `\(latest)`",
                hint: "correct the period (is the year right?), or move the indicators' `target_period` if the initiative was extended", field: column))
        }
        return nil
    }

    /// The period of `kind` that contains (or starts) `period`, written out as an example.
    static func example(of kind: PeriodKind, near period: Period) -> String {
        "`\(period.converted(to: kind))`"
    }
}

/// Formats a number as the user wrote it, roughly: integers without `.0`.
func quoted(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return "`\(Int(value))`" }
    return "`\(value)`"
}
