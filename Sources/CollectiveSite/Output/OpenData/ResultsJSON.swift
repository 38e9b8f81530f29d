import ImpactDomain

/// data/<slug>/results.json: the initiative, its periods, and each indicator with every period's figures,
/// contributions, disaggregation cells and notes. The fields of each record are `ResultsRecords`' lists.
extension OpenData {
    public static func resultsJSONBytes(_ results: InitiativeResults) -> [UInt8] {
        // One line per period with its contributions and cells: 150 to 190 bytes a row on the benchmark sites.
        var json = JSONWriter(capacity: estimatedSize(results, bytesPerRow: 320))
        let initiative = results.initiative
        json.beginObject()
        json.field("initiative", initiative.slug)
        json.field("name", initiative.name)
        json.field("period_kind", initiative.periodKind.rawValue)
        json.key("periods")
        json.inlineStrings(results.periods.map(\.description))
        json.key("indicators")
        json.beginArray()
        for indicator in results.indicators { write(indicator, &json) }
        json.endArray()
        json.endObject()
        return json.finishedBytes()
    }

    public static func resultsJSON(_ results: InitiativeResults) -> String {
        String(decoding: resultsJSONBytes(results), as: UTF8.self)
    }

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

    /// A generous size for a results file: reserved pages that are never written cost no memory, while a buffer
    /// that has to grow copies itself (a million-row file would briefly hold two large copies).
    static func estimatedSize(_ results: InitiativeResults, bytesPerRow: Int) -> Int {
        var rows = 0
        for result in results.indicators {
            for period in result.periods { rows += 1 + period.contributions.count + period.disaggregations.count }
        }
        return max(1 << 16, rows * bytesPerRow)
    }
}
