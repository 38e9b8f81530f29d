import ImpactDomain

/// data/<slug>/results.json: the initiative, its periods, and each indicator with every period's figures,
/// contributions, disaggregation cells and notes. The fields of each record are `ResultsRecords`' lists.
extension OpenData {
    public static func resultsJSONBytes(_ results: InitiativeResults) -> [UInt8] {
        let parts = resultsJSONParts(results, entries: results.indicators.map { HashedPart(jsonEntryBytes($0)) }).bytes
        var bytes: [UInt8] = []
        bytes.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { bytes.append(contentsOf: part) }
        return bytes
    }

    public static func resultsJSON(_ results: InitiativeResults) -> String {
        String(decoding: resultsJSONBytes(results), as: UTF8.self)
    }

    /// results.json as parts, from its indicators' entries (`jsonEntryBytes`), which a build renders and hashes once
    /// for this file and for each indicator's own JSON, and writes one after another (`RenderedFile.parts`).
    static func resultsJSONParts(_ results: InitiativeResults, entries: [HashedPart]) -> FileParts {
        var json = JSONWriter(capacity: 1024)
        let initiative = results.initiative
        json.beginObject()
        json.field("initiative", initiative.slug)
        json.field("name", initiative.name)
        json.field("period_kind", initiative.periodKind.rawValue)
        json.key("periods")
        json.inlineStrings(results.periods.map(\.description))
        json.key("indicators")
        json.beginArray()
        var parts = FileParts()
        for entry in entries { json.elementPart(entry.bytes, hash: entry.hash, into: &parts) }
        json.endArray()
        json.endObject()
        parts.append(json.finishedBytes())
        return parts
    }

    /// One indicator's entry of results.json's `indicators`, as a fragment at its depth there (2).
    static func jsonEntryBytes(_ result: IndicatorResult) -> [UInt8] {
        // One line per period with its contributions and cells: 150 to 190 bytes a row on the benchmark sites. A
        // generous size: reserved pages that are never written cost no memory, while a buffer that has to grow
        // copies itself (a million-row file would briefly hold two large copies).
        var json = JSONWriter(capacity: jsonEntryCapacity(records: recordCount(result)), depth: 2)
        write(result, &json)
        return json.fragment()
    }

    /// Room for an indicator's entry of `records` records (`recordCount`).
    static func jsonEntryCapacity(records: Int) -> Int { 1024 + records * 320 }

    /// One indicator as an entry of results.json's `indicators` (also the heart of its own download): its
    /// definition, then `periods`, one line each with its contributions, disaggregations and notes.
    static func write(_ result: IndicatorResult, _ json: inout JSONWriter) {
        json.beginObject()
        json.record(ResultsIndicatorColumn.self) { ResultsRecords.indicator(result, into: &$0) }
        json.key("periods")
        json.beginArray()
        json.record(ResultsRowColumn.self) { sink in
            for (index, period) in result.periods.enumerated() {
                sink.json.beginObject(inline: true)
                ResultsRecords.period(period, of: result, at: index, into: &sink)
                sink.json.endObject()
            }
        }
        json.endArray()
        json.endObject()
    }
}
