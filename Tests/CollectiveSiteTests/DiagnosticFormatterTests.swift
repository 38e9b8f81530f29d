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

    /// Values quoted from the input may hold control characters: a terminal escape sequence printed raw would clear
    /// or recolour the reader's terminal or CI log, and a line break would split the one-line format.
    @Test func controlCharactersFromTheInputArePrintedAsEscapes() {
        let hostile = Diagnostic.error(SourceLocation(path: "r.csv", line: 3, column: 4),
                                       "`\u{1B}[2J9` is not a number; `a\nb\tc\u{0}` \u{9B}x", hint: "hint\r\u{7F}")
        #expect(hostile.description == #"r.csv:3:4: error: `\u{1B}[2J9` is not a number; `a\nb\tc\u{0}` \u{9B}x (hint: hint\r\u{7F})"#)
        #expect(DiagnosticFormatter.github(hostile)
                == #"::error file=r.csv,line=3,col=4::`\u{1B}[2J9` is not a number; `a%0Ab\tc\u{0}` \u{9B}x (hint: hint%0D\u{7F})"#)
        // Text without control characters is untouched, Bengali and emoji included.
        #expect(Diagnostic.printable("নারী ৩৬,৪০০ — ok 👍") == "নারী ৩৬,৪০০ — ok 👍")
        // Characters that print as a space or as nothing are shown, so a value that looks right says why it is not;
        // the joiners Bengali and Kannada words need are left alone.
        #expect(Diagnostic.printable("`caif\u{A0}` `p\u{200B}2` `\u{FEFF}id` `9\u{202F}400` `a\u{2060}b`")
                == #"`caif\u{A0}` `p\u{200B}2` `\u{FEFF}id` `9\u{202F}400` `a\u{2060}b`"#)
        #expect(Diagnostic.printable("ক্\u{200D}ষ ಕ\u{200C}ನ") == "ক্\u{200D}ষ ಕ\u{200C}ನ")
        // JSON keeps the true text (its own escaping is exact).
        #expect(DiagnosticFormatter.json([hostile]).contains(#"\u001b[2J9"#))
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
