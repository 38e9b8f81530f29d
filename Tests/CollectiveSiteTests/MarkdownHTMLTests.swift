import CCmark
import Foundation
import Testing
import TestSupport
@testable import CollectiveSite

/// `MarkdownHTML` writes a narrative's HTML in place of cmark's `cmark_render_html`: every test here renders
/// Markdown both ways and expects the same bytes.
@Suite struct MarkdownHTMLTests {
    /// The HTML cmark itself writes for `markdown`, with the options `Markdown.render` parses with.
    static func cmarkHTML(_ markdown: [UInt8], allowRawHTML: Bool) -> String {
        let options = (allowRawHTML ? Markdown.optionUnsafe : Markdown.optionSafe) | Markdown.optionSmart
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        markdown.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        guard let html = cmark_render_html(document, options) else { return "" }
        defer { free(html) }
        return String(decoding: UnsafeRawBufferPointer(start: html, count: strlen(html)), as: UTF8.self)
    }

    /// Expects both renderings of `markdown` to be the same, with raw HTML dropped and kept.
    static func expectSame(_ markdown: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        for allowRawHTML in [false, true] {
            let ours = Markdown.render(markdown, allowRawHTML: allowRawHTML).html
            let theirs = cmarkHTML(markdown, allowRawHTML: allowRawHTML)
            #expect(ours == theirs, "\(String(decoding: markdown, as: UTF8.self)) (raw HTML \(allowRawHTML))",
                    sourceLocation: sourceLocation)
        }
    }

    /// Every kind of node cmark makes, and the cases where its HTML depends on more than the node's kind.
    static let documents = [
        "", "\n", "plain", "# Title\n\nA paragraph with *emphasis*, **strong**, `code <&>` and a [link](https://example.org).\n",
        "## Heading *x*\n###### Six\nSet\n===\nSetext two\n---\n",
        "- a\n- b\n\n  c\n\n1) x\n2) y\n\n7. seven\n8. eight\n\n- \n\n* loose\n\n* list\n",
        "- tight\n  - nested\n    1. deeper\n- item with\n\n  two paragraphs\n",
        "> quote\n> > nested\n>\n> - in a quote\n\n>\n",
        "***\n---\n___\n",
        "```\n```\n\n```swift extra words\nlet x = \"<&>\"\n```\n\n~~~ a&b\tc\ncode\n~~~\n\n    indented <code>\n\n```\u{0B}x\u{0C}y z\n```\n",
        "<div class=\"note\">block</div>\n\n<!-- comment -->\n\ntext <b>bold</b> <img src=x onerror=alert(1)> end\n",
        "hard  \nbreak\\\nsoft\nbreak\n",
        "\"smart\" 'quotes' -- dashes --- and... it's\n",
        "5 < 6 & 7 > 4 \"quoted\" 'single' / slash\n",
        "[empty title](b \"\") [title](c \"a & <b> \\\"q\\\"\") [none](d) [angle](<a b>) [ref][r] [collapsed][]\n\n[r]: http://x/y 'ref title'\n[collapsed]: /z\n",
        "![alt *emph* `code` <i>html</i>\nsoft](img.png \"title\") ![](empty.png) ![outer ![inner](in.png) text](out.png)\n",
        "[![image in link](i.png)](l.html) [a **b** `c`](x)\n",
        "[j](javascript:alert(1)) [v](VBScript:x) [f](file:///etc/passwd) [d](data:text/html,x) [p](data:image/png;base64,AA)\n"
            + "[g](DATA:IMAGE/GIF,x) [w](data:image/webp) [jp](data:image/jpeg) [s](data:image/svg+xml,x) [ok](javascript)\n",
        "[u](http://x/ä'&\"<>\\\\^`{|}~$!*,;=@%20) <https://auto.link/path?q=1&r=2> <me@example.org>\n",
        "Entities &amp; &copy; &#x27; &#60; &nbsp; and a backslash \\\\ and \\*escaped\\*\n",
        "Bengali অপরাজিতা, “curly” — and emoji 🙂 <span>ok</span>\n",
        "line one\r\nline two\r\n\r\n- crlf\r\n",
        "tab\tinside\n\n\tindented by a tab\n",
        "*unclosed emphasis and **mixed* nesting**\n",
        // Escapes at the start and end of a text, side by side, and before and after sixteen bytes without one.
        "&\n", "\"<>&\n", "a&&<<>>b\n", String(repeating: "abcdefghijklmno&", count: 4) + "<" + String(repeating: "x", count: 40) + ">\n",
    ]

    @Test func everyKindOfNodeIsWrittenAsCmarkWritesIt() {
        for document in Self.documents { Self.expectSame(Array(document.utf8)) }
    }

    @Test func everyCharacterOfAnAddressIsEscapedAsCmarkEscapesIt() {
        // Inside `<…>` any character but a line break, `<` and `>` (those escaped) is part of the address.
        for byte in UInt8(1)...UInt8(127) where byte != UInt8(ascii: "\n") && byte != UInt8(ascii: "\r") {
            let character: [UInt8] = byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\\")
                ? [UInt8(ascii: "\\"), byte] : [byte]
            Self.expectSame(Array("[a](<x".utf8) + character + Array("y>) ![b](<x".utf8) + character + Array("y>)\n".utf8))
        }
        Self.expectSame(Array("[é](<é‘—🙂>)\n".utf8))
    }

    @Test func theSampleSiteNarrativesAreWrittenAsCmarkWritesThem() throws {
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("content")
        let files = FileManager.default.enumerator(at: content, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "md" } ?? []
        #expect(files.count >= 10)
        for file in files { Self.expectSame(Array(try Data(contentsOf: file))) }
    }

    /// Documents made of random pieces of Markdown syntax (markers, brackets, addresses, entities, raw HTML, line
    /// breaks and indentation, Bengali, invalid bytes): the cases no list above thought of, each written both ways.
    @Test func randomMarkdownIsWrittenAsCmarkWritesIt() {
        let pieces: [[UInt8]] = [
            "word", " ", "  ", "\t", "\n", "\n\n", "\r\n", "    ", "*", "**", "_", "__", "`", "``", "```", "~~~", "[", "]",
            "(", ")", "![", "](", "<", ">", "&", "&amp;", "&#x41;", "&nosuch;", "\"", "'", "\\", "#", "## ", "- ", "* ",
            "1. ", "2) ", "> ", "---", "***", "===", "<div>", "</div>", "<b>", "<!-- c -->", "<?php x ?>", "http://x.y/z",
            "<https://a.b/c?d=1&e=2>", "javascript:alert(1)", "data:image/png,x", " \"title\"", "[r]: /ref 'T'\n", "[r]",
            "...", "--", "অপরাজিতা", "🙂", "|",
        ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0x00], [0x0B]]
        var random = SplitMix64(seed: 20261206)
        for _ in 0..<3_000 {
            var document: [UInt8] = []
            for _ in 0..<Int(random.next() % 40) { document += pieces[Int(random.next() % UInt64(pieces.count))] }
            Self.expectSame(document)
        }
    }

    @Test func invalidUTF8IsRepairedAsBefore() {
        Self.expectSame([UInt8]("a ".utf8) + [0xFF, 0xC3] + [UInt8](" b *c*\n".utf8))
    }

    @Test func replacedAddressesAreCheckedAndEscaped() {
        var seen: [String] = []
        let rendered = Markdown.render(Array("[a](x) ![b ![c](y)](z) [d](w)\n".utf8), link: { link in
            seen.append("link \(link.address) \(link.description)")
            return link.address == "x" ? "a b&'<" : "javascript:alert(1)"
        }, image: { image in
            seen.append("image \(image.address) \(image.description)")
            return image.address == "z" ? nil : "replaced.png"
        })
        // Every link and image in document order, the image inside another's description too.
        #expect(seen == ["link x a", "image z b c", "image y c", "link w d"])
        #expect(rendered.html == "<p><a href=\"a%20b&amp;&#x27;%3C\">a</a> <img src=\"z\" alt=\"b c\" /> <a href=\"\">d</a></p>\n")
    }

    @Test func addressCharacters() {
        let safe = (UInt8(0)...UInt8(255)).filter(MarkdownHTML.isAddressSafe)
        #expect(String(decoding: safe, as: UTF8.self)
                    == "!#$%()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~")
        func dangerous(_ address: String) -> Bool {
            Array(address.utf8).withUnsafeBufferPointer(MarkdownHTML.isDangerous)
        }
        #expect(dangerous("JavaScript:x") && dangerous("file:") && dangerous("data:image/svg") && dangerous("data:"))
        #expect(!dangerous("data:image/PNG;x") && !dangerous("javascript") && !dangerous("https://x") && !dangerous(""))
    }
}
