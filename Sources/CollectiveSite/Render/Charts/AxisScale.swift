/// A value axis with round gridlines: 0, 2,500, 5,000, 7,500, 10,000.
///
/// The step is the smallest of 1, 2, 2.5, 5 × 10ⁿ that covers the range in at most five intervals; because
/// consecutive candidates differ by at most a factor of two, that leaves three to five gridlines above the
/// zero line (a range that crosses zero may need one more). Five rather than four keeps the data filling
/// the chart: 41 gets 0–50, not 0–60.
struct AxisScale: Hashable {
    var lower: Double
    var upper: Double
    var step: Double

    /// - Parameters: `low`/`high`: the smallest and largest values to show (data, target, baseline).
    ///   `fromZero`: include 0 (bars and counts always; lines unless asked otherwise).
    init(low: Double, high: Double, fromZero: Bool = true) {
        var lo = fromZero ? min(0, low) : low
        var hi = fromZero ? max(0, high) : high
        if !lo.isFinite || !hi.isFinite { lo = 0; hi = 1 }
        if hi - lo <= 0 {
            // One value (or none): show a range around it.
            if hi == 0 { hi = 1 } else if hi > 0 { lo = fromZero ? 0 : hi / 2; hi = hi * 1.5 } else { hi = 0 }
            if lo == hi { lo = hi - 1 }
        }
        let span = hi - lo
        var magnitude = 1.0
        while span / magnitude > 10 { magnitude *= 10 }
        while span / magnitude < 1 { magnitude /= 10 }
        var chosen = magnitude * 10
        for m in [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10] {
            let step = m * magnitude
            let intervals = Self.ceiling(hi / step) - Self.floor(lo / step)
            if intervals <= 5 { chosen = step; break }
        }
        step = chosen
        lower = Self.floor(lo / chosen) * chosen
        upper = Self.ceiling(hi / chosen) * chosen
        if upper == lower { upper = lower + chosen }
    }

    // Rounding with a little slack: 0.6 / 0.2 is 2.9999999999999996 in binary and must count as 3.
    private static func ceiling(_ x: Double) -> Double { (x - 1e-9).rounded(.up) }
    private static func floor(_ x: Double) -> Double { (x + 1e-9).rounded(.down) }

    /// Gridline values from lower to upper, computed by index so no error accumulates.
    var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded())
        return (0...max(0, count)).map { lower + Double($0) * step }
    }

    /// Maps a value into [top, bottom] pixel rows (larger values higher up).
    func y(_ v: Double, top: Double, bottom: Double) -> Double {
        bottom - (v - lower) / (upper - lower) * (bottom - top)
    }
}

/// Which of `count` category labels to print so they do not overlap: every k-th, counted back from the
/// last, so the latest period is always labelled.
func visibleLabelIndices(count: Int, slotWidth: Double, labelWidth: Double) -> Set<Int> {
    guard count > 0 else { return [] }
    let every = max(1, Int((labelWidth / max(slotWidth, 1)).rounded(.up)))
    return Set((0..<count).filter { (count - 1 - $0) % every == 0 })
}

/// The value axis of a fluid chart drawn: a gridline per tick and its label in the gutter (`SVGWriter.rule`,
/// `SVGWriter.text`), and the gutter's width. Charts of an initiative share a few round ranges (0–10,000 on
/// one indicator after another) and one number format, so each distinct axis is laid out and written once per
/// build: formatting the compact labels and measuring them was a tenth of a trend chart.
struct ValueAxis {
    /// The gutter the labels need (`SVGWriter.gutter(forLabelWidth:)`).
    let gutter: Int
    /// The gridlines and their labels.
    let markup: SVGMarkup

    /// Everything the markup depends on.
    private struct Key: Hashable {
        var scale: AxisScale
        var axis: AxisLabels
        var format: NumberFormat
        var top: Double
        var bottom: Double
        var blank: Bool

        /// The format by its locale alone (equal formats have equal locales): hashing its compact units on every
        /// chart cost more than the rest of the key.
        func hash(into hasher: inout Hasher) {
            hasher.combine(scale)
            hasher.combine(axis)
            hasher.combine(format.locale)
            hasher.combine(top)
            hasher.combine(bottom)
            hasher.combine(blank)
        }
    }

    private static let made = KeptPerBuild<Key, ValueAxis>(limit: 1024)

    /// The axis of `scale` between the rows `top` and `bottom`, its labels written by `axis` in `format`; `blank`:
    /// gridlines without numbers (a chart with nothing to show).
    static func make(_ scale: AxisScale, axis: AxisLabels, format: NumberFormat, top: Double, bottom: Double,
                     blank: Bool = false) -> ValueAxis {
        made.value(Key(scale: scale, axis: axis, format: format, top: top, bottom: bottom, blank: blank)) {
            write(scale, axis: axis, format: format, top: top, bottom: bottom, blank: blank)
        }
    }

    private static func write(_ scale: AxisScale, axis: AxisLabels, format: NumberFormat, top: Double, bottom: Double,
                              blank: Bool) -> ValueAxis {
        let ticks = scale.ticks
        let labels = blank ? ticks.map { _ in "" } : ticks.map { axis.label($0, format) }
        let fontSize = 13.0
        let gutter = SVGWriter.gutter(forLabelWidth: labels.map { TextMetrics.width($0, size: fontSize) }.max() ?? 0)
        var markup = SVGWriter(capacity: 160 * ticks.count)
        for (tick, label) in zip(ticks, labels) {
            let y = scale.y(tick, top: top, bottom: bottom)
            markup.rule(y: y, className: tick == 0 ? "chart-gridline chart-zero" : "chart-gridline")
            if !label.isEmpty {
                markup.text(label, at: FluidX(0, -6), y: y + 4, anchor: .end, className: "chart-axis-label")
            }
        }
        return ValueAxis(gutter: gutter, markup: markup.markup())
    }
}
