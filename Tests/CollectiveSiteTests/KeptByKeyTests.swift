import Testing
@testable import CollectiveSite

/// `KeptByKey` makes a key's value once, for the first caller, and gives every later caller that one.
struct KeptByKeyTests {
    @Test func aKeysValueIsMadeOnceAndKept() {
        let kept = KeptByKey<String>()
        var made: [String] = []
        #expect(kept.value("women-reached") { made.append("women-reached"); return "15,810" } == "15,810")
        // Later callers get the kept value: their `make` is not run, whatever it would give.
        #expect(kept.value("women-reached") { made.append("again"); return "other" } == "15,810")
        // Another key has its own.
        #expect(kept.value("girls-enrolled") { made.append("girls-enrolled"); return "2,310" } == "2,310")
        #expect(kept.value("girls-enrolled") { "other" } == "2,310")
        #expect(made == ["women-reached", "girls-enrolled"])
    }

    /// The overview and a partner's page show an indicator's headline with each its own link, from one kept headline.
    @Test func everyPageGetsTheKeptHeadlineWithItsOwnLink() throws {
        let (pages, results) = try PeriodFigureTableTests.samplePages()
        let result = try #require(results.indicators.first { $0.latest != nil })
        let fromOverview = pages.summary(result, from: "opo/index.html")
        let fromPartner = pages.summary(result, from: "opo/partners/brac.html", sparkline: false)
        #expect(Self.text(fromOverview["href"]) == "indicators/\(result.indicator.id).html")
        #expect(Self.text(fromPartner["href"]) == "../indicators/\(result.indicator.id).html")
        #expect(Self.text(fromOverview["sparkline"])?.hasPrefix("<svg") == true && fromPartner["sparkline"] == nil)
        for key in ["id", "name", "value", "period", "status", "target", "progress", "progressBar", "partial"] {
            #expect(Self.text(fromOverview[key]) == Self.text(fromPartner[key]), "\(key)")
        }
        #expect(Self.text(fromOverview["id"]) == result.indicator.id)
    }

    /// The downloads are kept per folder: each page gets the links from its own folder, the overview's and an
    /// indicator page's differ, two indicator pages' are the same.
    @Test func downloadsAreLinkedFromEachPagesFolder() throws {
        let (pages, results) = try PeriodFigureTableTests.samplePages()
        let files = ["results.csv", "results.json", "collaboration.json"] + (results.finance == nil ? [] : ["finance.json", "finance.csv"])
        func hrefs(_ path: String) -> [String] {
            guard case .list(let items) = pages.downloads(from: path) else { return [] }
            return items.compactMap { Self.text($0["href"]) }
        }
        for path in ["opo/index.html", "opo/indicators/a.html", "opo/indicators/b.html", "opo/index.html"] {
            #expect(hrefs(path) == files.map {
                SitePaths.link(from: path, to: SitePaths.data("opo", $0))
            })
        }
        #expect(hrefs("opo/index.html") != hrefs("opo/indicators/a.html"))
    }

    private static func text(_ value: TemplateValue?) -> String? {
        switch value {
        case .text(let text)?: text
        case .null?: "(null)"
        default: nil
        }
    }
}
