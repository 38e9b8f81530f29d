import ImpactDomain

/// Build-time charts: pure functions from small input values to an inline `<svg>` string.
///
/// Why like this: pages must work without JavaScript or anything fetched from another host, print on paper,
/// and read the same to a screen reader as to a sighted reader. So every chart
/// - is `role="img"` named by its first child, its `<title>` (ids from the input's `id`, which must be unique on the
///   page — inline SVG ids share the HTML document's id space — prefix its patterns);
/// - comes with a one-sentence plain-text `summary` for the page to print beside it (`figure` makes it the caption;
///   a sparkline, shown without one, carries it as its `<desc>`);
/// - draws with classes: colours, strokes and text sizes are the theme stylesheet's ("Chart drawing" in
///   `templates/assets/style.css`), written once per site instead of on every element; only what is the chart's own
///   (positions, its patterns) is in the markup;
/// - shows status by word and marker shape as well as colour, and uses colour-blind-safe palettes;
/// - fills the width of its box without scaling its text (`FluidSVG`: no `viewBox`, positions as fractions of the
///   width), so labels read at the page's small-text size on a phone and on a desktop alike, and inherits the
///   page's font; labels are placed by `LabelLayout`, which drops (to the caption) what would overlap;
/// - is deterministic: coordinates are printed by `SVGWriter.number` (at most one decimal, no locale), numbers a
///   reader sees come pre-formatted from the caller or from the given `NumberFormat`;
/// - escapes every text value (`SVGWriter.escaped`, byte for byte what `escapeHTML` returns).
///
/// Words the charts print themselves (target labels, summary sentences) are templates with `{name}`
/// placeholders and English defaults, so the site can pass its translations.
public enum Charts {}

/// What a chart function returns.
public struct RenderedChart: Sendable, Hashable {
    /// The `<svg>…</svg>` element, ready to insert unescaped (`{{{chart}}}`).
    public var svg: String
    /// One plain-text sentence saying what the chart shows. Not escaped: let Mustache escape it (`{{summary}}`).
    public var summary: String
    /// Labels the layout step could not place without covering another label, a line or a marker at some width
    /// (e.g. "Baseline 800"): printed under the chart instead, so nothing the chart would say is lost.
    public var dropped: [String]
    /// Labels drawn on wide screens only (`TieredLayout`): printed under the chart on phones.
    public var droppedOnPhones: [String] = []
    /// Markup shown under the chart before the summary (a legend naming every series in full), or empty.
    public var legend: String

    public init(svg: String, summary: String, dropped: [String] = [], legend: String = "") {
        self.svg = svg; self.summary = summary; self.dropped = dropped; self.legend = legend
    }

    /// The chart and its summary as `<figure class="chart">…<figcaption class="chart-summary">…</figcaption></figure>`.
    public var figure: String { figure(scrollingLabelledBy: nil) }

    /// A chart too detailed to shrink to a phone's width (the heat map: at 390 px its labels would be 6 px high)
    /// keeps a minimum width (`.chart-scroll` in the stylesheet) and scrolls sideways in a region that takes
    /// keyboard focus, named by the chart's title (`titleID`); its summary stays below, unscrolled.
    public func figure(scrollingLabelledBy titleID: String?) -> String {
        var out = SVGWriter(capacity: svg.utf8.count + legend.utf8.count + summary.utf8.count + 256)
        out.openFigure(scrollingLabelledBy: titleID)
        out.raw(svg)
        out.closeFigure(ChartNotes(summary: summary, dropped: dropped, droppedOnPhones: droppedOnPhones, legend: legend),
                        scrolling: titleID != nil)
        return out.string
    }

    init(svg: String, _ notes: ChartNotes) {
        self.init(svg: svg, summary: notes.summary, dropped: notes.dropped, legend: notes.legend)
        droppedOnPhones = notes.droppedOnPhones
    }
}

/// What a chart says besides its `<svg>` element: a `RenderedChart` without it. A chart's drawing writes the element
/// into a writer and hands these back, so that the element can become a `RenderedChart` or go straight into its
/// `<figure>` (`Charts.rendered`, `Charts.figure`).
struct ChartNotes {
    var summary: String
    var dropped: [String] = []
    var droppedOnPhones: [String] = []
    var legend = ""
}

extension Charts {
    /// The chart `draw` writes (its `<svg>` element, closed) into a writer of `capacity` bytes.
    static func rendered(capacity: Int, _ draw: (inout SVGWriter) -> ChartNotes) -> RenderedChart {
        var out = SVGWriter(capacity: capacity)
        let notes = draw(&out)
        return RenderedChart(svg: out.string, notes)
    }

    /// `rendered(capacity:_:).figure(scrollingLabelledBy: titleID)`, written in one writer: the `<figure>` opened
    /// before the chart and closed after it, one String made instead of two (the chart's, then the figure's).
    static func figure(capacity: Int, scrollingLabelledBy titleID: String? = nil,
                       _ draw: (inout SVGWriter) -> ChartNotes) -> String {
        var out = SVGWriter(capacity: capacity + 512)
        out.openFigure(scrollingLabelledBy: titleID)
        let notes = draw(&out)
        out.closeFigure(notes, scrolling: titleID != nil)
        return out.string
    }
}

extension SVGWriter {
    /// `<figure class="chart">`, and for a chart that scrolls sideways the region around it (`RenderedChart.figure`).
    mutating func openFigure(scrollingLabelledBy titleID: String?) {
        put("<figure class=\"chart\">")
        if let titleID {
            put("<div class=\"chart-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"")
            escaped(titleID)
            put("\">")
        }
    }

    /// After the chart: the end of the scrolling region (`scrolling`), the legend, the caption with the summary and
    /// the labels the chart could not place, and `</figure>`.
    mutating func closeFigure(_ notes: ChartNotes, scrolling: Bool) {
        if scrolling { put("</div>") }
        raw(notes.legend)
        put("<figcaption class=\"chart-summary\">")
        escaped(notes.summary)
        if !notes.dropped.isEmpty {
            put("<span class=\"chart-dropped\">")
            escaped(notes.dropped.joined(separator: " · "))
            put("</span>")
        }
        if !notes.droppedOnPhones.isEmpty {
            put("<span class=\"chart-dropped chart-narrow\">")
            escaped(notes.droppedOnPhones.joined(separator: " · "))
            put("</span>")
        }
        put("</figcaption></figure>")
    }
}

/// A data value: the raw number for geometry and the text a reader sees ("8,450", "62%").
public struct ChartValue: Sendable, Hashable {
    public var value: Double
    public var text: String
    public init(_ value: Double, text: String) { self.value = value; self.text = text }
}

/// A horizontal reference line (target, baseline): the value and its formatted text ("10,000").
public struct ReferenceLine: Sendable, Hashable {
    public var value: Double
    public var text: String
    public init(_ value: Double, text: String) { self.value = value; self.text = text }
}

/// How the value axis labels its gridlines.
public enum AxisLabels: Sendable, Hashable {
    /// Counts and amounts: `NumberFormat.compact` (2.5K, 3 lakh).
    case compact
    /// Values already in percentage points (0…100): `25%`.
    case percent
    /// Fractions of one (0…1) shown as percentages: `0.25` → `25%`.
    case share

    func label(_ v: Double, _ format: NumberFormat) -> String {
        switch self {
        case .compact: format.compact(v)
        case .percent: format.decimal(v, digits: 1, trimZeros: true) + "%"
        case .share: format.decimal(v * 100, digits: 1, trimZeros: true) + "%"
        }
    }
}

extension Status {
    /// The status word used when the caller gives none (English).
    var defaultLabel: String {
        switch self {
        case .achieved: "Achieved"
        case .onTrack: "On track"
        case .atRisk: "At risk"
        case .offTrack: "Off track"
        case .noData: "No data"
        }
    }
}
