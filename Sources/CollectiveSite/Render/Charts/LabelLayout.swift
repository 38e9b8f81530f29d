/// A horizontal position in a fluid chart, one drawn for whatever width its box has (no `viewBox`, so text keeps its
/// size): a fraction of the plot's width plus a fixed offset in CSS pixels. `x = fraction × width + offset`.
struct FluidX: Hashable {
    var fraction: Double
    var offset: Double

    init(_ fraction: Double, _ offset: Double = 0) { self.fraction = fraction; self.offset = offset }

    func at(_ width: Double) -> Double { fraction * width + offset }
    func shifted(_ dx: Double) -> FluidX { FluidX(fraction, offset + dx) }
}

/// A label's box: its left edge (fluid), width, and top and bottom in px.
struct LabelBox: Hashable {
    var left: FluidX
    var width: Double
    var top: Double
    var bottom: Double

    init(left: FluidX, width: Double, top: Double, bottom: Double) {
        self.left = left; self.width = width; self.top = top; self.bottom = bottom
    }

    /// The box of a one-line text of `size` px whose anchor point is `x` on the baseline `y`.
    init(text: String, x: FluidX, y: Double, anchor: SVG.Anchor, size: Double, bold: Bool = false) {
        self.init(width: TextMetrics.width(text, size: size, bold: bold), x: x, y: y, anchor: anchor, size: size)
    }

    /// The boxes of one text at each of `candidates` (anchor point, baseline, anchor), the text measured once.
    static func candidates(_ text: String, _ candidates: [(FluidX, Double, SVG.Anchor)], size: Double,
                           bold: Bool = false) -> [LabelBox] {
        let w = TextMetrics.width(text, size: size, bold: bold)
        return candidates.map { LabelBox(width: w, x: $0.0, y: $0.1, anchor: $0.2, size: size) }
    }

    /// The box of a one-line text `w` px wide (`TextMetrics.width`) of `size` px, anchored as `init(text:…)`.
    init(width w: Double, x: FluidX, y: Double, anchor: SVG.Anchor, size: Double) {
        let left: FluidX = switch anchor {
        case .start: x
        case .middle: x.shifted(-w / 2)
        case .end: x.shifted(-w)
        }
        let extent = TextMetrics.verticalExtent(size: size)
        self.init(left: left, width: w, top: y + extent.top, bottom: y + extent.bottom)
    }

    /// A square around a marker centred on `x`, `y`.
    init(marker x: FluidX, y: Double, radius r: Double) {
        self.init(left: x.shifted(-r), width: 2 * r, top: y - r, bottom: y + r)
    }
}

/// The label-placement step of the fluid charts. It knows every label's box, every marker and every line, and
/// places each label at the first of its candidate positions that overlaps none of them at ANY plot width in
/// `widths` (the chart is drawn once for all screens, so a position must hold from a phone to a desktop), and stays
/// inside the plot. A label with no free candidate is dropped: the chart's key or table below says it instead.
///
/// Box against box is decided exactly (both edges move linearly with the width, so the widths at which two boxes
/// overlap form one interval); a box against a line segment is tested at nine widths across the range.
struct LabelLayout {
    /// Plot widths (CSS px) the chart must work at.
    let widths: ClosedRange<Double>
    /// Vertical room for labels, px.
    let top: Double
    let bottom: Double
    /// Space kept between a label and anything else, px: beside it, and above and below it.
    var padding = 1.5
    var verticalPadding = 1.5

    private(set) var placed: [LabelBox] = []
    private var obstacles: [LabelBox] = []
    private var segments: [(x1: FluidX, y1: Double, x2: FluidX, y2: Double)] = []

    init(widths: ClosedRange<Double>, top: Double, bottom: Double) {
        self.widths = widths; self.top = top; self.bottom = bottom
    }

    /// Something labels must not cover (a marker, a bar).
    mutating func avoid(_ box: LabelBox) { obstacles.append(box) }

    /// A line labels must not cross.
    mutating func avoid(from x1: FluidX, _ y1: Double, to x2: FluidX, _ y2: Double) {
        segments.append((x1, y1, x2, y2))
    }

    /// A label that is already placed (axis labels): later labels keep clear of it.
    mutating func reserve(_ box: LabelBox) { placed.append(box) }

    /// Room for `more` obstacles and `moreSegments` lines, made at once rather than by growing as they come.
    mutating func reserveCapacity(obstacles more: Int, segments moreSegments: Int) {
        obstacles.reserveCapacity(obstacles.count + more)
        segments.reserveCapacity(segments.count + moreSegments)
    }

    /// The first candidate that fits, now reserved; nil when none does (drop the label).
    mutating func place(_ candidates: [LabelBox]) -> Int? {
        guard let index = candidates.firstIndex(where: fits) else { return nil }
        placed.append(candidates[index])
        return index
    }

    func fitsAny(_ candidates: [LabelBox]) -> Bool { candidates.contains(where: fits) }

    /// Inside the plot at every width, and clear of every label, obstacle and line.
    func fits(_ box: LabelBox) -> Bool {
        guard box.top >= top, box.bottom <= bottom,
              inside(box, at: widths.lowerBound), inside(box, at: widths.upperBound) else { return false }
        for other in placed where overlaps(box, other) { return false }
        for other in obstacles where overlaps(box, other) { return false }
        for segment in segments where crosses(box, segment) { return false }
        return true
    }

    /// Whether the box lies inside the plot when it is `w` px wide.
    private func inside(_ box: LabelBox, at w: Double) -> Bool {
        let left = box.left.at(w)
        return !(left < 0 || left + box.width > w)
    }

    /// Whether two boxes overlap (with `padding`) at some width in `widths`.
    func overlaps(_ a: LabelBox, _ b: LabelBox) -> Bool {
        guard a.top < b.bottom + verticalPadding, b.top < a.bottom + verticalPadding else { return false }
        // a.left < b.right + p  ⇔  (fa − fb)·w + (oa − ob − wb − p) < 0, and the same with a and b swapped.
        var low = widths.lowerBound, high = widths.upperBound
        // Narrows [low, high] to the widths where k·w + c < 0; false when there are none.
        func narrow(_ k: Double, _ c: Double) -> Bool {
            if k == 0 { return !(c >= 0) }
            if k > 0 { high = min(high, -c / k - 1e-9) } else { low = max(low, -c / k + 1e-9) }
            return true
        }
        guard narrow(a.left.fraction - b.left.fraction, a.left.offset - b.left.offset - b.width - padding),
              narrow(b.left.fraction - a.left.fraction, b.left.offset - a.left.offset - a.width - padding) else { return false }
        return low <= high
    }

    /// Whether the segment crosses the box (grown by `padding`) at one of nine widths across the range.
    func crosses(_ box: LabelBox, _ s: (x1: FluidX, y1: Double, x2: FluidX, y2: Double)) -> Bool {
        // A segment wholly above or below the grown box misses it at every width (heights do not change with the
        // width): most of a trend line's segments, so they are not tested nine times. The half-pixel margin keeps
        // this to segments the test below rejects too, whatever the rounding of its divisions.
        let boxTop = box.top - verticalPadding, boxBottom = box.bottom + verticalPadding
        if max(s.y1, s.y2) < boxTop - 0.5 || min(s.y1, s.y2) > boxBottom + 0.5 { return false }
        let steps = 8
        for i in 0...steps {
            let w = widths.lowerBound + (widths.upperBound - widths.lowerBound) * Double(i) / Double(steps)
            let left = box.left.at(w) - padding, right = box.left.at(w) + box.width + padding
            if Self.segmentMeetsRect(s.x1.at(w), s.y1, s.x2.at(w), s.y2,
                                     left: left, right: right, top: box.top - verticalPadding,
                                     bottom: box.bottom + verticalPadding) {
                return true
            }
        }
        return false
    }

    /// Liang–Barsky: does the segment (x1, y1)–(x2, y2) meet the rectangle?
    static func segmentMeetsRect(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double,
                                 left: Double, right: Double, top: Double, bottom: Double) -> Bool {
        let dx = x2 - x1, dy = y2 - y1
        var t0 = 0.0, t1 = 1.0
        // Clips [t0, t1] by one edge; false when nothing is left.
        func clip(_ p: Double, _ q: Double) -> Bool {
            if p == 0 { return !(q < 0) }
            let r = q / p
            if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
            return !(t0 > t1)
        }
        return clip(-dx, x1 - left) && clip(dx, right - x1) && clip(-dy, y1 - top) && clip(dy, bottom - y1)
    }
}

/// The widths a fluid chart is laid out for: the plot (its box less the gutter for the value labels) on a 320 px
/// phone inside a card (about 240 px of box) up to the widest page column (72 rem less padding, about 1,110 px).
/// From a 48 rem (768 px) window on, and on paper, no chart box is narrower than about 400 px (two columns of
/// indicator panels at 60 rem): labels that only fit from there are drawn with class `chart-wide`, which the
/// stylesheet shows only then.
enum FluidWidths {
    static let narrowestBox = 236.0
    static let narrowestWideBox = 400.0
    static let widestBox = 1112.0
    static func plot(gutter: Double) -> ClosedRange<Double> { (narrowestBox - gutter)...(widestBox - gutter) }
    static func widePlot(gutter: Double) -> ClosedRange<Double> { (narrowestWideBox - gutter)...(widestBox - gutter) }
}

/// Two label layouts at once: one for every width, one for wide screens only (`FluidWidths`). A label goes where
/// it fits on every screen if it can; else where it fits on wide screens (drawn with class `chart-wide`); else
/// nowhere.
struct TieredLayout {
    enum Placement: Equatable {
        case everywhere(Int)
        case wideOnly(Int)
        case dropped
    }

    private(set) var all: LabelLayout
    private(set) var wide: LabelLayout

    init(gutter: Double, top: Double, bottom: Double) {
        all = LabelLayout(widths: FluidWidths.plot(gutter: gutter), top: top, bottom: bottom)
        wide = LabelLayout(widths: FluidWidths.widePlot(gutter: gutter), top: top, bottom: bottom)
    }

    mutating func avoid(_ box: LabelBox) { all.avoid(box); wide.avoid(box) }

    /// `LabelLayout.reserveCapacity` for both layouts.
    mutating func reserveCapacity(obstacles: Int, segments: Int) {
        all.reserveCapacity(obstacles: obstacles, segments: segments)
        wide.reserveCapacity(obstacles: obstacles, segments: segments)
    }

    mutating func avoid(from x1: FluidX, _ y1: Double, to x2: FluidX, _ y2: Double) {
        all.avoid(from: x1, y1, to: x2, y2)
        wide.avoid(from: x1, y1, to: x2, y2)
    }

    mutating func place(_ candidates: [LabelBox]) -> Placement {
        if let i = candidates.firstIndex(where: { all.fits($0) && wide.fits($0) }) {
            all.reserve(candidates[i])
            wide.reserve(candidates[i])
            return .everywhere(i)
        }
        if let i = wide.place(candidates) { return .wideOnly(i) }
        return .dropped
    }
}
