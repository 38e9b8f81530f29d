import ImpactDomain

/// The money files, each read into domain records: the site's funders.csv and rates.csv, an initiative's
/// funding.csv and spending.csv. Only what one row shows is checked here (numbers, periods, vocabularies, currency
/// codes); ids, rates and sums are `ImpactDomain.validate`'s job.
enum FinanceTables {
    /// An ISO 4217 code: three capital letters (`USD`, `BDT`, `INR`).
    static func isCurrencyCode(_ text: String) -> Bool {
        text.utf8.count == 3 && text.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }

    static func currencyProblem(_ text: String, column: String) -> (message: String, hint: String) {
        let upper = text.uppercased()
        let hint = isCurrencyCode(upper) ? "write it in capitals: `\(upper)`" : "write the ISO 4217 code, such as `USD`, `BDT` or `INR`"
        return ("`\(text)` in `\(column)` is not a currency code", hint)
    }

    static func funders(_ bytes: [UInt8], path: String, _ diagnostics: inout [Diagnostic]) -> [Funder] {
        var funders: [Funder] = []
        CSVTable.read(bytes, path: path, columns: FunderColumn.self, &diagnostics) { columns in
            let idColumn = columns[.id], nameColumn = columns[.name], kindColumn = columns[.kind]
            let countryColumn = columns[.country], urlColumn = columns[.url]
            return { row, diagnostics in
                let id = row.id(idColumn, "funder id", &diagnostics)
                let name = row.requiredText(nameColumn, &diagnostics)
                let kind = row.choice(kindColumn, FunderKind.self, &diagnostics) ?? .other
                let url = row.text(urlColumn)
                if !url.isEmpty, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                    diagnostics.append(.error(row.location(urlColumn), "`\(url)` in `\(urlColumn.name)` is not a web address",
                                              hint: "write the funder's address in full, starting with https://"))
                }
                guard let id else { return }
                funders.append(Funder(id: id, name: name ?? id, kind: kind, country: row.text(countryColumn),
                                      url: url.hasPrefix("http") ? url : "", location: row.recordLocation))
            }
        }
        return funders
    }

    static func rates(_ bytes: [UInt8], path: String, _ diagnostics: inout [Diagnostic]) -> [ExchangeRate] {
        var rates: [ExchangeRate] = []
        CSVTable.read(bytes, path: path, columns: RateColumn.self, &diagnostics) { columns in
            let currencyColumn = columns[.currency], periodColumn = columns[.period], rateColumn = columns[.rate]
            let sourceColumn = columns[.source]
            return { row, diagnostics in
                let currency = row.currency(currencyColumn, required: true, &diagnostics)
                let period = row.period(periodColumn, required: true, &diagnostics)
                let rate = row.number(rateColumn, required: true, &diagnostics)
                guard let currency, let period, let rate else { return }
                rates.append(ExchangeRate(currency: currency, period: period, rate: rate, source: row.text(sourceColumn),
                                          location: row.recordLocation))
            }
        }
        return rates
    }

    /// `currency` is the initiative's, for rows that leave the column empty (nil: the initiative names none, and
    /// validation says so).
    static func funding(_ bytes: [UInt8], path: String, currency: String?, _ diagnostics: inout [Diagnostic]) -> [FundingRecord] {
        var records: [FundingRecord] = []
        CSVTable.read(bytes, path: path, columns: FundingColumn.self, &diagnostics) { columns in
            let funderColumn = columns[.funder], recipientColumn = columns[.recipient], periodColumn = columns[.period]
            let kindColumn = columns[.kind], amountColumn = columns[.amount], currencyColumn = columns[.currency]
            let noteColumn = columns[.note]
            return { row, diagnostics in
                let funder = row.requiredText(funderColumn, &diagnostics)
                let recipient = row.requiredText(recipientColumn, &diagnostics)
                let period = row.period(periodColumn, required: true, &diagnostics)
                let kind = row.choice(kindColumn, FundingKind.self, &diagnostics)
                let amount = row.number(amountColumn, required: true, &diagnostics)
                let rowCurrency = row.currency(currencyColumn, required: false, &diagnostics) ?? currency ?? ""
                guard let funder, let recipient, let period, let kind, let amount else { return }
                records.append(FundingRecord(funder: funder, recipient: recipient, period: period, kind: kind,
                                             amount: amount, currency: rowCurrency, note: row.text(noteColumn),
                                             location: row.recordLocation))
            }
        }
        return records
    }

    static func spending(_ bytes: [UInt8], path: String, currency: String?, _ diagnostics: inout [Diagnostic]) -> [SpendingRecord] {
        var records: [SpendingRecord] = []
        CSVTable.read(bytes, path: path, columns: SpendingColumn.self, &diagnostics) { columns in
            let partnerColumn = columns[.partner], periodColumn = columns[.period], amountColumn = columns[.amount]
            let workstreamColumn = columns[.workstream], currencyColumn = columns[.currency]
            let noteColumn = columns[.note]
            return { row, diagnostics in
                let partner = row.requiredText(partnerColumn, &diagnostics)
                let period = row.period(periodColumn, required: true, &diagnostics)
                let amount = row.number(amountColumn, required: true, &diagnostics)
                let rowCurrency = row.currency(currencyColumn, required: false, &diagnostics) ?? currency ?? ""
                guard let partner, let period, let amount else { return }
                records.append(SpendingRecord(partner: partner, period: period, workstream: row.optionalText(workstreamColumn),
                                              amount: amount, currency: rowCurrency, note: row.text(noteColumn),
                                              location: row.recordLocation))
            }
        }
        return records
    }
}

extension CSVReader {
    /// An ISO 4217 currency code; an empty cell is nil, and an error only when `required`.
    func currency(_ column: CSVColumn, required: Bool, _ diagnostics: inout [Diagnostic]) -> String? {
        let written = text(column)
        if FinanceTables.isCurrencyCode(written) { return written }
        if written.isEmpty, !required { return nil }
        let problem = written.isEmpty ? ("`\(column.name)` is empty", "write the ISO 4217 code, such as `USD`")
            : FinanceTables.currencyProblem(written, column: column.name)
        diagnostics.append(cellError(column, problem.0, hint: problem.1))
        return nil
    }
}
