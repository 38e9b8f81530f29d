/// Small helpers for SVG markup. Internal: charts are the public surface.
enum SVG {
    /// A coordinate or length: at most one decimal, `.` as the point, no grouping, no exponent, `-0` as `0`.
    /// Own formatter rather than `String(describing:)` so output is short and identical everywhere.
    /// (Charts write numbers with `SVGWriter.number`, which this wraps.)
    static func n(_ v: Double) -> String {
        var writer = SVGWriter(capacity: 24)
        writer.number(v)
        return writer.string
    }

    /// A chart id made safe for `id` attributes and `url(#…)`: letters, digits, `-` and `_`; others become `-`.
    static func safeID(_ raw: String) -> String {
        // Ids made of safe characters only (every id the site makes) are kept as they are, without a copy.
        // (Over the contiguous bytes where it can: the String's own byte iterator costs several times more a byte.)
        let safe = raw.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(isSafeInID) } ?? raw.utf8.allSatisfy(isSafeInID)
        if !raw.isEmpty, safe { return raw }
        var out = ""
        for scalar in raw.unicodeScalars {
            out.unicodeScalars.append(scalar.isASCII && isSafeInID(UInt8(scalar.value)) ? scalar : "-")
        }
        return out.isEmpty ? "chart" : out
    }

    /// Letters, digits, `-` and `_` (ASCII).
    private static func isSafeInID(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    enum Anchor: String { case start, middle, end }

    /// A rough text width for layout (no font metrics at build time): 0.6 em per character, a little more
    /// for wide scripts' clusters. Used only to reserve margins and thin out labels.
    static func textWidth(_ s: String, size: Double) -> Double {
        Double(s.count) * size * 0.6
    }

    /// Shortens a label to `limit` characters with an ellipsis; the full text goes in a tooltip or summary.
    static func truncate(_ s: String, _ limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(max(1, limit - 1))) + "…"
    }
}

/// Writes a chart's markup into one growing byte buffer: numbers, attributes and elements are appended in
/// place, with no String built per number or per element; the chart becomes a String once, at the end.
///
/// Two kinds of text go in: markup the charts make themselves (tag and attribute names, class names, colours,
/// ids from `SVG.safeID`) is written as it is (`raw`); every text value from the input goes through
/// `escaped`, which writes exactly what `escapeHTML` returns.
///
/// Noncopyable, like the `ByteBuffer` it writes into: a writer has one owner, so appending needs no check that
/// its memory is shared (a copy-on-write room cost a runtime call on every append). Markup kept for other charts
/// (an axis kept for the build) is taken out of its writer as an `SVGMarkup`.
struct SVGWriter: ~Copyable {
    private var buffer: ByteBuffer

    init(capacity: Int) { buffer = ByteBuffer(capacity: capacity) }

    /// How many bytes were written.
    var count: Int { buffer.count }

    var isEmpty: Bool { buffer.count == 0 }

    /// The markup written so far.
    var bytes: [UInt8] { buffer.array() }

    /// The markup written so far. Made in two pieces when it holds other than ASCII: String checks a text that is all
    /// ASCII several times faster than one that is not (which it checks again from the start, character by
    /// character), and a chart's few other characters (a `·` in a label or its caption) come near its end.
    var string: String {
        buffer.withBytes(0..<buffer.count) { bytes in
            let ascii = Self.asciiPrefix(bytes)
            guard ascii >= 256 && ascii < bytes.count else { return String(decoding: bytes, as: UTF8.self) }
            var text = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<ascii]), as: UTF8.self)
            text.reserveCapacity(bytes.count)
            text.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[ascii...]), as: UTF8.self))
            return text
        }
    }

    /// How many of the first bytes are ASCII, counted 32, then eight at a time (to a multiple of eight: the rest is
    /// left to String's own check). Everything before the count is ASCII, so it ends between two characters.
    static func asciiPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let raw = UnsafeRawBufferPointer(bytes)
        let high: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        // Each load reads eight bytes inside `bytes`.
        func word(_ offset: Int) -> UInt64 { raw.loadUnaligned(fromByteOffset: index + offset, as: UInt64.self) }
        while index + 32 <= raw.count, (word(0) | word(8) | word(16) | word(24)) & high == 0 {
            index += 32
        }
        while index + 8 <= raw.count, word(0) & high == 0 {
            index += 8
        }
        return index
    }

    /// The markup, to keep and write into other charts whole (`raw(_: SVGMarkup)`).
    consuming func markup() -> SVGMarkup { SVGMarkup(bytes: buffer.array()) }

    // MARK: Text and numbers

    /// Markup as it is.
    mutating func raw(_ s: String) { buffer.append(string: s) }

    /// Markup the charts spell out themselves (tag and attribute names, fixed attributes): a literal's bytes, copied
    /// without looking at a String. Inlined (with `byte` and `startAttribute`, the writer's three smallest steps) so
    /// that each literal's length is known where it is written and the copy is a store or two: called, each step
    /// cost a call and a switch on the length, 5 % of a trend chart.
    @inline(__always) mutating func put(_ s: StaticString) { buffer.append(s) }

    /// One byte of markup.
    @inline(__always) private mutating func byte(_ value: UInt8) { buffer.append(value) }

    /// Markup another writer has written (e.g. pattern definitions collected before the chart was opened).
    mutating func raw(_ other: borrowing SVGWriter) { buffer.append(other.buffer) }

    /// Markup kept from another writer (`markup()`).
    mutating func raw(_ markup: SVGMarkup) { buffer.append(markup.bytes) }

    /// Markup as bytes.
    mutating func raw(_ bytes: UnsafeBufferPointer<UInt8>) { buffer.append(bytes) }

    /// A text value, escaped as `escapeHTML` does: `&` `<` `>` `"` `'` become entities.
    mutating func escaped(_ s: String) {
        // A small string (at most 15 bytes: a period, a figure, most names in a tooltip) with none of the five is
        // written as its own two words (`smallStringBytes`): asking the String for its bytes copies them out and
        // calls a closure, which cost more than the rest of a tooltip.
        if let small = smallStringBytes(s), !mayNeedEscape(small.words) {
            return buffer.append(words: small.words, count: small.count)
        }
        appendEscapedHTML(s, to: &buffer)
    }

    /// A filled template, escaped: the bytes of `escapeHTML(fillTemplate(template, values))`, where the values
    /// are the template's fields in the order it was made with (two or three: a tooltip's; no array made per call).
    mutating func escaped(_ template: FieldTemplate, _ first: String, _ second: String, _ third: String = "") {
        template.text.withUnsafeBufferPointer { text in
            for part in template.parts {
                switch part {
                case .text(let range): buffer.append(UnsafeBufferPointer(rebasing: text[range]))
                case .field(0): escaped(first)
                case .field(1): escaped(second)
                case .field: escaped(third)
                }
            }
        }
    }

    /// `SVG.n`'s format: at most one decimal (rounded half away from zero), `.` as the point, no grouping, no
    /// exponent, `-0` as `0`, non-finite values as `0`, magnitudes from 10¹⁴ on clamped to ±100000000000000.
    mutating func number(_ v: Double) {
        guard let tenths = Self.tenths(v) else { return unusualNumber(v) }
        if tenths.magnitude < 1_000_000 { return number(Self.shortNumber(tenths: tenths)) }
        longNumber(tenths)
    }

    /// `number(v)`'s text when it is at most eight bytes, below 100,000 (every coordinate a chart draws): its bytes in
    /// one word, in memory order, and their count. Nil for any other value.
    @inline(__always) static func shortNumber(_ v: Double) -> (word: UInt64, count: Int)? {
        guard let tenths = tenths(v), tenths.magnitude < 1_000_000 else { return nil }
        return shortNumber(tenths: tenths)
    }

    /// `shortNumber` of a value's `tenths`, fewer than a million in magnitude.
    @inline(__always) private static func shortNumber(tenths: Int) -> (word: UInt64, count: Int) {
        // Gathered in one word from the last byte (each shifts those after it up a byte, so the first ends lowest,
        // where memory order wants it).
        var word: UInt64 = 0, length = 0
        // Under a million tenths: 32-bit division is cheaper.
        let magnitude = UInt32(truncatingIfNeeded: tenths.magnitude)
        var whole = magnitude / 10
        let decimal = magnitude % 10
        if decimal != 0 {
            word = UInt64(UInt8(ascii: "0")) + UInt64(decimal)
            word = word << 8 | UInt64(UInt8(ascii: "."))
            length = 2
        }
        repeat {
            word = word << 8 | (UInt64(UInt8(ascii: "0")) + UInt64(whole % 10))
            whole /= 10
            length &+= 1
        } while whole > 0
        if tenths < 0 {
            word = word << 8 | UInt64(UInt8(ascii: "-"))
            length &+= 1
        }
        return (word.littleEndian, length)
    }

    /// A number written by `shortNumber` (`SlotTexts` keeps some for the whole build).
    @inline(__always) mutating func number(_ short: (word: UInt64, count: Int)) {
        buffer.append(words: (short.word, 0), count: short.count)
    }

    /// `v` in tenths, rounded half away from zero; nil when `v` is not finite or its tenths are 10¹⁶ or more.
    @inline(__always) private static func tenths(_ v: Double) -> Int? {
        let scaled = v * 10
        // Finite and within Int's range (NaN fails the test too).
        guard scaled.magnitude < 1e16 else { return nil }
        // Rounded without a call to `round`: the truncation and the part it cut off are exact.
        let truncated = Int(scaled)
        let cut = scaled - Double(truncated)
        return cut >= 0.5 ? truncated + 1 : cut <= -0.5 ? truncated - 1 : truncated
    }

    /// `number` of a value's `tenths` from a million on; clamped (`unusualNumber`) from 10¹⁵ on. Never inlined:
    /// its buffer on the stack (and the stack check that comes with it) would otherwise be set up for every
    /// coordinate.
    @inline(never) private mutating func longNumber(_ tenths: Int) {
        guard tenths.magnitude < 1_000_000_000_000_000 else { return unusualNumber(Double(tenths) / 10) }
        // Digits from the last: 15 at most, a sign, a point and the decimal fit in 24 bytes.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { room in
            // `room` is the 24 bytes of `digits`; `at` only moves down from its end, at most 18 bytes.
            var at = room.count
            func write(_ byte: UInt8) {
                at -= 1
                room[at] = byte
            }
            var whole = tenths.magnitude / 10
            let decimal = tenths.magnitude % 10
            if decimal != 0 {
                write(UInt8(ascii: "0") + UInt8(decimal))
                write(UInt8(ascii: "."))
            }
            repeat {
                write(UInt8(ascii: "0") + UInt8(whole % 10))
                whole /= 10
            } while whole > 0
            if tenths < 0 { write(UInt8(ascii: "-")) }
            buffer.append(UnsafeBufferPointer(rebasing: room.bindMemory(to: UInt8.self)[at...]))
        }
    }

    /// `number` for what is not finite (`0`) or rounds to ten to the fourteenth or more (clamped).
    private mutating func unusualNumber(_ v: Double) {
        if !v.isFinite {
            byte(UInt8(ascii: "0"))
        } else {
            put(v < 0 ? "-100000000000000" : "100000000000000")
        }
    }

    /// ` name="number"`.
    mutating func attribute(_ name: StaticString, _ value: Double) {
        startAttribute(name)
        number(value)
        byte(UInt8(ascii: "\""))
    }

    /// ` name="value"`, the value written as it is (class names, colours, ids).
    mutating func attribute(_ name: StaticString, _ value: String) {
        startAttribute(name)
        raw(value)
        byte(UInt8(ascii: "\""))
    }

    /// ` name="` (inlined: see `put`).
    @inline(__always) mutating func startAttribute(_ name: StaticString) {
        byte(UInt8(ascii: " "))
        put(name)
        byte(UInt8(ascii: "="))
        byte(UInt8(ascii: "\""))
    }

    /// A path command with its point: `M12.5,40`.
    mutating func point(_ command: StaticString, _ x: Double, _ y: Double) {
        put(command)
        number(x)
        byte(UInt8(ascii: ","))
        number(y)
    }

    // MARK: Elements

    /// The opening tag with its title (and description, when given). `size` is the displayed size: by default the
    /// full width of the container, height from the viewBox. No `xmlns`: the chart is inline in an HTML page, where
    /// the parser puts `<svg>` in the SVG namespace.
    mutating func open(id: String, className: String, width: Double, height: Double, title: String, desc: String?,
                       titleID: Bool = false, size: String = "width=\"100%\"") {
        put("<svg class=\"chart-svg ")
        raw(className)
        put("\" id=\"")
        raw(id)
        put("\" viewBox=\"0 0 ")
        number(width)
        put(" ")
        number(height)
        put("\" ")
        raw(size)
        accessibleName(id: id, title: title, desc: desc, titleID: titleID)
    }

    /// ` role="img">` closing the `<svg>` tag, then its `<title>` (its accessible name) and, when given, its `<desc>`.
    /// A chart shown in a `<figure>` passes no description: its caption says the same sentence, and a `<desc>` would
    /// have a screen reader read it twice. `titleID`: the title gets the id `<id>-title`, for an element outside the
    /// chart that is named by it.
    mutating func accessibleName(id: String, title: String, desc: String?, titleID: Bool = false) {
        put(" role=\"img\"><title")
        if titleID {
            put(" id=\"")
            raw(id)
            put("-title\"")
        }
        put(">")
        escaped(title)
        put("</title>")
        if let desc {
            put("<desc>")
            escaped(desc)
            put("</desc>")
        }
    }

    mutating func close() { put("</svg>") }

    /// The finished chart: closes the `<svg>` element.
    mutating func chart(summary: String, dropped: [String] = [], legend: String = "") -> RenderedChart {
        close()
        return RenderedChart(svg: string, summary: summary, dropped: dropped, legend: legend)
    }

    /// A text element. Its look (size, colour, weight, a white outline that keeps a label legible over lines) comes
    /// from its class in the stylesheet; `anchor` adds the class `mid` or `end`. `rotate`: degrees and centre of a
    /// `rotate(…)` transform.
    mutating func text(_ string: String, x: Double, y: Double, anchor: SVG.Anchor = .start, className: String,
                       rotate: (degrees: Double, x: Double, y: Double)? = nil) {
        put("<text class=\"")
        raw(className)
        anchorClass(anchor)
        put("\"")
        attribute("x", x)
        attribute("y", y)
        if let rotate {
            put(" transform=\"rotate(")
            number(rotate.degrees)
            put(" ")
            number(rotate.x)
            put(" ")
            number(rotate.y)
            put(")\"")
        }
        put(">")
        escaped(string)
        put("</text>")
    }

    /// ` mid` or ` end` inside a class attribute (the stylesheet's `text-anchor`); nothing for `start`.
    mutating func anchorClass(_ anchor: SVG.Anchor) {
        switch anchor {
        case .start: break
        case .middle: put(" mid")
        case .end: put(" end")
        }
    }

    /// A line; its stroke comes from its class.
    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, className: String) {
        put("<line")
        attribute("class", className)
        attribute("x1", x1)
        attribute("y1", y1)
        attribute("x2", x2)
        attribute("y2", y2)
        put("/>")
    }

    /// A rectangle without a tooltip. Its fill and stroke come from its class; `fill` is written only for what a
    /// class cannot give, a pattern of this chart (`url(#…)`).
    mutating func rect(x: Double, y: Double, width: Double, height: Double, className: String, fill: String? = nil) {
        rectStart(x: x, y: y, width: width, height: height, className: className, fill: fill)
        put("/>")
    }

    /// A rectangle whose tooltip, a child `<title>` (shown on hover), is `tooltip` filled with `values`.
    mutating func rect(x: Double, y: Double, width: Double, height: Double, className: String, fill: String? = nil,
                       tooltip: FieldTemplate, _ first: String, _ second: String, _ third: String = "") {
        rectStart(x: x, y: y, width: width, height: height, className: className, fill: fill)
        put("><title>")
        escaped(tooltip, first, second, third)
        put("</title></rect>")
    }

    private mutating func rectStart(x: Double, y: Double, width: Double, height: Double, className: String, fill: String?) {
        put("<rect")
        attribute("class", className)
        attribute("x", x)
        attribute("y", y)
        attribute("width", max(0, width))
        attribute("height", max(0, height))
        if let fill { attribute("fill", fill) }
    }

    /// A line through `runs` as one `<path>` (each run starts with M, so gaps between runs stay empty); its stroke
    /// comes from its class. Nothing when no run has two points.
    mutating func polyline(runs: [[(Double, Double)]], className: String) {
        guard runs.contains(where: { $0.count > 1 }) else { return }
        put("<path")
        attribute("class", className)
        put(" d=\"")
        for run in runs where run.count > 1 {
            for (i, p) in run.enumerated() { point(i == 0 ? "M" : "L", p.0, p.1) }
        }
        put("\"/>")
    }
}

/// Markup taken out of a writer (`SVGWriter.markup()`) to be kept, shared by threads, and written into charts whole.
struct SVGMarkup: Sendable {
    let bytes: [UInt8]

    var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// A `fillTemplate` template split once into text and fields, so that a chart can write it many times
/// (a tooltip per point, segment or cell) straight into an `SVGWriter`.
struct FieldTemplate: Sendable {
    enum Part {
        /// Template text between fields, already escaped: these bytes of `text`.
        case text(Range<Int>)
        /// The value at this index of the values given when writing.
        case field(Int)
    }

    /// The escaped texts between the fields, one after another (one array: writing a part retains nothing).
    private(set) var text: [UInt8] = []
    private(set) var parts: [Part] = []

    private struct Key: Hashable {
        var template: String
        var fields: [String]
    }

    /// Templates split before in this build. A site has a few (each tooltip's, in each language), and every chart
    /// of one kind splits the same one.
    private static let made = KeptPerBuild<Key, FieldTemplate>(limit: 256)

    /// `FieldTemplate(template, fields:)`, split once per build.
    static func shared(_ template: String, fields: [String]) -> FieldTemplate {
        made.value(Key(template: template, fields: fields)) { FieldTemplate(template, fields: fields) }
    }

    /// Reads `template` the way `fillTemplate` does: `{name}` with a name in `fields` is a field; anything
    /// else, including unknown placeholders, stays text.
    init(_ template: String, fields: [String]) {
        let bytes = Array(template.utf8)
        var pending: [UInt8] = []
        func endText() {
            guard !pending.isEmpty else { return }
            let start = text.count
            text += Array(escapeHTML(String(decoding: pending, as: UTF8.self)).utf8)
            parts.append(.text(start..<text.count))
            pending = []
        }
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "{"), let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "}")),
               let field = fields.firstIndex(of: String(decoding: bytes[(index + 1)..<close], as: UTF8.self)) {
                endText()
                parts.append(.field(field))
                index = close + 1
            } else {
                pending.append(bytes[index])
                index += 1
            }
        }
        endText()
    }
}
