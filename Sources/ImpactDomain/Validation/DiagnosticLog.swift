// Collects diagnostics, and keeps one mistake repeated on every row from burying everything else: after
// `limit` diagnostics of the same kind (say, the unknown partner `caif2`), the rest are counted and reported once.

struct DiagnosticLog {
    static let limit = 20

    private(set) var diagnostics: [Diagnostic] = []
    private var counts: [String: Int] = [:]
    private var overflow: [String: (first: Diagnostic, more: Int)] = [:]

    mutating func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// For checks that may decline to report (an id looked up in a file that did not load: see `unknown`).
    mutating func append(_ diagnostic: Diagnostic?) { if let diagnostic { append(diagnostic) } }
    mutating func append(_ diagnostic: Diagnostic?, group: String) { if let diagnostic { append(diagnostic, group: group) } }

    /// Adds a diagnostic of a kind that may repeat on many rows. `group` names the mistake, not the row.
    mutating func append(_ diagnostic: Diagnostic, group: String) {
        let count = counts[group, default: 0] + 1
        counts[group] = count
        if count <= Self.limit {
            diagnostics.append(diagnostic)
        } else if let pending = overflow[group] {
            overflow[group] = (pending.first, pending.more + 1)
        } else {
            overflow[group] = (diagnostic, 1)
        }
    }

    /// Every diagnostic, with one summary per mistake that was cut short.
    func finished() -> [Diagnostic] {
        var all = diagnostics
        for group in overflow.keys.sorted() {
            let (first, more) = overflow[group]!
            all.append(Diagnostic(first.severity, first.location,
                                  "\(first.message) (and \(more) more row\(more == 1 ? "" : "s") like it, not listed)",
                                  hint: first.hint))
        }
        return all
    }
}
