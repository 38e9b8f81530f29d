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

    /// The figures of results.json by indicator id and period.
    func results(_ initiative: String) throws -> [String: [String: [String: Any]]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: sample + "/data/\(initiative)/results.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var out: [String: [String: [String: Any]]] = [:]
        for indicator in json["indicators"] as? [[String: Any]] ?? [] {
            for period in indicator["periods"] as? [[String: Any]] ?? [] {
                out[indicator["id"] as! String, default: [:]][period["period"] as! String] = period
            }
        }
        return out
    }

    /// Class 3: a share shown beside a figure that is not its base. On a partner page 23% sat beside the collective
    /// 36,400 although it is of 51,550 (the partners' counts added up): each share now names its base.
    @Test func aPartnersShareNamesWhatItIsAShareOf() throws {
        var shares = 0
        // The English pages (`<slug>/partners/<id>.html`); translated ones say "of" in their own language.
        for path in BuiltSites.htmlPages(sample) where path.contains("/partners/") && path.split(separator: "/").count == 3 {
            for row in try BuiltSites.page(path).all(tag: "tr") {
                let cells = row.all(tag: "td").map(\.text)
                guard cells.count == 4, cells[2] != "—", cells[2].hasSuffix("%") || cells[2].contains("% ") else { continue }
                shares += 1
                #expect(cells[2].contains(" of "), "\(path): \(cells)")
            }
        }
        #expect(shares > 10)
        let caif = try BuiltSites.page("oporajita/partners/caif.html")
        let reach = try #require(caif.all(tag: "tr").first { $0.text.contains("Women reached by the initiative") })
        #expect(reach.all(tag: "td").map(\.text) == ["2026-Q3", "3,600", "7% of 51,550, the partners' counts added up", "36,400"])
        // The overview's table says the same in its header.
        let overview = try BuiltSites.page("oporajita/index.html")
        let headers = overview.all(class: "contributions").map { $0.all(tag: "th").filter { $0["scope"] == "col" }.map(\.text) }
        #expect(headers.contains(["Partner", "Value", "Share of 51,550, the partners' counts added up", "Partner target"]))
    }

    /// Class 6: a stacked bar's total is its whole (the shared part included), and a stack of partner counts is
    /// never left to read as the number of people: the deduplicated value is drawn across it and the sentence says
    /// the sum may count a person more than once.
    @Test func stackedBarTotalsIncludeTheSharedPartAndMarkTheValueCountedOnce() throws {
        // The partners' contributions over the periods are on each indicator's page; the overview shows the
        // latest period's figures and links there.
        func bars(_ indicator: String) throws -> HTMLElement {
            let page = try BuiltSites.page("oporajita/indicators/\(indicator).html")
            let figures = page.all(tag: "figure").filter { !$0.all(class: "chart-stacked-bars").isEmpty }
            #expect(figures.count == 1, "\(indicator)")
            return try #require(figures.first)
        }
        let overview = try BuiltSites.page("oporajita/index.html")
        #expect(overview.all(class: "cvi-panel").flatMap { $0.all(class: "chart-stacked-bars") }.isEmpty)
        let links = overview.all(class: "cvi-panel").flatMap { $0.all(class: "more-link") }.flatMap { $0.all(tag: "a") }.compactMap { $0["href"] }
        #expect(links.contains("indicators/women-trained.html#partner-breakdown"))
        #expect(links.contains("indicators/women-reached.html#partner-breakdown"))
        let trained = try bars("women-trained")
        #expect(trained.text.contains("Women completing a reskilling course"))
        let results = try results("oporajita")
        let totals = trained.all(class: "chart-total").map(\.text)
        let periods = results["women-trained"]!.keys.sorted().filter { results["women-trained"]![$0]!["value"] is NSNumber }
        let expected = periods.suffix(totals.count).map { period -> String in
            NumberFormat(locale: "en-IN").count((results["women-trained"]![period]!["value"] as! NSNumber).doubleValue)
        }
        #expect(totals == expected)
        #expect(totals.last == "1,720")
        #expect(trained.all(tag: "figcaption").first?.text.hasSuffix("Shared, not attributed: 240; total 1,720.") == true)

        let reached = try bars("women-reached")
        let caption = try #require(reached.all(tag: "figcaption").first).text
        #expect(caption.contains("the partners' counts add up to 51,550, which may count a person reached by several partners more than once"))
        #expect(caption.hasSuffix("Counted once (deduplicated): 36,400."))
        let markers = reached.all(class: "chart-counted")
        #expect(markers.count == reached.all(class: "chart-bar").count)
        #expect(markers.last?.text == "Counted once (deduplicated), 2026-Q3: 36,400")
    }

    /// Class 7 (shares): scores and ladder stages are not added up or split into shares; a `decrease` indicator's
    /// shares are of reported cases; the shares of a period shown in a table add up to 100%.
    @Test func sharesAreShownOnlyWhereTheyMeanSomethingAndAddUpTo100() throws {
        var tables = 0
        for path in BuiltSites.htmlPages(sample) {
            let page = try BuiltSites.page(path)
            for panel in page.all(class: "cvi-panel") where panel.text.contains("ward inclusion ladder") || panel.text.contains("trust") {
                #expect(!panel.text.contains("Sum of partner counts"), "\(path)")
                #expect(!panel.text.contains("Share"), "\(path)")
            }
            for table in page.all(class: "contributions") {
                let header = table.all(tag: "th").filter { $0["scope"] == "col" }.map(\.text)
                guard let column = header.firstIndex(where: { $0.hasPrefix("Share") }) else { continue }
                let shares = table.all(tag: "tbody").first!.all(tag: "tr").map { $0.all(tag: "td").map(\.text) }
                    .map { $0[column - 1] }.filter { $0.hasSuffix("%") }.map { Int($0.dropLast())! }
                guard !shares.isEmpty else { continue }
                tables += 1
                #expect(shares.reduce(0, +) == 100, "\(path) \(header): \(shares)")
            }
        }
        #expect(tables > 20)
        let harassment = try BuiltSites.page("saamuhika-shakti/index.html").all(class: "contributions")
            .first { $0.text.contains("harassment") }
        #expect(harassment?.text.contains("Share of the 1,730 reported cases") == true)
    }

    /// Class 7 (words): progress is named as the way from the baseline to the target; a percentage of one quarter
    /// is "In 2026-Q3", not "to date"; a value worse than its baseline is not on track; the home page says why its
    /// partners are fewer than the cards add up to; a qualitative indicator's headline points to its notes.
    @Test func figuresAreWordedForWhatTheyMeasure() throws {
        let home = try BuiltSites.page("index.html")
        let placement = try #require(home.all(class: "indicator-card").first { $0["data-indicator"] == "placement-rate" })
        #expect(placement.all(class: "card-progress").first?.text == "21% of the way from the baseline to the target; 64% of the time has passed")
        #expect(placement.all(class: "card-meta").first?.text.hasPrefix("In 2026-Q3 ·") == true)
        let reached = try #require(home.all(class: "indicator-card").first { $0["data-indicator"] == "women-reached" })
        #expect(reached.all(class: "card-meta").first?.text.hasPrefix("To date, through 2026-Q3 ·") == true)
        let partners = try #require(home.all(tag: "li").first { $0.text.hasPrefix("Implementing partners") })
        #expect(partners.text == "Implementing partners 20 (the initiatives' own counts add up to 21: 1 organisation takes part in more than one initiative and is counted once here)")

        let overview = try BuiltSites.page("saamuhika-shakti/index.html")
        // Harassment 49% in 2024-Q3 against a baseline of 48%: going the wrong way, not on track (its table of
        // every period is on its page).
        let harassment = try BuiltSites.page("saamuhika-shakti/indicators/harassment-rate.html")
        let table = try #require(harassment.all(tag: "table").first { $0["data-indicator"] == "harassment-rate" })
        let row = try #require(table.all(tag: "tr").first { $0["data-period"] == "2024-Q3" })
        let status = try #require(row.elementChildren.last?.all(class: "status").first)
        #expect(status.text == "At risk" && status.classes == ["status", "at_risk"])
        let recognition = try #require(overview.all(class: "indicator-panel").first { $0["data-indicator"] == "city-recognition" })
        #expect(recognition.all(class: "card-value").first?.text == "Described in notes, the latest for 2026-Q3")
        #expect(!recognition.all(class: "card-value").first!.text.contains("No data"))
        // The progress bar's own words say the same.
        #expect(overview.all(class: "chart-summary").contains { $0.text.hasPrefix("68% of the way from baseline to target; expected 64%") })
    }
    /// Class 10: a change since the period before is the difference of the two figures as the page prints them. A
    /// brief read "33% (+0.8 points), before 33%" and "35% (+0.7 points), before 34%": a reader who subtracts the
    /// figures beside it (or the previous brief's) got another change than the page's. Every "what changed" line
    /// of every English brief is checked: the change is the shown figure less the shown figure before.
    @Test func aChangeIsTheDifferenceOfTheFiguresShown() throws {
        func number(_ text: Substring) -> Double? { Double(text.filter { $0.isNumber || $0 == "." }) }
        var lines = 0
        for path in BuiltSites.htmlPages(sample) where path.contains("/brief/") && path.split(separator: "/").count == 3 {
            for item in try BuiltSites.page(path).all(class: "change-list").flatMap({ $0.all(tag: "li") }) {
                let text = item.text
                // "<name>: 35% (+1 point), before 34%. On track" (a name may carry "(3 of 4 partners reported)").
                let halves = text.components(separatedBy: "), before ")
                guard halves.count == 2, let colon = halves[0].range(of: ": ", options: .backwards),
                      let open = halves[0].range(of: " (", range: colon.upperBound..<halves[0].endIndex) else { continue }
                let value = halves[0][colon.upperBound..<open.lowerBound], change = halves[0][open.upperBound...]
                let before = halves[1].prefix { $0 != " " }.dropLast()
                guard let now = number(value), let then = number(before) else { continue }
                lines += 1
                if change == "no change" {
                    #expect(now == then, "\(path): \(text)")
                } else {
                    let sign: Double = change.hasPrefix("−") ? -1 : 1
                    let shown = try #require(number(change.split(separator: " ").first ?? ""))
                    #expect(abs(sign * shown - (now - then)) < 1e-9, "\(path): \(text)")
                }
            }
        }
        #expect(lines > 80)
        let q1 = try BuiltSites.page("oporajita/brief/2026-Q1.html").text
        #expect(q1.contains("Trained women in new or upgraded jobs within six months: 33% (no change), before 33%."))
        let q3 = try BuiltSites.page("oporajita/brief/2026-Q3.html").text
        #expect(q3.contains("Trained women in new or upgraded jobs within six months: 35% (+1 point), before 34%."))
        #expect(q3.contains("Laid-off women not paid their full legal dues: 36% (−3 points), before 39%."))
        // The report's column says the same.
        let report = try BuiltSites.page("oporajita/reports/2026-Q3.html")
        let row = try #require(report.all(tag: "tr").first { $0["data-indicator"] == "placement-rate" })
        #expect(row.all(tag: "td").map(\.text).prefix(2) == ["35% (891 of 2,558)", "+1 point"])
    }
    /// Class 4 (changes): a count that may count a person twice says so wherever it stands alone, and is never
    /// subtracted from a count that does not. The brief's "what changed" list and the partner pages' collective value
    /// showed women protected (8,800, the partners' counts added up) bare; and with the backbone's 2026-Q3 count of
    /// women reached missing, the brief read "Women reached by the initiative: 42,650 (+10,140), before 32,510": a
    /// sum of partner counts less a deduplicated count, which is the double counting, not 10,140 more women.
    @Test func aSumThatMayCountTwiceIsMarkedAndNotComparedWithACountedOnceFigure() throws {
        func line(_ root: HTMLElement, _ indicator: String) throws -> String {
            try #require(root.all(class: "change-list").flatMap { $0.all(tag: "li") }.first { $0["data-indicator"] == indicator }).text
        }
        let brief = try BuiltSites.page("oporajita/brief/2026-Q3.html")
        #expect(try line(brief, "women-protected")
            == "Women using protection and care services: 8,800 (+1,110), before 7,690. On track ⚠ May count a person more than once")
        #expect(try line(brief, "women-reached") == "Women reached by the initiative: 36,400 (+3,890), before 32,510. On track")
        let row = try #require(try BuiltSites.page("oporajita/partners/lal-sutor.html").all(tag: "tr")
            .first { $0["data-indicator"] == "women-protected" })
        #expect(row.all(tag: "td").map(\.text).last == "8,800 ⚠ May count a person more than once")

        let content = BuiltSites.scratch("not-deduplicated") + "/content"
        try FileManager.default.copyItem(atPath: BuiltSites.repository + "/content", toPath: content)
        let results = content + "/initiatives/oporajita/results.csv"
        let rows = try String(contentsOfFile: results, encoding: .utf8).components(separatedBy: "\n")
            .filter { !$0.hasPrefix("women-reached,*,2026-Q3,") && !$0.hasPrefix("women-reached,lal-sutor,2026-Q3,") }
        try rows.joined(separator: "\n").write(toFile: results, atomically: true, encoding: .utf8)
        let (site, build) = BuiltSites.build(content: content)
        #expect(!build.diagnostics.hasErrors)
        #expect(try line(try BuiltSites.page("oporajita/brief/2026-Q3.html", in: site), "women-reached")
            == "Women reached by the initiative (8 of 9 partners reported): 42,650, before 32,510. On track ⚠ May count a person more than once")
        let report = try BuiltSites.page("oporajita/reports/2026-Q3.html", in: site)
        let reached = try #require(report.all(tag: "tr").first { $0["data-indicator"] == "women-reached" })
        #expect(reached.all(tag: "td").map(\.text).prefix(2) == ["42,650", "—"])
        let problems = try FigureChecker(site: site, templates: BuiltSites.repository + "/templates").check().problems
        #expect(problems.isEmpty, "\(problems.prefix(20))")
    }
}
