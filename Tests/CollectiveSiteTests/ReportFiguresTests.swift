import Foundation
import Testing
@testable import CollectiveSite

/// A quarterly report shows its period's figures as one table (a row per indicator, with the change since the
/// period before), the notes those figures need under it, and links each row to the indicator's page, whose
/// "Partner contributions by period" table has every period's partner figures. Read from the built sample.
@Suite struct ReportFiguresTests {
    /// The cells of a table's body row by column name (the header's text), or by `data-field` where a cell has one.
    static func cells(_ row: HTMLElement, in table: HTMLElement) -> [String: String] {
        let headers = table.all(tag: "tr").first { $0.parent?.name == "thead" }?.elementChildren ?? []
        var out: [String: String] = [:]
        for (index, cell) in row.elementChildren.enumerated() {
            let field = cell["data-field"] ?? (index < headers.count ? headers[index]["data-field"] : nil)
            out[field ?? (index < headers.count ? headers[index].text : "")] = cell.text
        }
        return out
    }

    static func reportRow(_ page: HTMLElement, _ indicator: String) throws -> [String: String] {
        let table = try #require(page.all(class: "figures-table").first)
        let row = try #require(table.all(tag: "tr").first { $0["data-indicator"] == indicator })
        return cells(row, in: table)
    }

    /// Each figure of a report's row is the one the funder brief and the indicator page's table give for that
    /// indicator and period: one figure, one truth. Women trained (a partial quarter), the placement rate (a level:
    /// no figure to date) and partners' trust (half-yearly: the 2026-Q3 report shows 2026-Q2, the latest due).
    @Test func aReportRowGivesTheFiguresOfTheBriefAndTheIndicatorPage() throws {
        let report = try BuiltSites.page("oporajita/reports/2026-Q3.html")
        let brief = try BuiltSites.page("oporajita/brief/2026-Q3.html")
        for (indicator, period) in [("women-trained", "2026-Q3"), ("placement-rate", "2026-Q3"), ("trust-score", "2026-Q2")] {
            let row = try Self.reportRow(report, indicator)
            let briefTable = try #require(brief.all(class: "brief-table").first { $0.all { $0["data-indicator"] == indicator }.count > 0 })
            // The brief names its period on the table; a row showing an earlier one names its own.
            let briefTR = try #require(briefTable.all(tag: "tr").first { $0["data-indicator"] == indicator })
            #expect((briefTR.closest(withAttribute: "data-period")?["data-period"]) == period)
            let briefRow = Self.cells(briefTR, in: briefTable)
            let page = try BuiltSites.page("oporajita/indicators/\(indicator).html")
            let periodTable = try #require(page.all(class: "period-table").first)
            let pageRow = Self.cells(try #require(periodTable.all(tag: "tr").first { $0["data-period"] == period }), in: periodTable)
            for field in ["value", "to_date", "target", "progress", "status"] {
                #expect(row[field] != nil && row[field] == briefRow[field], "\(indicator) \(field): report \(row[field] ?? "none"), brief \(briefRow[field] ?? "none")")
                #expect(row[field] == pageRow[field], "\(indicator) \(field): report \(row[field] ?? "none"), indicator page \(pageRow[field] ?? "none")")
            }
        }
        // The figures themselves, hand-checked against results.csv: 1,720 women trained by 3 of 4 partners in
        // 2026-Q3, 340 fewer than 2,060 in 2026-Q2; 14,360 since the start.
        let trained = try Self.reportRow(report, "women-trained")
        #expect(trained["value"] == "1,720" && trained["to_date"] == "14,360" && trained["change"] == "−340")
        #expect(trained["Indicator"] == "Women completing a reskilling course (3 of 4 partners reported)")
        #expect(try Self.reportRow(report, "placement-rate")["to_date"] == "—")
        #expect(try Self.reportRow(report, "women-reached")["change"] == "+3,890")
        // Referrals reached their target this quarter: the change says which status it had before.
        #expect(try Self.reportRow(report, "referrals-completed")["change"] == "+70 (was On track)")
        let trust = try Self.reportRow(report, "trust-score")
        #expect(trust["Indicator"] == "Partners' trust in one another (2026-Q2: measured every half year)")
        #expect(trust["value"] == "3.5" && trust["change"] == "—")
    }

    /// What the per-indicator panels said in words stays, under the table, each note naming its indicator: the
    /// double-counting caveat, the period's notes (all a qualitative indicator reports), the "To date" note; and the
    /// period's new systems-change outcomes.
    @Test func theNotesCaveatsAndOutcomesOfThePeriodStayOnTheReport() throws {
        let report = try BuiltSites.page("oporajita/reports/2026-Q3.html")
        let notes = try #require(report.all(class: "figure-notes").first).all(tag: "li").map(\.text)
        #expect(notes.contains("⚠ Women using protection and care services: May count a person more than once"))
        #expect(notes.contains { $0.hasPrefix("Women reached by the initiative: Includes the first women from the Chattogram pilot") })
        #expect(notes.contains { $0.hasPrefix("Employer commitments to a just transition: 48 factories now use the protocol") })
        // A qualitative indicator has notes, not figures: no row claims "No data" for it.
        #expect(report.all(class: "figures-table").first?.all { $0["data-indicator"] == "employer-commitments" }.isEmpty == true)
        #expect(report.all(class: "table-note").contains { $0.text.hasPrefix("To date “—”: a percentage, rate or score is measured in each period") })
        let section = try #require(report.all { $0["id"] == "figures" }.first)
        #expect(section.all(tag: "h3").map(\.text) == ["New systems-change outcomes in 2026-Q3"])
        #expect(section.text.contains("2026-07-15 From \"too old to retrain\" to \"retrain first\" (Mental models)"))
        // The old list of "What changed" is gone: its figures are the table's Change column.
        #expect(!section.text.contains("What changed since"))
    }

    /// The indicator page lists every period's partner contributions, newest first; a report's row links to its
    /// period's row. Women reached in 2025-Q2, from oporajita/results.csv: the backbone's deduplicated 15,810 and
    /// each partner's count (they add up to 19,850); in 2024-Q3 two partners had not reported.
    @Test func theIndicatorPageHasEveryPeriodsContributions() throws {
        let page = try BuiltSites.page("oporajita/indicators/women-reached.html")
        let details = try #require(page.all { $0["id"] == "by-period" }.first)
        #expect(details.name == "details" && details.all(tag: "summary").first?.text == "Partner contributions by period")
        let table = try #require(details.all(tag: "table").first)
        let rows = table.all(tag: "tr").filter { $0.parent?.name == "tbody" }
        #expect(rows.first?["id"] == "c-2026-Q3" && rows.last?["id"] == "c-2024-Q3")
        let headers = try #require(table.all(tag: "tr").first).elementChildren
        let partners = headers.compactMap { $0["data-partner"] }
        #expect(partners == ["caif", "stitchwise", "digital-tati", "notun-path", "shonar-haat", "jhinuk", "lal-sutor", "nirapotta", "sabuj-angina"])
        func row(_ period: String) throws -> [String: String] {
            let row = try #require(rows.first { $0["id"] == "c-" + period })
            var byPartner = Self.cells(row, in: table)
            for (index, header) in headers.enumerated() where header["data-partner"] != nil {
                byPartner[header["data-partner"]!] = row.elementChildren[index].text
            }
            return byPartner
        }
        let q2 = try row("2025-Q2")
        #expect(q2["period"] == "2025-Q2" && q2["value"] == "15,810" && q2["sum_of_parts"] == "19,850")
        #expect(partners.map { q2[$0] ?? "" } == ["1,170", "4,640", "1,650", "3,700", "270", "2,790", "3,500", "1,220", "910"])
        let first = try row("2024-Q3")
        // CAIF, a partner since 2024-Q2, did not report; Shonar Haat had not joined yet (2025-Q1): not due.
        #expect(first["caif"] == "Not reported" && first["shonar-haat"] == "Joined in 2025-Q1" && first["stitchwise"] == "940")
        // The honesty notes under the table: how partners combine, and why their sum is larger.
        #expect(details.all(class: "table-note").map(\.text).contains { $0.hasPrefix("The partners' counts add up to more than the collective value") })
        // The reports link here, to their period's row.
        let report = try BuiltSites.page("oporajita/reports/2026-Q2.html")
        #expect(report.all(tag: "a").contains { $0["href"] == "../indicators/women-reached.html#c-2026-Q2" })
        #expect(rows.contains { $0["id"] == "c-2026-Q2" })
        // The stacked bars show the last periods; their note points to this table.
        #expect(page.all(class: "history-note").isEmpty || page.all(class: "history-note").first?.all(tag: "a").first?["href"] == "#by-period")
    }

    /// A partial period is marked in its row of the contributions table: women trained in 2026-Q3.
    @Test func aPartialPeriodIsMarkedInTheContributionsTable() throws {
        let page = try BuiltSites.page("oporajita/indicators/women-trained.html")
        let table = try #require(page.all { $0["id"] == "by-period" }.first?.all(tag: "table").first)
        let row = try #require(table.all(tag: "tr").first { $0["id"] == "c-2026-Q3" })
        #expect(row.elementChildren.first?.text == "2026-Q3 (3 of 4 partners reported)")
    }
}
