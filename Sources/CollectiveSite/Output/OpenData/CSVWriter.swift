/// RFC 4180 CSV (CRLF line ends, fields quoted when they hold a comma, quote or line break), with spreadsheet
/// formula injection neutralised: a text cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a
/// leading `'`, so Excel or LibreOffice show it instead of running it. Numbers are written by `OpenData.number`
/// and are never text, so a negative number such as `-5` stays a number (it cannot carry a formula).
struct CSVWriter {
    /// A cell: an absent value (`nil`) is an empty cell; several lines of text are one cell.
    typealias Cell = FieldValue

    private var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    /// A header row.
    mutating func header(_ names: [String]) {
        for (position, name) in names.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            Self.appendText(name, to: &bytes)
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    /// A row whose first fields are already rendered (`CSVRecord.rendered()`), followed by its cells, each already
    /// rendered in `rendered` at its range in `cells` (an empty range is an empty cell).
    mutating func row(prefix: [UInt8], rendered: [UInt8], cells: [Range<Int>]) {
        // Written in place, as one append per row rather than one per comma and cell (a row has 28 columns, most
        // of them short or empty): the row's length of commas (its separators), then the prefix and the cells over
        // them, each after its comma, and the line end.
        var length = prefix.count + cells.count + (prefix.isEmpty ? 1 : 2)
        for cell in cells { length += cell.count }
        var at = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: ","), count: length))
        bytes.withUnsafeMutableBufferPointer { out in
            let target = out.baseAddress!  // the row's length is at least its line end: never empty
            prefix.withUnsafeBufferPointer { prefix in
                if let source = prefix.baseAddress {
                    (target + at).update(from: source, count: prefix.count)
                    at += prefix.count
                }
            }
            rendered.withUnsafeBufferPointer { rendered in
                for (position, cell) in cells.enumerated() {
                    if position > 0 || !prefix.isEmpty { at += 1 }  // its comma, already there
                    if let source = rendered.baseAddress, !cell.isEmpty {
                        precondition(cell.upperBound <= rendered.count, "a cell lies in the rendered bytes")
                        (target + at).update(from: source + cell.lowerBound, count: cell.count)
                        at += cell.count
                    }
                }
            }
            out[at] = 0x0D
            out[at + 1] = 0x0A
            precondition(at + 2 == out.count, "a CSV row is as long as it was measured")
        }
    }

    /// Rows already rendered (by another writer), appended as they are.
    mutating func append(_ other: CSVWriter) { bytes.append(contentsOf: other.bytes) }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

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
        case .text(let value?): appendText(value, to: &out)
        case .text(nil): break
        case .lines(let lines): if !lines.isEmpty { appendText(lines.count == 1 ? lines[0] : lines.joined(separator: "\n"), to: &out) }
        }
    }

    /// A text cell: a leading `'` when it could start a formula, quoted when it holds a comma, quote or line break.
    static func appendText<Output: ByteOutput & ~Copyable>(_ text: String, to out: inout Output) {
        var text = text
        text.withUTF8 { appendText(utf8: $0, to: &out) }
    }

    /// The same over UTF-8 bytes.
    static func appendText<Output: ByteOutput & ~Copyable>(utf8: UnsafeBufferPointer<UInt8>, to out: inout Output) {
        guard let first = utf8.first else { return }
        let formula = startsFormula(first)
        let quote = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        if !quote && !formula { return out.append(bytes: utf8) }
        withUnsafeBytes(of: (UInt8(ascii: "\""), UInt8(ascii: "'"))) { marks in
            let marks = marks.bindMemory(to: UInt8.self)
            if quote { out.append(bytes: UnsafeBufferPointer(rebasing: marks[0..<1])) }
            if formula { out.append(bytes: UnsafeBufferPointer(rebasing: marks[1..<2])) }
            guard quote else { return out.append(bytes: utf8) }
            // Each quote doubled: the run up to and including it, then the run goes on from it again.
            var runStart = 0
            for (index, byte) in utf8.enumerated() where byte == UInt8(ascii: "\"") {
                out.append(bytes: UnsafeBufferPointer(rebasing: utf8[runStart...index]))
                runStart = index
            }
            out.append(bytes: UnsafeBufferPointer(rebasing: utf8[runStart...]))
            out.append(bytes: UnsafeBufferPointer(rebasing: marks[0..<1]))
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
