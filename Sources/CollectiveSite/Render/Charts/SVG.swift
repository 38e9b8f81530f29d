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
        if !raw.isEmpty, raw.utf8.allSatisfy(isSafeInID) { return raw }
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
struct SVGWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// The markup written so far.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: Text and numbers

    /// Markup as it is.
    mutating func raw(_ s: String) { append(s.utf8) }

    /// Appends a string's bytes with one copy. (`Array.append(contentsOf: s.utf8)` takes a slow generic path,
    /// the largest single cost in a profile of the charts; native strings are contiguous, so the fallback is rare.)
    private mutating func append(_ utf8: String.UTF8View) {
        let done: Void? = utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if done == nil { bytes.append(contentsOf: utf8) }
    }

    /// Markup another writer has written (e.g. pattern definitions collected before the chart was opened).
    mutating func raw(_ other: SVGWriter) { bytes.append(contentsOf: other.bytes) }

    /// A text value, escaped as `escapeHTML` does: `&` `<` `>` `"` `'` become entities.
    mutating func escaped(_ s: String) { appendEscapedHTML(s, to: &bytes) }

    /// A filled template, escaped: the bytes of `escapeHTML(fillTemplate(template, values))`, where `values`
    /// are the template's fields in the order it was made with.
    mutating func escaped(_ template: FieldTemplate, _ values: [String]) {
        for part in template.parts {
            switch part {
            case .text(let escapedText): bytes.append(contentsOf: escapedText)
            case .field(let index): escaped(values[index])
            }
        }
    }

    /// `SVG.n`'s format: at most one decimal (rounded half away from zero), `.` as the point, no grouping, no
    /// exponent, `-0` as `0`, non-finite values as `0`, magnitudes from 10¹⁴ on clamped to ±100000000000000.
    mutating func number(_ v: Double) {
        guard v.isFinite else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        let tenths = (v * 10).rounded(.toNearestOrAwayFromZero)
        guard tenths.magnitude < 1e15 else {
            raw(tenths < 0 ? "-100000000000000" : "100000000000000")
            return
        }
        let t = Int(tenths)
        if t < 0 { bytes.append(UInt8(ascii: "-")) }
        digits(t.magnitude / 10)
        let fraction = t.magnitude % 10
        if fraction != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0") + UInt8(fraction))
        }
    }

    /// The decimal digits of `value`, most significant first.
    private mutating func digits(_ value: UInt) {
        var divisor: UInt = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        } while divisor > 0
    }

    /// ` name="number"`.
    mutating func attribute(_ name: String, _ value: Double) {
        startAttribute(name)
        number(value)
        bytes.append(UInt8(ascii: "\""))
    }

    /// ` name="value"`, the value written as it is (class names, colours, ids).
    mutating func attribute(_ name: String, _ value: String) {
        startAttribute(name)
        raw(value)
        bytes.append(UInt8(ascii: "\""))
    }

    /// ` name="` (single bytes are cheaper to append than short strings).
    private mutating func startAttribute(_ name: String) {
        bytes.append(UInt8(ascii: " "))
        raw(name)
        bytes.append(UInt8(ascii: "="))
        bytes.append(UInt8(ascii: "\""))
    }

    /// A path command with its point: `M12.5,40`.
    mutating func point(_ command: String, _ x: Double, _ y: Double) {
        raw(command)
        number(x)
        bytes.append(UInt8(ascii: ","))
        number(y)
    }

    // MARK: Elements

    /// The opening tag with its title (and description, when given). `size` is the displayed size: by default the
    /// full width of the container, height from the viewBox. No `xmlns`: the chart is inline in an HTML page, where
    /// the parser puts `<svg>` in the SVG namespace.
    mutating func open(id: String, className: String, width: Double, height: Double, title: String, desc: String?,
                       titleID: Bool = false, size: String = "width=\"100%\"") {
        raw("<svg class=\"chart-svg ")
        raw(className)
        raw("\" id=\"")
        raw(id)
        raw("\" viewBox=\"0 0 ")
        number(width)
        raw(" ")
        number(height)
        raw("\" ")
        raw(size)
        accessibleName(id: id, title: title, desc: desc, titleID: titleID)
    }

    /// ` role="img">` closing the `<svg>` tag, then its `<title>` (its accessible name) and, when given, its `<desc>`.
    /// A chart shown in a `<figure>` passes no description: its caption says the same sentence, and a `<desc>` would
    /// have a screen reader read it twice. `titleID`: the title gets the id `<id>-title`, for an element outside the
    /// chart that is named by it.
    mutating func accessibleName(id: String, title: String, desc: String?, titleID: Bool = false) {
        raw(" role=\"img\"><title")
        if titleID {
            raw(" id=\"")
            raw(id)
            raw("-title\"")
        }
        raw(">")
        escaped(title)
        raw("</title>")
        if let desc {
            raw("<desc>")
            escaped(desc)
            raw("</desc>")
        }
    }

    mutating func close() { raw("</svg>") }

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
        raw("<text class=\"")
        raw(className)
        anchorClass(anchor)
        raw("\"")
        attribute("x", x)
        attribute("y", y)
        if let rotate {
            raw(" transform=\"rotate(")
            number(rotate.degrees)
            raw(" ")
            number(rotate.x)
            raw(" ")
            number(rotate.y)
            raw(")\"")
        }
        raw(">")
        escaped(string)
        raw("</text>")
    }

    /// ` mid` or ` end` inside a class attribute (the stylesheet's `text-anchor`); nothing for `start`.
    mutating func anchorClass(_ anchor: SVG.Anchor) {
        switch anchor {
        case .start: break
        case .middle: raw(" mid")
        case .end: raw(" end")
        }
    }

    /// A line; its stroke comes from its class.
    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, className: String) {
        raw("<line")
        attribute("class", className)
        attribute("x1", x1)
        attribute("y1", y1)
        attribute("x2", x2)
        attribute("y2", y2)
        raw("/>")
    }

    /// A rectangle without a tooltip. Its fill and stroke come from its class; `fill` is written only for what a
    /// class cannot give, a pattern of this chart (`url(#…)`).
    mutating func rect(x: Double, y: Double, width: Double, height: Double, className: String, fill: String? = nil) {
        rectStart(x: x, y: y, width: width, height: height, className: className, fill: fill)
        raw("/>")
    }

    /// A rectangle whose tooltip, a child `<title>` (shown on hover), is `tooltip` filled with `values`.
    mutating func rect(x: Double, y: Double, width: Double, height: Double, className: String, fill: String? = nil,
                       tooltip: FieldTemplate, _ values: [String]) {
        rectStart(x: x, y: y, width: width, height: height, className: className, fill: fill)
        raw("><title>")
        escaped(tooltip, values)
        raw("</title></rect>")
    }

    private mutating func rectStart(x: Double, y: Double, width: Double, height: Double, className: String, fill: String?) {
        raw("<rect")
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
        raw("<path")
        attribute("class", className)
        raw(" d=\"")
        for run in runs where run.count > 1 {
            for (i, p) in run.enumerated() { point(i == 0 ? "M" : "L", p.0, p.1) }
        }
        raw("\"/>")
    }
}

/// A `fillTemplate` template split once into text and fields, so that a chart can write it many times
/// (a tooltip per point, segment or cell) straight into an `SVGWriter`.
struct FieldTemplate {
    enum Part {
        /// Template text between fields, already escaped.
        case text([UInt8])
        /// The value at this index of the values given when writing.
        case field(Int)
    }

    private(set) var parts: [Part] = []

    /// Reads `template` the way `fillTemplate` does: `{name}` with a name in `fields` is a field; anything
    /// else, including unknown placeholders, stays text.
    init(_ template: String, fields: [String]) {
        let bytes = Array(template.utf8)
        var text: [UInt8] = []
        func endText(_ parts: inout [Part]) {
            if !text.isEmpty { parts.append(.text(Array(escapeHTML(String(decoding: text, as: UTF8.self)).utf8))) }
            text = []
        }
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "{"), let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "}")),
               let field = fields.firstIndex(of: String(decoding: bytes[(index + 1)..<close], as: UTF8.self)) {
                endText(&parts)
                parts.append(.field(field))
                index = close + 1
            } else {
                text.append(bytes[index])
                index += 1
            }
        }
        endText(&parts)
    }
}
