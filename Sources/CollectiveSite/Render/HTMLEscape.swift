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
