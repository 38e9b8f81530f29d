import Foundation
import Testing
@testable import CollectiveSite
@testable import ImpactDomain

/// Every diagnostic about a CSV file names the spreadsheet cell, whose row and column letter are not the text
/// position's line and character offset.
@Suite struct SpreadsheetCellsTests {
    typealias Position = SpreadsheetCells.Position

    @Test func rowsCountRecordsAndBlankLinesNotLineBreaksInsideQuotes() {
        // Line 2 holds a quoted value over two lines (one row); line 4 is blank (a row of its own in Excel).
        let text = "indicator,partner,period,value\nreach,p1,\"2025\nQ1\",12O\n\nreach,ü p2,2025-Q2,x\n"
        let cells = SpreadsheetCells.cells(in: Array(text.utf8), at: [
            Position(line: 3, column: 5), Position(line: 5, column: 7), Position(line: 5, column: 20), Position(line: 1, column: 1),
        ])
        #expect(cells[Position(line: 3, column: 5)] == SpreadsheetCells.Cell(row: 2, column: 3))   // 12O: D2
        #expect(cells[Position(line: 5, column: 7)] == SpreadsheetCells.Cell(row: 4, column: 1))   // ü p2: B4 (characters, not bytes)
        #expect(cells[Position(line: 5, column: 20)] == SpreadsheetCells.Cell(row: 4, column: 3))  // x: D4
        #expect(cells[Position(line: 1, column: 1)] == SpreadsheetCells.Cell(row: 1, column: 0))
    }

    @Test func messagesNameTheCellOrTheWholeRow() throws {
        let folder = TestScratch.folder.appendingPathComponent("cells-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/results.csv"
        try "indicator,partner,period,value\nreach,p1,2025-Q1,12O\nreach,p1,2025-Q2,1,2\n".write(toFile: path, atomically: true, encoding: .utf8)
        let named = SpreadsheetCells.name([
            .error(SourceLocation(path: path, line: 2, column: 18), "`12O` is not a number", hint: "write a number"),
            .error(SourceLocation(path: path, line: 3, column: 1), "expected 4 fields, found 5"),
            .error(SourceLocation(path: folder + "/initiative.md", line: 2, column: 1), "not a table"),
        ])
        #expect(named[0].description.hasSuffix("results.csv:2:18: error: `12O` is not a number (cell D2) (hint: write a number)"))
        #expect(named[1].message == "expected 4 fields, found 5 (row 3)")
        #expect(named[2].message == "not a table")
    }

    /// A cell a short row left out (the reader places it past the row's end) is named as the cell it would be.
    @Test func aCellLeftOutOfAShortRowIsNamed() {
        let text = "indicator,partner,period,value,note\nreach,p1,2025-Q1\nreach,\"p\n2\",2025-Q2\r\nreach,p3"
        let cells = SpreadsheetCells.cells(in: Array(text.utf8), at: [
            Position(line: 2, column: 18), Position(line: 2, column: 19), Position(line: 4, column: 12),
            Position(line: 5, column: 11),
        ])
        #expect(cells[Position(line: 2, column: 18)] == SpreadsheetCells.Cell(row: 2, column: 3))  // value: D2
        #expect(cells[Position(line: 2, column: 19)] == SpreadsheetCells.Cell(row: 2, column: 4))  // note: E2
        #expect(cells[Position(line: 4, column: 12)] == SpreadsheetCells.Cell(row: 3, column: 3))  // after a quoted line break: D3
        #expect(cells[Position(line: 5, column: 11)] == SpreadsheetCells.Cell(row: 4, column: 3))  // last row, no line break: D4
    }
}
