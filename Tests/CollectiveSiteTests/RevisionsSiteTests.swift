import Foundation
import Testing
@testable import CollectiveSite
@testable import ImpactDomain

/// `collective build --previous DIR`: after one past value was edited, that value and nothing else is listed, on
/// the pages and in revisions.json; without `--previous`, nothing is said about revisions.
@Suite(.serialized) struct RevisionsSiteTests {
    func scratch() throws -> String {
        let dir = TestScratch.folder.appendingPathComponent("revisions-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: SiteBuildTests.repository + "/content", toPath: dir + "/content")
        return dir
    }

    func build(_ dir: String, into output: String, previous: String? = nil) -> BuildReport {
        SiteBuilder.build(BuildOptions(contentDirectory: dir + "/content", templatesDirectory: SiteBuildTests.repository + "/templates",
                                       outputDirectory: dir + "/" + output, previousSite: previous.map { dir + "/" + $0 }))
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func anEditedPastValueIsListedAndNothingElse() throws {
        let dir = try scratch()
        #expect(!build(dir, into: "published").diagnostics.hasErrors)
        #expect(!FileManager.default.fileExists(atPath: dir + "/published/data/oporajita/revisions.json"))
        #expect(try !read(dir + "/published/oporajita/brief/2026-Q3.html").contains("id=\"revisions\""))

        let results = dir + "/content/initiatives/oporajita/results.csv"
        let text = try read(results)
        let edited = text.replacingOccurrences(of: "\nwomen-reached,stitchwise,2026-Q2,10310,", with: "\nwomen-reached,stitchwise,2026-Q2,10410,")
        try #require(edited != text)
        try edited.write(toFile: results, atomically: true, encoding: .utf8)
        let report = build(dir, into: "next", previous: "published")
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")

        #expect(try read(dir + "/next/data/oporajita/revisions.json")
                == "[\n  {\"indicator\": \"women-reached\", \"partner\": \"stitchwise\", \"period\": \"2026-Q2\", \"old\": 10310, \"new\": 10410}\n]\n")
        #expect(try read(dir + "/next/data/saamuhika-shakti/revisions.json") == "[]\n")
        let line = "Women reached by the initiative</a>, Stitchwise Technical Academy, 2026-Q2: <del>10,310</del> → <ins>10,410</ins>"
        for page in ["oporajita/brief/2026-Q3.html", "oporajita/reports/2026-Q3.html", "oporajita/indicators/women-reached.html"] {
            let html = try read(dir + "/next/" + page)
            #expect(html.contains("1 figure already published revised since the last report"), "\(page)")
            #expect(html.contains(line), "\(page)")
        }
        // Another indicator's page, an older brief and the other initiative say nothing of it.
        #expect(try !read(dir + "/next/oporajita/indicators/placement-rate.html").contains("id=\"revisions\""))
        #expect(try !read(dir + "/next/oporajita/brief/2026-Q2.html").contains("id=\"revisions\""))
        #expect(try read(dir + "/next/saamuhika-shakti/brief/2026-Q3.html")
            .contains("No figure already published for an earlier period has changed since the last report."))
        #expect(try read(dir + "/next/feed.xml").contains("<title>Oporajita: 1 figure already published revised since the last report</title>"))
    }

    @Test func aFolderThatIsNotAPublishedSiteIsAnError() throws {
        let dir = try scratch()
        let report = build(dir, into: "out", previous: "content")
        #expect(report.diagnostics.map(\.description).contains { $0.contains("is not a site Collective published: it has no data/initiatives.json") })
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/index.html"))
    }

    /// Each brief and report says how each headline moved since the period before, and which outcomes are new.
    @Test func aBriefSaysWhatChangedSinceThePreviousPeriod() throws {
        let dir = try scratch()
        #expect(!build(dir, into: "site").diagnostics.hasErrors)
        let brief = try read(dir + "/site/oporajita/brief/2026-Q3.html")
        #expect(brief.contains("What changed since 2026-Q2"))
        #expect(brief.contains("<strong>Women reached by the initiative</strong>: 36,400 (+3,890), before 32,510."))
        #expect(brief.contains("New systems-change outcomes in 2026-Q3"))
        let earlier = try read(dir + "/site/oporajita/brief/2026-Q2.html")
        #expect(earlier.contains("What changed since 2026-Q1") && !earlier.contains("New systems-change outcomes in 2026-Q3"))
    }
}
