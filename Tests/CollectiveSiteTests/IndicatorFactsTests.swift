import Foundation
import ImpactDomain
import Testing
@testable import CollectiveSite

/// An indicator's publication facts (`IndicatorDownloads.Facts`: address, data through, next update, citation) are
/// made once per indicator and language, and its page and its JSON download in the site's language say the same.
@Suite struct IndicatorFactsTests {
    @Test func thePageAndTheJSONDownloadShareOneSetOfFacts() throws {
        let (pages, results) = try PeriodFigureTableTests.samplePages()
        let config = pages.frame.config
        for result in results.indicators {
            let facts = pages.facts(result)
            // What a set made afresh says, word for word.
            let fresh = IndicatorDownloads.Facts(result, results: results, config: config, paths: pages.frame.paths,
                                                 labels: pages.labels)
            #expect(facts.url == fresh.url)
            #expect(facts.dataThrough == fresh.dataThrough)
            #expect(facts.nextUpdate == fresh.nextUpdate)
            #expect(facts.citation == fresh.citation)
            #expect(facts.url == pages.frame.paths.absolute(SitePaths.indicator(pages.slug, result.indicator.id)))
            #expect(facts.citation.hasPrefix("\(config.title), “\(result.indicator.name)”, \(results.initiative.name)"))
            #expect(facts.dataThrough == result.periods.last { $0.value != nil }?.period)

            // The page's "About the data" shows them.
            let about = pages.aboutTheData(result)
            #expect(Self.text(about["citation"]) == facts.citation)
            #expect(Self.text(about["dataThrough"]) == facts.dataThrough?.description)

            // The JSON download carries the same words around the indicator's entry.
            let entry = HashedPart(Array("{\"id\": \"\(result.indicator.id)\"}".utf8))
            let parts = IndicatorDownloads.jsonParts(entry: entry, facts: facts, results: results, config: config)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(parts.bytes.joined())) as? [String: Any])
            #expect(object["citation"] as? String == facts.citation)
            #expect(object["url"] as? String == facts.url)
            #expect(object["data_through"] as? String == facts.dataThrough?.description)
            #expect(object["next_update_period"] as? String == facts.nextUpdate?.description)
            #expect((object["indicator"] as? [String: Any])?["id"] as? String == result.indicator.id)
        }
    }

    static func text(_ value: TemplateValue?) -> String? {
        if case .text(let text) = value { return text }
        return nil
    }

    @Test func eachIndicatorsFactsAreMadeOnce() throws {
        let (pages, results) = try PeriodFigureTableTests.samplePages()
        let result = try #require(results.indicators.first)
        _ = pages.facts(result)
        // The kept set is the one every later caller gets: a different one kept under the id would be returned.
        let kept = pages.factsByIndicator.value(result.indicator.id) { Issue.record("made again"); return pages.facts(result) }
        #expect(kept.citation == pages.facts(result).citation)
    }
}
