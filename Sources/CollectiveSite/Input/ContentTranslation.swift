import ImpactDomain

/// One language's translation of the texts a backbone writes, read from files beside the originals:
/// `initiative.<lang>.md` (front-matter texts and the agenda) and overlays `<table>.<lang>.csv` holding `id` and
/// translated text columns only. Ids, choices and figures are never translated: they stay in the original files.
public struct ContentTranslation: Hashable, Sendable {
    public var language: String
    /// Front-matter texts of `initiative.<lang>.md`, by key (`common_goal`).
    public var frontMatter: [String: String] = [:]
    /// The agenda (body of `initiative.<lang>.md`), when it has one.
    public var agenda: Narrative?
    /// Overlay cells: table (`indicators`) → id → column → text. Empty cells are left out (not translated yet).
    public var cells: [String: [String: [String: String]]] = [:]

    public init(language: String) { self.language = language }

    /// The translation of one text, or nil while it has none.
    public func text(_ key: TextKey) -> String? {
        switch key {
        case .frontMatter(let field): frontMatter[field]
        case .agenda: agenda?.html
        case .cell(let table, let id, let column): cells[table]?[id]?[column]
        case .report: nil
        }
    }
}

/// Which text of an initiative: a front-matter field, the agenda, one cell of a table, or a report narrative.
public enum TextKey: Hashable, Sendable {
    case frontMatter(String)
    case agenda
    case cell(table: String, id: String, column: String)
    case report(Period)
}

extension TextKey {
    /// The text of `column` in the row `id` of the column's table.
    static func cell<Column: TableColumn>(_ column: Column, id: String) -> TextKey {
        .cell(table: Column.table, id: id, column: column.name)
    }
}

/// A text in the initiative's own language, where it is written.
public struct SourceText: Hashable, Sendable {
    public var key: TextKey
    public var text: String
    public var location: SourceLocation
}

/// What may be translated, in one place: the loader checks overlays against it, pages apply it, and
/// `collective check --translations` lists what is left.
public enum Translatable {
    public static let frontMatter = ["name", "meaning", "country", "primary_actor", "common_goal"]
    /// Overlay files and their translatable columns; every other column of the table is an id, a choice or a figure.
    public static let columns: [(table: String, columns: [String])] = [
        texts(PartnerColumn.name, .kind),
        texts(WorkstreamColumn.name, .goal),
        texts(IndicatorColumn.name, .unit, .description),
        texts(OutcomeColumn.title, .description, .evidence),
    ]
    static var tables: [String] { columns.map(\.table) }
    /// The column of an overlay that names the row it translates: the `id` column every translatable table has.
    static let idColumn = PartnerColumn.id.name

    private static func texts<Column: TableColumn>(_ columns: Column...) -> (table: String, columns: [String]) {
        (Column.table, columns.map(\.name))
    }

    /// A text worth translating: it has a letter in it (`%`, `—` and empty cells are not).
    static func needsTranslation(_ text: String) -> Bool { text.unicodeScalars.contains { $0.properties.isAlphabetic } }
}

extension InitiativeContent {
    /// Every text of the initiative a translator could translate, in file order.
    public var sourceTexts: [SourceText] {
        var texts: [SourceText] = []
        let initiative = self.initiative
        let fields: [(String, String)] = [("name", initiative.name), ("meaning", initiative.meaning),
                                           ("country", initiative.country), ("primary_actor", initiative.primaryActor),
                                           ("common_goal", initiative.commonGoal)]
        for (field, text) in fields {
            texts.append(SourceText(key: .frontMatter(field), text: text,
                                    location: frontMatterLocations[field] ?? initiative.location))
        }
        texts.append(SourceText(key: .agenda, text: agenda.plainSummary,
                                location: SourceLocation(path: agenda.path, line: agendaLine)))
        func cells<Column: TableColumn>(_ id: String, _ location: SourceLocation, _ values: [(Column, String)]) {
            for (column, text) in values {
                texts.append(SourceText(key: .cell(column, id: id), text: text, location: location))
            }
        }
        for partner in initiative.partners {
            cells(partner.id, partner.location, [(PartnerColumn.name, partner.name), (.kind, partner.kind)])
        }
        for workstream in initiative.workstreams {
            cells(workstream.id, workstream.location, [(WorkstreamColumn.name, workstream.name), (.goal, workstream.goal)])
        }
        for indicator in initiative.indicators {
            // A percentage's or an amount's unit is not shown as a word (the value says `%` or the currency).
            let unitShown = indicator.measure == .count || indicator.measure == .score
            cells(indicator.id, indicator.location,
                  [(IndicatorColumn.name, indicator.name)] + (unitShown ? [(.unit, indicator.unit)] : [])
                    + [(.description, indicator.description)])
        }
        for outcome in initiative.outcomes {
            cells(outcome.id, outcome.location,
                  [(OutcomeColumn.title, outcome.title), (.description, outcome.description), (.evidence, outcome.evidence)])
        }
        return texts.filter { Translatable.needsTranslation($0.text) }
    }

    /// The texts still without a translation into `language`, with where they are written: front matter, agenda,
    /// table cells, and reports that have no `<period>.<language>.md`.
    public func untranslated(_ language: String, siteLanguage: String) -> [SourceText] {
        let translation = translations[language]
        var left = sourceTexts.filter { translation?.text($0.key)?.isEmpty ?? true }
        let translated = Set(reports.filter { $0.language == language }.map(\.period))
        for report in reports where report.language == siteLanguage && !translated.contains(report.period) {
            left.append(SourceText(key: .report(report.period), text: report.title,
                                   location: SourceLocation(path: report.narrative.path, line: 1)))
        }
        return left
    }
}

/// Reads the translation files of one initiative folder.
enum TranslationLoader {
    /// `initiative.bn.md` → ("initiative", "bn", "md"); nil for a name that is not a translation file.
    static func parse(fileName: String) -> (base: String, language: String, ext: String)? {
        let parts = fileName.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, NarrativeLoader.isLanguageCode(parts[1]) else { return nil }
        let base = parts[0], ext = parts[2]
        guard (base == "initiative" && ext == "md") || (Translatable.tables.contains(base) && ext == "csv") else { return nil }
        return (base, parts[1], ext)
    }

    /// The front matter and agenda of `initiative.<lang>.md`. Only text fields may be translated.
    static func frontMatter(_ bytes: [UInt8], path: String, into translation: inout ContentTranslation,
                            allowRawHTML: Bool, images: NarrativeImages?, _ diagnostics: inout [Diagnostic]) {
        let (agenda, fields) = NarrativeLoader.narrative(bytes, path: path, allowRawHTML: allowRawHTML, images: images,
                                                         in: "", &diagnostics)
        let here = SourceLocation(path: path)
        for key in fields.keys where !Translatable.frontMatter.contains(key) {
            let location = fields.location(of: key) ?? here
            if InitiativeLoader.frontMatterKeys.contains(key) {
                diagnostics.append(.error(location, "`\(key)` cannot be translated",
                                          hint: "a translation holds only texts (\(Translatable.frontMatter.joined(separator: ", "))); `\(key)` stays in initiative.md"))
            } else {
                var hint = "translatable fields: \(Translatable.frontMatter.joined(separator: ", "))"
                if let close = closestMatch(to: key, in: Translatable.frontMatter) { hint = "did you mean `\(close)`?" }
                diagnostics.append(.error(location, "initiative.md has no field `\(key)` to translate", hint: hint))
            }
        }
        for key in Translatable.frontMatter {
            if let text = fields.text(key, at: here, &diagnostics), !text.isEmpty { translation.frontMatter[key] = text }
        }
        if !agenda.html.isEmpty { translation.agenda = agenda }
    }

    /// An overlay `<table>.<lang>.csv`: `id`, then translated text columns of `<table>.csv`. A column that is not
    /// translatable, or that the table does not have, and a row whose id is not in the table, are errors.
    static func overlay(_ bytes: [UInt8], path: String, table: String, ids: Set<String>?,
                        into translation: inout ContentTranslation, _ diagnostics: inout [Diagnostic]) {
        let translatable = Translatable.columns.first { $0.table == table }?.columns ?? []
        let original = InputTables.initiativeTable(file: table + ".csv")?.names ?? []
        let idName = Translatable.idColumn
        var reader = CSVReader(bytes: bytes, path: path,
                               emptyFileHint: "the first line must be the header: \(([idName] + translatable).joined(separator: ","))")
        guard reader.next() else { diagnostics += reader.diagnostics; return }
        let written = reader.fields.map { CSVHeader.normalized(reader.string(of: $0)) }
        // Every written name is "known" to the header reader; which of them may be translated is decided here.
        let header = CSVHeader(reader: reader, required: [idName], optional: written.filter { $0 != idName && !$0.isEmpty })
        diagnostics += header.diagnostics
        guard header.isUsable else { diagnostics += reader.diagnostics; return }
        var columns: [(name: String, index: Int)] = []
        for (index, field) in reader.fields.enumerated() where written[index] != idName && !written[index].isEmpty {
            let name = written[index]
            let location = reader.location(of: field)
            if translatable.contains(name) {
                if header[name] == index { columns.append((name, index)) }
            } else if original.contains(name) {
                diagnostics.append(.error(location, "column `\(name)` of \(table).csv cannot be translated",
                                          hint: "ids, choices and figures stay in \(table).csv; a translation holds `\(idName)` and \(translatable.map { "`\($0)`" }.joined(separator: ", "))"))
            } else {
                var hint = "\(table).csv has the translatable columns \(translatable.map { "`\($0)`" }.joined(separator: ", "))"
                if let close = closestMatch(to: name, in: translatable) { hint = "did you mean `\(close)`? " + hint }
                diagnostics.append(.error(location, "\(table).csv has no column `\(name)` to translate", hint: hint))
            }
        }
        let idColumn = CSVColumn(name: idName, index: header[idName])
        var seen: Set<String> = []
        while reader.next() {
            guard let id = reader.id(idColumn, idName, &diagnostics) else { continue }
            if let ids, !ids.contains(id) {
                var hint = "an overlay row translates the row of \(table).csv with the same id"
                if let close = closestMatch(to: id, in: Array(ids)) { hint = "did you mean `\(close)`? " + hint }
                diagnostics.append(reader.cellError(idColumn, "\(table).csv has no row with id `\(id)`", hint: hint))
                continue
            }
            guard seen.insert(id).inserted else {
                diagnostics.append(reader.cellError(idColumn, "`\(id)` is translated twice in this file",
                                          hint: "keep one row per id"))
                continue
            }
            for column in columns {
                let text = reader.text(column.index)
                if !text.isEmpty { translation.cells[table, default: [:]][id, default: [:]][column.name] = text }
            }
        }
        diagnostics += reader.diagnostics
    }
}
