import Foundation
import Testing
@testable import CollectiveSite
@testable import ImpactDomain

/// Builds the embedded sample site into temporary folders and checks real page content.
@Suite(.serialized) struct SiteBuildTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    func scratch() -> String {
        let dir = TestScratch.folder.appendingPathComponent("site-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func options(output: String, content: String? = nil) -> BuildOptions {
        BuildOptions(contentDirectory: content ?? Self.repository + "/content", templatesDirectory: Self.repository + "/templates",
                     outputDirectory: output)
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// Every file under a folder with its bytes, for byte-identity checks.
    func snapshot(_ root: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: root) ?? FileManager.DirectoryEnumerator() {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = FileManager.default.contents(atPath: root + "/" + path)
            }
        }
        return files
    }

    @Test func theSampleSiteBuildsWithEveryPageAndRealFigures() throws {
        let out = scratch() + "/_site"
        let report = SiteBuilder.build(options(output: out))
        #expect(report.diagnostics.filter { $0.severity == .error }.isEmpty, "\(report.diagnostics)")
        #expect(report.pagesWritten > 80)

        let home = try read(out + "/index.html")
        #expect(home.contains("Oporajita") && home.contains("Saamuhika Shakti"))
        #expect(home.contains("The Asia Foundation") && home.contains("The Nudge Institute"))
        #expect(home.contains("Illustrative data."))
        #expect(home.contains("Content-Security-Policy"))
        #expect(home.contains("<svg"))

        // The deduplicated count, with its overlap and depth, on the indicator page.
        let reach = try read(out + "/oporajita/indicators/women-reached.html")
        #expect(reach.contains(">36,400<"))
        #expect(reach.contains("51,550"))          // sum of parts
        #expect(reach.contains("15,150"))          // overlap
        #expect(reach.contains("Fewer than 10"))    // primary suppression
        #expect(reach.contains("Hidden to protect a small group")) // secondary suppression
        #expect(reach.contains("class=\"breadcrumbs"))

        // Not deduplicated: the page says so.
        let protected = try read(out + "/oporajita/indicators/women-protected.html")
        #expect(protected.contains("may count a person more than once"))

        // A pooled percentage with its counts, never the mean of partner percentages.
        let placement = try read(out + "/oporajita/indicators/placement-rate.html")
        #expect(placement.contains("of the way from the baseline to the target"))
        #expect(placement.range(of: #"\d+% \([\d,]+ of [\d,]+\)"#, options: .regularExpression) != nil)

        // Reports, partners, briefs, systems change, translations, feed, sitemap, open data.
        let report3 = try read(out + "/oporajita/reports/2026-Q3.html")
        #expect(report3.contains("rel=\"prev\""))
        let bengali = try read(out + "/oporajita/bn/reports/2026-Q3.html")
        #expect(bengali.contains("<html lang=\"bn\">"))
        #expect(bengali.contains("হাজার") || bengali.contains("লক্ষ্য") || bengali.contains("প্রতিবেদন"))
        // The Bengali overview: Bengali interface text and Bengali digits with lakh grouping.
        let bengaliOverview = try read(out + "/oporajita/bn/index.html")
        #expect(bengaliOverview.contains("<html lang=\"bn\">"))
        #expect(bengaliOverview.contains("সম্মিলিত ফলাফল"))
        #expect(bengaliOverview.contains(">৩৬,৪০০<"))
        // Its charts speak Bengali too (they said "rose from … in … against a target of …" among Bengali digits).
        // The indicator's name comes from indicators.bn.csv.
        #expect(bengaliOverview.contains("উদ্যোগের সেবা পাওয়া নারী 2024-Q3-এ ৩,২২০ থেকে বেড়ে 2026-Q3-এ ৩৬,৪০০ হয়েছে (লক্ষ্যমাত্রা ৬০,০০০); অবস্থা: লক্ষ্যপথে।"))
        #expect(bengaliOverview.contains("লক্ষ্যমাত্রার ৬১%; প্রত্যাশিত ৬৪%; অবস্থা: লক্ষ্যপথে।"))
        #expect(!bengaliOverview.contains(" rose from ") && !bengaliOverview.contains(" of target"))
        #expect(try read(out + "/oporajita/partners/caif.html").contains("Circular Apparel Innovation Factory"))
        #expect(try read(out + "/saamuhika-shakti/partners/caif.html").contains("Circular Apparel Innovation Factory"))
        let brief = try read(out + "/oporajita/brief/2026-Q3.html")
        #expect(brief.contains("Funder brief"))
        // Only the one indicator without a deduplicated count carries the caveat (an empty caveat once showed ⚠ on all):
        // in its table row and its "what changed" line.
        #expect(brief.components(separatedBy: "class=\"caveat-inline\"").count - 1 == 2)
        // On a phone each row stacks into a block whose figures carry their column's name (data-label, shown by CSS).
        #expect(brief.contains("<th scope=\"row\">Women reached by the initiative</th><td data-label=\"This period\">36,400</td><td data-label=\"To date\">36,400</td>"))
        #expect(try read(out + "/oporajita/systems-change.html").contains("Power dynamics"))
        #expect(try read(out + "/feed.xml").contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"))
        #expect(try read(out + "/sitemap.xml").contains("https://example.org/oporajita/"))
        #expect(try read(out + "/404.html").contains("Page not found"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/data/initiatives.json")))
        #expect((json as? [[String: Any]])?.map { $0["slug"] as? String } == ["oporajita", "saamuhika-shakti"])
        #expect(FileManager.default.fileExists(atPath: out + "/data/saamuhika-shakti/results.csv"))
        // en-IN grouping on amounts.
        #expect(try read(out + "/oporajita/indicators/jhinuk-savings.html").contains("69,30,000"))
    }

    /// Every chart has its numbers in a table too; the heat map's pair counts had none (the page model built the
    /// rows, the template never showed them).
    /// A field a page model left out used to be looked up in the enclosing objects (Mustache does), and found
    /// there: crumbs without a link took the indicator's own `href`, the shared row of a contribution table the
    /// indicator's link. Strict template mode found both, and a label missing from en.yaml (`partners`).
    @Test func aFieldAPageLacksIsNotBorrowedFromTheObjectAroundIt() throws {
        let out = scratch() + "/_site"
        #expect(!SiteBuilder.build(options(output: out)).diagnostics.hasErrors)
        let indicator = try read(out + "/oporajita/indicators/women-trained.html")
        #expect(indicator.contains("<li><span>Indicators</span></li>"))
        #expect(!indicator.contains("<li><a href=\"women-trained.html\">"))
        #expect(indicator.contains("<li><span aria-current=\"page\">"))
        #expect(try read(out + "/oporajita/index.html").contains("<tr class=\"row-shared\" data-partner=\"*\"><th scope=\"row\">Shared, not attributed</th>"))
        #expect(try read(out + "/oporajita/partners/caif.html").contains("<li><span>Partners</span></li>"))
    }

    @Test func theCollaborationMatrixIsAlsoATable() throws {
        let out = scratch() + "/_site"
        #expect(!SiteBuilder.build(options(output: out)).diagnostics.hasErrors)
        let page = try read(out + "/oporajita/index.html")
        let start = try #require(page.range(of: "<caption>Collaboration between partners (all periods), as a table</caption>"))
        let table = page[start.upperBound...].components(separatedBy: "</table>")[0]
        func cells(_ row: String, _ tag: String) -> [String] {
            Array(row.components(separatedBy: "<\(tag)")[1...]).map { cell in
                String(cell.split(separator: ">", maxSplits: 1)[1].prefix { $0 != "<" })
            }
        }
        let rows = Array(table.components(separatedBy: "<tr>")[1...])
        let columns = Array(cells(rows[0], "th").dropFirst())
        #expect(columns.count == 11 && columns[3] == "Notun Path Placement Network")
        let stitchwise = try #require(rows.first { $0.contains("<th scope=\"row\">Stitchwise Technical Academy</th>") })
        let values = cells(stitchwise, "td")
        #expect(values.count == columns.count)
        #expect(values[1] == "–")        // itself
        #expect(values[3] == "1,015")    // the pair the heat map's summary names
        #expect(rows.count == 12)
    }

    @Test func twoBuildsOfTheSameInputAreByteIdentical() throws {
        let first = scratch() + "/_site", second = scratch() + "/_site"
        #expect(!SiteBuilder.build(options(output: first)).diagnostics.hasErrors)
        #expect(!SiteBuilder.build(options(output: second)).diagnostics.hasErrors)
        let a = snapshot(first), b = snapshot(second)
        #expect(a.count > 90)
        #expect(a == b)
    }

    @Test func baseURLMakesAbsoluteLinksCorrectForASubPath() throws {
        let out = scratch() + "/_site"
        var opts = options(output: out)
        opts.baseURL = "https://example.org/reports/"
        #expect(!SiteBuilder.build(opts).diagnostics.hasErrors)
        #expect(try read(out + "/sitemap.xml").contains("<loc>https://example.org/reports/oporajita/</loc>"))
        #expect(try read(out + "/feed.xml").contains("https://example.org/reports/oporajita/reports/2026-Q3.html"))
        #expect(try read(out + "/index.html").contains("<link rel=\"canonical\" href=\"https://example.org/reports/\">"))
        // The 404 page is served at any depth: its links start from the root path, not relative.
        let notFound = try read(out + "/404.html")
        #expect(notFound.contains("href=\"/reports/assets/style."))
        #expect(notFound.contains("href=\"/reports/index.html\""))
    }

    /// Copies the sample content so a test may change it.
    func contentCopy() throws -> String {
        let dir = scratch() + "/content"
        try FileManager.default.copyItem(atPath: Self.repository + "/content", toPath: dir)
        return dir
    }

    @Test func anIncrementalRebuildMatchesAFullBuild() throws {
        let content = try contentCopy()
        let out = scratch() + "/_site"
        #expect(!SiteBuilder.build(options(output: out, content: content)).diagnostics.hasErrors)
        // Change one narrative.
        let narrative = content + "/initiatives/saamuhika-shakti/reports/2026-Q3.md"
        try (try read(narrative) + "\nA sentence added for the incremental test.\n").write(toFile: narrative, atomically: true, encoding: .utf8)
        let rebuilt = SiteBuilder.build(options(output: out, content: content))
        #expect(!rebuilt.diagnostics.hasErrors)
        #expect(rebuilt.rebuilt == ["saamuhika-shakti"])
        #expect(try read(out + "/saamuhika-shakti/reports/2026-Q3.html").contains("A sentence added for the incremental test."))
        // The same input built from scratch gives the same bytes.
        let fresh = scratch() + "/_site"
        #expect(!SiteBuilder.build(options(output: fresh, content: content)).diagnostics.hasErrors)
        #expect(snapshot(out) == snapshot(fresh))
    }

    /// Every site-wide file is rendered again in an incremental build exactly when what it reads of an initiative
    /// (its `SiteWidePage.Input`) changed: a new partner changes the home page's partner count and the sitemap,
    /// a report's new title the feed. After each edit the incremental build equals a fresh one, byte for byte.
    @Test func siteWidePagesFollowTheirInputsInIncrementalBuilds() throws {
        let content = try contentCopy()
        let out = scratch() + "/_site"
        #expect(!SiteBuilder.build(options(output: out, content: content)).diagnostics.hasErrors)
        let home = try read(out + "/index.html")
        #expect(home.contains("<span class=\"term\">Implementing partners</span> <span class=\"value\">20</span>"))
        let edits: [(file: String, from: String, to: String, changed: String)] = [
            ("saamuhika-shakti/partners.csv", "ward-data-lab,Open Ward Data Lab,implementing,civic data organisation,2024-Q2\n",
             "ward-data-lab,Open Ward Data Lab,implementing,civic data organisation,2024-Q2\n"
                + "kasa-kala,Kasa Kala Art Collective,implementing,artists' collective,2026-Q3\n", "index.html"),
            ("saamuhika-shakti/reports/2026-Q3.md", "title: \"Third quarter 2026: a goal reached early",
             "title: \"Q3 2026: a goal reached early", "feed.xml"),
            // A disbursement changes the funder's page (and data/funders.json, the home page's money table).
            ("saamuhika-shakti/funding.csv", "kaveri-fund,chukki-coop,2025-Q4,disbursement,5000000,INR,\n",
             "kaveri-fund,chukki-coop,2025-Q4,disbursement,6000000,INR,\n", "funders/kaveri-fund.html"),
        ]
        for edit in edits {
            let path = content + "/initiatives/" + edit.file
            let before = try read(out + "/" + edit.changed)
            let text = try read(path)
            #expect(text.contains(edit.from))
            try text.replacingOccurrences(of: edit.from, with: edit.to).write(toFile: path, atomically: true, encoding: .utf8)
            let rebuilt = SiteBuilder.build(options(output: out, content: content))
            #expect(!rebuilt.diagnostics.hasErrors)
            #expect(rebuilt.rebuilt == ["saamuhika-shakti"])
            #expect(try read(out + "/" + edit.changed) != before, "\(edit.changed) after editing \(edit.file)")
            let fresh = scratch() + "/_site"
            #expect(!SiteBuilder.build(options(output: fresh, content: content)).diagnostics.hasErrors)
            let incremental = snapshot(out), full = snapshot(fresh)
            #expect(Set(incremental.keys).union(full.keys).filter { incremental[$0] != full[$0] }.sorted() == [],
                    "files that differ from a fresh build after editing \(edit.file)")
        }
        #expect(try read(out + "/index.html").contains("<span class=\"term\">Implementing partners</span> <span class=\"value\">21</span>"))
        #expect(try read(out + "/sitemap.xml").contains("saamuhika-shakti/partners/kasa-kala.html"))
        #expect(try read(out + "/feed.xml").contains("Q3 2026: a goal reached early"))
    }

    @Test func anIncrementalRebuildWritesOnlyTheFilesWhoseBytesChanged() throws {
        let content = try contentCopy()
        let out = scratch() + "/_site"
        let full = SiteBuilder.build(options(output: out, content: content))
        #expect(!full.diagnostics.hasErrors)
        let partnerPage = out + "/saamuhika-shakti/partners/chukki-coop.html"
        let partnerInode = try inode(partnerPage)
        let sitemapInode = try inode(out + "/sitemap.xml")
        let narrative = content + "/initiatives/saamuhika-shakti/reports/2025-Q4.md"
        try (try read(narrative) + "\nOne more line for the incremental test.\n").write(toFile: narrative, atomically: true, encoding: .utf8)
        let rebuilt = SiteBuilder.build(options(output: out, content: content))
        #expect(!rebuilt.diagnostics.hasErrors)
        #expect(rebuilt.rebuilt == ["saamuhika-shakti"])
        // The report page changed; a partner page and the sitemap did not, and were not written again.
        #expect(try read(out + "/saamuhika-shakti/reports/2025-Q4.html").contains("One more line for the incremental test."))
        #expect(try inode(partnerPage) == partnerInode)
        #expect(try inode(out + "/sitemap.xml") == sitemapInode)
        #expect(rebuilt.filesWritten >= 1 && rebuilt.filesWritten < full.filesWritten / 4)
    }

    @Test func aChangedResultsFileRewritesTheOpenDataInAnIncrementalBuild() throws {
        let content = try contentCopy()
        let out = scratch() + "/_site"
        #expect(!SiteBuilder.build(options(output: out, content: content)).diagnostics.hasErrors)
        let before = try read(out + "/data/saamuhika-shakti/results.json")
        let results = content + "/initiatives/saamuhika-shakti/results.csv"
        try (try read(results)).replacingOccurrences(of: "pickers-registered,mitra-union,2024-Q3,560,", with: "pickers-registered,mitra-union,2024-Q3,561,")
            .write(toFile: results, atomically: true, encoding: .utf8)
        let rebuilt = SiteBuilder.build(options(output: out, content: content))
        #expect(!rebuilt.diagnostics.hasErrors)
        #expect(rebuilt.rebuilt == ["saamuhika-shakti"])
        let after = try read(out + "/data/saamuhika-shakti/results.json")
        #expect(after != before)
        #expect(after.contains("\"value\": 561"))
        // The indicator's own downloads, whose parts are hashed once with results.csv's and results.json's.
        let own = out + "/data/saamuhika-shakti/indicators/pickers-registered"
        #expect(try read(own + ".json").contains("\"value\": 561") && read(own + ".csv").contains(",561,"))
        let fresh = scratch() + "/_site"
        #expect(!SiteBuilder.build(options(output: fresh, content: content)).diagnostics.hasErrors)
        #expect(snapshot(out) == snapshot(fresh))
    }

    @Test func aPageDeletedFromTheOutputIsWrittenAgainByTheNextIncrementalBuild() throws {
        let content = try contentCopy()
        let out = scratch() + "/_site"
        #expect(!SiteBuilder.build(options(output: out, content: content)).diagnostics.hasErrors)
        let page = out + "/saamuhika-shakti/partners/chukki-coop.html"
        let before = try read(page)
        try FileManager.default.removeItem(atPath: page)
        let narrative = content + "/initiatives/saamuhika-shakti/reports/2025-Q4.md"
        try (try read(narrative) + "\nAnother line.\n").write(toFile: narrative, atomically: true, encoding: .utf8)
        #expect(!SiteBuilder.build(options(output: out, content: content)).diagnostics.hasErrors)
        #expect(try read(page) == before)
    }

    @Test func aReportRemovedInAnIncrementalBuildLosesItsPage() throws {
        let content = try contentCopy()
        let out = scratch() + "/_site"
        #expect(!SiteBuilder.build(options(output: out, content: content)).diagnostics.hasErrors)
        #expect(FileManager.default.fileExists(atPath: out + "/saamuhika-shakti/reports/2025-Q4.html"))
        try FileManager.default.removeItem(atPath: content + "/initiatives/saamuhika-shakti/reports/2025-Q4.md")
        let rebuilt = SiteBuilder.build(options(output: out, content: content))
        #expect(!rebuilt.diagnostics.hasErrors)
        #expect(!FileManager.default.fileExists(atPath: out + "/saamuhika-shakti/reports/2025-Q4.html"))
        #expect(!(try read(out + "/sitemap.xml")).contains("saamuhika-shakti/reports/2025-Q4.html"))
        let fresh = scratch() + "/_site"
        #expect(!SiteBuilder.build(options(output: fresh, content: content)).diagnostics.hasErrors)
        #expect(snapshot(out) == snapshot(fresh))
    }

    @Test func renamingAnInitiativeRebuildsEveryPageThatNamesIt() throws {
        let content = try contentCopy()
        let out = scratch() + "/_site"
        #expect(!SiteBuilder.build(options(output: out, content: content)).diagnostics.hasErrors)
        let front = content + "/initiatives/oporajita/initiative.md"
        try (try read(front)).replacingOccurrences(of: "name: Oporajita", with: "name: Oporajita Renamed")
            .write(toFile: front, atomically: true, encoding: .utf8)
        let rebuilt = SiteBuilder.build(options(output: out, content: content))
        #expect(rebuilt.rebuilt == ["everything"])
        // The other initiative's pages carry the new name in their navigation.
        #expect(try read(out + "/saamuhika-shakti/index.html").contains("Oporajita Renamed"))
    }

    @Test func aLargePortfolioLinksHomeAndTheCurrentInitiativeInsteadOfEveryInitiative() throws {
        let content = try contentCopy()
        for index in 1...7 {
            try FileManager.default.copyItem(atPath: content + "/initiatives/saamuhika-shakti",
                                             toPath: content + "/initiatives/copy-\(index)")
        }
        let out = scratch() + "/_site"
        #expect(!SiteBuilder.build(options(output: out, content: content)).diagnostics.hasErrors)
        let page = try read(out + "/oporajita/reports/2026-Q2.html")
        let header = String(page[page.range(of: "<header class=\"site-header\">")!.lowerBound..<page.range(of: "</header>")!.upperBound])
        #expect(header.contains("<a href=\"../../index.html\">All 9 initiatives</a>"))
        #expect(header.contains("<a href=\"../index.html\" aria-current=\"page\">Oporajita</a>"))
        #expect(!header.contains("copy-3"))
        #expect(!header.contains("Saamuhika Shakti"))
        // The Bengali pages count in Bengali digits.
        let bengali = try read(out + "/oporajita/bn/index.html")
        #expect(bengali.contains("সব ৯টি উদ্যোগ"))
        // The portfolio home lists every initiative, as a table row each instead of a card with charts.
        let home = try read(out + "/index.html")
        let rows = home.components(separatedBy: "<tr data-initiative=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(rows.map(String.init) == ["copy-1", "copy-2", "copy-3", "copy-4", "copy-5", "copy-6", "copy-7", "oporajita",
                                          "saamuhika-shakti"].sorted())
        #expect(home.contains("<a href=\"copy-7/index.html\">Saamuhika Shakti</a>"))
        #expect(home.contains("<a href=\"oporajita/index.html\">Oporajita</a>"))
        // Each row says how many implementing partners and where the collective indicators stand.
        let oporajitaRow = try #require(home.components(separatedBy: "<tr data-initiative=\"oporajita\">").last?
            .components(separatedBy: "</tr>").first)
        #expect(oporajitaRow.contains("<td class=\"num\">11</td>"))
        #expect(oporajitaRow.contains(" of ") && oporajitaRow.contains("on track"), "\(oporajitaRow)")
        #expect(!home.contains("initiative-card"))
        #expect(!home.contains("<svg"), "no headline charts on a listed home page")
        // A small portfolio keeps its cards.
        let sampleHome = try read(BuiltSites.sample + "/index.html")
        #expect(sampleHome.components(separatedBy: "class=\"initiative-card\"").count == 3)
        #expect(!sampleHome.contains("<tr data-initiative="))
    }

    @Test func aMissingThemeDoesNotHideContentProblemsAndWritesNothing() throws {
        let content = try contentCopy()
        let results = content + "/initiatives/oporajita/results.csv"
        try (try read(results) + "women-reached,no-such-partner,2026-Q3,10,,,,,\n").write(toFile: results, atomically: true, encoding: .utf8)
        let out = scratch() + "/_site"
        var options = options(output: out, content: content)
        options.templatesDirectory = scratch() + "/no-theme"
        for report in [SiteBuilder.check(options), SiteBuilder.build(options)] {
            let messages = report.diagnostics.filter { $0.severity == .error }.map(\.message)
            #expect(messages.contains { $0.contains("templates folder") && $0.contains("does not exist") })
            // The message names the spreadsheet cell of the row added last: column B.
            #expect(messages.contains { $0.hasPrefix("unknown partner `no-such-partner` in column `partner` (cell B") })
            // One problem for the missing folder, not one more for each template the site needs.
            #expect(!messages.contains { $0.hasPrefix("template `") && $0.hasSuffix("` is missing") })
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func everyPageSaysTheDataIsIllustrativeWhileTheSiteSaysSo() throws {
        let content = try contentCopy()
        let out = scratch() + "/_site"
        #expect(!SiteBuilder.build(options(output: out, content: content)).diagnostics.hasErrors)
        let pages = snapshot(out).filter { $0.key.hasSuffix(".html") }
        #expect(pages.count > 90)
        for (path, data) in pages {
            let page = String(decoding: data, as: UTF8.self)
            // A labelled section is a landmark: screen readers list it, and no content sits outside landmarks.
            let english = page.contains("<section class=\"notice notice-illustrative\" aria-label=\"Illustrative data\"><strong>Illustrative data.</strong>")
            let bengali = page.contains("<section class=\"notice notice-illustrative\" aria-label=\"দৃষ্টান্তমূলক তথ্য\"><strong>দৃষ্টান্তমূলক তথ্য।</strong>")
            let kannada = page.contains("<section class=\"notice notice-illustrative\" aria-label=\"ದೃಷ್ಟಾಂತದ ದತ್ತಾಂಶ\"><strong>ದೃಷ್ಟಾಂತದ ದತ್ತಾಂಶ.</strong>")
            #expect(english || bengali || kannada, "\(path) has no illustrative notice")
        }
        let site = content + "/site.yaml"
        try (try read(site)).replacingOccurrences(of: "illustrative: true", with: "illustrative: false")
            .write(toFile: site, atomically: true, encoding: .utf8)
        let real = scratch() + "/_real"
        #expect(!SiteBuilder.build(options(output: real, content: content)).diagnostics.hasErrors)
        #expect(!snapshot(real).contains { $0.key.hasSuffix(".html") && String(decoding: $0.value, as: UTF8.self).contains("notice-illustrative") })
    }

    /// The collaboration log's totals ("Referrals between partners") and the collaboration indicators reported
    /// against targets ("Referrals completed") are different figures: each heading says which it is. The
    /// illustrative notice makes no claim about which names are real (a new site's are not).
    @Test func collaborationFiguresSayWhichIsWhich() throws {
        let out = scratch() + "/_site"
        #expect(!SiteBuilder.build(options(output: out, content: try contentCopy())).diagnostics.hasErrors)
        let page = try read(out + "/saamuhika-shakti/index.html")
        #expect(page.contains("<span class=\"term\">Referrals between partners</span>"))
        #expect(page.contains("From the collaboration log: what partners recorded doing with each other"))
        #expect(page.contains("They are separate from the collaboration log below."))
        #expect(page.contains("The figures on this site are illustrative, invented or not yet checked"))
        #expect(!page.contains("named here are real"))
    }

    @Test func aLongSeriesShowsRecentContributionBarsAndTheWholeTrend() throws {
        let content = try contentCopy()
        let folder = content + "/initiatives/saamuhika-shakti"
        try (try read(folder + "/initiative.md")).replacingOccurrences(of: "started: 2024-Q2", with: "started: 2021-Q1")
            .write(toFile: folder + "/initiative.md", atomically: true, encoding: .utf8)
        // The two partners took part from then on (a row before a partner's `joined` is an error).
        try (try read(folder + "/partners.csv")).replacingOccurrences(of: ",2024-Q2", with: ",2021-Q1")
            .write(toFile: folder + "/partners.csv", atomically: true, encoding: .utf8)
        // 14 earlier quarters of dry waste from two partners: 23 periods in all.
        var rows = try read(folder + "/results.csv")
        for year in 2021...2024 {
            for quarter in 1...4 where year < 2024 || quarter <= 2 {
                rows += "dry-waste-tonnes,chukki-coop,\(year)-Q\(quarter),300,,,,,\n"
                rows += "dry-waste-tonnes,mitra-union,\(year)-Q\(quarter),150,,,,,\n"
            }
        }
        try rows.write(toFile: folder + "/results.csv", atomically: true, encoding: .utf8)
        let out = scratch() + "/_site"
        let report = SiteBuilder.build(options(output: out, content: content))
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        let page = try read(out + "/saamuhika-shakti/indicators/dry-waste-tonnes.html")
        func section(after marker: String, to end: String) throws -> String {
            let start = try #require(page.range(of: marker))
            let stop = try #require(page.range(of: end, range: start.upperBound..<page.endIndex))
            return String(page[start.lowerBound..<stop.upperBound])
        }
        // The trend and its table keep every period. In 2026-Q3 only 3 of the 4 partners of 2026-Q2 reported: the
        // table says so; the trend still ends there, because tonnes recovered add up over periods and a late report
        // can only raise them.
        // (A chart nests <svg> elements for its fluid parts: its figure ends it.)
        let trend = try section(after: "chart-line-chart ", to: "</figure>")
        #expect(trend.contains("2021-Q1") && trend.contains("2026-Q3"))
        #expect(page.contains("<tr data-period=\"2021-Q1\"><th scope=\"row\">2021-Q1</th>"))
        #expect(page.contains("<tr data-period=\"2026-Q3\"><th scope=\"row\">2026-Q3 (3 of 4 partners reported)</th>"))
        // The contribution bars show the last 12 quarters (2023-Q4 … 2026-Q3), and say so.
        let bars = try section(after: "chart-stacked-bars\"", to: "</figure>")
        #expect(bars.components(separatedBy: "<svg class=\"chart-bar\"").count - 1 == 12)
        #expect(!bars.contains("2023-Q3") && bars.contains("2023-Q4"))
        #expect(page.contains("Showing the last 12 of 23 periods. <a href=\"#by-period\">Every period&#39;s contributions are in the table below.</a>"))
        // That table has all 23, newest first.
        let table = try section(after: "<details class=\"data-table\" id=\"by-period\">", to: "</details>")
        #expect(table.components(separatedBy: "<tr id=\"c-").count - 1 == 23)
        #expect(table.contains("<tr id=\"c-2026-Q3\"><th scope=\"row\">2026-Q3 (3 of 4 partners reported)</th>"))
        #expect(table.range(of: "c-2026-Q3")!.lowerBound < table.range(of: "c-2021-Q1")!.lowerBound)
        // The overview shows the latest period and links the indicator's page for the trend and the bars.
        let overview = try read(out + "/saamuhika-shakti/index.html")
        #expect(page.contains("id=\"cv-saamuhika-shakti-dry-waste-tonnes\"") && page.contains("id=\"tr-saamuhika-shakti-dry-waste-tonnes\""))
        #expect(!overview.contains("id=\"cv-saamuhika-shakti-dry-waste-tonnes\"") && !overview.contains("id=\"tr-saamuhika-shakti-dry-waste-tonnes\""))
        #expect(overview.contains("<a href=\"indicators/dry-waste-tonnes.html#trend\">Figures by period</a>"))
        #expect(overview.contains("<a href=\"indicators/dry-waste-tonnes.html#partner-breakdown\">Partner contributions by period</a>"))
        #expect(page.contains("<section class=\"section\" id=\"trend\">") && page.contains("<section class=\"section\" id=\"partner-breakdown\">"))
    }

    @Test func aReportShowsTheDeduplicationCaveatOfItsOwnPeriod() throws {
        let content = try contentCopy()
        // The partners share a register from 2026-Q3 on: only that period has a deduplicated `*` row.
        let results = content + "/initiatives/saamuhika-shakti/results.csv"
        try (try read(results) + "children-learning,*,2026-Q3,1500,,,,,\n").write(toFile: results, atomically: true, encoding: .utf8)
        let out = scratch() + "/_site"
        #expect(!SiteBuilder.build(options(output: out, content: content)).diagnostics.hasErrors)
        func caveatNearChildren(_ period: String) throws -> Bool {
            // The notes under the period's figures name the indicator whose count may count a person twice.
            let page = try BuiltSites.page("saamuhika-shakti/reports/\(period).html", in: out)
            return page.all(class: "figure-notes").flatMap { $0.all(tag: "li") }
                .contains { $0.text == "⚠ Waste pickers' children in school or bridge classes: May count a person more than once" }
        }
        #expect(try caveatNearChildren("2026-Q2"))
        #expect(try !caveatNearChildren("2026-Q3"))
    }

    /// A partner that left (partners.csv `left`) is shown as having left, not as missing, and its absence neither
    /// holds a headline back nor warns of a gap. Here nyaya-sethu takes part through 2026-Q1; its 2026-Q2 and
    /// 2026-Q3 rows are gone, which without `left` is a gap of two periods (a warning) and partial headlines.
    @Test func aPartnerThatLeftIsShownAsLeftNotAsMissing() throws {
        let content = try contentCopy()
        let folder = content + "/initiatives/saamuhika-shakti"
        func rewrite(_ file: String, _ change: ([Substring]) -> [Substring]) throws {
            let lines = change(try read(folder + "/" + file).split(separator: "\n"))
            try (lines.joined(separator: "\n") + "\n").write(toFile: folder + "/" + file, atomically: true, encoding: .utf8)
        }
        let later = ["2026-Q2", "2026-Q3"]
        try rewrite("results.csv") { $0.filter { line in !later.contains { line.contains(",nyaya-sethu,\($0),") } } }
        try rewrite("collaboration.csv") { $0.filter { line in !(later.contains { line.hasPrefix($0 + ",") } && line.contains("nyaya-sethu")) } }

        let withoutOut = scratch() + "/_site"
        let without = SiteBuilder.build(options(output: withoutOut, content: content))
        #expect(without.diagnostics.contains { $0.message.contains("partner `nyaya-sethu` reported") && $0.message.contains("then nothing for `2026-Q2` and `2026-Q3`") })
        #expect(try read(withoutOut + "/saamuhika-shakti/index.html").contains("so the figures shown are for"))

        try rewrite("partners.csv") { lines in
            lines.map { $0.hasPrefix("id,") ? $0 + ",left" : $0.hasPrefix("nyaya-sethu,") ? $0 + ",2026-Q1" : $0 + "," }
        }
        let out = scratch() + "/_site"
        let report = SiteBuilder.build(options(output: out, content: content))
        #expect(!report.diagnostics.hasErrors)
        #expect(!report.diagnostics.contains { $0.message.contains("nyaya-sethu") }, "\(report.diagnostics.map(\.message))")
        let partnerPage = try read(out + "/saamuhika-shakti/partners/nyaya-sethu.html")
        #expect(partnerPage.contains("<span class=\"term\">Took part until</span> <span class=\"value\">2026-Q1</span>"))
        // On every indicator page with the partner's column, its 2026-Q3 contribution says it had left.
        var columns = 0
        for page in BuiltSites.htmlPages(out + "/saamuhika-shakti/indicators") {
            guard let table = try BuiltSites.page(page, in: out + "/saamuhika-shakti/indicators").all(tag: "table")
                .first(where: { $0.all { $0["data-partner"] == "nyaya-sethu" && $0["scope"] == "col" }.count == 1 }) else { continue }
            let column = try #require(table.all(tag: "tr").first?.elementChildren.firstIndex { $0["data-partner"] == "nyaya-sethu" })
            guard let row = table.all(tag: "tr").first(where: { $0["id"] == "c-2026-Q3" }) else { continue }
            #expect(row.elementChildren[column].text == "Left in 2026-Q1", "\(page)")
            columns += 1
        }
        #expect(columns > 0)
        // So does its own indicator in the funder brief, instead of a bare "—".
        let brief = try read(out + "/saamuhika-shakti/brief/2026-Q3.html")
        #expect(brief.contains("<th scope=\"row\">Median days from application to occupational ID card</th><td data-label=\"This period\">Left in 2026-Q1</td>"))
        // The partners that stayed all reported 2026-Q3, so no headline is held back for nyaya-sethu.
        let overview = try read(out + "/saamuhika-shakti/index.html")
        #expect(!overview.contains("so the figures shown are for"))
        // The open data says so too; a partner still taking part has no `left` member.
        let json = try read(out + "/data/saamuhika-shakti/results.json")
        #expect(json.contains("\"partner\": \"nyaya-sethu\", \"value\": null, \"numerator\": null, \"denominator\": null, \"share\": null, \"target\": null, \"left\": true}"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        var marked = 0
        for indicator in parsed["indicators"] as? [[String: Any]] ?? [] {
            for period in indicator["periods"] as? [[String: Any]] ?? [] {
                for contribution in period["contributions"] as? [[String: Any]] ?? [] where contribution["left"] != nil {
                    marked += 1
                    #expect(contribution["partner"] as? String == "nyaya-sethu" && later.contains(period["period"] as? String ?? ""))
                }
            }
        }
        #expect(marked > 0)
    }

    @Test func fullRebuildsIntoTheSameOutputRecycleTheOldFilesAndMatchAFreshBuild() throws {
        let out = scratch() + "/_site"
        // Each base URL changes every page, so each build is a full one; the third writes into the first's files.
        for base in ["https://a.example.org/", "https://b.example.org/reports/", "https://a.example.org/"] {
            var opts = options(output: out)
            opts.baseURL = base
            #expect(SiteBuilder.build(opts).rebuilt == ["everything"])
        }
        let fresh = scratch() + "/_site"
        var freshOptions = options(output: fresh)
        freshOptions.baseURL = "https://a.example.org/"
        #expect(!SiteBuilder.build(freshOptions).diagnostics.hasErrors)
        #expect(snapshot(out) == snapshot(fresh))
        #expect(try read(out + "/index.html").contains("https://a.example.org/"))
    }

    @Test func badInputLeavesThePreviousSiteExactlyAsItWas() throws {
        let content = try contentCopy()
        let out = scratch() + "/_site"
        #expect(!SiteBuilder.build(options(output: out, content: content)).diagnostics.hasErrors)
        let before = snapshot(out)
        let results = content + "/initiatives/oporajita/results.csv"
        try (try read(results) + "women-reached,caif2,2026-Q3,N/A,,,,,\n").write(toFile: results, atomically: true, encoding: .utf8)
        let failed = SiteBuilder.build(options(output: out, content: content))
        #expect(failed.diagnostics.hasErrors)
        let messages = failed.diagnostics.map(\.description).joined(separator: "\n")
        #expect(messages.contains("results.csv:"))
        #expect(messages.contains("N/A"))
        #expect(snapshot(out) == before)
        let parent = (out as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.contains("staging") }.isEmpty)
    }
}
