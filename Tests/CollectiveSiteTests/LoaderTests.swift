import Foundation
import Testing
@testable import CollectiveSite
@testable import ImpactDomain

/// A small, valid content folder; tests replace or remove files to make one thing wrong.
enum SampleContent {
    static let files: [String: String] = [
        "site.yaml": """
            title: Test reports
            base_url: https://example.org/r
            language: en
            locale: en-IN
            illustrative: true
            min_cell_count: 5
            """,
        "initiatives/opo/initiative.md": """
            ---
            name: Oporajita
            meaning: undefeated
            country: Bangladesh
            backbone: taf
            primary_actor: women garment workers
            common_goal: Every worker keeps a decent job.
            started: 2024
            period: quarter
            locale: bn-BD
            languages: [en, bn]
            ---
            The **shared** agenda.
            """,
        "initiatives/opo/partners.csv": """
            id,name,role,kind,joined
            taf,The Asia Foundation,backbone,foundation,2024-Q1
            caif,Circular Apparel Innovation Factory,implementing,social enterprise,2024-Q1
            nari,"Nari Shakti, Dhaka",implementing,NGO,2024-Q1

            """,
        "initiatives/opo/workstreams.csv": """
            id,name,lead,supporting,goal
            skills,Skills for new machines,caif,nari; taf ,Train workers before automation arrives

            """,
        "initiatives/opo/indicators.csv": """
            id,name,scope,partner,workstream,measure,unit,direction,across_partners,across_periods,baseline,baseline_period,target,target_period,description
            trained,Workers trained,collective,,skills,count,workers,increase,unique,sum,0,2024-Q1,5000,2025-Q4,Workers who completed training
            placed,Share placed,collective,,skills,percentage,%,Increase,ratio,latest,40,2024-Q1,70.5,2025-Q4,
            story,Stories,partner,caif,skills,qualitative,,,,latest,,,,,

            """,
        "initiatives/opo/results.csv": """
            indicator,partner,period,value,numerator,denominator,dimension,category,note
            trained,caif,2024-Q1,120,,,,,
            trained,nari,2024-Q1,80.5,,,,,"Revised after audit, ""2 duplicates"" removed"
            trained,*,2024-Q1,180,,,,,
            trained,*,2024-Q1,100,,,gender,women,
            placed,caif,2024-Q1,,45,100,,,
            story,caif,2024-Q1,,,,,,অপরাজিতা workers told their story
            trained,caif,2024-Q2,130,,,,,

            """,
        "initiatives/opo/targets.csv": "indicator,partner,period,target\ntrained,,2024-Q4,1000\ntrained,caif,,3000\n",
        "initiatives/opo/collaboration.csv": "period,from,to,kind,count\n2024-Q1,caif,nari,referral,12\n",
        "initiatives/opo/outcomes.csv": """
            date,title,condition,partners,description,evidence
            2024-03-15,Wage board listens,policies,caif; nari,The board invited workers.,https://example.org/e

            """,
        "initiatives/opo/reports/2024-Q1.md": """
            ---
            title: "First quarter: getting started"
            period: 2024-Q1
            summary: Training began.
            ---
            # Highlights

            We trained **120** workers.
            """,
        "initiatives/opo/reports/2024-Q1.bn.md": "---\ntitle: প্রথম প্রান্তিক\nperiod: 2024-Q1\n---\nপ্রশিক্ষণ শুরু হয়েছে।\n",
        "initiatives/opo/reports/2024-Q2.md": "---\ntitle: Second quarter\nperiod: 2024-Q2\n---\nMore training.\n",
        "initiatives/opo/partners/caif.md": "---\ntitle: CAIF\n---\nCAIF works on circular apparel.\n",
        "initiatives/alpha/initiative.md": "---\nname: Alpha\nbackbone: bb\n---\nAgenda.\n",
        "initiatives/alpha/partners.csv": "id,name,role\nbb,Backbone,backbone\n",
        "initiatives/alpha/workstreams.csv": "id,name,lead\nws,Stream,bb\n",
        "initiatives/alpha/indicators.csv": "id,name,scope,measure,across_partners,across_periods\nn,Number,partner,count,,sum\n",
        "initiatives/alpha/results.csv": "indicator,partner,period,value\nn,bb,2025-Q1,3\n",
    ]

    /// Writes the sample with `changes` applied (nil removes a file) into a new temporary folder.
    static func write(_ changes: [String: String?] = [:]) throws -> String {
        let root = TestScratch.folder.appendingPathComponent("content-\(UUID().uuidString)").path
        var all = files.mapValues { Optional($0) }
        for (path, text) in changes { all[path] = text }
        for (path, text) in all {
            guard let text else { continue }
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        return root
    }

    /// Loads the sample with `changes`; diagnostics' paths are made relative to the content folder.
    static func load(_ changes: [String: String?] = [:], prepare: (String) throws -> Void = { _ in }) throws
        -> (SiteContent, [Diagnostic]) {
        let root = try write(changes)
        try prepare(root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let site = ContentLoader.load(contentDirectory: root)
        let relative = site.diagnostics.map { diagnostic in
            var copy = diagnostic
            if copy.location.path.hasPrefix(root + "/") { copy.location.path.removeFirst(root.count + 1) }
            return copy
        }
        return (site, relative.sortedForDisplay())
    }
}

@Suite struct LoaderTests {
    @Test func loadsTheSampleWithoutProblems() throws {
        let (site, diagnostics) = try SampleContent.load()
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(site.config.title == "Test reports")
        #expect(site.config.baseURL == "https://example.org/r/")
        #expect(site.config.locale == "en-IN")
        #expect(site.config.computation.minCellCount == 5)
        #expect(site.initiatives.map(\.initiative.slug) == ["alpha", "opo"])

        let opo = site.initiatives[1]
        let initiative = opo.initiative
        #expect(initiative.name == "Oporajita")
        #expect(initiative.backbone == "taf")
        #expect(initiative.commonGoal == "Every worker keeps a decent job.")
        #expect(initiative.started == Period("2024-Q1"))  // `started: 2024` in a quarterly initiative
        #expect(initiative.periodKind == .quarter)
        #expect(opo.locale == "bn-BD")
        #expect(opo.languages == ["en", "bn"])
        #expect(opo.agenda.html == "<p>The <strong>shared</strong> agenda.</p>\n")
        #expect(initiative.location.path.hasSuffix("initiatives/opo/initiative.md"))

        #expect(initiative.partners.map(\.id) == ["taf", "caif", "nari"])
        #expect(initiative.partners[2].name == "Nari Shakti, Dhaka")
        #expect(initiative.partners[0].role == .backbone)
        #expect(initiative.partners[2].joined == Period("2024-Q1"))
        #expect(initiative.partners[2].location.line == 4)

        #expect(initiative.workstreams.first?.supporting == ["nari", "taf"])
        #expect(initiative.workstreams.first?.lead == "caif")

        let indicators = initiative.indicators
        #expect(indicators.map(\.id) == ["trained", "placed", "story"])
        #expect(indicators[0].acrossPartners == .unique && indicators[0].acrossPeriods == .sum)
        #expect(indicators[0].partner == nil && indicators[0].workstream == "skills")
        #expect(indicators[0].baseline == 0 && indicators[0].target == 5000)
        #expect(indicators[0].baselinePeriod == Period("2024-Q1") && indicators[0].targetPeriod == Period("2025-Q4"))
        #expect(indicators[1].direction == .increase && indicators[1].target == 70.5 && indicators[1].measure == .percentage)
        #expect(indicators[2].partner == "caif" && indicators[2].acrossPartners == .sum && indicators[2].measure == .qualitative)

        let rows = initiative.observations
        #expect(rows.count == 7)
        #expect(rows[1].value == 80.5)
        #expect(rows[1].note == "Revised after audit, \"2 duplicates\" removed")
        #expect(rows[2].isShared && rows[2].value == 180)
        #expect(rows[3].dimension == "gender" && rows[3].category == "women")
        #expect(rows[0].dimension == nil && rows[0].category == nil)
        #expect(rows[4].value == nil && rows[4].numerator == 45 && rows[4].denominator == 100)
        #expect(rows[5].value == nil && rows[5].note == "অপরাজিতা workers told their story")
        #expect(rows[6].period == Period("2024-Q2"))
        #expect(rows[3].location.line == 5)

        #expect(initiative.targets == [
            PeriodTarget(indicator: "trained", partner: nil, period: Period("2024-Q4"), target: 1000, location: initiative.targets[0].location),
            PeriodTarget(indicator: "trained", partner: "caif", period: nil, target: 3000, location: initiative.targets[1].location),
        ])
        #expect(initiative.collaborations.first?.kind == .referral && initiative.collaborations.first?.count == 12)
        let outcome = try #require(initiative.outcomes.first)
        #expect(outcome.year == 2024 && outcome.condition == .policies && outcome.partners == ["caif", "nari"])
        #expect(outcome.evidence == "https://example.org/e")

        #expect(opo.reports.map { "\($0.period).\($0.language)" } == ["2024-Q1.bn", "2024-Q1.en", "2024-Q2.en"])
        let first = opo.reports[1]
        #expect(first.title == "First quarter: getting started")
        #expect(first.summary == "Training began.")
        #expect(first.narrative.html == "<h1>Highlights</h1>\n<p>We trained <strong>120</strong> workers.</p>\n")
        #expect(first.narrative.frontMatter["title"] == "First quarter: getting started")
        #expect(opo.reports[0].title == "প্রথম প্রান্তিক")
        // Without a `summary:`, the first paragraph stands in.
        #expect(opo.reports[2].summary == "More training.")
        #expect(opo.partnerNarratives["caif"]?.plainSummary == "CAIF works on circular apparel.")
    }

    @Test func numbersThatAreNotNumbersAreLocatedAndExplained() throws {
        let (_, diagnostics) = try SampleContent.load(["initiatives/opo/results.csv": """
            indicator,partner,period,value,numerator,denominator,dimension,category,note
            trained,caif,2024-Q1,N/A,,,,,
            trained,nari,2024-Q1,"1,234",,,,,
            placed,caif,2024-Q1,12%,,,,,
            trained,*,2024-Q1,,,,,,
            placed,nari,2024-Q1,50,4 5,100,,,
            trained,caif,2024-Q2,130,,,,,
            """])
        let path = "initiatives/opo/results.csv"
        #expect(diagnostics.map(\.description) == [
            "\(path):2:22: error: `N/A` is not a number in column `value` (hint: write the number; if nothing was reported for this period, leave the row out)",
            "\(path):3:22: error: `1,234` in column `value` is ambiguous: a thousands separator (1234) or a decimal comma (1.234), depending on the locale (hint: write numbers without thousands separators and with a dot for decimals: 1234 or 1.234)",
            "\(path):4:21: error: `12%` is not a number in column `value` (hint: drop the `%`: write 12)",
            "\(path):5:19: error: `value` is empty; a number is required (hint: write the number; if nothing was reported for this period, leave the row out)",
            "\(path):6:24: error: `4 5` in column `numerator` contains spaces (hint: write numbers without spaces: 45)",
        ])
    }

    /// Excel saves a number too wide for its column as `1.2E+06`, rounded: read, but never silently.
    @Test func numbersInScientificNotationAreReadWithAWarning() throws {
        let (site, diagnostics) = try SampleContent.load(["initiatives/opo/results.csv": """
            indicator,partner,period,value,numerator,denominator,dimension,category,note
            trained,caif,2024-Q1,1.2E+06,,,,,
            placed,nari,2024-Q1,50,4.5e1,100,,,
            trained,nari,2024-Q2,1200,,,,,
            """])
        let path = "initiatives/opo/results.csv"
        #expect(diagnostics.map(\.description) == [
            "\(path):2:22: warning: `1.2E+06` in column `value` is in scientific notation, as Excel saves a number whose column is too narrow, rounded to the digits it showed (hint: check the figure against its source and write it in full (1200000 if that is right); in Excel, widen the column or format it as Number before saving)",
            "\(path):3:24: warning: `4.5e1` in column `numerator` is in scientific notation, as Excel saves a number whose column is too narrow, rounded to the digits it showed (hint: check the figure against its source and write it in full (45 if that is right); in Excel, widen the column or format it as Number before saving)",
        ])
        let observations = try #require(site.initiatives.first { $0.initiative.slug == "opo" }).initiative.observations
        #expect(observations.map(\.value) == [1_200_000, 50, 1200])
        #expect(observations[1].numerator == 45)
    }

    @Test func vocabularyAndPeriodErrorsListWhatIsAllowed() throws {
        let (_, diagnostics) = try SampleContent.load([
            "initiatives/opo/indicators.csv": """
                id,name,scope,measure,across_partners,across_periods
                trained,Workers trained,colective,count,unique,sum
                placed,Share placed,collective,percent,average,latest
                """,
            "initiatives/opo/results.csv": """
                indicator,partner,period,value
                trained,caif,2024-Q5,1
                trained,caif,Q3 2024,1
                trained,caif,2024-Q1,1
                trained,caif,2024-Q2,1
                """,
        ])
        let messages = diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message) | \($0.hint ?? "")" }
        #expect(messages == [
            "2:25 `colective` is not a valid scope | did you mean `collective`? use one of: partner, collective, collaboration",
            "3:32 `percent` is not a valid measure | did you mean `percentage`? use one of: count, percentage, amount, score, qualitative",
            "3:40 `average` is not a valid across_partners | use one of: sum, unique, ratio, mean, max",
            "2:14 `2024-Q5` is not a period in column `period` | a year has quarters Q1 to Q4; \(ValueParsing.periodForms)",
            "3:14 `Q3 2024` is not a period in column `period` | did you mean `2024-Q3`? \(ValueParsing.periodForms)",
        ])
        #expect(diagnostics.map(\.location.path) == [
            "initiatives/opo/indicators.csv", "initiatives/opo/indicators.csv", "initiatives/opo/indicators.csv",
            "initiatives/opo/results.csv", "initiatives/opo/results.csv",
        ])
    }

    @Test func eachPeriodCellReadsAsItsPeriodWhenRowsRepeatIt() throws {
        // Runs of rows with the same period cell, written alike or not (a space, quotes, a month after a quarter),
        // and a cell that is no period twice in a row: it is reported at each row.
        let (site, diagnostics) = try SampleContent.load([
            "initiatives/opo/results.csv": """
                indicator,partner,period,value
                trained,caif,2024-Q1,1
                trained,nari,2024-Q1,2
                trained,caif, 2024-Q2,3
                trained,nari,2024-Q2,4
                trained,caif,2024-Q5,5
                trained,nari,2024-Q5,6
                trained,caif,"2024-Q3",7
                trained,nari,2024-Q3,8
                trained,caif,2024-09,9
                """,
        ])
        let observations = try #require(site.initiatives.first { $0.initiative.slug == "opo" }).initiative.observations
        #expect(observations.map(\.value) == [1, 2, 3, 4, 7, 8, 9])
        #expect(observations.map(\.period) == ["2024-Q1", "2024-Q1", "2024-Q2", "2024-Q2", "2024-Q3", "2024-Q3", "2024-09"]
            .map { Period($0)! })
        let periodErrors = diagnostics.filter { $0.message.hasSuffix("is not a period in column `period`") }
        #expect(periodErrors.map { "\($0.location.line):\($0.location.column) \($0.message)" } == [
            "6:14 `2024-Q5` is not a period in column `period`", "7:14 `2024-Q5` is not a period in column `period`",
        ])
    }

    @Test func personalDataColumnsAreRefusedUnlessAllowed() throws {
        let results = "indicator,partner,period,value,numerator,denominator,Beneficiary_Name\ntrained,caif,2024-Q1,1,,,Rahima\ntrained,caif,2024-Q2,1,,,Rahima\n"
        let (refused, refusedDiagnostics) = try SampleContent.load(["initiatives/opo/results.csv": results])
        #expect(refusedDiagnostics.map(\.description) == [
            "initiatives/opo/results.csv:1:54: error: column `Beneficiary_Name` looks like personal data (hint: remove it before publishing; if it holds no personal data, list it under `allow_personal_columns` in site.yaml)",
        ])
        // The rows are still read, so every other problem is reported in the same run.
        #expect(refused.initiatives.last?.initiative.observations.count == 2)

        let (_, allowed) = try SampleContent.load([
            "initiatives/opo/results.csv": results,
            "site.yaml": "title: T\nallow_personal_columns: [beneficiary_name]\n",
        ])
        #expect(allowed.map(\.severity) == [.warning])
        #expect(allowed.first?.message == "unknown column `Beneficiary_Name`; it will be ignored")
    }

    @Test func reportProblems() throws {
        let (site, diagnostics) = try SampleContent.load([
            "initiatives/opo/reports/2024-Q2.md": "---\ntitle: Second\nperiod: 2024-Q3\n---\nText\n",
            "initiatives/opo/reports/2023-Q4.md": "---\ntitle: Before\nperiod: 2023-Q4\n---\nText\n",
            "initiatives/opo/reports/notes.md": "# scratch\n",
            "initiatives/opo/partners/cafi.md": "About.\n",
        ])
        #expect(diagnostics.map(\.description) == [
            "initiatives/opo/partners/cafi.md:1:1: error: no partner with id `cafi` (hint: did you mean `caif.md`? the file name must be the id of a partner in partners.csv)",
            "initiatives/opo/reports/2023-Q4.md:1:1: error: report for 2023-Q4 but results.csv has no rows for 2023-Q4 (the latest period with data is 2024-Q2) (hint: add the period's rows to results.csv, or rename the report after the period it describes)",
            "initiatives/opo/reports/2024-Q2.md:3:9: error: front matter says period `2024-Q3` but the file is named for `2024-Q2` (hint: make them agree: a report's period is the one in its file name)",
            "initiatives/opo/reports/notes.md:1:1: error: `notes.md` is not named after a period (hint: \(ValueParsing.periodForms))",
        ])
        #expect(site.initiatives.last?.reports.count == 4)
    }

    @Test func yamlErrorInInitiativeFrontMatterHasTheFileLine() throws {
        let (site, diagnostics) = try SampleContent.load([
            "initiatives/alpha/initiative.md": "---\nname: Alpha\nbackbone: bb\ncommon_goal: Reach: everyone\n---\nAgenda.\n",
        ])
        // Only the parse error: that `name` and `backbone` then look missing follows from it and is not reported.
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].location == SourceLocation(path: "initiatives/alpha/initiative.md", line: 4, column: 19))
        #expect(diagnostics[0].message.hasPrefix("YAML does not parse: mapping values are not allowed"))
        // The initiative still loads (so its other files are checked), marked as incomplete for validation.
        #expect(site.initiatives.first?.initiative.name == "alpha")
        #expect(site.initiatives.first?.initiative.incompleteFiles == ["initiative.md"])
    }

    @Test func unsafeNamesAndLinksOutsideTheContentFolderAreRefused() throws {
        let (site, diagnostics) = try SampleContent.load([
            "initiatives/bad slug/initiative.md": "---\nname: Bad\n---\n",
            "initiatives/opo/partners.csv": "id,name,role\ntaf,TAF,backbone\n../etc,Sneaky,implementing\ncaif,CAIF,implementing\nnari,Nari,implementing\n",
            "initiatives/opo/outcomes.csv": nil,
        ]) { root in
            try FileManager.default.createSymbolicLink(atPath: root + "/initiatives/opo/partners/taf.md", withDestinationPath: "/etc/passwd")
            try FileManager.default.createSymbolicLink(atPath: root + "/initiatives/opo/outcomes.csv", withDestinationPath: "../../../../../../../../etc/passwd")
            // A link that stays inside the content folder is fine.
            try FileManager.default.createSymbolicLink(atPath: root + "/initiatives/opo/partners/nari.md", withDestinationPath: "caif.md")
        }
        let described = diagnostics.map { "\($0.location.path) \($0.message)" }
        #expect(described == [
            "initiatives/bad slug `bad slug` is not a valid initiative slug",
            "initiatives/opo/outcomes.csv symbolic link points outside the content folder (to `/etc/passwd`); it is refused",
            "initiatives/opo/partners.csv `../etc` is not a valid partner id",
            "initiatives/opo/partners/taf.md symbolic link points outside the content folder (to `/etc/passwd`); it is refused",
        ])
        #expect(site.initiatives.map(\.initiative.slug) == ["alpha", "opo"])
        let opo = try #require(site.initiatives.last)
        #expect(opo.initiative.partners.map(\.id) == ["taf", "caif", "nari"])
        #expect(opo.initiative.outcomes.isEmpty)
        #expect(opo.partnerNarratives.keys.sorted() == ["caif", "nari"])
        #expect(opo.partnerNarratives["nari"]?.html == opo.partnerNarratives["caif"]?.html)
    }

    @Test func missingAndMisnamedFiles() throws {
        let (site, diagnostics) = try SampleContent.load([
            "initiatives/opo/workstreams.csv": nil,
            "initiatives/opo/result.csv": "x\n",
            "initiatives/alpha/initiative.md": nil,
        ])
        #expect(diagnostics.map(\.description) == [
            "initiatives/alpha/initiative.md:1:1: error: missing initiative.md (hint: every initiative folder needs initiative.md, partners.csv, workstreams.csv, indicators.csv, results.csv)",
            "initiatives/opo/result.csv:1:1: warning: unknown file `result.csv`; it will be ignored (hint: did you mean `results.csv`?)",
            "initiatives/opo/workstreams.csv:1:1: error: missing workstreams.csv (hint: every initiative folder needs initiative.md, partners.csv, workstreams.csv, indicators.csv, results.csv; the tables may instead be sheets of one data.xlsx)",
        ])
        // The initiative without initiative.md is left out; the other one loads everything else.
        #expect(site.initiatives.map(\.initiative.slug) == ["opo"])
        #expect(site.initiatives.first?.initiative.workstreams.isEmpty == true)
        #expect(site.initiatives.first?.initiative.observations.count == 7)
    }

    @Test func malformedCSVInAnInitiative() throws {
        let (site, diagnostics) = try SampleContent.load([
            "initiatives/opo/partners.csv": "id,name,role\ntaf,\"The Asia Foundation,backbone\ncaif,CAIF,implementing\n",
            "initiatives/opo/outcomes.csv": "",
            "initiatives/opo/targets.csv": "indicator,target\ntrained,100,extra\n",
        ])
        #expect(diagnostics.map(\.description) == [
            "initiatives/opo/outcomes.csv:1:1: error: empty file (hint: the first line must be the header: date,title,condition,partners,description,evidence,id)",
            "initiatives/opo/partners.csv:2:5: error: unterminated quoted field (hint: the quote opened here is never closed; a `\"` inside a quoted value must be doubled (`\"\"`))",
            "initiatives/opo/targets.csv:2:1: error: expected 2 fields, found 3: `trained,100,extra` (hint: a value that contains a comma must be written in double quotes)",
        ])
        #expect(site.initiatives.last?.initiative.partners.isEmpty == true)
    }

    @Test func rowLevelValuesInOtherFiles() throws {
        let (_, diagnostics) = try SampleContent.load([
            "initiatives/opo/outcomes.csv": "date,title,condition,partners\n2024-02-30,Wage board,policy,caif\n",
            "initiatives/opo/collaboration.csv": "period,from,to,kind,count\n2024-Q1,caif,nari,referal,twelve\n",
        ])
        #expect(diagnostics.map { "\($0.location.path):\($0.location.line):\($0.location.column) \($0.message)" } == [
            "initiatives/opo/collaboration.csv:2:19 `referal` is not a valid kind",
            "initiatives/opo/collaboration.csv:2:27 `twelve` is not a number in column `count`",
            "initiatives/opo/outcomes.csv:2:1 `2024-02-30` is not a date in column `date`",
            "initiatives/opo/outcomes.csv:2:23 `policy` is not a valid condition",
        ])
        #expect(diagnostics[0].hint?.hasPrefix("did you mean `referral`?") == true)
        #expect(diagnostics[3].hint?.hasPrefix("did you mean `policies`?") == true)
    }

    @Test func missingContentFolder() {
        let site = ContentLoader.load(contentDirectory: "/nonexistent/content")
        #expect(site.initiatives.isEmpty)
        #expect(site.diagnostics.map(\.description) == [
            "/nonexistent/content:1:1: error: content folder not found (hint: run from the folder that holds `content/`, or pass --content DIR)",
        ])
    }

    @Test func theInputIsNeverModified() throws {
        let root = try SampleContent.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/initiatives/opo/results.csv"
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        _ = ContentLoader.load(contentDirectory: root)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == modified)
    }
}

@Suite struct ValueParsingTests {
    func number(_ text: String) -> Double? { ValueParsing.number(text) }

    @Test func plainNumbersParseExactly() {
        #expect(number("0.1") == 0.1)
        #expect(number("60.23") == 60.23)
        #expect(number(" 1234 ") == 1234)
        #expect(number("-5") == -5)
        #expect(number("+7.50") == 7.5)
        #expect(number(".5") == 0.5)
        #expect(number("1e3") == 1000)
        #expect(number("123456789012345678901234") == 123456789012345678901234.0)
        #expect(number("3.141592653589793238") == 3.141592653589793)
    }

    /// A number written as plain digits says so, and only such a one: the scan for scientific notation is skipped
    /// for it. Every count of decimals reads as the standard library reads it.
    @Test func plainNumbersSayTheyArePlain() {
        func parsed(_ text: String) -> (value: Double, plain: Bool)? {
            var text = text
            return text.withUTF8 { ValueParsing.parsedNumber($0) }
        }
        #expect(parsed("47")?.value == 47 && parsed("47")?.plain == true)
        #expect(parsed(" -2.50 ")?.value == -2.5 && parsed(" -2.50 ")?.plain == true)
        #expect(parsed("1.2E+06")?.value == 1_200_000 && parsed("1.2E+06")?.plain == false)
        #expect(parsed("123456789012345678901234")?.plain == false)
        #expect(parsed("") == nil && parsed("x") == nil)
        for decimals in 0...18 {
            let text = decimals == 0 ? "7" : "0." + String(repeating: "0", count: decimals - 1) + "7"
            #expect(number(text) == Double(text), "\(text)")
            let digits = "1" + String(repeating: "3", count: decimals % 17) + "." + String(repeating: "9", count: 17 - decimals % 17)
            #expect(number(digits) == Double(digits), "\(digits)")
        }
    }

    @Test func notNumbers() {
        for text in ["", " ", "N/A", "-", "—", "1,234", "12%", "nan", "inf", "0x10", "1.2.3", "১২", "$5", "1 234"] {
            #expect(number(text) == nil, "\(text)")
        }
    }

    @Test func hintsSayHowToWriteTheNumber() {
        #expect(ValueParsing.numberProblem("1,234,567", column: "value").hint == "write numbers without separators: 1234567")
        #expect(ValueParsing.numberProblem("1,234.5", column: "value").hint == "write numbers without separators: 1234.5")
        #expect(ValueParsing.numberProblem("12,5", column: "value").hint == "write decimals with a dot: 12.5")
        #expect(ValueParsing.numberProblem("১২৩৪", column: "value").hint == "write 1234")
        #expect(ValueParsing.numberProblem("—", column: "value").message == "`—` is not a number in column `value`")
    }

    /// Figures as other locales' spreadsheets, and people, write them: the message names what was added to the
    /// number, and the hint gives the number to write (both readings when a lone comma could be either separator).
    @Test func numbersWrittenAsSpreadsheetsAndPeopleWriteThemGetTheirNumber() {
        func problem(_ text: String) -> ValueParsing.Problem { ValueParsing.numberProblem(text, column: "amount") }
        // A decimal comma after dots between thousands: not "write 1.234.5".
        #expect(problem("1.234,5") == .init(message: "`1.234,5` in column `amount` uses dots between thousands and a decimal comma",
                                            hint: "write 1234.5"))
        #expect(problem("1.200.000,00").hint == "write 1200000.00")
        #expect(problem("1.200.000") == .init(message: "`1.200.000` in column `amount` uses dots between thousands", hint: "write 1200000"))
        // Lakhs and crores, as Indian-locale Excel groups them.
        #expect(problem("1,00,000") == .init(message: "`1,00,000` in column `amount` has thousands separators", hint: "write 100000"))
        #expect(problem("2,40,00,000").hint == "write 24000000")
        // Currency signs and codes, before or after.
        #expect(problem("₹ 500") == .init(message: "`₹ 500` in column `amount` has a currency sign (the figure alone belongs in the cell)",
                                          hint: "write 500"))
        #expect(problem("$1200000").hint == "write 1200000")
        #expect(problem("500 USD").hint == "write 500")
        #expect(problem("Tk. 2,40,00,000").hint == "write 24000000")
        #expect(problem("৳1,000") == .init(message: "`৳1,000` in column `amount` has a currency sign (the figure alone belongs in the cell) and has a comma that may separate thousands or decimals",
                                           hint: "write 1000 or 1.000"))
        // Spaces that are not the space bar's, apostrophes, a minus sign that is not `-`, an invisible character.
        #expect(problem("9\u{A0}400") == .init(message: "`9\u{A0}400` in column `amount` contains spaces", hint: "write 9400"))
        #expect(problem("9\u{202F}400,5").hint == "write 9400.5")
        #expect(problem("'940") == .init(message: "`'940` in column `amount` starts with an apostrophe", hint: "write 940"))
        #expect(problem("9'400").hint == "write 9400")
        #expect(problem("\u{2212}5") == .init(message: "`\u{2212}5` in column `amount` starts with `\u{2212}`, which is not the minus sign `-`",
                                              hint: "write -5"))
        #expect(problem("9\u{200B}40") == .init(message: "`9\u{200B}40` in column `amount` contains an invisible character", hint: "write 940"))
        // A formula's error value says what failed.
        #expect(problem("#DIV/0!") == .init(message: "`#DIV/0!` in column `amount` is a spreadsheet's error for a formula that failed: it divides by zero",
                                            hint: "correct the formula in this cell, or type the figure, then save again"))
        #expect(problem("#REF!").message.hasSuffix("it refers to a cell that was deleted"))
        // Nothing is guessed when the groups do not fit a grouping, or no reading is a number.
        #expect(problem("1,2,3").hint == "write a plain number such as 1234 or 12.5, without units, currency or separators")
        #expect(problem("9.4.0").hint == "write a plain number such as 1234 or 12.5, without units, currency or separators")
        #expect(problem("$ abc").hint == "write a plain number such as 1234 or 12.5, without units, currency or separators")
    }

    /// A no-break space (from a web page, Word or a PDF) or a narrow no-break space around a figure, a period or
    /// an id reads as the space it looks like; inside a figure it is not skipped.
    @Test func unicodeSpacesAroundAValueAreSpaces() {
        #expect(number("940\u{A0}") == 940)
        #expect(number("\u{A0}\u{202F}940\u{3000}") == 940)
        #expect(number("9\u{A0}400") == nil)
        #expect(number("940\u{200B}") == nil)
        #expect(ValueParsing.period("2025-Q3\u{A0}") == Period(kind: .quarter, year: 2025, index: 3))
        #expect(ValueParsing.period("\u{2009}2025-07") == Period(kind: .month, year: 2025, index: 7))
        // A Bengali letter's bytes (E0 A6 …) or an accented letter (C3 A9) are not spaces.
        #expect(number("940\u{E9}") == nil)
        #expect(ValueParsing.period("2025-Q3\u{09A8}") == nil)
    }

    /// A locale is a language of 2 or 3 letters, maybe a script, maybe a region: what number formatting reads.
    @Test func localesAreBCP47Tags() {
        for code in ["en", "en-IN", "bn-BD", "kn-IN", "sr-Latn-RS", "es-419", "fil"] { #expect(NarrativeLoader.isLocale(code), "\(code)") }
        for code in ["english", "India", "en-", "en-INDIA", "e", "en-IN-x", "en_IN", "1n-IN", ""] { #expect(!NarrativeLoader.isLocale(code), "\(code)") }
    }

    @Test func periods() {
        #expect(ValueParsing.period("2025-Q3") == Period(kind: .quarter, year: 2025, index: 3))
        #expect(ValueParsing.period(" 2025-07 ") == Period(kind: .month, year: 2025, index: 7))
        #expect(ValueParsing.period("2025") == Period(kind: .year, year: 2025, index: 1))
        for text in ["2025-Q5", "2025-13", "Q3 2025", "25-Q3", "2025-7", "2025-07-01", ""] {
            #expect(ValueParsing.period(text) == nil, "\(text)")
        }
        #expect(ValueParsing.periodProblem("2025-7", column: "period").hint == "did you mean `2025-07`? \(ValueParsing.periodForms)")
        #expect(ValueParsing.periodProblem("2025Q3", column: "period").hint == "did you mean `2025-Q3`? \(ValueParsing.periodForms)")
        #expect(ValueParsing.periodProblem("2025-07-01", column: "period").hint == "write the period, not a date: \(ValueParsing.periodForms)")
        #expect(ValueParsing.periodProblem("0224-Q3", column: "period").hint == "`0224` is not a year: check its first digits; \(ValueParsing.periodForms)")
    }

    /// What Excel leaves of `2024-07` once it has turned it into a date: shown forms, and the serial number.
    @Test func periodsASpreadsheetTurnedIntoDatesAreExplained() {
        let turned = "a spreadsheet turned the period into a date: format the `period` column as Text, then write the period again; \(ValueParsing.periodForms)"
        for text in ["Jul-24", "July 2024", "1-Jul-24", "01/07/2024", "7/1/2024"] {
            #expect(ValueParsing.periodProblem(text, column: "period").hint == turned, "\(text)")
        }
        #expect(ValueParsing.periodProblem("45474", column: "period").hint
                == "this looks like a spreadsheet's number for the date 2024-07-01: format the `period` column as Text, then write the period again (`2024-07` for its month); \(ValueParsing.periodForms)")
        // Hinnant's algorithm on known days: the epoch, two leap days (2000 is a leap year, a century rule case).
        #expect(ValueParsing.civilDate(daysSince1970: 0) == (1970, 1, 1))
        #expect(ValueParsing.civilDate(daysSince1970: 19_782) == (2024, 2, 29))
        #expect(ValueParsing.civilDate(daysSince1970: 11_016) == (2000, 2, 29))
        #expect(ValueParsing.civilDate(daysSince1970: 11_017) == (2000, 3, 1))
        // Not every word or number is a date.
        #expect(ValueParsing.periodProblem("Mayday", column: "period").hint == ValueParsing.periodForms)
        #expect(ValueParsing.periodProblem("12345", column: "period").hint == ValueParsing.periodForms)
        #expect(ValueParsing.periodProblem("20253", column: "period").hint == ValueParsing.periodForms)
    }

    @Test func idsAndDates() {
        #expect(ValueParsing.isValidID("caif-2_b"))
        for id in ["", "..", "a/b", "/etc", "a b", "ক", "a.b", String(repeating: "x", count: 101)] {
            #expect(!ValueParsing.isValidID(id), "\(id)")
        }
        #expect(ValueParsing.dateYear("2024-02-29") == 2024)
        #expect(ValueParsing.dateYear("2023-02-29") == nil)
        #expect(ValueParsing.dateYear("2024-04-31") == nil)
        #expect(ValueParsing.dateYear("2024-4-30") == nil)
    }

    @Test func rowDiagnosticsArePointedAtTheirCell() throws {
        // A quoted field with a comma and a line break before the row, headers in another case and with spaces.
        let csv = "Indicator , PARTNER,period,value\nreach,\"Lal, Sutor\nGroup\",2025-Q1,10\nreach,  p3,2025-Q2,40\n"
        let path = TestScratch.folder.path + "/collective-columns-\(UUID().uuidString).csv"
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let row = SourceLocation(path: path, line: 4, column: 1)
        let refined = DiagnosticColumns.refine([
            .error(row, "unknown partner `p3` in column `partner`", field: "partner"),
            .error(row, "no such column", field: "nonexistent"),
            .error(row, "whole row"),
        ])
        #expect(refined.map(\.location.column) == [7, 1, 1])
        #expect(refined.map(\.location.line) == [4, 4, 4])
        #expect(refined[0].message == "unknown partner `p3` in column `partner`")
    }
}
