import Foundation
import Testing
@testable import CollectiveSite
@testable import ImpactDomain

/// Issue 14, one test per class of defect: what the built sample pages say about a figure must be true of it.
/// Each test reads the pages through the HTML parser (text as a reader sees it), not by searching bytes.
@Suite struct HonestFigureTests {
    var sample: String { BuiltSites.sample }

    /// Every page of the sample site, parsed once per test.
    func pages() throws -> [(path: String, root: HTMLElement)] {
        try BuiltSites.htmlPages(sample).map { ($0, try BuiltSites.page($0)) }
    }

    /// Class 1: sum of parts − deduplicated value counts repeat records, not people. 25,120 partner counts for
    /// 10,150 people cannot mean that 14,970 people were counted by more than one partner.
    @Test func theGapBetweenTheSumAndTheDeduplicatedCountIsCalledRepeatCountsNotPeople() throws {
        for (path, root) in try pages() {
            #expect(!root.text.contains("Counted by more than one partner"), "\(path)")
        }
        let overview = try BuiltSites.page("saamuhika-shakti/index.html")
        let panel = try #require(overview.all(class: "cvi-panel").first { $0.text.contains("Waste pickers enrolled") })
        #expect(panel.text.contains("Repeat counts in the sum 14,970"))
        #expect(panel.text.contains("The partners' counts add up to 25,120, 14,970 more than the 10,150 people counted once"))
        // The sample's own reports do not say it either.
        for report in ["2026-Q1", "2026-Q2"] {
            let text = try BuiltSites.page("oporajita/reports/\(report).html").text
            #expect(!text.contains("women are counted by more than one partner"))
            #expect(!text.contains("number of women counted by two or more partners"))
        }
    }

    /// Class 4: a period without the backbone's deduplicated count must not be described as "each person is
    /// counted once" beside the warning that it may count a person more than once.
    @Test func noPanelSaysEachPersonIsCountedOnceBesideTheDoubleCountingWarning() throws {
        var panels = 0
        for (path, root) in try pages() {
            for panel in root.all(class: "cvi-panel") + root.all(class: "hero") + root.all(class: "two-col") {
                panels += 1
                let text = panel.text
                #expect(!(text.contains("Each person is counted once") && text.contains("may count a person more than once")),
                        "\(path): \(text.prefix(200))")
            }
        }
        #expect(panels > 40)
        // Children learning never had a `*` row: its rule says the counts are added up.
        let children = try BuiltSites.page("saamuhika-shakti/indicators/children-learning.html")
        #expect(children.text.contains("the backbone has reported no deduplicated count: the partners' counts are added up instead"))
    }
}
