import ImpactDomain

/// Where each table of an initiative comes from: its CSV file (`results.csv`) or the sheet of the same name in
/// `data.xlsx` (`results`). Any table can be in either form, mixed per table; a table in both is an error.
/// A sheet is handed to the table readers as CSV bytes, so both forms share every rule and message; the
/// positions in their diagnostics are then turned into the sheet's cells.
struct TableSources {
    private let files: [String: ContentDirectory.Entry]
    private let content: ContentDirectory
    let workbook: WorkbookReader?
    /// A data.xlsx is there but cannot be read: its tables are not reported missing one by one.
    let workbookUnreadable: Bool

    init(files: [String: ContentDirectory.Entry], content: ContentDirectory, _ diagnostics: inout [Diagnostic]) {
        self.files = files
        self.content = content
        guard let entry = files[WorkbookReader.fileName] else {
            workbook = nil
            workbookUnreadable = false
            return
        }
        let opened = content.read(entry.path, &diagnostics).flatMap { WorkbookReader(bytes: $0, path: entry.path, &diagnostics) }
        workbook = opened
        workbookUnreadable = opened == nil
        guard let opened else { return }
        let tables = (InitiativeLoader.requiredFiles + InitiativeLoader.optionalFiles).filter { $0.hasSuffix(".csv") }
            .map { String($0.dropLast(4)) }
        var seen: [String: String] = [:]
        for sheet in opened.sheets {
            let table = CSVHeader.normalized(sheet.name)
            let here = SourceLocation(path: entry.path)
            if !tables.contains(table) {
                var hint = "a sheet is read when it is named as a table: \(tables.joined(separator: ", "))"
                if let close = closestMatch(to: table, in: tables) { hint = "did you mean `\(close)`? " + hint }
                diagnostics.append(.warning(here, "unknown sheet `\(sheet.name)`; it will be ignored", hint: hint))
            } else if let first = seen[table] {
                diagnostics.append(.error(here, "two sheets hold the `\(table)` table: `\(first)` and `\(sheet.name)`",
                                          hint: "keep one sheet named `\(table)`, and move its rows together"))
            } else {
                seen[table] = sheet.name
                if let csv = files[table + ".csv"] {
                    diagnostics.append(.error(SourceLocation(path: csv.path),
                                              "the `\(table)` table is both in \(table).csv and in the sheet `\(sheet.name)` of \(WorkbookReader.fileName)",
                                              hint: "keep one: delete \(table).csv, or delete the sheet (`collective convert` moves every table from one form to the other)"))
                }
            }
        }
    }

    /// The sheet holding table `name` (`results.csv` → `results`), when there is no CSV file for it.
    private func sheet(for name: String) -> String? {
        guard files[name] == nil, name.hasSuffix(".csv") else { return nil }
        return workbook?.sheetName(for: String(name.dropLast(4)))
    }

    func has(_ name: String) -> Bool { files[name] != nil || sheet(for: name) != nil }

    /// Messages from index `start` on that name a table by its CSV file (`report for 2025-Q3 but results.csv has
    /// no rows`, `a partner in partners.csv`) where this initiative holds that table as a sheet name the sheet of
    /// data.xlsx instead. The workbook's own words about itself (a missing sheet: "there is no results.csv") are
    /// right as they are.
    func nameSheets(_ diagnostics: inout [Diagnostic], from start: Int) {
        guard let workbook, start < diagnostics.count else { return }
        let sheets = TableForms.tableFiles.filter { sheet(for: $0) != nil }
        guard !sheets.isEmpty else { return }
        for index in start..<diagnostics.count where diagnostics[index].location.path != workbook.path {
            diagnostics[index].message = WorkbookLocations.sheetWording(diagnostics[index].message, sheets: sheets, namingWorkbook: true)
            diagnostics[index].hint = diagnostics[index].hint.map {
                WorkbookLocations.sheetWording($0, sheets: sheets, namingWorkbook: true)
            }
        }
    }

    func reportMissing(_ name: String, folder: String, requiredFiles: [String], _ diagnostics: inout [Diagnostic]) {
        if workbookUnreadable, name.hasSuffix(".csv") { return }
        let table = String(name.dropLast(4))
        if let workbook, name.hasSuffix(".csv") {
            let columns = InputTables.initiativeTable(file: name).map { ": " + $0.names.joined(separator: ",") } ?? ""
            diagnostics.append(.error(SourceLocation(path: workbook.path),
                                      "missing the `\(table)` table: \(WorkbookReader.fileName) has no `\(table)` sheet, and there is no \(name)",
                                      hint: "add a sheet named `\(table)` whose first row names its columns\(columns)"))
            return
        }
        let workbookNote = name.hasSuffix(".csv") ? "; the tables may instead be sheets of one \(WorkbookReader.fileName)" : ""
        diagnostics.append(.error(SourceLocation(path: folder + "/" + name), "missing \(name)",
                                  hint: "every initiative folder needs \(requiredFiles.joined(separator: ", "))\(workbookNote)"))
    }

    /// Table `name` read by `parse`, from its CSV file or its sheet; nil when it is in neither or unreadable.
    func read<T: LocatedRecord>(_ name: String, _ parse: ([UInt8], String, inout [Diagnostic]) -> [T],
                                _ diagnostics: inout [Diagnostic]) -> [T]? {
        if let entry = files[name] {
            guard let bytes = content.read(entry.path, &diagnostics) else { return nil }
            return parse(bytes, entry.path, &diagnostics)
        }
        guard let workbook, let sheetName = sheet(for: name), let sheet = workbook.sheet(sheetName, &diagnostics) else { return nil }
        let start = diagnostics.count
        var records = parse(sheet.bytes, sheet.readerPath, &diagnostics)
        sheet.locate(&diagnostics, from: start)
        // Records keep the sheet's path (validation's messages are pointed at cells later, by
        // `DiagnosticColumns`) and their row number.
        if !sheet.segments.isEmpty {
            for index in records.indices { records[index].location.line = sheet.row(ofLine: records[index].location.line) }
        }
        return records
    }
}

/// A record that remembers where it was read.
protocol LocatedRecord {
    var location: SourceLocation { get set }
}

extension Partner: LocatedRecord {}
extension Workstream: LocatedRecord {}
extension Indicator: LocatedRecord {}
extension Observation: LocatedRecord {}
extension PeriodTarget: LocatedRecord {}
extension CollaborationRecord: LocatedRecord {}
extension Outcome: LocatedRecord {}
extension FundingRecord: LocatedRecord {}
extension SpendingRecord: LocatedRecord {}
