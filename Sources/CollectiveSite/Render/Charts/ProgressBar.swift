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
        let summary = progressSummary(input)
        let id = SVG.safeID(input.id)
        let width = 480.0, height = 76.0, fontSize = 13.0
        let color = ChartPalette.color(input.status)
        let statusClass = "status-\(input.status.rawValue)"
        let trackX = 2.0, trackY = 26.0, trackHeight = 18.0
        let trackWidth = width - 2 * trackX
        func x(_ fraction: Double) -> Double { trackX + min(1, max(0, fraction)) * trackWidth }

        var out = SVGWriter(capacity: 3072)
        out.open(id: id, className: "chart-progress", width: width, height: height, title: input.title, desc: summary)
        var fill = color
        switch input.status {
        case .atRisk:
            out.raw("<defs>")
            out.stripes(id: "\(id)-fill", color: color)
            out.raw("</defs>")
            fill = "url(#\(id)-fill)"
        case .offTrack:
            out.raw("<defs>")
            out.crossHatch(id: "\(id)-fill", color: color, back: "#f6d9cc")
            out.raw("</defs>")
            fill = "url(#\(id)-fill)"
        default: break
        }

        // Headline: status marker, status word, figures.
        let shape = ChartPalette.shape(input.status)
        out.marker(shape, x: 8, y: 12, size: 5, color: color, className: "chart-marker \(statusClass)")
        let statusText = input.statusWord
        out.text(statusText, x: 20, y: 17, size: fontSize, color: color, weight: "bold",
                 className: "chart-status-label \(statusClass)")
        out.text(input.headline, x: 20 + SVG.textWidth(statusText, size: fontSize) + 12, y: 17, size: fontSize,
                 color: ChartPalette.ink, className: "chart-progress-text")

        // Track and fill.
        out.rect(x: trackX, y: trackY, width: trackWidth, height: trackHeight, fill: ChartPalette.track,
                 className: "progress-track", stroke: ChartPalette.inkSoft, strokeWidth: 0.75)
        if let progress = input.progress, progress > 0 {
            out.rect(x: trackX, y: trackY, width: x(progress) - trackX, height: trackHeight, fill: fill,
                     className: "progress-fill \(statusClass)", stroke: color, strokeWidth: 1)
        }

        // Expected marker: a dark tick across the track with its label below, kept inside the drawing.
        if let expected = input.expected, let expectedText = input.expectedText, input.progress != nil {
            let ex = x(expected)
            out.line(x1: ex, y1: trackY - 4, x2: ex, y2: trackY + trackHeight + 4, color: ChartPalette.ink,
                     width: 2.5, className: "progress-expected")
            let label = fillTemplate(input.words.expectedMarker, ["expected": expectedText])
            let labelWidth = SVG.textWidth(label, size: 12)
            let anchor: SVG.Anchor = ex - labelWidth / 2 < 0 ? .start : (ex + labelWidth / 2 > width ? .end : .middle)
            out.text(label, x: anchor == .start ? max(0, ex - 2) : (anchor == .end ? min(width, ex + 2) : ex),
                     y: trackY + trackHeight + 18, anchor: anchor, size: 12, className: "progress-expected-label")
        }
        return out.chart(summary: summary)
    }

    /// "62% of target; expected 70%; status: On track."
    public static func progressSummary(_ input: ProgressBarInput) -> String {
        input.headline + fillTemplate(input.words.status, ["status": input.statusWord])
    }
}
