import ImpactDomain

extension OpenData {
    /// One indicator's rows of results.csv and entry of results.json, which are also its own downloads: the same
    /// bytes as `csvRowBytes` and `jsonEntryBytes`, made in one pass over each period's fields (`ResultsBothSink`).
    static func indicatorParts(_ result: IndicatorResult) -> (csvRows: [UInt8], jsonEntry: [UInt8]) {
        var definition = CSVRecord<ResultsIndicatorColumn>()
        ResultsRecords.indicator(result, into: &definition)
        var csv = CSVWriter(capacity: csvRowsCapacity(result))
        var json = JSONWriter(capacity: jsonEntryCapacity(result), depth: 2)
        json.beginObject()
        json.record(ResultsIndicatorColumn.self) { ResultsRecords.indicator(result, into: &$0) }
        json.key("periods")
        json.beginArray()
        // The writer's buffer is handed to the sink and back, never copied (as `JSONWriter.record` does).
        var sink = ResultsBothSink(json: JSONRecord(json: JSONWriter(capacity: 0)), csv: ResultsCSVRows(prefix: definition.rendered()))
        swap(&json, &sink.json.json)
        for (index, period) in result.periods.enumerated() {
            sink.json.json.beginObject(inline: true)
            sink.csv.row.set(.row, .text("total"))
            ResultsRecords.period(period, of: result, at: index, into: &sink)
            sink.json.json.endObject()
            sink.csv.write(to: &csv)
        }
        swap(&json, &sink.json.json)
        json.endArray()
        json.endObject()
        return (csv.finishedBytes(), json.fragment())
    }
}

/// The period records written into results.json's entry and results.csv's rows at once: each field of the list is
/// read once, and each number formatted once, into its CSV cell, from which the JSON copies it (both files write a
/// finite number as `OpenData.appendNumber` does). Formatting every figure twice was a fifth of the open data's cost.
struct ResultsBothSink: NestingSink {
    var json: JSONRecord<ResultsRowColumn>
    var csv: ResultsCSVRows

    mutating func put(_ column: ResultsRowColumn?, json key: JSONKey, _ value: FieldValue) {
        if let column, case .number(let number?) = value, number.isFinite {
            csv.row.set(column, value)
            json.put(column, json: key, rendered: csv.row.cell(column))
        } else {
            json.put(column, json: key, value)
            csv.put(column, json: key, value)
        }
    }

    /// An array of objects under `key` in the JSON (`JSONRecord.nested`), rows after the parent's in the CSV.
    mutating func nested<Item>(_ key: String, _ items: [Item], kind: String, _ fields: (Item, inout Self) -> Void) {
        json.json.key(key)
        json.json.beginArray()
        csv.beginNested()
        for item in items {
            json.json.beginObject()
            csv.beginNestedRow(kind)
            fields(item, &self)
            json.json.endObject()
            csv.endNestedRow()
        }
        csv.endNested()
        json.json.endArray()
    }
}
