/// Escapes text for HTML and SVG: element content and quoted attribute values alike.
///
/// All five characters that can end or start markup are replaced — `&` `<` `>` `"` `'` — so the same
/// function is safe inside `"…"` and `'…'` attributes. Every value the site layer writes into markup it
/// builds itself (SVG charts) goes through here; Mustache escapes the rest.
public func escapeHTML(_ s: String) -> String {
    // Fast path: most labels contain none of the five characters.
    guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
        return s
    }
    var out = ""
    out.reserveCapacity(s.utf8.count + 16)
    for scalar in s.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// `escapeHTML(text)`'s bytes, appended to `out` without building a String: the template engine and the chart
/// writer escape every value they write this way. The five characters are ASCII, so they never occur inside a
/// multi-byte UTF-8 sequence; the runs between them are copied in one go.
func appendEscapedHTML(_ text: String, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { buffer in
        var runStart = 0
        for index in 0..<buffer.count {
            let entity: StaticString
            switch buffer[index] {
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case UInt8(ascii: "\""): entity = "&quot;"
            case UInt8(ascii: "'"): entity = "&#39;"
            default: continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<index]))
            out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            runStart = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<buffer.count]))
    }
}
