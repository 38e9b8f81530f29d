/// How much room a chart label takes, without font files at build time.
///
/// Widths are advances in em measured in Chromium for the two sans-serif fonts the stylesheet falls back to on
/// Linux (DejaVu Sans and Noto Sans, the wider of the two for each character), so an estimate is never narrower
/// than what a browser draws with either. Other scripts (Bengali, Kannada…) count 0.6 em per Unicode scalar:
/// Noto Sans Bengali measured 0.39–0.59 em per scalar (vowel signs and conjuncts share a cluster).
/// Heights follow Noto Sans's line box (ascent 1.07 em, descent 0.29 em), which is what `getBoundingClientRect`
/// reports for an SVG `<text>`, so the browser check and the layout agree on what "overlap" means.
enum TextMetrics {
    static let ascent = 1.07
    static let descent = 0.29

    /// The width in CSS pixels of `s` at `size` px.
    static func width(_ s: String, size: Double, bold: Bool = false) -> Double {
        let table = bold ? boldAdvances : advances
        // Printable ASCII (almost every label) byte by byte; anything else scalar by scalar, from the start.
        let ascii: Double? = s.utf8.withContiguousStorageIfAvailable { bytes in
            var em = 0.0
            for byte in bytes {
                guard byte >= 32 && byte < 127 else { return nil }
                em += table[Int(byte - 32)]
            }
            return em
        } ?? nil
        if let ascii { return ascii * size }
        var em = 0.0
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v >= 32 && v < 127 {
                em += table[Int(v - 32)]
            } else if v == 0xB7 {
                em += bold ? 0.38 : 0.32  // ·
            } else if (0x300...0x36F).contains(v) || v == 0x200C || v == 0x200D {
                continue  // combining marks and joiners take no room of their own
            } else if v >= 0x2E80 {
                em += 1.0  // CJK and other full-width text
            } else if v >= 0x2000 {
                em += 1.0  // dashes, arrows, ellipsis, geometric shapes: the widest of them
            } else {
                em += 0.6
            }
        }
        return em * size
    }

    /// The label's box relative to its baseline: top (negative, above) and bottom.
    static func verticalExtent(size: Double) -> (top: Double, bottom: Double) { (-ascent * size, descent * size) }

    // Advances of ASCII 32…126 (space to ~), in em.
    private static let advances: [Double] = [
        0.32, 0.41, 0.46, 0.84, 0.64, 0.96, 0.78, 0.28, 0.4, 0.4, 0.56, 0.84, 0.32, 0.37, 0.32, 0.38, 0.64, 0.64, 0.64,
        0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.34, 0.34, 0.84, 0.84, 0.84, 0.54, 1, 0.69, 0.69, 0.7, 0.78, 0.64,
        0.58, 0.78, 0.76, 0.34, 0.3, 0.66, 0.56, 0.91, 0.76, 0.79, 0.61, 0.79, 0.7, 0.64, 0.62, 0.74, 0.69, 0.99, 0.69,
        0.62, 0.69, 0.4, 0.38, 0.4, 0.84, 0.5, 0.5, 0.62, 0.64, 0.54, 0.64, 0.57, 0.36, 0.64, 0.64, 0.28, 0.28, 0.58,
        0.28, 0.98, 0.64, 0.57, 0.64, 0.64, 0.42, 0.53, 0.4, 0.64, 0.6, 0.82, 0.6, 0.6, 0.53, 0.64, 0.56, 0.64, 0.84,
    ]
    private static let boldAdvances: [Double] = [
        0.35, 0.46, 0.53, 0.84, 0.7, 1.01, 0.88, 0.31, 0.46, 0.46, 0.55, 0.84, 0.38, 0.42, 0.38, 0.42, 0.7, 0.7, 0.7, 0.7,
        0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.4, 0.4, 0.84, 0.84, 0.84, 0.58, 1, 0.78, 0.77, 0.74, 0.83, 0.69, 0.69, 0.83, 0.84,
        0.39, 0.38, 0.78, 0.64, 1, 0.84, 0.85, 0.74, 0.85, 0.77, 0.73, 0.69, 0.82, 0.78, 1.11, 0.78, 0.73, 0.73, 0.46,
        0.42, 0.46, 0.84, 0.5, 0.5, 0.68, 0.72, 0.6, 0.72, 0.68, 0.44, 0.72, 0.72, 0.35, 0.35, 0.67, 0.35, 1.05, 0.72,
        0.69, 0.72, 0.72, 0.5, 0.6, 0.48, 0.72, 0.66, 0.93, 0.65, 0.66, 0.59, 0.72, 0.56, 0.72, 0.84,
    ]

    /// Splits `s` at spaces into lines of at most `maxWidth` px (a word longer than that keeps a line of its own:
    /// names are never cut inside a word).
    static func wrap(_ s: String, size: Double, maxWidth: Double, bold: Bool = false) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in s.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if line.isEmpty || width(candidate, size: size, bold: bold) <= maxWidth {
                line = candidate
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
