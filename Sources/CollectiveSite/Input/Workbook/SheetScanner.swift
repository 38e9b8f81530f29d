import Foundation
import ImpactDomain

/// Turns a worksheet's XML, fed in inflated chunks, into CSV bytes: one CSV line per sheet row, written on the
/// row's own line number (empty rows become blank lines, which the CSV reader skips), each row as wide as the
/// header row. The table readers then read it as they read a `.csv` file, and `SheetCSV.locate` turns their
/// positions back into sheet cells.
///
/// Cells are typed: a number cell is written as a plain decimal (never `1.2E+06`, never a thousands separator),
/// a formula cell as its saved result, a date cell as `YYYY-MM-DD` (in a period column, as the day number
/// Excel shows once the column is formatted as Text, so the period reader's spreadsheet hint applies), a
/// percentage cell as `35%` (its stored fraction 0.35 would otherwise be read as 0.35 %).
struct SheetScanner {
    let sheet: String
    let path: String
    private let strings: SharedStrings
    private let styles: [CellStyle]
    private let date1904: Bool

    private var pending: [UInt8] = []
    /// Set once the sheet's data has ended (or, with `headerOnly`, its header row has been read).
    private(set) var done = false
    /// Read the header row and stop: enough to name the column of a problem found later.
    var headerOnly = false
    private(set) var csv: [UInt8] = []
    private var diagnostics: [Diagnostic] = []
    /// Cells the scanner has reported itself: the readers' words about the same cell would only repeat them.
    private var reportedCells: [SheetCSV.Cell] = []

    // The row being read: its number and its cells' CSV fields (column, range in `rowBytes`).
    private var rowNumber = 0
    private var lastColumn = -1
    private var rowBytes: [UInt8] = []
    private var rowCells: [(column: Int, start: Int, end: Int)] = []

    // After the header row: how many columns the table has, and which hold periods.
    private var width: Int?
    private var periodColumns: [Bool] = []
    /// The CSV line the next row will start on, and where rows and lines stopped matching.
    private var csvLine = 1
    private var segments: [SheetCSV.Segment] = []
    /// After `</sheetData>`: the sheet's merged cells (`<mergeCell ref="A2:A3"/>`) follow it.
    private var afterData = false
    private var merged: [String] = []
    /// Whether the row being read is hidden (`<row hidden="1">`: hidden by hand, or by a filter), and the hidden
    /// rows that hold values.
    private var rowHidden = false
    private var hiddenRows: [Int] = []
    /// Hidden columns (`<col min max hidden="1">`, before the data), and those of them that hold a value below the
    /// header row.
    private var hiddenColumns: [ClosedRange<Int>] = []
    private var hiddenColumnsUsed: Set<Int> = []

    init(sheet: String, path: String, strings: SharedStrings, styles: [CellStyle], date1904: Bool, expectedBytes: Int) {
        self.sheet = sheet
        self.path = path
        self.strings = strings
        self.styles = styles
        self.date1904 = date1904
        // The CSV is about a fifth of the sheet's XML.
        csv.reserveCapacity(max(1024, expectedBytes / 4))
    }

    /// Columns whose values are periods: a date typed there is the spreadsheet's doing, not the user's.
    static func isPeriodColumn(_ name: String) -> Bool {
        name == "period" || name.hasSuffix("_period") || name == "joined" || name == "left"
    }

    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard !done else { return }
        // The shared strings and styles are looked up through pointers taken once per chunk, not per cell.
        let strings = self.strings, styles = self.styles
        strings.withBuffers { text, ends in
            styles.withUnsafeBufferPointer { styles in
                let lookups = Lookups(text: text, ends: ends, styles: styles)
                if pending.isEmpty {
                    let used = scan(chunk, lookups)
                    if used < chunk.count { pending.append(contentsOf: chunk[used...]) }
                } else {
                    var buffer: [UInt8] = []
                    swap(&buffer, &pending)
                    buffer.append(contentsOf: chunk)
                    let used = buffer.withUnsafeBufferPointer { scan($0, lookups) }
                    buffer.removeFirst(used)
                    pending = buffer
                }
            }
        }
    }

    mutating func finish(_ diagnostics: inout [Diagnostic]) -> SheetCSV {
        diagnostics += self.diagnostics
        // A hidden row is read like any other: someone who hid it so that it would not count, or a filter that
        // hides rows, would not see that it does.
        if let first = hiddenRows.first {
            let listed = hiddenRows.prefix(5).map(String.init).joined(separator: ", ") + (hiddenRows.count > 5 ? " and \(hiddenRows.count - 5) more" : "")
            diagnostics.append(.warning(SheetCSV.location(path, row: first, column: 0),
                                        "row\(hiddenRows.count == 1 ? "" : "s") \(listed) \(hiddenRows.count == 1 ? "is" : "are") hidden in the workbook, but read like the others"
                                        + SheetCSV.rowSuffix(sheet, row: first),
                                        hint: "unhide \(hiddenRows.count == 1 ? "it" : "them") (or clear the filter) and check what \(hiddenRows.count == 1 ? "it holds" : "they hold"); delete a row that must not count"))
        }
        if let first = hiddenColumnsUsed.min() {
            let names = hiddenColumnsUsed.sorted().map(SheetCSV.columnName).joined(separator: ", ")
            diagnostics.append(.warning(SheetCSV.location(path, row: 1, column: first),
                                        "column\(hiddenColumnsUsed.count == 1 ? "" : "s") \(names) \(hiddenColumnsUsed.count == 1 ? "is" : "are") hidden in the workbook, but read like the others"
                                        + SheetCSV.cellSuffix(sheet, row: 1, column: first),
                                        hint: "unhide \(hiddenColumnsUsed.count == 1 ? "it" : "them") and check what \(hiddenColumnsUsed.count == 1 ? "it holds" : "they hold"); delete a column that must not be published"))
        }
        // A merged range keeps its value in its first cell only: the rows below it (or the columns right of it)
        // read as empty, which the readers report as an empty cell, or take as empty where a cell may be.
        for ref in merged {
            let corners = ref.split(separator: ":")
            guard corners.count == 2, let first = SheetCSV.cell(named: corners[0]), let last = SheetCSV.cell(named: corners[1])
            else { continue }
            diagnostics.append(.warning(SheetCSV.location(path, row: first.row, column: first.column),
                                        "cells \(ref) are merged: only \(corners[0]) holds the value, and the other cells read as empty"
                                        + SheetCSV.cellSuffix(sheet, row: first.row, column: first.column),
                                        hint: "unmerge them (in Excel: Home → Merge & Center → Unmerge Cells; in LibreOffice: Format → Merge and Unmerge Cells → Split Cells) and write the value into each of \(SheetCSV.cellName(row: first.row, column: first.column))–\(SheetCSV.cellName(row: last.row, column: last.column))"))
        }
        return SheetCSV(sheet: sheet, workbookPath: path, bytes: csv, segments: segments, reportedCells: Set(reportedCells))
    }

    /// Reads every complete element of `p`; returns how many bytes were used (the rest waits for more).
    private struct Lookups {
        var text: UnsafeBufferPointer<UInt8>
        var ends: UnsafeBufferPointer<Int>
        var styles: UnsafeBufferPointer<CellStyle>

        func string(_ index: Int) -> UnsafeBufferPointer<UInt8>? {
            guard index >= 0, index < ends.count else { return nil }
            return UnsafeBufferPointer(rebasing: text[(index == 0 ? 0 : ends[index - 1])..<ends[index]])
        }
    }

    private mutating func scan(_ p: UnsafeBufferPointer<UInt8>, _ lookups: Lookups) -> Int {
        var i = 0
        while let lt = XMLBytes.nextTag(p, from: i) {
            guard let tag = XMLBytes.tag(p, at: lt) else { return lt }
            if tag.isClosing {
                if XMLBytes.name(p, tag, is: "row") {
                    finishRow()
                    if done { return p.count }  // the header row, when only it is wanted
                } else if XMLBytes.name(p, tag, is: "sheetData") {
                    // The merged cells come after the data; a scan for the header alone need not wait for them.
                    if headerOnly { done = true; return p.count }
                    afterData = true
                }
                i = tag.end
            } else if !afterData, XMLBytes.name(p, tag, is: "col"), XMLBytes.attributeText(p, tag, "hidden").map({ $0 == "1" || $0 == "true" }) == true,
                      let min = XMLBytes.attributeInt(p, tag, "min"), let max = XMLBytes.attributeInt(p, tag, "max"), min >= 1, max >= min {
                hiddenColumns.append((min - 1)...(max - 1))
                i = tag.end
            } else if afterData {
                if XMLBytes.name(p, tag, is: "mergeCell"), let ref = XMLBytes.attributeText(p, tag, "ref") { merged.append(ref) }
                i = tag.end
            } else if XMLBytes.name(p, tag, is: "c") {
                if tag.isEmpty {
                    // A formatted but empty cell: nothing to read, but it still counts for cells without `r`.
                    lastColumn = Self.column(p, tag) ?? lastColumn + 1
                    i = tag.end
                    continue
                }
                guard let after = cell(p, tag, lookups) else { return lt }
                i = after
            } else if XMLBytes.name(p, tag, is: "row") {
                rowNumber = XMLBytes.attributeInt(p, tag, "r") ?? rowNumber + 1
                rowHidden = XMLBytes.attribute(p, tag, "hidden").map { $0.count == 1 && p[$0.lowerBound] == UInt8(ascii: "1")
                    || $0.count == 4 && p[$0.lowerBound] == UInt8(ascii: "t") } ?? false
                lastColumn = -1
                rowBytes.removeAll(keepingCapacity: true)
                rowCells.removeAll(keepingCapacity: true)
                if tag.isEmpty { finishRow() }
                i = tag.end
            } else {
                i = tag.end
            }
        }
        return p.count
    }

    /// A cell's `r` (as a 0-based column), `t` and `s`, in one pass over its attributes (a million-row sheet has
    /// millions of cells). `t`: s (shared string), str (written `S` here: a formula's text), inlineStr, b
    /// (boolean), e (error), d (ISO date), n or none (a number).
    private static func cellAttributes(_ p: UnsafeBufferPointer<UInt8>, _ tag: XMLBytes.Tag) -> (column: Int?, type: UInt8, style: Int?) {
        var column: Int?, type = UInt8(ascii: "n"), style: Int?
        var i = tag.nameEnd
        let end = tag.attributesEnd
        while i < end {
            while i < end, XMLBytes.isSpace(p[i]) { i += 1 }
            guard i < end else { break }
            let name = p[i]
            let nameLength = { () -> Int in var k = i; while k < end, p[k] != XMLBytes.equals { k += 1 }; return k - i }()
            i += nameLength + 1
            guard i < end, p[i] == XMLBytes.doubleQuote || p[i] == XMLBytes.singleQuote else { break }
            let quote = p[i]
            let valueStart = i + 1
            i = valueStart
            while i < end, p[i] != quote { i += 1 }
            let value = valueStart..<i
            i += 1
            guard nameLength == 1 else { continue }
            switch name {
            case UInt8(ascii: "r"):
                var letters = 0
                var k = value.lowerBound
                while k < value.upperBound, p[k] >= 65, p[k] <= 90 { letters = letters * 26 + Int(p[k] - 64); k += 1 }
                column = letters > 0 ? letters - 1 : nil
            case UInt8(ascii: "t"):
                if value.count == 3, p[value.lowerBound + 1] == UInt8(ascii: "t") { type = UInt8(ascii: "S") }
                else if !value.isEmpty { type = p[value.lowerBound] }
            case UInt8(ascii: "s"):
                var number = 0
                for k in value { guard p[k] >= 48, p[k] <= 57 else { number = -1; break }; number = number * 10 + Int(p[k] - 48) }
                style = number >= 0 && !value.isEmpty ? number : nil
            default: break
            }
        }
        return (column, type, style)
    }

    /// The 0-based column of a cell from its `r="D71"`, or nil when it has none.
    private static func column(_ p: UnsafeBufferPointer<UInt8>, _ tag: XMLBytes.Tag) -> Int? {
        guard let range = XMLBytes.attribute(p, tag, "r") else { return nil }
        var column = 0
        var i = range.lowerBound
        while i < range.upperBound, p[i] >= 65, p[i] <= 90 {
            column = column * 26 + Int(p[i] - 64)
            i += 1
        }
        return column > 0 ? column - 1 : nil
    }

    /// Reads one cell (`<c>` … `</c>`) into the row; returns the offset after it, or nil when the buffer ends
    /// inside it (nothing is read then: the cell is read again once more bytes arrive).
    private mutating func cell(_ p: UnsafeBufferPointer<UInt8>, _ tag: XMLBytes.Tag, _ lookups: Lookups) -> Int? {
        // The cell's children: <f> (a formula), <v> (the value, or the formula's saved result), <is> (inline text).
        var value: Range<Int>?
        var hasFormula = false
        var inline: [UInt8]?
        var i = tag.end
        var inInlineText = false, inPhonetic = false
        var after: Int?
        while let lt = XMLBytes.nextTag(p, from: i) {
            guard let child = XMLBytes.tag(p, at: lt) else { return nil }
            if inInlineText, !inPhonetic { XMLBytes.appendDecoded(UnsafeBufferPointer(rebasing: p[i..<lt]), to: &inline!) }
            i = child.end
            if child.isClosing {
                if XMLBytes.name(p, child, is: "c") { after = child.end; break }
                if XMLBytes.name(p, child, is: "t") { inInlineText = false }
                if XMLBytes.name(p, child, is: "rPh") { inPhonetic = false }
                continue
            }
            if XMLBytes.name(p, child, is: "v") {
                if !child.isEmpty, let close = XMLBytes.nextTag(p, from: child.end) { value = child.end..<close }
            } else if XMLBytes.name(p, child, is: "f") {
                hasFormula = true
            } else if XMLBytes.name(p, child, is: "is") {
                inline = inline ?? []
            } else if XMLBytes.name(p, child, is: "t") {
                inInlineText = inline != nil && !child.isEmpty
            } else if XMLBytes.name(p, child, is: "rPh") {
                inPhonetic = !child.isEmpty
            }
        }
        guard let after else { return nil }
        let attributes = Self.cellAttributes(p, tag)
        let column = attributes.column ?? lastColumn + 1
        lastColumn = column
        let type = attributes.type
        let style = attributes.style.flatMap { $0 < lookups.styles.count ? lookups.styles[$0] : nil } ?? .plain
        let start = rowBytes.count
        if let inline {
            inline.withUnsafeBufferPointer { appendText($0) }
        } else if let value, !value.isEmpty {
            let raw = UnsafeBufferPointer(rebasing: p[value])
            switch type {
            case UInt8(ascii: "s"):
                var index = 0
                for byte in raw where byte >= 48 && byte <= 57 { index = index * 10 + Int(byte - 48) }
                if let text = lookups.string(index) { appendText(text) }
            case UInt8(ascii: "S"), UInt8(ascii: "e"), UInt8(ascii: "d"):  // str, e, d: text as written
                appendText(XMLBytes.decode(raw))
            case UInt8(ascii: "b"):
                rowBytes.append(contentsOf: raw.first == UInt8(ascii: "1") ? Array("TRUE".utf8) : Array("FALSE".utf8))
            default:
                appendNumber(raw, style: style, column: column)
            }
        } else if hasFormula, type != UInt8(ascii: "S") {
            reportedCells.append(SheetCSV.Cell(row: rowNumber, column: column))
            diagnostics.append(.error(SheetCSV.location(path, row: rowNumber, column: column), "a formula without a saved result"
                                      + SheetCSV.cellSuffix(sheet, row: rowNumber, column: column),
                                      hint: "open the workbook in Excel or LibreOffice and save it, so the formula's result is saved with it (files written by scripts often have none); or type the value instead of the formula"))
        }
        if rowBytes.count > start { rowCells.append((column, start, rowBytes.count)) }
        return after
    }

    /// A text cell as a CSV field: quoted when it holds a comma, a quote or a line break.
    private mutating func appendText(_ text: UnsafeBufferPointer<UInt8>) {
        var needsQuotes = false
        for byte in text where byte == comma || byte == quote || byte == newline || byte == carriageReturn {
            needsQuotes = true
            break
        }
        guard needsQuotes else { rowBytes.append(contentsOf: text); return }
        rowBytes.append(quote)
        for byte in text {
            rowBytes.append(byte)
            if byte == quote { rowBytes.append(quote) }
        }
        rowBytes.append(quote)
    }

    private mutating func appendText(_ text: [UInt8]) {
        text.withUnsafeBufferPointer { appendText($0) }
    }

    private mutating func appendNumber(_ raw: UnsafeBufferPointer<UInt8>, style: CellStyle, column: Int) {
        switch style {
        case .plain:
            SpreadsheetNumber.appendPlain(raw, shift: 0, to: &rowBytes)
        case .percent:
            SpreadsheetNumber.appendPlain(raw, shift: 2, to: &rowBytes)
            rowBytes.append(UInt8(ascii: "%"))
        case .date:
            let isPeriod = column < periodColumns.count && periodColumns[column]
            guard let serial = Double(String(decoding: raw, as: UTF8.self)) else {
                SpreadsheetNumber.appendPlain(raw, shift: 0, to: &rowBytes)
                return
            }
            if isPeriod {
                // What Excel shows once the column is formatted as Text; the period reader explains it.
                let day = date1904 ? serial + 1462 : serial
                rowBytes.append(contentsOf: Array(SpreadsheetNumber.plain(day).utf8))
            } else {
                rowBytes.append(contentsOf: Array(SpreadsheetNumber.isoDate(serial: serial, date1904: date1904).utf8))
            }
        }
    }

    private mutating func finishRow() {
        defer { rowCells.removeAll(keepingCapacity: true); rowBytes.removeAll(keepingCapacity: true) }
        guard !rowCells.isEmpty else { return }
        if rowHidden, width != nil { hiddenRows.append(rowNumber) }
        if !hiddenColumns.isEmpty, width != nil {
            for cell in rowCells where hiddenColumns.contains(where: { $0.contains(cell.column) }) { hiddenColumnsUsed.insert(cell.column) }
        }
        if rowCells.count > 1, zip(rowCells, rowCells.dropFirst()).contains(where: { $0.column >= $1.column }) {
            rowCells.sort { $0.column < $1.column }
        }
        let width: Int
        if let known = self.width {
            width = known
            if let outside = rowCells.first(where: { $0.column >= known }) {
                diagnostics.append(.error(SheetCSV.location(path, row: rowNumber, column: outside.column),
                                          "a value outside the table: its column has no header"
                                          + SheetCSV.cellSuffix(sheet, row: rowNumber, column: outside.column),
                                          hint: "give the column a name in the header row (row of the column names), or delete the value"))
                rowCells.removeAll { $0.column >= known }
            }
        } else {
            width = rowCells.last!.column + 1
            self.width = width
            if headerOnly { done = true }
            periodColumns = Array(repeating: false, count: width)
            for cell in rowCells {
                let name = CSVHeader.normalized(String(decoding: rowBytes[cell.start..<cell.end], as: UTF8.self))
                periodColumns[cell.column] = Self.isPeriodColumn(name)
            }
        }
        if csvLine < rowNumber {
            csv.append(contentsOf: repeatElement(newline, count: rowNumber - csvLine))
            csvLine = rowNumber
        }
        let offset = rowNumber - csvLine
        if offset != (segments.last?.offset ?? 0) { segments.append(SheetCSV.Segment(line: csvLine, offset: offset)) }
        var next = 0
        var lineBreaks = 0
        for column in 0..<width {
            if column > 0 { csv.append(comma) }
            guard next < rowCells.count, rowCells[next].column == column else { continue }
            let cell = rowCells[next]
            next += 1
            rowBytes.withUnsafeBufferPointer { p in
                let field = UnsafeBufferPointer(rebasing: p[cell.start..<cell.end])
                csv.append(contentsOf: field)
                // Line breaks inside a quoted value move every later row down a line in the CSV.
                if field.first == quote {
                    for (k, byte) in field.enumerated() where byte == newline || (byte == carriageReturn && (k + 1 == field.count || field[k + 1] != newline)) {
                        lineBreaks += 1
                    }
                }
            }
        }
        csv.append(newline)
        csvLine += 1 + lineBreaks
    }
}

/// One sheet as CSV bytes, with what it takes to point back at its cells.
struct SheetCSV: Sendable {
    /// From CSV line `line` on, the sheet row is the line plus `offset` (until the next segment): rows and lines
    /// drift apart only after a value with a line break.
    struct Segment: Sendable {
        var line: Int
        var offset: Int
    }

    struct Cell: Hashable, Sendable {
        var row: Int
        var column: Int
    }

    let sheet: String
    let workbookPath: String
    let bytes: [UInt8]
    let segments: [Segment]
    var reportedCells: Set<Cell> = []

    /// The path the table readers see: the diagnostics they give for it are turned into cells by `locate`.
    var readerPath: String { Self.readerPath(workbookPath, sheet: sheet) }

    static func readerPath(_ workbook: String, sheet: String) -> String { workbook + "#" + sheet }

    /// (workbook path, sheet) of a reader path, or nil for any other path.
    static func split(readerPath path: String) -> (workbook: String, sheet: String)? {
        guard let marker = path.range(of: ".xlsx#", options: .backwards) else { return nil }
        return (String(path[..<marker.lowerBound]) + ".xlsx", String(path[marker.upperBound...]))
    }

    func row(ofLine line: Int) -> Int {
        // The last segment starting at or before `line` (binary search: a sheet may have many multi-line notes).
        var low = 0, high = segments.count
        while low < high {
            let middle = (low + high) / 2
            if segments[middle].line <= line { low = middle + 1 } else { high = middle }
        }
        return line + (low == 0 ? 0 : segments[low - 1].offset)
    }

    /// `D71` for row 71, column index 3.
    static func cellName(row: Int, column: Int) -> String { columnName(column) + String(row) }

    /// `D71` → row 71, column 3 (0-based); nil for anything else.
    static func cell(named name: Substring) -> (row: Int, column: Int)? {
        let letters = name.prefix { $0 >= "A" && $0 <= "Z" }
        guard !letters.isEmpty, letters.count <= 3, let row = Int(name.dropFirst(letters.count)), row > 0 else { return nil }
        let column = letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value - 64) }
        return (row, column - 1)
    }

    static func columnName(_ column: Int) -> String {
        var name = ""
        var n = column + 1
        while n > 0 {
            let digit = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            n = (n - 1) / 26
        }
        return name
    }

    static func location(_ workbook: String, row: Int, column: Int) -> SourceLocation {
        SourceLocation(path: workbook, line: row, column: column + 1)
    }

    static func cellSuffix(_ sheet: String, row: Int, column: Int) -> String {
        " (sheet \(sheet), cell \(cellName(row: row, column: column)))"
    }

    static func rowSuffix(_ sheet: String, row: Int) -> String { " (sheet \(sheet), row \(row))" }

    /// Points the diagnostics the table readers gave for `readerPath` (from index `start` on) at their cells:
    /// `data.xlsx:71:4: … (sheet results, cell D71)`. The CSV is read again with the same reader, so a position
    /// is matched to the very field it came from.
    func locate(_ diagnostics: inout [Diagnostic], from start: Int) {
        let readerPath = self.readerPath
        let wanted = (start..<diagnostics.count).filter { diagnostics[$0].location.path == readerPath }
        guard !wanted.isEmpty else { return }
        struct Position: Hashable { var line: Int; var column: Int }
        let lines = Set(wanted.map { diagnostics[$0].location.line })
        var cells: [Position: (row: Int, column: Int)] = [:]
        var reader = CSVReader(bytes: bytes, path: readerPath)
        while reader.next() {
            let row = row(ofLine: reader.line)
            for (index, field) in reader.fields.enumerated() where lines.contains(field.line) {
                let location = reader.location(of: field)
                cells[Position(line: location.line, column: location.column)] = (row, index)
            }
        }
        var repeated: [Int] = []
        for index in wanted {
            var diagnostic = diagnostics[index]
            let at = diagnostic.location
            if diagnostic.message == "empty file" {
                // The CSV reader's words for a file, said of a sheet.
                diagnostic.location = SourceLocation(path: workbookPath)
                diagnostic.message = "the sheet `\(sheet)` is empty"
                diagnostic.hint = diagnostic.hint?.replacingOccurrences(of: "the first line", with: "its first row")
            } else if let cell = cells[Position(line: at.line, column: at.column)] {
                if reportedCells.contains(Cell(row: cell.row, column: cell.column)) { repeated.append(index) }
                diagnostic.location = Self.location(workbookPath, row: cell.row, column: cell.column)
                diagnostic.message += Self.cellSuffix(sheet, row: cell.row, column: cell.column)
            } else {
                diagnostic.location = SourceLocation(path: workbookPath, line: row(ofLine: at.line), column: 1)
                diagnostic.message += Self.rowSuffix(sheet, row: row(ofLine: at.line))
            }
            diagnostics[index] = diagnostic
        }
        for index in repeated.reversed() { diagnostics.remove(at: index) }
    }
}

/// Numbers as a spreadsheet stores them (`<v>1.5E-3</v>`), written as plain decimals.
enum SpreadsheetNumber {
    /// The significant digits Excel keeps of a number: it shows and accepts 15. A formula's result saved with
    /// more (`0.1*3*1000` is saved as `300.00000000000006`) is shown as 300 in the cell, and is read as 300.
    static let significantDigits = 15

    /// Appends `raw` as a plain decimal, its point moved `shift` places to the right (2 for a percentage), rounded
    /// to `significantDigits`. Exact: digits are moved and rounded, never converted through a Double.
    static func appendPlain(_ raw: UnsafeBufferPointer<UInt8>, shift: Int, to out: inout [UInt8]) {
        var hasExponent = false, digitCount = 0
        for byte in raw {
            if byte == UInt8(ascii: "E") || byte == UInt8(ascii: "e") { hasExponent = true; break }
            if byte >= 48, byte <= 57 { digitCount += 1 }
        }
        if !hasExponent, shift == 0, digitCount <= significantDigits { out.append(contentsOf: raw); return }
        var negative = false
        var digits: [UInt8] = []
        var pointAt: Int?
        var exponent = 0
        var i = 0
        if i < raw.count, raw[i] == UInt8(ascii: "-") || raw[i] == UInt8(ascii: "+") { negative = raw[i] == UInt8(ascii: "-"); i += 1 }
        while i < raw.count {
            let byte = raw[i]
            if byte >= 48, byte <= 57 { digits.append(byte) }
            else if byte == UInt8(ascii: "."), pointAt == nil { pointAt = digits.count }
            else if byte == UInt8(ascii: "E") || byte == UInt8(ascii: "e") {
                exponent = Int(String(decoding: UnsafeBufferPointer(rebasing: raw[(i + 1)...]), as: UTF8.self)) ?? 0
                break
            } else { out.append(contentsOf: raw); return }  // not a number: kept as written, the reader will say so
            i += 1
        }
        guard !digits.isEmpty, abs(exponent) < 400 else { out.append(contentsOf: raw); return }
        var point = (pointAt ?? digits.count) + exponent + shift
        // Round half up at the 16th significant digit; the digits after it become zeros (cut below).
        if let first = digits.firstIndex(where: { $0 != UInt8(ascii: "0") }), digits.count - first > significantDigits {
            let cut = first + significantDigits
            var carry = digits[cut] >= UInt8(ascii: "5")
            for k in cut..<digits.count { digits[k] = UInt8(ascii: "0") }
            var k = cut - 1
            while carry, k >= 0 {
                if digits[k] == UInt8(ascii: "9") { digits[k] = UInt8(ascii: "0"); k -= 1 } else { digits[k] += 1; carry = false }
            }
            if carry { digits.insert(UInt8(ascii: "1"), at: 0); point += 1 }
        }
        if point <= 0 {
            digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: 1 - point), at: 0)
            point = 1
        }
        if point > digits.count { digits.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: point - digits.count)) }
        var integer = Array(digits[..<point])
        var fraction = Array(digits[point...])
        while integer.count > 1, integer.first == UInt8(ascii: "0") { integer.removeFirst() }
        while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
        if negative, !(integer == [UInt8(ascii: "0")] && fraction.isEmpty) { out.append(UInt8(ascii: "-")) }
        out.append(contentsOf: integer)
        if !fraction.isEmpty {
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: fraction)
        }
    }

    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// `YYYY-MM-DD` (with `HH:MM:SS` when the day has a time) of an Excel day number.
    static func isoDate(serial: Double, date1904: Bool) -> String {
        let days = Int(serial.rounded(.down))
        let seconds = Int(((serial - Double(days)) * 86_400).rounded())
        let (year, month, day) = ValueParsing.civilDate(daysSince1970: days - (date1904 ? 24_107 : 25_569))
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var text = "\(year)-\(two(month))-\(two(day))"
        if seconds > 0 { text += " \(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))" }
        return text
    }
}

private let comma = UInt8(ascii: ",")
private let quote = UInt8(ascii: "\"")
private let newline = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")
