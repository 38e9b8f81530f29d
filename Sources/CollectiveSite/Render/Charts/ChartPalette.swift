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

extension SVG {
    /// A status marker centred on (x, y); `size` is about half its width. Cross and square are drawn so that
    /// they stay recognisable when small; the square is hollow (no data: nothing inside).
    static func marker(_ shape: MarkerShape, x: Double, y: Double, size s: Double, color: String, className: String) -> String {
        let c = "class=\"\(className)\""
        switch shape {
        case .circle:
            return "<circle \(c) cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(s))\" fill=\"\(color)\" stroke=\"#fff\" stroke-width=\"1.5\"/>"
        case .square:
            return "<rect \(c) x=\"\(n(x - s))\" y=\"\(n(y - s))\" width=\"\(n(2 * s))\" height=\"\(n(2 * s))\" fill=\"#fff\" stroke=\"\(color)\" stroke-width=\"2\"/>"
        case .triangle:
            let d = "M\(n(x)),\(n(y - 1.25 * s))L\(n(x + 1.2 * s)),\(n(y + 0.85 * s))L\(n(x - 1.2 * s)),\(n(y + 0.85 * s))Z"
            return "<path \(c) d=\"\(d)\" fill=\"\(color)\" stroke=\"#fff\" stroke-width=\"1.5\"/>"
        case .diamond:
            let r = 1.3 * s
            let d = "M\(n(x)),\(n(y - r))L\(n(x + r)),\(n(y))L\(n(x)),\(n(y + r))L\(n(x - r)),\(n(y))Z"
            return "<path \(c) d=\"\(d)\" fill=\"\(color)\" stroke=\"#fff\" stroke-width=\"1.5\"/>"
        case .cross:
            let d = "M\(n(x - s)),\(n(y - s))L\(n(x + s)),\(n(y + s))M\(n(x + s)),\(n(y - s))L\(n(x - s)),\(n(y + s))"
            return "<path \(c) d=\"\(d)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(n(max(2, s * 0.6)))\" stroke-linecap=\"round\"/>"
        }
    }

    /// `<pattern>` definitions. Ids are `<chart id>-<name>`.
    enum Fill {
        /// Colour with diagonal white stripes.
        static func stripes(id: String, color: String, over: String = "#fff") -> String {
            "<pattern id=\"\(id)\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"><rect width=\"6\" height=\"6\" fill=\"\(color)\"/><path d=\"M-1,1L1,-1M0,6L6,0M5,7L7,5\" stroke=\"\(over)\" stroke-width=\"1.5\"/></pattern>"
        }

        /// Colour with white dots.
        static func dots(id: String, color: String) -> String {
            "<pattern id=\"\(id)\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"><rect width=\"6\" height=\"6\" fill=\"\(color)\"/><circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#fff\"/></pattern>"
        }

        /// Light background with coloured cross-hatching.
        static func crossHatch(id: String, color: String, back: String) -> String {
            "<pattern id=\"\(id)\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"><rect width=\"6\" height=\"6\" fill=\"\(back)\"/><path d=\"M0,0L6,6M6,0L0,6\" stroke=\"\(color)\" stroke-width=\"1.2\"/></pattern>"
        }

        /// The shared, not-attributed part: grey diagonal hatching on light grey.
        static func shared(id: String) -> String {
            stripes(id: id, color: ChartPalette.sharedBack, over: ChartPalette.sharedLine)
        }
    }

    /// Series `index`'s fill: a plain colour, or a pattern (then `definition` must go into `<defs>`).
    static func seriesFill(index: Int, chartID: String) -> (fill: String, definition: String?) {
        let palette = ChartPalette.categorical
        let color = palette[index % palette.count]
        switch (index / palette.count) % 3 {
        case 0: return (color, nil)
        case 1:
            let id = "\(chartID)-s\(index)"
            return ("url(#\(id))", Fill.stripes(id: id, color: color))
        default:
            let id = "\(chartID)-s\(index)"
            return ("url(#\(id))", Fill.dots(id: id, color: color))
        }
    }
}
