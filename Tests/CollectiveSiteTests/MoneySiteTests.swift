import Foundation
import Testing
@testable import CollectiveSite
@testable import ImpactDomain

/// The sample site's money, computed by hand from content/rates.csv and each initiative's funding.csv and
/// spending.csv, against the pages a funder reads (and, below, finance.json).
///
/// Oporajita (BDT; BDT per USD: 2024-Q3 118, Q4 119.5, 2025-Q1 121, Q2 121.5, Q3 122, Q4 122, 2026-Q1 122.5, Q2 123,
/// Q3 123):
///   disbursed  H&M 220,000 USD × 118 = 2,59,60,000 (2024-Q3); Padma 1,00,00,000 (2024-Q4);
///              H&M 260,000 × 121 = 3,14,60,000 (2025-Q1); H&M 220,000 × 122 = 2,68,40,000 (2025-Q3);
///              Padma 1,00,00,000 (2025-Q4); H&M 410,000 × 122.5 = 5,02,25,000 (2026-Q1, 150,000 of it pooled)
///              → 15,44,85,000 BDT; H&M 13,44,85,000 ÷ 15,44,85,000 = 87.05 %
///   committed  H&M 1,200,000 × 118 = 14,16,00,000 + Padma 2,40,00,000 = 16,56,00,000
///   spent      backbone 9 × 25,00,000 = 2,25,00,000; Stitchwise 2 × 40,00,000 + 7 × 55,00,000 = 4,65,00,000;
///              Notun Path 9 × 12,00,000 = 1,08,00,000; Nirapotta 9 × 8,50,000 = 76,50,000; Lal Sutor 7 × 10,00,000
///              = 70,00,000 → 9,44,50,000; backbone share 2,25,00,000 ÷ 9,44,50,000 = 23.8 %
///   cost per person (2026-Q3, 36,400 women, the `*` row): 9,44,50,000 ÷ 36,400 = 2,594.78 → 2,595 BDT
///   in USD: 85,50,000 ÷ 118 + 85,50,000 ÷ 119.5 + 1,10,50,000 × (1/121 + 1/121.5 + 2/122 + 1/122.5 + 2/123)
///              = 777,301.0 USD → ÷ 36,400 = 21.35 USD
/// Saamuhika Shakti (INR; INR per USD by year: 2024 83.5, 2025 86, 2026 88):
///   disbursed  H&M 130,000 × 83.5 + 120,000 × 86 + 50,000 × 86 + 120,000 × 88 = 3,60,35,000; Kaveri 1,60,00,000
///              → 5,20,35,000; H&M's share 69.25 %
///   spent      1,35,00,000 + 63,00,000 + 90,00,000 + 54,00,000 + 56,00,000 = 3,98,00,000 → ÷ 10,150 = 3,921 INR
///   in USD: 2 × 38,00,000 ÷ 83.5 + 4 × 46,00,000 ÷ 86 + 3 × 46,00,000 ÷ 88 = 461,789.6 → ÷ 10,150 = 45.50 USD
/// H&M Foundation across both, in USD: committed 1,200,000 + 800,000 = 2,000,000; disbursed 1,110,000 + 420,000
/// = 1,530,000.
@Suite struct MoneySiteTests {
    static let site: String = {
        let out = TestScratch.folder.appendingPathComponent("money-site-\(UUID().uuidString)").path
        let root = SiteBuildTests.repository
        _ = SiteBuilder.build(BuildOptions(contentDirectory: root + "/content", templatesDirectory: root + "/templates",
                                           outputDirectory: out))
        return out
    }()

    func page(_ path: String) throws -> String { try String(contentsOfFile: Self.site + "/" + path, encoding: .utf8) }

    @Test func theHandComputationMatchesTheDomain() throws {
        let content = ContentLoader.load(contentDirectory: SiteBuildTests.repository + "/content")
        let oporajita = try #require(content.initiatives.first { $0.initiative.slug == "oporajita" })
        let finance = try #require(compute(oporajita.initiative).finance)
        let local = finance.local.totals
        #expect(local.disbursed == 154_485_000)
        #expect(local.committed == 165_600_000)
        #expect(local.pooled == 150_000 * 122.5)
        #expect(local.spent == 94_450_000)
        #expect(local.backboneSpent == 22_500_000)
        #expect(local.reach == 36_400 && local.costPeriod == Period("2026-Q3"))
        #expect(local.costPerPerson == 94_450_000.0 / 36_400)
        #expect(finance.local.funders.map(\.funder) == ["hm-foundation", "padma-trust"])
        #expect(finance.local.funders[0].disbursed == 134_485_000)
        let usd = try #require(finance.site?.totals.spent)
        let firstTwo: Double = 8_550_000 / 118.0 + 8_550_000 / 119.5
        let perRate: Double = 1 / 121.0 + 1 / 121.5 + 2 / 122.0 + 1 / 122.5 + 2 / 123.0
        let byHand: Double = firstTwo + 11_050_000 * perRate
        #expect(abs(usd - byHand) < 1e-6)
        #expect(abs(usd - 777_301.0) < 0.5)

        let saamuhika = try #require(content.initiatives.first { $0.initiative.slug == "saamuhika-shakti" })
        let money = try #require(compute(saamuhika.initiative).finance)
        #expect(money.local.totals.disbursed == 52_035_000)
        #expect(money.local.funders[0].disbursed == 36_035_000)
        #expect(money.local.totals.spent == 39_800_000)
        #expect(money.local.totals.costPerPerson == 39_800_000.0 / 10_150)
        let in2024: Double = 2 * 3_800_000 / 83.5
        let in2025: Double = 4 * 4_600_000 / 86.0
        let in2026: Double = 3 * 4_600_000 / 88.0
        let saamuhikaUSD = in2024 + in2025 + in2026
        #expect(abs(money.site!.totals.spent! - saamuhikaUSD) < 1e-6)
    }

    @Test func theInitiativePageShowsFundingSpendingBackboneShareAndCostPerPerson() throws {
        let html = try page("oporajita/index.html")
        #expect(html.contains(#"<section id="funding" class="section money">"#))
        #expect(html.contains("Funders have pledged 16,56,00,000 BDT in all."))
        #expect(html.contains("15,44,85,000 BDT has been paid out, 1,83,75,000 BDT of it into the pooled fund that The Asia Foundation holds"))
        #expect(html.contains("The partners and the backbone have spent 9,44,50,000 BDT on the initiative."))
        #expect(html.contains("24% of all spending (2,25,00,000 BDT of 9,44,50,000 BDT) went to the backbone, The Asia Foundation."))
        #expect(html.contains("9,44,50,000 BDT spent up to 2026-Q3, divided by the 36,400 women reached by then"))
        #expect(html.contains(": 2,595 BDT per person."))
        // Funders with committed, disbursed and share; the charts with their sentences and tables.
        #expect(html.contains(#"<a href="../funders/hm-foundation.html">H&amp;M Foundation</a></th><td class="num">14,16,00,000 BDT</td><td class="num">13,44,85,000 BDT</td><td class="num">87%</td>"#))
        #expect(html.contains("In 2026-Q1, only H&amp;M Foundation made a disbursement (5,02,25,000 BDT)"))
        #expect(html.contains("The Asia Foundation (backbone): 25,00,000 BDT; total 1,10,50,000 BDT."))
        #expect(html.contains("Cost per person reached fell from 2,655 BDT in 2024-Q3 to 2,595 BDT in 2026-Q3."))
        #expect(html.contains(#"<th scope="row">2026-Q3</th><td class="num">—</td><td class="num">—</td><td class="num">1,10,50,000 BDT</td><td class="num">9,44,50,000 BDT</td><td class="num">23%</td><td class="num">36,400</td><td class="num">2,595 BDT</td>"#))
        #expect(html.contains("118 BDT per 1 USD</td><td>Bangladesh Bank quarterly average (illustrative)"))
        // A funder is never given a number of people.
        #expect(!html.contains("your money reached"))
        // The Bengali page has the money words too.
        let bengali = try page("oporajita/bn/index.html")
        #expect(bengali.contains("তহবিল ও খরচ"))
        #expect(bengali.contains("পৌঁছানো জনপ্রতি খরচ"))
    }

    @Test func aPagePerFunderInContributionNotAttributionWording() throws {
        let list = try page("funders/index.html")
        for name in ["H&amp;M Foundation", "Padma Skills Trust", "Kaveri Civic Fund"] { #expect(list.contains(name)) }
        let hm = try page("funders/hm-foundation.html")
        #expect(hm.contains(#"<td class="num">2,000,000 USD</td><td class="num">1,530,000 USD</td>"#))
        #expect(hm.contains("H&amp;M Foundation&#39;s grants were 87% of the money disbursed to Oporajita, a collective that reached 36,400 women by 2026-Q3. The results are the partners&#39; together and are not divided among funders.")
                || hm.contains("H&amp;M Foundation's grants were 87% of the money disbursed to Oporajita, a collective that reached 36,400 women by 2026-Q3."))
        #expect(hm.contains("69% of the money disbursed to Saamuhika Shakti, a collective that reached 10,150 waste pickers by 2026-Q3"))
        // 87 % of 36,400 would be 31,668 women: that number must appear nowhere.
        #expect(!hm.contains("31,668"))
        #expect(hm.contains(#"href="../oporajita/indicators/women-reached.html""#))
        let sitemap = try page("sitemap.xml")
        #expect(sitemap.contains("funders/hm-foundation.html"))
    }

    @Test func theHomeAndTheBriefShowTheMoney() throws {
        let home = try page("index.html")
        #expect(home.contains(#"<a href="oporajita/index.html#funding">Oporajita</a></th><td class="num">1,403,390 USD</td><td class="num">1,275,649 USD</td><td class="num">777,301 USD</td><td class="num">24%</td><td class="num">21.35 USD"#))
        #expect(home.contains(#"<td class="num">461,790 USD</td><td class="num">34%</td><td class="num">45.50 USD"#))
        let brief = try page("oporajita/brief/2026-Q3.html")
        #expect(brief.contains("Money in 2026-Q3 and to date (BDT)"))
        #expect(brief.contains(#"<th scope="row">Spent</th><td data-label="In 2026-Q3">1,10,50,000 BDT</td><td data-label="To date">9,44,50,000 BDT</td>"#))
        #expect(brief.contains(#"<th scope="row">Cost per person reached</th><td data-label="In 2026-Q3">—</td><td data-label="To date">2,595 BDT</td>"#))
    }

    /// Foundation's JSON reader on Linux may miss the last bit of a double; the figure is the same to 1e-12.
    func close(_ value: Any?, _ expected: Double) -> Bool {
        guard let number = value as? Double else { return false }
        return abs(number - expected) <= 1e-12 * max(1, abs(expected))
    }

    func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.site + "/" + path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func financeJSONMatchesTheHandComputation() throws {
        let finance = try json("data/oporajita/finance.json")
        #expect(finance["currency"] as? String == "BDT")
        #expect(finance["reach_indicator"] as? String == "women-reached")
        let totals = try #require(finance["totals"] as? [String: Any])
        #expect(totals["committed"] as? Double == 165_600_000)
        #expect(totals["disbursed"] as? Double == 154_485_000)
        #expect(totals["spent"] as? Double == 94_450_000)
        #expect(totals["backbone_spent"] as? Double == 22_500_000)
        #expect(close(totals["backbone_share"], 22_500_000.0 / 94_450_000))
        #expect(close(totals["cost_per_person"], 94_450_000.0 / 36_400))
        let funders = try #require(finance["funders"] as? [[String: Any]])
        #expect(funders.map { $0["funder"] as? String } == ["hm-foundation", "padma-trust"])
        #expect(funders[0]["disbursed"] as? Double == 134_485_000)
        #expect(close(funders[0]["share"], 134_485_000.0 / 154_485_000))
        // Shares are fractions of the whole: they add up to 1.
        #expect(abs(funders.compactMap { $0["share"] as? Double }.reduce(0, +) - 1) < 1e-12)
        let partners = try #require(finance["partners"] as? [[String: Any]])
        let nirapotta = try #require(partners.first { $0["partner"] as? String == "nirapotta" })
        #expect(nirapotta["received"] as? Double == 8_000_000 && nirapotta["spent"] as? Double == 7_650_000)
        #expect(close(nirapotta["utilisation"], 7_650_000.0 / 8_000_000))
        let periods = try #require(finance["periods"] as? [[String: Any]])
        #expect(periods.count == 9)
        let q2 = try #require(periods.first { $0["period"] as? String == "2025-Q2" })
        // No commitment and no disbursement in 2025-Q2: absent is null, never 0.
        #expect(q2["committed"] is NSNull && q2["disbursed"] is NSNull)
        #expect(close(q2["spent_to_date"], 8_550_000.0 * 2 + 11_050_000 * 2))
        #expect(q2["reach_to_date"] as? Double == 15_810)
        #expect(close(q2["cost_per_person_to_date"], 39_200_000.0 / 15_810))
        // The backbone's part of the period, as finance.csv's period row gives it: TAF's 2,500,000 of 11,050,000.
        #expect(q2["backbone_spent"] as? Double == 2_500_000)
        #expect(close(q2["backbone_share"], 2_500_000.0 / 11_050_000))
        let csv = try String(contentsOfFile: Self.site + "/data/oporajita/finance.csv", encoding: .utf8)
        #expect(csv.hasPrefix("row,id,currency,committed,disbursed,spent,backbone_spent,backbone_share,cost_per_person,share,received,utilisation,spent_to_date,reach_to_date,cost_per_person_to_date\r\n"))
        #expect(csv.contains("\r\ntotal,oporajita,BDT,165600000,154485000,94450000,22500000,"))

        let portfolio = try json("data/funders.json")
        #expect(portfolio["currency"] as? String == "USD")
        let all = try #require(portfolio["funders"] as? [[String: Any]])
        let hm = try #require(all.first { $0["funder"] as? String == "hm-foundation" })
        #expect(hm["committed"] as? Double == 2_000_000 && hm["disbursed"] as? Double == 1_530_000)
        let lines = try #require(hm["initiatives"] as? [[String: Any]])
        #expect(lines.map { $0["initiative"] as? String } == ["oporajita", "saamuhika-shakti"])
        #expect(lines[0]["disbursed"] as? Double == 1_110_000)
        let padma = try #require(all.first { $0["funder"] as? String == "padma-trust" })
        #expect(padma["url"] is NSNull)
        #expect(abs((padma["committed"] as? Double ?? 0) - 24_000_000 / 118.0) < 1e-6)
    }
}
