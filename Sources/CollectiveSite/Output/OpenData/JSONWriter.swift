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

    /// An element rendered in a buffer (an inline object written whole): its separator, then its bytes.
    mutating func element(rendered: borrowing ByteBuffer) {
        startElement()
        rendered.withBytes(0..<rendered.count) { bytes.append(contentsOf: $0) }
    }

    /// The same for a file written in parts (`RenderedFile.parts`): what was written so far, separator included,
    /// becomes a part, then the fragment is the next one, never copied, with its known `hash`
    /// (`FileParts.append(_:hash:)`); the writer goes on after it.
    mutating func elementPart(_ rendered: [UInt8], hash: UInt64, into parts: inout FileParts) {
        startElement()
        parts.append(bytes)
        parts.append(rendered, hash: hash)
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

    /// What was written so far, moved to `out`; the writer goes on after it as if it were still there (a sink writes
    /// the members of the objects it opens: `OpenData.indicatorParts`).
    mutating func moveBytes<Output: ByteOutput & ~Copyable>(to out: inout Output) {
        bytes.withUnsafeBufferPointer { out.append(bytes: $0) }
        bytes.removeAll(keepingCapacity: true)
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

    static func appendQuoted<Output: ByteOutput & ~Copyable>(_ string: String, to out: inout Output) {
        var string = string
        string.withUTF8 { appendQuoted(utf8: $0, to: &out) }
    }

    /// The same over UTF-8 bytes. Most strings (ids, periods, names in any script) need no escape: the runs between
    /// the bytes that do are copied in one go. The bytes escaped are ASCII, or U+2028 and U+2029 (E2 80 A8/A9), so
    /// none of them is inside another character's bytes.
    static func appendQuoted<Output: ByteOutput & ~Copyable>(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout Output) {
        var plain = true
        for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2 { plain = false; break }
        if plain {
            // Quoted on the stack and appended at once: an array's append costs its bookkeeping each time.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count + 2) { quoted in
                quoted[0] = UInt8(ascii: "\"")
                if let source = bytes.baseAddress { (quoted.baseAddress! + 1).initialize(from: source, count: bytes.count) }
                quoted[bytes.count + 1] = UInt8(ascii: "\"")
                out.append(bytes: UnsafeBufferPointer(quoted))
            }
            return
        }
        withUnsafeBytes(of: escapes) { table in
            let table = table.bindMemory(to: UInt8.self)
            func put(_ range: Range<Int>) { out.append(bytes: UnsafeBufferPointer(rebasing: table[range])) }
            put(0..<1)  // "
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let escape: Range<Int>
                var length = 1
                switch byte {
                case 0x22: escape = 1..<3  // \"
                case 0x5C: escape = 3..<5  // \\
                case 0x0A: escape = 5..<7  // \n
                case 0x0D: escape = 7..<9  // \r
                case 0x09: escape = 9..<11  // \t
                case 0x08: escape = 11..<13  // \b
                case 0x0C: escape = 13..<15  // \f
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    escape = bytes[index + 2] == 0xA8 ? 15..<21 : 21..<27  // \u2028, \u2029
                    length = 3
                case ..<0x20: escape = 27..<27  // \u00XX, below
                default:
                    index += 1
                    continue
                }
                out.append(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                if escape.isEmpty {
                    let hex = (UInt8(ascii: "0"), UInt8(ascii: "0"), hexDigit(byte >> 4), hexDigit(byte & 0xF))
                    put(27..<29)  // \u
                    withUnsafeBytes(of: hex) { out.append(bytes: $0.bindMemory(to: UInt8.self)) }
                } else {
                    put(escape)
                }
                index += length
                runStart = index
            }
            out.append(bytes: UnsafeBufferPointer(rebasing: bytes[runStart...]))
            put(0..<1)
        }
    }

    /// The bytes of every escape, one after another (`appendQuoted` copies each from its range).
    private static let escapes: (UInt64, UInt64, UInt64, UInt64) = {
        let text = #""\"\\\n\r\t\b\f\u2028\u2029\u"#
        precondition(text.utf8.count == 29)
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyBytes(from: text.utf8) }
        return words
    }()

    private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x61 + value - 10 }
}
