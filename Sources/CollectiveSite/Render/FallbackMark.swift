import Glibc

/// Text shown in another language than its page's (a text not translated yet falls back to the site's language)
/// must say so with its own `lang`, so screen readers switch voice and browsers pick the right font.
///
/// Such a text travels through page models, `labels.format` sentences and chart code as an ordinary string,
/// marked with three private-use characters: U+E000, the language, U+E001, the text, U+E002. After a page is
/// rendered, `resolve` turns each mark into an element where one may stand (`<span lang="en">…</span>` in text,
/// `<tspan lang="en">` in SVG text) and drops it where none may (attribute values, `<title>`, `<script>`,
/// `<style>`, an SVG `<desc>`). Marking the string itself, rather than deciding in every template where a fallback could appear,
/// keeps this in one place: a sentence that quotes an untranslated name, a chart summary, a breadcrumb and a
/// table cell all come out marked, whatever template or chart shows them.
enum FallbackMark {
    static let open: Unicode.Scalar = "\u{E000}"
    static let separator: Unicode.Scalar = "\u{E001}"
    static let close: Unicode.Scalar = "\u{E002}"

    /// `text`, marked as written in `language`. Empty texts and texts without letters (`%`, `—`) stay as they are.
    static func wrap(_ text: String, language: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { return text }
        return "\u{E000}\(language)\u{E001}\(text)\u{E002}"
    }

    /// A text with `{placeholders}`, marked when it has letters outside them (`"{period}: {value}"` has none:
    /// it reads the same in every language).
    static func wrapTemplate(_ template: String, language: String) -> String {
        var outside = "", depth = 0
        for character in template {
            if character == "{" { depth += 1 } else if character == "}" { depth = max(0, depth - 1) } else if depth == 0 { outside.append(character) }
        }
        return outside.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) ? wrap(template, language: language) : template
    }

    /// The text without marks (for places that are not HTML, such as file names and the feed).
    static func strip(_ text: String) -> String {
        guard text.unicodeScalars.contains(open) || text.unicodeScalars.contains(close) else { return text }
        var out = String.UnicodeScalarView()
        var inLanguage = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case open: inLanguage = true
            case separator: inLanguage = false
            case close: break
            default: if !inLanguage { out.append(scalar) }
            }
        }
        return String(out)
    }

    // UTF-8 of U+E000, U+E001, U+E002: EE 80 80, EE 80 81, EE 80 82.
    private static let lead0: UInt8 = 0xEE, lead1: UInt8 = 0x80

    /// True when the bytes hold a mark. The common case, a page without any, is one `memchr` for the lead byte
    /// (vectorised; a byte-by-byte loop here was 4 % of a build's instructions).
    static func isMarked(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            var index = 0
            let count = buffer.count
            while index + 2 < count {
                guard let found = memchr(base + index, Int32(lead0), count - index - 2) else { return false }
                let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if base[at + 1] == lead1, base[at + 2] >= 0x80, base[at + 2] <= 0x82 { return true }
                index = at + 1
            }
            return false
        }
    }

    /// Rendered HTML with every mark turned into an element, or dropped where no element may stand (in a tag, and in
    /// elements that hold text only: `<title>`, SVG `<desc>`, `<script>`, `<style>`, `<textarea>`).
    /// A mark cut short (a chart shortening a long name) is closed where its text ends.
    static func resolve(_ bytes: [UInt8]) -> [UInt8] {
        guard isMarked(bytes) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 256)
        var index = 0
        let count = bytes.count
        var inTag = false
        var rawText: [UInt8]? = nil   // the closing tag name while inside <title>, <script>, <style>, <textarea>
        var svgDepth = 0
        var openElements: [String] = []  // spans opened and not yet closed in the current text
        func markAt(_ i: Int) -> UInt8? {
            guard i + 2 < count, bytes[i] == lead0, bytes[i + 1] == lead1, (0x80...0x82).contains(bytes[i + 2]) else { return nil }
            return bytes[i + 2]
        }
        func closeOpen() {
            while let name = openElements.popLast() { out.append(contentsOf: Array("</\(name)>".utf8)) }
        }
        while index < count {
            let byte = bytes[index]
            if let mark = markAt(index) {
                index += 3
                switch mark {
                case 0x80:
                    var language: [UInt8] = []
                    while index < count, markAt(index) != 0x81 { language.append(bytes[index]); index += 1 }
                    index += 3
                    if !inTag, rawText == nil {
                        let name = svgDepth > 0 ? "tspan" : "span"
                        out.append(contentsOf: Array("<\(name) lang=\"".utf8))
                        out.append(contentsOf: language)
                        out.append(contentsOf: Array("\">".utf8))
                        openElements.append(name)
                    }
                case 0x82:
                    if !inTag, rawText == nil, let name = openElements.popLast() {
                        out.append(contentsOf: Array("</\(name)>".utf8))
                    }
                default: break
                }
                continue
            }
            if byte == UInt8(ascii: "<"), !inTag {
                if let closing = rawText {
                    if tagName(bytes, at: index) == closing, bytes[index + 1] == UInt8(ascii: "/") { rawText = nil } else {
                        out.append(byte); index += 1; continue
                    }
                }
                closeOpen()
                inTag = true
                let name = tagName(bytes, at: index)
                let closingTag = index + 1 < count && bytes[index + 1] == UInt8(ascii: "/")
                if name == Array("svg".utf8) { svgDepth += closingTag ? -1 : 1 }
                if !closingTag, [Array("title".utf8), Array("desc".utf8), Array("script".utf8), Array("style".utf8), Array("textarea".utf8)].contains(name) {
                    rawText = name
                }
            } else if byte == UInt8(ascii: ">"), inTag {
                inTag = false
            }
            out.append(byte)
            index += 1
        }
        closeOpen()
        return out
    }

    /// The lower-cased name of the tag starting at `index` (`<title>` or `</title>` → "title").
    private static func tagName(_ bytes: [UInt8], at index: Int) -> [UInt8] {
        var i = index + 1
        if i < bytes.count, bytes[i] == UInt8(ascii: "/") { i += 1 }
        var name: [UInt8] = []
        while i < bytes.count, (bytes[i] >= 0x61 && bytes[i] <= 0x7A) || (bytes[i] >= 0x41 && bytes[i] <= 0x5A) || (bytes[i] >= 0x30 && bytes[i] <= 0x39) {
            name.append(bytes[i] | 0x20)
            i += 1
        }
        return name
    }
}
