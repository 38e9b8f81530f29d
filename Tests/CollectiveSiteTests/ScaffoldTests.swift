import Foundation
import Testing
@testable import CollectiveSite
@testable import ImpactDomain

/// A fresh temporary folder per test.
private func temporaryFolder() throws -> String {
    let path = TestScratch.folder.appendingPathComponent("scaffold-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

private func text(_ files: Scaffold.Files, _ path: String) throws -> String {
    String(decoding: try #require(files[path], "no file \(path)"), as: UTF8.self)
}

/// Data rows of a CSV without quoted commas (the scaffold's results, partners and targets), split into fields.
private func rows(_ csv: String) -> [[String]] {
    csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

@Suite struct EmbeddedThemeTests {
    /// templates/ at the top of the repository, found from this file's own path.
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates").path

    @Test func theEmbeddedThemeIsTheTemplatesFolder() throws {
        var onDisk: [String: [UInt8]] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: Self.templates))
        while let relative = enumerator.nextObject() as? String {
            let full = Self.templates + "/" + relative
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue,
                  !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            onDisk[relative] = Array(try #require(FileManager.default.contents(atPath: full)))
        }
        #expect(!onDisk.isEmpty, "no templates found at \(Self.templates)")
        let embedded = Scaffold.theme()
        let missing = Set(onDisk.keys).subtracting(embedded.keys).sorted()
        let extra = Set(embedded.keys).subtracting(onDisk.keys).sorted()
        let changed = onDisk.keys.filter { embedded[$0] != nil && embedded[$0] != onDisk[$0] }.sorted()
        #expect(missing.isEmpty && extra.isEmpty && changed.isEmpty, """
            The theme in the binary is not templates/ (Plugins/EmbedThemePlugin regenerates it on every build). \
            Not embedded: \(missing); no longer in templates/: \(extra); changed: \(changed)
            """)
    }
}

@Suite struct ScaffoldContentTests {
    let slug = Scaffold.exampleSlug
    var folder: String { "content/initiatives/\(slug)/" }

    @Test func aNewSiteHasEveryFileOfTheContentLayoutTheThemeAndAReadme() throws {
        let files = Scaffold.site()
        for name in ["initiative.md", "partners.csv", "workstreams.csv", "indicators.csv", "results.csv", "targets.csv",
                     "collaboration.csv", "outcomes.csv", "reports/2025-Q2.md", "partners/skills.md"] {
            #expect(files[folder + name] != nil, "missing \(name)")
        }
        #expect(files["content/site.yaml"] != nil)
        #expect(files["templates/layout.mustache"] == Scaffold.theme()["layout.mustache"])
        let readme = try text(files, "README.md")
        #expect(readme.contains("## Each quarter, step by step"))
        #expect(readme.contains("content/initiatives/youth-pathways/results.csv"))
        #expect(readme.contains("collective new report youth-pathways 2025-Q3"))
        #expect(try text(files, ".gitignore").contains("_site/"))
        #expect(try text(files, "content/site.yaml").contains("illustrative: true"))
    }

    @Test func theExampleHasOneBackboneAndThreeImplementingPartners() throws {
        let partners = rows(try text(Scaffold.site(), folder + "partners.csv"))
        #expect(partners.map { $0[2] } == ["backbone", "implementing", "implementing", "implementing"])
        #expect(partners.map { $0[0] } == ["hub", "skills", "mentors", "employers"])
        #expect(try text(Scaffold.site(), folder + "initiative.md").contains("\nbackbone: hub\n"))
    }

    @Test func theExampleIndicatorsCoverUniqueRatioAndPartnerRules() throws {
        let indicators = try text(Scaffold.site(), folder + "indicators.csv")
        #expect(indicators.contains("young_people_reached,Young people reached,collective,,training,count,young people,increase,unique,latest,"))
        #expect(indicators.contains("job_retention,Still in work after six months,collective,,placement,percentage,%,increase,ratio,latest,"))
        #expect(indicators.contains("courses_completed,Courses completed,partner,skills,training,count,young people,increase,sum,sum,"))
    }

    @Test func theExampleResultsHaveFourQuartersWithDeduplicatedRowsAndConsistentRatios() throws {
        let results = rows(try text(Scaffold.site(), folder + "results.csv"))
        #expect(results.allSatisfy { $0.count == 9 })
        #expect(Set(results.map { $0[2] }) == ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"])

        // Unique indicator: a `*` row each quarter, never larger than the sum of the partners' rows.
        for period in ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"] {
            let reached = results.filter { $0[0] == "young_people_reached" && $0[2] == period }
            let shared = try #require(reached.first { $0[1] == "*" }.flatMap { Double($0[3]) })
            let sumOfParts = reached.filter { $0[1] != "*" }.compactMap { Double($0[3]) }.reduce(0, +)
            #expect(shared <= sumOfParts, "\(period): * row \(shared) > sum of parts \(sumOfParts)")
        }
        let q2 = results.filter { $0[0] == "young_people_reached" && $0[2] == "2025-Q2" && $0[1] != "*" }
        #expect(q2.compactMap { Double($0[3]) }.reduce(0, +) == 425)  // 190 + 140 + 95

        // Ratio rows: value = 100 × numerator ÷ denominator, and 2025-Q2 pools to 47 of 65.
        let ratios = results.filter { $0[0] == "job_retention" }
        for row in ratios {
            let (value, numerator, denominator) = (Double(row[3])!, Double(row[4])!, Double(row[5])!)
            #expect(abs(value - 100 * numerator / denominator) < 1e-9, "\(row)")
        }
        let pooled = ratios.filter { $0[2] == "2025-Q2" }
        #expect(pooled.map { Double($0[4])! }.reduce(0, +) == 47)
        #expect(pooled.map { Double($0[5])! }.reduce(0, +) == 65)
        // The report quotes the figures it is based on.
        let report = try text(Scaffold.site(), folder + "reports/2025-Q2.md")
        #expect(report.contains("period: 2025-Q2\n"))
        #expect(report.contains("320 young people") && report.contains("47 were still in work this quarter (72%)"))
    }

    @Test func theGeneratedSiteLoadsWithoutAnyProblem() throws {
        let root = try temporaryFolder()
        try ScaffoldWriter.createSite(at: root + "/site", files: Scaffold.site())
        let content = ContentLoader.load(contentDirectory: root + "/site/content")
        #expect(content.diagnostics.isEmpty, "\(content.diagnostics.map(\.description))")
        let initiative = try #require(content.initiatives.first?.initiative)
        #expect(initiative.slug == "youth-pathways")
        #expect(initiative.partners.count == 4)
        #expect(initiative.indicators.count == 3)
        #expect(initiative.observations.count == 32)
        #expect(initiative.targets.count == 4 && initiative.collaborations.count == 5 && initiative.outcomes.count == 2)
        #expect(content.initiatives.first?.reports.map(\.period.description) == ["2025-Q2"])
        #expect(content.initiatives.first?.partnerNarratives.keys.sorted() == ["skills"])
        #expect(ImpactDomain.validate(initiative, settings: content.config.computation).isEmpty)
    }

    @Test func aNewInitiativeLoadsWithoutErrors() throws {
        let root = try temporaryFolder()
        try ScaffoldWriter.createSite(at: root + "/site", files: Scaffold.site())
        let started = try #require(Period("2025-Q3"))
        try ScaffoldWriter.write(try Scaffold.initiative(slug: "clean-water", started: started), into: root + "/site/content")
        try ScaffoldWriter.write(try Scaffold.partnerProfile(slug: "clean-water", id: "partner-a", name: "A"), into: root + "/site/content")
        let content = ContentLoader.load(contentDirectory: root + "/site/content")
        let errors = content.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.description))")
        let initiative = try #require(content.initiatives.first { $0.initiative.slug == "clean-water" }?.initiative)
        #expect(initiative.name == "Clean Water")
        #expect(initiative.started == started)
        #expect(initiative.backbone == "backbone")
    }
}

@Suite struct ScaffoldStarterTests {
    @Test func anInitiativeHasEveryRequiredFileAndItsGuidanceInInitiativeMarkdown() throws {
        let files = try Scaffold.initiative(slug: "clean-water", name: "Clean Water: Together", started: #require(Period("2025-07")), tables: .csv)
        #expect(files.keys.sorted() == ["collaboration.csv", "indicators.csv", "initiative.md", "outcomes.csv", "partners.csv",
                                        "results.csv", "targets.csv", "workstreams.csv"].map { "initiatives/clean-water/\($0)" })
        let markdown = try text(files, "initiatives/clean-water/initiative.md")
        // A colon in the name stays inside one quoted YAML string.
        #expect(markdown.contains("\nname: \"Clean Water: Together\"\n"))
        #expect(markdown.contains("\nstarted: 2025-07\n") && markdown.contains("\nperiod: month\n"))
        #expect(markdown.contains("results.csv        The figures"))
        #expect(try text(files, "initiatives/clean-water/results.csv") == "indicator,partner,period,value,numerator,denominator,dimension,category,note\n")
    }

    @Test func aReportIsNamedAfterTheCanonicalPeriodWithHeadingsToFill() throws {
        let files = try Scaffold.report(slug: "clean-water", period: "2025-q3")
        let report = try text(files, "initiatives/clean-water/reports/2025-Q3.md")
        #expect(report.hasPrefix("---\n"))
        #expect(report.contains("\ntitle: \"Quarter 3 of 2025 report\"\n"))
        #expect(report.contains("\nperiod: 2025-Q3\n"))
        #expect(report.contains("\nsummary: \""))
        for heading in ["## Highlights", "## Progress on our shared indicators", "## Working together", "## What we learned", "## Next period"] {
            #expect(report.contains("\n\(heading)\n"), "missing \(heading)")
        }
        #expect(try Scaffold.report(slug: "x", period: "2025").keys.first == "initiatives/x/reports/2025.md")
        #expect(try Scaffold.report(slug: "x", period: "2025-07").keys.first == "initiatives/x/reports/2025-07.md")
    }

    /// `collective new report x 2026-07` in a quarterly initiative used to write a report `check` then refused.
    @Test func aReportOfAnotherKindThanTheInitiativesIsRefusedWithTheRightPeriod() throws {
        #expect(throws: ScaffoldError.periodKind(period: Period("2026-07")!, slug: "x", reportsBy: .quarter)) {
            try Scaffold.report(slug: "x", period: "2026-07", reportsBy: .quarter)
        }
        #expect(ScaffoldError.periodKind(period: Period("2026-07")!, slug: "x", reportsBy: .quarter).description
                == "`2026-07` is a month, but `x` reports by quarter (`period: quarter` in its initiative.md): create the report for `2026-Q3` instead, or change `period` there; nothing was written")
        #expect(try Scaffold.report(slug: "x", period: "2026-Q3", reportsBy: .quarter).keys.first == "initiatives/x/reports/2026-Q3.md")
        // The kind is read from the initiative's front matter; quarter when it names none.
        let content = TestScratch.folder.appendingPathComponent("kind-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: content) }
        try FileManager.default.createDirectory(atPath: content, withIntermediateDirectories: true)
        for (front, kind) in [("period: month\n", PeriodKind?.some(.month)), ("", .quarter), ("period: fortnight\n", nil)] {
            try "---\nname: X\n\(front)---\nAgenda.\n".write(toFile: content + "/initiative.md", atomically: true, encoding: .utf8)
            #expect(ContentLoader.initiativePeriodKind(content + "/initiative.md") == kind, "\(front)")
        }
    }

    @Test func slugsIdsAndPeriodsAreValidated() {
        for bad in ["", "../x", "a/b", "a b", "é", ".hidden", "a\\b", "x;rm"] {
            #expect(throws: ScaffoldError.invalidName(kind: .slug, value: bad)) { try Scaffold.initiative(slug: bad, started: Period("2025")!) }
            #expect(throws: ScaffoldError.invalidName(kind: .partnerID, value: bad)) { try Scaffold.partnerProfile(slug: "ok", id: bad, name: "N") }
        }
        for bad in ["2025-Q5", "2025-13", "25", "2025-Q3.md", "Q3-2025", ""] {
            #expect(throws: ScaffoldError.invalidPeriod(bad)) { try Scaffold.report(slug: "ok", period: bad) }
        }
        #expect(throws: Never.self) { try Scaffold.validateName("Youth_Pathways-2", kind: .slug) }
    }

    @Test func aPartnerRowFollowsTheFilesColumnOrderAndQuotesTheName() {
        #expect(Scaffold.partnerRow(id: "gj", name: "Green Jobs", header: "id,name,role,kind,joined") == "gj,Green Jobs,implementing,,")
        #expect(Scaffold.partnerRow(id: "gj", name: "Green, \"Jobs\"", header: "\u{FEFF}name,joined,id,role")
                    == "\"Green, \"\"Jobs\"\"\",,gj,implementing")
        // Column names in any case, as the loader reads them: the row must not come out empty.
        #expect(Scaffold.partnerRow(id: "gj", name: "Green Jobs", header: "ID,Name, Role ,Kind") == "gj,Green Jobs,implementing,")
    }
}

@Suite struct ScaffoldWriterTests {
    @Test func nothingIsOverwrittenAndNothingIsWrittenWhenOneFileExists() throws {
        let root = try temporaryFolder()
        try "mine\n".write(toFile: root + "/b.txt", atomically: true, encoding: .utf8)
        let files: Scaffold.Files = ["a/a.txt": Array("new a".utf8), "b.txt": Array("new b".utf8)]
        #expect(throws: ScaffoldError.filesExist([root + "/b.txt"])) { try ScaffoldWriter.write(files, into: root) }
        #expect(try String(contentsOfFile: root + "/b.txt", encoding: .utf8) == "mine\n")
        #expect(!FileManager.default.fileExists(atPath: root + "/a/a.txt"))
    }

    @Test func aSiteIsWrittenOnlyIntoAnEmptyOrNewFolder() throws {
        let root = try temporaryFolder()
        let written = try ScaffoldWriter.createSite(at: root + "/new", files: ["x.txt": [120]])
        #expect(written == [root + "/new/x.txt"])
        try FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        try ScaffoldWriter.createSite(at: root + "/empty", files: ["x.txt": [120]])
        #expect(throws: ScaffoldError.directoryNotEmpty(root + "/new")) { try ScaffoldWriter.createSite(at: root + "/new", files: ["y.txt": [121]]) }
        #expect(!FileManager.default.fileExists(atPath: root + "/new/y.txt"))
    }

    @Test func aPartnerRowIsAppendedOnceKeepingCRLFAndAMissingFinalNewline() throws {
        let root = try temporaryFolder()
        let path = root + "/partners.csv"
        try "id,name,role,kind,joined\r\nhub,Hub,backbone,,".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try ScaffoldWriter.appendPartnerRow(id: "gj", name: "Green Jobs", to: path))
        #expect(try !ScaffoldWriter.appendPartnerRow(id: "gj", name: "Other", to: path))
        #expect(try !ScaffoldWriter.appendPartnerRow(id: "hub", name: "Hub again", to: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8)
                    == "id,name,role,kind,joined\r\nhub,Hub,backbone,,\r\ngj,Green Jobs,implementing,,\r\n")
    }

    /// A partner already there is found by its id column wherever the header puts it, in any case, past a
    /// name with a comma in it.
    @Test func aPartnerIsFoundInItsIdColumnWhereverItIs() throws {
        let root = try temporaryFolder()
        let path = root + "/partners.csv"
        let text = "Name,Role,ID\n\"Nari Shakti, Dhaka\",implementing,nari\nHub,backbone,hub\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try !ScaffoldWriter.appendPartnerRow(id: "nari", name: "Nari again", to: path))
        #expect(try !ScaffoldWriter.appendPartnerRow(id: "hub", name: "Hub again", to: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        #expect(try ScaffoldWriter.appendPartnerRow(id: "gj", name: "Green Jobs", to: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text + "Green Jobs,implementing,gj\n")
    }
}
