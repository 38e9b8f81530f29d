import Testing
@testable import CollectiveSite
@testable import ImpactDomain

private func split(_ text: String) -> FrontMatter {
    FrontMatter(bytes: Array(text.utf8), path: "r.md")
}

@Suite struct FrontMatterTests {
    @Test func splitsFieldsAndBodyWithTheBodysFirstLine() {
        let document = split("""
            ---
            title: "Quarter three: the first joint audit"
            period: 2025-Q3
            summary: Referrals doubled.
            languages: [en, bn]
            ---
            # Highlights

            Text.
            """)
        #expect(document.diagnostics.isEmpty)
        #expect(document.fields.scalars["title"] == "Quarter three: the first joint audit")
        #expect(document.fields.scalars["period"] == "2025-Q3")
        #expect(document.fields.scalars["languages"] == "en, bn")
        #expect(document.fields.lists["languages"] == ["en", "bn"])
        #expect(document.fields.keys == ["title", "period", "summary", "languages"])
        #expect(document.bodyText == "# Highlights\n\nText.")
        #expect(document.bodyLine == 7)
        #expect(document.fields.location(of: "period") == SourceLocation(path: "r.md", line: 3, column: 9))
    }

    /// A report saved as UTF-16 is one error, not an invalid byte at offset 0 followed by garbage.
    @Test func aUTF16FileIsOneErrorAndNothingIsRead() {
        let text = "---\nperiod: 2025-Q1\n---\n# Summary\n"
        let front = FrontMatter(bytes: [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, path: "r.md")
        #expect(front.diagnostics.map(\.description) == ["r.md:1:1: error: the file is UTF-16 text, not UTF-8 (hint: save the file with UTF-8 encoding)"])
        #expect(front.fields.scalars.isEmpty)
        #expect(front.body.isEmpty)
        // Invalid UTF-8 (Latin-1 `é`) is still read past: one error at its line and column.
        let latin1 = FrontMatter(bytes: Array("---\nname: Soci".utf8) + [0xE9] + Array("t\n---\nBody\n".utf8), path: "i.md")
        #expect(latin1.diagnostics.map(\.description) == ["i.md:2:11: error: invalid UTF-8 at byte offset 14 (hint: save the file with UTF-8 encoding)"])
        #expect(latin1.bodyText == "Body\n")
    }

    @Test func withoutFrontMatterTheWholeFileIsTheBody() {
        let document = split("# Just Markdown\n---\nnot: yaml\n")
        #expect(document.diagnostics.isEmpty)
        #expect(document.fields.keys.isEmpty)
        #expect(document.bodyText == "# Just Markdown\n---\nnot: yaml\n")
        #expect(document.bodyLine == 1)
    }

    @Test func crlfAndByteOrderMarkAreAccepted() {
        let document = FrontMatter(bytes: [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: Hello\r\n---\r\nBody\r\n".utf8), path: "r.md")
        #expect(document.diagnostics.isEmpty)
        #expect(document.fields.scalars["title"] == "Hello")
        #expect(document.bodyText == "Body\r\n")
        #expect(document.bodyLine == 4)
    }

    @Test func yamlErrorCarriesTheFileLineNotTheYAMLLine() {
        // YAML line 2 is file line 3 (the opening `---` is line 1); the second `: ` is at column 13.
        let document = split("---\ntitle: ok\nsummary: bad: colon\n---\nBody\n")
        #expect(document.diagnostics.count == 1)
        let error = document.diagnostics[0]
        #expect(error.severity == .error)
        #expect(error.message.hasPrefix("YAML does not parse: mapping values are not allowed"))
        #expect(error.location == SourceLocation(path: "r.md", line: 3, column: 13))
        #expect(error.hint?.contains("must be quoted") == true)
        #expect(document.bodyText == "Body\n")
    }

    @Test func unclosedFlowListIsReportedInTheFile() {
        let document = split("---\ntitle: ok\nlanguages: [en, bn\nsummary: x\n---\n")
        #expect(document.diagnostics.count == 1)
        #expect(document.diagnostics[0].location.path == "r.md")
        #expect(document.diagnostics[0].location.line >= 3)
        #expect(document.diagnostics[0].message.hasPrefix("YAML does not parse"))
    }

    @Test func duplicateKeyPointsAtTheSecondOne() {
        let document = split("---\ntitle: One\nperiod: 2025-Q3\ntitle: Two\n---\n")
        #expect(document.diagnostics.map(\.message) == ["duplicate key `title`"])
        #expect(document.diagnostics.first?.location == SourceLocation(path: "r.md", line: 4, column: 1))
    }

    @Test func unclosedFrontMatterIsAnError() {
        let document = split("---\ntitle: x\n# Body\n")
        #expect(document.diagnostics.map(\.message) == ["the front matter opened with `---` on line 1 is never closed"])
        #expect(document.diagnostics.first?.location.line == 1)
    }

    @Test func typesAreCheckedAtTheValuesPosition() {
        let document = split("---\ntitle: [a, b]\nsummary:\n  nested: map\nillustrative: maybe\ncount: ten\n---\n")
        #expect(document.diagnostics.isEmpty)
        var diagnostics: [Diagnostic] = []
        let here = SourceLocation(path: "r.md")
        #expect(document.fields.text("title", at: here, &diagnostics) == nil)
        #expect(document.fields.text("summary", at: here, &diagnostics) == nil)
        #expect(document.fields.bool("illustrative", &diagnostics) == nil)
        #expect(document.fields.number("count", integer: true, &diagnostics) == nil)
        #expect(document.fields.text("missing", required: true, at: here, &diagnostics) == nil)
        #expect(diagnostics.map(\.message) == [
            "`title` must be text, not a list or mapping",
            "`summary` must be text, not a list or mapping",
            "`illustrative` must be `true` or `false`, not `maybe`",
            "`count` must be a whole number, not `ten`",
            "missing `missing`",
        ])
        #expect(diagnostics.map(\.location.line) == [2, 4, 5, 6, 1])
        #expect(diagnostics[0].location.column == 8)
    }

    @Test func quotedTrueStaysTextAndNumbersReadAsText() {
        let document = split("---\ntitle: \"true\"\nyear: 2025\nflag: true\n---\n")
        var diagnostics: [Diagnostic] = []
        let here = SourceLocation(path: "r.md")
        #expect(document.fields.text("title", at: here, &diagnostics) == "true")
        #expect(document.fields.text("year", at: here, &diagnostics) == "2025")
        #expect(document.fields.bool("flag", &diagnostics) == true)
        // For a true/false field, quoting is forgiven.
        #expect(document.fields.bool("title", &diagnostics) == true)
        #expect(diagnostics.isEmpty)
    }
}

@Suite struct SiteConfigTests {
    func load(_ yaml: String) -> (SiteConfig, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let config = SiteConfigLoader.load(Array(yaml.utf8), path: "content/site.yaml", &diagnostics)
        return (config, diagnostics)
    }

    @Test func readsEveryField() {
        let (config, diagnostics) = load("""
            title: Collective Impact reports
            base_url: https://example.org/reports
            language: bn
            locale: en-IN
            illustrative: true
            min_cell_count: 5
            on_track_tolerance: 0.05
            at_risk_tolerance: 0.2
            allow_raw_html: false
            allow_personal_columns: [ward_name]
            """)
        #expect(diagnostics.isEmpty)
        #expect(config.title == "Collective Impact reports")
        #expect(config.baseURL == "https://example.org/reports/")
        #expect(config.language == "bn")
        #expect(config.locale == "en-IN")
        #expect(config.illustrative)
        #expect(!config.allowRawHTML)
        #expect(config.allowedPersonalColumns == ["ward_name"])
        #expect(config.computation == ComputationSettings(minCellCount: 5, onTrackTolerance: 0.05, atRiskTolerance: 0.2))
    }

    @Test func defaultsWhenFieldsAreAbsent() {
        let (config, diagnostics) = load("title: Reports\n")
        #expect(diagnostics.isEmpty)
        #expect(config.baseURL == "/")
        #expect(config.language == "en")
        #expect(config.locale == "en")
        #expect(config.computation.minCellCount == 10)
        #expect(!config.illustrative)
    }

    @Test func wrongTypesAndTyposAreLocated() {
        let (config, diagnostics) = load("title: R\nmin_cell_count: ten\nillustrative: sure\non_track_tolerance: 1.5\nallow_raw_htm: true\n")
        #expect(config.computation.minCellCount == 10)
        let byLine = Dictionary(grouping: diagnostics, by: \.location.line)
        #expect(byLine[2]?.first?.message == "`min_cell_count` must be a whole number, not `ten`")
        #expect(byLine[3]?.first?.message == "`illustrative` must be `true` or `false`, not `sure`")
        #expect(byLine[4]?.first?.message == "`on_track_tolerance` must be between 0 and 1, not 1.5")
        #expect(byLine[5]?.first?.severity == .warning)
        #expect(byLine[5]?.first?.hint == "did you mean `allow_raw_html`?")
    }

    @Test func yamlSyntaxErrorInSiteYAML() {
        let (_, diagnostics) = load("title: R\nbase_url: \"unclosed\n")
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].location.path == "content/site.yaml")
        #expect(diagnostics[0].message.hasPrefix("YAML does not parse"))
    }
}
