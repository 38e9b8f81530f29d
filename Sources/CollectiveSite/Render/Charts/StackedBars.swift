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
    /// Label at the latest counted-once marker. `{value}`.
    public var countedLabel = "{value} counted once"
    /// Legend note when the bars' totals add up partner counts that the counted-once line deduplicates.
    public var totalsAreSums = "Number above a bar: the partners' counts added up (a person reached by two partners is in both)"
    /// Legend note when the bars' totals are the indicator's value.
    public var totalsAreTotals = "Number above a bar: the total for the period"

    public init() {}
    public static let english = StackedBarsWords()
}

/// One stacked series (a partner, or the shared part): a value per period, nil when not reported.
public struct BarSeries: Sendable, Hashable {
    public var name: String
    public var values: [ChartValue?]
    /// The series' colour in `ChartPalette.categorical` order (patterns past eight): the partner's colour for its
    /// whole initiative, so it is the same in every chart. Nil: its position among the series.
    public var colorIndex: Int?
    public init(name: String, values: [ChartValue?], colorIndex: Int? = nil) {
        self.name = name; self.values = values; self.colorIndex = colorIndex
    }
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
    /// Formatted totals per period, printed above the bars where there is room (nil: none). They are the height
    /// of the whole bar: every partner and the shared part.
    public var totals: [String?]?
    /// True when the totals add up counts in which one person may appear several times (the summary says so).
    public var totalsCountTwice = false
    /// The collective value counted once (a `unique` indicator's deduplicated count), drawn as a dashed line
    /// through hollow diamonds over the bars, so the stack of partner counts is never read as the number of
    /// people. Its name defaults to `words.countedName` when empty.
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

    /// The counted-once values, one per period (nil where there is none).
    var countedValues: [ChartValue?] { periods.indices.map { p in counted.flatMap { value($0, p) } } }
}

extension Charts {
    /// One bar per period, segments stacked bottom to top in series order, the shared part last and hatched; the
    /// collective value (when given) as a dashed line with hollow diamonds over the bars. Negative values are not
    /// stackable and are left out of the bars (they stay in the data table). Fluid (`FluidSVG`); the legend, with
    /// every name in full, is HTML under the chart (`RenderedChart.legend`), so long names wrap like the page.
    public static func stackedBars(_ input: StackedBarsInput) -> RenderedChart {
        rendered(capacity: stackedBarsCapacity(input)) { drawStackedBars(input, into: &$0) }
    }

    /// `stackedBars(input).figure`, made at once (`Charts.figure`).
    static func stackedBarsFigure(_ input: StackedBarsInput) -> String {
        figure(capacity: stackedBarsCapacity(input)) { drawStackedBars(input, into: &$0) }
    }

    /// Room for a stacked chart's markup: a segment with its tooltip takes about 200 bytes.
    private static func stackedBarsCapacity(_ input: StackedBarsInput) -> Int {
        4096 + 256 * input.periods.count * max(1, input.series.count + 1)
    }

    /// `stackedBars`'s `<svg>` element, written into `out`.
    private static func drawStackedBars(_ input: StackedBarsInput, into out: inout SVGWriter) -> ChartNotes {
        let summary = stackedBarsSummary(input)
        let id = SVG.safeID(input.id)
        let all = input.allSeries
        let fontSize = 13.0, totalSize = 12.0
        let periods = input.periods

        // Fills: each partner's own colour (patterns past eight), hatching for the shared part.
        var defs = SVGWriter(capacity: 0)
        var fills: [SeriesPaint] = []
        for (position, entry) in all.enumerated() {
            if entry.isShared {
                defs.sharedHatching(id: "\(id)-shared")
                fills.append(SeriesPaint(className: "chart-shared", fill: "url(#\(id)-shared)"))
            } else {
                fills.append(defs.seriesFill(index: entry.series.colorIndex ?? position, chartID: id))
            }
        }

        let totals = periods.indices.map { p in
            all.reduce(0.0) { sum, entry in sum + max(0, input.value(entry.series, p)?.value ?? 0) }
        }
        let collective = input.countedValues
        let scale = AxisScale(low: 0, high: (totals + collective.compactMap { $0?.value }).max() ?? 0)
        let top = 24.0, bottom = 200.0, height = 244.0
        let valueAxis = ValueAxis.make(scale, axis: input.axis, format: input.format, top: top, bottom: bottom)
        let gutter = valueAxis.gutter
        let widths = FluidWidths.plot(gutter: Double(gutter))
        let slots = max(1, periods.count)
        let slot = 1 / Double(slots)
        func x(_ p: Int) -> Double { SlotTexts.centre(p, of: slots) }
        // Bars keep their pixel width at every size: as wide as fits the narrowest plot, at most 40 px.
        let barWidth = min(40, max(3, (widths.lowerBound * slot * 0.64).rounded(.down)))
        func y(_ v: Double) -> Double { scale.y(v, top: top, bottom: bottom) }

        out.openFluid(id: id, className: "chart-stacked-bars", height: height, gutter: gutter, title: input.title, desc: nil)
        if !defs.isEmpty {
            out.put("<defs>")
            out.raw(defs)
            out.put("</defs>")
        }

        out.raw(valueAxis.markup)
        out.periodAxis(periods, centre: x, slot: slot, gutter: gutter, baseline: bottom + 18, size: fontSize)

        if totals.allSatisfy({ $0 == 0 }) && collective.allSatisfy({ $0 == nil }) {
            out.text(input.words.noDataShort, at: FluidX(0.5), y: (top + bottom) / 2, anchor: .middle, className: "chart-empty")
        }

        // Bars: a group per period, a rect per reported segment (a thin white edge separates neighbours).
        var layout = TieredLayout(gutter: Double(gutter), top: 0, bottom: bottom - 1)
        let segmentTooltip = FieldTemplate.shared(input.words.segmentTooltip, fields: ["series", "period", "value"])
        let segments = BarSegments(all, fills: fills, barWidth: barWidth, tooltip: segmentTooltip)
        let slotTexts = SlotTexts.of(count: slots)
        for p in periods.indices {
            var stacked = 0.0
            out.beginAt(slot: slotTexts.percents[p], className: "chart-bar")
            for i in all.indices {
                guard let v = input.value(all[i].series, p), v.value > 0 else { continue }
                let y0 = y(stacked), y1 = y(stacked + v.value)
                out.segment(segments, i, top: y1, height: y0 - y1, period: periods[p], value: v.text)
                stacked += v.value
            }
            out.endAt()
            if stacked > 0 {
                layout.avoid(LabelBox(left: FluidX(x(p), -barWidth / 2), width: barWidth, top: y(stacked), bottom: bottom))
            }
        }

        // The collective value: a dashed line through hollow diamonds.
        let runs = fluidRuns(collective, x: x, y: y)
        layout.avoid(runs: runs, markerRadius: 7)
        out.fluidPolyline(runs: runs, height: height, className: "chart-collective-line")
        let countedName = input.countedSeries?.name ?? ""
        for (p, value) in collective.enumerated() {
            guard let value else { continue }
            out.beginAt(x(p))
            out.collectiveMarker(y: y(value.value))
            out.put("<title>")
            out.escaped(segmentTooltip, countedName, periods[p], value.text)
            out.put("</title></path>")
            out.endAt()
        }

        // Labels: the latest collective value first, then the totals above the bars, latest first.
        var labelMarkup = SVGWriter(capacity: 1024)
        if let p = collective.lastIndex(where: { $0 != nil }), let value = collective[p] {
            let text = fillTemplate(input.words.countedLabel, ["value": value.text])
            let cx = FluidX(x(p)), cy = y(value.value)
            let candidates: [(FluidX, Double, SVG.Anchor)] = [
                (cx.shifted(-10), cy + 4, .end), (cx.shifted(10), cy + 4, .start), (cx, cy - 11, .middle),
                (cx.shifted(-10), cy - 11, .end), (cx.shifted(-10), cy + 20, .end), (cx, cy + 20, .middle),
            ]
            let placement = layout.place(LabelBox.candidates(text, candidates, size: fontSize, bold: true))
            let chosen: (Int, Bool)? = switch placement {
            case .everywhere(let i): (i, false)
            case .wideOnly(let i): (i, true)
            case .dropped: nil
            }
            if let (i, wideOnly) = chosen {
                labelMarkup.text(text, at: candidates[i].0, y: candidates[i].1, anchor: candidates[i].2, halo: .bold,
                                 wideOnly: wideOnly, className: "chart-collective-label")
            }
        }
        // Totals are placed latest first (the latest matters most when room is short) and written in period order.
        var totalsShown = 0, totalsShownEverywhere = 0
        var placedTotals: [(p: Int, text: String, wideOnly: Bool)] = []
        if let totalTexts = input.totals {
            for p in periods.indices.reversed() where p < totalTexts.count && totals[p] > 0 {
                guard let total = totalTexts[p] else { continue }
                let box = LabelBox(text: total, x: FluidX(x(p)), y: y(totals[p]) - 5, anchor: .middle, size: totalSize)
                switch layout.place([box]) {
                case .everywhere: placedTotals.append((p, total, false))
                case .wideOnly: placedTotals.append((p, total, true))
                case .dropped: continue  // the table under the chart gives every total
                }
            }
        }
        for total in placedTotals.reversed() {
            labelMarkup.text(total.text, at: FluidX(x(total.p)), y: y(totals[total.p]) - 5, anchor: .middle,
                             wideOnly: total.wideOnly, className: "chart-total")
            totalsShown += 1
            if !total.wideOnly { totalsShownEverywhere += 1 }
        }
        out.raw(labelMarkup)
        let totalsNote: TotalsNote = totalsShown == 0 ? .none : totalsShownEverywhere == 0 ? .wideOnly : .everywhere
        out.close()
        return ChartNotes(summary: summary, legend: stackedLegend(input, all: all, fills: fills, totalsNote: totalsNote))
    }

    /// What the legend says about the numbers above the bars (`stackedLegend`).
    enum TotalsNote { case none, wideOnly, everywhere }

    /// The legend under a stacked chart: each series' swatch and full name, the collective line, and what the
    /// number above a bar is. `all`: the input's `allSeries`, made by the caller.
    static func stackedLegend(_ input: StackedBarsInput, all: [(series: BarSeries, isShared: Bool)], fills: [SeriesPaint],
                              totalsNote: TotalsNote) -> String {
        var out = SVGWriter(capacity: 256 + 160 * all.count)
        out.put("<ul class=\"chart-legend\">")
        for (entry, fill) in zip(all, fills) {
            out.put("<li><svg class=\"chart-swatch\" width=\"14\" height=\"14\" aria-hidden=\"true\"><rect class=\"")
            out.raw(fill.className)
            if let pattern = fill.fill {
                out.put("\" fill=\"")
                out.raw(pattern)
            }
            out.put("\" width=\"14\" height=\"14\"/></svg>")
            out.escaped(entry.series.name)
            out.put("</li>")
        }
        if let counted = input.countedSeries, input.countedValues.contains(where: { $0 != nil }) {
            out.put("<li><svg class=\"chart-swatch\" width=\"28\" height=\"14\" aria-hidden=\"true\"><line class=\"chart-legend-line\" x1=\"0\" y1=\"7\" x2=\"28\" y2=\"7\"/>")
            out.put("<svg x=\"14\" overflow=\"visible\">")
            out.collectiveMarker(y: 7, className: "chart-legend-marker")
            out.put("</path></svg></svg>")
            out.escaped(counted.name)
            out.put("</li>")
        }
        if totalsNote != .none {
            // Said only where numbers are drawn above the bars (on phones there may be no room for them).
            if totalsNote == .wideOnly {
                out.put("<li class=\"chart-legend-note chart-wide\">")
            } else {
                out.put("<li class=\"chart-legend-note\">")
            }
            out.escaped(input.totalsCountTwice ? input.words.totalsAreSums : input.words.totalsAreTotals)
            out.put("</li>")
        }
        out.put("</ul>")
        return out.string
    }

    /// One sentence about the latest period with any contribution: how many partners reported, the largest
    /// part, the shared part and total when given.
    public static func stackedBarsSummary(_ input: StackedBarsInput) -> String {
        let words = input.words
        let all = input.allSeries
        let reportedIn = { (p: Int) in all.contains { input.value($0.series, p) != nil } }
        guard let p = input.periods.indices.last(where: reportedIn) else { return words.noData }
        let partners = input.series.compactMap { s in input.value(s, p).map { (s.name, $0) } }
        var sentence: String
        if let largest = partners.max(by: { $0.1.value < $1.1.value }) {
            let fields: KeyValuePairs = ["period": input.periods[p], "reporting": input.format.integer(partners.count),
                          "largest": largest.0, "value": largest.1.text]
            sentence = fillTemplate(partners.count == 1 ? words.summaryOne : words.summary, fields)
        } else {
            sentence = input.periods[p]
        }
        if let shared = all.first(where: { $0.isShared })?.series, let v = input.value(shared, p) {
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

/// What every segment of a stacked chart's series writes alike, made once per chart: a segment is its series'
/// pieces in order, runs of fixed markup (the class, x, width and fill of its `<rect>`, and its tooltip's words with
/// the series' name, escaped) around its own top, height, period and value. Writing each segment's class, x, width
/// and fill again, and escaping the series' name into every tooltip, cost as much as the rest of a segment.
struct BarSegments {
    fileprivate enum Piece {
        /// These bytes of `bytes`.
        case run(Range<Int>)
        case top
        case height
        /// A field of the tooltip: 1 the period, 2 the value (0, the series, is in the runs).
        case field(Int)
    }

    fileprivate let bytes: [UInt8]
    fileprivate let pieces: [Piece]
    /// Each series' pieces (of `pieces`).
    fileprivate let series: [Range<Int>]

    /// For `all` (the input's `allSeries`) painted with `fills`, in bars `barWidth` px wide centred on their slot;
    /// `tooltip` has the fields series, period and value.
    init(_ all: [(series: BarSeries, isShared: Bool)], fills: [SeriesPaint], barWidth: Double, tooltip: FieldTemplate) {
        var out = Builder(capacity: 320 * all.count)
        var series: [Range<Int>] = []
        series.reserveCapacity(all.count)
        for (entry, fill) in zip(all, fills) {
            let first = out.pieces.count
            // What `SVGWriter.rect(x:y:width:height:className:fill:tooltip:…)` writes.
            out.writer.put("<rect class=\"chart-segment ")
            out.writer.raw(fill.className)
            out.writer.put("\"")
            out.writer.attribute("x", -barWidth / 2)
            out.writer.startAttribute("y")
            out.cut(.top)
            out.writer.put("\"")
            out.writer.attribute("width", max(0, barWidth))
            out.writer.startAttribute("height")
            out.cut(.height)
            out.writer.put("\"")
            if let pattern = fill.fill { out.writer.attribute("fill", pattern) }
            out.writer.put("><title>")
            tooltip.text.withUnsafeBufferPointer { text in
                for part in tooltip.parts {
                    switch part {
                    case .text(let range): out.writer.raw(UnsafeBufferPointer(rebasing: text[range]))
                    case .field(0): out.writer.escaped(entry.series.name)
                    case .field(let index): out.cut(.field(index))
                    }
                }
            }
            out.writer.put("</title></rect>")
            out.cut(nil)
            series.append(first..<out.pieces.count)
        }
        bytes = out.writer.bytes
        pieces = out.pieces
        self.series = series
    }

    /// Markup and the pieces cut from it.
    private struct Builder: ~Copyable {
        var writer: SVGWriter
        var pieces: [Piece] = []
        /// Where the run being written began.
        var start = 0

        init(capacity: Int) { writer = SVGWriter(capacity: capacity) }

        /// Ends the run being written (if it has any bytes), then adds `piece`.
        mutating func cut(_ piece: Piece?) {
            if writer.count > start { pieces.append(.run(start..<writer.count)) }
            start = writer.count
            if let piece { pieces.append(piece) }
        }
    }
}

extension SVGWriter {
    /// A segment of series `series` (`BarSegments`) from `top` down `height` px, its tooltip filled with `period` and
    /// `value`: the `<rect>` that `rect(x:y:width:height:className:fill:tooltip:…)` writes for it.
    mutating func segment(_ segments: BarSegments, _ series: Int, top: Double, height: Double, period: String,
                          value: String) {
        segments.bytes.withUnsafeBufferPointer { bytes in
            for piece in segments.pieces[segments.series[series]] {
                switch piece {
                case .run(let range): raw(UnsafeBufferPointer(rebasing: bytes[range]))
                case .top: number(top)
                case .height: number(max(0, height))
                case .field(1): escaped(period)
                case .field: escaped(value)
                }
            }
        }
    }
}
