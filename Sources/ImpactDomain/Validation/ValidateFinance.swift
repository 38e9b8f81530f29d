// Checks of the money files: funding.csv and spending.csv of an initiative (ids, amounts, periods, the rates each
// conversion needs, spending above what was received, the reach indicator), and funders.csv and rates.csv of the
// site (duplicates, rates that cannot be used). The rules behind them are in docs/domain-rules.md, "Money".

extension ValidationContext {
    func validateFinance(_ log: inout DiagnosticLog) {
        let finance = initiative.finance
        validateReachIndicator(&log)
        guard finance.hasMoney else { return }
        guard let currency = finance.currency else {
            if !initiative.incompleteFiles.contains("initiative.md") {
                log.append(.error(initiative.location, "the initiative has funding or spending rows but no `currency:`",
                                  hint: "add `currency: BDT` (the ISO 4217 code of the currency its accounts are kept in) to the front matter of initiative.md"))
            }
            return
        }
        let converter = CurrencyConverter(finance.site)
        let errorsBefore = log.diagnostics.errorCount
        let targets = [currency, finance.site.currency].compactMap { $0 }

        /// Unknown currency, missing rates, negative amount and the period, for one amount.
        func checkAmount(_ amount: Double, _ rowCurrency: String, _ period: Period, _ kind: String,
                         at location: SourceLocation, _ columns: MoneyColumns) {
            if amount < 0 {
                log.append(.error(location, "negative amount \(quoted(amount)) in \(kind)",
                                  hint: "amounts are never negative: a refund or a correction reduces the amount of the row it corrects, and is explained in `note`",
                                  field: columns.amount), group: "negative amount \(location.path)")
            }
            guard !finance.site.currencyUnreadable else { return }
            let known = rowCurrency == currency || rowCurrency == finance.site.currency || converter.knows(rowCurrency)
            if !known {
                if !finance.site.ratesIncomplete {
                    log.append(.error(location, "unknown currency `\(rowCurrency)`: it is not the initiative's currency (`\(currency)`) and content/rates.csv has no rate for it",
                                      hint: "correct the code (ISO 4217, e.g. `\(currency)`), or add its rates to content/rates.csv",
                                      field: columns.currency), group: "unknown currency \(rowCurrency)")
                }
                return
            }
            for target in targets {
                let need = converter.needs(from: rowCurrency, to: target, in: period)
                if need.siteCurrencyMissing {
                    log.append(.error(location, "this amount is in `\(rowCurrency)`, the initiative's currency is `\(target)`, and site.yaml sets no `currency:` to convert through",
                                      hint: "add `currency: USD` (the portfolio's reporting currency) to content/site.yaml and the rates to content/rates.csv",
                                      field: columns.currency), group: "no site currency")
                    return
                }
                for missing in need.missing where !finance.site.ratesIncomplete {
                    let site = finance.site.currency ?? "?"
                    log.append(.error(location, "no exchange rate for `\(missing)` in \(period): this amount cannot be converted into \(target)",
                                      hint: "add the line `\(missing),\(period),<\(missing) per 1 \(site)>,<source>` to content/rates.csv",
                                      field: columns.period), group: "missing rate \(missing) \(period)")
                }
                if !need.missing.isEmpty { return }
            }
        }

        /// Kind and range of a money row's period; a commitment after the last period is only a warning (a pledge
        /// beyond the initiative's planned end is worth knowing, not wrong).
        func checkPeriod(_ period: Period, commitment: Bool, at location: SourceLocation, _ columns: MoneyColumns) {
            if commitment, period.kind == initiative.periodKind, let latest, period > latest {
                log.append(.warning(location, "commitment for `\(period)`, after the initiative's last target period `\(latest)`",
                                    hint: "check the period (is the year right?); if the initiative was extended, move the indicators' `target_period`",
                                    field: columns.period), group: "commitment after end")
                return
            }
            if let (group, problem) = periodProblem(period, at: location, column: columns.period) { log.append(problem, group: group) }
        }

        for row in finance.funding {
            let location = row.location
            if !finance.site.fundersIncomplete, finance.site.funder(row.funder) == nil {
                let hint = closestMatch(to: row.funder, in: finance.site.funders.map(\.id)).map { "did you mean `\($0)`?" }
                    ?? "add `\(row.funder)` to content/funders.csv (id,name,kind,country,url), or correct the id"
                log.append(.error(location, "unknown funder `\(row.funder)` in column `funder`", hint: hint, field: FundingColumn.funder.name),
                           group: "unknown funder \(row.funder)")
            }
            if row.recipient != pooledRecipient, !partnerIDs.contains(row.recipient) {
                log.append(unknown(row.recipient, .partner, at: location, column: FundingColumn.recipient.name), group: "unknown partner \(row.recipient)")
            }
            checkPeriod(row.period, commitment: row.kind == .commitment, at: location, .funding)
            checkAmount(row.amount, row.currency, row.period, row.kind.rawValue, at: location, .funding)
        }
        for row in finance.spending {
            let location = row.location
            if !partnerIDs.contains(row.partner) {
                log.append(unknown(row.partner, .partner, at: location, column: SpendingColumn.partner.name), group: "unknown partner \(row.partner)")
            }
            if let workstream = row.workstream, !workstreamIDs.contains(workstream) {
                log.append(unknown(workstream, .workstream, at: location, column: SpendingColumn.workstream.name), group: "unknown workstream \(workstream)")
            }
            checkPeriod(row.period, commitment: false, at: location, .spending)
            checkAmount(row.amount, row.currency, row.period, "spending", at: location, .spending)
        }
        // An unknown recipient or a negative amount would make right rows look overspent: that error is enough.
        if log.diagnostics.errorCount == errorsBefore {
            warnSpendingAboveReceived(currency: currency, converter: converter, &log)
        }
    }

    /// A partner that spent more than was disbursed to it (the backbone: to it or to the pool it holds) is a
    /// warning at its last spending row: money from elsewhere, or a disbursement missing from funding.csv.
    private func warnSpendingAboveReceived(currency: String, converter: CurrencyConverter, _ log: inout DiagnosticLog) {
        let finance = initiative.finance
        var received: [String: Double] = [:], spent: [String: Double] = [:]
        var last: [String: SourceLocation] = [:]
        for row in finance.funding where row.kind == .disbursement {
            guard let amount = converter.convert(row.amount, from: row.currency, to: currency, in: row.period) else { return }
            received[row.recipient == pooledRecipient ? initiative.backbone : row.recipient, default: 0] += amount
        }
        for row in finance.spending.sorted(by: { $0.location < $1.location }) {
            guard let amount = converter.convert(row.amount, from: row.currency, to: currency, in: row.period) else { return }
            spent[row.partner, default: 0] += amount
            last[row.partner] = row.location
        }
        for partner in initiative.partners.map(\.id) {
            guard let total = spent[partner], let location = last[partner] else { continue }
            let got = received[partner] ?? 0
            // Half a unit of slack: sums of converted amounts are not exact.
            guard total > got + 0.5 else { continue }
            log.append(.warning(location, "partner `\(partner)` spent \(amountText(total)) \(currency) in all, more than the \(amountText(got)) \(currency) disbursed to it\(partner == initiative.backbone ? " (and to the pool `*` it holds)" : "")",
                                hint: "add the missing disbursements to funding.csv, or explain in `note` where the rest came from",
                                field: SpendingColumn.amount.name))
        }
    }

    /// `reach_indicator` names a collective count that adds up (`sum`) or deduplicates (`unique`) people.
    private func validateReachIndicator(_ log: inout DiagnosticLog) {
        let finance = initiative.finance
        guard let id = finance.reachIndicator else { return }
        let location = finance.reachIndicatorLocation ?? initiative.location
        guard let indicator = indicators[id] else {
            guard !initiative.incompleteFiles.contains("indicators.csv") else { return }
            let candidates = initiative.indicators.filter { $0.scope == .collective && $0.measure == .count }.map(\.id)
            log.append(.error(location, "unknown indicator `\(id)` in `reach_indicator`",
                              hint: closestMatch(to: id, in: candidates).map { "did you mean `\($0)`?" }
                                ?? "name a collective count indicator of indicators.csv"))
            return
        }
        guard indicator.scope == .collective, indicator.measure == .count,
              indicator.acrossPartners == .unique || indicator.acrossPartners == .sum else {
            log.append(.error(location, "`reach_indicator` `\(id)` is a \(indicator.scope.rawValue) \(indicator.measure.rawValue) combined by `\(indicator.acrossPartners.rawValue)`, not a collective count of people",
                              hint: "cost per person divides by a collective count indicator with `across_partners` `unique` (deduplicated) or `sum`; name one, or remove `reach_indicator`"))
            return
        }
    }
}

/// An amount as it appears in a message: whole units, no grouping (the terminal is not a page).
/// The columns the checks of a money row point at, in funding.csv or spending.csv.
struct MoneyColumns {
    var period: String
    var amount: String
    var currency: String

    static let funding = MoneyColumns(period: FundingColumn.period.name, amount: FundingColumn.amount.name,
                                      currency: FundingColumn.currency.name)
    static let spending = MoneyColumns(period: SpendingColumn.period.name, amount: SpendingColumn.amount.name,
                                       currency: SpendingColumn.currency.name)
}

func amountText(_ value: Double) -> String {
    let rounded = value.rounded()
    return abs(rounded) < 1e15 ? String(Int(rounded)) : String(value)
}

/// A rate far from the other rates of its currency: written the other way round (`0.00847` USD per BDT among
/// rates of 119 BDT per USD), or with the decimal point slipped (`11.95`). Either converts every amount of its
/// period wrongly, many times over, and nothing else would show it. Judged against the median of the currency's
/// rates, so with three or more; a warning, as a currency can lose most of its value over years.
func implausibleRates(_ site: SiteFinance, _ log: inout DiagnosticLog) {
    let usable = site.rates.filter { $0.rate > 0 && $0.currency != site.currency }
    for (currency, rates) in Dictionary(grouping: usable, by: \.currency) where rates.count >= 3 {
        let sorted = rates.map(\.rate).sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        for rate in rates.sorted(by: { $0.location < $1.location }) {
            let factor = max(rate.rate / median, median / rate.rate)
            guard factor > 5 else { continue }
            let site = site.currency ?? "the site currency"
            let inverse = 1 / rate.rate
            let hint = max(inverse / median, median / inverse) < 2
                ? "a rate is the units of `\(currency)` one \(site) buys; this one looks written the other way round (\(site) per \(currency)): write \(quoted((inverse * 100).rounded() / 100)) (1 ÷ \(quoted(rate.rate))) if that is right"
                : "check it against its source (a slipped decimal point?); a rate is the units of `\(currency)` one \(site) buys"
            log.append(.warning(rate.location, "rate \(quoted(rate.rate)) for `\(currency)` in \(rate.period) is \(Int(factor.rounded())) times \(rate.rate < median ? "smaller" : "larger") than its other rates (median \(quoted(median)))",
                                hint: hint, field: RateColumn.rate.name))
        }
    }
}

/// Checks of the site's funders.csv and rates.csv on their own (each is read once, for the whole site).
public func validateSiteFinance(_ site: SiteFinance) -> [Diagnostic] {
    var log = DiagnosticLog()
    var funders: [String: SourceLocation] = [:]
    for funder in site.funders.sorted(by: { $0.location < $1.location }) {
        if let first = funders[funder.id] {
            log.append(.error(funder.location, "duplicate funder id `\(funder.id)`; the first is at \(first)",
                              hint: "give each funder one row; a funder of several initiatives is listed once", field: FunderColumn.id.name))
        } else {
            funders[funder.id] = funder.location
        }
    }
    struct Key: Hashable { var currency: String; var period: Period }
    var rates: [Key: SourceLocation] = [:]
    for rate in site.rates.sorted(by: { $0.location < $1.location }) {
        let key = Key(currency: rate.currency, period: rate.period)
        if let first = rates[key] {
            log.append(.error(rate.location, "duplicate rate for `\(rate.currency)` in \(rate.period); the first is at \(first)",
                              hint: "keep one rate per currency and period"), group: "duplicate rate")
        } else {
            rates[key] = rate.location
        }
        if rate.rate <= 0 {
            log.append(.error(rate.location, "rate \(quoted(rate.rate)) for `\(rate.currency)` is not above 0",
                              hint: "write how many units of `\(rate.currency)` buy one unit of the site currency, e.g. 119.4", field: RateColumn.rate.name))
        }
        if rate.currency == site.currency {
            log.append(.warning(rate.location, "a rate for the site currency `\(rate.currency)` itself; it is not used",
                                hint: "remove the line: one \(rate.currency) is always worth one \(rate.currency)", field: RateColumn.currency.name))
        }
    }
    implausibleRates(site, &log)
    if !site.rates.isEmpty, site.currency == nil, !site.currencyUnreadable {
        log.append(.error(site.rates[0].location, "rates.csv gives rates, but site.yaml sets no `currency:` they convert into",
                          hint: "add `currency: USD` (the currency each rate buys one unit of) to content/site.yaml"))
    }
    return log.finished().sortedForDisplay()
}
