import ImpactDomain

/// Words the line chart and sparkline print or say. Templates use `{name}` placeholders; defaults are English.
public struct LineChartWords: Sendable, Hashable {
    /// Placeholders: `{name}`, `{first}`, `{firstPeriod}`, `{last}`, `{lastPeriod}`.
    public var rose = "{name} rose from {first} in {firstPeriod} to {last} in {lastPeriod}"
    public var fell = "{name} fell from {first} in {firstPeriod} to {last} in {lastPeriod}"
    public var steady = "{name} stayed at {last} from {firstPeriod} to {lastPeriod}"
    /// Only one period has data. `{last}`, `{lastPeriod}`.
    public var single = "{name} was {last} in {lastPeriod}"
    /// Appended to the trend when there is a target. `{target}`.
    public var againstTarget = " against a target of {target}"
    /// Appended when periods inside the range have no data. `{periods}` (comma-separated).
    public var missing = "; no data for {periods}"
    /// Ends the sentence. `{status}`.
    public var status = "; status: {status}."
    /// The whole sentence when nothing was reported. `{name}`.
    public var noData = "No data has been reported for {name} yet."
    /// Printed in an empty chart.
    public var noDataShort = "No data yet"
    /// Label on the target line. `{value}`.
    public var targetLabel = "Target {value}"
    /// Label on the baseline. `{value}`.
    public var baselineLabel = "Baseline {value}"
    /// Label at the latest point. `{value}`, `{status}`.
    public var latestLabel = "{value} · {status}"
    /// Tooltip of each point. `{period}`, `{value}`.
    public var pointTooltip = "{period}: {value}"
    /// Tooltip of a milestone mark. `{period}`, `{value}`.
    public var milestoneTooltip = "{period} milestone: {value}"

    public init() {}
    public static let english = LineChartWords()
}

/// One indicator's values over periods.
public struct LineChartInput: Sendable, Hashable {
    /// Unique on the page; prefixes the ids inside the SVG.
    public var id: String
    /// The chart's `<title>`, e.g. "Women reached, 2024-Q3 to 2026-Q2".
    public var title: String
    /// What is measured, for the summary sentence: "Women reached".
    public var seriesName: String
    /// X-axis labels, oldest first.
    public var periods: [String]
    /// One per period; nil where nothing was reported (the line breaks there — a gap, never a zero).
    /// Extra values beyond `periods` are ignored.
    public var values: [ChartValue?]
    /// The latest status: line colour, marker shape at the latest point, and the word beside it.
    public var status: Status
    /// The status word in the page's language ("On track"); nil uses English.
    public var statusLabel: String?
    public var target: ReferenceLine?
    public var baseline: ReferenceLine?
    /// One per period: the period's milestone (targets.csv), nil where the end target applies. Drawn as a short
    /// bar across the period's slot, so the line can be read against the milestone of its own period.
    public var milestones: [ChartValue?] = []
    /// One per period: what a reader must know about that period's value ("2026-Q3 (3 of 4 partners reported)"),
    /// used as the period's name in its point's tooltip and added to the summary sentence; nil for none.
    public var periodNotes: [String?] = []
    /// Formats gridline labels (compact: 2.5K, 3 lakh).
    public var format: NumberFormat
    public var axis: AxisLabels
    /// Start the value axis at zero (honest default). False lets it start near the smallest value, e.g. for
    /// a decrease indicator whose values sit far from zero.
    public var fromZero: Bool
    public var words: LineChartWords

    public init(id: String, title: String, seriesName: String, periods: [String], values: [ChartValue?],
                status: Status, statusLabel: String? = nil, target: ReferenceLine? = nil, baseline: ReferenceLine? = nil,
                format: NumberFormat, axis: AxisLabels = .compact, fromZero: Bool = true, words: LineChartWords = .english) {
        self.id = id; self.title = title; self.seriesName = seriesName; self.periods = periods; self.values = values
        self.status = status; self.statusLabel = statusLabel; self.target = target; self.baseline = baseline
        self.format = format; self.axis = axis; self.fromZero = fromZero; self.words = words
    }

    /// The note of period `i`, if any.
    func note(_ i: Int) -> String? { i < periodNotes.count ? periodNotes[i] : nil }

    /// Values aligned with periods (missing trailing values are nil).
    var aligned: [ChartValue?] { periods.indices.map { $0 < values.count ? values[$0] : nil } }
    var statusWord: String { statusLabel ?? status.defaultLabel }
}

extension Charts {
    /// A line over periods with optional target and baseline lines; the latest point carries the status
    /// marker and word. Missing periods break the line.
    public static func lineChart(_ input: LineChartInput) -> RenderedChart {
        let summary = lineSummary(input)
        let id = SVG.safeID(input.id)
        let values = input.aligned
        let words = input.words
        let color = ChartPalette.color(input.status)
        let statusClass = "status-\(input.status.rawValue)"

        // Geometry.
        let width = 480.0, height = 240.0, fontSize = 13.0
        let data = values.compactMap { $0?.value }
        let references = [input.target?.value, input.baseline?.value].compactMap { $0 } + input.milestones.compactMap { $0?.value }
        let scale = AxisScale(low: (data + references).min() ?? 0, high: (data + references).max() ?? 0,
                              fromZero: input.fromZero)
        // With nothing to show, the gridlines carry no numbers (a 0–1 scale would be made up).
        let tickLabels = data.isEmpty && references.isEmpty ? scale.ticks.map { _ in "" }
            : scale.ticks.map { input.axis.label($0, input.format) }
        let left = (tickLabels.map { SVG.textWidth($0, size: fontSize) }.max() ?? 0) + 12
        let right = 12.0, top = 30.0, bottom = height - 30
        let plotWidth = width - left - right
        let count = max(1, input.periods.count)
        let slot = plotWidth / Double(count)
        func x(_ i: Int) -> Double { left + (Double(i) + 0.5) * slot }
        func y(_ v: Double) -> Double { scale.y(v, top: top, bottom: bottom) }

        var out = SVGWriter(capacity: 6144)
        out.open(id: id, className: "chart-line-chart", width: width, height: height, title: input.title, desc: summary)

        // Gridlines with compact labels.
        for (tick, label) in zip(scale.ticks, tickLabels) {
            out.line(x1: left, y1: y(tick), x2: width - right, y2: y(tick),
                     color: tick == 0 ? ChartPalette.inkSoft : ChartPalette.grid, className: "chart-gridline")
            if !label.isEmpty {
                out.text(label, x: left - 6, y: y(tick) + 4, anchor: .end, size: fontSize, className: "chart-axis-label")
            }
        }

        // Period labels, thinned so they do not overlap; the latest is always shown.
        let labelWidth = (input.periods.map { SVG.textWidth($0, size: fontSize) }.max() ?? 0) + 8
        let shown = visibleLabelIndices(count: input.periods.count, slotWidth: slot, labelWidth: labelWidth)
        for (i, period) in input.periods.enumerated() where shown.contains(i) {
            out.text(period, x: x(i), y: bottom + 18, anchor: .middle, size: fontSize, className: "chart-axis-label")
        }

        guard let lastIndex = values.lastIndex(where: { $0 != nil }), let last = values[lastIndex] else {
            out.text(words.noDataShort, x: left + plotWidth / 2, y: (top + bottom) / 2, anchor: .middle,
                     size: 14, color: ChartPalette.inkSoft, className: "chart-empty")
            return out.chart(summary: summary)
        }

        // The latest point's label, placed first so reference labels can step aside from it.
        let latestText = fillTemplate(words.latestLabel, ["value": last.text, "status": input.statusWord])
        let lx = x(lastIndex), ly = y(last.value)
        let latestAnchor: SVG.Anchor = lx > left + plotWidth * 0.6 ? .end : (lx < left + plotWidth * 0.25 ? .start : .middle)
        // Above the point: the top margin leaves room even when the point sits on the top gridline.
        let latestY = ly - 12
        let latestWidth = SVG.textWidth(latestText, size: fontSize)
        let latestSpan: ClosedRange<Double> = switch latestAnchor {
        case .end: (lx + 6 - latestWidth)...(lx + 6)
        case .start: (lx - 6)...(lx - 6 + latestWidth)
        case .middle: (lx - latestWidth / 2)...(lx + latestWidth / 2)
        }

        // Target: dashed line, labelled at the right end (or the left, if the latest label is in the way).
        if let target = input.target {
            let ty = y(target.value)
            out.line(x1: left, y1: ty, x2: width - right, y2: ty, color: ChartPalette.ink, width: 1.5,
                     dash: "6 4", className: "chart-target")
            let text = fillTemplate(words.targetLabel, ["value": target.text])
            let textWidth = SVG.textWidth(text, size: fontSize)
            let rightSpan = (width - right - textWidth)...(width - right)
            let clashes = abs((ty - 5) - latestY) < fontSize + 2 && rightSpan.overlaps(latestSpan)
            if clashes {
                out.text(text, x: left + 4, y: ty - 5, size: fontSize, color: ChartPalette.ink, halo: true, className: "chart-target-label")
            } else {
                out.text(text, x: width - right, y: ty - 5, anchor: .end, size: fontSize, color: ChartPalette.ink,
                         halo: true, className: "chart-target-label")
            }
        }
        // Baseline: dotted line, labelled below it at the right end, where an increasing line has left it
        // (at the left end if the latest label is in the way).
        if let baseline = input.baseline {
            let by = y(baseline.value)
            out.line(x1: left, y1: by, x2: width - right, y2: by, color: ChartPalette.inkSoft, width: 1.5,
                     dash: "2 3", className: "chart-baseline")
            let text = fillTemplate(words.baselineLabel, ["value": baseline.text])
            let textY = by + 15 > bottom - 2 ? by - 5 : by + 15
            let rightSpan = (width - right - SVG.textWidth(text, size: fontSize))...(width - right)
            let clashes = abs(textY - latestY) < fontSize + 2 && rightSpan.overlaps(latestSpan)
            if clashes {
                out.text(text, x: left + 4, y: textY, size: fontSize, halo: true, className: "chart-baseline-label")
            } else {
                out.text(text, x: width - right, y: textY, anchor: .end, size: fontSize, halo: true, className: "chart-baseline-label")
            }
        }
        // Milestones: a short bar across each period's slot that has one, with its value as a tooltip.
        let milestoneTooltip = FieldTemplate(words.milestoneTooltip, fields: ["period", "value"])
        for (i, milestone) in input.milestones.prefix(input.periods.count).enumerated() {
            guard let milestone else { continue }
            let half = min(10, slot * 0.35)
            out.raw("<line class=\"chart-milestone\"")
            out.attribute("x1", x(i) - half)
            out.attribute("x2", x(i) + half)
            out.attribute("y1", y(milestone.value))
            out.attribute("y2", y(milestone.value))
            out.attribute("stroke", ChartPalette.ink)
            out.raw(" stroke-width=\"3\"><title>")
            out.escaped(milestoneTooltip, [input.periods[i], milestone.text])
            out.raw("</title></line>")
        }
        // The line, broken where a period has no value.
        var runs: [[(Double, Double)]] = [[]]
        for (i, value) in values.enumerated() {
            if let value { runs[runs.count - 1].append((x(i), y(value.value))) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
        }
        out.polyline(runs: runs, className: "chart-line \(statusClass)", color: color, width: 2.5)
        // Every reported point gets a dot (so a lone point between gaps is still seen) with a tooltip.
        let pointTooltip = FieldTemplate(words.pointTooltip, fields: ["period", "value"])
        for (i, value) in values.enumerated() where i != lastIndex {
            guard let value else { continue }
            out.raw("<circle class=\"chart-point\"")
            out.attribute("cx", x(i))
            out.attribute("cy", y(value.value))
            out.raw(" r=\"3\"")
            out.attribute("fill", color)
            out.raw("><title>")
            out.escaped(pointTooltip, [input.note(i) ?? input.periods[i], value.text])
            out.raw("</title></circle>")
        }
        // The latest point: status shape, and value with status word.
        out.marker(ChartPalette.shape(input.status), x: lx, y: ly, size: 6, color: color,
                   className: "chart-marker \(statusClass)")
        let anchorX = latestAnchor == .end ? lx + 6 : (latestAnchor == .start ? lx - 6 : lx)
        out.text(latestText, x: anchorX, y: latestY, anchor: latestAnchor, size: fontSize, color: color,
                 weight: "bold", halo: true, className: "chart-status-label \(statusClass)")
        return out.chart(summary: summary)
    }

    /// The line chart's one-sentence summary, e.g. "Women reached rose from 1,200 in 2024-Q3 to 8,450 in
    /// 2026-Q2 against a target of 10,000; status: On track."
    public static func lineSummary(_ input: LineChartInput) -> String {
        let sentence = trendSentence(name: input.seriesName, periods: input.periods, values: input.aligned,
                                     target: input.target, statusWord: input.statusWord, words: input.words)
        let notes = input.periods.indices.compactMap { input.aligned[$0] == nil ? nil : input.note($0) }
        return notes.isEmpty ? sentence : sentence + " " + notes.joined(separator: "; ") + "."
    }

    static func trendSentence(name: String, periods: [String], values: [ChartValue?], target: ReferenceLine?,
                              statusWord: String, words: LineChartWords) -> String {
        guard let firstIndex = values.firstIndex(where: { $0 != nil }), let lastIndex = values.lastIndex(where: { $0 != nil }),
              let first = values[firstIndex], let last = values[lastIndex] else {
            return fillTemplate(words.noData, ["name": name])
        }
        let fields = ["name": name, "first": first.text, "firstPeriod": periods[firstIndex],
                      "last": last.text, "lastPeriod": periods[lastIndex]]
        let trend = firstIndex == lastIndex ? words.single
            : last.value > first.value ? words.rose : last.value < first.value ? words.fell : words.steady
        var sentence = fillTemplate(trend, fields)
        if let target { sentence += fillTemplate(words.againstTarget, ["target": target.text]) }
        let gaps = (firstIndex...lastIndex).filter { values[$0] == nil }.map { periods[$0] }
        if !gaps.isEmpty { sentence += fillTemplate(words.missing, ["periods": gaps.joined(separator: ", ")]) }
        return sentence + fillTemplate(words.status, ["status": statusWord])
    }
}
