import Foundation
import ImpactDomain

/// Points validation's diagnostics about rows read from a sheet at the sheet's cells. Records read from
/// `data.xlsx` keep the path `…/data.xlsx#results` and their row; here the path becomes the workbook's, the
/// column named by `Diagnostic.field` is found in the sheet's header row, and the message names the sheet and
/// cell: `data.xlsx:71:4: error: … (sheet results, cell D71)`.
enum WorkbookLocations {
    static func refine(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var refined = diagnostics
        var headers: [String: [String: Int]] = [:]
        var workbooks: [String: String?] = [:]
        for index in diagnostics.indices {
            let location = diagnostics[index].location
            guard let (workbook, sheet) = SheetCSV.split(readerPath: location.path) else {
                // A problem elsewhere in an initiative whose tables are sheets (at initiative.md: "add it to
                // partners.csv") names the sheets too.
                guard mentionsTables(diagnostics[index]), let workbook = workbook(near: location.path, cache: &workbooks) else { continue }
                refined[index].message = sheetWording(refined[index].message, workbook: workbook, namingWorkbook: true)
                refined[index].hint = refined[index].hint.map { sheetWording($0, workbook: workbook, namingWorkbook: true) }
                continue
            }
            var column: Int?
            if let field = diagnostics[index].field {
                if headers[location.path] == nil { headers[location.path] = header(workbook: workbook, sheet: sheet) }
                column = headers[location.path]?[field]
            }
            refined[index].location = SheetCSV.location(workbook, row: location.line, column: column ?? 0)
            refined[index].message = sheetWording(refined[index].message, workbook: workbook)
                + (column.map { SheetCSV.cellSuffix(sheet, row: location.line, column: $0) } ?? SheetCSV.rowSuffix(sheet, row: location.line))
            refined[index].hint = refined[index].hint.map { sheetWording($0, workbook: workbook) }
        }
        return refined
    }

    private static func mentionsTables(_ diagnostic: Diagnostic) -> Bool {
        diagnostic.message.contains(".csv") || diagnostic.message.contains(".xlsx#")
            || diagnostic.hint.map { $0.contains(".csv") || $0.contains(".xlsx#") } == true
    }

    /// The data.xlsx of the initiative folder holding `path` (initiative.md, reports/2025-Q3.md), if it has one.
    /// Diagnostics located in the workbook itself word its tables already.
    private static func workbook(near path: String, cache: inout [String: String?]) -> String? {
        guard !path.hasSuffix("/" + WorkbookReader.fileName) else { return nil }
        var folder = PathName.parent(path)
        for _ in 0..<2 {
            if let known = cache[folder] {
                if let known { return known }
            } else {
                let candidate = folder + "/" + WorkbookReader.fileName
                let found = FileManager.default.fileExists(atPath: candidate) ? candidate : nil
                cache[folder] = .some(found)
                if let found { return found }
            }
            folder = PathName.parent(folder)
        }
        return nil
    }

    /// Validation names the table it means by its file (`add it to indicators.csv`); where that table is a sheet
    /// of the workbook (no such CSV file beside it), the words name the sheet.
    static func sheetWording(_ text: String, workbook: String, namingWorkbook: Bool = false) -> String {
        guard text.contains(".csv") || text.contains(".xlsx#") else { return text }
        let folder = PathName.parent(workbook)
        let sheets = TableForms.tableFiles.filter { text.contains($0) && !FileManager.default.fileExists(atPath: folder + "/" + $0) }
        return sheetWording(text, sheets: sheets, namingWorkbook: namingWorkbook)
    }

    /// `results.csv` → the `results` sheet (of data.xlsx, when `namingWorkbook`), for each table of `sheets`;
    /// and a quoted position in a sheet (`…/data.xlsx#indicators:2:1`, as validation quotes "the first is at …")
    /// → `…/data.xlsx (sheet indicators, row 2)`. What the user wrote, quoted in backticks (a link
    /// `indicators.csv#reach`), stays as written; a file name quoted alone (`results.csv`) is reworded.
    static func sheetWording(_ text: String, sheets: [String], namingWorkbook: Bool) -> String {
        let suffix = namingWorkbook ? " of \(WorkbookReader.fileName)" : ""
        let spans = text.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        var result = ""
        var unquoted = false
        for (index, written) in spans.enumerated() {
            let quoted = index % 2 == 1 && index < spans.count - 1
            // A file name quoted alone loses its quotes: the words that replace it quote the table's name.
            let alone = quoted && sheets.contains(written)
            if index > 0, !alone, !unquoted { result += "`" }
            unquoted = alone
            if quoted, !alone { result += written; continue }
            var span = written
            for file in sheets where span.contains(file) {
                span = span.replacingOccurrences(of: file, with: "the \u{60}\(file.dropLast(4))\u{60} sheet\(suffix)")
            }
            result += quoted ? span : sheetPositions(span)
        }
        return result
    }

    /// `…/data.xlsx#indicators:2:1` → `…/data.xlsx (sheet indicators, row 2)`.
    private static func sheetPositions(_ text: String) -> String {
        var text = text
        while let marker = text.range(of: ".xlsx#") {
            var end = marker.upperBound
            while end < text.endIndex, !text[end].isWhitespace, text[end] != ":" { end = text.index(after: end) }
            let sheet = String(text[marker.upperBound..<end])
            var numbers: [Int] = []
            var cursor = end
            while numbers.count < 2, cursor < text.endIndex, text[cursor] == ":" {
                let start = text.index(after: cursor)
                var stop = start
                while stop < text.endIndex, text[stop].isASCII, text[stop].isNumber { stop = text.index(after: stop) }
                guard let number = Int(text[start..<stop]) else { break }
                numbers.append(number)
                cursor = stop
            }
            let row = numbers.first.map { ", row \($0)" } ?? ""
            text.replaceSubrange(marker.lowerBound..<cursor, with: ".xlsx (sheet \(sheet)\(row))")
        }
        return text
    }

    /// Column name (as the loader matches it) → 0-based column of a sheet's header row.
    static func header(workbook path: String, sheet: String) -> [String: Int] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        var ignored: [Diagnostic] = []
        guard let workbook = WorkbookReader(bytes: [UInt8](data), path: path, &ignored),
              let csv = workbook.sheet(sheet, headerOnly: true, &ignored) else { return [:] }
        var reader = CSVReader(bytes: csv.bytes, path: path)
        guard reader.next() else { return [:] }
        var columns: [String: Int] = [:]
        for index in reader.fields.indices {
            let name = CSVHeader.normalized(reader.string(index))
            if columns[name] == nil { columns[name] = index }
        }
        return columns
    }
}
