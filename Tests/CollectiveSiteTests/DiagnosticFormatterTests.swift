import Foundation
import Testing
@testable import CollectiveSite
import ImpactDomain

@Suite struct DiagnosticFormatterTests {
    let problem = Diagnostic.error(SourceLocation(path: "content/initiatives/a,b/results.csv", line: 12, column: 7),
                                   "unknown partner `caif2`", hint: "did you mean `caif`?")

    @Test func textIsPathLineColumnSeverityMessage() {
        #expect(problem.description == "content/initiatives/a,b/results.csv:12:7: error: unknown partner `caif2` (hint: did you mean `caif`?)")
    }

    @Test func githubWorkflowCommandsEscapeProperties() {
        #expect(DiagnosticFormatter.github(problem)
                == "::error file=content/initiatives/a%2Cb/results.csv,line=12,col=7::unknown partner `caif2` (hint: did you mean `caif`?)")
        let multiline = Diagnostic.warning(SourceLocation(path: "x.csv"), "100% sure\nnext")
        #expect(DiagnosticFormatter.github(multiline) == "::warning file=x.csv,line=1,col=1::100%25 sure%0Anext")
    }

    @Test func jsonIsAParseableListWithEveryField() throws {
        let text = DiagnosticFormatter.json([problem, .warning(SourceLocation(path: "q\"uote.md", line: 2, column: 1), "tab\there")])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(list.count == 2)
        #expect(list[0]["severity"] as? String == "error")
        #expect(list[0]["line"] as? Int == 12 && list[0]["column"] as? Int == 7)
        #expect(list[0]["hint"] as? String == "did you mean `caif`?")
        #expect(list[1]["file"] as? String == "q\"uote.md")
        #expect(list[1]["hint"] is NSNull)
        #expect(DiagnosticFormatter.json([]) == "[]")
    }
}
