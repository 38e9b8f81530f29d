/// Small helpers that write SVG markup. Internal: charts are the public surface.
enum SVG {
    /// A coordinate or length: at most one decimal, `.` as the point, no grouping, no exponent, `-0` as `0`.
    /// Own formatter rather than `String(describing:)` so output is short and identical everywhere.
    static func n(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let tenths = (v * 10).rounded(.toNearestOrAwayFromZero)
        guard tenths.magnitude < 1e15 else { return tenths < 0 ? "-100000000000000" : "100000000000000" }
        let t = Int(tenths)
        let whole = t.magnitude / 10
        let fraction = t.magnitude % 10
        let sign = t < 0 ? "-" : ""
        return fraction == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }

    /// A chart id made safe for `id` attributes and `url(#…)`: letters, digits, `-` and `_`; others become `-`.
    static func safeID(_ raw: String) -> String {
        var out = ""
        for scalar in raw.unicodeScalars {
            let ok = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                || scalar == "-" || scalar == "_"
            out.unicodeScalars.append(ok ? scalar : "-")
        }
        return out.isEmpty ? "chart" : out
    }

    /// The opening tag with its title and description. `desc` is the chart's summary sentence.
    /// `size` is the displayed size: by default the full width of the container, height from the viewBox.
    static func open(id: String, className: String, width: Double, height: Double, title: String, desc: String,
                     size: String = "width=\"100%\"") -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg \(className)\" id=\"\(id)\" viewBox=\"0 0 \(n(width)) \(n(height))\" \(size) role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">"
            + "<title id=\"\(id)-title\">\(escapeHTML(title))</title><desc id=\"\(id)-desc\">\(escapeHTML(desc))</desc>"
    }

    static let close = "</svg>"

    enum Anchor: String { case start, middle, end }

    /// A text element. `halo` first draws the same text as a white outline so the label stays legible over
    /// lines (two elements, because `paint-order` is not valid SVG 1.1 for the W3C checker).
    static func text(_ string: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12,
                     color: String = ChartPalette.inkSoft, weight: String? = nil, halo: Bool = false,
                     className: String, transform: String? = nil) -> String {
        var attrs = "x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\""
        if anchor != .start { attrs += " text-anchor=\"\(anchor.rawValue)\"" }
        if let weight { attrs += " font-weight=\"\(weight)\"" }
        if let transform { attrs += " transform=\"\(transform)\"" }
        let content = escapeHTML(string)
        let outline = halo
            ? "<text class=\"chart-halo\" \(attrs) fill=\"#fff\" stroke=\"#fff\" stroke-width=\"3\" stroke-linejoin=\"round\">\(content)</text>"
            : ""
        return outline + "<text class=\"\(className)\" \(attrs) fill=\"\(color)\">\(content)</text>"
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, color: String, width: Double = 1,
                     dash: String? = nil, className: String) -> String {
        var attrs = "class=\"\(className)\" x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(color)\" stroke-width=\"\(n(width))\""
        if let dash { attrs += " stroke-dasharray=\"\(dash)\"" }
        return "<line \(attrs)/>"
    }

    /// A rectangle; `tooltip` becomes a child `<title>` (shown on hover, read by some screen readers).
    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, className: String,
                     stroke: String? = nil, strokeWidth: Double = 1, tooltip: String? = nil) -> String {
        var attrs = "class=\"\(className)\" x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, width)))\" height=\"\(n(max(0, height)))\" fill=\"\(fill)\""
        if let stroke { attrs += " stroke=\"\(stroke)\" stroke-width=\"\(n(strokeWidth))\"" }
        if let tooltip { return "<rect \(attrs)><title>\(escapeHTML(tooltip))</title></rect>" }
        return "<rect \(attrs)/>"
    }

    /// Polyline runs as one path: each run starts with M, so gaps between runs stay empty.
    static func path(runs: [[(Double, Double)]]) -> String {
        var d = ""
        for run in runs where run.count > 1 {
            for (i, p) in run.enumerated() { d += (i == 0 ? "M" : "L") + "\(n(p.0)),\(n(p.1))" }
        }
        return d
    }

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
