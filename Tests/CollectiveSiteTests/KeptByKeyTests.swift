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

    private static func text(_ value: TemplateValue?) -> String? {
        switch value {
        case .text(let text)?: text
        case .null?: "(null)"
        default: nil
        }
    }
}
