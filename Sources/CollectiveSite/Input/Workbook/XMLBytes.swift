import Foundation

/// The little XML a workbook needs, read straight from bytes: tags, attributes and text with its entities.
/// Spreadsheet parts are machine-written and regular (no DTDs, no CDATA in the parts we read), so a scanner
/// of a few functions reads them, where a general XML parser is five times slower over a million-row sheet.
enum XMLBytes {
    /// One start (or empty-element) tag: its local name (without a `x:` prefix) and where its attributes are.
    struct Tag {
        /// Offsets into the buffer: the local name, and the attributes up to (not including) `>` or `/>`.
        var nameStart: Int
        var nameEnd: Int
        var attributesEnd: Int
        /// Offset just after the tag's `>`.
        var end: Int
        var isClosing: Bool
        var isEmpty: Bool
    }

    /// The tag starting at `p[start]` (a `<`), or nil when the buffer ends inside it.
    static func tag(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> Tag? {
        var i = start + 1
        let count = p.count
        guard i < count else { return nil }
        let isClosing = p[i] == slash
        if isClosing { i += 1 }
        var nameStart = i
        while i < count, !isNameEnd(p[i]) {
            if p[i] == colon { nameStart = i + 1 }
            i += 1
        }
        let nameEnd = i
        // Attribute values may hold `>` only when quoted: skip quoted runs.
        var quote: UInt8 = 0
        while i < count {
            let byte = p[i]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == doubleQuote || byte == singleQuote {
                quote = byte
            } else if byte == greater {
                let isEmpty = i > start && p[i - 1] == slash
                return Tag(nameStart: nameStart, nameEnd: nameEnd, attributesEnd: isEmpty ? i - 1 : i, end: i + 1,
                           isClosing: isClosing, isEmpty: isEmpty)
            }
            i += 1
        }
        return nil
    }

    static func name(_ p: UnsafeBufferPointer<UInt8>, _ tag: Tag, is expected: StaticString) -> Bool {
        let length = tag.nameEnd - tag.nameStart
        guard length == expected.utf8CodeUnitCount else { return false }
        let e = expected.utf8Start
        for k in 0..<length where p[tag.nameStart + k] != e[k] { return false }
        return true
    }

    /// The raw (still escaped) value of the attribute with local name `name`, as a range of offsets.
    static func attribute(_ p: UnsafeBufferPointer<UInt8>, _ tag: Tag, _ name: StaticString) -> Range<Int>? {
        var i = tag.nameEnd
        let end = tag.attributesEnd
        let wanted = name.utf8Start, wantedCount = name.utf8CodeUnitCount
        while i < end {
            while i < end, isSpace(p[i]) { i += 1 }
            var nameStart = i
            while i < end, p[i] != equals, !isSpace(p[i]) {
                if p[i] == colon { nameStart = i + 1 }
                i += 1
            }
            let nameEnd = i
            while i < end, p[i] != equals { i += 1 }
            i += 1
            while i < end, isSpace(p[i]) { i += 1 }
            guard i < end else { return nil }
            let quote = p[i]
            guard quote == doubleQuote || quote == singleQuote else { return nil }
            let valueStart = i + 1
            i = valueStart
            while i < end, p[i] != quote { i += 1 }
            if nameEnd - nameStart == wantedCount {
                var same = true
                for k in 0..<wantedCount where p[nameStart + k] != wanted[k] { same = false; break }
                if same { return valueStart..<i }
            }
            i += 1
        }
        return nil
    }

    static func attributeText(_ p: UnsafeBufferPointer<UInt8>, _ tag: Tag, _ name: StaticString) -> String? {
        attribute(p, tag, name).map { String(decoding: decode(UnsafeBufferPointer(rebasing: p[$0])), as: UTF8.self) }
    }

    /// A non-negative decimal attribute (`r="71"`, `s="3"`, `numFmtId="14"`).
    static func attributeInt(_ p: UnsafeBufferPointer<UInt8>, _ tag: Tag, _ name: StaticString) -> Int? {
        guard let range = attribute(p, tag, name), !range.isEmpty else { return nil }
        var value = 0
        for i in range {
            let byte = p[i]
            guard byte >= 48, byte <= 57, value < 1 << 40 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    /// Offset of the next `<` at or after `start`, or nil.
    static func nextTag(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < p.count, let base = p.baseAddress else { return nil }
        guard let found = memchr(base + start, Int32(less), p.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Text with XML entities (`&amp;`, `&#10;`) and the spreadsheet escapes of control characters (`_x000D_`)
    /// decoded.
    static func decode(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        appendDecoded(text, to: &out)
        return out
    }

    static func appendDecoded(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var plain = true
        for byte in text where byte == ampersand || byte == underscore { plain = false; break }
        if plain { out.append(contentsOf: text); return }
        var i = 0
        let count = text.count
        while i < count {
            let byte = text[i]
            if byte == ampersand, let semicolon = (i + 1..<min(count, i + 12)).first(where: { text[$0] == UInt8(ascii: ";") }) {
                let entity = String(decoding: UnsafeBufferPointer(rebasing: text[i + 1..<semicolon]), as: UTF8.self)
                var scalar: Unicode.Scalar?
                switch entity {
                case "amp": scalar = "&"
                case "lt": scalar = "<"
                case "gt": scalar = ">"
                case "quot": scalar = "\""
                case "apos": scalar = "'"
                default:
                    if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                        scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                    } else if entity.hasPrefix("#") {
                        scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init)
                    }
                }
                if let scalar {
                    out.append(contentsOf: Array(String(scalar).utf8))
                    i = semicolon + 1
                    continue
                }
            }
            // `_xHHHH_`: how spreadsheets store a character XML cannot hold (a carriage return, a tab); `_x005F_`
            // is an underscore that would otherwise start such an escape.
            if byte == underscore, i + 6 < count, text[i + 1] == UInt8(ascii: "x"), text[i + 6] == underscore,
               let value = UInt32(String(decoding: UnsafeBufferPointer(rebasing: text[i + 2..<i + 6]), as: UTF8.self), radix: 16),
               let scalar = Unicode.Scalar(value) {
                out.append(contentsOf: Array(String(scalar).utf8))
                i += 7
                continue
            }
            out.append(byte)
            i += 1
        }
    }

    /// Text for an XML element or attribute value, escaped; control characters other than tab and line feed as
    /// `_xHHHH_`, as spreadsheets write them.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            case "_":
                // An underscore that would read as the start of an escape is itself escaped.
                let rest = scalars[(index + 1)...].prefix(6)
                let looksEscaped = rest.count == 6 && rest.first == "x" && rest.last == "_"
                    && rest.dropFirst().dropLast().allSatisfy { $0.properties.isASCIIHexDigit }
                out += looksEscaped ? "_x005F_" : "_"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    private static func isNameEnd(_ byte: UInt8) -> Bool { isSpace(byte) || byte == greater || byte == slash }

    static let less = UInt8(ascii: "<")
    static let greater = UInt8(ascii: ">")
    static let slash = UInt8(ascii: "/")
    static let colon = UInt8(ascii: ":")
    static let equals = UInt8(ascii: "=")
    static let doubleQuote = UInt8(ascii: "\"")
    static let singleQuote = UInt8(ascii: "'")
    static let ampersand = UInt8(ascii: "&")
    static let underscore = UInt8(ascii: "_")
}
