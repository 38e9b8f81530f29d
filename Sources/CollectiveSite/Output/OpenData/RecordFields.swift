/// One field list per record, for the JSON and the CSV alike.
///
/// Each record of the open data (an indicator, a period's figures, a contribution, a disaggregation cell, a
/// finance row) lists its fields ONCE, in a function generic over a `RecordSink` (`ResultsRecords`,
/// `FinanceRecords`). The JSON writer passes a `JSONRecord`, which writes each field as a member of an object;
/// the CSV writer passes a `CSVRecord`, which puts it in its column. A field therefore cannot be added to one file
/// and not the other by accident: a field only one of them carries is listed with `jsonOnly` or `csvOnly`, in
/// plain sight, and `OpenDataFieldListTests` pins every such field.
///
/// Speed: the sinks are specialised per record (no existentials, no dictionaries), a JSON key is written from
/// bytes quoted once per column, and a CSV row is filled in one reused array of cells.

/// A CSV column of an open-data file, in header order (`rawValue` is its position). Its header, the case name in
/// snake case (`toDate` → `to_date`), is also the field's JSON key unless the record names another.
protocol OpenDataColumn: RawRepresentable<Int>, CaseIterable, Sendable {
    /// Headers and quoted JSON keys, computed once per column type: `static let names = ColumnNames(Self.self)`.
    static var names: ColumnNames { get }
}

// @unchecked: the key bytes below are written once, in `init`, and only read after; they are never freed.
struct ColumnNames: @unchecked Sendable {
    /// The CSV header row, in column order.
    let headers: [String]
    /// Each column's JSON member start as UTF-8, `, "to_date": `, so that its key is written without escaping it
    /// again: one after another (column `i`'s ends at `memberEnds[i]`), in memory that lives as long as the program
    /// and has no reference count. The JSON writers copy a key for every field they write, on both cores at once;
    /// taking it from shared arrays retained and released them from both, whose counts' cache line then went back
    /// and forth between the cores.
    let memberBytes: UnsafeBufferPointer<UInt8>
    let memberEnds: UnsafeBufferPointer<Int>

    init<Column: OpenDataColumn>(_: Column.Type) {
        headers = Column.allCases.map { column in
            var name = ""
            for character in String(describing: column) {
                if character.isUppercase { name += "_" + character.lowercased() } else { name.append(character) }
            }
            return name
        }
        let members = headers.map { Array((", " + JSONWriter.quoted($0) + ": ").utf8) }
        let flat = members.flatMap { $0 }
        // 32 bytes of padding after the last: any member may be read for 32 bytes (`ByteBuffer.append(padded:)`).
        let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: flat.count + 32)
        _ = bytes.initialize(from: flat + repeatElement(0x20, count: 32))
        let ends = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(members.count, 1))
        var end = 0
        for (index, member) in members.enumerated() {
            end += member.count
            ends[index] = end
        }
        memberBytes = UnsafeBufferPointer(bytes)
        memberEnds = UnsafeBufferPointer(ends)
    }

    /// Column `index`'s member start, `, "key": ` (an object's first member leaves out the `, `), without touching a
    /// reference count; its memory may be read for 32 bytes from its start (`ByteBuffer.append(padded:)`).
    @inline(__always)
    func member(_ index: Int, first: Bool) -> UnsafeBufferPointer<UInt8> {
        let start = (index == 0 ? 0 : memberEnds[index - 1]) + (first ? 2 : 0)
        return UnsafeBufferPointer(rebasing: memberBytes[start..<memberEnds[index]])
    }

    /// Column `index`'s quoted JSON key, `"key"`.
    func quotedKey(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let member = self.member(index, first: true)
        return UnsafeBufferPointer(rebasing: member[member.startIndex..<member.endIndex - 2])
    }
}

/// One field's value. Absent (`nil`) is `null` in the JSON and an empty cell in the CSV.
enum FieldValue {
    case text(String?)
    case number(Double?)
    case bool(Bool?)
    /// Several lines of text (a period's notes): an array of strings in the JSON, one cell in the CSV.
    case lines([String])
}

/// A field's name in the JSON.
enum JSONKey {
    /// Its column's header.
    case header
    /// Another name (results.csv's `indicator` is the JSON's `id`), or the name of a field the CSV does not carry.
    case named(String)
    /// None: the JSON does not carry the field.
    case none
}

/// Where a record's fields go: an object of the JSON file or a row of the CSV file.
protocol RecordSink: ~Copyable {
    associatedtype Column: OpenDataColumn
    /// One field of the record: in `column` of the CSV (nil: not in the CSV), under `json` in the JSON.
    mutating func put(_ column: Column?, json: JSONKey, _ value: FieldValue)

    /// A number or text field in both files under its column's header: `put(column, json: .header, value)`, which is
    /// what a sink does unless it writes these, the most common fields, its own way (`ResultsBothSink`).
    mutating func field(_ column: Column, _ value: Double?)
    mutating func field(_ column: Column, _ value: String?)
    mutating func field(_ column: Column, _ value: Bool?)
    mutating func field(_ column: Column, _ value: [String])
    /// Two number fields the JSON lists in this order, whose columns may be in the other (a contribution's `share`
    /// comes before its `target` in the JSON, after it in the CSV): `field(first, a)`, then `field(second, b)`, unless
    /// a sink writes each row's cells in column order as they come (`ResultsBothSink`).
    mutating func field(_ first: Column, _ a: Double?, then second: Column, _ b: Double?)
}

/// A sink that can also take the records nested in one (a period's contributions and disaggregation cells): an
/// array under `key` in the JSON, rows of kind `kind` right after this record's row in the CSV. Both are words of
/// the record list's own (lower-case ASCII letters), written as they are.
protocol NestingSink: RecordSink, ~Copyable {
    mutating func nested<Item>(_ key: StaticString, _ items: [Item], kind: StaticString,
                               _ fields: (Item, inout Self) -> Void)
}

extension RecordSink where Self: ~Copyable {
    /// A field in both files, its JSON key its column's header.
    mutating func field(_ column: Column, _ value: String?) { put(column, json: .header, .text(value)) }
    mutating func field(_ column: Column, _ value: Double?) { put(column, json: .header, .number(value)) }
    mutating func field(_ column: Column, _ value: Bool?) { put(column, json: .header, .bool(value)) }
    mutating func field(_ column: Column, _ value: [String]) { put(column, json: .header, .lines(value)) }
    mutating func field(_ first: Column, _ a: Double?, then second: Column, _ b: Double?) {
        field(first, a)
        field(second, b)
    }

    /// A field in both files, whose JSON key is not its column's header (results.csv's `indicator` is `id`).
    mutating func field(_ column: Column, key: String, _ value: String?) { put(column, json: .named(key), .text(value)) }

    /// A field only the JSON carries.
    mutating func jsonOnly(_ key: String, _ value: String?) { put(nil, json: .named(key), .text(value)) }
    mutating func jsonOnly(_ key: String, _ value: Double?) { put(nil, json: .named(key), .number(value)) }
    mutating func jsonOnly(_ key: String, _ value: Bool?) { put(nil, json: .named(key), .bool(value)) }

    /// A field only the CSV carries.
    mutating func csvOnly(_ column: Column, _ value: Double?) { put(column, json: .none, .number(value)) }
}

// MARK: - The JSON sink

/// Writes a record's fields as members of the JSON object the writer has open.
struct JSONRecord<Column: OpenDataColumn>: NestingSink {
    var json: JSONWriter
    /// `Column.names`, read once per record writer rather than once per field.
    private let names = Column.names

    init(json: JSONWriter) { self.json = json }

    mutating func put(_ column: Column?, json key: JSONKey, _ value: FieldValue) {
        if self.key(column, key) { json.value(value) }
    }

    /// A field whose value is already rendered as JSON (a number as `OpenData.appendNumber` writes it).
    mutating func put(_ column: Column?, json key: JSONKey, rendered: ArraySlice<UInt8>) {
        if self.key(column, key) { json.value(rendered: rendered) }
    }

    /// Writes the field's key; false when the JSON does not carry the field.
    private mutating func key(_ column: Column?, _ key: JSONKey) -> Bool {
        switch key {
        case .header:
            guard let column else { return false }
            json.key(quoted: names.quotedKey(column.rawValue))
        case .named(let name): json.key(name)
        case .none: return false
        }
        return true
    }

    mutating func nested<Item>(_ key: StaticString, _ items: [Item], kind: StaticString,
                               _ fields: (Item, inout Self) -> Void) {
        json.key(key.description)
        json.beginArray()
        for item in items {
            json.beginObject()
            fields(item, &self)
            json.endObject()
        }
        json.endArray()
    }
}

extension JSONWriter {
    /// Writes through a `JSONRecord` over this writer's own buffer (handed over and back, never copied).
    mutating func record<Column: OpenDataColumn>(_: Column.Type, _ body: (inout JSONRecord<Column>) -> Void) {
        var sink = JSONRecord<Column>(json: JSONWriter(capacity: 0))
        swap(&self, &sink.json)
        body(&sink)
        swap(&self, &sink.json)
    }

    /// `key`: an array with one object per item, each written by the record's field list.
    mutating func records<Column: OpenDataColumn, Item>(_ key: String, _ items: [Item], inline: Bool = false,
                                                       _ fields: (Item, inout JSONRecord<Column>) -> Void) {
        self.key(key)
        beginArray()
        record(Column.self) { sink in
            for item in items {
                sink.json.beginObject(inline: inline)
                fields(item, &sink)
                sink.json.endObject()
            }
        }
        endArray()
    }
}

// MARK: - The CSV sink

/// Fills one CSV row, cell by column: each cell is rendered when its field is put, into one buffer reused from row
/// to row (no `FieldValue` is kept), and the row is written in column order.
struct CSVRecord<Column: OpenDataColumn>: RecordSink {
    /// The cells rendered so far, in the order their fields were put.
    private var cells: [UInt8] = []
    /// Where each column's cell is in `cells`; an empty range for a column not put (an empty cell).
    private var spans = [Range<Int>](repeating: 0..<0, count: Column.names.headers.count)
    /// The columns put since the row was last written, bit `rawValue` (at most 64 columns: `init`).
    private(set) var filled: UInt64 = 0

    init() {
        precondition(Column.names.headers.count <= 64, "a CSVRecord marks its filled columns in 64 bits")
        cells.reserveCapacity(256)
    }

    mutating func put(_ column: Column?, json: JSONKey, _ value: FieldValue) {
        if let column { set(column, value) }
    }

    /// Renders `value` into `column`'s cell.
    mutating func set(_ column: Column, _ value: FieldValue) {
        let start = cells.count
        CSVWriter.appendField(value, to: &cells)
        spans[column.rawValue] = start..<cells.count
        filled |= 1 << UInt64(column.rawValue)
    }

    /// `column`'s cell as rendered (empty when it was not put).
    func cell(_ column: Column) -> ArraySlice<UInt8> { cells[spans[column.rawValue]] }

    /// `column`'s cell as another record has it, copied as rendered.
    mutating func copy(_ column: Column, from other: CSVRecord) {
        let start = cells.count
        cells.append(contentsOf: other.cells[other.spans[column.rawValue]])
        spans[column.rawValue] = start..<cells.count
        filled |= 1 << UInt64(column.rawValue)
    }

    /// The headers of the columns put, in column order.
    var filledHeaders: [String] {
        Column.names.headers.indices.filter { filled & (1 << UInt64($0)) != 0 }.map { Column.names.headers[$0] }
    }

    /// Writes the row, after the already rendered `prefix` if any, and empties every cell for the next row.
    mutating func write(to csv: inout CSVWriter, prefix: [UInt8] = []) {
        csv.row(prefix: prefix, rendered: cells, cells: spans)
        cells.removeAll(keepingCapacity: true)
        for index in spans.indices { spans[index] = 0..<0 }
        filled = 0
    }

    /// The row's fields rendered and joined (no line end), to repeat in front of many rows.
    func rendered() -> [UInt8] {
        var csv = CSVWriter(capacity: 256)
        csv.row(prefix: [], rendered: cells, cells: spans)
        return Array(csv.finishedBytes().dropLast(2))
    }
}
