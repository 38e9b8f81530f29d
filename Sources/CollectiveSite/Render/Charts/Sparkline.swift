import ImpactDomain

/// A small trend line for cards. Not decorative: it has its own title and the trend sentence as description.
public struct SparklineInput: Sendable, Hashable {
    public var id: String
    /// E.g. "Women reached, 2024-Q3 to 2026-Q2".
    public var title: String
    public var seriesName: String
    public var periods: [String]
    /// One per period; nil breaks the line. Only the texts of the first and last values are read (the summary
    /// sentence names them; the line shows none), so the others may be left empty.
    public var values: [ChartValue?]
    public var status: Status
    public var statusLabel: String?
    /// Named in the summary sentence only (a sparkline has no room for a target line).
    public var target: ReferenceLine?
    public var words: LineChartWords

    public init(id: String, title: String, seriesName: String, periods: [String], values: [ChartValue?],
                status: Status, statusLabel: String? = nil, target: ReferenceLine? = nil, words: LineChartWords = .english) {
        self.id = id; self.title = title; self.seriesName = seriesName; self.periods = periods; self.values = values
        self.status = status; self.statusLabel = statusLabel; self.target = target; self.words = words
    }

    var aligned: [ChartValue?] { periods.indices.map { $0 < values.count ? values[$0] : nil } }
}

extension Charts {
    /// 120 × 32 CSS pixels (a fixed size, unlike the other charts: it sits beside a figure on a card and
    /// must not grow with the card). The line scaled between its own smallest and largest value (the shape of the trend, not
    /// its size — the card prints the figure), gaps for missing periods, and the status marker shape at
    /// the latest point.
    public static func sparkline(_ input: SparklineInput) -> RenderedChart {
        let values = input.aligned
        let summary = trendSentence(name: input.seriesName, periods: input.periods, values: values, target: input.target,
                                    statusWord: input.statusLabel ?? input.status.defaultLabel, words: input.words)
        let id = SVG.safeID(input.id)
        let width = 120.0, height = 32.0, pad = 6.0
        let statusClass = "status-\(input.status.rawValue)"
        let data = values.compactMap { $0?.value }
        let lo = data.min() ?? 0, hi = data.max() ?? 0
        let count = values.count
        func x(_ i: Int) -> Double { count <= 1 ? width / 2 : pad + Double(i) * (width - 2 * pad) / Double(count - 1) }
        func y(_ v: Double) -> Double { hi == lo ? height / 2 : height - pad - (v - lo) / (hi - lo) * (height - 2 * pad) }

        var out = SVGWriter(capacity: 1536)
        // A sparkline has no caption: its `<desc>` carries the trend sentence. The status class gives the colour.
        out.open(id: id, className: "chart-sparkline \(statusClass)", width: width, height: height, title: input.title, desc: summary,
                 size: "width=\"120\" height=\"32\"")
        let runs = fluidRuns(values, x: x, y: y)
        out.polyline(runs: runs, className: "chart-line \(statusClass)")
        // Lone points between gaps would otherwise be invisible.
        for run in runs where run.count == 1 {
            out.put("<circle class=\"chart-point\"")
            out.attribute("cx", run[0].0)
            out.attribute("cy", run[0].1)
            out.put(" r=\"1.5\"/>")
        }
        if let last = values.lastIndex(where: { $0 != nil }), let value = values[last] {
            out.marker(ChartPalette.shape(input.status), x: x(last), y: y(value.value), size: 3.5,
                       className: "chart-marker \(statusClass)")
        }
        return out.chart(summary: summary)
    }
}
