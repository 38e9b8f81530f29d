import Glibc

/// A streaming JSON writer: two-space indentation, one member per line, keys in the order written, except inside
/// an inline container (`beginObject(inline: true)`, `beginArray(inline: true)`): that container and everything
/// nested in it go on one line, elements separated by `", "`, so a record a reader scans as one row stays one line.
/// It writes UTF-8 bytes straight into one buffer (the million-row benchmark's results.json is 35 MB: no String
/// rebuilding).
///
/// A part shared by two files (an indicator's entry of results.json is also its own download) is rendered once as
/// a fragment (`init(depth:)`), placed with `element(rendered:)` or `elementPart(_:into:)`, and `outdented` where it
/// sits shallower.
struct JSONWriter {
    private var bytes: [UInt8] = []
    private var depth = 0
    /// Per open container, innermost in bit 0: whether it already has an element (so the next one needs a comma).
    /// Bits rather than an array of flags: this is asked before every key and value.
    private var hasElement: UInt64 = 0
    /// How many containers are open (at most 64: one bit each in `hasElement`).
    private var openContainers = 0
    /// How many of the open containers are on one line (0: the current container is indented).
    private var inlineDepth = 0
    private var afterKey = false

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    /// A writer of a fragment: one element of a container `depth` levels deep (an entry of results.json's
    /// `indicators` is at depth 2), its lines indented as they will be there. `fragment()` gives its bytes.
    init(capacity: Int = 4096, depth: Int) {
        bytes.reserveCapacity(capacity)
        self.depth = depth
    }

    /// The fragment written (no line end).
    func fragment() -> [UInt8] { bytes }

    /// An element rendered as a fragment at this container's depth: its separator, then its bytes.
    mutating func element(rendered: [UInt8]) {
        startElement()
        bytes.append(contentsOf: rendered)
    }

    /// The same for a file written in parts (`RenderedFile.parts`): what was written so far, separator included,
    /// becomes a part, then the fragment is the next one, never copied; the writer goes on after it.
    mutating func elementPart(_ rendered: [UInt8], into parts: inout [[UInt8]]) {
        startElement()
        parts.append(bytes)
        parts.append(rendered)
        bytes = []
    }

    /// A fragment rendered for a container `levels` shallower: each line loses `2 × levels` spaces. The writer's own
    /// line breaks are the only ones in what it writes (a string's are escaped), each followed by its indentation.
    static func outdented(_ fragment: [UInt8], by levels: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(fragment.count)
        fragment.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            var start = 0
            while start < bytes.count, let found = memchr(base + start, 0x0A, bytes.count - start) {
                let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...newline]))
                start = newline + 1 + 2 * levels
                precondition(start <= bytes.count && bytes[(newline + 1)..<start].allSatisfy { $0 == 0x20 },
                             "a line of the fragment is indented less than it is outdented")
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        return out
    }

    mutating func finishedBytes() -> [UInt8] {
        bytes.append(0x0A)
        return bytes
    }

    mutating func finished() -> String { String(decoding: finishedBytes(), as: UTF8.self) }

    /// `inline`: the object and everything in it on one line. Containers inside an inline one are inline too.
    mutating func beginObject(inline: Bool = false) { open(UInt8(ascii: "{"), inline: inline) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray(inline: Bool = false) { open(UInt8(ascii: "["), inline: inline) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    mutating func key(_ key: String) {
        startElement()
        Self.appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        afterKey = true
    }

    /// A key already quoted (`ColumnNames.quotedKey`): copied, not scanned for escapes again.
    mutating func key(quoted: UnsafeBufferPointer<UInt8>) {
        startElement()
        bytes.append(contentsOf: quoted)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        afterKey = true
    }

    /// A value after its key: `null` when absent.
    mutating func value(_ value: FieldValue) {
        switch value {
        case .text(let text): startElement(); if let text { Self.appendQuoted(text, to: &bytes) } else { appendNull() }
        case .number(let number): startElement(); if let number { OpenData.appendNumber(number, to: &bytes) } else { appendNull() }
        case .bool(let flag): startElement(); appendBool(flag)
        case .lines(let lines): inlineStrings(lines)
        }
    }

    /// A value after its key, already rendered as JSON.
    mutating func value(rendered: ArraySlice<UInt8>) {
        startElement()
        bytes.append(contentsOf: rendered)
    }

    mutating func field(_ name: String, _ value: String?) {
        key(name)
        startElement()
        if let value { Self.appendQuoted(value, to: &bytes) } else { appendNull() }
    }

    mutating func field(_ name: String, _ value: Double?) {
        key(name)
        startElement()
        if let value { OpenData.appendNumber(value, to: &bytes) } else { appendNull() }
    }

    mutating func field(_ name: String, _ value: Bool?) {
        key(name)
        startElement()
        appendBool(value)
    }

    private mutating func appendBool(_ value: Bool?) {
        switch value {
        case true?: bytes.append(contentsOf: "true".utf8)
        case false?: bytes.append(contentsOf: "false".utf8)
        case nil: appendNull()
        }
    }

    /// A short list on one line: `["2024-Q3", "2024-Q4"]`.
    mutating func inlineStrings(_ values: [String]) { inline(values) { Self.appendQuoted($0, to: &$1) } }

    mutating func inlineNumbers(_ values: [Double]) { inline(values) { OpenData.appendNumber($0, to: &$1) } }

    private mutating func inline<T>(_ values: [T], _ append: (T, inout [UInt8]) -> Void) {
        startElement()
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(contentsOf: ", ".utf8) }
            append(value, &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func appendNull() { bytes.append(contentsOf: "null".utf8) }

    private mutating func open(_ bracket: UInt8, inline: Bool) {
        startElement()
        bytes.append(bracket)
        precondition(openContainers < 64, "a JSONWriter nests at most 64 containers")
        hasElement <<= 1
        openContainers += 1
        depth += 1
        if inline || inlineDepth > 0 { inlineDepth += 1 }
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        precondition(openContainers > 0, "a container is closed that was not opened")
        let hadElements = hasElement & 1 != 0
        hasElement >>= 1
        openContainers -= 1
        if inlineDepth > 0 {
            inlineDepth -= 1
        } else if hadElements {
            newline()
        }
        bytes.append(bracket)
    }

    /// Before every element but the first of its container: a comma, then a newline and indentation, or a space
    /// inside an inline container. Nothing right after a key.
    private mutating func startElement() {
        if afterKey {
            afterKey = false
            return
        }
        guard openContainers > 0 else { return }
        let hasPrevious = hasElement & 1 != 0
        hasElement |= 1
        if inlineDepth > 0 {
            if hasPrevious { bytes.append(UInt8(ascii: ",")); bytes.append(UInt8(ascii: " ")) }
            return
        }
        if hasPrevious { bytes.append(UInt8(ascii: ",")) }
        newline()
    }

    private mutating func newline() {
        bytes.append(0x0A)
        for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
    }

    /// A JSON string: quotes, backslashes and control characters escaped; U+2028 and U+2029 too, so the text is
    /// also safe inside a JavaScript string. Everything else stays as UTF-8.
    static func quoted(_ string: String) -> String {
        var out: [UInt8] = []
        appendQuoted(string, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendQuoted(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings (ids, periods, names in any script) need no escape: one scan of the bytes, then one copy.
        // 0xE2 is the lead byte of U+2028 and U+2029: a string with it takes the scalar path.
        var string = string
        let plain = string.withUTF8 { bytes -> Bool in
            for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2 { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain {
            out.append(UInt8(ascii: "\""))
            return
        }
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out.append(contentsOf: "\\\"".utf8)
            case "\\": out.append(contentsOf: "\\\\".utf8)
            case "\n": out.append(contentsOf: "\\n".utf8)
            case "\r": out.append(contentsOf: "\\r".utf8)
            case "\t": out.append(contentsOf: "\\t".utf8)
            case "\u{08}": out.append(contentsOf: "\\b".utf8)
            case "\u{0C}": out.append(contentsOf: "\\f".utf8)
            case "\u{2028}": out.append(contentsOf: "\\u2028".utf8)
            case "\u{2029}": out.append(contentsOf: "\\u2029".utf8)
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                } else {
                    out.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
