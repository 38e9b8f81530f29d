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
    mutating func openFluid(id: String, className: String, height: Double, gutter: Int, title: String, desc: String) {
        raw("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg chart-fluid ")
        if gutter > 0 {
            raw("chart-gutter-")
            raw(String(gutter))
            raw(" ")
        }
        raw(className)
        raw("\" id=\"")
        raw(id)
        raw("\" width=\"100%\"")
        attribute("height", height)
        accessibleName(id: id, title: title, desc: desc)
    }

    /// ` name="12.5%"` for a fraction, ` name="-6"` for an offset. A position with both is written by the callers
    /// that can (text: `dx`; shapes: a nested `<svg>`).
    mutating func fluidAttribute(_ name: String, _ x: FluidX) {
        precondition(x.fraction == 0 || x.offset == 0, "a fluid attribute is a fraction or an offset, not both")
        if x.fraction == 0 {
            attribute(name, x.offset)
        } else {
            raw(" ")
            raw(name)
            raw("=\"")
            number(x.fraction * 100)
            raw("%\"")
        }
    }

    /// A text element at a fluid position (`x` as a fraction, `dx` as the offset). `halo` as in `text`;
    /// `wideOnly`: shown on wide screens only (`TieredLayout`).
    mutating func text(_ string: String, at x: FluidX, y: Double, anchor: SVG.Anchor = .start, size: Double = 13,
                       color: String = ChartPalette.inkSoft, bold: Bool = false, halo: Bool = false, wideOnly: Bool = false,
                       narrowOnly: Bool = false, className: String) {
        for pass in halo ? [true, false] : [false] {
            raw("<text class=\"")
            raw(pass ? "chart-halo" : className)
            if wideOnly { raw(" chart-wide") }
            if narrowOnly { raw(" chart-narrow") }
            raw("\"")
            fluidAttribute("x", FluidX(x.fraction, x.fraction == 0 ? x.offset : 0))
            if x.fraction != 0 && x.offset != 0 { attribute("dx", x.offset) }
            attribute("y", y)
            attribute("font-size", size)
            if anchor != .start { attribute("text-anchor", anchor.rawValue) }
            if bold { raw(" font-weight=\"bold\"") }
            if pass {
                raw(" fill=\"#fff\" stroke=\"#fff\" stroke-width=\"3\" stroke-linejoin=\"round\">")
            } else {
                attribute("fill", color)
                raw(">")
            }
            escaped(string)
            raw("</text>")
        }
    }

    /// The period labels under a fluid chart (`PeriodAxis`): laid out for every screen, and again for wide screens
    /// when more of them fit there (then each set is drawn for its screens only).
    mutating func periodAxis(_ periods: [String], centre: (Int) -> Double, slot: Double, gutter: Int, baseline: Double,
                             size: Double) {
        let narrow = PeriodAxis.labels(periods, centre: centre, slot: slot, widths: FluidWidths.plot(gutter: Double(gutter)),
                                       baseline: baseline, size: size)
        let wide = PeriodAxis.labels(periods, centre: centre, slot: slot, widths: FluidWidths.widePlot(gutter: Double(gutter)),
                                     baseline: baseline, size: size)
        let differ = narrow.map(\.text) != wide.map(\.text)
        for label in narrow {
            text(label.text, at: label.x, y: label.y, anchor: label.anchor, size: size, narrowOnly: differ,
                 className: "chart-axis-label")
        }
        guard differ else { return }
        for label in wide {
            text(label.text, at: label.x, y: label.y, anchor: label.anchor, size: size, wideOnly: true,
                 className: "chart-axis-label")
        }
    }

    /// A horizontal line across the plot at `y`.
    mutating func rule(y: Double, color: String, width: Double = 1, dash: String? = nil, className: String) {
        raw("<line")
        attribute("class", className)
        raw(" x1=\"0\"")
        attribute("y1", y)
        raw(" x2=\"100%\"")
        attribute("y2", y)
        attribute("stroke", color)
        attribute("stroke-width", width)
        if let dash { attribute("stroke-dasharray", dash) }
        raw("/>")
    }

    /// Opens a group whose origin is at the fraction `fraction` of the plot's width (a nested `<svg>` that may draw
    /// outside itself): shapes inside are drawn at pixel offsets from there. Close with `endAt()`.
    mutating func beginAt(_ fraction: Double) {
        raw("<svg")
        fluidAttribute("x", FluidX(fraction))
        raw(" overflow=\"visible\">")
    }

    mutating func endAt() { raw("</svg>") }

    /// Lines through points whose x are fractions of the plot's width, in a nested drawing stretched to the
    /// width; the stroke keeps its width. `runs` as in `polyline`, with x in 0…1.
    mutating func fluidPolyline(runs: [[(Double, Double)]], height: Double, className: String, color: String,
                                width: Double, dash: String? = nil) {
        guard runs.contains(where: { $0.count > 1 }) else { return }
        raw("<svg width=\"100%\"")
        attribute("height", height)
        raw(" viewBox=\"0 0 1000 ")
        number(height)
        raw("\" preserveAspectRatio=\"none\"><path")
        attribute("class", className)
        raw(" d=\"")
        for run in runs where run.count > 1 {
            for (i, p) in run.enumerated() { point(i == 0 ? "M" : "L", p.0 * 1000, p.1) }
        }
        raw("\" fill=\"none\"")
        attribute("stroke", color)
        attribute("stroke-width", width)
        if let dash { attribute("stroke-dasharray", dash) }
        raw(" stroke-linejoin=\"round\" stroke-linecap=\"round\" vector-effect=\"non-scaling-stroke\"/></svg>")
    }
}

/// Lines through values over period slots: runs of (x as a fraction of the plot, y in px), a new run after each
/// period without a value, so a gap is drawn as a gap, never as a zero.
func fluidRuns(_ values: [ChartValue?], x: (Int) -> Double, y: (Double) -> Double) -> [[(Double, Double)]] {
    var runs: [[(Double, Double)]] = [[]]
    for (i, value) in values.enumerated() {
        if let value { runs[runs.count - 1].append((x(i), y(value.value))) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
    }
    return runs
}

extension TieredLayout {
    /// Every segment of `runs` and a marker of `radius` at every point: labels keep clear of them.
    mutating func avoid(runs: [[(Double, Double)]], markerRadius radius: Double) {
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
        raw("<path class=\"")
        raw(className)
        raw("\" d=\"")
        point("M", 0, y - 6.5)
        point("L", 6.5, y)
        point("L", 0, y + 6.5)
        point("L", -6.5, y)
        raw("Z\" fill=\"#fff\"")
        attribute("stroke", ChartPalette.ink)
        raw(" stroke-width=\"2\">")
    }
}
