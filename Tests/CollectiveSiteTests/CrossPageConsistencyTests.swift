import Foundation
import Testing
@testable import CollectiveSite

/// Issue 14's build check: every figure every page shows (value, to-date value, target, progress, status, period
/// and its completeness, contributions and shares) is read back from the built HTML with a parser and compared
/// with results.json, on the sample site and on a generated portfolio; a template that shows another field under
/// a figure's attributes must be caught.
@Suite(.serialized) struct CrossPageConsistencyTests {
    static let templates = BuiltSites.repository + "/templates"
    /// Every kind of figure the pages mark.
    static let fields: Set<String> = ["value", "to_date", "target", "end_target", "progress", "expected", "status", "period",
                                      "sum_of_parts", "overlap", "depth", "contribution", "share", "partial", "change"]

    func expectConsistent(_ site: String, minimumFigures: Int, fields: Set<String> = Self.fields) throws {
        let report = try FigureChecker(site: site, templates: Self.templates).check()
        #expect(report.problems.isEmpty, "\(report.problems.count) figures disagree with results.json:\n\(report.problems.prefix(400).joined(separator: "\n"))")
        #expect(report.checked >= minimumFigures, "only \(report.checked) figures checked")
        #expect(report.fields.isSuperset(of: fields), "fields never seen: \(fields.subtracting(report.fields))")
    }

    @Test func everyFigureOfTheSampleSiteMatchesResultsJSON() throws {
        try expectConsistent(BuiltSites.sample, minimumFigures: 5_000)
    }

    @Test func everyFigureOfAGeneratedPortfolioMatchesResultsJSON() throws {
        let content = BuiltSites.scratch("generated") + "/content"
        let python = FileManager.default.isExecutableFile(atPath: BuiltSites.repository + "/.build/venv/bin/python")
            ? BuiltSites.repository + "/.build/venv/bin/python" : "/usr/bin/python3"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [BuiltSites.repository + "/Benchmarks/generate.py", "large", "--initiatives", "2", "--out", content]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "Benchmarks/generate.py failed")
        let (site, report) = BuiltSites.build(content: content)
        #expect(!report.diagnostics.hasErrors)
        // Its partners all report every quarter: no partial period to mark.
        try expectConsistent(site, minimumFigures: 5_000, fields: Self.fields.subtracting(["partial"]))
    }

    /// The check is not vacuous: a theme whose period table shows the to-date value in the value column, or a
    /// rate's period value under To date, or whose cards show the period's value as the headline, is reported
    /// figure by figure.
    @Test func aTemplateShowingAnotherFieldIsCaught() throws {
        let theme = BuiltSites.scratch("planted") + "/templates"
        try FileManager.default.copyItem(atPath: Self.templates, toPath: theme)
        func plant(_ file: String, _ from: String, _ to: String) throws {
            let path = theme + "/" + file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try #require(text.contains(from), "\(file) no longer has \(from)")
            try text.replacingOccurrences(of: from, with: to).write(toFile: path, atomically: true, encoding: .utf8)
        }
        try plant("partials/indicator-card.mustache", "data-field=\"{{figureField}}\">{{value}}", "data-field=\"{{figureField}}\">{{periodValue}}")
        // The period table marks its figures by their column (`<th scope="col" data-field>`): the value and to-date
        // columns swapped show the period's sum to date as its value and, as tables did before, a period's rate as a
        // result to date: every row of a `latest` rate is caught.
        try plant("partials/period-table.mustache", "<td>{{value}}</td><td>{{toDate}}</td>", "<td>{{toDate}}</td><td>{{value}}</td>")
        // The overview's headline showing the latest quarter's figure where the result to date belongs.
        try plant("initiative.mustache", "data-field=\"{{figureField}}\">{{value}}", "data-field=\"{{figureField}}\">{{periodValue}}")
        // The report's table marks its figures by their column: the value and to-date columns swapped, and the
        // period's value where its change since the period before belongs.
        try plant("report.mustache", "<td>{{value}}</td><td>{{change}}</td><td>{{toDate}}</td>", "<td>{{toDate}}</td><td>{{value}}</td><td>{{value}}</td>")
        // The indicator page's contributions by period: the partners' sum under the collective value.
        try plant("indicator.mustache", "</th><td>{{value}}</td>{{#sumOfParts}}", "</th><td>{{sumOfParts}}{{^sumOfParts}}{{value}}{{/sumOfParts}}</td>{{#sumOfParts}}")
        let (site, build) = BuiltSites.build(content: BuiltSites.repository + "/content", templates: theme)
        #expect(!build.diagnostics.hasErrors)
        let problems = try FigureChecker(site: site, templates: theme).check().problems
        // Women trained sums its quarters: the table's 2026-Q3 row now shows 14,360 as the quarter's 1,720, and
        // the overview's headline the quarter's 1,720 as the result to date, 14,360.
        #expect(problems.contains { $0.hasPrefix("oporajita/indicators/women-trained.html: value \"14,360\"") && $0.hasSuffix("results.json has 1720.0") })
        #expect(problems.contains { $0.hasPrefix("oporajita/index.html: to_date \"1,720\"") && $0.hasSuffix("results.json has 14360.0") })
        // Dry waste on the home card: the quarter's 1,250 where the to-date headline is 9,410.
        #expect(problems.contains { $0.hasPrefix("index.html: to_date \"1,250\"") && $0.hasSuffix("results.json has 9410.0") })
        #expect(problems.contains { $0.hasPrefix("oporajita/indicators/") && $0.contains(": to_date \"")
            && $0.hasSuffix("`latest` percentage: no figure to date, so \"—\"") })
        // The 2026-Q3 report's row of women trained: 14,360 to date under This period, 1,720 under To date.
        #expect(problems.contains("oporajita/reports/2026-Q3.html: value \"14,360\": results.json has 1720.0"))
        #expect(problems.contains("oporajita/reports/2026-Q3.html: to_date \"1,720\": results.json has 14360.0"))
        // Women reached rose from 32,510 to 36,400 in 2026-Q3: +3,890, not 36,400.
        #expect(problems.contains("oporajita/reports/2026-Q3.html: change \"36,400\": results.json has 32510.0 then 36400.0"))
        // Women reached in 2025-Q2: the partners' counts added up, 19,850, where 15,810 women were counted once.
        #expect(problems.contains("oporajita/indicators/women-reached.html: value \"19,850\": results.json has 15810.0"))
        #expect(problems.allSatisfy { $0.contains(": value \"") || $0.contains(": to_date \"") || $0.contains("/reports/") && $0.contains(": change \"") })
        // Without the plant, the same build is clean (the first test): the problems come from the plant alone.
    }

    /// A brief names each column's figure once, in its head: a theme whose brief shows the period's value under To date,
    /// a fixed status word, or the right word with another status's shape (class) is still caught, cell by cell.
    @Test func aBriefShowingAnotherFigureOrStatusIsCaught() throws {
        let theme = BuiltSites.scratch("planted-brief") + "/templates"
        try FileManager.default.copyItem(atPath: Self.templates, toPath: theme)
        let path = theme + "/brief.mustache"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        for (from, to) in [
            ("<td data-label=\"{{t.to_date}}\">{{toDate}}</td>", "<td data-label=\"{{t.to_date}}\">{{value}}</td>"),
            ("<td>{{#status}}{{> partials/status}}{{/status}}</td></tr>{{/partnerRows}}",
             "<td><span class=\"status on_track\">On track</span></td></tr>{{/partnerRows}}"),
            ("<td>{{#status}}{{> partials/status}}{{/status}}</td></tr>{{/collectiveRows}}",
             "<td>{{#status}}<span class=\"status achieved\">{{label}}</span>{{/status}}</td></tr>{{/collectiveRows}}"),
        ] {
            try #require(text.contains(from), "brief.mustache no longer has \(from)")
            text = text.replacingOccurrences(of: from, with: to)
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (site, build) = BuiltSites.build(content: BuiltSites.repository + "/content", templates: theme)
        #expect(!build.diagnostics.hasErrors)
        let problems = try FigureChecker(site: site, templates: theme).check().problems
        let brief = "oporajita/brief/2026-Q3.html: "
        // Women trained: the quarter's 1,720 under To date, where the total to date is 14,360.
        #expect(problems.contains(brief + "to_date \"1,720\": results.json has 14360.0"))
        // Jhinuk's savers are at risk; the planted partner table says on track.
        #expect(problems.contains(brief + "status \"On track\": results.json says at_risk (\"At risk\")"))
        // Women reached is on track, and says so, but is drawn with the achieved diamond.
        #expect(problems.contains(brief + "status \"On track\": results.json says on_track (\"On track\")"))
        #expect(problems.allSatisfy { $0.contains("/brief/") && ($0.contains(": to_date \"") || $0.contains(": status \"")) })
    }

    /// The reader of numbers reads what pages print: grouping (Western and lakh), decimals, minus signs,
    /// Bengali digits, currency symbols and the counts of a percentage.
    @Test func numbersAreReadAsPrinted() {
        #expect(FigureChecker.numbers("36% (1,632 of 4,497)").map(\.value) == [36, 1632, 4497])
        #expect(FigureChecker.numbers("₹18,34,000").map(\.value) == [1_834_000])
        #expect(FigureChecker.numbers("−3%").map(\.value) == [-3])
        #expect(FigureChecker.numbers("৩৬,৪০০").map(\.value) == [36_400])
        #expect(FigureChecker.firstNumber("4.0")! == (4, 1))
        // Period names are not figures, wherever the label puts them.
        #expect(FigureChecker.numbers("2026-Q3 (3 of 4 partners reported)").map(\.value) == [3, 4])
        #expect(FigureChecker.numbers("2027-Q4-এর মধ্যে ৬০,০০০").map(\.value) == [60_000])
        // A report's change is against the period before, across a year's end too.
        #expect(["2026-Q3", "2026-Q1", "2026-H1", "2026-H2", "2026-01", "2025-11", "2026"].map(FigureChecker.previous)
                == ["2026-Q2", "2025-Q4", "2025-H2", "2026-H1", "2025-12", "2025-10", "2025"])
    }
}
