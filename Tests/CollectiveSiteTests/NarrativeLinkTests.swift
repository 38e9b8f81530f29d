import Foundation
import Testing
@testable import CollectiveSite
@testable import ImpactDomain

/// Links in narratives written as content files (`2026-Q2.md`, `../partners/<id>.md`, `../indicators.csv#<id>`):
/// rewritten to the published page, and an error at their line when that page does not exist.
@Suite struct NarrativeLinkTests {
    func resolve(_ address: String, from folder: String = "reports") -> SiteLink.Resolution {
        SiteLink.resolve(address, slug: "opo", from: folder, defaultLanguage: "en")
    }

    func target(_ address: String, from folder: String = "reports") -> SiteLink.Target? {
        if case .page(let target, _) = resolve(address, from: folder) { return target }
        return nil
    }

    @Test func everyContentFileFormNamesItsPage() {
        let q2 = Period(kind: .quarter, year: 2026, index: 2)!
        #expect(target("2026-Q2.md") == .report(slug: "opo", period: q2, language: nil))
        #expect(target("./2026-Q2.bn.md") == .report(slug: "opo", period: q2, language: "bn"))
        #expect(target("2026-Q2.en.md") == .report(slug: "opo", period: q2, language: nil))
        #expect(target("../reports/2026-Q2.md", from: "partners") == .report(slug: "opo", period: q2, language: nil))
        #expect(target("reports/2026-Q2.md", from: "") == .report(slug: "opo", period: q2, language: nil))
        #expect(target("../partners/nirapotta.md") == .partner(slug: "opo", id: "nirapotta"))
        #expect(target("../partners.csv#nirapotta") == .partner(slug: "opo", id: "nirapotta"))
        #expect(target("../indicators.csv#placement-rate") == .indicator(slug: "opo", id: "placement-rate"))
        #expect(target("../initiative.md") == .initiative(slug: "opo", language: nil))
        #expect(target("initiative.bn.md", from: "") == .initiative(slug: "opo", language: "bn"))
        #expect(target("../outcomes.csv") == .systemsChange(slug: "opo"))
        #expect(target("../../saamuhika-shakti/initiative.md") == .initiative(slug: "saamuhika-shakti", language: nil))
        #expect(target("../../saamuhika-shakti/reports/2026-Q2.md") == .report(slug: "saamuhika-shakti", period: q2, language: nil))
        #expect(target("2026%2DQ2.md") == .report(slug: "opo", period: q2, language: nil))
        if case .page(_, let fragment) = resolve("2026-Q2.md#highlights") { #expect(fragment == "highlights") } else {
            Issue.record("a fragment after a report link was not kept")
        }
    }

    @Test(arguments: ["https://example.org/a.md", "mailto:team@example.org", "tel:+880123", "#highlights", "//cdn.example.org/x", ""])
    func linksOutOfTheSiteAreLeftAlone(_ address: String) {
        guard case .external = resolve(address) else {
            Issue.record("`\(address)` was treated as a link into the site")
            return
        }
    }

    /// The byte-level shortcut for web addresses says "external" only for what the general rules call external, and
    /// leaves every link into the site, every problem and every non-ASCII address to them.
    @Test func theShortcutForWebAddressesMatchesTheGeneralRules() {
        for address in ["https://example.org/a.md", " https://example.org/x ", "mailto:team@example.org", "tel:+880123",
                        "#highlights", "//cdn.example.org/x", "", " \t", "\nhttps://a.example/b\r"] {
            #expect(SiteLink.isExternalASCII(address), "\(address)")
        }
        for address in ["2026-Q2.md", "../partners/nirapotta.md", "/opo/index.html", "../a:b.md", "x#y:z", "..",
                        "https://例え.jp/", "\u{A0}https://example.org", "images/photo.jpg"] {
            #expect(!SiteLink.isExternalASCII(address), "\(address)")
        }
        guard case .external = resolve("https://例え.jp/") else {
            Issue.record("a web address with a non-ASCII host was treated as a link into the site")
            return
        }
    }

    @Test(arguments: [
        ("../results.csv", "link `../results.csv` points at a file the site does not publish as a page"),
        ("../brief/2026-Q3.html", "link `../brief/2026-Q3.html` points at a file the site does not publish as a page"),
        ("notes.docx", "link `notes.docx` points at a file the site does not publish as a page"),
        ("../indicators.csv", "link `../indicators.csv` names no indicator"),
        ("/opo/index.html", "link `/opo/index.html` starts at the web server's root, and breaks when the site is opened from disk or from a sub-folder"),
        ("../../../../etc/passwd", "link `../../../../etc/passwd` points outside the content folder"),
        ("..", "link `..` points at a folder, not a page"),
    ])
    func relativeLinksToWhatTheSiteDoesNotPublishAreProblems(_ address: String, _ message: String) {
        guard case .problem(let problem) = resolve(address) else {
            Issue.record("`\(address)` was accepted")
            return
        }
        #expect(problem.message == message)
    }

    /// The column of a problem counts characters, as an editor does, not cmark's bytes.
    @Test func aBrokenLinkInBengaliTextIsLocatedByCharacters() {
        var diagnostics: [Diagnostic] = []
        let images = NarrativeImages(slug: "opo", files: [:])
        let markdown = "---\ntitle: T\n---\nআগের [প্রতিবেদন](../data.csv) দেখুন।\n"
        _ = NarrativeLoader.narrative(Array(markdown.utf8), path: "r.md", allowRawHTML: false, images: images, in: "reports",
                                      &diagnostics)
        #expect(diagnostics.map(\.description).first?.hasPrefix("r.md:4:6: error: link `../data.csv`") == true,
                "\(diagnostics.map(\.description))")
    }

    /// In the sample, a report links the previous report, a partner and an indicator, and another initiative: each
    /// is rewritten to a relative address of a page the build wrote.
    @Test func theSampleReportsLinkPagesThatExist() throws {
        let out = TestScratch.folder.appendingPathComponent("links-\(UUID().uuidString)").path
        let report = SiteBuilder.build(BuildOptions(contentDirectory: SiteBuildTests.repository + "/content",
                                                    templatesDirectory: SiteBuildTests.repository + "/templates",
                                                    outputDirectory: out))
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        var followed = 0
        for page in ["oporajita/reports/2026-Q3.html", "saamuhika-shakti/reports/2026-Q3.html"] {
            let html = try String(contentsOfFile: out + "/" + page, encoding: .utf8)
            let folder = (page as NSString).deletingLastPathComponent
            for written in ["../partners.csv#digital-tati", "../indicators.csv#placement-rate", "2026-Q2.md",
                            "../../oporajita/initiative.md"] {
                #expect(!html.contains("href=\"\(written)\""), "\(page) still links the content file \(written)")
            }
            let article = html.components(separatedBy: "<article").dropFirst().joined()
            for href in article.components(separatedBy: "href=\"").dropFirst().map({ String($0.prefix { $0 != "\"" }) })
                where !href.contains(":") && !href.hasPrefix("#") && href.hasSuffix(".html") {
                let target = ((folder as NSString).appendingPathComponent(href) as NSString).standardizingPath
                #expect(FileManager.default.fileExists(atPath: out + "/" + target), "\(page) links \(href), which was not written")
                followed += 1
            }
        }
        #expect(followed >= 4)
    }

    @Test func aLinkToAMissingReportFailsTheBuildAtItsLine() throws {
        let content = TestScratch.folder.appendingPathComponent("links-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: SiteBuildTests.repository + "/content", toPath: content)
        let path = content + "/initiatives/oporajita/reports/2026-Q2.md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try (text + "\nAs the [next report](2027-Q4.md) will show.\n").write(toFile: path, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        let report = SiteBuilder.build(BuildOptions(contentDirectory: content,
                                                    templatesDirectory: SiteBuildTests.repository + "/templates",
                                                    outputDirectory: content + "/../_site-links"))
        let errors = report.diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors.contains { $0.contains("reports/2026-Q2.md:\(line):8: error: link `2027-Q4.md` points at a report for 2027-Q4 that does not exist") },
                "\(errors)")
    }

    /// Each initiative with links used to list every other initiative's reports: N × N folder listings. Only the
    /// initiatives a link names are read now, and none when no link leaves the initiative.
    @Test func onlyTheInitiativesALinkNamesHaveTheirReportsListed() {
        let q2 = Period(kind: .quarter, year: 2026, index: 2)!
        let location = SourceLocation(path: "opo/reports/2026-Q2.md")
        func link(_ target: SiteLink.Target) -> SiteLink { SiteLink(target: target, written: "x", location: location) }
        let folders = ["opo", "saamuhika-shakti", "third", "fourth"]
        var listedFolders = 0, listedReports: [String] = []
        func others(_ links: [SiteLink]) -> [String: SiteLinkTargets.OtherInitiative] {
            SiteLinkTargets.otherInitiatives(linkedFrom: links, slug: "opo",
                                             folders: { listedFolders += 1; return folders },
                                             reportFiles: { listedReports.append($0); return ["2026-Q2.md", "2026-Q2.bn.md"] })
        }

        // Links within the initiative: nothing listed.
        #expect(others([link(.report(slug: "opo", period: q2, language: nil)), link(.partner(slug: "opo", id: "p1"))]).isEmpty)
        #expect(listedFolders == 0 && listedReports.isEmpty)

        // A link to another initiative's report: every folder named, only that one's reports read.
        let found = others([link(.report(slug: "saamuhika-shakti", period: q2, language: "bn")), link(.systemsChange(slug: "opo"))])
        #expect(listedFolders == 1)
        #expect(listedReports == ["saamuhika-shakti"])
        #expect(Set(found.keys) == ["saamuhika-shakti", "third", "fourth"])
        #expect(found["saamuhika-shakti"]?.reportFiles == ["2026-Q2.md", "2026-Q2.bn.md"])
        #expect(found["third"]?.reportFiles == [])

        // What the checks make of it: the linked report exists, a missing one and an unknown initiative do not.
        let targets = SiteLinkTargets(slug: "opo", languages: ["en"], reports: [], partners: [], indicators: [], others: found)
        #expect(targets.problem(with: link(.report(slug: "saamuhika-shakti", period: q2, language: "bn"))) == nil)
        let q3 = Period(kind: .quarter, year: 2026, index: 3)!
        #expect(targets.problem(with: link(.report(slug: "saamuhika-shakti", period: q3, language: nil)))?.message
                    .contains("report for 2026-Q3 that does not exist") == true)
        #expect(targets.problem(with: link(.initiative(slug: "saamuhika-shakthi", language: nil)))?.hint == "did you mean `saamuhika-shakti`?")
    }
}
