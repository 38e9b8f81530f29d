import Testing
@testable import CollectiveSite

/// `LabelLayout.crosses` first sets aside segments wholly above or below a box; what it decides must stay what
/// testing the segment against the box at each of the nine widths decides.
struct LabelCrossingTests {
    private static func atNineWidths(_ layout: LabelLayout, _ box: LabelBox,
                                     _ s: (x1: FluidX, y1: Double, x2: FluidX, y2: Double)) -> Bool {
        (0...8).contains { i in
            let w = layout.widths.lowerBound + (layout.widths.upperBound - layout.widths.lowerBound) * Double(i) / 8
            return LabelLayout.segmentMeetsRect(s.x1.at(w), s.y1, s.x2.at(w), s.y2,
                                                left: box.left.at(w) - layout.padding,
                                                right: box.left.at(w) + box.width + layout.padding,
                                                top: box.top - layout.verticalPadding,
                                                bottom: box.bottom + layout.verticalPadding)
        }
    }

    @Test func aSegmentCrossesABoxExactlyWhenItMeetsItAtSomeWidth() {
        let layout = LabelLayout(widths: 200...1000, top: 0, bottom: 200)
        let box = LabelBox(left: FluidX(0.5, -20), width: 40, top: 90, bottom: 104)
        var crossing = 0, clear = 0
        // Segments from every height to every height, across the box's column and beside it.
        for y1 in stride(from: 80.0, through: 116, by: 0.75) {
            for y2 in stride(from: 60.0, through: 130, by: 5) {
                for (x1, x2) in [(0.3, 0.7), (0.45, 0.55), (0.1, 0.2), (0.5, 0.5)] {
                    let segment = (x1: FluidX(x1), y1: y1, x2: FluidX(x2), y2: y2)
                    let expected = Self.atNineWidths(layout, box, segment)
                    #expect(layout.crosses(box, segment) == expected, "\(segment)")
                    if expected { crossing += 1 } else { clear += 1 }
                }
            }
        }
        #expect(crossing > 100 && clear > 100)
    }

    @Test func aLabelIsNotPlacedAcrossALine() {
        var layout = LabelLayout(widths: 200...1000, top: 0, bottom: 200)
        layout.avoid(from: FluidX(0), 100, to: FluidX(1), 100)
        let across = LabelBox(text: "Target 1,000", x: FluidX(0.5), y: 104, anchor: .middle, size: 13)
        let above = LabelBox(text: "Target 1,000", x: FluidX(0.5), y: 94, anchor: .middle, size: 13)
        #expect(layout.place([across, above]) == 1)
        #expect(layout.placed == [above])
    }
}
