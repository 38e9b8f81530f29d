import ImpactDomain

/// The money downloads: `data/<slug>/finance.json` and `finance.csv` (the initiative's own currency) and
/// `data/funders.json` (the site currency). Figures come from `InitiativeResults.finance` (Rule 8) as plain
/// numbers: absent is `null` (an empty cell in the CSV), never 0; shares and utilisation are fractions.
extension OpenData {
    static let financeCSVColumns = FinanceColumn.names.headers

    public static func financeJSONBytes(_ results: InitiativeResults) -> [UInt8] {
        guard let finance = results.finance else { return [] }
        let book = finance.local
        var json = JSONWriter()
        json.beginObject()
        json.field("initiative", results.initiative.slug)
        json.field("currency", book.currency)
        json.field("reach_indicator", finance.reachIndicator)
        json.key("totals")
        json.beginObject(inline: true)
        json.record(FinanceColumn.self) { FinanceRecords.totals(book.totals, into: &$0) }
        json.endObject()
        json.records("funders", book.funders, inline: true) { FinanceRecords.funder($0, into: &$1) }
        json.records("partners", book.partners, inline: true) { FinanceRecords.partner($0, into: &$1) }
        json.records("periods", book.periods, inline: true) { FinanceRecords.period($0, into: &$1) }
        // The rates are the JSON's only: the CSV's rows are all in the book's one currency.
        json.key("rates")
        json.beginArray()
        for rate in finance.ratesUsed {
            json.beginObject(inline: true)
            json.field("currency", rate.currency)
            json.field("period", rate.period.description)
            json.field("rate", rate.rate)
            json.field("source", rate.source)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.finishedBytes()
    }

    /// The same figures flat: one `total` row, then a row per funder, per partner and per period (`row`, `id`).
    public static func financeCSVBytes(_ results: InitiativeResults) -> [UInt8] {
        guard let finance = results.finance else { return [] }
        let book = finance.local
        var csv = CSVWriter()
        csv.header(financeCSVColumns)
        var row = CSVRecord<FinanceColumn>()
        func write(_ kind: String) {
            row.set(.row, .text(kind))
            row.set(.currency, .text(book.currency))
            row.write(to: &csv)
        }
        row.set(.id, .text(results.initiative.slug))
        FinanceRecords.totals(book.totals, into: &row)
        write("total")
        for funder in book.funders {
            FinanceRecords.funder(funder, into: &row)
            write("funder")
        }
        for partner in book.partners {
            FinanceRecords.partner(partner, into: &row)
            write("partner")
        }
        for period in book.periods {
            FinanceRecords.period(period, into: &row)
            write("period")
        }
        return csv.finishedBytes()
    }
}

/// data/funders.json: every funder of content/funders.csv with what it committed and disbursed to each
/// initiative, in the site currency (each amount converted at its own period's rate), and its share of each
/// initiative's disbursements. A funder's totals are null when its initiatives' figures are not all in one
/// currency (a site without `currency:`): amounts are never added across currencies.
enum FundersData: SiteWidePage {
    static let path = "data/funders.json"

    static func input(_ entry: InitiativeEntry) -> String { entry.money }

    static func render(_ inputs: [String], frame: PageFrame) -> RenderedFile {
        let summaries = inputs.compactMap(MoneySummary.decoded)
        var json = JSONWriter()
        json.beginObject()
        json.field("currency", frame.config.finance.currency)
        json.key("funders")
        json.beginArray()
        for funder in frame.config.finance.funders {
            let lines = summaries.compactMap { summary in summary.funders.first { $0.funder == funder.id }.map { (summary, $0) } }
            let oneCurrency = Set(lines.map { $0.0.currency }).count <= 1
            func total(_ amount: (MoneySummary.FunderLine) -> Double?) -> Double? {
                let amounts = lines.compactMap { amount($0.1) }
                return oneCurrency && !amounts.isEmpty ? amounts.reduce(0, +) : nil
            }
            json.beginObject()
            json.field("funder", funder.id)
            json.field("name", funder.name)
            json.field("kind", funder.kind.rawValue)
            json.field("country", funder.country.isEmpty ? nil : funder.country)
            json.field("url", funder.url.isEmpty ? nil : funder.url)
            json.field("committed", total(\.committed))
            json.field("disbursed", total(\.disbursed))
            json.key("initiatives")
            json.beginArray()
            for (summary, line) in lines {
                json.beginObject(inline: true)
                json.field("initiative", summary.slug)
                json.field("currency", summary.currency)
                json.field("committed", line.committed)
                json.field("disbursed", line.disbursed)
                json.field("share", line.share)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return RenderedFile(path: path, bytes: json.finishedBytes(), isPage: false)
    }
}
