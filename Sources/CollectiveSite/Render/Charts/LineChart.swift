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
    /// Label at the last milestone drawn. `{value}`, `{period}`.
    public var milestoneLabel = "Milestone {value}"
    /// The legend's words for the hollow diamonds.
    public var milestoneKey = "Milestone: the target set for that period"
    /// Tooltip of each milestone. `{period}`, `{value}`.
    public var milestoneTooltip = "{period} milestone: {value}"
    /// Tooltip of each point. `{period}`, `{value}`.
    public var pointTooltip = "{period}: {value}"

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
    /// Period targets (milestones from targets.csv), one per period like `values`; nil where a period has none of
    /// its own. Drawn as hollow diamonds; the last one drawn is labelled.
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
                format: NumberFormat, axis: AxisLabels = .compact, fromZero: Bool = true, milestones: [ChartValue?] = [],
                periodNotes: [String?] = [], words: LineChartWords = .english) {
        self.id = id; self.title = title; self.seriesName = seriesName; self.periods = periods; self.values = values
        self.status = status; self.statusLabel = statusLabel; self.target = target; self.baseline = baseline
        self.format = format; self.axis = axis; self.fromZero = fromZero; self.milestones = milestones
        self.periodNotes = periodNotes; self.words = words
    }

    /// The note of period `i`, if any.
    func note(_ i: Int) -> String? { i < periodNotes.count ? periodNotes[i] : nil }

    /// Values aligned with periods (missing trailing values are nil).
    var aligned: [ChartValue?] { Self.aligned(values, periods.count) }
    var alignedMilestones: [ChartValue?] { Self.aligned(milestones, periods.count) }

    /// `values` cut or padded with nils to `count` (the values as they are when they already fit: no copy).
    private static func aligned(_ values: [ChartValue?], _ count: Int) -> [ChartValue?] {
        values.count == count ? values : (0..<count).map { $0 < values.count ? values[$0] : nil }
    }
    var statusWord: String { statusLabel ?? status.defaultLabel }
}

extension Charts {
    /// A line over periods with optional target and baseline lines and period milestones; the latest point carries
    /// the status marker and word. Missing periods break the line. Fluid (`FluidSVG`): the same 13 px text at every
    /// width; the labels are placed by `LabelLayout`, and any it cannot place go under the chart.
    public static func lineChart(_ input: LineChartInput) -> RenderedChart {
        rendered(capacity: lineChartCapacity(input)) { drawLineChart(input, into: &$0) }
    }

    /// `lineChart(input).figure`, made at once (`Charts.figure`).
    static func lineChartFigure(_ input: LineChartInput) -> String {
        figure(capacity: lineChartCapacity(input)) { drawLineChart(input, into: &$0) }
    }

    /// Room for a line chart's markup: a point, its tooltip and its stretch of line take about 160 bytes.
    private static func lineChartCapacity(_ input: LineChartInput) -> Int { 3072 + 160 * input.periods.count }

    /// `lineChart`'s `<svg>` element, written into `out`.
    private static func drawLineChart(_ input: LineChartInput, into out: inout SVGWriter) -> ChartNotes {
        let summary = lineSummary(input)
        let id = SVG.safeID(input.id)
        let values = input.aligned
        let words = input.words
        let statusClass = "status-\(input.status.rawValue)"

        // Geometry: y in px, x as fractions of the plot's width (slot centres).
        let fontSize = 13.0, top = 26.0, bottom = 204.0, height = 248.0
        let milestones = input.alignedMilestones
        let data = values.compactMap { $0?.value }
        let references = [input.target?.value, input.baseline?.value].compactMap { $0 } + milestones.compactMap { $0?.value }
        let extent = data + references
        let scale = AxisScale(low: extent.min() ?? 0, high: extent.max() ?? 0, fromZero: input.fromZero)
        // With nothing to show, the gridlines carry no numbers (a 0–1 scale would be made up).
        let valueAxis = ValueAxis.make(scale, axis: input.axis, format: input.format, top: top, bottom: bottom,
                                       blank: data.isEmpty && references.isEmpty)
        let gutter = valueAxis.gutter
        let count = max(1, input.periods.count)
        let slot = 1 / Double(count)
        func x(_ i: Int) -> Double { SlotTexts.centre(i, of: count) }
        func y(_ v: Double) -> Double { scale.y(v, top: top, bottom: bottom) }

        // The status class on the chart gives its status colour (`currentColor`) to the line, points and marker.
        out.openFluid(id: id, className: "chart-line-chart \(statusClass)", height: height, gutter: gutter, title: input.title,
                      desc: nil)

        // Gridlines, their values in the gutter.
        out.raw(valueAxis.markup)
        out.periodAxis(input.periods, centre: x, slot: slot, gutter: gutter, baseline: bottom + 18, size: fontSize)

        guard let lastIndex = values.lastIndex(where: { $0 != nil }), let last = values[lastIndex] else {
            out.text(words.noDataShort, at: FluidX(0.5), y: (top + bottom) / 2, anchor: .middle, className: "chart-empty")
            out.close()
            return ChartNotes(summary: summary)
        }

        // Everything a label must keep clear of: the line, the reference lines, the points and milestones.
        var layout = TieredLayout(gutter: Double(gutter), top: 0, bottom: bottom - 1)
        let runs = fluidRuns(values, x: x, y: y)
        layout.avoid(runs: runs, markerRadius: 4)
        let ty = input.target.map { y($0.value) }, by = input.baseline.map { y($0.value) }
        for ry in [ty, by].compactMap({ $0 }) { layout.avoid(from: FluidX(0), ry, to: FluidX(1), ry) }
        let milestonePoints = milestones.enumerated().compactMap { i, m in m.map { (i, $0, y($0.value)) } }
        for (i, _, my) in milestonePoints { layout.avoid(LabelBox(marker: FluidX(x(i)), y: my, radius: 6)) }
        let lx = x(lastIndex), ly = y(last.value)
        layout.avoid(LabelBox(marker: FluidX(lx), y: ly, radius: 8))

        // Labels, most important first, each at the first free place among its candidates.
        var dropped: [String] = [], droppedOnPhones: [String] = []
        var labels: [(text: String, x: FluidX, y: Double, anchor: SVG.Anchor, bold: Bool, className: String, wideOnly: Bool)] = []
        func place(_ text: String, _ candidates: [(FluidX, Double, SVG.Anchor)], bold: Bool, className: String) {
            switch layout.place(LabelBox.candidates(text, candidates, size: fontSize, bold: bold)) {
            case .everywhere(let i):
                labels.append((text, candidates[i].0, candidates[i].1, candidates[i].2, bold, className, false))
            case .wideOnly(let i):
                labels.append((text, candidates[i].0, candidates[i].1, candidates[i].2, bold, className, true))
                droppedOnPhones.append(text)
            case .dropped:
                dropped.append(text)
            }
        }
        // The latest value with its status word; where that does not fit, the value alone (the status is in the
        // caption and beside the chart's heading).
        let latestText = fillTemplate(words.latestLabel, ["value": last.text, "status": input.statusWord])
        let p = FluidX(lx)
        let around: [(FluidX, Double, SVG.Anchor)] = [
            (p.shifted(6), ly - 14, .end), (p.shifted(-6), ly - 14, .start), (p, ly - 14, .middle),
            (p.shifted(-11), ly - 4, .end), (p.shifted(-11), ly + 14, .end), (p.shifted(-11), ly + 5, .end), (p.shifted(6), ly + 24, .end), (p.shifted(-6), ly + 24, .start),
            (p.shifted(6), ly - 32, .end), (p.shifted(-6), ly - 32, .start),
        ]
        // In order: the whole label on every screen, the value alone on every screen, the whole label on wide
        // screens, the value alone on wide screens.
        let fullBoxes = LabelBox.candidates(latestText, around, size: fontSize, bold: true)
        let valueBoxes = LabelBox.candidates(last.text, around, size: fontSize, bold: true)
        let latestClass = "chart-status-label \(statusClass)"
        if layout.all.fitsAny(fullBoxes) && layout.wide.fitsAny(fullBoxes)
            || !(layout.all.fitsAny(valueBoxes) && layout.wide.fitsAny(valueBoxes)) && layout.wide.fitsAny(fullBoxes) {
            place(latestText, around, bold: true, className: latestClass)
        } else {
            place(last.text, around, bold: true, className: latestClass)
        }
        func referenceCandidates(_ ry: Double, belowFirst: Bool) -> [(FluidX, Double, SVG.Anchor)] {
            let above = ry - 6, below = ry + 16
            let (first, second) = belowFirst ? (below, above) : (above, below)
            return [(FluidX(1), first, .end), (FluidX(0), first, .start), (FluidX(0.5), first, .middle),
                    (FluidX(1), second, .end), (FluidX(0), second, .start), (FluidX(0.5), second, .middle)]
        }
        if let target = input.target, let ty {
            place(fillTemplate(words.targetLabel, ["value": target.text]), referenceCandidates(ty, belowFirst: false),
                  bold: false, className: "chart-target-label")
        }
        if let baseline = input.baseline, let by {
            place(fillTemplate(words.baselineLabel, ["value": baseline.text]), referenceCandidates(by, belowFirst: true),
                  bold: false, className: "chart-baseline-label")
        }
        if let (i, milestone, my) = milestonePoints.last {
            let m = FluidX(x(i))
            place(fillTemplate(words.milestoneLabel, ["value": milestone.text, "period": input.periods[i]]),
                  [(m.shifted(-9), my + 4, .end), (m.shifted(9), my + 4, .start), (m, my - 10, .middle), (m, my + 19, .middle)],
                  bold: false, className: "chart-milestone-label")
        }

        // Target and baseline lines.
        if let ty {
            out.rule(y: ty, className: "chart-target")
        }
        if let by {
            out.rule(y: by, className: "chart-baseline")
        }
        // Milestones: hollow diamonds at each period's own target. They, the line, its points and the latest marker
        // are drawn at slots' centres, whose texts are kept for the build (`SlotTexts`).
        let slots = SlotTexts.of(count: count)
        let milestoneTooltip = FieldTemplate.shared(words.milestoneTooltip, fields: ["period", "value"])
        for (i, milestone, my) in milestonePoints {
            out.beginAt(slot: slots.percents[i])
            out.put("<path class=\"chart-milestone\" d=\"")
            out.point("M", 0, my - 5.5)
            out.point("L", 5.5, my)
            out.point("L", 0, my + 5.5)
            out.point("L", -5.5, my)
            out.put("Z\"><title>")
            out.escaped(milestoneTooltip, input.periods[i], milestone.text)
            out.put("</title></path>")
            out.endAt()
        }
        // The line, broken where a period has no value.
        out.fluidPolyline(values, slots: slots, y: y, height: height, className: "chart-line \(statusClass)")
        // Every reported point gets a dot (so a lone point between gaps is still seen) with a tooltip.
        let pointTooltip = FieldTemplate.shared(words.pointTooltip, fields: ["period", "value"])
        for (i, value) in values.enumerated() where i != lastIndex {
            guard let value else { continue }
            out.put("<circle class=\"chart-point\" cx=\"")
            out.number(slots.percents[i])
            out.put("%\" cy=\"")
            out.number(y(value.value))
            out.put("\" r=\"3\"><title>")
            out.escaped(pointTooltip, input.note(i) ?? input.periods[i], value.text)
            out.put("</title></circle>")
        }
        // The latest point: status shape.
        out.beginAt(slot: slots.percents[lastIndex])
        out.marker(ChartPalette.shape(input.status), x: 0, y: ly, size: 6, className: "chart-marker \(statusClass)")
        out.endAt()
        for label in labels {
            out.text(label.text, at: label.x, y: label.y, anchor: label.anchor, halo: label.bold ? .bold : .regular,
                     wideOnly: label.wideOnly, className: label.className)
        }
        out.close()
        return ChartNotes(summary: summary, dropped: dropped, droppedOnPhones: droppedOnPhones,
                          legend: milestoneKey(words, drawn: !milestonePoints.isEmpty))
    }

    /// What the hollow diamonds are, under a chart that draws milestones.
    static func milestoneKey(_ words: LineChartWords, drawn: Bool) -> String {
        guard drawn else { return "" }
        return "<ul class=\"chart-legend\"><li><svg class=\"chart-swatch\" width=\"14\" height=\"14\" aria-hidden=\"true\">"
            + "<path class=\"chart-milestone\" d=\"M7,1.5L12.5,7L7,12.5L1.5,7Z\"/></svg>"
            + escapeHTML(words.milestoneKey) + "</li></ul>"
    }

    /// The line chart's one-sentence summary, e.g. "Women reached rose from 1,200 in 2024-Q3 to 8,450 in
    /// 2026-Q2 against a target of 10,000; status: On track."
    public static func lineSummary(_ input: LineChartInput) -> String {
        // `aligned` makes a new array: made once, not once per period.
        let values = input.aligned
        let sentence = trendSentence(name: input.seriesName, periods: input.periods, values: values,
                                     target: input.target, statusWord: input.statusWord, words: input.words)
        let notes = values.indices.compactMap { values[$0] == nil ? nil : input.note($0) }
        return notes.isEmpty ? sentence : sentence + " " + notes.joined(separator: "; ") + "."
    }

    static func trendSentence(name: String, periods: [String], values: [ChartValue?], target: ReferenceLine?,
                              statusWord: String, words: LineChartWords) -> String {
        guard let firstIndex = values.firstIndex(where: { $0 != nil }), let lastIndex = values.lastIndex(where: { $0 != nil }),
              let first = values[firstIndex], let last = values[lastIndex] else {
            return fillTemplate(words.noData, ["name": name])
        }
        let fields: KeyValuePairs = ["name": name, "first": first.text, "firstPeriod": periods[firstIndex],
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
