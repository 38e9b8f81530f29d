import ImpactDomain

/// Colours, marker shapes and fill patterns shared by all charts.
///
/// Status colours are the stylesheet's (`--achieved` … `--no-data`): Okabe–Ito hues darkened until they reach
/// 4.5:1 against white, so they also work for text. Status is never colour alone: each has a marker shape
/// (which the stylesheet also draws on HTML badges) and charts print the status word.
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
    /// they stay recognisable when small; the square is hollow (no data: nothing inside). Its colour is the
    /// status colour of its class (`status-…`, or the chart's) through `currentColor`; the shape's class
    /// (`marker-solid`, `marker-hollow`, `marker-cross`) gives fill and stroke in the stylesheet.
    mutating func marker(_ shape: MarkerShape, x: Double, y: Double, size s: Double, className: String) {
        switch shape {
        case .circle:
            put("<circle class=\"")
            raw(className)
            put(" marker-solid\"")
            attribute("cx", x)
            attribute("cy", y)
            attribute("r", s)
            put("/>")
        case .square:
            put("<rect class=\"")
            raw(className)
            put(" marker-hollow\"")
            attribute("x", x - s)
            attribute("y", y - s)
            attribute("width", 2 * s)
            attribute("height", 2 * s)
            put("/>")
        case .triangle:
            startPath(className: className, shape: "marker-solid")
            point("M", x, y - 1.25 * s)
            point("L", x + 1.2 * s, y + 0.85 * s)
            point("L", x - 1.2 * s, y + 0.85 * s)
            put("Z\"/>")
        case .diamond:
            let r = 1.3 * s
            startPath(className: className, shape: "marker-solid")
            point("M", x, y - r)
            point("L", x + r, y)
            point("L", x, y + r)
            point("L", x - r, y)
            put("Z\"/>")
        case .cross:
            startPath(className: className, shape: "marker-cross")
            point("M", x - s, y - s)
            point("L", x + s, y + s)
            point("M", x + s, y - s)
            point("L", x - s, y + s)
            // The stroke is the shape here, so its width follows the marker's size.
            put("\"")
            attribute("stroke-width", max(2, s * 0.6))
            put("/>")
        }
    }

    /// `<path class="… shape" d="` — the path data follows.
    private mutating func startPath(className: String, shape: String) {
        put("<path class=\"")
        raw(className)
        put(" ")
        raw(shape)
        put("\" d=\"")
    }

    // `<pattern>` definitions. Ids are `<chart id>-<name>`.

    /// Colour with diagonal white stripes.
    mutating func stripes(id: String, color: String, over: String = "#fff") {
        startPattern(id: id, back: color)
        put("<path d=\"M-1,1L1,-1M0,6L6,0M5,7L7,5\"")
        attribute("stroke", over)
        put(" stroke-width=\"1.5\"/></pattern>")
    }

    /// Colour with white dots.
    mutating func dots(id: String, color: String) {
        startPattern(id: id, back: color)
        put("<circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#fff\"/></pattern>")
    }

    /// Light background with coloured cross-hatching.
    mutating func crossHatch(id: String, color: String, back: String) {
        startPattern(id: id, back: back)
        put("<path d=\"M0,0L6,6M6,0L0,6\"")
        attribute("stroke", color)
        put(" stroke-width=\"1.2\"/></pattern>")
    }

    /// The shared, not-attributed part: grey diagonal hatching on light grey.
    mutating func sharedHatching(id: String) {
        stripes(id: id, color: ChartPalette.sharedBack, over: ChartPalette.sharedLine)
    }

    /// A 6 × 6 pattern tile filled with `back`; the caller draws on it and closes the `<pattern>`.
    private mutating func startPattern(id: String, back: String) {
        put("<pattern")
        attribute("id", id)
        put(" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"><rect width=\"6\" height=\"6\"")
        attribute("fill", back)
        put("/>")
    }

    /// Series `index`'s paint: the class `series-N`, whose colour the stylesheet gives for the eight palette colours,
    /// and past eight a pattern of this chart as the fill (its definition, for `<defs>`, is then written here).
    mutating func seriesFill(index: Int, chartID: String) -> SeriesPaint {
        let palette = ChartPalette.categorical
        let color = palette[index % palette.count]
        let className = "series-\(index)"
        switch (index / palette.count) % 3 {
        case 0:
            // Plain colours repeat after 24 series: the class names the colour.
            return SeriesPaint(className: "series-\(index % palette.count)", fill: nil)
        case 1:
            let id = "\(chartID)-s\(index)"
            stripes(id: id, color: color)
            return SeriesPaint(className: className, fill: "url(#\(id))")
        default:
            let id = "\(chartID)-s\(index)"
            dots(id: id, color: color)
            return SeriesPaint(className: className, fill: "url(#\(id))")
        }
    }
}

/// How a series is painted: its class (`series-N`) and, for a pattern, the fill attribute that overrides nothing
/// in the stylesheet (there is no rule for `series-N` from eight on).
struct SeriesPaint {
    var className: String
    var fill: String?
}
