import Foundation
import ImpactDomain

/// Names the spreadsheet cell of every diagnostic about a CSV file: `results.csv:71:34: error: … (cell D71)`.
/// The position is for text editors (line, and characters along it); people who keep the tables in Excel or
/// LibreOffice look for the cell, whose row differs from the line after a value with a line break in it, and whose
/// column letter is not the character offset. Done once, for every message, when a build's diagnostics are final.
enum SpreadsheetCells {
    static func name(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        // A position of 1:1 naming no column is about the file as a whole (empty, in two forms, …), not a cell.
        let wanted = diagnostics.indices.filter { index in
            let diagnostic = diagnostics[index]
            return diagnostic.location.path.hasSuffix(".csv")
                && (diagnostic.location.line > 1 || diagnostic.location.column > 1 || diagnostic.field != nil)
        }
        guard !wanted.isEmpty else { return diagnostics }
        var named = diagnostics
        for (path, indices) in Dictionary(grouping: wanted, by: { diagnostics[$0].location.path }) {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let positions = Set(indices.map { Position(line: diagnostics[$0].location.line, column: diagnostics[$0].location.column) })
            let cells = self.cells(in: [UInt8](data), at: positions)
            for index in indices {
                let location = diagnostics[index].location
                guard let cell = cells[Position(line: location.line, column: location.column)] else { continue }
                named[index].message += " (\(cell.label(wholeRow: location.column == 1 && diagnostics[index].field == nil)))"
            }
        }
        return named
    }

    struct Position: Hashable {
        var line: Int
        var column: Int
    }

    struct Cell: Hashable {
        /// 1-based spreadsheet row (blank lines are rows too; a quoted value's line breaks are not).
        var row: Int
        /// 0-based field index.
        var column: Int

        /// `cell D71`, or `row 71` for a problem with the row as a whole (its position is the row's start and it
        /// names no column).
        func label(wholeRow: Bool) -> String {
            wholeRow ? "row \(row)" : "cell \(SheetCSV.cellName(row: row, column: column))"
        }
    }

    /// The cell at each wanted (line, character column) position of a CSV file, found by one pass over its bytes
    /// that follows quotes as the reader does (so a malformed row, which the reader skips, is still located).
    static func cells(in bytes: [UInt8], at wanted: Set<Position>) -> [Position: Cell] {
        guard let lastLine = wanted.map(\.line).max() else { return [:] }
        var found: [Position: Cell] = [:]
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1, column = 1, row = 1, field = 0
        var inQuotes = false, atFieldStart = true
        func note() {
            let position = Position(line: line, column: column)
            if wanted.contains(position), found[position] == nil { found[position] = Cell(row: row, column: field) }
        }
        // At a row's end: the cells a short row left out, placed past its end as the reader places them
        // (`CSVField.missing`): column +1 is the next field, +2 the one after.
        func noteMissing() {
            for position in wanted where position.line == line && position.column > column && found[position] == nil {
                found[position] = Cell(row: row, column: field + position.column - column)
            }
        }
        while i < bytes.count, line <= lastLine {
            note()
            let byte = bytes[i]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if !inQuotes { noteMissing() }
                let crlf = byte == UInt8(ascii: "\r") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n")
                i += crlf ? 2 : 1
                line += 1
                column = 1
                if !inQuotes { row += 1; field = 0; atFieldStart = true }
                continue
            }
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") { i += 2; column += 2; continue }
                    inQuotes = false
                }
            } else if byte == UInt8(ascii: ",") {
                field += 1
                atFieldStart = true
                i += 1; column += 1
                continue
            } else if byte == UInt8(ascii: "\""), atFieldStart {
                inQuotes = true
            }
            atFieldStart = false
            if byte & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        note()
        if !inQuotes { noteMissing() }
        return found
    }
}
