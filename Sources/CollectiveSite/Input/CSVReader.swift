import ImpactDomain

/// One field of the current record: a byte range into the reader's buffer, without its surrounding quotes.
/// No String exists until someone asks for the text, so a million-row file costs no per-cell allocation.
public struct CSVField: Hashable, Sendable {
    /// Content bytes `start..<end`; for a quoted field, inside the quotes.
    public var start: Int
    public var end: Int
    /// 1-based line the field begins on, and the offset of that line's first byte (for the column).
    public var line: Int
    public var lineStart: Int
    public var quoted: Bool
    /// A quoted field containing `""`, which reads as one `"`.
    public var hasEscapedQuotes: Bool
    /// 0 for a field that is in the file; k for the k-th trailing field a short row left out (see `CSVReader`),
    /// which is empty and placed k characters past the row's end, where a `,` would have opened it.
    public var missing: Int = 0

    /// Where the field begins, counting its opening quote.
    var firstByte: Int { quoted ? start - 1 : start }
    public var isEmpty: Bool { start == end }
}

/// An RFC 4180 reader over the raw UTF-8 bytes of one file: quoted fields, `""` escapes, commas and newlines
/// inside quotes, CRLF or LF, an optional byte-order mark and final newline; blank lines are skipped, and so are
/// rows whose every field is empty (`,,,,,,,,`: what Excel saves for a row whose cells were cleared), whatever
/// their number of fields: they hold no data, and reporting each of their empty cells would bury real mistakes.
///
/// Call `next()` until it returns false; each time, `fields` holds the current record. Malformed records are
/// reported in `diagnostics` with their line and column and skipped, so one stray quote costs one row, not the
/// file. The first record fixes the number of fields every later record may have. A record with fewer fields is
/// read as if its last cells were empty: Excel and other tools leave out the trailing commas of a row whose last
/// cells are empty, so a missing required value is then reported as that cell being empty, at its cell. A record
/// with more fields than the header is an error (usually a value with an unquoted comma in it).
public struct CSVReader: Sendable {
    public let path: String
    public let bytes: [UInt8]
    public private(set) var diagnostics: [Diagnostic] = []
    /// The current record's fields.
    public private(set) var fields: [CSVField] = []
    /// 1-based line where the current record begins.
    public private(set) var line = 0
    /// Number of fields of the first record (the header); nil before it is read.
    public private(set) var expectedFieldCount: Int?

    private var position = 0
    private var currentLine = 1
    private var currentLineStart = 0
    private var recordStart = 0
    /// Where the current record ends (its line break, or the end of the file), for the fields a short row left out.
    private var recordEnd = 0, recordEndLine = 1, recordEndLineStart = 0
    private var recordIsBad = false
    /// Columns whose header cell is blank, and per such column the first value found under it and how many rows
    /// have one: reported once the file has been read (`reportUnnamedColumns`).
    private var unnamedColumns: [Int] = []
    private var unnamedValues: [Int: (field: CSVField, count: Int)] = [:]
    private var finished = false
    /// Records with more fields than the header, and how many records had as many as it: when none had and every
    /// longer one has the same count, the header is what is short (`reportLongRecords`).
    private var longRecords: [(diagnostic: Diagnostic, fieldCount: Int)] = []
    private var fittingRecords = 0
    private var headerLine = 1

    /// - Parameter emptyFileHint: what the file should start with, for the "empty file" error.
    public init(bytes: [UInt8], path: String, emptyFileHint: String? = nil) {
        self.path = path
        self.bytes = bytes
        // A byte-order mark (as Excel writes in "CSV UTF-8") is not part of the first column's name.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            position = 3
            currentLineStart = 3
        }
        // A UTF-16 file read as UTF-8 would be one invalid byte and then a header of garbled names: read nothing.
        if let (problem, readable) = UTF8Check.problem(
            in: bytes, path: path,
            hint: "save it as UTF-8 (in Excel: Save As → \"CSV UTF-8 (Comma delimited)\"; in LibreOffice: character set \"Unicode (UTF-8)\")") {
            diagnostics.append(problem)
            if !readable { position = bytes.count; return }
        }
        if bytes[position...].allSatisfy({ $0 == 0x0A || $0 == 0x0D || $0 == 0x20 || $0 == 0x09 }) {
            diagnostics.append(.error(SourceLocation(path: path), "empty file", hint: emptyFileHint))
            position = bytes.count
        }
    }

    /// Advances to the next well-formed record. Returns false at the end of the file.
    public mutating func next() -> Bool {
        while readRecord() {
            if recordIsBad || isEmptyRecord { continue }
            guard let expected = expectedFieldCount else {
                expectedFieldCount = fields.count
                headerLine = line
                unnamedColumns = fields.indices.filter { isBlank(fields[$0]) }
                return true
            }
            if fields.count < expected { appendMissingFields(upTo: expected) }
            if fields.count == expected {
                fittingRecords += 1
                if !unnamedColumns.isEmpty { noteUnnamedValues() }
                return true
            }
            longRecords.append((.error(recordLocation,
                                       "expected \(expected) fields, found \(fields.count): `\(recordText())`",
                                       hint: "a value that contains a comma must be written in double quotes"), fields.count))
        }
        if !finished { finished = true; reportUnnamedColumns(); reportLongRecords() }
        return false
    }

    /// Rows with more fields than the header. When no row fits the header and every row has the same number of
    /// fields, the header is short of names (a name deleted, or a column added without one): one error at the
    /// header, not one per row with a hint about commas in values.
    private mutating func reportLongRecords() {
        guard let first = longRecords.first else { return }
        if fittingRecords == 0, longRecords.count >= 2, longRecords.allSatisfy({ $0.fieldCount == first.fieldCount }),
           let expected = expectedFieldCount {
            let missing = first.fieldCount - expected
            diagnostics.append(.error(SourceLocation(path: path, line: headerLine, column: 1),
                                      "the header row names \(expected) column\(expected == 1 ? "" : "s"), but every row has \(first.fieldCount) fields, so no row was read",
                                      hint: "write the name of each column in the header row: \(missing == 1 ? "one is" : "\(missing) are") missing (or remove the extra field from every row)"))
        } else {
            diagnostics += longRecords.map(\.diagnostic)
        }
    }

    private func isBlank(_ field: CSVField) -> Bool {
        bytes.withUnsafeBufferPointer { ValueParsing.trimmed(UnsafeBufferPointer(rebasing: $0[field.start..<field.end])).start
            == field.end - field.start }
    }

    /// Values under a column whose header cell is blank: no reader looks such a column up, so they would be lost
    /// without a word (a `note` header cleared by mistake drops every note). Counted per column.
    private mutating func noteUnnamedValues() {
        for index in unnamedColumns where !isBlank(fields[index]) {
            if let seen = unnamedValues[index] { unnamedValues[index] = (seen.field, seen.count + 1) }
            else { unnamedValues[index] = (fields[index], 1) }
        }
    }

    /// One error per column without a name that holds values, at its first value (as a sheet of data.xlsx reports
    /// a value right of its header row: `SheetScanner`).
    private mutating func reportUnnamedColumns() {
        for index in unnamedColumns {
            guard let (field, count) = unnamedValues[index] else { continue }
            var shown = string(of: field)
            if shown.count > 40 { shown = String(shown.prefix(40)) + "…" }
            let others = count > 1 ? " (and \(count - 1) more row\(count == 2 ? "" : "s") with a value in this column)" : ""
            diagnostics.append(.error(location(of: field),
                                      "`\(shown)` is in a column with no name in the header row, so it would not be read\(others)",
                                      hint: "write the column's name in the header row, or delete the column"))
        }
    }

    /// Whether every field of the current record is empty or spaces (a cleared spreadsheet row).
    private var isEmptyRecord: Bool {
        bytes.withUnsafeBufferPointer { p in
            fields.allSatisfy { field in (field.start..<field.end).allSatisfy { p[$0] == 0x20 || p[$0] == 0x09 } }
        }
    }

    /// The current record's position (column 1).
    public var recordLocation: SourceLocation { SourceLocation(path: path, line: line, column: 1) }

    /// The text of field `index` of the current record, with `""` unescaped.
    public func string(_ index: Int) -> String { string(of: fields[index]) }

    public func string(of field: CSVField) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            let slice = UnsafeBufferPointer(rebasing: buffer[field.start..<field.end])
            guard field.hasEscapedQuotes else { return String(decoding: slice, as: UTF8.self) }
            var unescaped: [UInt8] = []
            unescaped.reserveCapacity(slice.count)
            var i = 0
            while i < slice.count {
                unescaped.append(slice[i])
                i += slice[i] == quote ? 2 : 1
            }
            return String(decoding: unescaped, as: UTF8.self)
        }
    }

    /// Where field `index` of the current record begins (its opening quote, if quoted).
    public func location(ofField index: Int) -> SourceLocation { location(of: fields[index]) }

    public func location(of field: CSVField) -> SourceLocation {
        SourceLocation(path: path, line: field.line,
                       column: UTF8Check.column(from: field.lineStart, to: field.firstByte, in: bytes) + field.missing)
    }

    /// Calls `body` with the raw bytes of a field (escaped quotes still doubled), without copying.
    public func withBytes<T>(of field: CSVField, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[field.start..<field.end])) }
    }

    /// The raw bytes of a field of 1 to 8 bytes as one word, lowest first (the rest zero), with their number; nil
    /// for an empty or longer field. Two fields with the same word and length hold the same bytes, so a cell that
    /// repeats the one before can be told at once.
    @inline(__always)
    public func word(of field: CSVField) -> (word: UInt64, length: Int)? {
        let length = field.end - field.start
        guard length > 0, length <= 8 else { return nil }
        return bytes.withUnsafeBufferPointer { p in
            if field.start + 8 <= p.count, let base = p.baseAddress {
                // One unaligned load of 8 bytes (all within the file), the bytes after the field cleared.
                let loaded = UInt64(littleEndian: UnsafeRawPointer(base + field.start).loadUnaligned(as: UInt64.self))
                return (length == 8 ? loaded : loaded & (1 << (UInt64(length) * 8) - 1), length)
            }
            var word: UInt64 = 0
            for i in 0..<length { word |= UInt64(p[field.start + i]) << (UInt64(i) * 8) }
            return (word, length)
        }
    }

    /// The current record as written (its first line, shortened), for quoting in messages.
    public func recordText(limit: Int = 100) -> String {
        var end = recordStart
        while end < bytes.count, bytes[end] != newline, bytes[end] != carriageReturn { end += 1 }
        let text = String(decoding: bytes[recordStart..<end], as: UTF8.self)
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }

    // MARK: - Parsing

    /// Reads one record into `fields`, skipping blank lines. Returns false at the end of the file.
    private mutating func readRecord() -> Bool {
        recordIsBad = false
        // The record's fields overwrite the last record's in place, through a pointer (writing each into the array
        // checked first that its storage was not shared, and emptying the array for every record cost more than
        // reading most fields). The array is taken out of `self` meanwhile, so the parsing methods may change
        // `self` while it is being written. It has room for as many fields as the header had; a record with more
        // puts the rest in `overflow`; what is left of the last record's fields is removed at the end (nothing,
        // when both have as many fields).
        var out = fields
        fields = []
        if let expected = expectedFieldCount, out.count < expected {
            out.append(contentsOf: repeatElement(out.last ?? CSVField(start: 0, end: 0, line: 0, lineStart: 0, quoted: false,
                                                                       hasEscapedQuotes: false),
                                                 count: expected - out.count))
        }
        var sink = FieldSink()
        let found = out.withUnsafeMutableBufferPointer { slots in
            sink.slots = slots
            return scanRecord(&sink)
        }
        if out.count > sink.count { out.removeSubrange(sink.count...) }
        if !sink.overflow.isEmpty { out += sink.overflow }
        fields = out
        return found
    }

    /// Where a record's fields go: `slots` first, then `overflow`.
    private struct FieldSink {
        var slots = UnsafeMutableBufferPointer<CSVField>(start: nil, count: 0)
        var count = 0
        var overflow: [CSVField] = []

        @inline(__always)
        mutating func put(_ field: CSVField) {
            if count < slots.count { slots[count] = field } else { overflow.append(field) }
            count += 1
        }
    }

    /// `readRecord` up to the fields after the last one it put.
    private mutating func scanRecord(_ sink: inout FieldSink) -> Bool {
        let count = bytes.count
        return bytes.withUnsafeBufferPointer { p in
            while position < count, p[position] == newline || p[position] == carriageReturn {
                endLine(p)
            }
            guard position < count else { return false }
            line = currentLine
            recordStart = position
            while true {
                // Most fields are unquoted: those are read here, without a call per field.
                if position < count, p[position] != quote { readUnquotedField(p, &sink) } else { readField(p, &sink) }
                guard position < count else { markRecordEnd(); return true }
                if p[position] == comma {
                    position += 1
                    // An empty field between two commas (most optional cells of a results row), as `readField`
                    // would read it, without the call.
                    while position < count, p[position] == comma {
                        appendEmptyField(&sink)
                        position += 1
                    }
                    // A comma at the end of the line or file is followed by one more, empty field.
                    if position == count { appendEmptyField(&sink); markRecordEnd(); return true }
                    continue
                }
                markRecordEnd()
                endLine(p)
                return true
            }
        }
    }

    /// Reads one field starting at `position`; leaves `position` at the comma, line end or end of file after it.
    private mutating func readField(_ p: UnsafeBufferPointer<UInt8>, _ sink: inout FieldSink) {
        let count = p.count
        if position < count, p[position] == quote {
            let openLine = currentLine, openLineStart = currentLineStart, open = position
            position += 1
            let start = position
            var escaped = false
            while true {
                while position < count, p[position] != quote {
                    if p[position] == newline { currentLine += 1; currentLineStart = position + 1 }
                    else if p[position] == carriageReturn, position + 1 < count, p[position + 1] != newline {
                        currentLine += 1; currentLineStart = position + 1
                    }
                    position += 1
                }
                if position >= count {
                    let column = UTF8Check.column(from: openLineStart, to: open, in: bytes)
                    diagnostics.append(.error(SourceLocation(path: path, line: openLine, column: column),
                                              "unterminated quoted field",
                                              hint: "the quote opened here is never closed; a `\"` inside a quoted value must be doubled (`\"\"`)"))
                    recordIsBad = true
                    return
                }
                if position + 1 < count, p[position + 1] == quote {
                    escaped = true
                    position += 2
                    continue
                }
                break
            }
            sink.put(CSVField(start: start, end: position, line: openLine, lineStart: openLineStart,
                              quoted: true, hasEscapedQuotes: escaped))
            position += 1
            if position < count, !isFieldEnd(p[position]) {
                if openLine != currentLine {
                    // A stray `"` (`"750`) is closed only by the next quote in the file, often a quoted note lines
                    // later: every line between was read as part of one value. Point at the quote that opened it.
                    let column = UTF8Check.column(from: openLineStart, to: open, in: bytes)
                    diagnostics.append(.error(SourceLocation(path: path, line: openLine, column: column),
                                              "the quote opened here is closed only on line \(currentLine), so lines \(openLine) to \(currentLine) read as one value: `\(recordText())`",
                                              hint: "remove the stray `\"`, or close it where the value ends; a `\"` inside a quoted value must be doubled (`\"\"`)"))
                    recordIsBad = true
                } else {
                    report("unexpected character after a closing quote", at: position,
                           hint: "a quoted value must end at the comma; to include a `\"` inside it, double it (`\"\"`)")
                }
                skipToFieldEnd(p)
            }
        } else {
            readUnquotedField(p, &sink)
        }
    }

    /// `readField` of a field that does not start with a quote.
    @inline(__always)
    private mutating func readUnquotedField(_ p: UnsafeBufferPointer<UInt8>, _ sink: inout FieldSink) {
        let count = p.count
        let start = position
        // A local index rather than `position`, so the loop over every byte of the file stays in a register.
        var end = start
        while end < count {
            let byte = p[end]
            if byte == comma || byte == newline || byte == carriageReturn { break }
            if byte == quote, !recordIsBad { reportQuoteInUnquotedField(at: end) }
            end += 1
        }
        position = end
        sink.put(CSVField(start: start, end: position, line: currentLine, lineStart: currentLineStart,
                          quoted: false, hasEscapedQuotes: false))
    }

    /// Out of line: the message and hint are made only for the rare row that needs them, not set up for every field.
    @inline(never)
    private mutating func reportQuoteInUnquotedField(at offset: Int) {
        report("quote inside an unquoted field", at: offset,
               hint: "put the whole value in double quotes and double the quote inside it: \"say \"\"hello\"\"\"")
    }

    private func isFieldEnd(_ byte: UInt8) -> Bool { byte == comma || byte == newline || byte == carriageReturn }

    private mutating func skipToFieldEnd(_ p: UnsafeBufferPointer<UInt8>) {
        while position < p.count, !isFieldEnd(p[position]) { position += 1 }
    }

    /// Consumes one line ending (LF, CRLF or a lone CR).
    private mutating func endLine(_ p: UnsafeBufferPointer<UInt8>) {
        if p[position] == carriageReturn, position + 1 < p.count, p[position + 1] == newline { position += 1 }
        position += 1
        currentLine += 1
        currentLineStart = position
    }

    private mutating func markRecordEnd() {
        recordEnd = position
        recordEndLine = currentLine
        recordEndLineStart = currentLineStart
    }

    /// The trailing fields a short row left out, as empty fields past its end (column +1, +2, … after it).
    private mutating func appendMissingFields(upTo expected: Int) {
        for k in 1...(expected - fields.count) {
            fields.append(CSVField(start: recordEnd, end: recordEnd, line: recordEndLine, lineStart: recordEndLineStart,
                                   quoted: false, hasEscapedQuotes: false, missing: k))
        }
    }

    private func appendEmptyField(_ sink: inout FieldSink) {
        sink.put(CSVField(start: position, end: position, line: currentLine, lineStart: currentLineStart,
                          quoted: false, hasEscapedQuotes: false))
    }

    private mutating func report(_ message: String, at offset: Int, hint: String) {
        let column = UTF8Check.column(from: currentLineStart, to: offset, in: bytes)
        diagnostics.append(.error(SourceLocation(path: path, line: currentLine, column: column),
                                  "\(message): `\(recordText())`", hint: hint))
        recordIsBad = true
    }
}

private let comma = UInt8(ascii: ",")
private let quote = UInt8(ascii: "\"")
private let newline = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")
