import Foundation
import ImpactDomain

/// Points validation's diagnostics about rows read from a sheet at the sheet's cells. Records read from
/// `data.xlsx` keep the path `…/data.xlsx#results` and their row; here the path becomes the workbook's, the
/// column named by `Diagnostic.field` is found in the sheet's header row, and the message names the sheet and
/// cell: `data.xlsx:71:4: error: … (sheet results, cell D71)`.
enum WorkbookLocations {
    static func refine(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let wanted = diagnostics.indices.filter { SheetCSV.split(readerPath: diagnostics[$0].location.path) != nil }
        guard !wanted.isEmpty else { return diagnostics }
        var refined = diagnostics
        var headers: [String: [String: Int]] = [:]
        for index in wanted {
            let location = diagnostics[index].location
            guard let (workbook, sheet) = SheetCSV.split(readerPath: location.path) else { continue }
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

    /// Validation names the table it means by its file (`add it to indicators.csv`); where that table is a sheet
    /// of the workbook (no such CSV file beside it), the words name the sheet.
    static func sheetWording(_ text: String, workbook: String) -> String {
        guard text.contains(".csv") else { return text }
        let folder = PathName.parent(workbook)
        var text = text
        for file in TableForms.tableFiles where text.contains(file) && !FileManager.default.fileExists(atPath: folder + "/" + file) {
            text = text.replacingOccurrences(of: "`\(file)`", with: file).replacingOccurrences(of: file, with: "the `\(file.dropLast(4))` sheet")
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
