/// The escaper the byte-wise ones are checked against: scalar by scalar, the five characters `&` `<` `>` `"` `'`
/// replaced, as `escapeHTML` documents (which itself now escapes over bytes).
func referenceEscapeHTML(_ s: String) -> String {
    var out = ""
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
