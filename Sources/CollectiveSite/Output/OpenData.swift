import ImpactDomain

/// The open-data downloads: `data/<initiative>/results.json`, `results.csv`, `collaboration.json`, and
/// `data/initiatives.json`. The contract (field names, meanings) is in issue 3 and docs/domain-rules.md.
///
/// Written by hand rather than with Foundation's JSONEncoder so that two builds of the same input are
/// byte-identical on every machine: keys in a fixed order, numbers in one format (integers without `.0`, other
/// numbers in the shortest form that reads back to the same Double, never a locale), absent figures as `null`.
/// Suppressed cells are `null` with `"suppressed": true`, in the JSON and the CSV alike.
public enum OpenData {
    /// File names inside `data/<slug>/`, and the site-wide list.
    public static let resultsJSONName = "results.json"
    public static let resultsCSVName = "results.csv"
    public static let collaborationJSONName = "collaboration.json"
    public static let initiativesPath = "data/initiatives.json"

    /// Every open-data file of a site: (path relative to the output folder, contents), sorted by path.
    public static func files(_ all: [InitiativeResults]) -> [(path: String, contents: String)] {
        var files: [(path: String, contents: String)] = [(initiativesPath, initiativesJSON(all))]
        for results in all {
            let slug = results.initiative.slug
            files.append((SitePaths.data(slug, resultsJSONName), resultsJSON(results)))
            files.append((SitePaths.data(slug, resultsCSVName), resultsCSV(results)))
            files.append((SitePaths.data(slug, collaborationJSONName), collaborationJSON(results)))
        }
        return files.sorted { $0.path < $1.path }
    }

    // MARK: results.json

    public static func resultsJSON(_ results: InitiativeResults) -> String {
        var json = JSONWriter()
        let initiative = results.initiative
        json.beginObject()
        json.field("initiative", initiative.slug)
        json.field("name", initiative.name)
        json.field("period_kind", initiative.periodKind.rawValue)
        json.key("periods")
        json.inlineStrings(results.periods.map(\.description))
        json.key("indicators")
        json.beginArray()
        for indicator in results.indicators { write(indicator, &json) }
        json.endArray()
        json.endObject()
        return json.finished()
    }

    private static func write(_ result: IndicatorResult, _ json: inout JSONWriter) {
        let indicator = result.indicator
        let isCollective = indicator.scope != .partner
        json.beginObject()
        json.field("id", indicator.id)
        json.field("name", indicator.name)
        json.field("scope", indicator.scope.rawValue)
        json.field("partner", indicator.scope == .partner ? indicator.partner : nil)
        json.field("workstream", indicator.workstream)
        json.field("measure", indicator.measure.rawValue)
        json.field("unit", indicator.unit)
        json.field("direction", indicator.direction.rawValue)
        json.field("across_partners", indicator.acrossPartners.rawValue)
        json.field("across_periods", indicator.acrossPeriods.rawValue)
        json.field("baseline", indicator.baseline)
        json.field("baseline_period", indicator.baselinePeriod?.description)
        json.field("target", indicator.target)
        json.field("target_period", indicator.targetPeriod?.description)
        if isCollective { json.field("target_alignment", result.targetAlignment) }
        json.key("periods")
        json.beginArray()
        for period in result.periods {
            json.beginObject()
            json.field("period", period.period.description)
            json.field("value", period.value)
            json.field("to_date", period.toDate)
            json.field("numerator", period.numerator)
            json.field("denominator", period.denominator)
            json.field("target", period.target)
            json.field("progress", period.progress)
            json.field("expected", period.expected)
            json.field("status", period.status.rawValue)
            if isCollective {
                json.field("sum_of_parts", period.sumOfParts)
                json.field("overlap", period.overlap)
                json.field("depth", period.depth)
                json.field("deduplicated", period.deduplicated)
                json.field("target_alignment", period.targetAlignment)
                json.key("contributions")
                json.beginArray()
                for contribution in period.contributions {
                    json.beginObject()
                    json.field("partner", contribution.partner)
                    json.field("value", contribution.value)
                    json.field("numerator", contribution.numerator)
                    json.field("denominator", contribution.denominator)
                    json.field("share", contribution.share)
                    json.field("target", contribution.target)
                    json.endObject()
                }
                json.endArray()
            }
            json.key("disaggregations")
            json.beginArray()
            for cell in period.disaggregations {
                json.beginObject()
                json.field("dimension", cell.dimension)
                json.field("category", cell.category)
                json.field("value", cell.value)
                json.field("numerator", cell.numerator)
                json.field("denominator", cell.denominator)
                json.field("suppressed", cell.suppressed)
                json.field("suppression", cell.suppression?.rawValue)
                json.endObject()
            }
            json.endArray()
            json.key("notes")
            json.inlineStrings(period.notes)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    // MARK: results.csv

    /// The columns of results.csv, in order.
    public static let resultsCSVColumns = [
        "indicator", "indicator_name", "scope", "measure", "unit", "direction", "across_partners", "across_periods",
        "period", "row", "partner", "dimension", "category", "value", "to_date", "numerator", "denominator", "target",
        "progress", "expected", "status", "sum_of_parts", "overlap", "depth", "deduplicated", "target_alignment",
        "share", "suppressed", "suppression", "notes",
    ]

    /// The same figures as results.json, one row per indicator and period (`row` = `total`), per contribution
    /// (`contribution`) and per disaggregation cell (`disaggregation`). Empty cells are absent figures.
    public static func resultsCSV(_ results: InitiativeResults) -> String {
        var csv = CSVWriter()
        csv.row(resultsCSVColumns.map(CSVWriter.Cell.text))
        for result in results.indicators {
            let indicator = result.indicator
            let isCollective = indicator.scope != .partner
            // The indicator's own columns are the same on each of its rows: rendered once.
            let definition = CSVWriter.fields([
                .text(indicator.id), .text(indicator.name), .text(indicator.scope.rawValue),
                .text(indicator.measure.rawValue), .text(indicator.unit), .text(indicator.direction.rawValue),
                .text(indicator.acrossPartners.rawValue), .text(indicator.acrossPeriods.rawValue),
            ])
            for period in result.periods {
                let when = CSVWriter.Cell.text(period.period.description)
                csv.row(prefix: definition, [
                    when, .text("total"), .empty, .empty, .empty, .number(period.value), .number(period.toDate),
                    .number(period.numerator), .number(period.denominator), .number(period.target),
                    .number(period.progress), .number(period.expected), .text(period.status.rawValue),
                    .number(isCollective ? period.sumOfParts : nil), .number(period.overlap), .number(period.depth),
                    .bool(period.deduplicated), .number(period.targetAlignment), .empty, .empty, .empty,
                    .text(period.notes.joined(separator: "\n")),
                ])
                for contribution in period.contributions {
                    csv.row(prefix: definition, [
                        when, .text("contribution"), .text(contribution.partner), .empty, .empty,
                        .number(contribution.value), .empty, .number(contribution.numerator),
                        .number(contribution.denominator), .number(contribution.target), .empty, .empty, .empty,
                        .empty, .empty, .empty, .empty, .empty, .number(contribution.share), .empty, .empty, .empty,
                    ])
                }
                for cell in period.disaggregations {
                    csv.row(prefix: definition, [
                        when, .text("disaggregation"), .empty, .text(cell.dimension), .text(cell.category),
                        .number(cell.value), .empty, .number(cell.numerator), .number(cell.denominator), .empty,
                        .empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty, .bool(cell.suppressed),
                        .text(cell.suppression?.rawValue ?? ""), .empty,
                    ])
                }
            }
        }
        return csv.finished()
    }

    // MARK: collaboration.json

    public static func collaborationJSON(_ results: InitiativeResults) -> String {
        let collaboration = results.collaboration
        var json = JSONWriter()
        json.beginObject()
        json.field("initiative", results.initiative.slug)
        json.key("periods")
        json.beginArray()
        for period in collaboration.periods { write(period, &json) }
        json.endArray()
        json.key("total")
        write(collaboration.total, &json)
        json.key("partners")
        json.inlineStrings(collaboration.partnerOrder)
        json.key("matrix")
        json.beginArray()
        for row in collaboration.matrix { json.inlineNumbers(row) }
        json.endArray()
        json.key("collaborators")
        json.beginArray()
        for partner in partnerOrder(results.initiative, collaboration.collaborators.keys) {
            json.beginObject()
            json.field("partner", partner)
            json.field("count", Double(collaboration.collaborators[partner] ?? 0))
            json.endObject()
        }
        json.endArray()
        json.key("active_workstreams")
        json.inlineStrings(collaboration.activeWorkstreams)
        json.endObject()
        return json.finished()
    }

    private static func write(_ period: CollaborationPeriod, _ json: inout JSONWriter) {
        json.beginObject()
        json.field("period", period.period?.description)
        json.field("referrals", period.referrals)
        json.field("joint_activities", period.jointActivities)
        json.field("shared_resources", period.sharedResources)
        json.field("density", period.density)
        json.key("edges")
        json.beginArray()
        for edge in period.edges {
            json.beginObject()
            json.field("from", edge.from)
            json.field("to", edge.to)
            json.field("kind", edge.kind.rawValue)
            json.field("count", edge.count)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    /// partners.csv order, then any other id in sorted order: a dictionary's order is not stable.
    private static func partnerOrder(_ initiative: Initiative, _ ids: some Sequence<String>) -> [String] {
        let listed = initiative.partners.map(\.id).filter(Set(ids).contains)
        var seen = Set(listed)
        return listed + ids.filter { seen.insert($0).inserted }.sorted()
    }

    // MARK: initiatives.json

    /// Every initiative, sorted by slug, with where its downloads are (relative to `data/`).
    public static func initiativesJSON(_ all: [InitiativeResults]) -> String {
        initiativesJSON(fragments: all.sorted(by: { $0.initiative.slug < $1.initiative.slug }).map(initiativeJSON))
    }

    /// data/initiatives.json from the objects of `initiativeJSON`, in the order given (the build sorts by slug).
    /// Kept apart so an incremental build can reuse the objects of initiatives that did not change.
    public static func initiativesJSON(fragments: [String]) -> String {
        fragments.isEmpty ? "[]\n" : "[\n" + fragments.joined(separator: ",\n") + "\n]\n"
    }

    /// One initiative's object in data/initiatives.json, indented as an array element.
    public static func initiativeJSON(_ results: InitiativeResults) -> String {
        var json = JSONWriter()
        let initiative = results.initiative
        json.beginObject()
        json.field("slug", initiative.slug)
        json.field("name", initiative.name)
        json.field("meaning", initiative.meaning)
        json.field("country", initiative.country)
        json.field("backbone", initiative.backbone)
        json.field("backbone_name", initiative.partner(initiative.backbone)?.name)
        json.field("primary_actor", initiative.primaryActor)
        json.field("common_goal", initiative.commonGoal)
        json.field("period_kind", initiative.periodKind.rawValue)
        json.field("partner_count", Double(initiative.implementingPartners.count))
        json.key("periods")
        json.inlineStrings(results.periods.map(\.description))
        json.field("latest_period", results.latestPeriod?.description)
        json.key("summaries")
        json.beginObject()
        for (name, summary) in [("collective", results.collectiveSummary), ("partner", results.partnerSummary),
                                ("collaboration", results.collaborationSummary)] {
            json.key(name)
            json.beginObject()
            json.field("total", Double(summary.total))
            json.field("achieved", Double(summary.achieved))
            json.field("on_track", Double(summary.onTrack))
            json.field("at_risk", Double(summary.atRisk))
            json.field("off_track", Double(summary.offTrack))
            json.field("no_data", Double(summary.noData))
            json.endObject()
        }
        json.endObject()
        json.field("results_json", "\(initiative.slug)/\(resultsJSONName)")
        json.field("results_csv", "\(initiative.slug)/\(resultsCSVName)")
        json.field("collaboration_json", "\(initiative.slug)/\(collaborationJSONName)")
        json.endObject()
        // Indented as an element of the top-level array, so fragments join into the same bytes as one writer would.
        return json.finished().dropLast().split(separator: "\n", omittingEmptySubsequences: false)
            .map { "  " + $0 }.joined(separator: "\n")
    }

    // MARK: Number format

    /// A JSON number: integers without `.0` (`2`, `-5`, `60000`), other values in the shortest form that reads
    /// back to the same Double (`0.25`, `21.818181818181817`, `1e-05`), never a locale's separators. NaN and the
    /// infinities, which JSON cannot hold, become `null`.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(.towardZero), abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
        return value.description
    }
}

// MARK: - JSON writer

/// A streaming JSON writer: two-space indentation, one member per line, keys in the order written.
struct JSONWriter {
    private var text = ""
    private var depth = 0
    /// Per open container: whether it already has an element (so the next one needs a comma).
    private var hasElement: [Bool] = []
    private var afterKey = false

    mutating func finished() -> String {
        text += "\n"
        return text
    }

    mutating func beginObject() { open("{") }
    mutating func endObject() { close("}") }
    mutating func beginArray() { open("[") }
    mutating func endArray() { close("]") }

    mutating func key(_ key: String) {
        startElement()
        text += Self.quoted(key)
        text += ": "
        afterKey = true
    }

    mutating func field(_ name: String, _ value: String?) {
        key(name)
        scalar(value.map(Self.quoted) ?? "null")
    }

    mutating func field(_ name: String, _ value: Double?) {
        key(name)
        scalar(value.map(OpenData.number) ?? "null")
    }

    mutating func field(_ name: String, _ value: Bool?) {
        key(name)
        scalar(value.map { $0 ? "true" : "false" } ?? "null")
    }

    /// A short list on one line: `["2024-Q3", "2024-Q4"]`.
    mutating func inlineStrings(_ values: [String]) {
        scalar("[" + values.map(Self.quoted).joined(separator: ", ") + "]")
    }

    mutating func inlineNumbers(_ values: [Double]) {
        scalar("[" + values.map(OpenData.number).joined(separator: ", ") + "]")
    }

    private mutating func scalar(_ literal: String) {
        startElement()
        text += literal
    }

    private mutating func open(_ bracket: String) {
        startElement()
        text += bracket
        hasElement.append(false)
        depth += 1
    }

    private mutating func close(_ bracket: String) {
        depth -= 1
        if hasElement.removeLast() { newline() }
        text += bracket
    }

    /// Comma and newline before every element but the first of its container; nothing right after a key.
    private mutating func startElement() {
        if afterKey {
            afterKey = false
            return
        }
        guard !hasElement.isEmpty else { return }
        if hasElement[hasElement.count - 1] { text += "," }
        hasElement[hasElement.count - 1] = true
        newline()
    }

    private static let indents = (0..<16).map { "\n" + String(repeating: "  ", count: $0) }

    private mutating func newline() {
        text += depth < Self.indents.count ? Self.indents[depth] : "\n" + String(repeating: "  ", count: depth)
    }

    /// A JSON string: quotes, backslashes and control characters escaped; U+2028 and U+2029 too, so the text is
    /// also safe inside a JavaScript string. Everything else stays as UTF-8.
    static func quoted(_ string: String) -> String {
        // Most strings (ids, periods, English names) need no escape: one scan of the bytes, no rebuilding.
        if string.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) { return "\"" + string + "\"" }
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }
}

// MARK: - CSV writer

/// RFC 4180 CSV (CRLF line ends, fields quoted when they hold a comma, quote or line break), with spreadsheet
/// formula injection neutralised: a text cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a
/// leading `'`, so Excel or LibreOffice show it instead of running it. Numbers are written by `OpenData.number`
/// and are never text, so a negative number such as `-5` stays a number (it cannot carry a formula).
struct CSVWriter {
    enum Cell {
        case text(String)
        case number(Double?)
        case bool(Bool?)
        static let empty = Cell.text("")
    }

    private var text = ""

    mutating func row(_ cells: [Cell]) {
        row(prefix: "", cells)
    }

    /// A row whose first fields are already rendered (`fields(_:)`), followed by `cells`.
    mutating func row(prefix: String, _ cells: [Cell]) {
        text += prefix
        for (position, cell) in cells.enumerated() {
            if position > 0 || !prefix.isEmpty { text += "," }
            text += Self.field(cell)
        }
        text += "\r\n"
    }

    /// Fields rendered and joined, for a repeated prefix of many rows.
    static func fields(_ cells: [Cell]) -> String { cells.map(field).joined(separator: ",") }

    func finished() -> String { text }

    static func field(_ cell: Cell) -> String {
        switch cell {
        case .number(let value): return value.map(OpenData.number).map { $0 == "null" ? "" : $0 } ?? ""
        case .bool(let value): return value.map { $0 ? "true" : "false" } ?? ""
        case .text(let value): return escaped(neutralised(value))
        }
    }

    static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return text }
        return "'" + text
    }

    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { out += "\"" }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }
}
