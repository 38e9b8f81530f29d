/// Words the stacked bar chart prints or says. Templates use `{name}` placeholders; defaults are English.
public struct StackedBarsWords: Sendable, Hashable {
    /// Tooltip of each segment. `{series}`, `{period}`, `{value}`.
    public var segmentTooltip = "{series}, {period}: {value}"
    /// Summary of the latest period with data. `{period}`, `{reporting}` (number of partners with a value),
    /// `{largest}` (series name), `{value}`.
    public var summary = "In {period}, {reporting} partners reported; the largest part came from {largest} ({value})"
    /// Used instead when exactly one partner reported (same placeholders).
    public var summaryOne = "In {period}, only {largest} reported ({value})"
    /// Appended when the shared part has a value in that period. `{shared}` (its name), `{value}`.
    public var sharedPart = "; {shared}: {value}"
    /// Appended when a total is given. `{total}`.
    public var totalPart = "; total {total}"
    /// Appended instead when the total adds up counts that may hold one person several times. `{total}`.
    public var totalCountsTwicePart = "; the partners' counts add up to {total}, which may count a person reached by several partners more than once"
    /// Appended when the chart marks the value counted once. `{counted}` (its name), `{value}`.
    public var countedPart = "; {counted}: {value}"
    /// Default name of the marker of the value counted once.
    public var countedName = "Counted once (deduplicated)"
    public var end = "."
    /// The whole sentence when nothing was reported.
    public var noData = "No contributions have been reported yet."
    public var noDataShort = "No data yet"
    /// Default name of the shared part.
    public var sharedName = "Shared, not attributed"

    public init() {}
    public static let english = StackedBarsWords()
}

/// One stacked series (a partner, or the shared part): a value per period, nil when not reported.
public struct BarSeries: Sendable, Hashable {
    public var name: String
    public var values: [ChartValue?]
    public init(name: String, values: [ChartValue?]) { self.name = name; self.values = values }
}

/// Partner contributions per period, stacked, plus the shared part nobody can claim alone.
public struct StackedBarsInput: Sendable, Hashable {
    public var id: String
    public var title: String
    public var periods: [String]
    /// Partners, bottom to top, in legend order. Colours follow the Okabe–Ito order.
    public var series: [BarSeries]
    /// The "shared, not attributed" part, drawn on top with grey hatching. Its name defaults to
    /// `words.sharedName` when empty.
    public var shared: BarSeries?
    /// Formatted totals per period, printed above the bars when there is room (nil: none). They are the height
    /// of the whole bar: every partner and the shared part.
    public var totals: [String?]?
    /// True when the totals add up counts in which one person may appear several times (the summary says so).
    public var totalsCountTwice = false
    /// The collective value counted once (a `unique` indicator's deduplicated count), drawn as a dark marker
    /// across each bar, so the stack of partner counts is never read as the number of people. Its name defaults
    /// to `words.countedName` when empty.
    public var counted: BarSeries?
    public var format: NumberFormat
    public var axis: AxisLabels
    public var words: StackedBarsWords

    public init(id: String, title: String, periods: [String], series: [BarSeries], shared: BarSeries? = nil,
                totals: [String?]? = nil, format: NumberFormat, axis: AxisLabels = .compact,
                words: StackedBarsWords = .english) {
        self.id = id; self.title = title; self.periods = periods; self.series = series; self.shared = shared
        self.totals = totals; self.format = format; self.axis = axis; self.words = words
    }

    /// Partners, then the shared part (named).
    var allSeries: [(series: BarSeries, isShared: Bool)] {
        var all = series.map { ($0, false) }
        if var shared {
            if shared.name.isEmpty { shared.name = words.sharedName }
            all.append((shared, true))
        }
        return all
    }

    func value(_ s: BarSeries, _ period: Int) -> ChartValue? { period < s.values.count ? s.values[period] : nil }

    /// The counted-once marker, named.
    var countedSeries: BarSeries? {
        guard var counted else { return nil }
        if counted.name.isEmpty { counted.name = words.countedName }
        return counted
    }
}

extension Charts {
    /// One bar per period, segments stacked bottom to top in series order, the shared part last and hatched.
    /// Negative values are not stackable and are left out of the bars (they stay in the data table).
    public static func stackedBars(_ input: StackedBarsInput) -> RenderedChart {
        let summary = stackedBarsSummary(input)
        let id = SVG.safeID(input.id)
        let all = input.allSeries
        let fontSize = 13.0, width = 480.0
        let periods = input.periods

        // Fills: colours for partners (patterns past eight), hatching for the shared part.
        var defs = SVGWriter(capacity: 0)
        var fills: [String] = []
        var partnerIndex = 0
        for entry in all {
            if entry.isShared {
                defs.sharedHatching(id: "\(id)-shared")
                fills.append("url(#\(id)-shared)")
            } else {
                fills.append(defs.seriesFill(index: partnerIndex, chartID: id))
                partnerIndex += 1
            }
        }
        let segmentClasses = all.indices.map { all[$0].isShared ? "chart-segment chart-shared" : "chart-segment series-\($0)" }

        // Legend rows, laid out first because they set the height.
        let swatch = 12.0, gap = 16.0
        var legendItems: [(x: Double, row: Int, name: String, index: Int)] = []
        var cursor = 0.0, row = 0
        for (i, entry) in all.enumerated() {
            let name = SVG.truncate(entry.series.name, 40)
            let itemWidth = swatch + 6 + SVG.textWidth(name, size: fontSize) + gap
            if cursor > 0 && cursor + itemWidth > width - 8 { row += 1; cursor = 0 }
            legendItems.append((8 + cursor, row, name, i))
            cursor += itemWidth
        }
        let counted = input.countedSeries
        if let counted {
            let name = SVG.truncate(counted.name, 40)
            let itemWidth = swatch + 6 + SVG.textWidth(name, size: fontSize) + gap
            if cursor > 0 && cursor + itemWidth > width - 8 { row += 1; cursor = 0 }
            legendItems.append((8 + cursor, row, name, all.count))
        }
        let legendRows = legendItems.isEmpty ? 0 : row + 1

        let totals = periods.indices.map { p in
            all.reduce(0.0) { sum, entry in sum + max(0, input.value(entry.series, p)?.value ?? 0) }
        }
        let countedValues = periods.indices.map { p in counted.flatMap { input.value($0, p)?.value } }
        let scale = AxisScale(low: 0, high: max(totals.max() ?? 0, countedValues.compactMap { $0 }.max() ?? 0))
        let tickLabels = scale.ticks.map { input.axis.label($0, input.format) }
        let left = (tickLabels.map { SVG.textWidth($0, size: fontSize) }.max() ?? 0) + 12
        let right = 12.0, top = 22.0
        let bottom = 200.0
        let height = bottom + 30 + Double(legendRows) * 20 + 6
        let plotWidth = width - left - right
        let slot = plotWidth / Double(max(1, periods.count))
        let barWidth = min(48, slot * 0.64)
        func y(_ v: Double) -> Double { scale.y(v, top: top, bottom: bottom) }

        var out = SVGWriter(capacity: 4096 + 384 * periods.count * max(1, all.count))
        out.open(id: id, className: "chart-stacked-bars", width: width, height: height, title: input.title, desc: summary)
        if !defs.bytes.isEmpty {
            out.raw("<defs>")
            out.raw(defs)
            out.raw("</defs>")
        }

        for (tick, label) in zip(scale.ticks, tickLabels) {
            out.line(x1: left, y1: y(tick), x2: width - right, y2: y(tick),
                     color: tick == 0 ? ChartPalette.inkSoft : ChartPalette.grid, className: "chart-gridline")
            out.text(label, x: left - 6, y: y(tick) + 4, anchor: .end, size: fontSize, className: "chart-axis-label")
        }
        let labelWidth = (periods.map { SVG.textWidth($0, size: fontSize) }.max() ?? 0) + 8
        let shown = visibleLabelIndices(count: periods.count, slotWidth: slot, labelWidth: labelWidth)
        for (p, period) in periods.enumerated() where shown.contains(p) {
            out.text(period, x: left + (Double(p) + 0.5) * slot, y: bottom + 18, anchor: .middle, size: fontSize,
                     className: "chart-axis-label")
        }

        if totals.allSatisfy({ $0 == 0 }) {
            out.text(input.words.noDataShort, x: left + plotWidth / 2, y: (top + bottom) / 2, anchor: .middle,
                     size: 14, className: "chart-empty")
        }

        // Bars: a group per period, a rect per reported segment (a thin white edge separates neighbours).
        let segmentTooltip = FieldTemplate(input.words.segmentTooltip, fields: ["series", "period", "value"])
        for p in periods.indices {
            let x = left + (Double(p) + 0.5) * slot - barWidth / 2
            var stacked = 0.0
            out.raw("<g class=\"chart-bar\">")
            for (i, entry) in all.enumerated() {
                guard let v = input.value(entry.series, p), v.value > 0 else { continue }
                let y0 = y(stacked), y1 = y(stacked + v.value)
                out.rect(x: x, y: y1, width: barWidth, height: y0 - y1, fill: fills[i], className: segmentClasses[i],
                         stroke: "#fff", strokeWidth: 0.75, tooltip: segmentTooltip, [entry.series.name, periods[p], v.text])
                stacked += v.value
            }
            out.raw("</g>")
            if let totals = input.totals, p < totals.count, let total = totals[p], stacked > 0,
               SVG.textWidth(total, size: 11) <= slot - 2 {
                out.text(total, x: x + barWidth / 2, y: y(stacked) - 4, anchor: .middle, size: 11,
                         color: ChartPalette.ink, className: "chart-total")
            }
            // The value counted once: a dark bar across the stack, wider than it, with its own tooltip.
            if let counted, let v = input.value(counted, p), v.value > 0 {
                out.rect(x: x - 5, y: y(v.value) - 1.5, width: barWidth + 10, height: 3, fill: ChartPalette.ink,
                         className: "chart-marker chart-counted", stroke: "#fff", strokeWidth: 0.75,
                         tooltip: segmentTooltip, [counted.name, periods[p], v.text])
            }
        }

        // Legend.
        let legendTop = bottom + 34
        out.raw("<g class=\"chart-legend\">")
        for item in legendItems {
            let ly = legendTop + Double(item.row) * 20
            if item.index < fills.count {
                out.rect(x: item.x, y: ly, width: swatch, height: swatch, fill: fills[item.index],
                         className: "chart-legend-swatch", stroke: ChartPalette.inkSoft, strokeWidth: 0.5)
            } else {
                out.rect(x: item.x, y: ly + swatch / 2 - 1.5, width: swatch, height: 3, fill: ChartPalette.ink,
                         className: "chart-legend-swatch chart-counted")
            }
            out.text(item.name, x: item.x + swatch + 6, y: ly + 10.5, size: fontSize, color: ChartPalette.ink,
                     className: "chart-legend-label")
        }
        out.raw("</g>")
        return out.chart(summary: summary)
    }

    /// One sentence about the latest period with any contribution: how many partners reported, the largest
    /// part, the shared part and total when given.
    public static func stackedBarsSummary(_ input: StackedBarsInput) -> String {
        let words = input.words
        let reportedIn = { (p: Int) in input.allSeries.contains { input.value($0.series, p) != nil } }
        guard let p = input.periods.indices.last(where: reportedIn) else { return words.noData }
        let partners = input.series.compactMap { s in input.value(s, p).map { (s.name, $0) } }
        var sentence: String
        if let largest = partners.max(by: { $0.1.value < $1.1.value }) {
            let fields = ["period": input.periods[p], "reporting": input.format.integer(partners.count),
                          "largest": largest.0, "value": largest.1.text]
            sentence = fillTemplate(partners.count == 1 ? words.summaryOne : words.summary, fields)
        } else {
            sentence = input.periods[p]
        }
        if let shared = input.allSeries.first(where: { $0.isShared })?.series, let v = input.value(shared, p) {
            sentence += fillTemplate(words.sharedPart, ["shared": shared.name, "value": v.text])
        }
        if let totals = input.totals, p < totals.count, let total = totals[p] {
            sentence += fillTemplate(input.totalsCountTwice ? words.totalCountsTwicePart : words.totalPart, ["total": total])
        }
        if let counted = input.countedSeries, let v = input.value(counted, p) {
            sentence += fillTemplate(words.countedPart, ["counted": counted.name, "value": v.text])
        }
        return sentence + words.end
    }
}
