import Testing
@testable import CollectiveSite
@testable import ImpactDomain

/// `YAMLFields.simple` reads the common front matter without Yams: whatever it accepts must read exactly as Yams
/// reads it (values, plain or quoted, keys in order, positions), and whatever else must be left to Yams.
@Suite struct YAMLSimpleFieldsTests {
    /// Lines the simple reader accepts.
    static let simpleLines = [
        #"title: "Ekta Coalition 2: 2016-Q1""#,
        "period: 2016-Q1",
        #"summary: "Outreach workers paused 16 camps (**7% more than last quarter**).""#,
        "status:   draft",
        "draft: true",
        "weight: 1.5",
        "note: null",
        "other: Null",
        "path: reports/2025-Q3",
        "name: Two  spaces kept",
        "lang_code-2: bn",
        #"empty: """#,
        #"spaces: "  inside quotes  ""#,
        ##"hash: "# not a comment, it is quoted""##,
    ]

    /// Lines it leaves to Yams (some are fine YAML, some are errors Yams must report with its position).
    static let otherLines = [
        "languages: [en, bn]",
        "title: Quarter three: the first audit",
        "title: 'single quoted'",
        #"title: "escaped \"quote\"""#,
        #"title: "unterminated"#,
        "title: trailing space ",
        "  indented: x",
        "# a comment",
        "",
        "key:",
        "key:value",
        "title: x # comment",
        "title: Ünïcode",
        "list:\n  - a\n  - b",
        "- a",
        "period: 2016-Q1",  // a duplicate when it follows the simple `period` line
        "title: \"tab\there\"",
        "title: x\r",
    ]

    private func bothWays(_ yaml: String) -> (simple: YAMLFields?, yams: YAMLFields, yamsDiagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let yams = YAMLFields(composing: yaml, path: "r.md", firstLine: 2, diagnostics: &diagnostics)
        return (YAMLFields.simple(yaml, path: "r.md", firstLine: 2), yams, diagnostics)
    }

    @Test func readsEveryPairOfSimpleLinesAsYamsDoes() {
        var compared = 0
        for first in Self.simpleLines {
            for second in Self.simpleLines where second.prefix(while: { $0 != ":" }) != first.prefix(while: { $0 != ":" }) {
                let yaml = first + "\n" + second + "\n"
                let (simple, yams, diagnostics) = bothWays(yaml)
                #expect(diagnostics.isEmpty, "\(yaml)")
                guard let simple else {
                    Issue.record("not read by the simple reader: \(yaml)")
                    continue
                }
                #expect(simple.keys == yams.keys, "\(yaml)")
                #expect(simple.fields == yams.fields, "\(yaml)")
                compared += 1
            }
        }
        #expect(compared == Self.simpleLines.count * (Self.simpleLines.count - 1))
    }

    @Test func leavesEverythingElseToYams() {
        for other in Self.otherLines {
            let yaml = "period: 2016-Q1\n" + other + "\n"
            #expect(YAMLFields.simple(yaml, path: "r.md", firstLine: 2) == nil, "\(yaml)")
            // And the public reader gives exactly what Yams gives, diagnostics included.
            var diagnostics: [Diagnostic] = []
            let fields = YAMLFields(yaml: yaml, path: "r.md", firstLine: 2, diagnostics: &diagnostics)
            let (_, yams, yamsDiagnostics) = bothWays(yaml)
            #expect(fields.keys == yams.keys && fields.fields == yams.fields && diagnostics == yamsDiagnostics, "\(yaml)")
        }
    }

    @Test func aFrontMatterWithoutYamsKeepsValuesAndPositions() {
        let document = FrontMatter(bytes: Array("---\ntitle: \"A: b\"\nperiod: 2016-Q1\n---\nBody\n".utf8), path: "r.md")
        #expect(document.diagnostics.isEmpty)
        #expect(document.fields.keys == ["title", "period"])
        #expect(document.fields.fields["title"] == YAMLFields.Field(value: .scalar("A: b", plain: false),
                                                                    location: SourceLocation(path: "r.md", line: 2, column: 8)))
        #expect(document.fields.fields["period"] == YAMLFields.Field(value: .scalar("2016-Q1", plain: true),
                                                                     location: SourceLocation(path: "r.md", line: 3, column: 9)))
    }
}
