/// A Mustache template compiled once (parsed into a node tree, then into a flat program of instructions) and rendered
/// straight into bytes.
///
/// Supported (the Mustache spec plus inheritance): `{{name}}` (HTML-escaped), `{{{name}}}` and `{{& name}}`
/// (raw), dotted names and `{{.}}`, sections `{{#name}}…{{/name}}` over lists, objects and flags, inverted
/// sections `{{^name}}…{{/name}}`, comments `{{! … }}`, partials `{{> name}}`, parents `{{< name}}` with blocks
/// `{{$name}}…{{/name}}`, set delimiters `{{=<% %>=}}`, and one function, `empty(name)`.
/// A tag alone on its line (other than a variable) takes the whole line with it, as the spec says.
/// Not supported: lambdas, and re-indenting a standalone partial's lines.
public struct Template: Sendable {
    /// The parsed tree, compiled into the flat form the renderer walks.
    let program: TemplateProgram

    /// Every `{{> name}}` and `{{< name}}` this template names, with where it names it.
    public let references: [TemplateReference]

    /// `compactWhitespace`: see `WhitespaceCompactor` (the site's HTML and XML templates; off for plain Mustache).
    public init(source: String, compactWhitespace: Bool = false) throws(TemplateSyntaxError) {
        var parser = TemplateParser(Array(source.utf8))
        let (parsed, references) = try parser.parse()
        self.references = references
        var nodes = parsed
        if compactWhitespace {
            var compactor = WhitespaceCompactor()
            nodes = compactor.compact(parsed)
        }
        program = TemplateProgram(nodes)
    }
}

/// Shrinks the whitespace a template's own text puts between tags, once, when the template is compiled, so no page
/// carries its indentation: every run of spaces, tabs and line breaks that holds a line break becomes one line break.
/// A browser treats any such run like a single space (or ignores it between blocks), so the page reads and lays out
/// the same; nothing inside `<pre>` or `<textarea>` is touched, nor anything a variable inserts.
///
/// The same holds across tags: a section tag alone on its line takes its line with it (the Mustache rule), so the
/// text after it starts with the next line's indentation, and the line break before it is in the text before the
/// tag. Such leading spaces and tabs go too, when every way the page can reach them comes right after a line
/// break of the template's own text: a section's body when the text before the section and the body itself both
/// end a line (so every item starts on a line of its own), the text after a section likewise.
struct WhitespaceCompactor {
    /// Inside a `<pre>` or `<textarea>` of the template's own text (across nodes, in document order).
    private var preserving = false
    /// Whatever the page has at this point of the template, it ends with a line break of the template's own text:
    /// the next text's leading spaces and tabs are indentation. False after anything a variable, partial or
    /// overridable block inserts.
    private var lineStart = false

    mutating func compact(_ nodes: [TemplateNode]) -> [TemplateNode] {
        nodes.map { node in
            switch node {
            case .text(let bytes): return .text(compact(bytes))
            case .section(let name, let children, let inverted):
                // Items follow the text before the section or the previous item; the text after the section
                // follows the last item or, with none, the text before it.
                let endsLine = lineStart && Self.endsLine(children[...])
                lineStart = endsLine
                let body = compact(children)
                lineStart = endsLine
                return .section(name, body, inverted: inverted)
            case .block(let name, let children):
                // A child template may replace the block: nothing is known of its ends.
                lineStart = false
                let body = compact(children)
                lineStart = false
                return .block(name, body)
            case .parent(let name, let overrides):
                var compacted: [String: [TemplateNode]] = [:]
                for key in overrides.keys.sorted() {
                    lineStart = false
                    compacted[key] = compact(overrides[key]!)
                }
                lineStart = false
                return .parent(name, overrides: compacted)
            case .variable, .partial:
                lineStart = false
                return node
            }
        }
    }

    /// Whatever the nodes render ends with a line break of their own text (which compacting keeps), or is nothing:
    /// the last node is text ending a line, or a section that ends one, after nodes that do too.
    private static func endsLine(_ nodes: ArraySlice<TemplateNode>) -> Bool {
        switch nodes.last {
        case nil: return true
        case .text(let bytes):
            guard let last = bytes.lastIndex(where: { !isSpace($0) || $0 == newline }) else { return false }
            return bytes[last] == newline
        case .section(_, let children, _): return endsLine(children[...]) && endsLine(nodes.dropLast())
        case .variable, .partial, .parent, .block: return false
        }
    }

    private static let newline = UInt8(ascii: "\n")

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == newline
    }

    private mutating func compact(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        if lineStart, !preserving {
            // Indentation at the start of a line the template's text before this node ended.
            while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        }
        defer { if !out.isEmpty { lineStart = out.last == Self.newline && !preserving } }
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "<") { notePreserving(bytes, at: i) }
            guard !preserving, Self.isSpace(bytes[i]) else {
                out.append(bytes[i])
                i += 1
                continue
            }
            var end = i
            var hasNewline = false
            while end < bytes.count, Self.isSpace(bytes[end]) {
                if bytes[end] == Self.newline { hasNewline = true }
                end += 1
            }
            if hasNewline { out.append(Self.newline) } else { out.append(contentsOf: bytes[i..<end]) }
            i = end
        }
        return out
    }

    /// Opening `<pre` or `<textarea` starts preserving; the closing tag ends it (names in ASCII, any case).
    private static let pre = Array("pre".utf8), textarea = Array("textarea".utf8)

    private mutating func notePreserving(_ bytes: [UInt8], at i: Int) {
        func name(at start: Int, _ w: [UInt8]) -> Bool {
            guard start + w.count <= bytes.count else { return false }
            for k in 0..<w.count where bytes[start + k] | 0x20 != w[k] { return false }
            let after = start + w.count
            return after == bytes.count || !((bytes[after] | 0x20) >= UInt8(ascii: "a") && (bytes[after] | 0x20) <= UInt8(ascii: "z"))
        }
        let closing = i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "/")
        let start = closing ? i + 2 : i + 1
        if name(at: start, Self.pre) || name(at: start, Self.textarea) { preserving = !closing }
    }
}

/// A template compiled into one flat list of instructions made of plain integers, over pools of literal bytes,
/// names and keys. Rendering walks it through buffer pointers without touching a reference count. The node tree
/// the parser builds is shared by every page on both cores: walking it copied each node, its name and its body,
/// an atomic increment and decrement on memory both cores were writing (retain and release were a quarter of a
/// build's time, the renderer's share of them ≈ 12 %).
final class TemplateProgram: @unchecked Sendable {
    // `@unchecked`: the buffers below are written once, in `init`, only read after, and freed in `deinit`.
    struct Instruction {
        enum Kind: UInt8 { case text, variable, rawVariable, section, invertedSection, partial, parent, block }
        var kind: Kind
        /// variable, section: the byte count of the template's text just before the tag, which this instruction
        /// writes first (0: none), from byte `c` of `bytes`. (In the padding after `kind`: no larger instruction.)
        var textBefore: UInt16 = 0
        /// text: first byte in `bytes`; variable, section: index in `names`; partial, parent, block: in `strings`.
        var a: Int32
        /// text: byte count; section, block, parent: the index of the instruction after its body.
        var b: Int32 = 0
        /// parent: the index of its block overrides in `overrides`; variable, section: the first byte in `bytes` of
        /// the text before the tag (`textBefore`).
        var c: Int32 = 0
    }

    /// A name as the renderer reads it: plain integers into `keys`.
    struct Name {
        var firstKey: Int32
        var keyCount: Int32
        var isImplicitIterator: Bool
        var isEmptyFunction: Bool
    }

    /// The pools the renderer walks: memory this program owns (allocated once, freed when it ends), so that the
    /// renderer reads them through plain pointers, with no array to retain per template rendered.
    let code: UnsafeBufferPointer<Instruction>
    let bytes: UnsafeBufferPointer<UInt8>
    let names: UnsafeBufferPointer<Name>
    let keys: UnsafeBufferPointer<TemplateKey>
    /// The names as parsed, for strict mode's reports (the slow path after a miss).
    let parsedNames: [TemplateName]
    let strings: [String]
    /// Per parent tag, the blocks it overrides: each block's name and body (a range of `code`), in name order. A short
    /// list searched by comparing names: a Dictionary would hash the name with SipHash on every block of every page.
    let overrides: [[(name: String, body: Range<Int>)]]

    init(_ nodes: [TemplateNode]) {
        var code: [Instruction] = [], bytes: [UInt8] = [], names: [Name] = [], keys: [TemplateKey] = []
        var parsedNames: [TemplateName] = [], strings: [String] = [], overrides: [[(name: String, body: Range<Int>)]] = []
        func name(_ parsed: TemplateName) -> Int32 {
            parsedNames.append(parsed)
            names.append(Name(firstKey: Int32(keys.count), keyCount: Int32(parsed.parts.count),
                              isImplicitIterator: parsed.isImplicitIterator, isEmptyFunction: parsed.function == .empty))
            keys += parsed.parts
            return Int32(names.count - 1)
        }
        func string(_ text: String) -> Int32 {
            strings.append(text)
            return Int32(strings.count - 1)
        }
        /// The text just before a value or a section (`<td>{{value}}`, `<td>{{#status}}`), when `nodes[index - 1]` is
        /// one, is written by the tag's own instruction: one step of the renderer's loop fewer for most tags of every
        /// page. That text is the last instruction made, and is taken back.
        func takeText(before index: Int, of nodes: [TemplateNode], into instruction: inout Instruction) {
            guard index > 0, case .text = nodes[index - 1], let text = code.last, text.b <= Int32(UInt16.max) else { return }
            code.removeLast()
            (instruction.c, instruction.textBefore) = (text.a, UInt16(text.b))
        }
        func emit(_ nodes: [TemplateNode]) {
            for (index, node) in nodes.enumerated() {
                switch node {
                case .text(let text):
                    code.append(Instruction(kind: .text, a: Int32(bytes.count), b: Int32(text.count)))
                    bytes += text
                case .variable(let parsed, let escaped):
                    var variable = Instruction(kind: escaped ? .variable : .rawVariable, a: name(parsed))
                    takeText(before: index, of: nodes, into: &variable)
                    code.append(variable)
                case .section(let parsed, let body, let inverted):
                    var section = Instruction(kind: inverted ? .invertedSection : .section, a: name(parsed))
                    takeText(before: index, of: nodes, into: &section)
                    let at = code.count
                    code.append(section)
                    emit(body)
                    code[at].b = Int32(code.count)
                case .partial(let partial):
                    code.append(Instruction(kind: .partial, a: string(partial)))
                case .block(let block, let body):
                    let at = code.count
                    code.append(Instruction(kind: .block, a: string(block)))
                    emit(body)
                    code[at].b = Int32(code.count)
                case .parent(let parent, let blocks):
                    let at = code.count
                    code.append(Instruction(kind: .parent, a: string(parent)))
                    var bodies: [(name: String, body: Range<Int>)] = []
                    for (block, body) in blocks.sorted(by: { $0.key < $1.key }) {
                        let start = code.count
                        emit(body)
                        bodies.append((block, start..<code.count))
                    }
                    overrides.append(bodies)
                    code[at].b = Int32(code.count)
                    code[at].c = Int32(overrides.count - 1)
                }
            }
        }
        emit(nodes)
        // Sixteen bytes of padding, so that the renderer may read any text as two words (`ByteBuffer.append(words:count:)`).
        bytes += repeatElement(0, count: 16)
        (self.code, self.bytes, self.names, self.keys) = (owned(code), owned(bytes), owned(names), owned(keys))
        (self.parsedNames, self.strings, self.overrides) = (parsedNames, strings, overrides)
    }

    deinit {
        code.deallocate()
        bytes.deallocate()
        names.deallocate()
        UnsafeMutableBufferPointer(mutating: keys).deinitialize().deallocate()
    }
}

/// A copy of `array` in memory of its own (at least one element's room, so that the address exists), for an owner
/// that frees it when it ends.
private func owned<T>(_ array: [T]) -> UnsafeBufferPointer<T> {
    let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
    _ = buffer.initialize(from: array)
    return UnsafeBufferPointer(start: buffer.baseAddress, count: array.count)
}

public struct TemplateReference: Sendable, Equatable {
    public enum Kind: Sendable { case partial, parent }
    public var kind: Kind
    public var name: String
    public var line: Int
    public var column: Int
}

public struct TemplateSyntaxError: Error, Sendable, Equatable {
    public var line: Int
    public var column: Int
    public var message: String
    public var hint: String?
}

enum TemplateFunction: Sendable { case empty }

struct TemplateName: Sendable {
    /// `["."]` for the implicit iterator; otherwise the dotted parts, hashed once when the template is compiled.
    let parts: [TemplateKey]
    let function: TemplateFunction?
    /// Where the tag is in its template (for strict mode's reports).
    let line: Int
    let column: Int
    /// `{{.}}`: decided once here rather than by comparing keys on every lookup.
    let isImplicitIterator: Bool

    init(parts: [TemplateKey], function: TemplateFunction?, line: Int, column: Int) {
        self.parts = parts
        self.function = function
        self.line = line
        self.column = column
        isImplicitIterator = parts.first?.text == "."
    }
}

indirect enum TemplateNode: Sendable {
    case text([UInt8])
    case variable(TemplateName, escaped: Bool)
    case section(TemplateName, [TemplateNode], inverted: Bool)
    case partial(String)
    case parent(String, overrides: [String: [TemplateNode]])
    case block(String, [TemplateNode])
}

// MARK: - Parsing

struct TemplateParser {
    private let bytes: [UInt8]
    private var position = 0
    /// The last position whose line was counted, so that finding the line of each tag stays linear.
    private var counted = (offset: 0, line: 1, lineStart: 0)
    private static let defaultOpen: [UInt8] = Array("{{".utf8)
    private var open: [UInt8] = TemplateParser.defaultOpen
    private var close: [UInt8] = Array("}}".utf8)

    private struct Frame {
        enum Kind { case root, section(inverted: Bool), parent, block }
        var kind: Kind
        var rawName: String
        var name: TemplateName?
        var offset: Int
        var nodes: [TemplateNode] = []
    }

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func parse() throws(TemplateSyntaxError) -> ([TemplateNode], [TemplateReference]) {
        var frames = [Frame(kind: .root, rawName: "", offset: 0)]
        var references: [TemplateReference] = []
        var textStart = 0
        var lineStart = 0
        var lineHasContent = false

        func appendText(_ range: Range<Int>, to frames: inout [Frame]) {
            guard !range.isEmpty else { return }
            if case .text(let previous)? = frames[frames.count - 1].nodes.last {
                frames[frames.count - 1].nodes[frames[frames.count - 1].nodes.count - 1] = .text(previous + bytes[range])
            } else {
                frames[frames.count - 1].nodes.append(.text(Array(bytes[range])))
            }
        }

        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\n") {
                position += 1
                lineStart = position
                lineHasContent = false
                continue
            }
            guard matches(open, at: position) else {
                if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\r") { lineHasContent = true }
                position += 1
                continue
            }
            let tagStart = position
            let tagLine = place(of: tagStart)
            let tag = try readTag()
            // A non-variable tag alone on its line removes the line (its indentation and its newline).
            var standaloneEnd: Int?
            if tag.isStandaloneKind && !lineHasContent {
                var cursor = position
                while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\t") { cursor += 1 }
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\r"), cursor + 1 < bytes.count, bytes[cursor + 1] == UInt8(ascii: "\n") {
                    standaloneEnd = cursor + 2
                } else if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\n") {
                    standaloneEnd = cursor + 1
                } else if cursor == bytes.count {
                    standaloneEnd = cursor
                }
            }
            if let end = standaloneEnd {
                appendText(textStart..<lineStart, to: &frames)
                position = end
                lineStart = end
                lineHasContent = false
            } else {
                appendText(textStart..<tagStart, to: &frames)
                lineHasContent = true
            }
            textStart = position

            switch tag.sigil {
            case "!":
                break
            case "=":
                try setDelimiters(tag.content, at: tagStart)
            case "#", "^":
                let name = try parseName(tag.content, at: tagStart, place: tagLine)
                frames.append(Frame(kind: .section(inverted: tag.sigil == "^"), rawName: tag.content, name: name, offset: tagStart))
            case "$":
                try requireName(tag.content, at: tagStart)
                frames.append(Frame(kind: .block, rawName: tag.content, offset: tagStart))
            case "<":
                try requireName(tag.content, at: tagStart)
                references.append(TemplateReference(kind: .parent, name: tag.content, line: tagLine.line, column: tagLine.column))
                frames.append(Frame(kind: .parent, rawName: tag.content, offset: tagStart))
            case ">":
                try requireName(tag.content, at: tagStart)
                references.append(TemplateReference(kind: .partial, name: tag.content, line: tagLine.line, column: tagLine.column))
                frames[frames.count - 1].nodes.append(.partial(tag.content))
            case "/":
                let frame = frames.removeLast()
                if case .root = frame.kind {
                    throw error(at: tagStart, "`\(describe(open))/\(tag.content)\(describe(close))` closes a section that was never opened",
                                hint: "remove it, or add the matching `\(describe(open))#\(tag.content)\(describe(close))` above")
                }
                guard frame.rawName == tag.content else {
                    let (line, _) = location(of: frame.offset)
                    throw error(at: tagStart,
                                "a closing tag `\(describe(open))/\(tag.content)\(describe(close))` does not match the section it closes, `\(frame.rawName)` (opened on line \(line))",
                                hint: "close it with `\(describe(open))/\(frame.rawName)\(describe(close))`")
                }
                let node: TemplateNode
                switch frame.kind {
                case .root: fatalError("unreachable")
                case .section(let inverted): node = .section(frame.name!, frame.nodes, inverted: inverted)
                case .block: node = .block(frame.rawName, frame.nodes)
                case .parent:
                    var overrides: [String: [TemplateNode]] = [:]
                    for case .block(let name, let body) in frame.nodes { overrides[name] = body }
                    node = .parent(frame.rawName, overrides: overrides)
                }
                frames[frames.count - 1].nodes.append(node)
            case "&", "{":
                frames[frames.count - 1].nodes.append(.variable(try parseName(tag.content, at: tagStart, place: tagLine), escaped: false))
            default:
                frames[frames.count - 1].nodes.append(.variable(try parseName(tag.content, at: tagStart, place: tagLine), escaped: true))
            }
        }
        appendText(textStart..<bytes.count, to: &frames)
        if frames.count > 1 {
            let unclosed = frames[frames.count - 1]
            throw error(at: unclosed.offset, "a section `\(unclosed.rawName)` is never closed",
                        hint: "add `{{/\(unclosed.rawName)}}` where it should end")
        }
        return (frames[0].nodes, references)
    }

    private struct Tag {
        var sigil: Character?
        var content: String
        var isStandaloneKind: Bool {
            switch sigil {
            case "!", "=", "#", "^", "$", "<", ">", "/": true
            default: false
            }
        }
    }

    /// Reads the tag at `position` (which starts with the open delimiter) and moves past it.
    private mutating func readTag() throws(TemplateSyntaxError) -> Tag {
        let start = position
        position += open.count
        var sigil: Character?
        var closing = close
        if position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "{") where open == Self.defaultOpen:
                sigil = "{"
                closing = [UInt8(ascii: "}")] + close
                position += 1
            case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "/"), UInt8(ascii: ">"),
                 UInt8(ascii: "<"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "="):
                sigil = Character(Unicode.Scalar(byte))
                position += 1
            default:
                break
            }
        }
        if sigil == "=" { closing = [UInt8(ascii: "=")] + close }
        var cursor = position
        while cursor + closing.count <= bytes.count, !matches(closing, at: cursor) { cursor += 1 }
        guard cursor + closing.count <= bytes.count else {
            throw error(at: start, "a tag is not closed with `\(describe(closing))`", hint: "add `\(describe(closing))` after the tag's name")
        }
        let content = String(decoding: bytes[position..<cursor], as: UTF8.self)
        position = cursor + closing.count
        let trimmed = content.trimmingASCIIWhitespace()
        if sigil != "!" && sigil != "=" && trimmed.isEmpty {
            throw error(at: start, "a tag has no name", hint: "write the name of a value between the braces, e.g. `{{title}}`")
        }
        return Tag(sigil: sigil, content: sigil == "!" ? content : trimmed)
    }

    private mutating func setDelimiters(_ content: String, at offset: Int) throws(TemplateSyntaxError) {
        let parts = content.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard parts.count == 2, !parts[0].contains("="), !parts[1].contains("=") else {
            throw error(at: offset, "the set-delimiter tag is badly formed", hint: "write it as `{{=<% %>=}}`")
        }
        open = Array(parts[0].utf8)
        close = Array(parts[1].utf8)
    }

    private func requireName(_ content: String, at offset: Int) throws(TemplateSyntaxError) {
        // None of the three bytes: none of the three characters (the check by characters, which reads grapheme by
        // grapheme, is ten times slower and ran for every tag of every template).
        guard content.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }) else { return }
        if content.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            throw error(at: offset, "`\(content)` is not a name (it contains a space)", hint: nil)
        }
    }

    private func parseName(_ content: String, at offset: Int,
                           place: (line: Int, column: Int)) throws(TemplateSyntaxError) -> TemplateName {
        try requireName(content, at: offset)
        if content.utf8.contains(UInt8(ascii: "(")), let paren = content.firstIndex(of: "(") {
            let function = content[..<paren]
            guard content.hasSuffix(")") else {
                throw error(at: offset, "`\(content)` is missing its closing parenthesis", hint: "write `\(content))`")
            }
            guard function == "empty" else {
                throw error(at: offset, "unknown function `\(function)`", hint: "the templates know one function, `empty(name)`")
            }
            let argument = String(content[content.index(after: paren)..<content.index(before: content.endIndex)])
            return TemplateName(parts: try parts(of: argument, at: offset).map(TemplateKey.init), function: .empty,
                                line: place.line, column: place.column)
        }
        return TemplateName(parts: try parts(of: content, at: offset).map(TemplateKey.init), function: nil,
                            line: place.line, column: place.column)
    }

    private func parts(of name: String, at offset: Int) throws(TemplateSyntaxError) -> [String] {
        if name == "." { return ["."] }
        // An ASCII name (every name the theme has) split by its bytes: the same parts, without reading characters.
        let parts = name.utf8.allSatisfy({ $0 < 0x80 })
            ? name.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            : name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.contains(where: \.isEmpty) {
            throw error(at: offset, "`\(name)` is not a name (a dot with nothing on one side)", hint: nil)
        }
        return parts
    }

    private func matches(_ pattern: [UInt8], at index: Int) -> Bool {
        guard index + pattern.count <= bytes.count else { return false }
        for offset in 0..<pattern.count where bytes[index + offset] != pattern[offset] { return false }
        return true
    }

    private func describe(_ delimiter: [UInt8]) -> String { String(decoding: delimiter, as: UTF8.self) }

    /// Line and column of `offset`, counting on from the previous call (tags come in order).
    private mutating func place(of offset: Int) -> (line: Int, column: Int) {
        if offset < counted.offset { counted = (0, 1, 0) }
        for index in counted.offset..<offset where bytes[index] == UInt8(ascii: "\n") {
            counted.line += 1
            counted.lineStart = index + 1
        }
        counted.offset = offset
        return (counted.line, Self.characterCount(bytes[counted.lineStart..<offset]) + 1)
    }

    func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, Self.characterCount(bytes[lineStart..<min(offset, bytes.count)]) + 1)
    }

    /// The characters in part of a line (no line break in it): one per byte when all are ASCII (a lone `\r` is
    /// one character too), else counted as Swift counts them.
    static func characterCount(_ line: ArraySlice<UInt8>) -> Int {
        line.allSatisfy({ $0 < 0x80 }) ? line.count : String(decoding: line, as: UTF8.self).count
    }

    private func error(at offset: Int, _ message: String, hint: String?) -> TemplateSyntaxError {
        let (line, column) = location(of: offset)
        return TemplateSyntaxError(line: line, column: column, message: message, hint: hint)
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else { return "" }
        let last = utf8.lastIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D })!
        return String(self[first...last])
    }
}

// MARK: - Rendering

/// Templates by name (`layout`, `partials/header`), for partials and parents.
public struct TemplateLibrary: Sendable {
    /// The templates in the order registered (a template's slot), and their names.
    private(set) var templates: [Template] = []
    private(set) var names: [String] = []
    private var slots: [String: Int] = [:]
    /// Per slot, per entry of its program's `strings` (the names its partials, parents and blocks give): the slot
    /// of the template that name is, or -1. Resolved when templates are registered, so rendering a partial or a
    /// parent is an array read (looking each up by name hashed it with SipHash: ≈ 0.8 % of a build).
    private(set) var links: [[Int]] = []
    /// Per slot, where its program's keys start in one numbering of every template's keys, and that numbering's
    /// size: each render keeps a hint per key (`TemplateFields.valuePointer(_:hint:)`).
    private(set) var keyBases: [Int] = []
    private(set) var keyTotal = 0
    /// The hints of renders past, for the next render to start from.
    private(set) var hints = KeyHintPool(count: 0)
    /// Per slot, the pools the renderer reads (`TemplateRenderer.Pools`), made when templates are registered.
    private(set) var table = RenderTable([], links: [], keyBases: [])

    public init() {}

    public mutating func register(_ template: Template, named name: String) {
        if let slot = slots[name] {
            templates[slot] = template
        } else {
            slots[name] = templates.count
            templates.append(template)
            names.append(name)
        }
        links = templates.map { $0.program.strings.map { slots[$0] ?? -1 } }
        keyBases = []
        keyTotal = 0
        for template in templates {
            keyBases.append(keyTotal)
            keyTotal += template.program.keys.count
        }
        // A hint per key, then the size of the last page of each template.
        hints = KeyHintPool(count: keyTotal + templates.count)
        table = RenderTable(templates.map(\.program), links: links, keyBases: keyBases)
    }

    public func contains(_ name: String) -> Bool { slots[name] != nil }

    /// Renders the template `name` with `context` as the root; nil when there is no such template.
    public func render(_ context: TemplateValue, template name: String) -> [UInt8]? {
        var ignored: [TemplateMiss]?
        return render(context, template: name, misses: &ignored)
    }

    /// Renders as above; when `misses` is not nil (strict mode), adds to it every name a template asked for that
    /// the model did not have, in any enclosing object.
    public func render(_ context: TemplateValue, template name: String, misses: inout [TemplateMiss]?) -> [UInt8]? {
        guard let slot = slots[name] else { return nil }
        var renderer = TemplateRenderer(library: self, current: slot)
        renderer.misses = misses
        // The page is written straight into the array returned, made as large as the last page of this template
        // and a quarter more (`pageSizeHint`): a page copied from the renderer's buffer into an array cost a copy
        // of every page byte. A page that outgrows it is finished in the buffer's own memory and copied once.
        let page = ByteBuffer.array(capacity: renderer.pageSizeHint(slot)) { page in
            swap(&renderer.out, &page)
            // The renderer borrows the model (see `TemplateFields.valuePointer`): `context` is alive and unchanged
            // until the render returns.
            withUnsafePointer(to: context) { root in
                renderer.push(root)
                renderer.render(slot)
            }
            swap(&renderer.out, &page)
        }
        renderer.notePageSize(slot, page.count)
        misses = renderer.misses
        // A page much smaller than the one before it gives back the room it did not use.
        if page.capacity > 2 * page.count + 4096 { return page.withUnsafeBufferPointer { Array($0) } }
        return page
    }
}

/// A name a template asked for that its model did not have: it rendered as nothing (strict mode reports it).
public struct TemplateMiss: Hashable, Sendable {
    /// The template's name (`partials/header`).
    public var template: String
    public var line: Int
    public var column: Int
    /// The name as written (`t.partners`, `empty(rows)`).
    public var name: String
    /// The part that was not found (`partners` in `t.partners`), and what the model had in its place.
    public var missing: String
    public var candidates: [String]
}

/// Per registered template, the pools the renderer reads (`TemplateRenderer.Pools` but for the hints, which are
/// each render's): plain pointers into its program's memory, and the slots its `strings` name, in memory this table
/// owns. Rendering a template or a partial is then a read of plain pointers: taking each array's buffer for every
/// template rendered retained and released its program and its links (≈ 150,000 atomic operations on the
/// 4-initiative site, on objects both cores share).
final class RenderTable: @unchecked Sendable {
    // `@unchecked`: the memory is written once, here, only read after, and freed in `deinit`.
    struct Slot {
        /// Kept alive by the table (`unowned(unsafe)`: copying it is not a retain). Read only off the hot path
        /// (parents, blocks, strict mode's reports); the renderer reads the pools below.
        unowned(unsafe) let program: TemplateProgram
        let code: UnsafeBufferPointer<TemplateProgram.Instruction>
        let bytes: UnsafeBufferPointer<UInt8>
        let names: UnsafeBufferPointer<TemplateProgram.Name>
        let keys: UnsafeBufferPointer<TemplateKey>
        /// The slots of the templates the program's `strings` name (-1: none).
        let links: UnsafeBufferPointer<Int>
        /// Where the program's keys start in a render's hints (`TemplateLibrary.keyBases`).
        let keyBase: Int
    }

    /// Per slot (at least one, so that the address exists).
    let slots: UnsafeMutablePointer<Slot>
    /// Keeps alive the programs the slots name.
    private let programs: [TemplateProgram]

    init(_ programs: [TemplateProgram], links: [[Int]], keyBases: [Int]) {
        self.programs = programs
        slots = .allocate(capacity: max(programs.count, 1))
        for (slot, program) in programs.enumerated() {
            (slots + slot).initialize(to: Slot(
                program: program, code: program.code, bytes: program.bytes, names: program.names, keys: program.keys,
                links: owned(links[slot]), keyBase: keyBases[slot]))
        }
    }

    deinit {
        for slot in programs.indices { slots[slot].links.deallocate() }
        slots.deinitialize(count: programs.count)
        slots.deallocate()
    }
}

struct TemplateRenderer: ~Copyable {
    let library: TemplateLibrary
    /// The slot of the template whose instructions are being rendered (a partial's, a parent's, or the child's that
    /// overrides a block).
    var current: Int
    /// Where the page is written: the memory of the array `TemplateLibrary.render` returns, given before rendering.
    var out = ByteBuffer(capacity: 16)
    /// The objects and items of the sections being rendered, innermost last (`frames`): pointers into the page
    /// model, which is alive and unchanged for the whole render (`TemplateFields.valuePointer`). Entering a section
    /// or a list item pushes a pointer: no copy of the value, so no retain and release of what it holds. Memory of
    /// this renderer's own (an array checked whether it was uniquely referenced at every push and pop).
    private var stack: UnsafeMutablePointer<UnsafePointer<TemplateValue>>
    private var stackCapacity = 16
    private var stackCount = 0
    /// Block overrides of the parents being rendered, the outermost child's first (it wins), with their template.
    var overrides: [(slot: Int, blocks: [(name: String, body: Range<Int>)])] = []
    var depth = 0
    /// Strict mode: nil, or the names not found so far.
    var misses: [TemplateMiss]?
    /// Per key of every template (`TemplateLibrary.keyBases`), the entry of an object where it was last found: the
    /// hint `TemplateFields.valuePointer(_:hint:)` tries first. Taken from the library's pool and given back when
    /// the render ends, so the next page starts from this one's.
    let hints: UnsafeMutablePointer<UInt32>
    /// The library's `table.slots`, alive as long as `library` (which this renderer holds).
    private let table: UnsafeMutablePointer<RenderTable.Slot>

    init(library: TemplateLibrary, current: Int) {
        self.library = library
        self.current = current
        stack = .allocate(capacity: stackCapacity)
        hints = library.hints.take()
        table = library.table.slots
    }

    deinit {
        library.hints.giveBack(hints)
        stack.deallocate()
    }

    /// The objects and items of the sections being rendered, innermost last.
    var frames: UnsafeBufferPointer<UnsafePointer<TemplateValue>> { UnsafeBufferPointer(start: stack, count: stackCount) }

    /// The innermost object or item: nil before the root is pushed.
    var innermost: UnsafePointer<TemplateValue>? { stackCount > 0 ? stack[stackCount - 1] : nil }

    /// Enters `frame` (the root, a section's object or a list's item). Inline in the renderer: a call for every
    /// item of every list cost more than the push itself. Growing the stack (rarely) is not.
    @inline(__always)
    mutating func push(_ frame: UnsafePointer<TemplateValue>) {
        if stackCount == stackCapacity { growStack() }
        (stack + stackCount).initialize(to: frame)
        stackCount += 1
    }

    /// Doubles the room of the stack.
    @inline(never)
    private mutating func growStack() {
        let larger = UnsafeMutablePointer<UnsafePointer<TemplateValue>>.allocate(capacity: stackCapacity * 2)
        larger.moveInitialize(from: stack, count: stackCount)
        stack.deallocate()
        stack = larger
        stackCapacity *= 2
    }

    /// Leaves the innermost frame.
    mutating func pop() { stackCount -= 1 }

    /// How much room to make for a page of the template in `slot`: the size of the last one rendered with these
    /// hints and a quarter more; 32 KB for the first.
    func pageSizeHint(_ slot: Int) -> Int {
        let last = Int(hints[library.keyTotal + slot])
        return last == 0 ? 32 * 1024 : last + last / 4 + 256
    }

    /// Notes the size of a page of the template in `slot` for `pageSizeHint`.
    func notePageSize(_ slot: Int, _ size: Int) { hints[library.keyTotal + slot] = UInt32(clamping: size) }

    /// Partials and parents may recurse over data; this bounds a template that includes itself unconditionally.
    static let maximumDepth = 64

    /// The pools of one program (its slot in the library's table: plain pointers, copied with no retain), and the
    /// hints of its keys.
    struct Pools {
        let slot: RenderTable.Slot
        /// The hints of the program's keys (`TemplateRenderer.hints`), aligned with `keys`.
        let hints: UnsafeMutablePointer<UInt32>

        var program: TemplateProgram { slot.program }
        var code: UnsafeBufferPointer<TemplateProgram.Instruction> { slot.code }
        var bytes: UnsafeBufferPointer<UInt8> { slot.bytes }
        var names: UnsafeBufferPointer<TemplateProgram.Name> { slot.names }
        var keys: UnsafeBufferPointer<TemplateKey> { slot.keys }
        var links: UnsafeBufferPointer<Int> { slot.links }
    }

    /// Renders the template in `slot`, or `range` of its instructions (a block override) as if it were all of it.
    mutating func render(_ slot: Int, _ range: Range<Int>? = nil) {
        let entry = table[slot]
        run(Pools(slot: entry, hints: hints + entry.keyBase), range ?? 0..<entry.code.count)
    }

    mutating func run(_ pools: Pools, _ range: Range<Int>) {
        var pc = range.lowerBound
        while pc < range.upperBound {
            let op = pools.code[pc]
            pc += 1
            switch op.kind {
            case .text:
                appendText(pools, at: op.a, count: op.b)
            case .variable, .rawVariable:
                if op.textBefore > 0 { appendText(pools, at: op.c, count: Int32(op.textBefore)) }
                let found = resolve(pools, Int(op.a))
                if pools.names[Int(op.a)].isEmptyFunction {
                    out.append(Self.isEmpty(found) ? "true" : "false")
                    continue
                }
                guard let found else { continue }
                if case .bool(let flag) = found.pointee {
                    out.append(flag ? "true" : "false")
                } else if let text = TextBytes(found) {
                    if text.stored == nil, op.kind == .rawVariable || !mayNeedEscape(text.inline) {
                        // A short text with nothing to escape (most values): its two words stored as they are. The
                        // bytes after the text are zero, which is none of the five characters.
                        out.append(words: text.inline, count: text.count)
                    } else {
                        text.withBytes { bytes in
                            if op.kind == .variable { appendEscapedHTML(bytes: bytes, to: &out) } else { out.append(bytes) }
                        }
                    }
                } else if case .text(let text) = found.pointee {
                    // A text whose bytes are not contiguous (not a native string): never made by the page models.
                    if op.kind == .variable { appendEscapedHTML(text, to: &out) } else { out.append(string: text) }
                }
            case .section, .invertedSection:
                if op.textBefore > 0 { appendText(pools, at: op.c, count: Int32(op.textBefore)) }
                let body = pc..<Int(op.b)
                pc = Int(op.b)
                let found = resolve(pools, Int(op.a))
                let inverted = op.kind == .invertedSection
                if pools.names[Int(op.a)].isEmptyFunction {
                    // `empty(name)` is a flag: true when the value is nothing, false, "" or an empty list or object.
                    if Self.isEmpty(found) != inverted { run(pools, body) }
                    continue
                }
                guard let found else {
                    if inverted { run(pools, body) }
                    continue
                }
                if inverted {
                    if !found.pointee.isTruthy { run(pools, body) }
                    continue
                }
                switch found.pointee {
                case .null: break
                case .bool(let flag): if flag { run(pools, body) }
                case .list(let items):
                    // The list's storage belongs to the model, alive and unchanged while it renders: its items are
                    // read in place, not copied (a copy retained the list, and each item's payload).
                    let (first, count) = items.withUnsafeBufferPointer { ($0.baseAddress, $0.count) }
                    guard let first else { break }
                    for offset in 0..<count {
                        push(first + offset)
                        run(pools, body)
                        pop()
                    }
                case .text:
                    if found.pointee.isTruthy {
                        push(found)
                        run(pools, body)
                        pop()
                    }
                case .object:
                    push(found)
                    run(pools, body)
                    pop()
                }
            case .partial:
                let slot = pools.links[Int(op.a)]
                guard depth < Self.maximumDepth, slot >= 0 else { continue }
                depth += 1
                let caller = current
                current = slot
                render(slot)
                current = caller
                depth -= 1
            case .parent:
                pc = Int(op.b)
                let slot = pools.links[Int(op.a)]
                guard depth < Self.maximumDepth, slot >= 0 else { continue }
                depth += 1
                overrides.append((current, pools.program.overrides[Int(op.c)]))
                let child = current
                current = slot
                render(slot)
                current = child
                overrides.removeLast()
                depth -= 1
            case .block:
                let body = pc..<Int(op.b)
                pc = Int(op.b)
                let name = pools.program.strings[Int(op.a)]
                if let (slot, body) = overrideOfBlock(name) {
                    let parent = current
                    current = slot
                    render(slot, body)
                    current = parent
                } else {
                    run(pools, body)
                }
            }
        }
    }

    /// The template's own text of `count` bytes from `offset` in its pool.
    @inline(__always)
    private mutating func appendText(_ pools: Pools, at offset: Int32, count: Int32) {
        if count <= 16 {
            // The pool has 16 bytes after its last text: two words can always be read.
            let raw = UnsafeRawPointer(pools.bytes.baseAddress! + Int(offset))
            out.append(words: (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                       count: Int(count))
        } else {
            out.append(UnsafeBufferPointer(rebasing: pools.bytes[Int(offset)..<Int(offset + count)]))
        }
    }

    /// The UTF-8 bytes of a text of the page model, taken without copying the String (a copy retains its storage
    /// and releases it after, on memory both cores touch): a text longer than 15 bytes is read where the model keeps
    /// it (alive and unchanged while it renders); a shorter one lives inside the String value itself, so its bytes
    /// are copied here. Taking them is a read alone, which lets the compiler borrow the value instead of copying it.
    struct TextBytes {
        var count: Int
        /// Where a long text's bytes are; nil for a short one, whose bytes are in `inline`, followed by zeros.
        var stored: UnsafePointer<UInt8>?
        var inline: (UInt64, UInt64) = (0, 0)

        // Inline in the renderer: a call for every value cost more than taking the bytes of a short text.
        @inline(__always)
        init?(_ value: UnsafePointer<TemplateValue>) {
            guard case .text(let text) = value.pointee else { return nil }
            // A small string (at most 15 bytes) is taken from its own two words (`smallStringBytes`), with no call
            // to copy its bytes out.
            if let small = smallStringBytes(text) {
                self.init(count: small.count, stored: nil)
                inline = small.words
                return
            }
            guard let taken = Self.stored(text) else { return nil }
            self = taken
        }

        /// A text of more than 15 bytes (a native string, not small): out of line, as it is not most values.
        private static func stored(_ text: String) -> TextBytes? {
            text.utf8.withContiguousStorageIfAvailable { bytes -> TextBytes in
                var taken = TextBytes(count: bytes.count, stored: bytes.baseAddress)
                if bytes.count <= MemoryLayout<(UInt64, UInt64)>.size {
                    taken.stored = nil
                    withUnsafeMutableBytes(of: &taken.inline) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
                }
                return taken
            }
        }

        private init(count: Int, stored: UnsafePointer<UInt8>?) {
            self.count = count
            self.stored = stored
        }

        func withBytes(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            if let stored { return body(UnsafeBufferPointer(start: stored, count: count)) }
            withUnsafeBytes(of: inline) { body(UnsafeBufferPointer(rebasing: $0.assumingMemoryBound(to: UInt8.self)[..<count])) }
        }
    }

    /// The outermost child's override of the block `name`: its template and body.
    private func overrideOfBlock(_ name: String) -> (slot: Int, body: Range<Int>)? {
        for override in overrides {
            for block in override.blocks where block.name == name { return (override.slot, block.body) }
        }
        return nil
    }

    /// For `empty(name)`: true for nothing, `false`, `""`, an empty list and an empty object.
    private static func isEmpty(_ value: UnsafePointer<TemplateValue>?) -> Bool { value?.pointee.isEmpty ?? true }

    /// Where the value of the name `index` is in the page model; nil when the model lacks it (it renders as nothing).
    /// Most names are one key, in the innermost object, at the entry where it was found last time: that check is
    /// made here, inline in the renderer, where a call for it (saving and restoring registers, the name read again
    /// after it) cost as much as the check itself, for every value and section of every page. Anything else (a
    /// dotted name, `.`, a guess that missed, strict mode) is `resolveSlowly`.
    @inline(__always)
    mutating func resolve(_ pools: Pools, _ index: Int) -> UnsafePointer<TemplateValue>? {
        let name = pools.names[index]
        if name.keyCount == 1, !name.isImplicitIterator, misses == nil, stackCount > 0,
           case .object(let fields) = stack[stackCount - 1].pointee,
           let hinted = fields.hintedValuePointer(pools.keys[Int(name.firstKey)], hint: pools.hints + Int(name.firstKey)) {
            return hinted
        }
        return resolveSlowly(pools, index)
    }

    /// `resolve` by the general walk (`lookup`, which tries each object's hinted entry first), with strict mode's
    /// record of a name the model lacks.
    @inline(never)
    mutating func resolveSlowly(_ pools: Pools, _ index: Int) -> UnsafePointer<TemplateValue>? {
        let name = pools.names[index]
        if name.isImplicitIterator { return innermost }
        let first = Int(name.firstKey)
        let found = lookup(UnsafeBufferPointer(rebasing: pools.keys[first..<first + Int(name.keyCount)]), hints: pools.hints + first)
        if misses != nil, found.map({ if case .null = $0.pointee { true } else { false } }) ?? true {
            recordMiss(pools.program.parsedNames[index])
        }
        return found
    }

    /// The value of a dotted name (not `.`): its first part in the innermost object of the stack that has it, then
    /// each further part inside that. Walks the stack by index, reading each frame in place. `hints` are the parts'.
    /// (`mutating` only so that the renderer is passed by reference: a borrow of it was a copy of all its fields.)
    mutating func lookup(_ parts: UnsafeBufferPointer<TemplateKey>, hints: UnsafeMutablePointer<UInt32>) -> UnsafePointer<TemplateValue>? {
        var index = stackCount - 1
        while index >= 0 {
            if let value = Self.field(of: stack[index], parts[0], hint: hints) {
                var current = value
                for part in 1..<parts.count {
                    guard let next = Self.field(of: current, parts[part], hint: hints + part) else { return nil }
                    current = next
                }
                return current
            }
            index -= 1
        }
        return nil
    }

    /// The field `key` of the object at `value`, in place; nil for anything else or a field it does not have.
    @inline(__always)
    private static func field(of value: UnsafePointer<TemplateValue>, _ key: TemplateKey,
                              hint: UnsafeMutablePointer<UInt32>) -> UnsafePointer<TemplateValue>? {
        if case .object(let fields) = value.pointee { return fields.valuePointer(key, hint: hint) }
        return nil
    }

    /// The slow path of strict mode, after `lookup` found nothing (or a `.null` the model set on purpose, which
    /// is not a miss): walks the name again and records the first part that is absent.
    mutating func recordMiss(_ name: TemplateName) {
        let parts = name.parts
        guard !name.isImplicitIterator else { return }
        var found: TemplateValue?
        for frame in frames.reversed() {
            if case .object(let fields) = frame.pointee, let value = fields[parts[0]] {
                found = value
                break
            }
        }
        let written = parts.map(\.text).joined(separator: ".")
        let template = library.names[current]
        func miss(_ part: String, _ candidates: [String]) {
            misses?.append(TemplateMiss(template: template, line: name.line, column: name.column,
                                        name: name.function == .empty ? "empty(\(written))" : written,
                                        missing: part, candidates: candidates))
        }
        guard var value = found else {
            miss(parts[0].text, frames.flatMap { frame -> [String] in
                if case .object(let fields) = frame.pointee { return fields.keys } else { return [] }
            })
            return
        }
        for part in parts.dropFirst() {
            guard case .object(let fields) = value else { return }
            guard let next = fields[part] else {
                miss(part.text, fields.keys)
                return
            }
            value = next
        }
    }
}
