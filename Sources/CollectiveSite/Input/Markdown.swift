import CCmark
import Glibc

/// Markdown → HTML through the cmark C library, plus a plain-text summary from the same parse.
public enum Markdown {
    // cmark's option bits (cmark.h); the macros do not all import into Swift.
    static let optionSafe: Int32 = 1 << 3        // CMARK_OPT_SAFE: drop raw HTML, blank javascript:/data: links
    static let optionSmart: Int32 = 1 << 10      // CMARK_OPT_SMART: typographic quotes and dashes
    static let optionUnsafe: Int32 = 1 << 17     // CMARK_OPT_UNSAFE: keep raw HTML

    public struct Rendered: Hashable, Sendable {
        public var html: String
        /// The first paragraph as plain text (markup stripped, whitespace collapsed), for Open Graph and lists.
        public var plainSummary: String
    }

    /// Renders Markdown. Raw HTML and `javascript:`/`data:` links are dropped unless `allowRawHTML`, because
    /// narratives are written by many partner organisations and published under the site's name.
    ///
    /// `image` sees every image (`![description](address)`): its address, its description (alt text) and its line
    /// and column in `markdown`, and returns the address to publish instead (nil keeps it). `link` sees every link
    /// (`[text](address)`, reference links included) the same way.
    public static func render(_ markdown: some Collection<UInt8>, allowRawHTML: Bool = false, summaryLimit: Int = 300,
                              link: ((_ link: Image) -> String?)? = nil,
                              image: ((_ image: Image) -> String?)? = nil) -> Rendered {
        let options = (allowRawHTML ? optionUnsafe : optionSafe) | optionSmart
        let bytes = Array(markdown)
        // Everything cmark allocates for this document comes from one arena (CCmark/shim.h), freed at once here:
        // the tree is never freed node by node, and its HTML is written before the arena ends.
        let saved = collective_arena_begin()
        defer { collective_arena_end(saved) }
        guard let parser = cmark_parser_new_with_mem(options, collective_arena_mem()) else {
            return Rendered(html: "", plainSummary: "")
        }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        guard let document = cmark_parser_finish(parser) else { return Rendered(html: "", plainSummary: "") }
        let summary = firstParagraphText(of: document)
        // Every image or link has `](` or a reference definition `]:`: most narratives have none, and need no
        // look at their links. The addresses are replaced as the HTML is written, in the same walk.
        let replace = (image != nil || link != nil) && mayHaveAddresses(bytes)
        let html = MarkdownHTML.render(document, allowRawHTML: allowRawHTML, capacity: bytes.count,
                                       address: !replace ? nil : { node, type in
            guard let rewrite = type == CMARK_NODE_IMAGE ? image : link else { return nil }
            return rewrite(Image(address: cmark_node_get_url(node).map { String(cString: $0) } ?? "",
                                 description: literalText(of: node), line: Int(cmark_node_get_start_line(node)),
                                 column: Int(cmark_node_get_start_column(node))))
        })
        return Rendered(html: html, plainSummary: shorten(summary, to: summaryLimit))
    }

    public static func render(_ markdown: String, allowRawHTML: Bool = false) -> Rendered {
        render(Array(markdown.utf8), allowRawHTML: allowRawHTML)
    }

    private static func mayHaveAddresses(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return false }
            // Each `]` found by memchr, which reads many bytes per step.
            var search = 0
            while search < p.count, let found = memchr(base + search, Int32(UInt8(ascii: "]")), p.count - search) {
                let next = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                if next < p.count, p[next] == UInt8(ascii: "(") || p[next] == UInt8(ascii: ":") { return true }
                search = next
            }
            return false
        }
    }

    /// An image or a link of the document, where it starts.
    public struct Image {
        public var address: String
        /// The alt text: the image's description for people who cannot see it (a link's text, for a link).
        public var description: String
        public var line: Int
        public var column: Int
    }

    /// The text inside `node` (an image's description), markup left out.
    private static func literalText(of node: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += cmark_node_get_literal(child).map { String(cString: $0) } ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: break
            }
        }
        return text
    }

    /// The literal text of the first paragraph in document order; soft and hard breaks become spaces,
    /// inline HTML is left out.
    private static func firstParagraphText(of document: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(document) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        var inParagraph = false
        var imageDepth = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_PARAGRAPH {
                if event == CMARK_EVENT_ENTER { inParagraph = true; continue }
                if event == CMARK_EVENT_EXIT, inParagraph {
                    // A paragraph that holds only an image or raw HTML has no text; keep looking.
                    if !text.unicodeScalars.allSatisfy(\.properties.isWhitespace) { break }
                    inParagraph = false
                    text = ""
                }
                continue
            }
            // An image's alt text describes the picture, not the report: leave it out of the summary.
            if type == CMARK_NODE_IMAGE {
                imageDepth += event == CMARK_EVENT_ENTER ? 1 : -1
                continue
            }
            guard inParagraph, imageDepth == 0, event == CMARK_EVENT_ENTER else { continue }
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                if let literal = cmark_node_get_literal(node) { text += String(cString: literal) }
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return collapsingWhitespace(text)
    }

    /// Runs of whitespace become one space, none at either end. By scalars: grapheme breaking is not needed
    /// for spaces and would cost more than the rest of the summary.
    static func collapsingWhitespace(_ text: String) -> String {
        // Most summaries are ASCII: then the same is done over bytes, without building the result scalar by scalar.
        if let collapsed = text.utf8.withContiguousStorageIfAvailable(collapsingASCIIWhitespace) ?? nil { return collapsed }
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.isASCII ? (scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r") : scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// `collapsingWhitespace` of ASCII text; nil when the text has any other byte.
    private static func collapsingASCIIWhitespace(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var ascii = true
        // Written straight into the String's storage: the result is never longer than the text.
        let result = String(unsafeUninitializedCapacity: bytes.count) { out in
            var count = 0
            var pendingSpace = false
            for byte in bytes {
                guard byte < 0x80 else { ascii = false; return 0 }
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                    pendingSpace = count > 0
                } else {
                    if pendingSpace { out[count] = UInt8(ascii: " "); count += 1 }
                    pendingSpace = false
                    out[count] = byte
                    count += 1
                }
            }
            return count
        }
        return ascii ? result : nil
    }

    /// At most `limit` characters, cut at a word boundary with an ellipsis.
    static func shorten(_ text: String, to limit: Int) -> String {
        // A text has at most as many characters as bytes: most summaries are shorter than the limit in bytes,
        // and need no count of their characters.
        if text.utf8.count <= limit { return text }
        if let short = text.utf8.withContiguousStorageIfAvailable({ shortenASCII($0, to: limit) }) ?? nil { return short }
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return atWord.trimmingCharacters(in: " ,;:") + "…"
    }
}

extension Markdown {
    /// `shorten` of an ASCII text without a carriage return (each byte is then one character; `\r\n` would be one
    /// character of two bytes), done over bytes; nil for any other text.
    private static func shortenASCII(_ bytes: UnsafeBufferPointer<UInt8>, to limit: Int) -> String? {
        guard bytes.count > limit else { return nil }
        for byte in bytes where byte >= 0x80 || byte == UInt8(ascii: "\r") { return nil }
        var end = limit
        // Cut at the last space within the limit, if any; then drop the spaces and punctuation before the cut.
        var space = limit - 1
        while space >= 0, bytes[space] != UInt8(ascii: " ") { space -= 1 }
        if space >= 0 { end = space }
        while end > 0, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: ",")
                || bytes[end - 1] == UInt8(ascii: ";") || bytes[end - 1] == UInt8(ascii: ":") {
            end -= 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self) + "…"
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        var result = self
        while let last = result.last, set.contains(last) { result.removeLast() }
        return result
    }
}
