import Foundation
import ImpactDomain
import Synchronization
import Testing
@testable import CollectiveSite

/// The texts of each period's figures, made once per indicator and shown by every page (`PeriodFigureTable`).
@Suite struct PeriodFigureTableTests {
    static func samplePages() throws -> (InitiativePages, InitiativeResults) {
        let (site, diagnostics) = try SampleContent.load()
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let content = try #require(site.initiatives.first { $0.initiative.slug == "opo" })
        let results = try #require(validateAndCompute(content.initiative, settings: site.config.computation).1)
        let (templates, _) = TemplateSet.load(directory: SiteBuildTests.repository + "/templates")
        let frame = PageFrame(config: site.config, paths: SitePaths(baseURL: site.config.baseURL), templates: templates,
                              stylesheet: "style.css", initiatives: [("opo", "Oporajita")], liveReloadScript: nil)
        return (InitiativePages(content: content, results: results, frame: frame, language: "en"), results)
    }

    @Test func textsAreWhatPresentDecidesForEachPeriod() throws {
        let (pages, results) = try Self.samplePages()
        let present = pages.present
        for result in results.indicators {
            let texts = pages.periodTexts(result)
            #expect(texts.count == result.periods.count)
            for (period, shown) in zip(result.periods, texts) {
                #expect(shown.key == period.period.description)
                #expect(shown.value == pages.ownerLeft(result.indicator, period) ?? present.periodValue(period, result.indicator))
                #expect(shown.toDate == present.toDate(period, result.indicator))
                #expect(shown.target == present.periodTarget(period, result.indicator))
                #expect(shown.progress == present.share(period.progress))
                #expect(shown.expected == present.share(period.expected))
                #expect(shown.partialMark == present.partialMark(result, period.period))
            }
        }
    }

    @Test func periodsAreComparedWithTheOneBefore() throws {
        let (pages, results) = try Self.samplePages()
        // Workers trained: 180 (the backbone's deduplicated row) in 2024-Q1, 130 (CAIF's alone) in 2024-Q2.
        let trained = try #require(results.indicator("trained"))
        let texts = pages.periodTexts(trained)
        #expect(texts.map(\.key) == ["2024-Q1", "2024-Q2"])
        #expect(texts[0].bareValue == "180")
        #expect(texts[0].since == nil)  // no period before the first
        #expect(texts[1].bareValue == "130")
        let since = try #require(texts[1].since)
        #expect(since.before == "180")
        #expect(since.delta == "−50")
        #expect(since.change.hasPrefix("−50"))
        #expect(since.change == (since.statusWas.map { "−50 " + $0 } ?? "−50"))
        // A partner's own indicator is in no "what changed" box: nothing is formatted for one.
        let story = try #require(results.indicator("story"))
        #expect(pages.periodTexts(story).allSatisfy { $0.bareValue == nil && $0.since == nil })
    }

    @Test func eachIndicatorsTextsAreMadeOnceAndShared() {
        let table = PeriodFigureTable(indicators: ["a", "b"])
        let made = Mutex<[String]>([])
        func texts(_ id: String) -> [PeriodTexts] {
            table.texts(id) {
                made.withLock { $0.append(id) }
                return [PeriodTexts(key: "2024-Q1", label: "2024-Q1", value: id, toDate: "—", target: "—", progress: "—",
                                    expected: "—", status: .null, partialMark: nil, bareValue: nil, since: nil)]
            }
        }
        #expect(texts("a").map(\.value) == ["a"])
        #expect(texts("a").map(\.value) == ["a"])
        #expect(texts("b").map(\.value) == ["b"])
        // An id the table was not made for is made on every call and never kept.
        #expect(texts("c").map(\.value) == ["c"])
        #expect(texts("c").map(\.value) == ["c"])
        #expect(made.withLock { $0 } == ["a", "b", "c", "c"])
    }

    @Test func pagesOnBothCoresShareOneMaking() {
        let table = PeriodFigureTable(indicators: ["a"])
        let made = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 64) { _ in
            let texts = table.texts("a") {
                made.add(1, ordering: .relaxed)
                return [PeriodTexts(key: "2024-Q1", label: "2024-Q1", value: "1", toDate: "1", target: "—", progress: "—",
                                    expected: "—", status: .null, partialMark: nil, bareValue: nil, since: nil)]
            }
            #expect(texts.count == 1)
        }
        #expect(made.load(ordering: .relaxed) == 1)
    }
}
