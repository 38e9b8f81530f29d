import Foundation
import Testing
@testable import CollectiveSite

/// The initiative overview is the funder's summary: each collective indicator's headline, and the latest period's
/// collective-versus-individual figures, each one click from its indicator page, which keeps what the overview
/// leaves out (the trend and the table of every period, each partner's contribution period by period).
@Suite struct OverviewTests {
    /// Every overview of the sample, in every language it is published in.
    static let overviews = ["oporajita/index.html", "oporajita/bn/index.html",
                            "saamuhika-shakti/index.html", "saamuhika-shakti/kn/index.html"]

    /// The collective indicators of an initiative's results.json: id, across-partners rule, measure, and the
    /// periods it has.
    func collectiveIndicators(_ initiative: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: BuiltSites.sample + "/data/\(initiative)/results.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (json["indicators"] as? [[String: Any]] ?? []).filter { $0["scope"] as? String == "collective" }
    }

    /// The page a link on `page` leads to, and the element of the link's `#fragment`.
    func target(of href: String, from page: String) throws -> (page: HTMLElement, section: HTMLElement) {
        let parts = href.split(separator: "#").map(String.init)
        try #require(parts.count == 2, "\(page): \(href) names no section")
        let folder = (page as NSString).deletingLastPathComponent
        let linked = try BuiltSites.page(folder.isEmpty ? parts[0] : folder + "/" + parts[0])
        let section = try #require(linked.all { $0["id"] == parts[1] }.first, "\(href) from \(page): no element #\(parts[1])")
        return (linked, section)
    }

    @Test func everyOverviewLinksEachIndicatorToItsFiguresByPeriodAndItsPartnersContributions() throws {
        for path in Self.overviews {
            let overview = try BuiltSites.page(path)
            let indicators = try collectiveIndicators(String(path.prefix { $0 != "/" }))
            try #require(indicators.count >= 5, "\(path)")
            for indicator in indicators {
                let id = indicator["id"] as! String
                let panel = try #require(overview.all(class: "indicator-panel").first { $0["data-indicator"] == id }, "\(path): \(id)")
                #expect(panel.all(tag: "h3").first?.all(tag: "a").first?["href"] == "indicators/\(id).html", "\(path): \(id)")
                // Headline, sparkline and progress; no period table and no full trend chart on the overview.
                #expect(panel.all(tag: "table").isEmpty && panel.all(class: "chart-line-chart").isEmpty, "\(path): \(id)")
                let link = try #require(panel.all(class: "more-link").first?.all(tag: "a").first?["href"], "\(path): \(id)")
                #expect(link == "indicators/\(id).html#trend")
                // The linked section has the indicator's table with a row for every period of results.json.
                let (_, trend) = try target(of: link, from: path)
                let table = try #require(trend.all(tag: "table").first { $0["data-indicator"] == id }, "\(link) from \(path)")
                let periods = (indicator["periods"] as? [[String: Any]] ?? []).map { $0["period"] as! String }
                #expect(table.all(tag: "tr").compactMap { $0["data-period"] } == periods, "\(link) from \(path)")
                if (indicator["measure"] as? String) != "qualitative" {
                    #expect(!trend.all(class: "chart-line-chart").isEmpty, "\(link) from \(path): no trend chart")
                }
            }
            // Each collective-versus-individual panel shows one period and links the indicator's breakdown, where
            // the contribution bars (of counts and amounts added up) and the latest period's table are.
            let panels = overview.all(class: "cvi-panel")
            #expect(panels.count >= 4, "\(path)")
            for panel in panels {
                let id = try #require(panel["data-indicator"])
                #expect(panel.all(class: "chart-stacked-bars").isEmpty, "\(path): \(id)")
                let link = try #require(panel.all(class: "more-link").first?.all(tag: "a").first?["href"], "\(path): \(id)")
                #expect(link == "indicators/\(id).html#partner-breakdown")
                let (_, breakdown) = try target(of: link, from: path)
                #expect(breakdown.all(class: "cvi-panel").first?["data-indicator"] == id, "\(link) from \(path)")
                #expect(!breakdown.all(class: "contributions").isEmpty, "\(link) from \(path)")
                let indicator = try #require(indicators.first { $0["id"] as? String == id })
                if ["sum", "unique"].contains(indicator["across_partners"] as? String), indicator["measure"] as? String == "count" {
                    #expect(!breakdown.all(class: "chart-stacked-bars").isEmpty, "\(link) from \(path): no contribution bars")
                }
            }
        }
    }

    /// What left the overview is on the indicator page, with the sample's figures: women reached in 2024-Q4
    /// (7,220 against the 6,000 milestone), and Stitchwise's count of women reached in 2025-Q1.
    @Test func anOlderPeriodAndAPartnersOlderContributionAreOnTheIndicatorPage() throws {
        let overview = try BuiltSites.page("oporajita/index.html")
        let page = try BuiltSites.page("oporajita/indicators/women-reached.html")
        #expect(overview.all { $0["data-period"] == "2024-Q4" }.isEmpty)
        let row = try #require(page.all(tag: "tr").first { $0["data-period"] == "2024-Q4" })
        // Period, This period, To date, Target, …
        #expect(row.elementChildren.map(\.text).prefix(4) == ["2024-Q4", "7,220", "7,220", "6,000 (milestone)"])

        let reached = try #require(try collectiveIndicators("oporajita").first { $0["id"] as? String == "women-reached" })
        let period = try #require((reached["periods"] as? [[String: Any]])?.first { $0["period"] as? String == "2025-Q1" })
        let stitchwise = try #require((period["contributions"] as? [[String: Any]])?.first { $0["partner"] as? String == "stitchwise" })
        let value = NumberFormat(locale: "en-IN").count(try #require(stitchwise["value"] as? NSNumber).doubleValue)
        #expect(value == "3,340")
        let segment = "Stitchwise Technical Academy, 2025-Q1: \(value)"
        #expect(!overview.all(tag: "title").contains { $0.text == segment })
        let breakdown = try #require(page.all { $0["id"] == "partner-breakdown" }.first)
        #expect(breakdown.all(tag: "title").contains { $0.text == segment })
        // Each headline says which period its figure is: a result to date, or a rate measured in the period.
        let panels = overview.all(class: "indicator-panel")
        let reachedPanel = try #require(panels.first { $0["data-indicator"] == "women-reached" })
        #expect(reachedPanel.all(tag: "p").map(\.text).contains("To date, through 2026-Q3"))
        let placement = try #require(panels.first { $0["data-indicator"] == "placement-rate" })
        #expect(placement.all(tag: "p").map(\.text).contains("In 2026-Q3"))
        // The overview keeps the latest period's figures: the collective value beside the partners' counts.
        let latest = try #require(overview.all(class: "cvi-panel").first { $0["data-indicator"] == "women-reached" })
        #expect(latest["data-period"] == "2026-Q3")
        #expect(latest.all { $0["data-field"] == "value" }.first?.text == "36,400")
        #expect(latest.all { $0["data-field"] == "sum_of_parts" }.first?.text == "51,550")
    }
}
