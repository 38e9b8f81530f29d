import ImpactDomain

extension OpenData {
    /// One indicator's rows of results.csv and entry of results.json, which are also its own downloads: the same
    /// bytes as `csvRowBytes` and `jsonEntryBytes`, made in one pass over each period's fields (`ResultsBothSink`).
    static func indicatorParts(_ result: IndicatorResult) -> (csvRows: [UInt8], jsonEntry: [UInt8]) {
        // The definition: the CSV's first columns, the same on each row, rendered once; the entry's first members.
        var definition = CSVRecord<ResultsIndicatorColumn>()
        ResultsRecords.indicator(result, into: &definition)
        // Each file's bytes are written straight into the array that holds them (`ByteBuffer.array`).
        var jsonEntry: [UInt8] = []
        let records = recordCount(result)
        let csvRows = ByteBuffer.array(capacity: csvRowsCapacity(result, records: records)) { csv in
            jsonEntry = ByteBuffer.array(capacity: jsonEntryCapacity(records: records)) { json in
                var sink = ResultsBothSink(prefix: definition.rendered())
                swap(&sink.csv, &csv)
                swap(&sink.json, &json)
                writePeriods(of: result, into: &sink)
                swap(&sink.csv, &csv)
                swap(&sink.json, &json)
            }
        }
        return (csvRows, jsonEntry)
    }

    private static func writePeriods(of result: IndicatorResult, into sink: inout ResultsBothSink) {
        // The writer places the entry's containers (each period on a line of its own); the sink writes each period's
        // members inside them.
        var frame = JSONWriter(capacity: 1024, depth: 2)
        frame.beginObject()
        frame.record(ResultsIndicatorColumn.self) { ResultsRecords.indicator(result, into: &$0) }
        frame.key("periods")
        frame.beginArray()
        for (index, period) in result.periods.enumerated() {
            frame.beginObject(inline: true)
            frame.moveBytes(to: &sink.json)
            sink.beginRow("total")
            ResultsRecords.period(period, of: result, at: index, into: &sink)
            sink.endRow()
            frame.endObject()
        }
        frame.endArray()
        frame.endObject()
        frame.moveBytes(to: &sink.json)
    }
}

/// The period records written into results.json's entry and results.csv's rows at once, straight into their bytes:
/// each field of the list is read once, each number formatted once for both files (both write a finite number as
/// `OpenData.number` does), and a CSV cell goes where its column is as it comes, with no record of the row's cells
/// in between. What `JSONRecord` and `ResultsCSVRows` write, field for field
/// (`bothFilesInOnePassAreWhatEachWriterMakesAlone`), at a quarter of their cost.
///
/// JSON: the members of the object the caller opened (one line: a period), separated by `, `, and the arrays of
/// objects `nested` opens in it. CSV: a row is its prefix (the indicator's columns), then each column after its
/// comma; a cell whose column comes before one already written (a contribution's `target` after its `share`) is
/// put in its place.
struct ResultsBothSink: NestingSink, ~Copyable {
    typealias Column = ResultsRowColumn

    /// The CSV rows written so far; while a period's nested records are written, theirs.
    var csv: ByteBuffer
    /// The JSON entry.
    var json: ByteBuffer
    /// While a period's nested records are written: the rows up to and including the period's own, unfinished
    /// (its `notes` come after its records); otherwise the nested records' rows, written after the period's row.
    private var aside: ByteBuffer
    /// The indicator's columns, the start of each row.
    private let prefix: [UInt8]
    /// The row being written, and while nested records are written, their parent's.
    private var row = CSVRowPlaces()
    private var parent = CSVRowPlaces()
    /// The row's kind (results.csv's `row`), until it is written: when a column after it is.
    private var kind: StaticString?
    /// Per open JSON object, innermost in bit 0: whether it has a member yet (the next one needs `, `).
    private var hasMember: UInt64 = 0
    /// A cell rendered before it is put in its place (`insert`).
    private var scratch = ByteBuffer(capacity: 64)
    private let names = ResultsRowColumn.names

    /// A sink whose `csv` and `json` are empty until the caller puts its buffers there.
    init(prefix: [UInt8]) {
        precondition(!prefix.isEmpty, "every column of a results row follows a comma")
        self.prefix = prefix
        csv = ByteBuffer(capacity: 0)
        json = ByteBuffer(capacity: 0)
        aside = ByteBuffer(capacity: 1024)
    }

    // MARK: Rows

    /// A row of kind `kind` (results.csv's `row`), in the JSON object the caller has just opened.
    mutating func beginRow(_ kind: StaticString) {
        row.begin(at: csv.count)
        self.kind = kind
        csv.append(prefix)
        hasMember = 0
    }

    /// The row's last columns, its line end, then the rows of its nested records.
    mutating func endRow() {
        finishRow()
        csv.append(aside)
        aside.removeAll()
    }

    private mutating func finishRow() {
        advance(through: ResultsRowColumn.allCases.count - 1, keepLast: false)
        csv.append(0x0D)
        csv.append(0x0A)
    }

    /// Each nested record's row starts with its parent's columns before `row` (its `period`), then `kind`.
    mutating func nested<Item>(_ key: StaticString, _ items: [Item], kind: StaticString,
                               _ fields: (Item, inout Self) -> Void) {
        // The key and the kind are words (`NestingSink`): written as they are.
        assert(Self.isWord(key) && Self.isWord(kind), "a nested list's key and kind are words")
        if hasMember & 1 != 0 { json.append(", ") }
        json.append(UInt8(ascii: "\""))
        json.append(key)
        json.append("\": [")
        hasMember |= 1
        // The parent's columns up to its `row` are written now; its row is set aside while its records' are written.
        advance(through: CSVRowPlaces.kindColumn, keepLast: true)
        let inherited = row.start..<row.separators[CSVRowPlaces.kindColumn]
        swap(&csv, &aside)
        parent = row
        for (index, item) in items.enumerated() {
            if index > 0 { json.append(", ") }
            json.append(UInt8(ascii: "{"))
            hasMember <<= 1
            row.begin(at: csv.count, inheriting: parent)
            self.kind = kind
            csv.append(aside, inherited)
            fields(item, &self)
            finishRow()
            hasMember >>= 1
            json.append(UInt8(ascii: "}"))
        }
        row = parent
        swap(&csv, &aside)
        json.append(UInt8(ascii: "]"))
    }

    // MARK: Fields

    // The fields most records are made of, each with its column and header known where it is listed: written with no
    // `FieldValue` or `JSONKey` to make and switch over.
    mutating func field(_ column: Column, _ value: Double?) { put(column, json: .header, number: value) }
    mutating func field(_ column: Column, _ value: String?) { put(column, json: .header, text: value) }
    mutating func field(_ column: Column, _ value: Bool?) { put(column, json: .header, flag: value) }
    mutating func field(_ column: Column, _ value: [String]) { put(column, json: .header, lines: value) }

    /// Each number formatted once; the CSV cells in column order, so that neither is put in before a later one
    /// (`cell`), the JSON members in the order listed.
    mutating func field(_ first: Column, _ a: Double?, then second: Column, _ b: Double?) {
        Self.withDigits(a) { digitsA in
            Self.withDigits(b) { digitsB in
                if first.rawValue < second.rawValue {
                    if let digitsA { cell(first) { $0.append(padded: digitsA) } }
                    if let digitsB { cell(second) { $0.append(padded: digitsB) } }
                } else {
                    if let digitsB { cell(second) { $0.append(padded: digitsB) } }
                    if let digitsA { cell(first) { $0.append(padded: digitsA) } }
                }
                if putKey(first, .header) { if let digitsA { json.append(padded: digitsA) } else { json.append("null") } }
                if putKey(second, .header) { if let digitsB { json.append(padded: digitsB) } else { json.append("null") } }
            }
        }
    }

    /// A number's text as `OpenData.withNumber` gives it; nil for an absent figure or one JSON cannot hold (`null`, an
    /// empty cell).
    @inline(__always)
    private static func withDigits(_ value: Double?, _ body: (UnsafeBufferPointer<UInt8>?) -> Void) {
        if let value, value.isFinite { OpenData.withNumber(value) { body($0) } } else { body(nil) }
    }

    mutating func put(_ column: Column?, json key: JSONKey, _ value: FieldValue) {
        switch value {
        case .number(let number): put(column, json: key, number: number)
        case .text(let text): put(column, json: key, text: text)
        case .bool(let flag): put(column, json: key, flag: flag)
        case .lines(let lines): put(column, json: key, lines: lines)
        }
    }

    @inline(__always)
    private mutating func put(_ column: Column?, json key: JSONKey, flag: Bool?) {
        guard let flag else {
            if putKey(column, key) { json.append("null") }  // an empty cell: its comma is written when a later column's is
            return
        }
        let text: StaticString = flag ? "true" : "false"
        if let column { cell(column) { $0.append(text) } }
        if putKey(column, key) { json.append(text) }
    }

    /// Lines of text: one cell in the CSV, an array of strings in the JSON.
    @inline(__always)
    private mutating func put(_ column: Column?, json key: JSONKey, lines: [String]) {
        if let column, !lines.isEmpty {
            cell(column) { CSVWriter.appendText(lines.count == 1 ? lines[0] : lines.joined(separator: "\n"), to: &$0) }
        }
        if putKey(column, key) {
            json.append(UInt8(ascii: "["))
            for (index, line) in lines.enumerated() {
                if index > 0 { json.append(", ") }
                JSONWriter.appendQuoted(line, to: &json)
            }
            json.append(UInt8(ascii: "]"))
        }
    }

    @inline(__always)
    private mutating func put(_ column: Column?, json key: JSONKey, number: Double?) {
        if let number, number.isFinite {
            OpenData.withNumber(number) { digits in
                if let column { cell(column) { $0.append(padded: digits) } }
                if putKey(column, key) { json.append(padded: digits) }
            }
        } else if putKey(column, key) {
            json.append("null")  // an empty cell: its comma is written when a later column's is
        }
    }

    @inline(__always)
    private mutating func put(_ column: Column?, json key: JSONKey, text: String?) {
        guard let text else {
            if putKey(column, key) { json.append("null") }
            return
        }
        // Most texts are short (periods, statuses, partner ids, categories: at most 15 bytes, held in the String's
        // own two words): read from those words (`smallStringBytes`) and, when neither file escapes any of their
        // bytes, written as they are, two words at a time. Asking the String for its UTF-8 copied it (a retain and a
        // release) and called a closure, and its bytes were then checked one by one.
        if let small = smallStringBytes(text), Self.isPlain(small.words, count: small.count) {
            if let column, small.count > 0 { cell(column) { $0.append(words: small.words, count: small.count) } }
            if putKey(column, key) {
                json.append(UInt8(ascii: "\""))
                json.append(words: small.words, count: small.count)
                json.append(UInt8(ascii: "\""))
            }
            return
        }
        var copy = text
        copy.withUTF8 { put(column, json: key, utf8: $0) }
    }

    /// A text field's bytes.
    @inline(__always)
    private mutating func put(_ column: Column?, json key: JSONKey, utf8: UnsafeBufferPointer<UInt8>) {
        if Self.needsNoEscape(utf8) {
            // Most texts (periods, statuses, ids, categories): the same bytes in both files, quoted in the JSON.
            if let column, !utf8.isEmpty { cell(column) { $0.append(utf8) } }
            if putKey(column, key) {
                json.append(UInt8(ascii: "\""))
                json.append(utf8)
                json.append(UInt8(ascii: "\""))
            }
        } else {
            if let column, !utf8.isEmpty { cell(column) { CSVWriter.appendText(utf8: utf8, to: &$0) } }
            if putKey(column, key) { JSONWriter.appendQuoted(utf8: utf8, to: &json) }
        }
    }

    /// Whether a text is written as it is in both files: no byte either escapes (a control character, `"`, `\`, the
    /// lead byte of U+2028/U+2029, a comma) and no start a spreadsheet could run (`CSVWriter.startsFormula`).
    @inline(__always)
    private static func needsNoEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        if let first = utf8.first, CSVWriter.startsFormula(first) { return false }
        for byte in utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2 || byte == 0x2C { return false }
        return true
    }

    /// `needsNoEscape` of the `count` (at most 15) bytes of a small String's two words (`smallStringBytes`), the bytes
    /// after them zero, tested sixteen at once in one vector register: ASCII only (a byte from 0x80 on, U+2028's lead
    /// among them, goes the general way), no control character, `"`, `\` or comma, and a first byte no spreadsheet
    /// runs. Stricter than `needsNoEscape` only for non-ASCII text, which `needsNoEscape` then decides.
    @inline(__always)
    static func isPlain(_ words: (UInt64, UInt64), count: Int) -> Bool {
        typealias Pair = SIMD2<UInt64>
        let highs = Pair(repeating: 0x8080_8080_8080_8080)
        // The zeros after the text would read as control characters: they are made "A"s.
        let padding = Pair(count >= 8 ? 0 : UInt64.max << UInt64(8 * count),
                           UInt64.max << UInt64(8 * Swift.max(count - 8, 0)))
        let bytes = Pair(words.0, words.1) | padding & Pair(repeating: 0x4141_4141_4141_4141)
        // Per byte, 0x80 where it is non-ASCII, below 0x20 (exact for whether any is, as `zeroByteFlags`), `"`,
        // `\` or a comma.
        let found = bytes & highs
            | (bytes &- Pair(repeating: 0x2020_2020_2020_2020)) & ~bytes & highs
            | zeroByteFlags(bytes ^ Pair(repeating: 0x2222_2222_2222_2222))
            | zeroByteFlags(bytes ^ Pair(repeating: 0x5C5C_5C5C_5C5C_5C5C))
            | zeroByteFlags(bytes ^ Pair(repeating: 0x2C2C_2C2C_2C2C_2C2C))
        return found[0] | found[1] == 0 && !CSVWriter.startsFormula(UInt8(truncatingIfNeeded: bytes[0]))
    }

    /// Lower-case ASCII letters only: written as it is in a JSON key and a CSV cell.
    private static func isWord(_ text: StaticString) -> Bool {
        text.withUTF8Buffer { $0.allSatisfy { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") } }
    }

    /// The field's key after the member before it; false when the JSON does not carry the field.
    @inline(__always)
    private mutating func putKey(_ column: Column?, _ key: JSONKey) -> Bool {
        switch key {
        case .header:
            guard let column else { return false }
            json.append(padded: names.member(column.rawValue, first: hasMember & 1 == 0))
        case .named(let name):
            if hasMember & 1 != 0 { json.append(", ") }
            JSONWriter.appendQuoted(name, to: &json)
            json.append(": ")
        case .none:
            return false
        }
        hasMember |= 1
        return true
    }

    /// `column`'s cell, written by `write`: in place when no later column is written yet, otherwise rendered aside
    /// and put in.
    @inline(__always)
    private mutating func cell(_ column: Column, _ write: (inout ByteBuffer) -> Void) {
        let index = column.rawValue
        if index >= row.next {
            advance(through: index, keepLast: true)
            write(&csv)
        } else {
            scratch.removeAll()
            write(&scratch)
            let at = row.insertionPoint(of: index, end: csv.count)
            csv.insert(scratch, at: at)
            row.inserted(scratch.count, column: index, separator: at - 1)
        }
    }

    /// The commas of the columns up to `column`; `keepLast`: `column` is being written (its cell follows its comma).
    @inline(__always)
    private mutating func advance(through column: Int, keepLast: Bool) {
        guard column >= row.next else { return }
        if kind != nil, column >= CSVRowPlaces.kindColumn, writeKind(), column == CSVRowPlaces.kindColumn { return }
        csv.append(UInt8(ascii: ","), times: column - row.next + 1)
        if keepLast { row.wrote(column, separator: csv.count - 1) } else { row.next = column + 1 }
    }

    /// The row's kind in its column, with the commas before it, when the row reaches it; true when written now.
    private mutating func writeKind() -> Bool {
        guard let kind, row.next <= CSVRowPlaces.kindColumn else { return false }
        csv.append(UInt8(ascii: ","), times: CSVRowPlaces.kindColumn - row.next + 1)
        row.wrote(CSVRowPlaces.kindColumn, separator: csv.count - 1)
        // A kind is one of ResultsRecords' lower-case words (`NestingSink`): a cell as it is.
        csv.append(kind)
        self.kind = nil
        return true
    }
}

/// Where a results.csv row's cells are, while it is written: for each column written (a bit in `written`), the
/// offset of the comma before it, so that a cell that comes after a later column's can be put in its place. A plain
/// value, reset for each row: an offset is read only for a column marked written in this row.
struct CSVRowPlaces {
    /// results.csv's `row`, the kind of record; the columns before it are a nested record's parent's.
    static let kindColumn = ResultsRowColumn.row.rawValue

    /// Where the row starts (its prefix).
    var start = 0
    /// The first column whose comma is not written yet.
    var next = 0
    /// The columns written, bit `rawValue`.
    var written: UInt64 = 0
    var separators = InlineArray<32, Int>(repeating: 0)

    init() { precondition(ResultsRowColumn.allCases.count <= 32, "a row's places hold 32 columns") }

    /// A new row at `start`.
    mutating func begin(at start: Int) {
        self.start = start
        next = 0
        written = 0
    }

    /// A nested record's row at `start`: its parent's columns before `row` are copied to its start.
    mutating func begin(at start: Int, inheriting parent: CSVRowPlaces) {
        begin(at: start)
        next = Self.kindColumn
        let shift = start - parent.start
        for column in 0..<Self.kindColumn where parent.written & (1 << column) != 0 {
            written |= 1 << column
            separators[column] = parent.separators[column] + shift
        }
    }

    @inline(__always)
    mutating func wrote(_ column: Int, separator: Int) {
        written |= 1 << column
        separators[column] = separator
        next = column + 1
    }

    /// Where the cell of `column` (not written, before `next`) goes in a row whose bytes end at `end`: after its
    /// comma, which comes right before the next written column's, or is among the last commas.
    func insertionPoint(of column: Int, end: Int) -> Int {
        precondition(column < next && written & (1 << column) == 0, "a column is written once")
        let later = written >> (column + 1)
        if later == 0 { return end - (next - column) + 1 }
        let following = column + 1 + later.trailingZeroBitCount
        return separators[following] - (following - column) + 1
    }

    /// `count` bytes were put in as `column`'s cell, after its comma at `separator`: the columns after it moved.
    mutating func inserted(_ count: Int, column: Int, separator: Int) {
        var later = written >> (column + 1)
        while later != 0 {
            let following = column + 1 + later.trailingZeroBitCount
            separators[following] += count
            later &= later - 1
        }
        written |= 1 << column
        separators[column] = separator
    }
}
