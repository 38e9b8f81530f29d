import ImpactDomain

/// The money downloads: `data/<slug>/finance.json` and `finance.csv` (the initiative's own currency) and
/// `data/funders.json` (the site currency). Figures come from `InitiativeResults.finance` (Rule 8) as plain
/// numbers: absent is `null` (an empty cell in the CSV), never 0; shares and utilisation are fractions.
extension OpenData {
    static let financeCSVColumns = [
        "row", "id", "currency", "committed", "disbursed", "spent", "backbone_spent", "backbone_share", "cost_per_person",
        "share", "received", "utilisation", "spent_to_date", "reach_to_date", "cost_per_person_to_date",
    ]

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
        json.field("committed", book.totals.committed)
        json.field("disbursed", book.totals.disbursed)
        json.field("spent", book.totals.spent)
        json.field("backbone_spent", book.totals.backboneSpent)
        json.field("backbone_share", book.totals.backboneShare)
        json.field("cost_per_person", book.totals.costPerPerson)
        json.endObject()
        json.key("funders")
        json.beginArray()
        for funder in book.funders {
            json.beginObject(inline: true)
            json.field("funder", funder.funder)
            json.field("committed", funder.committed)
            json.field("disbursed", funder.disbursed)
            json.field("share", funder.share)
            json.endObject()
        }
        json.endArray()
        json.key("partners")
        json.beginArray()
        for partner in book.partners {
            json.beginObject(inline: true)
            json.field("partner", partner.partner)
            json.field("received", partner.received)
            json.field("spent", partner.spent)
            json.field("utilisation", partner.utilisation)
            json.endObject()
        }
        json.endArray()
        json.key("periods")
        json.beginArray()
        for period in book.periods {
            json.beginObject(inline: true)
            json.field("period", period.period.description)
            json.field("committed", period.committed)
            json.field("disbursed", period.disbursed)
            json.field("spent", period.spent)
            json.field("spent_to_date", period.spentToDate)
            json.field("reach_to_date", period.reachToDate)
            json.field("cost_per_person_to_date", period.costPerPersonToDate)
            json.endObject()
        }
        json.endArray()
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
        csv.row(financeCSVColumns.map(CSVWriter.Cell.text))
        typealias Cell = CSVWriter.Cell
        func row(_ kind: String, _ id: String, _ values: [String: Double?]) {
            csv.row([.text(kind), .text(id), .text(book.currency)] + financeCSVColumns.dropFirst(3).map { column in
                Cell.number(values[column] ?? nil)
            })
        }
        let totals = book.totals
        row("total", results.initiative.slug, [
            "committed": totals.committed, "disbursed": totals.disbursed, "spent": totals.spent,
            "backbone_spent": totals.backboneSpent, "backbone_share": totals.backboneShare,
            "cost_per_person": totals.costPerPerson,
        ])
        for funder in book.funders {
            row("funder", funder.funder, ["committed": funder.committed, "disbursed": funder.disbursed, "share": funder.share])
        }
        for partner in book.partners {
            row("partner", partner.partner, ["received": partner.received, "spent": partner.spent,
                                             "utilisation": partner.utilisation])
        }
        for period in book.periods {
            row("period", period.period.description, [
                "committed": period.committed, "disbursed": period.disbursed, "spent": period.spent,
                "backbone_spent": period.backboneSpent, "backbone_share": period.backboneShare,
                "spent_to_date": period.spentToDate, "reach_to_date": period.reachToDate,
                "cost_per_person_to_date": period.costPerPersonToDate,
            ])
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
