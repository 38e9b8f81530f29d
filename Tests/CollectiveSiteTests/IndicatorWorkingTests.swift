import Foundation
import Testing
@testable import CollectiveSite
@testable import ImpactDomain

/// An indicator page shows its working (the rows behind the figure and the rule with the actual numbers), its
/// own downloads, how to cite it, its licence and its update dates; the downloads say the same.
@Suite(.serialized) struct IndicatorWorkingTests {
    static let site: String = {
        let out = TestScratch.folder.appendingPathComponent("working-\(UUID().uuidString)").path
        _ = SiteBuilder.build(BuildOptions(contentDirectory: SiteBuildTests.repository + "/content",
                                           templatesDirectory: SiteBuildTests.repository + "/templates", outputDirectory: out))
        return out
    }()

    func text(_ page: String, section id: String) throws -> String {
        let html = try String(contentsOfFile: Self.site + "/" + page, encoding: .utf8)
        let start = try #require(html.range(of: "id=\"\(id)\""), "\(page) has no section #\(id)")
        let section = html[start.upperBound...].prefix { _ in true }
        let end = section.range(of: "</section>")?.lowerBound ?? section.endIndex
        return String(section[..<end]).replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
    }

    /// The sample's placement rate, 2026-Q3, from its results.csv rows: (88 + 51 + 420 + 310 + 22) ÷
    /// (160 + 70 + 1,300 + 1,000 + 28) = 891 ÷ 2,558 = 34.8 %, shown as 35% like the rest of the page.
    @Test func aRateShowsTheCountsItPooledAndTheRuleWithTheNumbers() throws {
        let working = try text("oporajita/indicators/placement-rate.html", section: "working")
        #expect(working.contains("2026-Q3: 35%"))
        #expect(working.contains("Stitchwise Technical Academy 88 of 160 Counted"))
        #expect(working.contains("(88 + 51 + 420 + 310 + 22) ÷ (160 + 70 + 1,300 + 1,000 + 28) × 100 = 891 ÷ 2,558 × 100 = 35%"))
    }

    /// A working row's figures are formatted once (`RowFigures`), for its cell and the formula alike: a ratio's row
    /// with both counts its counts, any other row its value; a row without a value has none.
    @Test func aRowsFiguresAreItsCountsOrItsValue() {
        let present = Present(labels: Labels(language: "en", translations: ["en": ["no_data": "—"]]), locale: "en-IN")
        let rate = Indicator(id: "rate", name: "Rate", scope: .collective, measure: .percentage)
        let count = Indicator(id: "reached", name: "Reached", scope: .collective)
        func figures(_ value: Double?, _ numerator: Double?, _ denominator: Double?, _ indicator: Indicator,
                     isRatio: Bool) -> InitiativePages.RowFigures {
            InitiativePages.RowFigures(Working.Row(partner: "p", value: value, numerator: numerator, denominator: denominator,
                                                   use: .counted), indicator, isRatio: isRatio, present: present)
        }
        let pooled = figures(55, 88, 1_600, rate, isRatio: true)
        #expect(pooled.value == nil && pooled.counts?.numerator == "88" && pooled.counts?.denominator == "1,600")
        let noCounts = figures(5.5, nil, 160, rate, isRatio: true)
        #expect(noCounts.value == "5.5%" && noCounts.counts == nil)
        let reached = figures(125_000, nil, nil, count, isRatio: false)
        #expect(reached.value == "1,25,000" && reached.counts == nil)
        let notReported = figures(nil, nil, nil, count, isRatio: false)
        #expect(notReported.value == nil && notReported.counts == nil)
    }

    @Test func aDeduplicatedCountShowsTheBackbonesRowAsTheFigureAndThePartnersBesideIt() throws {
        let working = try text("oporajita/indicators/women-reached.html", section: "working")
        #expect(working.contains("Stitchwise Technical Academy 11,800 Shown beside, not added"))
        #expect(working.contains("Backbone's deduplicated count (* row) 36,400 The figure: each person once"))
        #expect(working.contains("The backbone's deduplicated count, 36,400, is the figure. The partners' counts add up to 3,600 + 11,800 + 4,200 + 9,400 + 1,150 + 7,100 + 8,900 + 3,100 + 2,300 = 51,550: 15,150 of those records are repeat counts"))
    }

    /// The working's rows link each partner's page from every period shown, and name the backbone's row unlinked;
    /// each period's table says its period, value and whether it is open.
    @Test func theWorkingsRowsLinkEachPartnerInEveryPeriodShown() throws {
        let html = try String(contentsOfFile: Self.site + "/oporajita/indicators/women-reached.html", encoding: .utf8)
        let start = try #require(html.range(of: "id=\"working\""))
        let section = String(html[start.upperBound...].prefix { _ in true })
        let working = String(section[..<(section.range(of: "</section>")?.lowerBound ?? section.endIndex)])
        #expect(working.components(separatedBy: "<details class=\"data-table working\"").count - 1 == 4)
        #expect(working.components(separatedBy: "<details class=\"data-table working\" open>").count - 1 == 1)
        #expect(working.contains("<summary>2026-Q3: 36,400</summary>"))
        #expect(working.components(separatedBy: "<th scope=\"row\"><a href=\"../partners/stitchwise.html\">Stitchwise Technical Academy</a></th>").count - 1 == 4)
        #expect(working.contains("<tr><th scope=\"row\"><a href=\"../partners/stitchwise.html\">Stitchwise Technical Academy</a></th><td class=\"num\">11,800</td><td>Shown beside, not added</td></tr>"))
        #expect(working.contains("<th scope=\"row\">Backbone&#39;s deduplicated count (* row)</th><td class=\"num\">36,400</td>"))
    }

    /// The collective-versus-individual panel of an indicator page: for a deduplicated count, the sum of the
    /// partners' counts, the repeat counts and their sentence, and alignment; for a pooled rate, the counts beside the
    /// value and why alignment is not computed, with none of the count's fields.
    @Test func thePanelShowsTheFieldsOfItsIndicatorsRule() throws {
        func panel(_ indicator: String) throws -> String {
            let html = try String(contentsOfFile: Self.site + "/oporajita/indicators/\(indicator).html", encoding: .utf8)
            let start = try #require(html.range(of: "<section class=\"cvi-panel\""))
            let rest = html[start.lowerBound...]
            return String(rest[..<(rest.range(of: "<figure")?.lowerBound ?? rest.range(of: "</section>")!.lowerBound)])
        }
        let reached = try panel("women-reached")
        #expect(reached.contains("<h3><a href=\"women-reached.html\">Women reached by the initiative</a> <span class=\"muted\">· 2026-Q3</span></h3>"))
        #expect(reached.contains("<span data-field=\"value\">36,400</span>"))
        #expect(reached.contains("<span class=\"value\" data-field=\"sum_of_parts\">51,550</span>"))
        #expect(reached.contains("<span class=\"value\" data-field=\"overlap\">15,150</span>"))
        #expect(reached.contains("<span class=\"value\" data-field=\"depth\">1.42</span>"))
        #expect(reached.contains("<p>The partners&#39; counts add up to 51,550, 15,150 more than the 36,400 people counted once"))
        #expect(reached.contains("<p class=\"alignment\">The partners&#39; own targets add up to 123% of the collective target"))
        let rate = try panel("placement-rate")
        #expect(rate.contains("<span data-field=\"value\">35% (891 of 2,558)</span>"))
        #expect(rate.contains("<p class=\"alignment muted\">Target alignment is not computed"))
        #expect(!rate.contains("data-field=\"overlap\"") && !rate.contains("data-field=\"sum_of_parts\""))
    }

    @Test func theIndicatorsOwnDownloadsCitationLicenceAndDatesAreOnItsPageAndInItsData() throws {
        let downloads = try text("oporajita/indicators/women-reached.html", section: "downloads")
        for words in ["This indicator (CSV)", "This indicator (JSON, with its definition)", "Data through 2026-Q3",
                      "Next update 2026-Q4 figures, expected after 2026-12-31", "Licence CC-BY-4.0",
                      "How to cite Collective Impact Reports, “Women reached by the initiative”, Oporajita, data through 2026-Q3. https://example.org/oporajita/indicators/women-reached.html, licensed CC-BY-4.0."] {
            #expect(downloads.contains(words), "missing: \(words)")
        }
        let json = try #require(FileManager.default.contents(atPath: Self.site + "/data/oporajita/indicators/women-reached.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["license"] as? String == "CC-BY-4.0")
        #expect(object["data_through"] as? String == "2026-Q3")
        #expect((object["citation"] as? String)?.hasPrefix("Collective Impact Reports, “Women reached by the initiative”") == true)
        let indicator = try #require(object["indicator"] as? [String: Any])
        #expect(indicator["id"] as? String == "women-reached")
        let periods = try #require(indicator["periods"] as? [[String: Any]])
        #expect(periods.last { ($0["period"] as? String) == "2026-Q3" }?["value"] as? Double == 36400)
        // The CSV is this indicator's rows of results.csv, nothing else.
        let csv = try String(contentsOfFile: Self.site + "/data/oporajita/indicators/women-reached.csv", encoding: .utf8)
        let whole = try String(contentsOfFile: Self.site + "/data/oporajita/results.csv", encoding: .utf8)
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count > 20 && lines.dropFirst().allSatisfy { $0.hasPrefix("women-reached,") || !$0.contains(",") })
        #expect(lines.allSatisfy { whole.contains($0) })
    }

    @Test func everyPageFooterNamesTheLicence() throws {
        for page in ["index.html", "oporajita/index.html", "oporajita/brief/2026-Q3.html"] {
            let html = try String(contentsOfFile: Self.site + "/" + page, encoding: .utf8)
            #expect(html.contains("<a href=\"https://creativecommons.org/licenses/by/4.0/\" rel=\"license\">CC-BY-4.0</a>"), "\(page)")
        }
    }
}

/// results.csv may say who reported each row and when; the working then shows it.
@Suite struct ReportedByTests {
    @Test func theWorkingShowsWhoReportedEachRowAndABadDateIsLocated() throws {
        let dir = TestScratch.folder.appendingPathComponent("reported-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: SiteBuildTests.repository + "/content", toPath: dir + "/content")
        let results = dir + "/content/initiatives/oporajita/results.csv"
        var lines = try String(contentsOfFile: results, encoding: .utf8).components(separatedBy: "\n")
        lines[0] += ",reported_by,reported_on"
        for index in lines.indices.dropFirst() where !lines[index].isEmpty {
            if lines[index].hasPrefix("placement-rate,stitchwise,2026-Q3,") { lines[index] += ",Rina Akter (Stitchwise M&E),2026-10-09" }
            else if lines[index].hasPrefix("placement-rate,notun-path,2026-Q3,") { lines[index] += ",Notun Path,2026-10-14" }
            else { lines[index] += ",," }
        }
        try lines.joined(separator: "\n").write(toFile: results, atomically: true, encoding: .utf8)
        let out = dir + "/_site"
        let options = BuildOptions(contentDirectory: dir + "/content", templatesDirectory: SiteBuildTests.repository + "/templates",
                                   outputDirectory: out)
        let report = SiteBuilder.build(options)
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        let page = try String(contentsOfFile: out + "/oporajita/indicators/placement-rate.html", encoding: .utf8)
        #expect(page.contains("<th scope=\"col\">Reported by, on</th>"))
        #expect(page.contains("<td>Rina Akter (Stitchwise M&amp;E), 2026-10-09</td>"))
        #expect(page.contains("<td>Notun Path, 2026-10-14</td>"))

        let line = lines.firstIndex { $0.hasPrefix("placement-rate,notun-path,2026-Q3,") }!
        lines[line] = lines[line].replacingOccurrences(of: "2026-10-14", with: "14/10/2026")
        try lines.joined(separator: "\n").write(toFile: results, atomically: true, encoding: .utf8)
        let failed = SiteBuilder.check(options).diagnostics.map(\.description)
        #expect(failed.contains { $0.contains("results.csv:\(line + 1):") && $0.contains("error: `14/10/2026` is not a date in column `reported_on`") },
                "\(failed)")
    }
}
