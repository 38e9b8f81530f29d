import CCmark
import Glibc

/// The HTML of a parsed Markdown document, byte for byte as cmark 0.30's `cmark_render_html` writes it with the
/// options `Markdown.render` passes (smart punctuation is in the tree already; no source positions, no hard breaks):
/// the same walk over the same tree, the same tags, escapes and line breaks. cmark escapes every text a byte at a
/// time through a table, with a buffer call per run between escapes (≈ 9 instructions a byte of every narrative,
/// and the HTML was then copied out of cmark's buffer); here the runs of text without `"` `&` `<` `>` are found
/// sixteen bytes at a time and copied whole into one buffer. `MarkdownHTMLTests` renders a corpus both ways and
/// compares.
struct MarkdownHTML: ~Copyable {
    private var out: ByteBuffer
    /// `allowRawHTML` of `Markdown.render`: cmark's `CMARK_OPT_UNSAFE`, which keeps raw HTML and every address.
    private let unsafe: Bool
    /// The image whose description is being written as its `alt` text (plain text: no tags), nil otherwise.
    private var plain: OpaquePointer?

    /// - Parameters:
    ///   - capacity: the Markdown's length: the HTML is usually a little longer.
    ///   - address: called on entering each link and image, images within an image's description too, in document
    ///     order, before it is written; returns the address to publish instead (nil keeps it).
    static func render(_ document: OpaquePointer, allowRawHTML: Bool, capacity: Int,
                       address: ((_ node: OpaquePointer, _ type: cmark_node_type) -> String?)?) -> String {
        var renderer = MarkdownHTML(out: ByteBuffer(capacity: capacity + capacity / 4 + 64), unsafe: allowRawHTML)
        guard let iterator = cmark_iter_new(document) else { return "" }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let entering = event == CMARK_EVENT_ENTER
            if entering, let address, type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE,
               let replacement = address(node, type) {
                cmark_node_set_url(node, replacement)
            }
            renderer.write(node, type, entering: entering)
        }
        return renderer.out.withBytes(0..<renderer.out.count) { UTF8Check.string($0) }
    }

    private init(out: consuming ByteBuffer, unsafe: Bool) {
        self.out = out
        self.unsafe = unsafe
    }

    /// What `S_render_node` of cmark's html.c writes for one event of the walk.
    private mutating func write(_ node: OpaquePointer, _ type: cmark_node_type, entering: Bool) {
        if plain == node { plain = nil }  // back at the image: its end is written as usual
        if plain != nil {
            // Inside an image's description: only its text, escaped, and a space for a line break.
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE: appendEscaped(cmark_node_get_literal(node))
            case CMARK_NODE_LINEBREAK, CMARK_NODE_SOFTBREAK: out.append(UInt8(ascii: " "))
            default: break
            }
            return
        }
        switch type {
        case CMARK_NODE_TEXT:
            appendEscaped(cmark_node_get_literal(node))
        case CMARK_NODE_SOFTBREAK:
            out.append(UInt8(ascii: "\n"))
        case CMARK_NODE_PARAGRAPH:
            // A paragraph of an item of a tight list has no tags of its own.
            let list = cmark_node_parent(cmark_node_parent(node))
            if let list, cmark_node_get_type(list) == CMARK_NODE_LIST, cmark_node_get_list_tight(list) != 0 { return }
            if entering {
                lineBreak()
                out.append("<p>")
            } else {
                out.append("</p>\n")
            }
        case CMARK_NODE_EMPH:
            out.append(entering ? "<em>" : "</em>")
        case CMARK_NODE_STRONG:
            out.append(entering ? "<strong>" : "</strong>")
        case CMARK_NODE_LINK:
            if entering {
                out.append("<a href=\"")
                appendAddress(of: node)
                if let title = cmark_node_get_title(node), title != Self.noTitle {
                    out.append("\" title=\"")
                    appendEscaped(title)
                }
                out.append("\">")
            } else {
                out.append("</a>")
            }
        case CMARK_NODE_IMAGE:
            if entering {
                out.append("<img src=\"")
                appendAddress(of: node)
                out.append("\" alt=\"")
                plain = node
            } else {
                if let title = cmark_node_get_title(node), title != Self.noTitle {
                    out.append("\" title=\"")
                    appendEscaped(title)
                }
                out.append("\" />")
            }
        case CMARK_NODE_CODE:
            out.append("<code>")
            appendEscaped(cmark_node_get_literal(node))
            out.append("</code>")
        case CMARK_NODE_LINEBREAK:
            out.append("<br />\n")
        case CMARK_NODE_HTML_INLINE:
            if unsafe { appendRaw(cmark_node_get_literal(node)) } else { out.append("<!-- raw HTML omitted -->") }
        case CMARK_NODE_HEADING:
            let level = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: cmark_node_get_heading_level(node))
            if entering {
                lineBreak()
                out.append("<h")
                out.append(level)
                out.append(UInt8(ascii: ">"))
            } else {
                out.append("</h")
                out.append(level)
                out.append(">\n")
            }
        case CMARK_NODE_LIST:
            let bullet = cmark_node_get_list_type(node) == CMARK_BULLET_LIST
            if entering {
                lineBreak()
                let start = cmark_node_get_list_start(node)
                if bullet {
                    out.append("<ul>\n")
                } else if start == 1 {
                    out.append("<ol>\n")
                } else {
                    out.append("<ol start=\"")
                    out.append(string: String(start))
                    out.append("\">\n")
                }
            } else {
                out.append(bullet ? "</ul>\n" : "</ol>\n")
            }
        case CMARK_NODE_ITEM:
            if entering {
                lineBreak()
                out.append("<li>")
            } else {
                out.append("</li>\n")
            }
        case CMARK_NODE_BLOCK_QUOTE:
            lineBreak()
            out.append(entering ? "<blockquote>\n" : "</blockquote>\n")
        case CMARK_NODE_CODE_BLOCK:
            lineBreak()
            let info = Self.bytes(cmark_node_get_fence_info(node))
            if info.isEmpty {
                out.append("<pre><code>")
            } else {
                // The language is the info string's first word.
                var end = 0
                while end < info.count, !Self.isSpace(info[end]) { end += 1 }
                out.append("<pre><code class=\"language-")
                let language = info[..<end].map { CChar(bitPattern: $0) } + [0]
                language.withUnsafeBufferPointer { appendEscaped($0.baseAddress) }
                out.append("\">")
            }
            appendEscaped(cmark_node_get_literal(node))
            out.append("</code></pre>\n")
        case CMARK_NODE_HTML_BLOCK:
            lineBreak()
            if unsafe { appendRaw(cmark_node_get_literal(node)) } else { out.append("<!-- raw HTML omitted -->") }
            lineBreak()
        case CMARK_NODE_THEMATIC_BREAK:
            lineBreak()
            out.append("<hr />\n")
        case CMARK_NODE_CUSTOM_BLOCK:
            // Never made by the parser; written as cmark writes it all the same.
            lineBreak()
            appendRaw(entering ? cmark_node_get_on_enter(node) : cmark_node_get_on_exit(node))
            lineBreak()
        case CMARK_NODE_CUSTOM_INLINE:
            appendRaw(entering ? cmark_node_get_on_enter(node) : cmark_node_get_on_exit(node))
        default:
            break  // the document
        }
    }

    /// A line break unless the HTML is empty or ends with one (cmark's `cr`).
    private mutating func lineBreak() {
        let count = out.count
        guard count > 0, out.withBytes(count - 1..<count, { $0[0] }) != UInt8(ascii: "\n") else { return }
        out.append(UInt8(ascii: "\n"))
    }

    /// The pointer `cmark_node_get_title` returns for a link without a title: cmark's own empty string, where a
    /// title written empty (`[a](b "")`, which cmark writes as `title=""`) is a string of the document's. The
    /// interface has no other way to tell them apart.
    private nonisolated(unsafe) static let noTitle: UnsafePointer<CChar>? = {
        guard let link = cmark_node_new(CMARK_NODE_LINK) else { return nil }
        defer { cmark_node_free(link) }
        return cmark_node_get_title(link)
    }()

    /// A node's address, left out (empty) when it is dangerous and raw HTML is not allowed.
    private mutating func appendAddress(of node: OpaquePointer) {
        let address = Self.bytes(cmark_node_get_url(node))
        if !unsafe, Self.isDangerous(address) { return }
        appendEscapedAddress(address)
    }

    /// cmark's `scan_dangerous_url`: an address that starts with `javascript:`, `vbscript:`, `file:` or `data:`
    /// (in any case), except `data:image/png`, `gif`, `jpeg` or `webp`.
    static func isDangerous(_ address: UnsafeBufferPointer<UInt8>) -> Bool {
        func starts(with prefix: StaticString, at offset: Int = 0) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard address.count >= offset + count else { return false }
            for i in 0..<count where address[offset + i] | 0x20 != prefix.utf8Start[i] | 0x20 { return false }
            return true
        }
        if starts(with: "data:") {
            guard starts(with: "image/", at: 5) else { return true }
            return !(starts(with: "png", at: 11) || starts(with: "gif", at: 11) || starts(with: "jpeg", at: 11)
                || starts(with: "webp", at: 11))
        }
        return starts(with: "javascript:") || starts(with: "vbscript:") || starts(with: "file:")
    }

    /// cmark's `houdini_escape_href`: the address's bytes, `&` and `'` as entities, and each byte that is neither
    /// a letter, a digit nor one of ``!#$%()*+,-./:;=?@_~`` as `%XX`.
    private mutating func appendEscapedAddress(_ address: UnsafeBufferPointer<UInt8>) {
        let hex: StaticString = "0123456789ABCDEF"
        var runStart = 0
        for (index, byte) in address.enumerated() where !Self.isAddressSafe(byte) {
            out.append(UnsafeBufferPointer(rebasing: address[runStart..<index]))
            runStart = index + 1
            switch byte {
            case UInt8(ascii: "&"): out.append("&amp;")
            case UInt8(ascii: "'"): out.append("&#x27;")
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex.utf8Start[Int(byte >> 4)])
                out.append(hex.utf8Start[Int(byte & 0xF)])
            }
        }
        out.append(UnsafeBufferPointer(rebasing: address[runStart...]))
    }

    static func isAddressSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"),
             UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "@"), UInt8(ascii: "_"),
             UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// cmark's `cmark_isspace`: space, tab, line feed, vertical tab, form feed, carriage return.
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// The bytes of a string cmark returns (nil: none).
    private static func bytes(_ text: UnsafePointer<CChar>?) -> UnsafeBufferPointer<UInt8> {
        guard let text else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: strlen(text))
    }

    private mutating func appendRaw(_ text: UnsafePointer<CChar>?) { out.append(Self.bytes(text)) }

    /// cmark's `escape_html` of a string cmark returns: `"` `&` `<` `>` as entities (not `'`, which cmark leaves as
    /// it is), the runs between them copied whole. Each run is measured by `strcspn`, which glibc scans sixteen bytes
    /// at a time (SSE 4.2): most of a narrative is text with none of the four. The string ends at its NUL
    /// (cmark's texts have none inside: the parser replaces them).
    private mutating func appendEscaped(_ text: UnsafePointer<CChar>?) {
        guard var run = text else { return }
        var stops: (CChar, CChar, CChar, CChar, CChar) = (0x22, 0x26, 0x3C, 0x3E, 0)  // `"` `&` `<` `>`
        withUnsafePointer(to: &stops) { tuple in
            let stops = UnsafeRawPointer(tuple).assumingMemoryBound(to: CChar.self)
            while true {
                let length = strcspn(run, stops)
                out.append(UnsafeBufferPointer(start: UnsafeRawPointer(run).assumingMemoryBound(to: UInt8.self),
                                               count: length))
                switch UInt8(bitPattern: run[length]) {
                case 0: return
                case UInt8(ascii: "\""): out.append("&quot;")
                case UInt8(ascii: "&"): out.append("&amp;")
                case UInt8(ascii: "<"): out.append("&lt;")
                default: out.append("&gt;")
                }
                run += length + 1
            }
        }
    }
}
