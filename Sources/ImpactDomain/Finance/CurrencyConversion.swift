// Converting an amount: at the rate of the amount's own period, never one rate for every period, and never by
// adding amounts of different currencies unconverted. Rates are units of a currency per one unit of the site
// currency, so an amount of C becomes amount ÷ rate(C) in the site currency and amount ÷ rate(C) × rate(T) in a
// third currency T (both rates of the same period). A period without its own rate uses the rate of the year it
// falls in (`BDT,2025,…` covers 2025-Q3), the usual form of an annual average rate; nothing else is guessed.

public struct CurrencyConverter: Sendable {
    public let siteCurrency: String?
    private let rates: [Key: ExchangeRate]

    struct Key: Hashable { var currency: String; var period: Period }

    public init(_ site: SiteFinance) {
        siteCurrency = site.currency
        var rates: [Key: ExchangeRate] = [:]
        for rate in site.rates.sorted(by: { $0.location < $1.location }) where rates[Key(currency: rate.currency, period: rate.period)] == nil {
            rates[Key(currency: rate.currency, period: rate.period)] = rate
        }
        self.rates = rates
    }

    /// The rate row for `currency` in `period` (its own, else its year's); nil when there is none.
    public func rate(_ currency: String, _ period: Period) -> ExchangeRate? {
        if let own = rates[Key(currency: currency, period: period)] { return own }
        if period.kind != .year, let yearly = rates[Key(currency: currency, period: period.converted(to: .year))] { return yearly }
        return nil
    }

    /// True when rates.csv has any rate for the currency.
    public func knows(_ currency: String) -> Bool { rates.keys.contains { $0.currency == currency } }

    /// The rates a conversion from `from` to `to` in `period` needs: none when the currencies are the same, else
    /// each side that is not the site currency. `missing` lists the currencies without a rate for the period;
    /// without a site currency a conversion is impossible (`siteCurrencyMissing`).
    public func needs(from: String, to: String, in period: Period)
        -> (used: [ExchangeRate], missing: [String], siteCurrencyMissing: Bool) {
        guard from != to else { return ([], [], false) }
        guard let site = siteCurrency else { return ([], [], true) }
        var used: [ExchangeRate] = [], missing: [String] = []
        for currency in [from, to] where currency != site {
            if let rate = rate(currency, period) { used.append(rate) } else { missing.append(currency) }
        }
        return (used, missing, false)
    }

    /// `amount` of `from` in `to`, at `period`'s rates; nil when a rate (or the site currency) is missing.
    public func convert(_ amount: Double, from: String, to: String, in period: Period) -> Double? {
        let need = needs(from: from, to: to, in: period)
        guard need.missing.isEmpty, !need.siteCurrencyMissing else { return nil }
        guard from != to, let site = siteCurrency else { return amount }
        let inSite = from == site ? amount : amount / rate(from, period)!.rate
        return to == site ? inSite : inSite * rate(to, period)!.rate
    }
}
