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

    @Test func contentHashIsFNV1a64() {
        // Published FNV-1a 64-bit test vectors.
        #expect(Markdown.contentHash([UInt8]()) == 0xcbf2_9ce4_8422_2325)
        #expect(Markdown.contentHash(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
        #expect(Markdown.contentHash(Array("foobar".utf8)) == 0x8594_4171_f739_67e8)
    }
}
