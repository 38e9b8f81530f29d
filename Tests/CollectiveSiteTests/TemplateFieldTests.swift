import Foundation
import Testing
@testable import CollectiveSite
import ImpactDomain

/// Strict template mode: every name a template asks for that its page model lacks, and every label no language
/// file has, is an error at the template's file, line and column (`collective check --template-fields`).
@Suite(.serialized) struct TemplateFieldTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    func check(templates: String) -> [Diagnostic] {
        SiteBuilder.check(BuildOptions(contentDirectory: Self.repository + "/content", templatesDirectory: templates,
                                       checkTemplateFields: true)).diagnostics
    }

    /// A copy of the default theme with `replacements` made in `file`.
    func theme(_ file: String, _ replacements: [(String, String)]) throws -> String {
        let dir = TestScratch.folder.appendingPathComponent("theme-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Self.repository + "/templates", toPath: dir)
        var text = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
        for (from, to) in replacements {
            #expect(text.contains(from))
            text = text.replacingOccurrences(of: from, with: to)
        }
        try text.write(toFile: dir + "/" + file, atomically: true, encoding: .utf8)
        return dir
    }

    @Test func everyPageOfTheSampleHasEveryFieldAndLabelItsTemplatesAskFor() {
        #expect(check(templates: Self.repository + "/templates").map(\.description) == [])
    }

    @Test func aNewSiteWithTheEmbeddedThemeHasEveryFieldAndLabelToo() throws {
        let dir = TestScratch.folder.appendingPathComponent("new-site-\(UUID().uuidString)").path
        _ = try ScaffoldWriter.createSite(at: dir, files: Scaffold.site())
        let report = SiteBuilder.check(BuildOptions(contentDirectory: dir + "/content", templatesDirectory: dir + "/templates",
                                                    checkTemplateFields: true))
        #expect(report.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
    }

    /// site.yaml's `language:` needs its file in the theme's i18n/: without it every label would fall back to
    /// English on pages that say they are in that language.
    @Test func aSiteLanguageTheThemeDoesNotHaveIsAnErrorAtItsLine() throws {
        let dir = TestScratch.folder.appendingPathComponent("language-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Self.repository + "/Tests/CollectiveSiteTests/Corpus/valid/content", toPath: dir)
        func problems(language: String) throws -> [String] {
            try "title: Corpus\nbase_url: /\nlanguage: \(language)\n".write(toFile: dir + "/site.yaml", atomically: true, encoding: .utf8)
            return SiteBuilder.check(BuildOptions(contentDirectory: dir, templatesDirectory: Self.repository + "/templates"))
                .diagnostics.filter { $0.severity == .error }.map(\.description)
        }
        #expect(try problems(language: "fr") == [
            "\(dir)/site.yaml:3:11: error: the theme has no `i18n/fr.yaml`, so every label of the site would be in English on pages marked as `fr` "
                + "(hint: add \(Self.repository)/templates/i18n/fr.yaml (a copy of i18n/en.yaml, translated), or write a language the theme has: `bn`, `en`, `kn`)",
        ])
        #expect(try problems(language: "kn") == [])
    }

    @Test func aMisspeltFieldIsAnErrorAtItsTemplateLine() throws {
        let dir = try theme("indicator.mustache", [("    <h1>{{name}}</h1>", "    <h1>{{nmae}}</h1>")])
        let problems = check(templates: dir)
        #expect(problems.map(\.description) == [
            "\(dir)/indicator.mustache:7:9: error: `nmae`: the page model has no `nmae` here, so it renders as nothing "
                + "(hint: did you mean `name`?)",
        ])
        // `build` with the same option fails the same way, and writes nothing.
        let out = TestScratch.folder.appendingPathComponent("site-\(UUID().uuidString)").path
        let report = SiteBuilder.build(BuildOptions(contentDirectory: Self.repository + "/content", templatesDirectory: dir,
                                                    outputDirectory: out, checkTemplateFields: true))
        #expect(report.failed(strict: false))
        #expect(!FileManager.default.fileExists(atPath: out))
        // Without strict mode the misspelt field renders as nothing, as Mustache does.
        #expect(!SiteBuilder.check(BuildOptions(contentDirectory: Self.repository + "/content", templatesDirectory: dir))
            .diagnostics.hasErrors)
    }

    /// The misspelt `nmae` above sits in indicator.mustache's `{{$content}}` block, rendered inside layout.mustache:
    /// it is reported in the child's file. One in a partial is reported in the partial's file.
    @Test func aMisspeltFieldInAPartialIsReportedInThePartial() throws {
        let dir = try theme("partials/status.mustache", [("{{label}}", "{{labl}}")])
        #expect(check(templates: dir).map(\.description) == [
            "\(dir)/partials/status.mustache:1:30: error: `labl`: the page model has no `labl` here, so it renders as nothing "
                + "(hint: did you mean `label`?)",
        ])
    }

    @Test func aLabelNoLanguageFileHasIsAnError() throws {
        let dir = try theme("partner.mustache", [("{{t.joined}}", "{{t.joind}}")])
        let problems = check(templates: dir)
        #expect(problems.map(\.message) == ["label `joind` is in no language file: the page shows nothing in its place"])
        #expect(problems.first?.hint == "did you mean `t.joined`?")
        #expect(problems.first?.location.path == dir + "/partner.mustache")
        #expect(problems.first?.location.line == 11)
    }

    @Test func aLabelAskedForByTheCodeThatNoLanguageFileHasIsAnError() {
        let log = TemplateNameLog()
        let labels = Labels(language: "bn", translations: ["en": ["home": "Home"], "bn": [:]], nameLog: log)
        // English stands in for a missing translation (marked as English for the page): not a problem
        #expect(labels["home"] == FallbackMark.wrap("Home", language: "en"))
        #expect(labels["no_such_label"] == "no_such_label")
        #expect(log.contents().labels == ["no_such_label"])
    }
}
