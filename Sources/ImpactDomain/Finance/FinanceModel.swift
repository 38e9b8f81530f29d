// The money side of the source model: who funds (site level), at what rates currencies convert (site level), and
// what each initiative's funders committed and disbursed and its partners spent. IATI 2.03 names the same flows:
// transaction types 2 (outgoing commitment), 3 (disbursement) and 4 (expenditure). Every file is optional: a site
// without money still builds, and then none of these records exist.

/// funders.csv `kind`.
public enum FunderKind: String, Sendable, Hashable, CaseIterable {
    case foundation, government, corporate, multilateral, individual, other
}

/// One row of `content/funders.csv`: a funder may fund several initiatives.
public struct Funder: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var kind: FunderKind
    public var country: String
    public var url: String
    public var location: SourceLocation

    public init(id: String, name: String, kind: FunderKind = .other, country: String = "", url: String = "",
                location: SourceLocation = SourceLocation(path: "funders.csv")) {
        self.id = id; self.name = name; self.kind = kind; self.country = country; self.url = url; self.location = location
    }
}

/// One row of `content/rates.csv`: `rate` units of `currency` buy one unit of the site currency in `period`
/// (`BDT,2025-Q3,119.4` — 119.4 taka to the US dollar).
public struct ExchangeRate: Hashable, Sendable {
    public var currency: String
    public var period: Period
    public var rate: Double
    public var source: String
    public var location: SourceLocation

    public init(currency: String, period: Period, rate: Double, source: String = "",
                location: SourceLocation = SourceLocation(path: "rates.csv")) {
        self.currency = currency; self.period = period; self.rate = rate; self.source = source; self.location = location
    }
}

/// What every initiative's money needs from the site: its reporting currency, the funders, the rates.
public struct SiteFinance: Hashable, Sendable {
    /// site.yaml `currency:` (ISO 4217), the portfolio's reporting currency; nil when not set.
    public var currency: String?
    public var funders: [Funder]
    public var rates: [ExchangeRate]
    /// funders.csv / rates.csv had an error: ids or rates they may have lost are not reported again elsewhere.
    public var fundersIncomplete: Bool
    public var ratesIncomplete: Bool
    /// site.yaml's `currency:` is written but is not a currency code (reported there): which conversions an amount
    /// needs cannot be known, so they are not reported on every money row.
    public var currencyUnreadable = false

    public init(currency: String? = nil, funders: [Funder] = [], rates: [ExchangeRate] = [],
                fundersIncomplete: Bool = false, ratesIncomplete: Bool = false) {
        self.currency = currency; self.funders = funders; self.rates = rates
        self.fundersIncomplete = fundersIncomplete; self.ratesIncomplete = ratesIncomplete
    }

    public func funder(_ id: String) -> Funder? { funders.first { $0.id == id } }
}

/// funding.csv `kind`: pledged for a period, or paid in it.
public enum FundingKind: String, Sendable, Hashable, CaseIterable {
    case commitment, disbursement
}

/// The recipient `*`: a pooled fund the backbone holds and has not yet allocated to a partner.
public let pooledRecipient = "*"

/// One row of an initiative's funding.csv.
public struct FundingRecord: Hashable, Sendable {
    public var funder: String
    /// A partner id (the backbone is a partner), or `*` for the unallocated pool.
    public var recipient: String
    public var period: Period
    public var kind: FundingKind
    public var amount: Double
    /// ISO 4217; the initiative's currency when the cell is empty.
    public var currency: String
    public var note: String
    public var location: SourceLocation

    public init(funder: String, recipient: String, period: Period, kind: FundingKind, amount: Double, currency: String,
                note: String = "", location: SourceLocation = SourceLocation(path: "funding.csv")) {
        self.funder = funder; self.recipient = recipient; self.period = period; self.kind = kind; self.amount = amount
        self.currency = currency; self.note = note; self.location = location
    }
}

/// One row of an initiative's spending.csv: what a partner (the backbone included) spent on the initiative.
public struct SpendingRecord: Hashable, Sendable {
    public var partner: String
    public var period: Period
    public var workstream: String?
    public var amount: Double
    public var currency: String
    public var note: String
    public var location: SourceLocation

    public init(partner: String, period: Period, workstream: String? = nil, amount: Double, currency: String,
                note: String = "", location: SourceLocation = SourceLocation(path: "spending.csv")) {
        self.partner = partner; self.period = period; self.workstream = workstream; self.amount = amount
        self.currency = currency; self.note = note; self.location = location
    }
}

/// An initiative's money: its own currency, the indicator cost per person divides by, its rows, and the site's
/// funders and rates (copied in by the loader, so validation and computation need nothing else).
public struct InitiativeFinance: Hashable, Sendable {
    /// initiative.md `currency:`; nil when not set.
    public var currency: String?
    public var currencyLocation: SourceLocation?
    /// initiative.md `reach_indicator:`: a collective count (`unique` or `sum` across partners).
    public var reachIndicator: String?
    public var reachIndicatorLocation: SourceLocation?
    public var funding: [FundingRecord]
    public var spending: [SpendingRecord]
    public var site: SiteFinance

    public init(currency: String? = nil, currencyLocation: SourceLocation? = nil, reachIndicator: String? = nil,
                reachIndicatorLocation: SourceLocation? = nil, funding: [FundingRecord] = [],
                spending: [SpendingRecord] = [], site: SiteFinance = SiteFinance()) {
        self.currency = currency; self.currencyLocation = currencyLocation; self.reachIndicator = reachIndicator
        self.reachIndicatorLocation = reachIndicatorLocation; self.funding = funding; self.spending = spending
        self.site = site
    }

    /// True when the initiative reports any money.
    public var hasMoney: Bool { !funding.isEmpty || !spending.isEmpty }
}
