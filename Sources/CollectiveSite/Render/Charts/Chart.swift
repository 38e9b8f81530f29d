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
        let caption = escapeHTML(summary)
        var out = "<figure class=\"chart\">"
        out.reserveCapacity(svg.utf8.count + caption.utf8.count + 160)
        if let titleID {
            out += "<div class=\"chart-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"\(escapeHTML(titleID))\">"
            out += svg
            out += "</div>"
        } else {
            out += svg
        }
        out += legend
        out += "<figcaption class=\"chart-summary\">"
        out += caption
        if !dropped.isEmpty {
            out += "<span class=\"chart-dropped\">"
            out += escapeHTML(dropped.joined(separator: " · "))
            out += "</span>"
        }
        if !droppedOnPhones.isEmpty {
            out += "<span class=\"chart-dropped chart-narrow\">"
            out += escapeHTML(droppedOnPhones.joined(separator: " · "))
            out += "</span>"
        }
        out += "</figcaption></figure>"
        return out
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
