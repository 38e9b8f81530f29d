import CCmark
import Dispatch
import Foundation
import Synchronization
import Testing
@testable import CollectiveSite

@Suite struct MarkdownTests {
    @Test func headingsParagraphsAndLinks() {
        let rendered = Markdown.render("# Highlights\n\nSee [the backbone](https://asiafoundation.org/) and *more*.\n")
        #expect(rendered.html == "<h1>Highlights</h1>\n<p>See <a href=\"https://asiafoundation.org/\">the backbone</a> and <em>more</em>.</p>\n")
    }

    @Test func rawHTMLIsDroppedInSafeMode() {
        let rendered = Markdown.render("<script>alert(1)</script>\n\nText with <img src=x onerror=alert(1)> inline.\n")
        #expect(!rendered.html.contains("<script"))
        #expect(!rendered.html.contains("onerror"))
        #expect(rendered.html == "<!-- raw HTML omitted -->\n<p>Text with <!-- raw HTML omitted --> inline.</p>\n")
    }

    @Test func javascriptAndDataLinksAreNeutralised() {
        let rendered = Markdown.render("[click](javascript:alert(1)) [img](data:text/html;base64,PHNjcmlwdD4=) [ok](https://example.org)\n")
        #expect(rendered.html == "<p><a href=\"\">click</a> <a href=\"\">img</a> <a href=\"https://example.org\">ok</a></p>\n")
    }

    @Test func rawHTMLIsKeptOnlyWhenAllowed() {
        let rendered = Markdown.render("<div class=\"note\">kept</div>\n", allowRawHTML: true)
        #expect(rendered.html == "<div class=\"note\">kept</div>\n")
    }

    @Test func typographicQuotesAndDashes() {
        let rendered = Markdown.render("\"Together\" -- it's 2025---finally.\n")
        #expect(rendered.html == "<p>\u{201C}Together\u{201D} \u{2013} it\u{2019}s 2025\u{2014}finally.</p>\n")
    }

    @Test func textIsEscaped() {
        let rendered = Markdown.render("5 < 6 & \"x\"\n")
        #expect(rendered.html == "<p>5 &lt; 6 &amp; \u{201C}x\u{201D}</p>\n")
    }

    @Test func summaryIsTheFirstParagraphAsPlainText() {
        let rendered = Markdown.render("# Title\n\n![photo of the line](a.png)\n\nFirst *para* with `code` and [a link](u).\nSecond line.\n\nNot this.\n")
        // The heading and the image-only paragraph are skipped: an alt text describes a picture, not the report.
        #expect(rendered.plainSummary == "First para with code and a link. Second line.")
        let htmlOnly = Markdown.render("<p>raw</p>\n\nReal text.\n")
        #expect(htmlOnly.plainSummary == "Real text.")
    }

    @Test func longSummaryIsCutAtAWord() {
        let words = Array(repeating: "partners", count: 60).joined(separator: " ")
        let summary = Markdown.render(words).plainSummary
        #expect(summary.count <= 301)
        #expect(summary.hasSuffix("partners…"))
    }

    /// `shorten` as it was before ASCII texts were shortened over bytes: by characters.
    private func shortenedByCharacters(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        var cut = text.prefix(limit)
        cut = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        while let last = cut.last, " ,;:".contains(last) { cut.removeLast() }
        return cut + "…"
    }

    @Test func shorteningOverBytesCutsWhereShorteningByCharactersDoes() {
        let texts = ["", "short", "one two three four five six", "nospacesatallinthisone", "a, b; c: d, e; f: g",
                     "ends with punctuation,;: ", "   leading spaces then words", "é is not ASCII but short",
                     "Bengali অপরাজিতা after some words and more words", "line\r\nbreak with carriage return here"]
        for text in texts {
            for limit in [0, 1, 3, 5, 10, 17, 60] {
                #expect(Markdown.shorten(text, to: limit) == shortenedByCharacters(text, to: limit), "\(text) \(limit)")
            }
        }
    }

    @Test func whitespaceIsCollapsedOverBytesAsOverScalars() {
        #expect(Markdown.collapsingWhitespace("  a \n\t b\r\n c  ") == "a b c")
        #expect(Markdown.collapsingWhitespace("") == "")
        #expect(Markdown.collapsingWhitespace(" \n ") == "")
        #expect(Markdown.collapsingWhitespace("“a”\u{2003}\u{2003}b  c") == "“a” b c")
    }

    /// cmark's HTML of `markdown` through its own allocator (malloc and free), for comparing with the arena's.
    private func cmarkHTML(_ markdown: String, allowRawHTML: Bool = false) -> String {
        let options = (allowRawHTML ? Markdown.optionUnsafe : Markdown.optionSafe) | Markdown.optionSmart
        let bytes = Array(markdown.utf8)
        guard let html = cmark_markdown_to_html(bytes.map { CChar(bitPattern: $0) }, bytes.count, options) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    private static let arenaDocuments: [String] = {
        let paragraph = "Partners \"met\" -- *twice* -- with `code`, [a link](https://example.org/a) and ![x](b.png).\n\n"
        let table = (1...400).map { "- item \($0) with **bold** and <span>raw</span>\n" }.joined()
        return [
            "",
            "# Title\n\nText.\n",
            "Line one\r\nline two\rline three\u{0}end",
            "> quote\n> > nested\n\n1. one\n2. two\n\n```swift\nlet x = 1\n```\n\n[ref]: https://example.org \"T\"\n\n[ref]\n",
            // Several chunks of the arena, and one paragraph bigger than the first chunk on its own.
            String(repeating: paragraph, count: 3_000) + table,
            String(repeating: "word ", count: 40_000) + "\n",
        ]
    }()

    @Test func arenaRenderingMatchesCmarkOwnAllocator() {
        for document in Self.arenaDocuments {
            for raw in [false, true] {
                #expect(Markdown.render(Array(document.utf8), allowRawHTML: raw).html == cmarkHTML(document, allowRawHTML: raw))
            }
        }
        // Addresses set on the tree (from the arena) are in the HTML.
        let rewritten = Markdown.render(Array("![a](x.png) [b](y.md)\n".utf8), link: { _ in "collective-site-root:/y.html" },
                                        image: { image in "images/" + image.address })
        #expect(rewritten.html == "<p><img src=\"images/x.png\" alt=\"a\" /> <a href=\"collective-site-root:/y.html\">b</a></p>\n")
    }

    @Test func documentsRenderAtOnceOnSeveralThreads() {
        let expected = Self.arenaDocuments.map { cmarkHTML($0) }
        let results = Mutex<[Int: String]>([:])
        DispatchQueue.concurrentPerform(iterations: 4 * expected.count) { index in
            let html = Markdown.render(Array(Self.arenaDocuments[index % expected.count].utf8)).html
            results.withLock { $0[index] = html }
        }
        let rendered = results.withLock { $0 }
        for index in 0..<(4 * expected.count) { #expect(rendered[index] == expected[index % expected.count]) }
    }

    @Test func arenaBlocksAreZeroedKeptAndGrownInPlace() throws {
        let saved = collective_arena_begin()
        defer { collective_arena_end(saved) }
        let first = try #require(collective_arena_calloc(4, 8)).assumingMemoryBound(to: UInt8.self)
        #expect((0..<32).allSatisfy { first[$0] == 0 })
        for i in 0..<32 { first[i] = UInt8(i) }
        // The last block grows where it is; its bytes stay.
        let grown = try #require(collective_arena_realloc(first, 1_000)).assumingMemoryBound(to: UInt8.self)
        #expect(grown == first)
        #expect((0..<32).allSatisfy { grown[$0] == UInt8($0) })
        // A block with another after it moves, with its bytes; alignment stays that of malloc (16).
        let other = try #require(collective_arena_calloc(1, 3))
        #expect(Int(bitPattern: other) % 16 == 0)
        let moved = try #require(collective_arena_realloc(grown, 200_000)).assumingMemoryBound(to: UInt8.self)
        #expect(moved != grown)
        #expect(Int(bitPattern: moved) % 16 == 0)
        #expect((0..<32).allSatisfy { moved[$0] == UInt8($0) })
        // A document opened inside another gets its own arena; the outer one is back after it.
        let inner = collective_arena_begin()
        #expect(inner != nil)
        _ = collective_arena_calloc(1, 100_000)
        collective_arena_end(inner)
        #expect((0..<32).allSatisfy { moved[$0] == UInt8($0) })
    }
}
