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

    /// Which target a period's `target` is: `milestone` (its targets.csv row), `end` (the end target), nil without one.
    static func targetKind(_ period: PeriodResult) -> String? {
        period.target == nil ? nil : period.targetIsMilestone ? "milestone" : "end"
    }

    /// A generous size for a results file: reserved pages that are never written cost no memory, while a buffer
    /// that has to grow copies itself (a million-row file would briefly hold two large copies).
    static func estimatedSize(_ results: InitiativeResults, bytesPerRow: Int) -> Int {
        var rows = 0
        for result in results.indicators {
            for period in result.periods { rows += 1 + period.contributions.count + period.disaggregations.count }
        }
        return max(1 << 16, rows * bytesPerRow)
    }

    public static func resultsJSONBytes(_ results: InitiativeResults) -> [UInt8] {
        // One line per period with its contributions and cells: 150 to 190 bytes a row on the benchmark sites.
        var json = JSONWriter(capacity: estimatedSize(results, bytesPerRow: 320))
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
        return json.finishedBytes()
    }

    /// One indicator as an entry of results.json's `indicators` (also the heart of its own download).
    static func write(_ result: IndicatorResult, _ json: inout JSONWriter) {
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
        for (index, period) in result.periods.enumerated() {
            // One line per period, its contributions, disaggregations and notes included.
            json.beginObject(inline: true)
            json.field("period", period.period.description)
            json.field("value", period.value)
            json.field("to_date", period.toDate)
            json.field("numerator", period.numerator)
            json.field("denominator", period.denominator)
            json.field("target", period.target)
            json.field("target_kind", OpenData.targetKind(period))
            json.field("progress", period.progress)
            json.field("expected", period.expected)
            json.field("status", period.status.rawValue)
            if !period.isDue { json.field("due", false) }  // only then: absent means it was due (`frequency`)
            if isCollective {
                json.field("sum_of_parts", period.sumOfParts)
                json.field("overlap", period.overlap)
                json.field("depth", period.depth)
                json.field("deduplicated", period.deduplicated)
                json.field("partners_reporting", period.value == nil ? nil : Double(period.partnersReporting))
                json.field("partial", period.value == nil ? nil : result.isPartial(at: index))
                json.field("headline_held_back", period.value == nil ? nil : result.isHeadlineHeldBack(at: index))
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
                    if contribution.hasLeft { json.field("left", true) }  // only then: absent means it took part
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

    public static func resultsJSON(_ results: InitiativeResults) -> String {
        String(decoding: resultsJSONBytes(results), as: UTF8.self)
    }

    public static func resultsCSV(_ results: InitiativeResults) -> String {
        String(decoding: resultsCSVBytes(results), as: UTF8.self)
    }

    public static func collaborationJSON(_ results: InitiativeResults) -> String {
        String(decoding: collaborationJSONBytes(results), as: UTF8.self)
    }

    // MARK: results.csv

    /// The columns of results.csv, in order: the indicator's own eight, then `ResultsRowColumn`'s.
    public static let resultsCSVColumns = [
        "indicator", "indicator_name", "scope", "measure", "unit", "direction", "across_partners", "across_periods",
    ] + ResultsRowColumn.allCases.map(\.name)

    /// The same figures as results.json, one row per indicator and period (`row` = `total`), per contribution
    /// (`contribution`) and per disaggregation cell (`disaggregation`). Empty cells are absent figures.
    public static func resultsCSVBytes(_ results: InitiativeResults) -> [UInt8] {
        var csv = CSVWriter(capacity: estimatedSize(results, bytesPerRow: 256))
        csv.row(resultsCSVColumns.map(CSVWriter.Cell.text))
        for result in results.indicators { appendRows(of: result, to: &csv) }
        return csv.finishedBytes()
    }

    /// An indicator's rows of results.csv (also its own download, `indicators/<id>.csv`).
    static func appendRows(of result: IndicatorResult, to csv: inout CSVWriter) {
        let indicator = result.indicator
        let isCollective = indicator.scope != .partner
        // The indicator's own columns are the same on each of its rows: rendered once.
        let definition = CSVWriter.fields([
            .text(indicator.id), .text(indicator.name), .text(indicator.scope.rawValue),
            .text(indicator.measure.rawValue), .text(indicator.unit), .text(indicator.direction.rawValue),
            .text(indicator.acrossPartners.rawValue), .text(indicator.acrossPeriods.rawValue),
        ])
        for (index, period) in result.periods.enumerated() {
            let when = CSVWriter.Cell.text(period.period.description)
            let reported = isCollective && period.value != nil
            var total = ResultsRow(period: when, kind: "total")
            total[.value] = .number(period.value)
            total[.toDate] = .number(period.toDate)
            total[.numerator] = .number(period.numerator)
            total[.denominator] = .number(period.denominator)
            total[.target] = .number(period.target)
            total[.targetKind] = .text(OpenData.targetKind(period) ?? "")
            total[.progress] = .number(period.progress)
            total[.expected] = .number(period.expected)
            total[.status] = .text(period.status.rawValue)
            total[.sumOfParts] = .number(isCollective ? period.sumOfParts : nil)
            total[.overlap] = .number(period.overlap)
            total[.depth] = .number(period.depth)
            total[.deduplicated] = .bool(period.deduplicated)
            total[.partnersReporting] = .number(reported ? Double(period.partnersReporting) : nil)
            total[.partial] = .bool(reported ? result.isPartial(at: index) : nil)
            total[.headlineHeldBack] = .bool(reported ? result.isHeadlineHeldBack(at: index) : nil)
            total[.targetAlignment] = .number(period.targetAlignment)
            total[.notes] = .text(period.notes.joined(separator: "\n"))
            csv.row(prefix: definition, total.cells)
            for contribution in period.contributions {
                var row = ResultsRow(period: when, kind: "contribution")
                row[.partner] = .text(contribution.partner)
                row[.value] = .number(contribution.value)
                row[.numerator] = .number(contribution.numerator)
                row[.denominator] = .number(contribution.denominator)
                row[.target] = .number(contribution.target)
                row[.share] = .number(contribution.share)
                row[.left] = .bool(contribution.hasLeft ? true : nil)
                csv.row(prefix: definition, row.cells)
            }
            for cell in period.disaggregations {
                var row = ResultsRow(period: when, kind: "disaggregation")
                row[.dimension] = .text(cell.dimension)
                row[.category] = .text(cell.category)
                row[.value] = .number(cell.value)
                row[.numerator] = .number(cell.numerator)
                row[.denominator] = .number(cell.denominator)
                row[.suppressed] = .bool(cell.suppressed)
                row[.suppression] = .text(cell.suppression?.rawValue ?? "")
                csv.row(prefix: definition, row.cells)
            }
        }
    }

    // MARK: collaboration.json

    public static func collaborationJSONBytes(_ results: InitiativeResults) -> [UInt8] {
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
            json.beginObject(inline: true)
            json.field("partner", partner)
            json.field("count", Double(collaboration.collaborators[partner] ?? 0))
            json.endObject()
        }
        json.endArray()
        json.key("active_workstreams")
        json.inlineStrings(collaboration.activeWorkstreams)
        json.endObject()
        return json.finishedBytes()
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
            json.beginObject(inline: true)
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
            json.beginObject(inline: true)
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
        var out: [UInt8] = []
        appendNumber(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `number(_:)` appended to a byte buffer: integers digit by digit, no String on the way.
    static func appendNumber(_ value: Double, to out: inout [UInt8]) {
        guard value.isFinite else { out.append(contentsOf: "null".utf8); return }
        if value == value.rounded(.towardZero), abs(value) < 9_007_199_254_740_992 {
            var integer = Int64(value)
            if integer < 0 { out.append(UInt8(ascii: "-")); integer = -integer }
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                         UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var count = 0
            withUnsafeMutableBytes(of: &digits) { buffer in
                repeat {
                    buffer[count] = UInt8(truncatingIfNeeded: integer % 10) + 0x30
                    integer /= 10
                    count += 1
                } while integer > 0
                for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
            }
            return
        }
        out.append(contentsOf: value.description.utf8)
    }
}

// MARK: - JSON writer

/// A streaming JSON writer: two-space indentation, one member per line, keys in the order written, except inside
/// an inline container (`beginObject(inline: true)`, `beginArray(inline: true)`): that container and everything
/// nested in it go on one line, elements separated by `", "`, so a record a reader scans as one row stays one line.
/// It writes UTF-8 bytes straight into one buffer (the million-row benchmark's results.json is 35 MB: no String
/// rebuilding).
struct JSONWriter {
    private var bytes: [UInt8] = []
    private var depth = 0
    /// Per open container: whether it already has an element (so the next one needs a comma).
    private var hasElement: [Bool] = []
    /// How many of the open containers are on one line (0: the current container is indented).
    private var inlineDepth = 0
    private var afterKey = false

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    mutating func finishedBytes() -> [UInt8] {
        bytes.append(0x0A)
        return bytes
    }

    mutating func finished() -> String { String(decoding: finishedBytes(), as: UTF8.self) }

    /// `inline`: the object and everything in it on one line. Containers inside an inline one are inline too.
    mutating func beginObject(inline: Bool = false) { open(UInt8(ascii: "{"), inline: inline) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray(inline: Bool = false) { open(UInt8(ascii: "["), inline: inline) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    mutating func key(_ key: String) {
        startElement()
        Self.appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        afterKey = true
    }

    mutating func field(_ name: String, _ value: String?) {
        key(name)
        startElement()
        if let value { Self.appendQuoted(value, to: &bytes) } else { appendNull() }
    }

    mutating func field(_ name: String, _ value: Double?) {
        key(name)
        startElement()
        if let value { OpenData.appendNumber(value, to: &bytes) } else { appendNull() }
    }

    mutating func field(_ name: String, _ value: Bool?) {
        key(name)
        startElement()
        switch value {
        case true?: bytes.append(contentsOf: "true".utf8)
        case false?: bytes.append(contentsOf: "false".utf8)
        case nil: appendNull()
        }
    }

    /// A short list on one line: `["2024-Q3", "2024-Q4"]`.
    mutating func inlineStrings(_ values: [String]) { inline(values) { Self.appendQuoted($0, to: &$1) } }

    mutating func inlineNumbers(_ values: [Double]) { inline(values) { OpenData.appendNumber($0, to: &$1) } }

    private mutating func inline<T>(_ values: [T], _ append: (T, inout [UInt8]) -> Void) {
        startElement()
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(contentsOf: ", ".utf8) }
            append(value, &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func appendNull() { bytes.append(contentsOf: "null".utf8) }

    private mutating func open(_ bracket: UInt8, inline: Bool) {
        startElement()
        bytes.append(bracket)
        hasElement.append(false)
        depth += 1
        if inline || inlineDepth > 0 { inlineDepth += 1 }
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        let hadElements = hasElement.removeLast()
        if inlineDepth > 0 {
            inlineDepth -= 1
        } else if hadElements {
            newline()
        }
        bytes.append(bracket)
    }

    /// Before every element but the first of its container: a comma, then a newline and indentation, or a space
    /// inside an inline container. Nothing right after a key.
    private mutating func startElement() {
        if afterKey {
            afterKey = false
            return
        }
        guard !hasElement.isEmpty else { return }
        let hasPrevious = hasElement[hasElement.count - 1]
        hasElement[hasElement.count - 1] = true
        if inlineDepth > 0 {
            if hasPrevious { bytes.append(UInt8(ascii: ",")); bytes.append(UInt8(ascii: " ")) }
            return
        }
        if hasPrevious { bytes.append(UInt8(ascii: ",")) }
        newline()
    }

    private mutating func newline() {
        bytes.append(0x0A)
        for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
    }

    /// A JSON string: quotes, backslashes and control characters escaped; U+2028 and U+2029 too, so the text is
    /// also safe inside a JavaScript string. Everything else stays as UTF-8.
    static func quoted(_ string: String) -> String {
        var out: [UInt8] = []
        appendQuoted(string, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendQuoted(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings (ids, periods, English names) need no escape: one scan of the bytes, then one copy.
        if string.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
            out.append(contentsOf: string.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out.append(contentsOf: "\\\"".utf8)
            case "\\": out.append(contentsOf: "\\\\".utf8)
            case "\n": out.append(contentsOf: "\\n".utf8)
            case "\r": out.append(contentsOf: "\\r".utf8)
            case "\t": out.append(contentsOf: "\\t".utf8)
            case "\u{08}": out.append(contentsOf: "\\b".utf8)
            case "\u{0C}": out.append(contentsOf: "\\f".utf8)
            case "\u{2028}": out.append(contentsOf: "\\u2028".utf8)
            case "\u{2029}": out.append(contentsOf: "\\u2029".utf8)
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                } else {
                    out.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

// MARK: - CSV writer

/// RFC 4180 CSV (CRLF line ends, fields quoted when they hold a comma, quote or line break), with spreadsheet
/// formula injection neutralised: a text cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a
/// leading `'`, so Excel or LibreOffice show it instead of running it. Numbers are written by `OpenData.number`
/// and are never text, so a negative number such as `-5` stays a number (it cannot carry a formula).
/// results.csv's columns after the indicator's own eight, in order; `name` is the header (`to_date`).
enum ResultsRowColumn: Int, CaseIterable, Sendable {
    case period, row, partner, dimension, category, value, toDate, numerator, denominator, target, targetKind, progress, expected,
         status, sumOfParts, overlap, depth, deduplicated, partnersReporting, partial, headlineHeldBack, targetAlignment,
         share, suppressed, suppression, notes, left

    /// The column's header: the case name in snake case.
    var name: String {
        var name = ""
        for character in String(describing: self) {
            if character.isUppercase { name += "_" + character.lowercased() } else { name.append(character) }
        }
        return name
    }
}

/// One results.csv row after the indicator's columns, filled by column name; every other cell is empty.
struct ResultsRow {
    private(set) var cells = [CSVWriter.Cell](repeating: .empty, count: ResultsRowColumn.allCases.count)

    init(period: CSVWriter.Cell, kind: String) {
        self[.period] = period
        self[.row] = .text(kind)
    }

    subscript(column: ResultsRowColumn) -> CSVWriter.Cell {
        get { cells[column.rawValue] }
        set { cells[column.rawValue] = newValue }
    }
}

struct CSVWriter {
    enum Cell {
        case text(String)
        case number(Double?)
        case bool(Bool?)
        static let empty = Cell.text("")
    }

    private var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    mutating func row(_ cells: [Cell]) {
        row(prefix: "", cells)
    }

    /// A row whose first fields are already rendered (`fields(_:)`), followed by `cells`.
    mutating func row(prefix: String, _ cells: [Cell]) {
        bytes.append(contentsOf: prefix.utf8)
        for (position, cell) in cells.enumerated() {
            if position > 0 || !prefix.isEmpty { bytes.append(UInt8(ascii: ",")) }
            Self.appendField(cell, to: &bytes)
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    /// Fields rendered and joined, for a repeated prefix of many rows.
    static func fields(_ cells: [Cell]) -> String { cells.map(field).joined(separator: ",") }

    func finishedBytes() -> [UInt8] { bytes }
    func finished() -> String { String(decoding: bytes, as: UTF8.self) }

    static func field(_ cell: Cell) -> String {
        var out: [UInt8] = []
        appendField(cell, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendField(_ cell: Cell, to out: inout [UInt8]) {
        switch cell {
        case .number(let value?) where value.isFinite: OpenData.appendNumber(value, to: &out)
        case .number: break
        case .bool(let value?): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .bool(nil): break
        case .text(let value): appendText(value, to: &out)
        }
    }

    /// A text cell: a leading `'` when it could start a formula, quoted when it holds a comma, quote or line break.
    static func appendText(_ text: String, to out: inout [UInt8]) {
        let utf8 = text.utf8
        guard let first = utf8.first else { return }
        let formula = startsFormula(first)
        let quote = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        if quote { out.append(UInt8(ascii: "\"")) }
        if formula { out.append(UInt8(ascii: "'")) }
        if quote {
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { out.append(byte) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
        } else {
            out.append(contentsOf: utf8)
        }
    }

    /// `=`, `+`, `-`, `@`, tab or carriage return: a spreadsheet may run a cell that starts with one of them.
    static func startsFormula(_ first: UInt8) -> Bool {
        first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D
    }

    static func neutralised(_ text: String) -> String {
        guard let first = text.utf8.first, startsFormula(first) else { return text }
        return "'" + text
    }
}
