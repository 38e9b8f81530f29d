import ImpactDomain

/// A column of a known table as a file's header has it: its name, for messages about its cells, and its index in
/// each record (nil: the file does not have it). Made by `TableHeader` from the table's `TableColumn`.
struct CSVColumn {
    let name: String
    let index: Int?
}

/// A header read against a table's columns: `columns[.name]`, so a lookup cannot name a column the table lacks.
struct TableHeader<Column: TableColumn> {
    let header: CSVHeader
    subscript(_ column: Column) -> CSVColumn { CSVColumn(name: column.rawValue, index: header[column.rawValue]) }
}

/// Typed cells of the reader's current record, by column (its index is nil when the file has no such column).
/// Each reader appends a located diagnostic, naming the column, when the cell is malformed and returns nil.
extension CSVReader {
    /// The cell's text without surrounding spaces (a no-break space too: `ValueParsing.trimmed`); "" when the
    /// column is absent.
    func text(_ index: Int?) -> String {
        guard let index else { return "" }
        let field = fields[index]
        if field.isEmpty { return "" }  // most optional cells of a results row
        guard !field.hasEscapedQuotes else { return string(of: field).trimmingSpaces }
        return withBytes(of: field) { cell in
            let (start, end) = ValueParsing.trimmed(cell)
            return String(decoding: UnsafeBufferPointer(rebasing: cell[start..<end]), as: UTF8.self)
        }
    }

    func text(_ column: CSVColumn) -> String { text(column.index) }

    /// The cell's text, or nil when it is empty or the column is absent.
    func optionalText(_ column: CSVColumn) -> String? {
        let value = text(column.index)
        return value.isEmpty ? nil : value
    }

    func location(_ index: Int?) -> SourceLocation {
        index.map { location(ofField: $0) } ?? recordLocation
    }

    func location(_ column: CSVColumn) -> SourceLocation { location(column.index) }

    /// An error about the cell of `column` in the current record. It names the column (`Diagnostic.field`) when the
    /// file has it, so a cell of column A is named `(cell A5)`, not taken for the row as a whole (`(row 5)`).
    func cellError(_ column: CSVColumn, _ message: String, hint: String?) -> Diagnostic {
        .error(location(column.index), message, hint: hint, field: column.index == nil ? nil : column.name)
    }

    func isBlank(_ index: Int?) -> Bool {
        guard let index else { return true }
        return withBytes(of: fields[index]) { ValueParsing.trimmed($0).start == $0.count }
    }

    func isBlank(_ column: CSVColumn) -> Bool { isBlank(column.index) }

    /// A number; an empty cell is nil, and an error only when `required`.
    func number(_ column: CSVColumn, required: Bool = false, _ diagnostics: inout [Diagnostic]) -> Double? {
        guard let index = column.index else { return nil }
        if !required, fields[index].isEmpty { return nil }  // most numerators and denominators
        if let (value, plain) = withBytes(of: fields[index], ValueParsing.parsedNumber) {
            if !plain { warnIfScientific(index, column.name, value, &diagnostics) }
            return value
        }
        if !required, isBlank(index) { return nil }
        let problem = ValueParsing.numberProblem(text(index), column: column.name)
        diagnostics.append(cellError(column, problem.message, hint: problem.hint))
        return nil
    }

    /// A number read from a cell such as `1.2E+06` (after `ValueParsing.number` accepted it): a warning, because
    /// that is how Excel saves a number whose column is too narrow to show it, rounded to what was shown.
    func warnIfScientific(_ index: Int, _ column: String, _ value: Double, _ diagnostics: inout [Diagnostic]) {
        guard withBytes(of: fields[index], { $0.contains { $0 | 0x20 == UInt8(ascii: "e") } }) else { return }
        let full = value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        diagnostics.append(.warning(location(ofField: index),
                                    "`\(text(index))` in column `\(column)` is in scientific notation, as Excel saves a number whose column is too narrow, rounded to the digits it showed",
                                    hint: "check the figure against its source and write it in full (\(full) if that is right); in Excel, widen the column or format it as Number before saving"))
    }

    /// A period; an empty cell is nil, and an error only when `required`.
    func period(_ column: CSVColumn, required: Bool = false, _ diagnostics: inout [Diagnostic]) -> Period? {
        guard let index = column.index else { return nil }
        if !required, fields[index].isEmpty { return nil }
        if let period = withBytes(of: fields[index], ValueParsing.period) { return period }
        if !required, isBlank(index) { return nil }
        let problem = ValueParsing.periodProblem(text(index), column: column.name)
        diagnostics.append(cellError(column, problem.message, hint: problem.hint))
        return nil
    }

    /// A value from a fixed vocabulary; nil (after an error) when empty or unknown.
    func choice<T: RawRepresentable & CaseIterable>(_ column: CSVColumn, _ type: T.Type,
                                                    _ diagnostics: inout [Diagnostic]) -> T? where T.RawValue == String {
        let written = text(column.index)
        if let value = ValueParsing.choice(written, type) { return value }
        let problem = ValueParsing.choiceProblem(written, type, column: column.name)
        diagnostics.append(cellError(column, problem.message, hint: problem.hint))
        return nil
    }

    /// A text that must not be empty.
    func requiredText(_ column: CSVColumn, _ diagnostics: inout [Diagnostic]) -> String? {
        let value = text(column.index)
        guard value.isEmpty else { return value }
        diagnostics.append(cellError(column, "`\(column.name)` is empty", hint: "fill in the `\(column.name)` cell: every row needs one"))
        return nil
    }

    /// An id that will become a file name or web address: checked before anything else uses it.
    /// - Parameter what: what the id names, for messages (`partner id`).
    func id(_ column: CSVColumn, _ what: String, _ diagnostics: inout [Diagnostic]) -> String? {
        let value = text(column.index)
        guard ValueParsing.isValidID(value) else {
            let problem = ValueParsing.idProblem(value, what: what)
            diagnostics.append(cellError(column, problem.message, hint: problem.hint))
            return nil
        }
        return value
    }
}

/// Reading one CSV file of a known shape: header checks, then one call of `row` per well-formed record.
enum CSVTable {
    /// `rows` receives the header once and returns the function called for each row, so column indexes are
    /// looked up by name once per file rather than once per cell.
    static func read<Column: TableColumn>(_ bytes: [UInt8], path: String, columns: Column.Type,
                                          personalColumn: (String) -> Bool = { _ in false },
                                          _ diagnostics: inout [Diagnostic],
                                          rows: (TableHeader<Column>) -> (borrowing CSVReader, inout [Diagnostic]) -> Void) {
        guard let (opened, header) = open(bytes, path: path, columns: columns, personalColumn: personalColumn,
                                          &diagnostics) else { return }
        var reader = opened
        let row = rows(header)
        while reader.next() { row(reader, &diagnostics) }
        diagnostics += reader.diagnostics
    }

    /// A reader positioned after a usable header, or nil (with the reasons in `diagnostics`). The caller reads
    /// the rows and then adds `reader.diagnostics`.
    static func open<Column: TableColumn>(_ bytes: [UInt8], path: String, columns: Column.Type,
                                          personalColumn: (String) -> Bool = { _ in false },
                                          _ diagnostics: inout [Diagnostic]) -> (CSVReader, TableHeader<Column>)? {
        var reader = CSVReader(bytes: bytes, path: path,
                               emptyFileHint: "the first line must be the header: \(Column.names.joined(separator: ","))")
        guard reader.next() else { diagnostics += reader.diagnostics; return nil }
        let header = CSVHeader(reader: reader, required: Column.requiredNames, optional: Column.optionalNames,
                               personalColumn: personalColumn)
        diagnostics += header.diagnostics
        guard header.isUsable else { diagnostics += reader.diagnostics; return nil }
        return (reader, TableHeader(header: header))
    }
}
