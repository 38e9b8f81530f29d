import Testing
@testable import ImpactDomain

/// The money rules (docs/domain-rules.md, "Money"), on a small initiative worked out by hand:
///
/// Site currency USD; the initiative keeps its accounts in BDT; rates BDT per USD: 2024-Q1 100, 2024-Q2 110,
/// 2024-Q3 120. Reach `reach` (unique, latest): 2024-Q1 `*` 100; 2024-Q2 no `*` row (a 90 + b 70, not
/// deduplicated); 2024-Q3 `*` 180.
///
/// funding.csv                                   in BDT
///   f1 → bb  2024-Q1 commitment    5,000 USD    500,000
///   f1 → bb  2024-Q1 disbursement  1,000 USD    100,000
///   f2 → a   2024-Q2 disbursement  150,000 BDT  150,000
///   f1 → *   2024-Q3 disbursement  500 USD       60,000
/// spending.csv (BDT): bb 20,000 / 20,000 / 25,000; a 30,000 / 50,000 / 60,000; b – / 10,000 / –
private typealias Location = ImpactDomain.SourceLocation

enum MoneyFixture {
    static func p(_ text: String) -> Period { Period(text)! }

    static func initiative(funding: [FundingRecord]? = nil, spending: [SpendingRecord]? = nil,
                           reach: String? = "reach", rates: [ExchangeRate]? = nil, siteCurrency: String? = "USD") -> Initiative {
        var rows = Fixture.Rows()
        rows.add("reach", "a", "2024-Q1", 60); rows.add("reach", "b", "2024-Q1", 50); rows.add("reach", "*", "2024-Q1", 100)
        rows.add("reach", "a", "2024-Q2", 90); rows.add("reach", "b", "2024-Q2", 70)
        rows.add("reach", "a", "2024-Q3", 120); rows.add("reach", "b", "2024-Q3", 100); rows.add("reach", "*", "2024-Q3", 180)
        rows.add("sessions", "a", "2024-Q1", 10); rows.add("sessions", "a", "2024-Q2", 10); rows.add("sessions", "a", "2024-Q3", 20)
        var initiative = Fixture.initiative(
            indicators: [Fixture.indicator("reach", across: .unique, periods: .latest, targetPeriod: "2025-Q4"),
                         Fixture.indicator("sessions", scope: .partner, partner: "a", periods: .sum, targetPeriod: "2025-Q4", line: 3)],
            rows: rows)
        var line = 1
        func at(_ file: String) -> Location { line += 1; return Location(path: file, line: line) }
        let funding = funding ?? [
            FundingRecord(funder: "f1", recipient: "bb", period: p("2024-Q1"), kind: .commitment, amount: 5_000, currency: "USD", location: at("funding.csv")),
            FundingRecord(funder: "f1", recipient: "bb", period: p("2024-Q1"), kind: .disbursement, amount: 1_000, currency: "USD", location: at("funding.csv")),
            FundingRecord(funder: "f2", recipient: "a", period: p("2024-Q2"), kind: .disbursement, amount: 150_000, currency: "BDT", location: at("funding.csv")),
            FundingRecord(funder: "f1", recipient: "*", period: p("2024-Q3"), kind: .disbursement, amount: 500, currency: "USD", location: at("funding.csv")),
        ]
        line = 1
        let spendingRows: [(String, String, Double)] = [
            ("bb", "2024-Q1", 20_000.0), ("a", "2024-Q1", 30_000), ("bb", "2024-Q2", 20_000), ("a", "2024-Q2", 50_000),
            ("b", "2024-Q2", 10_000), ("bb", "2024-Q3", 25_000), ("a", "2024-Q3", 60_000),
        ]
        let spending = spending ?? spendingRows.map { SpendingRecord(partner: $0.0, period: p($0.1), amount: $0.2, currency: "BDT", location: at("spending.csv")) }
        line = 1
        let rateRows: [(String, Double)] = [("2024-Q1", 100.0), ("2024-Q2", 110), ("2024-Q3", 120)]
        let site = SiteFinance(
            currency: siteCurrency,
            funders: [Funder(id: "f1", name: "Funder One", kind: .foundation), Funder(id: "f2", name: "Funder Two", kind: .corporate)],
            rates: rates ?? rateRows.map {
                ExchangeRate(currency: "BDT", period: p($0.0), rate: $0.1, source: "central bank", location: at("rates.csv"))
            })
        initiative.finance = InitiativeFinance(currency: "BDT", reachIndicator: reach, funding: funding, spending: spending, site: site)
        return initiative
    }
}

@Suite struct FinanceTests {
    let finance = compute(MoneyFixture.initiative()).finance!

    @Test func amountsAreConvertedAtTheirOwnPeriodsRate() {
        let book = finance.local
        #expect(book.currency == "BDT")
        // 1,000 USD × 100 (2024-Q1) + 150,000 BDT + 500 USD × 120 (2024-Q3).
        #expect(book.totals.disbursed == 310_000)
        #expect(book.totals.committed == 500_000)
        #expect(book.totals.pooled == 60_000)
        #expect(book.periods.map(\.disbursed) == [100_000, 150_000, 60_000])
        #expect(finance.ratesUsed.map(\.period.description) == ["2024-Q1", "2024-Q2", "2024-Q3"])
        // In the site currency: spending 50,000 ÷ 100 + 80,000 ÷ 110 + 85,000 ÷ 120, never 215,000 ÷ one rate.
        let site = finance.site!
        #expect(site.currency == "USD")
        let spentUSD: Double = 500 + 80_000.0 / 110 + 85_000.0 / 120
        #expect(abs(site.totals.spent! - spentUSD) < 1e-9)
        let disbursedUSD: Double = 1_000 + 150_000.0 / 110 + 500
        #expect(abs(site.totals.disbursed! - disbursedUSD) < 1e-9)
    }

    @Test func spendingToDateAndBackboneShare() {
        let periods = finance.local.periods
        #expect(periods.map(\.spent) == [50_000, 80_000, 85_000])
        #expect(periods.map(\.spentToDate) == [50_000, 130_000, 215_000])
        #expect(periods.map(\.backboneSpent) == [20_000, 20_000, 25_000])
        let shares: [Double?] = [0.4, 0.25, 25_000.0 / 85_000]
        #expect(periods.map(\.backboneShare) == shares)
        #expect(finance.local.totals.spent == 215_000)
        #expect(finance.local.totals.backboneShare == 65_000.0 / 215_000)
        let toDate: [Double?] = [0.4, 40_000.0 / 130_000, 65_000.0 / 215_000]
        #expect(periods.map(\.backboneShareToDate) == toDate)
        #expect(periods.map(\.disbursedToDate) == [100_000, 250_000, 310_000])
        #expect(periods.map(\.committedToDate) == [500_000, 500_000, 500_000])
    }

    @Test func costPerPersonDividesByTheDeduplicatedReachOnly() {
        let periods = finance.local.periods
        // 2024-Q1: 50,000 ÷ 100. 2024-Q2: the reach is a sum of partner counts (no `*` row): no cost per person,
        // not 130,000 ÷ 160 (= 812.5, which would look cheaper than it is). 2024-Q3: 215,000 ÷ 180.
        #expect(periods.map(\.reachToDate) == [100, nil, 180])
        let costs: [Double?] = [500, nil, 215_000.0 / 180]
        #expect(periods.map(\.costPerPersonToDate) == costs)
        let totals = finance.local.totals
        #expect(totals.costPeriod == Period("2024-Q3"))
        #expect(totals.costSpent == 215_000)
        #expect(totals.reach == 180)
        #expect(totals.costPerPerson == 215_000.0 / 180)
        // In USD: (500 + 727.27… + 708.33…) ÷ 180.
        let spentUSD: Double = 500 + 80_000.0 / 110 + 85_000.0 / 120
        #expect(abs(finance.site!.totals.costPerPerson! - spentUSD / 180) < 1e-9)
    }

    @Test func noReachIndicatorNoCostPerPerson() {
        let local = compute(MoneyFixture.initiative(reach: nil)).finance!.local
        #expect(local.totals.costPerPerson == nil)
        #expect(local.periods.allSatisfy { $0.costPerPersonToDate == nil && $0.reachToDate == nil })
        #expect(local.totals.spent == 215_000)
    }

    @Test func funderSharesAreOfDisbursementsAndCarryNoResults() {
        let funders = finance.local.funders
        #expect(funders.map(\.funder) == ["f1", "f2"])
        #expect(funders[0].committed == 500_000 && funders[0].disbursed == 160_000)
        #expect(funders[0].share == 160_000.0 / 310_000)
        #expect(funders[0].disbursedByPeriod == [100_000, nil, 60_000])
        #expect(funders[1].committed == nil && funders[1].disbursed == 150_000)
        #expect(funders[1].share == 150_000.0 / 310_000)
    }

    @Test func partnersReceivedSpentAndUtilisation() {
        let partners = finance.local.partners
        #expect(partners.map(\.partner) == ["bb", "a", "b"])
        #expect(partners[0].received == 100_000 && partners[0].spent == 65_000 && partners[0].utilisation == 0.65)
        #expect(partners[1].received == 150_000 && partners[1].spent == 140_000 && partners[1].utilisation == 140_000.0 / 150_000)
        // Received nothing: no utilisation (not 0, not infinity).
        #expect(partners[2].received == nil && partners[2].spent == 10_000 && partners[2].utilisation == nil)
        // a's own count: 10 + 10 + 20 = 40 sessions by 2024-Q3, for 140,000 spent: 3,500 each.
        #expect(partners[1].unitCosts == [UnitCost(indicator: "sessions", period: Period("2024-Q3")!, spent: 140_000, units: 40, cost: 3_500)])
    }

    @Test func aSiteWithoutMoneyHasNoFinance() {
        var initiative = MoneyFixture.initiative()
        initiative.finance = InitiativeFinance()
        #expect(compute(initiative).finance == nil)
        #expect(validate(initiative).isEmpty)
    }
}

@Suite struct FinanceValidationTests {
    func messages(_ initiative: Initiative) -> [String] { validate(initiative).map(\.description) }

    @Test func spendingAboveReceivedIsAWarning() {
        // b spent 10,000 and was given nothing.
        let found = messages(MoneyFixture.initiative())
        #expect(found == ["spending.csv:6:1: warning: partner `b` spent 10000 BDT in all, more than the 0 BDT disbursed to it (hint: add the missing disbursements to funding.csv, or explain in `note` where the rest came from)"])
    }

    @Test func aMissingRateNamesTheRateToAdd() {
        let rates = [ExchangeRate(currency: "BDT", period: Period("2024-Q1")!, rate: 100)]
        let found = messages(MoneyFixture.initiative(rates: rates))
        #expect(found.contains { $0.hasPrefix("spending.csv:4:1: error: no exchange rate for `BDT` in 2024-Q2: this amount cannot be converted into USD (hint: add the line `BDT,2024-Q2,<BDT per 1 USD>,<source>` to content/rates.csv)") })
        // The rate of the amount's year stands in for its quarter.
        let yearly = [ExchangeRate(currency: "BDT", period: Period("2024")!, rate: 110)]
        #expect(!messages(MoneyFixture.initiative(rates: yearly)).contains { $0.contains("error") })
    }

    @Test func unknownFunderPartnerCurrencyAndNegativeAmounts() {
        let p = MoneyFixture.p
        let funding = [
            FundingRecord(funder: "f3", recipient: "zz", period: p("2024-Q1"), kind: .disbursement, amount: -10, currency: "EUR",
                          location: Location(path: "funding.csv", line: 2)),
            FundingRecord(funder: "f1", recipient: "a", period: p("2027-Q1"), kind: .commitment, amount: 10, currency: "BDT",
                          location: Location(path: "funding.csv", line: 3)),
        ]
        let found = messages(MoneyFixture.initiative(funding: funding, spending: []))
        #expect(found.contains { $0.hasPrefix("funding.csv:2:1: error: unknown funder `f3` in column `funder`") })
        #expect(found.contains { $0.hasPrefix("funding.csv:2:1: error: unknown partner `zz` in column `recipient`") })
        #expect(found.contains { $0.hasPrefix("funding.csv:2:1: error: negative amount `-10` in disbursement") })
        #expect(found.contains { $0.hasPrefix("funding.csv:2:1: error: unknown currency `EUR`") })
        #expect(found.contains { $0.hasPrefix("funding.csv:3:1: warning: commitment for `2027-Q1`, after the initiative's last target period `2025-Q4`") })
    }

    @Test func theReachIndicatorMustBeACollectiveCount() {
        let found = messages(MoneyFixture.initiative(reach: "sessions"))
        #expect(found.contains { $0.contains("error: `reach_indicator` `sessions` is a partner count combined by `sum`, not a collective count of people") })
        #expect(messages(MoneyFixture.initiative(reach: "rech")).contains { $0.contains("unknown indicator `rech` in `reach_indicator` (hint: did you mean `reach`?)") })
    }

    @Test func siteFilesDuplicatesAndBadRates() {
        let site = SiteFinance(currency: "USD",
                               funders: [Funder(id: "f1", name: "A", location: Location(path: "funders.csv", line: 2)),
                                         Funder(id: "f1", name: "B", location: Location(path: "funders.csv", line: 3))],
                               rates: [ExchangeRate(currency: "BDT", period: Period("2024-Q1")!, rate: 0,
                                                    location: Location(path: "rates.csv", line: 2))])
        let found = validateSiteFinance(site).map(\.description)
        #expect(found.contains { $0.hasPrefix("funders.csv:3:1: error: duplicate funder id `f1`; the first is at funders.csv:2:1") })
        #expect(found.contains { $0.hasPrefix("rates.csv:2:1: error: rate `0` for `BDT` is not above 0") })
    }
}
