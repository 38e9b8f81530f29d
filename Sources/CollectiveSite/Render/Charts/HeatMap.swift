/// Words the heat map prints or says. Templates use `{name}` placeholders; defaults are English.
public struct HeatMapWords: Sendable, Hashable {
    /// Axis captions: rows are the partner an interaction came from, columns the one it went to.
    public var rows = "From"
    public var columns = "To"
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
    /// Partner names in matrix order (long names are shortened in the drawing, full in tooltips).
    public var labels: [String]
    /// cells[i][j]: from labels[i] to labels[j]. Missing cells count as zero.
    public var cells: [[ChartValue]]
    /// Formats the pair counts in the summary.
    public var format: NumberFormat
    public var words: HeatMapWords

    public init(id: String, title: String, labels: [String], cells: [[ChartValue]], format: NumberFormat,
                words: HeatMapWords = .english) {
        self.id = id; self.title = title; self.labels = labels; self.cells = cells; self.format = format; self.words = words
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
        let summary = heatMapSummary(input)
        let id = SVG.safeID(input.id)
        let n = input.labels.count
        let fontSize = 12.0, cell = 40.0
        let names = input.labels.map { SVG.truncate($0, 22) }
        let nameWidth = (names.map { SVG.textWidth($0, size: fontSize) }.max() ?? 0)
        // Column names run up and to the right at 45°: they need about 0.71 of their length in height and width.
        let diagonal = nameWidth * 0.71
        let left = 22 + nameWidth + 8
        let top = 22 + diagonal + 8
        let width = left + Double(n) * cell + max(12, diagonal - cell / 2)
        let height = top + Double(n) * cell + 8
        let maxValue = (0..<n).flatMap { i in (0..<n).filter { $0 != i }.compactMap { input.cell(i, $0)?.value } }.max() ?? 0

        var out = SVGWriter(capacity: 2048 + 512 * n * n)
        out.open(id: id, className: "chart-heat-map", width: width, height: height, title: input.title, desc: summary)
        // Axis captions.
        out.text(input.words.columns, x: left, y: 14, size: fontSize, color: ChartPalette.ink, weight: "bold",
                 className: "chart-axis-title")
        out.text(input.words.rows, x: 14, y: top + Double(n) * cell / 2, anchor: .middle, size: fontSize,
                 color: ChartPalette.ink, weight: "bold", className: "chart-axis-title",
                 rotate: (-90, 14, top + Double(n) * cell / 2))
        for (i, name) in names.enumerated() {
            let cy = top + (Double(i) + 0.5) * cell
            out.text(name, x: left - 8, y: cy + 4, anchor: .end, size: fontSize, color: ChartPalette.ink,
                     className: "chart-axis-label")
            let cx = left + (Double(i) + 0.5) * cell
            out.text(name, x: cx, y: top - 6, size: fontSize, color: ChartPalette.ink, className: "chart-axis-label",
                     rotate: (-45, cx, top - 6))
        }

        let cellTooltip = FieldTemplate(input.words.cellTooltip, fields: ["from", "to", "value"])

        for i in 0..<n {
            for j in 0..<n {
                let x = left + Double(j) * cell, y = top + Double(i) * cell
                if i == j {
                    out.rect(x: x, y: y, width: cell, height: cell, fill: "#fff", className: "heat-cell heat-self",
                             stroke: ChartPalette.grid)
                    out.text(input.words.notApplicable, x: x + cell / 2, y: y + cell / 2 + 4, anchor: .middle,
                             size: fontSize, className: "heat-value")
                    continue
                }
                let value = input.cell(i, j) ?? ChartValue(0, text: input.format.integer(0))
                let level = heatLevel(value.value, max: maxValue)
                out.rect(x: x, y: y, width: cell, height: cell, fill: ChartPalette.blues[level],
                         className: heatCellClasses[level], stroke: "#fff",
                         tooltip: cellTooltip, [input.labels[i], input.labels[j], value.text])
                out.text(value.text, x: x + cell / 2, y: y + cell / 2 + 4, anchor: .middle, size: fontSize,
                         color: level >= 5 ? "#fff" : ChartPalette.ink, className: "heat-value")
            }
        }
        return out.chart(summary: summary)
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
