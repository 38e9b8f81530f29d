import ImpactDomain

/// Colours, marker shapes and fill patterns shared by all charts.
///
/// Status colours are the stylesheet's (`--achieved` … `--no-data`): Okabe–Ito hues darkened until they reach
/// 4.5:1 against white, so they also work for text. Status is never colour alone: each has a marker shape
/// (and the same symbol for HTML badges) and charts print the status word.
public enum ChartPalette {
    public static func color(_ status: Status) -> String {
        switch status {
        case .achieved: "#005f8f"
        case .onTrack: "#00785a"
        case .atRisk: "#8a5a00"
        case .offTrack: "#b03d00"
        case .noData: "#5f6873"
        }
    }

    public static func shape(_ status: Status) -> MarkerShape {
        switch status {
        case .achieved: .diamond
        case .onTrack: .circle
        case .atRisk: .triangle
        case .offTrack: .cross
        case .noData: .square
        }
    }

    /// A text symbol matching the chart marker, for HTML status badges: ◆ ● ▲ ✕ □.
    public static func symbol(_ status: Status) -> String {
        switch shape(status) {
        case .diamond: "◆"
        case .circle: "●"
        case .triangle: "▲"
        case .cross: "✕"
        case .square: "□"
        }
    }

    /// Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
    /// deficiency. Series beyond eight reuse the colours with a white stripe (9–16) or dot (17–24) overlay,
    /// then repeat; a legend names every series.
    public static let categorical = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]

    /// Single-hue sequential scale (ColorBrewer "Blues"): level 0 is for zero, 1…6 for ever larger values.
    public static let blues = ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#2171b5", "#08519c"]

    static let ink = "#1b1f24"
    static let inkSoft = "#4a525c"
    static let grid = "#d9dde2"
    static let track = "#eef0f3"
    /// The "shared, not attributed" fill: grey hatching, so it reads as "not one partner's" in any colour vision.
    static let sharedLine = "#5f6873"
    static let sharedBack = "#e9ecef"
}

/// Marker shapes for status.
public enum MarkerShape: String, Sendable, Hashable {
    case circle, square, triangle, diamond, cross
}

extension SVGWriter {
    /// A status marker centred on (x, y); `size` is about half its width. Cross and square are drawn so that
    /// they stay recognisable when small; the square is hollow (no data: nothing inside).
    mutating func marker(_ shape: MarkerShape, x: Double, y: Double, size s: Double, color: String, className: String) {
        switch shape {
        case .circle:
            raw("<circle")
            attribute("class", className)
            attribute("cx", x)
            attribute("cy", y)
            attribute("r", s)
            attribute("fill", color)
            raw(" stroke=\"#fff\" stroke-width=\"1.5\"/>")
        case .square:
            raw("<rect")
            attribute("class", className)
            attribute("x", x - s)
            attribute("y", y - s)
            attribute("width", 2 * s)
            attribute("height", 2 * s)
            raw(" fill=\"#fff\"")
            attribute("stroke", color)
            raw(" stroke-width=\"2\"/>")
        case .triangle:
            startPath(className: className)
            point("M", x, y - 1.25 * s)
            point("L", x + 1.2 * s, y + 0.85 * s)
            point("L", x - 1.2 * s, y + 0.85 * s)
            raw("Z\"")
            attribute("fill", color)
            raw(" stroke=\"#fff\" stroke-width=\"1.5\"/>")
        case .diamond:
            let r = 1.3 * s
            startPath(className: className)
            point("M", x, y - r)
            point("L", x + r, y)
            point("L", x, y + r)
            point("L", x - r, y)
            raw("Z\"")
            attribute("fill", color)
            raw(" stroke=\"#fff\" stroke-width=\"1.5\"/>")
        case .cross:
            startPath(className: className)
            point("M", x - s, y - s)
            point("L", x + s, y + s)
            point("M", x + s, y - s)
            point("L", x - s, y + s)
            raw("\" fill=\"none\"")
            attribute("stroke", color)
            attribute("stroke-width", max(2, s * 0.6))
            raw(" stroke-linecap=\"round\"/>")
        }
    }

    /// `<path class="…" d="` — the path data follows.
    private mutating func startPath(className: String) {
        raw("<path")
        attribute("class", className)
        raw(" d=\"")
    }

    // `<pattern>` definitions. Ids are `<chart id>-<name>`.

    /// Colour with diagonal white stripes.
    mutating func stripes(id: String, color: String, over: String = "#fff") {
        startPattern(id: id, back: color)
        raw("<path d=\"M-1,1L1,-1M0,6L6,0M5,7L7,5\"")
        attribute("stroke", over)
        raw(" stroke-width=\"1.5\"/></pattern>")
    }

    /// Colour with white dots.
    mutating func dots(id: String, color: String) {
        startPattern(id: id, back: color)
        raw("<circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#fff\"/></pattern>")
    }

    /// Light background with coloured cross-hatching.
    mutating func crossHatch(id: String, color: String, back: String) {
        startPattern(id: id, back: back)
        raw("<path d=\"M0,0L6,6M6,0L0,6\"")
        attribute("stroke", color)
        raw(" stroke-width=\"1.2\"/></pattern>")
    }

    /// The shared, not-attributed part: grey diagonal hatching on light grey.
    mutating func sharedHatching(id: String) {
        stripes(id: id, color: ChartPalette.sharedBack, over: ChartPalette.sharedLine)
    }

    /// A 6 × 6 pattern tile filled with `back`; the caller draws on it and closes the `<pattern>`.
    private mutating func startPattern(id: String, back: String) {
        raw("<pattern")
        attribute("id", id)
        raw(" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"><rect width=\"6\" height=\"6\"")
        attribute("fill", back)
        raw("/>")
    }

    /// Series `index`'s fill: a plain colour, or a pattern, whose definition (for `<defs>`) is then written here.
    mutating func seriesFill(index: Int, chartID: String) -> String {
        let palette = ChartPalette.categorical
        let color = palette[index % palette.count]
        switch (index / palette.count) % 3 {
        case 0:
            return color
        case 1:
            let id = "\(chartID)-s\(index)"
            stripes(id: id, color: color)
            return "url(#\(id))"
        default:
            let id = "\(chartID)-s\(index)"
            dots(id: id, color: color)
            return "url(#\(id))"
        }
    }
}
