/// The period labels under a fluid chart, in two rows: the part of the year ("Q3", "07") under each slot, thinned
/// evenly from the latest back when they would touch on a phone, and each year once under its periods. Annual (or
/// unrecognised) periods get one row of full labels. Every label is placed by a `LabelLayout` for the axis band,
/// so none overlaps another at any width.
struct PeriodAxis {
    struct Label {
        var text: String
        var x: FluidX
        var y: Double
        var anchor: SVG.Anchor
    }

    /// "2025-Q3" → ("2025", "Q3"); "2025-07" → ("2025", "07"); anything else → nil.
    static func split(_ period: String) -> (year: String, part: String)? {
        // An ASCII period (every one the site names) by its bytes: the same answer, without a Character's Unicode
        // properties looked up for each digit (7,000 instructions a period).
        let utf8 = period.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            guard let dash = utf8.firstIndex(of: UInt8(ascii: "-")) else { return nil }
            let year = utf8[..<dash], part = utf8[utf8.index(after: dash)...]
            guard year.count == 4, year.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), !part.isEmpty,
                  !part.contains(UInt8(ascii: "-")) else { return nil }
            return (String(period[..<dash]), String(period[utf8.index(after: dash)...]))
        }
        let pieces = period.split(separator: "-", omittingEmptySubsequences: false)
        guard pieces.count == 2, pieces[0].count == 4, pieces[0].allSatisfy(\.isNumber), !pieces[1].isEmpty else { return nil }
        return (String(pieces[0]), String(pieces[1]))
    }

    /// Labels for `periods` whose slot centres are at `centre(i)` (fractions of the plot's width), below `baseline`
    /// (the first row's baseline; the second is 18 px lower).
    static func labels(_ periods: [String], centre: (Int) -> Double, slot: Double, widths: ClosedRange<Double>,
                       baseline: Double, size: Double) -> [Label] {
        guard !periods.isEmpty else { return [] }
        var layout = LabelLayout(widths: widths, top: baseline - 20, bottom: baseline + 40)
        layout.padding = 4
        layout.verticalPadding = 0
        let split = periods.map(split)
        let narrowSlot = slot * widths.lowerBound
        var out: [Label] = []
        func place(_ text: String, _ candidates: [(FluidX, SVG.Anchor)], y: Double) {
            let w = TextMetrics.width(text, size: size)
            if let i = layout.place(candidates.map { LabelBox(width: w, x: $0.0, y: y, anchor: $0.1, size: size) }) { out.append(Label(text: text, x: candidates[i].0, y: y, anchor: candidates[i].1)) }
        }
        func thinned(_ texts: [String]) -> Set<Int> {
            let widest = texts.map { TextMetrics.width($0, size: size) }.max() ?? 0
            return visibleLabelIndices(count: texts.count, slotWidth: narrowSlot, labelWidth: widest + layout.padding * 2)
        }
        guard split.allSatisfy({ $0 != nil }) else {
            // One row of full labels.
            let shown = thinned(periods)
            for i in periods.indices.reversed() where shown.contains(i) {
                let x = FluidX(centre(i))
                place(periods[i], [(x, .middle), (FluidX(0), .start), (FluidX(1), .end)], y: baseline)
            }
            return out
        }
        let parts = split.map { $0!.part }
        let perYear = Dictionary(grouping: split.indices, by: { split[$0]!.year })
        let partsShown = thinned(parts)
        // Parts only while at most every second one is left out: past that the row would skip whole quarters
        // and the years say enough.
        let showParts = periods.count == 1 || partsShown.count * 2 >= periods.count
        if showParts {
            for i in periods.indices.reversed() where partsShown.contains(i) {
                // Centred under its slot, or flush with the slot's outer edge where the plot ends (the first and
                // last labels on a narrow plot).
                place(parts[i], [(FluidX(centre(i)), .middle), (FluidX(centre(i) + slot / 2), .end),
                                 (FluidX(centre(i) - slot / 2), .start)], y: baseline)
            }
        }
        let yearRow = showParts ? baseline + 18 : baseline
        let years = perYear.keys.sorted(by: >)
        for year in years {
            let indices = perYear[year]!.sorted()
            let mid = (centre(indices.first!) + centre(indices.last!)) / 2
            let firstEdge = centre(indices.first!) - slot / 2, lastEdge = centre(indices.last!) + slot / 2
            place(year, [(FluidX(mid), .middle), (FluidX(firstEdge), .start), (FluidX(lastEdge), .end)], y: yearRow)
        }
        return out
    }
}

extension PeriodAxis {
    /// Everything a chart's two axis layouts depend on.
    private struct Key: Hashable {
        var periods: [String]
        var centres: [Double]
        var slot: Double
        var gutter: Int
        var baseline: Double
        var size: Double

        /// The periods by their count and ends, the centres by their count (equal keys agree on these): hashing every
        /// period's text and place on every chart cost more than comparing them once the key is found.
        func hash(into hasher: inout Hasher) {
            hasher.combine(periods.count)
            hasher.combine(periods.first)
            hasher.combine(periods.last)
            hasher.combine(centres.count)
            hasher.combine(slot)
            hasher.combine(gutter)
            hasher.combine(baseline)
            hasher.combine(size)
        }
    }

    /// An axis laid out: its labels for every screen (`narrow`) and for wide screens (`wide`), and the markup that
    /// draws them (`SVGWriter.axisLabels`).
    struct Laid {
        var narrow: [Label]
        var wide: [Label]
        var markup: SVGMarkup
    }

    /// Axes already made in this build. An initiative's trend charts share their periods and geometry (every
    /// indicator page draws the same quarters), so each axis is laid out and written once, not once per chart:
    /// laying out the labels was 2 % of a build, writing them another 0.5 %. A few distinct axes per site; emptied
    /// if it ever holds many.
    private static let made = KeptPerBuild<Key, Laid>(limit: 256)

    /// The labels for every screen (`narrow`) and for wide screens (`wide`): `labels(…)` over the plot widths of
    /// a chart with this `gutter`.
    static func layouts(_ periods: [String], centre: (Int) -> Double, slot: Double, gutter: Int, baseline: Double,
                        size: Double) -> (narrow: [Label], wide: [Label]) {
        let laid = self.laid(periods, centre: centre, slot: slot, gutter: gutter, baseline: baseline, size: size)
        return (laid.narrow, laid.wide)
    }

    /// The axis of `layouts(…)` with its markup.
    static func laid(_ periods: [String], centre: (Int) -> Double, slot: Double, gutter: Int, baseline: Double,
                     size: Double) -> Laid {
        let key = Key(periods: periods, centres: periods.indices.map(centre), slot: slot, gutter: gutter,
                      baseline: baseline, size: size)
        return made.value(key) {
            let narrow = labels(periods, centre: centre, slot: slot, widths: FluidWidths.plot(gutter: Double(gutter)),
                                baseline: baseline, size: size)
            let wide = labels(periods, centre: centre, slot: slot, widths: FluidWidths.widePlot(gutter: Double(gutter)),
                              baseline: baseline, size: size)
            return Laid(narrow: narrow, wide: wide, markup: SVGWriter.axisLabels(narrow: narrow, wide: wide))
        }
    }
}
