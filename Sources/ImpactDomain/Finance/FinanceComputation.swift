// What the money did, computed with the care of the results (docs/domain-rules.md, "Money"):
//   - each amount is converted at its own period's rate into the book's currency (the initiative's, or the site's);
//   - cost per person to date = all spending through a period ÷ the reach indicator's collective (deduplicated)
//     value to date at that period: never a sum of partner counts, and no figure when the reach has none;
//   - backbone share = backbone spending ÷ all spending; a funder's share = its disbursements ÷ all disbursements;
//   - results are never divided among funders: nothing here gives a funder a number of people;
//   - utilisation = a partner's spending ÷ what was disbursed to it.
// Absent is nil, never 0: a period without spending rows has no `spent`, a whole of 0 gives no share.

/// One period of a money book.
public struct FinancePeriod: Hashable, Sendable {
    public var period: Period
    public var committed: Double?
    public var disbursed: Double?
    public var spent: Double?
    public var backboneSpent: Double?
    /// Backbone spending ÷ all spending in this period.
    public var backboneShare: Double?
    /// All spending from the first period through this one.
    public var spentToDate: Double?
    /// Commitments and disbursements from the first period through this one.
    public var committedToDate: Double?
    public var disbursedToDate: Double?
    /// Backbone spending ÷ all spending, from the first period through this one.
    public var backboneShareToDate: Double?
    /// The reach indicator's to-date value at this period, when the period has a collective (deduplicated) value.
    public var reachToDate: Double?
    /// spentToDate ÷ reachToDate.
    public var costPerPersonToDate: Double?
    /// Spending per partner in this period, partners.csv order (nil: no row for it).
    public var spentByPartner: [Double?]

    public init(period: Period, committed: Double? = nil, disbursed: Double? = nil, spent: Double? = nil,
                backboneSpent: Double? = nil, backboneShare: Double? = nil, spentToDate: Double? = nil,
                reachToDate: Double? = nil, costPerPersonToDate: Double? = nil, spentByPartner: [Double?] = []) {
        self.period = period; self.committed = committed; self.disbursed = disbursed; self.spent = spent
        self.backboneSpent = backboneSpent; self.backboneShare = backboneShare; self.spentToDate = spentToDate
        self.reachToDate = reachToDate; self.costPerPersonToDate = costPerPersonToDate; self.spentByPartner = spentByPartner
    }
}

/// One funder of the initiative.
public struct FunderFinance: Hashable, Sendable {
    public var funder: String
    public var committed: Double?
    public var disbursed: Double?
    /// Its disbursements ÷ all disbursements to the initiative (a fact about money, not about results).
    public var share: Double?
    /// Its disbursements in each period of the book (nil: none that period).
    public var disbursedByPeriod: [Double?]

    public init(funder: String, committed: Double? = nil, disbursed: Double? = nil, share: Double? = nil,
                disbursedByPeriod: [Double?] = []) {
        self.funder = funder; self.committed = committed; self.disbursed = disbursed; self.share = share
        self.disbursedByPeriod = disbursedByPeriod
    }
}

/// A partner's cost per unit of one of its own count indicators added up over periods (`across_periods: sum`), to
/// date at the indicator's latest period.
public struct UnitCost: Hashable, Sendable {
    public var indicator: String
    public var period: Period
    /// The partner's spending through `period`.
    public var spent: Double
    /// The indicator's to-date value at `period`.
    public var units: Double
    public var cost: Double

    public init(indicator: String, period: Period, spent: Double, units: Double, cost: Double) {
        self.indicator = indicator; self.period = period; self.spent = spent; self.units = units; self.cost = cost
    }
}

/// One partner (the backbone included) of the initiative.
public struct PartnerFinance: Hashable, Sendable {
    public var partner: String
    /// Disbursed to it.
    public var received: Double?
    public var spent: Double?
    /// spent ÷ received.
    public var utilisation: Double?
    public var unitCosts: [UnitCost]

    public init(partner: String, received: Double? = nil, spent: Double? = nil, utilisation: Double? = nil,
                unitCosts: [UnitCost] = []) {
        self.partner = partner; self.received = received; self.spent = spent; self.utilisation = utilisation
        self.unitCosts = unitCosts
    }
}

public struct FinanceTotals: Hashable, Sendable {
    public var committed: Double?
    public var disbursed: Double?
    /// Disbursed to the pool (`*`) the backbone holds and has not yet allocated.
    public var pooled: Double?
    public var spent: Double?
    public var backboneSpent: Double?
    public var backboneShare: Double?
    /// Cost per person to date at `costPeriod`: `costSpent` ÷ `reach`.
    public var costPerPerson: Double?
    /// The reach indicator's headline period (its latest, not partial): spending after it is not divided by a
    /// reach it has not been measured against yet.
    public var costPeriod: Period?
    public var costSpent: Double?
    public var reach: Double?

    public init(committed: Double? = nil, disbursed: Double? = nil, pooled: Double? = nil, spent: Double? = nil,
                backboneSpent: Double? = nil, backboneShare: Double? = nil, costPerPerson: Double? = nil,
                costPeriod: Period? = nil, costSpent: Double? = nil, reach: Double? = nil) {
        self.committed = committed; self.disbursed = disbursed; self.pooled = pooled; self.spent = spent
        self.backboneSpent = backboneSpent; self.backboneShare = backboneShare; self.costPerPerson = costPerPerson
        self.costPeriod = costPeriod; self.costSpent = costSpent; self.reach = reach
    }
}

/// Every money figure of an initiative in one currency.
public struct FinanceBook: Hashable, Sendable {
    public var currency: String
    public var totals: FinanceTotals
    /// Funders in funders.csv order.
    public var funders: [FunderFinance]
    /// Partners in partners.csv order, those with any funding or spending.
    public var partners: [PartnerFinance]
    /// Every period from the first to the last with money or results.
    public var periods: [FinancePeriod]
    /// The partner order of `FinancePeriod.spentByPartner`.
    public var partnerOrder: [String]

    public init(currency: String, totals: FinanceTotals, funders: [FunderFinance], partners: [PartnerFinance],
                periods: [FinancePeriod], partnerOrder: [String]) {
        self.currency = currency; self.totals = totals; self.funders = funders; self.partners = partners
        self.periods = periods; self.partnerOrder = partnerOrder
    }
}

public struct FinanceResults: Hashable, Sendable {
    /// The indicator cost per person divides by (initiative.md `reach_indicator`).
    public var reachIndicator: String?
    /// In the initiative's currency.
    public var local: FinanceBook
    /// In the site currency (nil when site.yaml sets none).
    public var site: FinanceBook?
    /// The rates conversions used, by currency then period.
    public var ratesUsed: [ExchangeRate]

    public init(reachIndicator: String?, local: FinanceBook, site: FinanceBook?, ratesUsed: [ExchangeRate]) {
        self.reachIndicator = reachIndicator; self.local = local; self.site = site; self.ratesUsed = ratesUsed
    }
}

/// Nil when the initiative has no funding or spending rows, or no currency.
func computeFinance(_ initiative: Initiative, indicators: [IndicatorResult], periods: [Period]) -> FinanceResults? {
    let finance = initiative.finance
    guard finance.hasMoney, let currency = finance.currency else { return nil }
    let converter = CurrencyConverter(finance.site)
    var used = Set<ExchangeRate>()
    for (from, period) in finance.funding.map({ ($0.currency, $0.period) }) + finance.spending.map({ ($0.currency, $0.period) }) {
        for target in [currency, finance.site.currency].compactMap({ $0 }) {
            used.formUnion(converter.needs(from: from, to: target, in: period).used)
        }
    }
    let reach = finance.reachIndicator.flatMap { id in indicators.first { $0.indicator.id == id } }
    let local = financeBook(initiative, in: currency, converter: converter, reach: reach, indicators: indicators,
                            resultPeriods: periods)
    let site = finance.site.currency.map {
        financeBook(initiative, in: $0, converter: converter, reach: reach, indicators: indicators, resultPeriods: periods)
    }
    return FinanceResults(reachIndicator: reach?.indicator.id, local: local, site: site,
                          ratesUsed: used.sorted { ($0.currency, $0.period) < ($1.currency, $1.period) })
}

/// The reach to date a cost per person may divide by at one period: the period's own collective value must exist,
/// and for a `unique` indicator it must be the deduplicated `*` row, not the fallback sum of partner counts.
func reachToDate(_ period: PeriodResult?, _ indicator: Indicator) -> Double? {
    guard let period, period.value != nil, let toDate = period.toDate else { return nil }
    if indicator.acrossPartners == .unique, period.deduplicated != true { return nil }
    return toDate
}

/// A ÷ B, or nil when either is absent or B is 0.
func fraction(_ part: Double?, of whole: Double?) -> Double? {
    guard let part, let whole, whole != 0 else { return nil }
    return part / whole
}

private func add(_ total: inout Double?, _ amount: Double) { total = (total ?? 0) + amount }

func financeBook(_ initiative: Initiative, in currency: String, converter: CurrencyConverter, reach: IndicatorResult?,
                 indicators: [IndicatorResult], resultPeriods: [Period]) -> FinanceBook {
    let finance = initiative.finance
    func converted(_ amount: Double, _ from: String, _ period: Period) -> Double? {
        converter.convert(amount, from: from, to: currency, in: period)
    }
    // The range: every period with money or results, gaps included.
    let kind = initiative.periodKind
    let dated = (finance.funding.map(\.period) + finance.spending.map(\.period) + resultPeriods).filter { $0.kind == kind }
    let range = dated.min().flatMap { first in dated.max().map { first.through($0) } } ?? []
    let offset: [Period: Int] = Dictionary(uniqueKeysWithValues: range.enumerated().map { ($1, $0) })

    // Partners with any money, in partners.csv order (unknown ids are validation errors and never get here).
    let partnerIDs = initiative.partners.map(\.id).filter { id in
        finance.funding.contains { $0.recipient == id } || finance.spending.contains { $0.partner == id }
    }
    let partnerSlot = Dictionary(partnerIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })

    var periods = range.map { FinancePeriod(period: $0, spentByPartner: Array(repeating: nil, count: partnerIDs.count)) }
    var totals = FinanceTotals()
    var byFunder: [String: FunderFinance] = [:]
    var received: [String: Double] = [:]
    var spent: [String: Double] = [:]

    // Rows in file order, so the sums are the same however the figures were grouped.
    for row in finance.funding.sorted(by: { $0.location < $1.location }) {
        guard let amount = converted(row.amount, row.currency, row.period), let index = offset[row.period] else { continue }
        var funder = byFunder[row.funder] ?? FunderFinance(funder: row.funder, disbursedByPeriod: Array(repeating: nil, count: range.count))
        switch row.kind {
        case .commitment:
            add(&periods[index].committed, amount); add(&totals.committed, amount); add(&funder.committed, amount)
        case .disbursement:
            add(&periods[index].disbursed, amount); add(&totals.disbursed, amount); add(&funder.disbursed, amount)
            add(&funder.disbursedByPeriod[index], amount)
            if row.recipient == pooledRecipient { add(&totals.pooled, amount) } else { received[row.recipient, default: 0] += amount }
        }
        byFunder[row.funder] = funder
    }
    for row in finance.spending.sorted(by: { $0.location < $1.location }) {
        guard let amount = converted(row.amount, row.currency, row.period), let index = offset[row.period] else { continue }
        add(&periods[index].spent, amount); add(&totals.spent, amount)
        spent[row.partner, default: 0] += amount
        if let slot = partnerSlot[row.partner] { periods[index].spentByPartner[slot] = (periods[index].spentByPartner[slot] ?? 0) + amount }
        if row.partner == initiative.backbone {
            add(&periods[index].backboneSpent, amount); add(&totals.backboneSpent, amount)
        }
    }

    // To date, backbone shares and cost per person, period by period.
    var runningSpent: Double?, runningBackbone: Double?, runningCommitted: Double?, runningDisbursed: Double?
    for index in periods.indices {
        if let amount = periods[index].spent { runningSpent = (runningSpent ?? 0) + amount }
        if let amount = periods[index].backboneSpent { runningBackbone = (runningBackbone ?? 0) + amount }
        if let amount = periods[index].committed { runningCommitted = (runningCommitted ?? 0) + amount }
        if let amount = periods[index].disbursed { runningDisbursed = (runningDisbursed ?? 0) + amount }
        periods[index].spentToDate = runningSpent
        periods[index].committedToDate = runningCommitted
        periods[index].disbursedToDate = runningDisbursed
        if runningSpent != nil { periods[index].backboneShareToDate = fraction(runningBackbone ?? 0, of: runningSpent) }
        if periods[index].spent != nil {
            periods[index].backboneShare = fraction(periods[index].backboneSpent ?? 0, of: periods[index].spent)
        }
        if let reach {
            periods[index].reachToDate = reachToDate(reach.result(for: periods[index].period), reach.indicator)
            periods[index].costPerPersonToDate = fraction(periods[index].spentToDate, of: periods[index].reachToDate)
        }
    }
    if totals.spent != nil { totals.backboneShare = fraction(totals.backboneSpent ?? 0, of: totals.spent) }
    if let reach, let headline = reach.latest, let index = offset[headline.period] {
        totals.costPeriod = headline.period
        totals.costSpent = periods[index].spentToDate
        totals.reach = periods[index].reachToDate
        totals.costPerPerson = periods[index].costPerPersonToDate
    }

    let funders = finance.site.funders.map(\.id).filter { byFunder[$0] != nil }.map { id -> FunderFinance in
        var funder = byFunder[id]!
        funder.share = funder.disbursed.flatMap { fraction($0, of: totals.disbursed) }
        return funder
    }

    // A partner's cost per unit of its own count indicators, at each indicator's headline period.
    func unitCosts(_ partner: String) -> [UnitCost] {
        indicators.compactMap { result -> UnitCost? in
            let indicator = result.indicator
            // Only a count added up over periods is a number of things done to date; a stock (`latest`) is not.
            guard indicator.scope == .partner, indicator.partner == partner, indicator.measure == .count,
                  indicator.acrossPeriods == .sum,
                  let latest = result.latest, let units = latest.toDate, units > 0, let end = offset[latest.period],
                  let slot = partnerSlot[partner] else { return nil }
            var through: Double?
            for index in 0...end { if let amount = periods[index].spentByPartner[slot] { through = (through ?? 0) + amount } }
            guard let through else { return nil }
            return UnitCost(indicator: indicator.id, period: latest.period, spent: through, units: units, cost: through / units)
        }
    }
    let partners = partnerIDs.map { id in
        PartnerFinance(partner: id, received: received[id], spent: spent[id],
                       utilisation: fraction(spent[id], of: received[id]), unitCosts: unitCosts(id))
    }
    return FinanceBook(currency: currency, totals: totals, funders: funders, partners: partners, periods: periods,
                       partnerOrder: partnerIDs)
}
