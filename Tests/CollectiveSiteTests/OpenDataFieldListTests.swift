import Testing
@testable import CollectiveSite
@testable import ImpactDomain

/// Each record of the open data that is in a JSON and a CSV file (results.json/csv, the indicator downloads,
/// finance.json/csv) lists its fields once (`ResultsRecords`, `FinanceRecords`). These tests hold the JSON and the
/// CSV of each record to that list: the same fields, in the same order, and a field in only one of the two files
/// only where it is pinned below. Adding a field with `jsonOnly` or `csvOnly` fails here until it is pinned.
@Suite struct OpenDataFieldListTests {
    /// One entry of a record's list, as a recorder sink saw it.
    struct Entry: Equatable {
        var column: String?
        var key: String?
        var nested = false
    }

    /// A sink that writes nothing: it records the list (nested records as their JSON key).
    struct Recorder<Column: OpenDataColumn>: NestingSink {
        var entries: [Entry] = []

        mutating func put(_ column: Column?, json: JSONKey, _ value: FieldValue) {
            let header = column.map { Column.names.headers[$0.rawValue] }
            switch json {
            case .header: entries.append(Entry(column: header, key: header))
            case .named(let key): entries.append(Entry(column: header, key: key))
            case .none: entries.append(Entry(column: header, key: nil))
            }
        }

        mutating func nested<Item>(_ key: StaticString, _ items: [Item], kind: StaticString,
                                   _ fields: (Item, inout Self) -> Void) {
            entries.append(Entry(column: nil, key: key.description, nested: true))
        }

        var jsonKeys: [String] { entries.compactMap(\.key) }
        var csvColumns: [String] { entries.filter { !$0.nested }.compactMap(\.column) }
        var jsonOnly: [String] { entries.filter { $0.column == nil && !$0.nested }.compactMap(\.key) }
        var csvOnly: [String] { entries.filter { $0.key == nil }.compactMap(\.column) }
        var renamed: [String] {
            entries.compactMap { entry in
                guard let column = entry.column, let key = entry.key, column != key else { return nil }
                return "\(column)→\(key)"
            }
        }
    }

    /// The top-level keys of one JSON object, in order (the writer's output: no spaces inside keys).
    static func keys(_ json: String) -> [String] {
        var keys: [String] = []
        var depth = 0, inString = false, escaped = false
        var current = ""
        let characters = Array(json)
        for (index, character) in characters.enumerated() {
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" {
                    inString = false
                    if depth == 1, index + 1 < characters.count, characters[index + 1] == ":" { keys.append(current) }
                } else { current.append(character) }
                continue
            }
            switch character {
            case "\"": inString = true; current = ""
            case "{", "[": depth += 1
            case "}", "]": depth -= 1
            default: break
            }
        }
        return keys
    }

    /// A record written alone through the JSON writer's sink: its object's keys, in order.
    static func jsonKeys<Column: OpenDataColumn>(_: Column.Type, _ fields: (inout JSONRecord<Column>) -> Void) -> [String] {
        var json = JSONWriter()
        json.beginObject(inline: true)
        json.record(Column.self, fields)
        json.endObject()
        return keys(json.finished())
    }

    /// A record written alone through the CSV writer's sink: the headers of the columns it filled, in header order.
    static func filledColumns<Column: OpenDataColumn>(_: Column.Type, _ fields: (inout CSVRecord<Column>) -> Void) -> [String] {
        var row = CSVRecord<Column>()
        fields(&row)
        return row.filledHeaders
    }

    /// The CSV columns of the list in header order, against the list's order: the same, or the pair that differs.
    static func order(_ columns: [String], in headers: [String]) -> [String] {
        columns.sorted { headers.firstIndex(of: $0)! < headers.firstIndex(of: $1)! }
    }

    /// The demo initiative of `OpenDataTests`, with every conditional field switched on: a period not due, a
    /// partner that has left.
    static func results() throws -> (collective: IndicatorResult, partner: IndicatorResult) {
        let results = compute(OpenDataTests.initiative())
        var collective = try #require(results.indicators.first { $0.indicator.scope == .collective })
        collective.periods[0].isDue = false
        collective.periods[0].contributions[0].hasLeft = true
        let partner = try #require(results.indicators.first { $0.indicator.scope == .partner })
        return (collective, partner)
    }

    @Test func theIndicatorRecordCarriesItsDefinitionIntoBothFiles() throws {
        for result in try [Self.results().collective, Self.results().partner] {
            var list = Recorder<ResultsIndicatorColumn>()
            ResultsRecords.indicator(result, into: &list)
            // Pinned: the CSV repeats the definition on every row and keeps to what a reader filters by.
            let targetAlignment = result.indicator.scope == .partner ? [] : ["target_alignment"]
            #expect(list.jsonOnly == ["partner", "workstream", "baseline", "baseline_period", "target", "target_period"]
                + targetAlignment)
            #expect(list.csvOnly == [])
            #expect(list.renamed == ["indicator→id", "indicator_name→name"])
            #expect(Self.jsonKeys(ResultsIndicatorColumn.self) { ResultsRecords.indicator(result, into: &$0) } == list.jsonKeys)
            #expect(Self.filledColumns(ResultsIndicatorColumn.self) { ResultsRecords.indicator(result, into: &$0) } == list.csvColumns)
            #expect(list.csvColumns == ResultsIndicatorColumn.names.headers)
        }
    }

    @Test func thePeriodRecordCarriesTheSameFieldsInBothFiles() throws {
        for result in try [Self.results().collective, Self.results().partner] {
            let period = result.periods[0]
            var list = Recorder<ResultsRowColumn>()
            ResultsRecords.period(period, of: result, at: 0, into: &list)
            // Pinned: every field of a period is in both files, `due` (only when false) included.
            #expect(list.jsonOnly == [])
            #expect(list.csvOnly == [] && list.renamed == [])
            var json = JSONWriter()
            json.beginObject(inline: true)
            json.record(ResultsRowColumn.self) { ResultsRecords.period(period, of: result, at: 0, into: &$0) }
            json.endObject()
            #expect(Self.keys(json.finished()) == list.jsonKeys)
            // The CSV's `total` row: the list's columns, in header order, which is the list's order.
            var csv = CSVWriter()
            var rows = ResultsCSVRows(prefix: [])
            rows.row.set(.row, .text("total"))
            ResultsRecords.period(period, of: result, at: 0, into: &rows)
            #expect(rows.row.filledHeaders == Self.order(list.csvColumns + ["row"], in: ResultsRowColumn.names.headers))
            #expect(Self.order(list.csvColumns, in: ResultsRowColumn.names.headers) == list.csvColumns)
            rows.write(to: &csv)
            // Then a row per nested record, of its kind, in the order the JSON nests them.
            let kinds = csv.finished().split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false)[1] }
            #expect(kinds == ["total"]
                + Array(repeating: "contribution", count: result.indicator.scope == .partner ? 0 : period.contributions.count)
                + Array(repeating: "disaggregation", count: period.disaggregations.count))
        }
    }

    @Test func theNestedRecordsCarryTheSameFieldsInBothFiles() throws {
        let period = try Self.results().collective.periods[0]
        let contribution = try #require(period.contributions.first { $0.hasLeft })
        var list = Recorder<ResultsRowColumn>()
        ResultsRecords.contribution(contribution, into: &list)
        #expect(list.jsonOnly == [] && list.csvOnly == [] && list.renamed == [])
        #expect(list.jsonKeys == ["partner", "value", "numerator", "denominator", "share", "target", "left"])
        #expect(Self.jsonKeys(ResultsRowColumn.self) { ResultsRecords.contribution(contribution, into: &$0) } == list.jsonKeys)
        #expect(Self.filledColumns(ResultsRowColumn.self) { ResultsRecords.contribution(contribution, into: &$0) }
            .allSatisfy(list.csvColumns.contains))
        // Pinned: the one order that differs. results.csv's columns are shared by every kind of row, and `target`
        // comes before `share` there; both orders are published.
        #expect(Self.order(list.csvColumns, in: ResultsRowColumn.names.headers)
            == ["partner", "value", "numerator", "denominator", "target", "share", "left"])

        let cell = try #require(period.disaggregations.first)
        var cellList = Recorder<ResultsRowColumn>()
        ResultsRecords.disaggregation(cell, into: &cellList)
        #expect(cellList.jsonOnly == [] && cellList.csvOnly == [] && cellList.renamed == [])
        #expect(Self.jsonKeys(ResultsRowColumn.self) { ResultsRecords.disaggregation(cell, into: &$0) } == cellList.jsonKeys)
        #expect(Self.order(cellList.csvColumns, in: ResultsRowColumn.names.headers) == cellList.csvColumns)
    }

    @Test func everyResultsCSVColumnIsSomeRecordsField() throws {
        let (collective, partner) = try Self.results()
        var columns: Set<String> = ["row"]  // the CSV's own: the kind of row
        for result in [collective, partner] {
            var period = Recorder<ResultsRowColumn>()
            ResultsRecords.period(result.periods[0], of: result, at: 0, into: &period)
            columns.formUnion(period.csvColumns)
            for contribution in result.periods[0].contributions {
                var list = Recorder<ResultsRowColumn>()
                ResultsRecords.contribution(contribution, into: &list)
                columns.formUnion(list.csvColumns)
            }
            for cell in result.periods[0].disaggregations {
                var list = Recorder<ResultsRowColumn>()
                ResultsRecords.disaggregation(cell, into: &list)
                columns.formUnion(list.csvColumns)
            }
        }
        #expect(columns == Set(ResultsRowColumn.names.headers))
        #expect(OpenData.resultsCSVColumns == ResultsIndicatorColumn.names.headers + ResultsRowColumn.names.headers)
    }

    @Test func theFinanceRecordsCarryTheSameFieldsInBothFiles() throws {
        let content = ContentLoader.load(contentDirectory: SiteBuildTests.repository + "/content")
        let oporajita = try #require(content.initiatives.first { $0.initiative.slug == "oporajita" })
        let book = try #require(compute(oporajita.initiative).finance).local
        let funder = try #require(book.funders.first), partner = try #require(book.partners.first)
        let period = try #require(book.periods.first)
        typealias Fields = (inout Recorder<FinanceColumn>) -> Void
        let records: [(name: String, list: Fields, json: (inout JSONRecord<FinanceColumn>) -> Void,
                       csv: (inout CSVRecord<FinanceColumn>) -> Void)] = [
            ("totals", { FinanceRecords.totals(book.totals, into: &$0) }, { FinanceRecords.totals(book.totals, into: &$0) },
             { FinanceRecords.totals(book.totals, into: &$0) }),
            ("funder", { FinanceRecords.funder(funder, into: &$0) }, { FinanceRecords.funder(funder, into: &$0) },
             { FinanceRecords.funder(funder, into: &$0) }),
            ("partner", { FinanceRecords.partner(partner, into: &$0) }, { FinanceRecords.partner(partner, into: &$0) },
             { FinanceRecords.partner(partner, into: &$0) }),
            ("period", { FinanceRecords.period(period, into: &$0) }, { FinanceRecords.period(period, into: &$0) },
             { FinanceRecords.period(period, into: &$0) }),
        ]
        var columns: Set<String> = ["row", "currency"]  // the CSV's own: the kind of row, the book's currency
        for record in records {
            var list = Recorder<FinanceColumn>()
            record.list(&list)
            columns.formUnion(list.csvColumns)
            #expect(list.csvOnly == [], "\(record.name)")
            #expect(list.jsonOnly == [], "\(record.name)")
            #expect(list.renamed == (record.name == "totals" ? [] : ["id→\(record.name)"]), "\(record.name)")
            #expect(Self.jsonKeys(FinanceColumn.self, record.json) == list.jsonKeys, "\(record.name)")
            #expect(Self.filledColumns(FinanceColumn.self, record.csv).allSatisfy(list.csvColumns.contains), "\(record.name)")
            // Pinned: the one order that differs (finance.csv's shared columns put `spent` before `received`).
            let csvOrder = Self.order(list.csvColumns, in: FinanceColumn.names.headers)
            #expect(csvOrder == (record.name == "partner" ? ["id", "spent", "received", "utilisation"] : list.csvColumns),
                    "\(record.name)")
        }
        // The total row's `id` is the initiative, which its JSON (the file's top) already names.
        #expect(columns.union(["id"]) == Set(FinanceColumn.names.headers))
    }
}
