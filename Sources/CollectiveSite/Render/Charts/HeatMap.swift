/// Words the heat map prints or says. Templates use `{name}` placeholders; defaults are English.
public struct HeatMapWords: Sendable, Hashable {
    /// Axis captions: rows are the partner an interaction came from, columns the one it went to.
    public var rows = "From"
    /// Columns are numbered like the rows.
    public var columns = "To (partner number)"
    /// Tooltip of a cell. `{from}`, `{to}`, `{value}`.
    public var cellTooltip = "{from} → {to}: {value}"
    /// Printed in diagonal cells (a partner with itself).
    public var notApplicable = "–"
    /// `{pairs}` pairs that worked together (either direction) of `{possible}`; the busiest cell
    /// `{from}` → `{to}` with `{value}`.
    public var summary = "{pairs} of {possible} partner pairs worked together; the most interactions, {value}, went from {from} to {to}."
    public var noData = "No collaboration between partners has been recorded yet."

    public init() {}
    public static let english = HeatMapWords()
}

/// A partner × partner matrix of interaction counts.
public struct HeatMapInput: Sendable, Hashable {
    public var id: String
    public var title: String
    /// Partner names in matrix order, drawn in full (wrapped at spaces) beside each row's number.
    public var labels: [String]
    /// Each partner's colour index (`ChartPalette.categorical` order, patterns past eight), as in every other chart
    /// of the initiative. Empty: by position.
    public var colors: [Int]
    /// cells[i][j]: from labels[i] to labels[j]. Missing cells count as zero.
    public var cells: [[ChartValue]]
    /// Formats the pair counts in the summary.
    public var format: NumberFormat
    public var words: HeatMapWords

    public init(id: String, title: String, labels: [String], colors: [Int] = [], cells: [[ChartValue]], format: NumberFormat,
                words: HeatMapWords = .english) {
        self.id = id; self.title = title; self.labels = labels; self.colors = colors; self.cells = cells; self.format = format
        self.words = words
    }

    func cell(_ i: Int, _ j: Int) -> ChartValue? {
        i < cells.count && j < cells[i].count ? cells[i][j] : nil
    }
}

extension Charts {
    /// Rows × columns of shaded cells with the count printed in each. Shade: ColorBrewer Blues, level 0 for
    /// zero (nearly white), then six steps up to the largest count; the number is dark on light cells and
    /// white on the two darkest, for contrast. The diagonal (a partner with itself) is blank.
    public static func heatMap(_ input: HeatMapInput) -> RenderedChart {
        rendered(capacity: heatMapCapacity(input)) { drawHeatMap(input, into: &$0) }
    }

    /// `heatMap(input).figure(scrollingLabelledBy: titleID)`, made at once (`Charts.figure`).
    static func heatMapFigure(_ input: HeatMapInput, scrollingLabelledBy titleID: String) -> String {
        figure(capacity: heatMapCapacity(input), scrollingLabelledBy: titleID) { drawHeatMap(input, into: &$0) }
    }

    /// Room for a heat map's markup: a cell with its tooltip and number takes about 300 bytes.
    private static func heatMapCapacity(_ input: HeatMapInput) -> Int { 2048 + 512 * input.labels.count * input.labels.count }

    /// `heatMap`'s `<svg>` element, written into `out`.
    private static func drawHeatMap(_ input: HeatMapInput, into out: inout SVGWriter) -> ChartNotes {
        let summary = heatMapSummary(input)
        let id = SVG.safeID(input.id)
        let n = input.labels.count
        let fontSize = 13.0, cell = 40.0
        // Indic scripts (Bengali, Kannada, …) need taller lines: their vowel signs reach far above and below the
        // Latin x-height (Noto Sans Kannada's line is about 1.8 em), and wrapped names would otherwise touch.
        let indic = input.labels.contains { $0.unicodeScalars.contains { (0x0900...0x0DFF).contains($0.value) } }
        let lineHeight = indic ? 24.0 : 18.0
        // Rows carry each partner's number, colour and full name (wrapped at spaces, never cut); columns carry the
        // number and colour, so no name is shortened or set at an angle.
        let numbers = (0..<n).map { input.format.integer($0 + 1) }
        let numberWidth = (numbers.map { TextMetrics.width($0, size: fontSize) }.max() ?? 0)
        let names = input.labels.map { TextMetrics.wrap($0, size: fontSize, maxWidth: 180) }
        let nameWidth = names.flatMap { $0 }.map { TextMetrics.width($0, size: fontSize) }.max() ?? 0
        let rowHeight = max(cell, Double(names.map(\.count).max() ?? 1) * lineHeight + 8)
        let swatchX = 22 + numberWidth + 6, nameX = swatchX + 16
        let left = nameX + nameWidth + 10
        let top = 62.0
        let width = left + Double(n) * cell + 8
        let height = top + Double(n) * rowHeight + 8
        let maxValue = (0..<n).flatMap { i in (0..<n).filter { $0 != i }.compactMap { input.cell(i, $0)?.value } }.max() ?? 0

        var defs = SVGWriter(capacity: 0)
        let fills = (0..<n).map { i in defs.seriesFill(index: i < input.colors.count ? input.colors[i] : i, chartID: id) }
        let swatchClasses = fills.map { "heat-swatch " + $0.className }

        // The title has an id: the scrolling region around the chart is named by it (`figure(scrollingLabelledBy:)`).
        out.open(id: id, className: "chart-heat-map", width: width, height: height, title: input.title, desc: nil,
                 titleID: true, size: "width=\"\(SVG.n(width))\" height=\"\(SVG.n(height))\"")
        if !defs.isEmpty {
            out.put("<defs>")
            out.raw(defs)
            out.put("</defs>")
        }
        // Axis captions.
        out.text(input.words.columns, x: left, y: 16, className: "chart-axis-title")
        out.text(input.words.rows, x: 14, y: top + Double(n) * rowHeight / 2, anchor: .middle, className: "chart-axis-title",
                 rotate: (-90, 14, top + Double(n) * rowHeight / 2))
        for i in 0..<n {
            let cy = top + (Double(i) + 0.5) * rowHeight
            out.text(numbers[i], x: 22 + numberWidth, y: cy + 4.5, anchor: .end, className: "chart-axis-label")
            out.rect(x: swatchX, y: cy - 5, width: 10, height: 10, className: swatchClasses[i], fill: fills[i].fill)
            let firstBaseline = cy + 4.5 - Double(names[i].count - 1) * lineHeight / 2
            for (k, line) in names[i].enumerated() {
                out.text(line, x: nameX, y: firstBaseline + Double(k) * lineHeight, className: "chart-axis-label")
            }
            let cx = left + (Double(i) + 0.5) * cell
            out.rect(x: cx - 5, y: top - 32, width: 10, height: 10, className: swatchClasses[i], fill: fills[i].fill)
            out.text(numbers[i], x: cx, y: top - 8, anchor: .middle, className: "chart-axis-label")
        }

        let cellTooltip = FieldTemplate.shared(input.words.cellTooltip, fields: ["from", "to", "value"])

        for i in 0..<n {
            for j in 0..<n {
                let x = left + Double(j) * cell, y = top + Double(i) * rowHeight
                if i == j {
                    out.rect(x: x, y: y, width: cell, height: rowHeight, className: "heat-cell heat-self")
                    out.text(input.words.notApplicable, x: x + cell / 2, y: y + rowHeight / 2 + 4, anchor: .middle,
                             className: "heat-value")
                    continue
                }
                let value = input.cell(i, j) ?? ChartValue(0, text: input.format.integer(0))
                let level = heatLevel(value.value, max: maxValue)
                // The shade is the level's class (ColorBrewer Blues in the stylesheet); the stylesheet also turns the
                // number after a cell of level 5 or 6 white.
                out.rect(x: x, y: y, width: cell, height: rowHeight, className: heatCellClasses[level],
                         tooltip: cellTooltip, input.labels[i], input.labels[j], value.text)
                out.text(value.text, x: x + cell / 2, y: y + rowHeight / 2 + 4, anchor: .middle, className: "heat-value")
            }
        }
        out.close()
        return ChartNotes(summary: summary)
    }

    /// The class of a cell at each shade level: `heat-cell level-3`.
    private static let heatCellClasses = (0...6).map { "heat-cell level-\($0)" }

    /// 0 for zero or less; otherwise 1…6 by the value's share of the largest (ceil(6 × v ÷ max)).
    static func heatLevel(_ v: Double, max: Double) -> Int {
        guard v > 0, max > 0 else { return 0 }
        return Swift.min(6, Swift.max(1, Int((6 * v / max).rounded(.up))))
    }

    /// "5 of 6 partner pairs worked together; the most interactions, 12, went from A to B."
    public static func heatMapSummary(_ input: HeatMapInput) -> String {
        let n = input.labels.count
        var pairs = 0
        var busiest: (i: Int, j: Int, value: ChartValue)?
        for i in 0..<n {
            for j in 0..<n where i != j {
                let v = input.cell(i, j)
                if j > i, (v?.value ?? 0) > 0 || (input.cell(j, i)?.value ?? 0) > 0 { pairs += 1 }
                if let v, v.value > (busiest?.value.value ?? 0) { busiest = (i, j, v) }
            }
        }
        guard let busiest else { return input.words.noData }
        return fillTemplate(input.words.summary, [
            "pairs": input.format.integer(pairs), "possible": input.format.integer(n * (n - 1) / 2),
            "value": busiest.value.text, "from": input.labels[busiest.i], "to": input.labels[busiest.j],
        ])
    }
}
