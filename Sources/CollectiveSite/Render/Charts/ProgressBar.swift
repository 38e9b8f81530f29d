import ImpactDomain

/// Words the progress bar prints or says. Templates use `{name}` placeholders; defaults are English.
public struct ProgressBarWords: Sendable, Hashable {
    /// `{progress}`, `{expected}`.
    public var withExpected = "{progress} of target; expected {expected}"
    /// `{progress}`.
    public var withoutExpected = "{progress} of target"
    /// Label under the expected marker. `{expected}`.
    public var expectedMarker = "expected {expected}"
    /// Appended in the summary sentence. `{status}`.
    public var status = "; status: {status}."
    /// Printed and said when there is no progress figure.
    public var noData = "No progress can be shown yet"

    public init() {}
    public static let english = ProgressBarWords()
}

/// Progress toward a target against the share of time elapsed.
public struct ProgressBarInput: Sendable, Hashable {
    public var id: String
    public var title: String
    /// Fraction of the way from baseline to target (0…1; may be below 0 or above 1). Nil: no data.
    public var progress: Double?
    /// The formatted progress, e.g. "62%".
    public var progressText: String
    /// Fraction of the time elapsed, 0…1, where the bar "should" be by now. Nil: no marker.
    public var expected: Double?
    public var expectedText: String?
    public var status: Status
    public var statusLabel: String?
    public var words: ProgressBarWords

    public init(id: String, title: String, progress: Double?, progressText: String, expected: Double? = nil,
                expectedText: String? = nil, status: Status, statusLabel: String? = nil, words: ProgressBarWords = .english) {
        self.id = id; self.title = title; self.progress = progress; self.progressText = progressText
        self.expected = expected; self.expectedText = expectedText; self.status = status
        self.statusLabel = statusLabel; self.words = words
    }

    var statusWord: String { statusLabel ?? status.defaultLabel }

    /// "62% of target; expected 70%", or the no-data text.
    var headline: String {
        guard progress != nil else { return words.noData }
        if let expectedText, expected != nil {
            return fillTemplate(words.withExpected, ["progress": progressText, "expected": expectedText])
        }
        return fillTemplate(words.withoutExpected, ["progress": progressText])
    }
}

extension Charts {
    /// A horizontal bar: the filled part is progress (capped at the end of the track; the text gives the
    /// real figure), a vertical tick marks where it is expected by now. The status shows as a word and marker
    /// shape in the headline, and as a fill pattern (solid when achieved or on track, striped at risk,
    /// cross-hatched off track).
    public static func progressBar(_ input: ProgressBarInput) -> RenderedChart {
        rendered(capacity: 3072) { drawProgressBar(input, into: &$0) }
    }

    /// `progressBar(input).figure`, made at once (`Charts.figure`).
    static func progressBarFigure(_ input: ProgressBarInput) -> String {
        figure(capacity: 3072) { drawProgressBar(input, into: &$0) }
    }

    /// `progressBar`'s `<svg>` element, written into `out`.
    private static func drawProgressBar(_ input: ProgressBarInput, into out: inout SVGWriter) -> ChartNotes {
        let summary = progressSummary(input)
        let id = SVG.safeID(input.id)
        let fontSize = 13.0
        let color = ChartPalette.color(input.status)
        let statusClass = "status-\(input.status.rawValue)"
        let widths = FluidWidths.plot(gutter: 0)
        // The status word and the figures flow in one line of text (the browser sets them side by side, whatever
        // the script), or two lines when they would not fit a phone's card.
        let statusText = input.statusWord
        let figures = input.progress == nil ? input.words.noData
            : fillTemplate(input.words.withoutExpected, ["progress": input.progressText])
        let twoLines = 20 + TextMetrics.width(statusText, size: fontSize, bold: true) + 10
            + TextMetrics.width(figures, size: fontSize) > widths.lowerBound
        let trackY = twoLines ? 44.0 : 26.0, trackHeight = 18.0
        let height = trackY + trackHeight + 32
        func fraction(_ f: Double) -> Double { min(1, max(0, f)) }

        // The status class on the chart gives its status colour (`currentColor`) to the marker, word and bar.
        out.openFluid(id: id, className: "chart-progress \(statusClass)", height: height, gutter: 0, title: input.title,
                      desc: nil)
        var fill = color
        switch input.status {
        case .atRisk:
            out.put("<defs>")
            out.stripes(id: "\(id)-fill", color: color)
            out.put("</defs>")
            fill = "url(#\(id)-fill)"
        case .offTrack:
            out.put("<defs>")
            out.crossHatch(id: "\(id)-fill", color: color, back: "#f6d9cc")
            out.put("</defs>")
            fill = "url(#\(id)-fill)"
        default: break
        }

        // Headline: status marker, status word, figures.
        out.marker(ChartPalette.shape(input.status), x: 8, y: 12, size: 5, className: "chart-marker \(statusClass)")
        out.raw("<text class=\"chart-progress-headline\" x=\"20\" y=\"17\"><tspan class=\"chart-status-label \(statusClass)\">")
        out.escaped(statusText)
        out.put("</tspan><tspan class=\"chart-progress-text\"")
        if twoLines { out.put(" x=\"20\" dy=\"18\"") } else { out.put(" dx=\"10\"") }
        out.put(">")
        out.escaped(figures)
        out.put("</tspan></text>")

        // Track and fill.
        out.put("<rect class=\"progress-track\" x=\"0\"")
        out.attribute("y", trackY)
        out.put(" width=\"100%\"")
        out.attribute("height", trackHeight)
        out.put("/>")
        if let progress = input.progress, progress > 0 {
            out.raw("<rect class=\"progress-fill \(statusClass)\" x=\"0\"")
            out.attribute("y", trackY)
            out.fluidAttribute("width", FluidX(fraction(progress)))
            out.attribute("height", trackHeight)
            // A solid fill is the status colour (the stylesheet's); a pattern is this chart's own.
            if fill != color { out.attribute("fill", fill) }
            out.put("/>")
        }

        // Expected marker: a dark tick across the track with its label below, kept inside the drawing at every width.
        if let expected = input.expected, let expectedText = input.expectedText, input.progress != nil {
            let ex = fraction(expected)
            out.beginAt(ex)
            out.line(x1: 0, y1: trackY - 4, x2: 0, y2: trackY + trackHeight + 4, className: "progress-expected")
            out.endAt()
            let label = fillTemplate(input.words.expectedMarker, ["expected": expectedText])
            let labelY = trackY + trackHeight + 19
            var layout = LabelLayout(widths: widths, top: 0, bottom: height)
            let candidates: [(FluidX, SVG.Anchor)] = [(FluidX(ex), .middle), (FluidX(ex, -2), .start), (FluidX(ex, 2), .end),
                                                      (FluidX(0), .start), (FluidX(1), .end)]
            let boxes = candidates.map { LabelBox(text: label, x: $0.0, y: labelY, anchor: $0.1, size: fontSize) }
            let (x, anchor) = layout.place(boxes).map { candidates[$0] } ?? (FluidX(0), .start)
            out.text(label, at: x, y: labelY, anchor: anchor, className: "progress-expected-label")
        }
        out.close()
        return ChartNotes(summary: summary)
    }

    /// "62% of target; expected 70%; status: On track."
    public static func progressSummary(_ input: ProgressBarInput) -> String {
        input.headline + fillTemplate(input.words.status, ["status": input.statusWord])
    }
}
