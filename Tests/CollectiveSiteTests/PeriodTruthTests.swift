import Foundation
import Testing
@testable import CollectiveSite
import ImpactDomain

/// The sample site, built once per test, read as a funder reads it: which target, which period, which
/// completeness each page shows for a figure.
@Suite(.serialized) struct PeriodTruthTests {
    static let repository = SiteBuildTests.repository

    /// Builds `content` (the sample by default) and returns the output folder.
    func build(content: String? = nil) throws -> String {
        let out = TestScratch.folder.appendingPathComponent("truth-\(UUID().uuidString)").path + "/_site"
        let options = BuildOptions(contentDirectory: content ?? Self.repository + "/content",
                                   templatesDirectory: Self.repository + "/templates", outputDirectory: out)
        let report = SiteBuilder.build(options)
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        return out
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// Class 8: a brief lists only the outcomes of its year up to the end of its period. Oporajita's outcomes of
    /// 2026-07-15 and 2026-08-28 are after 2026-Q2; its status summary is the one that stood at 2024-Q3.
    @Test func aBriefShowsNothingFromAfterItsPeriod() throws {
        let out = try build()
        let q2 = try read(out + "/oporajita/brief/2026-Q2.html")
        #expect(q2.contains("Systems change in 2026, up to the end of 2026-Q2"))
        #expect(q2.contains("Employers and the workers&#39; forum meet without a mediator"))  // 2026-05-20
        #expect(!q2.contains("retrain first"))  // 2026-07-15
        #expect(!q2.contains("Women workers present their own evidence nationally"))  // 2026-08-28
        let q3 = try read(out + "/oporajita/brief/2026-Q3.html")
        #expect(q3.contains("retrain first") && q3.contains("Women workers present their own evidence nationally"))
        // The status counts of the earliest brief are those of 2024-Q3, not of the latest quarter.
        let first = try read(out + "/oporajita/brief/2024-Q3.html")
        #expect(first.contains("Collective indicators: 5 of 5 on track or achieved."))
        #expect(q3.contains("Collective indicators: 3 of 5 on track or achieved."))
        // Its partners are those of 2024-Q3: Shonar Haat joined in 2025-Q1 (Saamuhika Shakti's Haadi in 2024-Q4 and
        // Circlewise in 2025-Q2); every brief counted today's 11 (and 10).
        func partners(_ page: String) -> String? {
            HTMLDocument.parse(page).all(tag: "li").first { $0.text.hasPrefix("Implementing partners") }?.text
        }
        #expect(partners(first) == "Implementing partners 10")
        #expect(partners(q3) == "Implementing partners 11")
        #expect(partners(try read(out + "/saamuhika-shakti/brief/2024-Q3.html")) == "Implementing partners 8")
        #expect(partners(try read(out + "/saamuhika-shakti/brief/2024-Q4.html")) == "Implementing partners 9")
    }

    /// Class 2: one target per period. Women reached, 2024-Q4: 7,220 against the milestone 6,000. The brief showed
    /// the end target 60,000 and the tables the milestone with progress of the end target (12 %).
    @Test func everyPageShowsTheSameTargetForAPeriodAndMeasuresProgressAgainstIt() throws {
        let out = try build()
        // The period table names each column's figure once, in its head (This period, To date, Target, Progress,
        // Expected by now, Status).
        let row = "<tr data-period=\"2024-Q4\"><th scope=\"row\">2024-Q4</th><td>7,220</td><td>7,220</td><td>6,000 (milestone)</td>"
            + "<td>120%</td><td>100%</td><td><span class=\"status on_track\">On track</span></td></tr>"
        #expect(try read(out + "/oporajita/indicators/women-reached.html").contains(row))
        // The overview links that table from the indicator's headline.
        #expect(try read(out + "/oporajita/index.html").contains("<a href=\"indicators/women-reached.html#trend\">Figures by period</a>"))
        let brief = try read(out + "/oporajita/brief/2024-Q4.html")
        // The brief names each column's figure once, in its head, and the period once, on its table.
        #expect(brief.contains("<table class=\"brief-table brief-results\" data-period=\"2024-Q4\">"))
        #expect(brief.contains("<thead><tr><th scope=\"col\">Indicator</th><th scope=\"col\" data-field=\"value\">This period</th>"
            + "<th scope=\"col\" data-field=\"to_date\">To date</th><th scope=\"col\" data-field=\"target\">Target</th>"
            + "<th scope=\"col\" data-field=\"progress\">Progress</th><th scope=\"col\" data-field=\"status\">Status</th></tr></thead>"))
        #expect(brief.contains("<tr data-indicator=\"women-reached\"><th scope=\"row\">Women reached by the initiative</th>"
            + "<td data-label=\"This period\">7,220</td><td data-label=\"To date\">7,220</td><td data-label=\"Target\">6,000 (milestone)</td>"
            + "<td data-label=\"Progress\">120%</td><td><span class=\"status on_track\">On track</span></td></tr>"))
        // A period without a milestone names the end target and its period.
        #expect(try read(out + "/oporajita/brief/2025-Q1.html").contains("<td data-label=\"Target\">60,000 by 2027-Q4</td>"))
        // The report's row: 24,320 against the 2025-Q4 milestone 22,000 (111%), with the progress beside it.
        let report = try read(out + "/oporajita/reports/2025-Q4.html")
        #expect(report.contains("<td>24,320</td><td>+4,210</td><td>24,320</td><td>22,000 (milestone)</td><td>111%</td>"))
        // The open data says which target it is, and the trend chart marks each milestone.
        let json = try read(out + "/data/oporajita/results.json")
        #expect(json.contains("\"period\": \"2024-Q4\", \"value\": 7220, \"to_date\": 7220, \"numerator\": null, "
            + "\"denominator\": null, \"target\": 6000, \"target_kind\": \"milestone\", \"progress\": 1.2033333333333334, "
            + "\"expected\": 1, \"status\": \"on_track\""))
        let chart = try read(out + "/oporajita/indicators/women-reached.html")
        #expect(chart.contains("<title>2024-Q4 milestone: 6,000</title>"))
        #expect(chart.contains("<title>2026-Q2 milestone: 32,000</title>"))
    }

    /// Class 5: a period in which fewer partners reported than were due is marked wherever its figure is shown.
    /// Oporajita's women trained (a sum over periods, so its headline is not held back) has 3 of its 4 partners'
    /// rows for 2026-Q3: results.json said `partial: false` and only the table said so.
    @Test func aPartialPeriodIsMarkedOnEveryPageAndInTheOpenData() throws {
        let out = try build()
        let json = try read(out + "/data/oporajita/results.json")
        let line = try #require(json.split(separator: "\n").first { $0.contains("\"period\": \"2026-Q3\", \"value\": 1720,") })
        #expect(line.contains("\"partners_reporting\": 3, \"partial\": true, \"headline_held_back\": false"))
        let csv = try read(out + "/data/oporajita/results.csv")
        let header = try #require(csv.split(separator: "\r\n").first).split(separator: ",", omittingEmptySubsequences: false)
        let row = try #require(csv.split(separator: "\r\n").first { $0.hasPrefix("women-trained,") && $0.contains(",2026-Q3,total,") })
            .split(separator: ",", omittingEmptySubsequences: false)
        let partial = try #require(header.firstIndex(of: "partial"))
        let heldBack = try #require(header.firstIndex(of: "headline_held_back"))
        #expect(row[partial] == "true" && row[heldBack] == "false")
        // The brief, the overview's card, the report, the partner page and the trend chart's sentence (on the
        // indicator's page).
        let brief = try read(out + "/oporajita/brief/2026-Q3.html")
        #expect(brief.contains("Women completing a reskilling course <span class=\"partial-inline\" data-field=\"partial\">(3 of 4 partners reported)</span></th>"))
        let overview = try read(out + "/oporajita/index.html")
        #expect(overview.contains("<p class=\"partial-note\">2026-Q3 so far: 3 of 4 partners have reported.</p>"))
        #expect(try read(out + "/oporajita/indicators/women-trained.html")
            .contains("to 14,360 in 2026-Q3 against a target of 30,000; status: At risk. 2026-Q3 (3 of 4 partners reported)."))
        #expect(try read(out + "/oporajita/reports/2026-Q3.html").contains("Women completing a reskilling course</a> <span class=\"partial-inline\" data-field=\"partial\">(3 of 4 partners reported)</span></th>"))
        #expect(try read(out + "/oporajita/partners/stitchwise.html").contains("(3 of 4 partners reported)"))
        // The brief's "what changed" list too: the 340 fewer women trained may be the council's missing report.
        #expect(brief.contains("<li data-indicator=\"women-trained\" data-period=\"2026-Q3\"><strong>Women completing a reskilling course</strong> "
            + "<span class=\"partial-inline\" data-field=\"partial\">(3 of 4 partners reported)</span>: 1,720 (−340), before 2,060."))
        // A complete period carries no mark: women trained in 2026-Q2 had all four.
        #expect(!(try read(out + "/oporajita/brief/2026-Q2.html")).contains("partners reported"))
    }

    /// A funder page lists each initiative's collective headlines: with the period each is for and the notes the
    /// initiative's own cards give it, never as a bare figure. The sample's women trained (2026-Q3, 3 of 4
    /// partners) and women protected (no deduplicated count) were shown there as plain numbers; and when Notun
    /// Path's 2026-Q3 placements are missing, the placement rate's headline is held back to 2026-Q2 (34%), which the
    /// funder page showed beside "by 2026-Q3" with no period, while that period's brief shows 37%.
    @Test func aFunderPageShowsEachHeadlineWithItsPeriodAndNotes() throws {
        func item(_ page: String, _ indicator: String) throws -> String {
            let root = HTMLDocument.parse(page)
            return try #require(root.all(tag: "li").first { $0["data-indicator"] == indicator }).text
        }
        let sample = try read(try build() + "/funders/hm-foundation.html")
        let trained = try item(sample, "women-trained")
        #expect(trained.contains("14,360 women To date, through 2026-Q3 ·") && trained.hasSuffix("2026-Q3 so far: 3 of 4 partners have reported."), "\(trained)")
        #expect(try item(sample, "women-protected").contains("8,800 women To date, through 2026-Q3 · On track ⚠ May count a person more than once"))
        #expect(try item(sample, "children-learning").contains("⚠ May count a person more than once"))
        #expect(try item(sample, "women-reached") == "Women reached by the initiative: 36,400 women To date, through 2026-Q3 · On track")

        let content = TestScratch.folder.appendingPathComponent("held-back-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Self.repository + "/content", toPath: content)
        let results = content + "/initiatives/oporajita/results.csv"
        let rows = try read(results).components(separatedBy: "\n").filter { !$0.hasPrefix("placement-rate,notun-path,2026-Q3,") }
        try rows.joined(separator: "\n").write(toFile: results, atomically: true, encoding: .utf8)
        let out = try build(content: content)
        let placement = try item(try read(out + "/funders/hm-foundation.html"), "placement-rate")
        #expect(placement == "Trained women in new or upgraded jobs within six months: 34% In 2026-Q2 · Off track "
            + "2026-Q3 so far: 4 of 5 partners have reported, so the figures shown are for 2026-Q2.", "\(placement)")
        #expect(try read(out + "/oporajita/brief/2026-Q3.html").contains("<strong>Trained women in new or upgraded jobs within six months</strong> "
            + "<span class=\"partial-inline\" data-field=\"partial\">(4 of 5 partners reported)</span>: 37% (+3 points), before 34%."))
        // Every figure of the funder pages is marked, and agrees with results.json for the period it names.
        let report = try FigureChecker(site: out, templates: Self.repository + "/templates")
            .check(pages: ["funders/hm-foundation.html", "funders/padma-trust.html", "oporajita/brief/2026-Q3.html"])
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.checked >= 20)
    }

    /// A partner that had not joined the initiative yet did not fail to report, and had no target to meet: the pages
    /// said "Not reported" for Shonar Haat (joined Oporajita in 2025-Q1) and Circlewise (joined Saamuhika Shakti in
    /// 2025-Q2) in the quarters before, results.json gave Shonar Haat its end target (1,500 women) for 2024-Q3, and
    /// the placement rate's page warned that "some partners did not report" only because of those quarters.
    @Test func aPartnerThatHadNotJoinedYetIsNotShownAsNotReporting() throws {
        let out = try build()
        #expect(try read(out + "/oporajita/partners/shonar-haat.html")
            .contains("<tr data-period=\"2024-Q3\"><th scope=\"row\">2024-Q3</th><td>Joined in 2025-Q1</td>"))
        // Dry waste by period: CAIF (a partner from 2024-Q3) did not report that quarter; Circlewise had not joined.
        #expect(try read(out + "/saamuhika-shakti/indicators/dry-waste-tonnes.html").contains(
            "<tr id=\"c-2024-Q3\"><th scope=\"row\">2024-Q3</th><td>560</td><td>Not reported</td><td>180</td><td>380</td><td>Joined in 2025-Q2</td><td>—</td></tr>"))
        let json = try read(out + "/data/oporajita/results.json")
        let reached = try #require(json.split(separator: "\n").first { $0.contains("\"period\": \"2024-Q3\", \"value\": 3220,") })
        #expect(reached.contains("{\"partner\": \"shonar-haat\", \"value\": null, \"numerator\": null, \"denominator\": null, \"share\": null, \"target\": null}"))
        #expect(!(try read(out + "/oporajita/indicators/placement-rate.html")).contains("Some partners did not report"))
        // The working of a period before it joined says why its row is left out.
        #expect(try read(out + "/oporajita/indicators/trust-score.html").contains("Left out: Joined in 2025-Q1"))
    }

    /// Class 9: partners' trust is a half-yearly survey (`frequency: half`). Its quarters between read "Not due",
    /// not "No data"; the 2026-Q3 brief shows 2026-Q2, the latest period it was due, and says so.
    @Test func aPeriodInWhichAnIndicatorIsNotDueSaysSo() throws {
        let out = try build()
        let page = try read(out + "/oporajita/indicators/trust-score.html")
        #expect(page.contains("<th scope=\"col\" data-field=\"value\">This period</th>"))  // the second column
        #expect(page.contains("2026-Q3</th><td>Not due</td>"))
        #expect(page.contains("2026-Q2</th><td>3.5</td>"))
        // No period's own value says "No data".
        let document = HTMLDocument.parse(page)  // kept: an element knows its parent only while the tree lives
        let values = document.all(class: "period-table").flatMap { $0.all(tag: "tbody") }.flatMap { $0.all(tag: "tr") }
            .map { $0.elementChildren[1].text }
        #expect(values.contains("Not due") && values.contains("3.5") && !values.contains("No data"), "\(values)")
        #expect(page.contains("Measured every half year: the figures are those of the latest period in which it was due."))
        let brief = try read(out + "/oporajita/brief/2026-Q3.html")
        // Its row names its own period (the table's is the brief's).
        #expect(brief.contains("<tr data-indicator=\"trust-score\" data-period=\"2026-Q2\"><th scope=\"row\">Partners&#39; trust in one another "
            + "<span class=\"partial-inline\">(2026-Q2: measured every half year)</span></th><td data-label=\"This period\">3.5</td>"))
        let json = try read(out + "/data/oporajita/results.json")
        let trust = try #require(json.split(separator: "\n").first { $0.contains("\"period\": \"2026-Q3\", \"value\": null, \"to_date\": 3.49") })
        #expect(trust.hasSuffix("\"notes\": [], \"due\": false},") || trust.hasSuffix("\"notes\": [], \"due\": false}"))
        #expect(!json.contains("\"due\": true"))
        // results.csv says the same in its `due` column: `false` on the period's total row, empty where it was due.
        let csv = try read(out + "/data/oporajita/results.csv").components(separatedBy: "\r\n")
        // The newest column is the last (a quoted note may hold commas: the last cell is read from the end).
        #expect(csv[0].hasSuffix(",left,due"))
        let trustRows = csv.filter { $0.hasPrefix("trust-score,") && $0.contains(",total,") }
        let q3 = try #require(trustRows.first { $0.contains(",2026-Q3,total,") })
        let q2 = try #require(trustRows.first { $0.contains(",2026-Q2,total,") })
        #expect(q3.hasSuffix(",false"))
        #expect(q2.hasSuffix(","))
        // Where target alignment cannot be computed, the page says why (trust scores are averaged).
        #expect(try read(out + "/oporajita/indicators/trust-score.html").contains("Target alignment is not computed: the partners&#39; figures are averaged or pooled"))
    }
}
