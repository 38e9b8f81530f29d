import ImpactDomain

/// data/<slug>/results.csv: the same figures as results.json, one row per indicator and period (`row` = `total`),
/// per contribution (`contribution`) and per disaggregation cell (`disaggregation`). Empty cells are absent
/// figures. The fields of each record are `ResultsRecords`' lists.
extension OpenData {
    /// The header: the indicator's columns, then `ResultsRowColumn`'s.
    public static let resultsCSVColumns = ResultsIndicatorColumn.names.headers + ResultsRowColumn.names.headers

    /// The header row, rendered and hashed once.
    static let resultsCSVHeader: HashedPart = {
        var csv = CSVWriter(capacity: 1024)
        csv.header(resultsCSVColumns)
        return HashedPart(csv.finishedBytes())
    }()

    public static func resultsCSVBytes(_ results: InitiativeResults) -> [UInt8] {
        Array(([resultsCSVHeader.bytes] + results.indicators.map(csvRowBytes)).joined())
    }

    /// results.csv as parts, from its indicators' rows (`csvRowBytes`), which a build renders and hashes once for
    /// this file and for each indicator's own CSV, and writes one after another (`RenderedFile.parts`).
    static func resultsCSVParts(rows: [HashedPart]) -> FileParts { FileParts([resultsCSVHeader] + rows) }

    /// One indicator's rows of results.csv, without the header.
    static func csvRowBytes(_ result: IndicatorResult) -> [UInt8] {
        var csv = CSVWriter(capacity: csvRowsCapacity(result, records: recordCount(result)))
        appendRows(of: result, to: &csv)
        return csv.finishedBytes()
    }

    /// Room for an indicator's rows, `records` of them (`recordCount`): 170 to 190 bytes a row on the benchmark
    /// sites, each with the indicator's name. Generous, as a build writes them straight into an array of this
    /// capacity (`ByteBuffer.array`).
    static func csvRowsCapacity(_ result: IndicatorResult, records: Int) -> Int {
        1024 + records * (256 + result.indicator.name.utf8.count)
    }

    /// An indicator's records: a row of results.csv (an object of results.json) per period, contribution and
    /// disaggregation cell. Counted once for both files' room; the periods are read in place (a loop over them
    /// copied each, retaining its fields, and each list asked for was retained and released).
    static func recordCount(_ result: IndicatorResult) -> Int {
        var records = result.periods.count
        for index in result.periods.indices {
            records += result.periods[index].contributions.count + result.periods[index].disaggregations.count
        }
        return records
    }

    public static func resultsCSV(_ results: InitiativeResults) -> String {
        String(decoding: resultsCSVBytes(results), as: UTF8.self)
    }

    /// An indicator's rows of results.csv (also its own download, `indicators/<id>.csv`).
    static func appendRows(of result: IndicatorResult, to csv: inout CSVWriter) {
        // The indicator's own columns are the same on each of its rows: rendered once.
        var definition = CSVRecord<ResultsIndicatorColumn>()
        ResultsRecords.indicator(result, into: &definition)
        var rows = ResultsCSVRows(prefix: definition.rendered())
        for (index, period) in result.periods.enumerated() {
            rows.row.set(.row, .text("total"))
            ResultsRecords.period(period, of: result, at: index, into: &rows)
            rows.write(to: &csv)
        }
    }
}

/// The CSV sink of results.csv: a period's `total` row, and the rows of the records nested in it, written after it.
struct ResultsCSVRows: NestingSink {
    /// The row being filled.
    var row = CSVRecord<ResultsRowColumn>()
    /// The indicator's columns, rendered once.
    let prefix: [UInt8]
    /// The nested records' rows, rendered while their parent row is still being filled, written after it.
    private var trailing = CSVWriter(capacity: 1024)
    private var child = CSVRecord<ResultsRowColumn>()

    init(prefix: [UInt8]) { self.prefix = prefix }

    mutating func put(_ column: ResultsRowColumn?, json: JSONKey, _ value: FieldValue) {
        row.put(column, json: json, value)
    }

    /// Each nested row takes its parent's `period` (the period list puts it first) and `kind` as its `row`.
    mutating func nested<Item>(_ key: StaticString, _ items: [Item], kind: StaticString,
                               _ fields: (Item, inout Self) -> Void) {
        beginNested()
        for item in items {
            beginNestedRow(kind)
            fields(item, &self)
            endNestedRow()
        }
        endNested()
    }

    /// The steps of `nested`, for a sink that also writes the JSON (`ResultsBothSink`): the parent row is set
    /// aside while the nested rows are filled in `row`, one after another.
    mutating func beginNested() { swap(&row, &child) }
    mutating func beginNestedRow(_ kind: StaticString) {
        row.copy(.period, from: child)
        row.set(.row, .text(kind.description))
    }
    mutating func endNestedRow() { row.write(to: &trailing, prefix: prefix) }
    mutating func endNested() { swap(&row, &child) }

    /// The parent row, then its nested records' rows.
    mutating func write(to csv: inout CSVWriter) {
        row.write(to: &csv, prefix: prefix)
        csv.append(trailing)
        trailing.removeAll()
    }
}
