/// A small HTML parser for tests that read built pages as a browser would: tags with their attributes (quoted,
/// unquoted or bare), void and self-closing elements, comments, doctype, raw text in `script` and `style`, and
/// character references. It builds the element tree so a test can ask for an element's text, not search bytes.
final class HTMLElement {
    let name: String
    let attributes: [String: String]
    private(set) var children: [Node] = []
    weak var parent: HTMLElement?

    enum Node {
        case element(HTMLElement)
        case text(String)
    }

    init(name: String, attributes: [String: String], parent: HTMLElement?) {
        self.name = name
        self.attributes = attributes
        self.parent = parent
    }

    fileprivate func append(_ node: Node) { children.append(node) }

    subscript(attribute: String) -> String? { attributes[attribute] }

    var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }

    /// The text of the element and its descendants, whitespace runs folded to one space, trimmed.
    var text: String {
        var out = ""
        func walk(_ element: HTMLElement) {
            for child in element.children {
                switch child {
                case .text(let text): out += text
                case .element(let inner): walk(inner)
                }
            }
        }
        walk(self)
        return out.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// The elements directly below this one, in document order.
    var elementChildren: [HTMLElement] {
        children.compactMap { if case .element(let inner) = $0 { inner } else { nil } }
    }

    /// Every element below this one, in document order.
    var descendants: [HTMLElement] {
        var out: [HTMLElement] = []
        func walk(_ element: HTMLElement) {
            for case .element(let inner) in element.children {
                out.append(inner)
                walk(inner)
            }
        }
        walk(self)
        return out
    }

    func all(_ predicate: (HTMLElement) -> Bool) -> [HTMLElement] { descendants.filter(predicate) }
    func all(class name: String) -> [HTMLElement] { all { $0.classes.contains(name) } }
    func all(tag: String) -> [HTMLElement] { all { $0.name == tag } }

    /// The nearest enclosing element (or this one) named `tag`.
    func closest(tag: String) -> HTMLElement? {
        var current: HTMLElement? = self
        while let element = current, element.name != tag { current = element.parent }
        return current
    }

    /// The nearest enclosing element (or this one) that has `attribute`.
    func closest(withAttribute attribute: String) -> HTMLElement? {
        var current: HTMLElement? = self
        while let element = current {
            if element.attributes[attribute] != nil { return element }
            current = element.parent
        }
        return nil
    }
}

enum HTMLDocument {
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                                            "source", "track", "wbr"]
    static let rawTextElements: Set<String> = ["script", "style"]

    /// Parses a whole page; the root is a synthetic `#document` element.
    static func parse(_ html: String) -> HTMLElement {
        let root = HTMLElement(name: "#document", attributes: [:], parent: nil)
        var stack = [root]
        let bytes = Array(html.utf8)
        var i = 0
        var textStart = 0

        func flushText(upTo end: Int) {
            guard end > textStart else { return }
            let raw = String(decoding: bytes[textStart..<end], as: UTF8.self)
            stack.last!.append(.text(decodeEntities(raw)))
        }
        func isNameByte(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x3A || b == 0x5F
        }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C }
        func find(_ needle: String, from start: Int) -> Int? {
            let n = Array(needle.utf8)
            var j = start
            search: while j + n.count <= bytes.count {
                for k in n.indices where bytes[j + k] != n[k] { j += 1; continue search }
                return j
            }
            return nil
        }

        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<"), i + 1 < bytes.count else { i += 1; continue }
            let next = bytes[i + 1]
            if next == UInt8(ascii: "!") {
                flushText(upTo: i)
                if let end = (bytes.count > i + 3 && bytes[i + 2] == 0x2D && bytes[i + 3] == 0x2D)
                    ? find("-->", from: i + 4).map({ $0 + 3 }) : find(">", from: i).map({ $0 + 1 }) {
                    i = end
                } else { i = bytes.count }
                textStart = i
                continue
            }
            if next == UInt8(ascii: "/") {
                flushText(upTo: i)
                var j = i + 2
                while j < bytes.count && isNameByte(bytes[j]) { j += 1 }
                let name = String(decoding: bytes[(i + 2)..<j], as: UTF8.self).lowercased()
                i = (find(">", from: j) ?? bytes.count - 1) + 1
                textStart = i
                // An end tag closes the innermost open element of its name (and anything left open inside it).
                if let index = stack.lastIndex(where: { $0.name == name }), index > 0 { stack.removeSubrange(index...) }
                continue
            }
            guard isNameByte(next) else { i += 1; continue }
            flushText(upTo: i)
            var j = i + 1
            while j < bytes.count && isNameByte(bytes[j]) { j += 1 }
            let name = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
            var attributes: [String: String] = [:]
            var selfClosing = false
            // Attributes until `>`: name, name=value, name="value", name='value'.
            while j < bytes.count {
                while j < bytes.count && isSpace(bytes[j]) { j += 1 }
                guard j < bytes.count else { break }
                if bytes[j] == UInt8(ascii: ">") { j += 1; break }
                if bytes[j] == UInt8(ascii: "/") { selfClosing = true; j += 1; continue }
                let nameStart = j
                while j < bytes.count && !isSpace(bytes[j]) && bytes[j] != UInt8(ascii: "=") && bytes[j] != UInt8(ascii: ">")
                        && !(bytes[j] == UInt8(ascii: "/") && j + 1 < bytes.count && bytes[j + 1] == UInt8(ascii: ">")) { j += 1 }
                let attributeName = String(decoding: bytes[nameStart..<j], as: UTF8.self).lowercased()
                while j < bytes.count && isSpace(bytes[j]) { j += 1 }
                var value = ""
                if j < bytes.count && bytes[j] == UInt8(ascii: "=") {
                    j += 1
                    while j < bytes.count && isSpace(bytes[j]) { j += 1 }
                    if j < bytes.count && (bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'")) {
                        let quote = bytes[j]
                        let valueStart = j + 1
                        j = valueStart
                        while j < bytes.count && bytes[j] != quote { j += 1 }
                        value = String(decoding: bytes[valueStart..<min(j, bytes.count)], as: UTF8.self)
                        j += 1
                    } else {
                        let valueStart = j
                        while j < bytes.count && !isSpace(bytes[j]) && bytes[j] != UInt8(ascii: ">") { j += 1 }
                        value = String(decoding: bytes[valueStart..<j], as: UTF8.self)
                    }
                }
                if !attributeName.isEmpty, attributes[attributeName] == nil { attributes[attributeName] = decodeEntities(value) }
            }
            let lowered = name.lowercased()
            let element = HTMLElement(name: lowered, attributes: attributes, parent: stack.last)
            stack.last!.append(.element(element))
            i = j
            if rawTextElements.contains(lowered) {
                let end = find("</" + lowered, from: i) ?? bytes.count
                element.append(.text(String(decoding: bytes[i..<end], as: UTF8.self)))
                i = end
                textStart = i
                continue
            }
            if !selfClosing && !voidElements.contains(lowered) { stack.append(element) }
            textStart = i
        }
        flushText(upTo: bytes.count)
        return root
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`, `&apos;`, `&nbsp;`, `&#NNN;`, `&#xHH;`.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[amp...]
            guard let semi = after.prefix(12).firstIndex(of: ";") else { out += "&"; rest = after.dropFirst(); continue }
            let entity = after[after.index(after: amp)..<semi]
            var decoded: String?
            switch entity {
            case "amp": decoded = "&"
            case "lt": decoded = "<"
            case "gt": decoded = ">"
            case "quot": decoded = "\""
            case "apos": decoded = "'"
            case "nbsp": decoded = "\u{00A0}"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let code = UInt32(entity.dropFirst(2), radix: 16) {
                    decoded = Unicode.Scalar(code).map { String(Character($0)) }
                } else if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()) {
                    decoded = Unicode.Scalar(code).map { String(Character($0)) }
                }
            }
            if let decoded {
                out += decoded
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after.dropFirst()
            }
        }
        out += rest
        return out
    }
}
