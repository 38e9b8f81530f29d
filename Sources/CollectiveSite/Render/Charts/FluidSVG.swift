/// Markup for fluid charts: an `<svg>` without a `viewBox`, as wide as its box (`width="100%"`) and a fixed height,
/// so one unit is one CSS pixel at every width and text keeps the size it is given (13 px, the page's small text)
/// instead of growing and shrinking with the drawing. Horizontal positions are fractions of the plot's width
/// (`x="37.5%"`) with pixel offsets (`dx`, or a nested `<svg x="37.5%">` around shapes drawn at the offset);
/// lines through data points are drawn in a nested `viewBox` stretched to the width (`preserveAspectRatio="none"`)
/// with `vector-effect="non-scaling-stroke"`, so their strokes keep their width.
///
/// The value labels sit left of the plot in the chart's padding (`chart-gutter-N` in the stylesheet pads the
/// `<svg>` by N px and lets it draw there), so every fraction is of the plot alone.
extension SVGWriter {
    /// The gutter classes the stylesheet defines: multiples of 8 px from 24 to 120.
    static func gutter(forLabelWidth width: Double) -> Int {
        let needed = Int((width + 10).rounded(.up))
        return min(120, max(24, (needed + 7) / 8 * 8))
    }

    /// Opens a fluid chart `height` px high, padded on the left by `gutter` px (0: none).
    mutating func openFluid(id: String, className: String, height: Double, gutter: Int, title: String, desc: String?) {
        put("<svg class=\"chart-svg chart-fluid ")
        if gutter > 0 {
            put("chart-gutter-")
            raw(String(gutter))
            put(" ")
        }
        raw(className)
        put("\" id=\"")
        raw(id)
        put("\" width=\"100%\"")
        attribute("height", height)
        accessibleName(id: id, title: title, desc: desc)
    }

    /// ` name="12.5%"` for a fraction, ` name="-6"` for an offset. A position with both is written by the callers
    /// that can (text: `dx`; shapes: a nested `<svg>`).
    mutating func fluidAttribute(_ name: StaticString, _ x: FluidX) {
        precondition(x.fraction == 0 || x.offset == 0, "a fluid attribute is a fraction or an offset, not both")
        if x.fraction == 0 {
            attribute(name, x.offset)
        } else {
            startAttribute(name)
            number(x.fraction * 100)
            put("%\"")
        }
    }

    /// A text element at a fluid position (`x` as a fraction, `dx` as the offset); its look comes from its class
    /// (`SVGWriter.text`). `halo` first draws the same text as a white outline (class `chart-halo`, and `bold` for a
    /// bold label) so the label stays legible over lines: two elements, because the stylesheet may not use
    /// `paint-order`, which the W3C checker does not know. `wideOnly`: shown on wide screens only (`TieredLayout`);
    /// `narrowOnly`: on narrow ones.
    mutating func text(_ string: String, at x: FluidX, y: Double, anchor: SVG.Anchor = .start, halo: Halo = .none,
                       wideOnly: Bool = false, narrowOnly: Bool = false, className: String) {
        // The halo's pass first, then the text's.
        if halo != .none {
            textElement(string, at: x, y: y, anchor: anchor, wideOnly: wideOnly, narrowOnly: narrowOnly,
                        className: halo == .bold ? "chart-halo bold" : "chart-halo")
        }
        textElement(string, at: x, y: y, anchor: anchor, wideOnly: wideOnly, narrowOnly: narrowOnly, className: className)
    }

    /// One `<text>` element of `text(_:at:…)`.
    private mutating func textElement(_ string: String, at x: FluidX, y: Double, anchor: SVG.Anchor, wideOnly: Bool,
                                      narrowOnly: Bool, className: String) {
        put("<text class=\"")
        raw(className)
        if wideOnly { put(" chart-wide") }
        if narrowOnly { put(" chart-narrow") }
        anchorClass(anchor)
        put("\"")
        fluidAttribute("x", FluidX(x.fraction, x.fraction == 0 ? x.offset : 0))
        if x.fraction != 0 && x.offset != 0 { attribute("dx", x.offset) }
        attribute("y", y)
        put(">")
        escaped(string)
        put("</text>")
    }

    /// The white outline under a label (`text(_:at:…)`).
    enum Halo { case none, regular, bold }

    /// The period labels under a fluid chart (`PeriodAxis`): laid out for every screen, and again for wide screens
    /// when more of them fit there (then each set is drawn for its screens only).
    mutating func periodAxis(_ periods: [String], centre: (Int) -> Double, slot: Double, gutter: Int, baseline: Double,
                             size: Double) {
        raw(PeriodAxis.laid(periods, centre: centre, slot: slot, gutter: gutter, baseline: baseline, size: size).markup)
    }

    /// The markup of an axis's labels (`periodAxis`): the `narrow` set, and when the `wide` one differs, each set
    /// for its screens only.
    static func axisLabels(narrow: [PeriodAxis.Label], wide: [PeriodAxis.Label]) -> SVGMarkup {
        var out = SVGWriter(capacity: 96 * (narrow.count + wide.count))
        let differ = narrow.map(\.text) != wide.map(\.text)
        for label in narrow {
            out.text(label.text, at: label.x, y: label.y, anchor: label.anchor, narrowOnly: differ,
                     className: "chart-axis-label")
        }
        if differ {
            for label in wide {
                out.text(label.text, at: label.x, y: label.y, anchor: label.anchor, wideOnly: true,
                         className: "chart-axis-label")
            }
        }
        return out.markup()
    }

    /// A horizontal line across the plot at `y`; its stroke comes from its class.
    mutating func rule(y: Double, className: String) {
        put("<line")
        attribute("class", className)
        put(" x1=\"0\"")
        attribute("y1", y)
        put(" x2=\"100%\"")
        attribute("y2", y)
        put("/>")
    }

    /// Opens a group whose origin is at the fraction `fraction` of the plot's width (a nested `<svg>`, which the
    /// stylesheet lets draw outside itself): shapes inside are drawn at pixel offsets from there. Close with `endAt()`.
    mutating func beginAt(_ fraction: Double, className: String? = nil) {
        put("<svg")
        if let className { attribute("class", className) }
        fluidAttribute("x", FluidX(fraction))
        put(">")
    }

    /// `beginAt(fraction, className:)` for a slot's centre, its percentage written by `SlotTexts`.
    mutating func beginAt(slot percent: (word: UInt64, count: Int), className: StaticString? = nil) {
        put("<svg")
        if let className {
            put(" class=\"")
            put(className)
            put("\"")
        }
        put(" x=\"")
        number(percent)
        put("%\">")
    }

    mutating func endAt() { put("</svg>") }

    /// Lines through points whose x are fractions of the plot's width, in a nested drawing stretched to the
    /// width; the stroke keeps its width (`vector-effect` in the stylesheet, with the rest of the line's look,
    /// by its class). `runs` as in `polyline`, with x in 0…1.
    mutating func fluidPolyline(runs: [[(Double, Double)]], height: Double, className: String) {
        guard runs.contains(where: { $0.count > 1 }) else { return }
        openPolyline(height: height, className: className)
        for run in runs where run.count > 1 {
            for (i, p) in run.enumerated() { point(i == 0 ? "M" : "L", p.0 * 1000, p.1) }
        }
        closePolyline()
    }

    /// `fluidPolyline(runs: fluidRuns(values, …), …)` for values at the centres of their slots (`slots`, whose texts
    /// spare formatting each point's x again): the same markup, from the same runs (`forEachValueRun`).
    mutating func fluidPolyline(_ values: [ChartValue?], slots: SlotTexts, y: (Double) -> Double, height: Double,
                                className: String) {
        var open = false
        forEachValueRun(values) { run in
            guard run.count > 1 else { return }
            if !open {
                openPolyline(height: height, className: className)
                open = true
            }
            for i in run {
                put(i == run.lowerBound ? "M" : "L")
                number(slots.thousandths[i])
                put(",")
                number(y(values[i]!.value))
            }
        }
        if open { closePolyline() }
    }

    /// The nested drawing of `fluidPolyline`, up to the start of its path's points.
    private mutating func openPolyline(height: Double, className: String) {
        put("<svg width=\"100%\"")
        attribute("height", height)
        put(" viewBox=\"0 0 1000 ")
        number(height)
        put("\" preserveAspectRatio=\"none\"><path")
        attribute("class", className)
        put(" d=\"")
    }

    private mutating func closePolyline() {
        // Not in the stylesheet: the W3C checker does not know `vector-effect` as a property.
        put("\" vector-effect=\"non-scaling-stroke\"/></svg>")
    }
}

/// Where a fluid chart of `count` period slots draws each slot's centre, as `SVGWriter.number` writes it: the
/// centre's percentage of the plot's width (`x="12.5%"`, `fluidAttribute`) and its x in a line's drawing 1000 units
/// wide (`fluidPolyline`). Every trend chart of an initiative has the same slots, so these texts are made once per
/// build for each count, not formatted again for each point of each chart (two numbers a point).
struct SlotTexts: Sendable {
    /// Per slot: `number(centre × 100)` and `number(centre × 1000)`, as `SVGWriter.shortNumber` gives them.
    let percents: [(word: UInt64, count: Int)]
    let thousandths: [(word: UInt64, count: Int)]

    /// The centre of slot `index` of `count` (at least one), as a fraction of the plot's width: where the line
    /// chart and the stacked bars draw a period.
    static func centre(_ index: Int, of count: Int) -> Double { (Double(index) + 0.5) * (1 / Double(count)) }

    private static let made = KeptPerBuild<Int, SlotTexts>(limit: 256)

    /// The texts for `count` slots (at least one), kept for the build.
    static func of(count: Int) -> SlotTexts { made.value(count) { SlotTexts(count: count) } }

    private init(count: Int) {
        let centres = (0..<count).map { Self.centre($0, of: count) }
        // A centre lies between 0 and 1, so both texts are short numbers.
        percents = centres.map { SVGWriter.shortNumber($0 * 100)! }
        thousandths = centres.map { SVGWriter.shortNumber($0 * 1000)! }
    }
}

/// `body` of each run of consecutive periods that have a value, as index ranges in order: a period without a value
/// ends a run, so a line through them draws a gap as a gap, never as a zero. A run of one is a lone point.
func forEachValueRun(_ values: [ChartValue?], _ body: (Range<Int>) -> Void) {
    var start: Int?
    for i in values.indices {
        if values[i] != nil {
            if start == nil { start = i }
        } else if let first = start {
            body(first..<i)
            start = nil
        }
    }
    if let first = start { body(first..<values.count) }
}

/// Lines through values over period slots: the points of each run of `forEachValueRun` as (x, y) (in a fluid
/// chart x is a fraction of the plot, in a sparkline px; y in px).
func fluidRuns(_ values: [ChartValue?], x: (Int) -> Double, y: (Double) -> Double) -> [[(Double, Double)]] {
    var runs: [[(Double, Double)]] = []
    forEachValueRun(values) { run in runs.append(run.map { (x($0), y(values[$0]!.value)) }) }
    return runs
}

extension TieredLayout {
    /// Every segment of `runs` and a marker of `radius` at every point: labels keep clear of them.
    mutating func avoid(runs: [[(Double, Double)]], markerRadius radius: Double) {
        let points = runs.reduce(0) { $0 + $1.count }
        // A box per point, a segment between neighbours, and room for what the chart adds (reference lines, markers).
        reserveCapacity(obstacles: points + 16, segments: points + 4)
        for run in runs {
            for (a, b) in zip(run, run.dropFirst()) { avoid(from: FluidX(a.0), a.1, to: FluidX(b.0), b.1) }
            for point in run { avoid(LabelBox(marker: FluidX(point.0), y: point.1, radius: radius)) }
        }
    }
}

extension SVGWriter {
    /// The collective value's marker: a hollow diamond with a dark edge centred on (0, y), left open (`<path …>`)
    /// for a `<title>`; the caller closes it with `</path>`.
    mutating func collectiveMarker(y: Double, className: String = "chart-collective chart-counted") {
        put("<path class=\"")
        raw(className)
        put("\" d=\"")
        point("M", 0, y - 6.5)
        point("L", 6.5, y)
        point("L", 0, y + 6.5)
        point("L", -6.5, y)
        put("Z\">")
    }
}
