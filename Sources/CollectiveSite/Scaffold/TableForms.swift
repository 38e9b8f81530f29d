import Foundation
import ImpactDomain

/// The two forms an initiative's tables can take: CSV files, or sheets of one `data.xlsx`.
public enum TableForm: String, Sendable, CaseIterable {
    case workbook, csv
}

/// `collective convert SLUG --to workbook|csv`: moves every table of an initiative into the other form without
/// losing a value. Values move as text: what the CSV file says is what the sheet's cell gives back, and the
/// other way round, so a round trip gives the same tables. Nothing is changed when anything would be lost:
/// a CSV row the reader cannot read, a sheet that is not a table, a formula without a saved result.
public enum TableForms {
    public struct Outcome: Sendable, Equatable {
        /// Files written and files removed, relative to the initiative folder.
        public var written: [String]
        public var removed: [String]
    }

    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var reason: String
        public var diagnostics: [Diagnostic] = []
        public var description: String { reason }
    }

    /// The table files an initiative folder may hold, in the order sheets are written.
    static var tableFiles: [String] {
        (InitiativeLoader.requiredFiles + InitiativeLoader.optionalFiles).filter { $0.hasSuffix(".csv") }
    }

    /// The starter tables of `collective new initiative` as a workbook: every table's sheet, with the starter
    /// rows of the CSV form, and every column the table accepts (each with its note).
    static func starterWorkbook(_ csvFiles: [String: String]) throws -> [UInt8] {
        try WorkbookWriter.xlsx(tableFiles.compactMap { file in
            let columns = InputTables.initiativeTable(file: file)?.names ?? []
            guard let text = csvFiles[file] ?? (columns.isEmpty ? nil : columns.joined(separator: ",") + "\n") else { return nil }
            var rows = WorkbookWriter.rows(Array(text.utf8))
            let header = rows.first ?? []
            let missing = columns.filter { !header.contains($0) }
            rows = rows.enumerated().map { index, row in row + (index == 0 ? missing : missing.map { _ in "" }) }
            let csv = rows.map { $0.map(csvField).joined(separator: ",") + "\n" }.joined()
            return WorkbookTable(name: String(file.dropLast(4)), csv: Array(csv.utf8))
        })
    }

    private static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    public static func convert(folder: String, to form: TableForm) throws(Refusal) -> Outcome {
        let fm = FileManager.default
        let workbookPath = folder + "/" + WorkbookReader.fileName
        var tables: [(file: String, csv: [UInt8])] = []
        var fromWorkbook: [String] = []
        var problems: [Diagnostic] = []

        if let data = fm.contents(atPath: workbookPath) {
            guard let workbook = WorkbookReader(bytes: [UInt8](data), path: workbookPath, &problems) else {
                throw Refusal(reason: "\(workbookPath) cannot be read; nothing was changed", diagnostics: problems)
            }
            let known = Set(tableFiles.map { String($0.dropLast(4)) })
            let others = workbook.sheets.map(\.name).filter { !known.contains(CSVHeader.normalized($0)) }
            if !others.isEmpty {
                throw Refusal(reason: "\(workbookPath) has sheets that are not tables (\(others.joined(separator: ", "))): move them to another workbook first, or they would be lost; nothing was changed")
            }
            for file in tableFiles {
                guard let sheet = workbook.sheetName(for: String(file.dropLast(4))) else { continue }
                if fm.fileExists(atPath: folder + "/" + file) {
                    throw Refusal(reason: "the `\(file.dropLast(4))` table is both in \(file) and in \(WorkbookReader.fileName): keep one, then convert; nothing was changed")
                }
                let errorsBefore = problems.errorCount
                guard let csv = workbook.sheet(sheet, &problems), problems.errorCount == errorsBefore else { continue }
                tables.append((file, compact(csv.bytes)))
                fromWorkbook.append(file)
            }
        }
        for file in tableFiles where !fromWorkbook.contains(file) {
            guard let data = fm.contents(atPath: folder + "/" + file) else { continue }
            let bytes = [UInt8](data)
            var reader = CSVReader(bytes: bytes, path: folder + "/" + file)
            while reader.next() {}
            // A record the reader skips (an unterminated quote, a ragged row) would not reach the other form.
            problems += reader.diagnostics.filter { $0.severity == .error && $0.message != "empty file" }
            tables.append((file, bytes))
        }
        if problems.hasErrors {
            throw Refusal(reason: "some values cannot be read, so they would be lost; fix these first, nothing was changed", diagnostics: problems)
        }
        tables.sort { tableFiles.firstIndex(of: $0.file)! < tableFiles.firstIndex(of: $1.file)! }

        var outcome = Outcome(written: [], removed: [])
        do {
            switch form {
            case .workbook:
                guard tables.contains(where: { !fromWorkbook.contains($0.file) }) else { return outcome }
                try WorkbookWriter.write(tables.map { WorkbookTable(name: String($0.file.dropLast(4)), csv: $0.csv) }, to: workbookPath)
                outcome.written = [WorkbookReader.fileName]
                for table in tables where !fromWorkbook.contains(table.file) {
                    try fm.removeItem(atPath: folder + "/" + table.file)
                    outcome.removed.append(table.file)
                }
            case .csv:
                guard !fromWorkbook.isEmpty else { return outcome }
                for table in tables where fromWorkbook.contains(table.file) {
                    let path = folder + "/" + table.file
                    try Data(table.csv).write(to: URL(fileURLWithPath: path), options: .atomic)
                    outcome.written.append(table.file)
                }
                try fm.removeItem(atPath: workbookPath)
                outcome.removed = [WorkbookReader.fileName]
            }
        } catch {
            throw Refusal(reason: "could not write the tables: \(error)")
        }
        return outcome
    }

    /// A sheet's CSV without the blank lines that keep its rows on their row numbers: one line per record.
    static func compact(_ csv: [UInt8]) -> [UInt8] {
        var reader = CSVReader(bytes: csv, path: "")
        var out: [UInt8] = []
        out.reserveCapacity(csv.count)
        while reader.next() {
            guard let first = reader.fields.first, let last = reader.fields.last else { continue }
            out.append(contentsOf: csv[first.firstByte..<(last.end + (last.quoted ? 1 : 0))])
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }
}

/// The workbook an initiative's tables may live in.
public enum WorkbookTables {
    public static let fileName = "data.xlsx"
}
