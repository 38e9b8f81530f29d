import Foundation
import Testing
@testable import CollectiveSite
@testable import ImpactDomain

@Suite struct FallbackMarkTests {
    func resolved(_ html: String) -> String { String(decoding: FallbackMark.resolve(Array(html.utf8)), as: UTF8.self) }
    let women = FallbackMark.wrap("Women reached", language: "en")

    @Test func becomesASpanInTextAndTspanInSVGText() {
        #expect(resolved("<p>মোট: \(women)</p>") == "<p>মোট: <span lang=\"en\">Women reached</span></p>")
        #expect(resolved("<svg><text x=\"1\">\(women) ৩২০</text></svg><p>\(women)</p>")
                == "<svg><text x=\"1\"><tspan lang=\"en\">Women reached</tspan> ৩২০</text></svg><p><span lang=\"en\">Women reached</span></p>")
    }

    @Test func isDroppedWhereNoElementMayStand() {
        // Attribute values, the document title, an SVG title (a tooltip), scripts and styles.
        #expect(resolved("<a title=\"\(women)\" href=\"x\">x</a>") == "<a title=\"Women reached\" href=\"x\">x</a>")
        #expect(resolved("<title>\(women) · সাইট</title><p>x</p>") == "<title>Women reached · সাইট</title><p>x</p>")
        #expect(resolved("<svg><title>\(women)</title></svg>") == "<svg><title>Women reached</title></svg>")
    }

    @Test func aMarkCutShortIsClosedWhereItsTextEnds() {
        // A chart that shortens a long name may cut off the closing mark.
        let cut = String(women.dropLast(4))
        #expect(resolved("<p>\(cut)</p><p>x</p>") == "<p><span lang=\"en\">Women reac</span></p><p>x</p>")
    }

    @Test func pagesWithoutMarksAreUntouchedAndTextWithoutLettersIsNotMarked() {
        #expect(resolved("<p>ক</p>") == "<p>ক</p>")
        #expect(FallbackMark.wrap("%", language: "en") == "%")
        #expect(FallbackMark.wrap("", language: "en") == "")
        #expect(FallbackMark.strip("a \(women) b") == "a Women reached b")
    }
}

@Suite struct ContentTranslationTests {
    @Test func overlaysTranslateOnlyTheirTextsAndListWhatIsLeft() throws {
        let (site, diagnostics) = try SampleContent.load([
            "initiatives/opo/initiative.bn.md": "---\nname: অপরাজিতা\ncommon_goal: প্রত্যেক শ্রমিক শোভন কাজে থাকবেন।\n---\nঅভিন্ন **কর্মসূচি**।\n",
            "initiatives/opo/indicators.bn.csv": "id,name,description\ntrained,প্রশিক্ষিত শ্রমিক,\n",
            "initiatives/opo/partners.bn.csv": "id,name\ncaif,সার্কুলার অ্যাপারেল ইনোভেশন ফ্যাক্টরি\n",
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let content = try #require(site.initiatives.first { $0.initiative.slug == "opo" })
        let bn = try #require(content.translations["bn"])
        #expect(bn.frontMatter["name"] == "অপরাজিতা")
        #expect(bn.agenda?.html.contains("<strong>কর্মসূচি</strong>") == true)
        #expect(bn.cells["indicators"]?["trained"] == ["name": "প্রশিক্ষিত শ্রমিক"])
        // An empty cell is not a translation: the description is still to do.
        let left = content.untranslated("bn", siteLanguage: "en")
        #expect(left.contains { $0.key == .cell(table: "indicators", id: "trained", column: "description") })
        #expect(!left.contains { $0.key == .cell(table: "indicators", id: "trained", column: "name") })
        #expect(!left.contains { $0.key == .agenda || $0.key == .frontMatter("common_goal") })
        #expect(left.contains { $0.key == .frontMatter("primary_actor") && $0.location.line == 6 })
        // The 2024-Q2 report has no Bengali version; 2024-Q1 has.
        #expect(left.contains { $0.key == .report(Period("2024-Q2")!) })
        #expect(!left.contains { $0.key == .report(Period("2024-Q1")!) })
        // The partner's row in partners.csv is where its untranslated kind is written.
        let kind = try #require(left.first { $0.key == .cell(table: "partners", id: "caif", column: "kind") })
        #expect(kind.location.path.hasSuffix("partners.csv") && kind.location.line == 3)
    }

    @Test func localizedPagesSwapTextsNeverFigures() throws {
        let (site, _) = try SampleContent.load([
            "initiatives/opo/indicators.bn.csv": "id,name\ntrained,প্রশিক্ষিত শ্রমিক\n",
        ])
        let content = try #require(site.initiatives.first { $0.initiative.slug == "opo" })
        let (_, computed) = validateAndCompute(content.initiative, settings: site.config.computation)
        let results = try #require(computed)
        let (localized, localizedResults) = LocalizedContent.localize(content, results, into: "bn", siteLanguage: "en")
        #expect(localizedResults.indicators.first { $0.id == "trained" }?.indicator.name == "প্রশিক্ষিত শ্রমিক")
        #expect(localizedResults.indicators.first { $0.id == "placed" }?.indicator.name == FallbackMark.wrap("Share placed", language: "en"))
        #expect(localized.initiative.name == FallbackMark.wrap("Oporajita", language: "en"))
        #expect(localized.agendaLanguage == "en")
        #expect(localizedResults.indicators.map(\.periods) == results.indicators.map(\.periods))
    }
}
