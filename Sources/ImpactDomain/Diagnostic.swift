/// Where a value came from: a file, a 1-based line and a 1-based column.
/// The domain never opens files; paths are just labels carried through from the loader.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}

public enum Severity: String, Sendable, Hashable, Comparable {
    case error, warning

    public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
}

/// One problem in the input, gathered through every stage so that `check` can report them all at once.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// How to fix it, in words a backbone staff member can act on ("did you mean `caif`?").
    public var hint: String?
    /// The CSV column the problem is in, when `location` is the start of its row: records keep one location
    /// per row (a million results rows), so the site layer finds the cell's own column from the file when it
    /// reports the problem.
    public var field: String?

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String, hint: String? = nil,
                field: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
        self.field = field
    }

    public static func error(_ location: SourceLocation, _ message: String, hint: String? = nil,
                             field: String? = nil) -> Diagnostic {
        Diagnostic(.error, location, message, hint: hint, field: field)
    }

    public static func warning(_ location: SourceLocation, _ message: String, hint: String? = nil,
                               field: String? = nil) -> Diagnostic {
        Diagnostic(.warning, location, message, hint: hint, field: field)
    }

    /// `path:line:column: error: message (hint)` — the format compilers use, so editors can jump to it. One line
    /// always: control characters from the input are shown as escapes (see `printable`).
    public var description: String {
        var text = "\(Self.printable(location.description)): \(severity.rawValue): \(Self.printable(message))"
        if let hint { text += " (hint: \(Self.printable(hint)))" }
        return text
    }

    /// `text` with its control characters written as escapes (`\n`, `\t`, `\u{1B}`…). Messages quote values from
    /// the input, which may hold a line break (a quoted multi-line CSV field), NUL bytes (a UTF-16 file) or a
    /// terminal escape sequence: printed raw, those would break the one-line format tools parse, or clear and
    /// recolour the terminal or CI log of the person reading them. Characters that print as a space or as nothing
    /// are escaped too (a no-break space `\u{A0}`, a zero-width space `\u{200B}`, a byte-order mark `\u{FEFF}`,
    /// direction marks): "unknown partner `caif`" or "`940` is not a number" would not show what is wrong with
    /// the value. The zero-width joiners (U+200C, U+200D), which Bengali and Kannada words need, print as written.
    public static func printable(_ text: String) -> String {
        func isControl(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0..<0x20, 0x7F...0x9F, 0xA0, 0xAD, 0x1680, 0x2000...0x200B, 0x200E, 0x200F, 0x2028...0x202F,
                 0x205F...0x2064, 0x2066...0x206F, 0x3000, 0xFEFF: true
            default: false
            }
        }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else { out.append(scalar); continue }
            let escape: String
            switch scalar {
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            default: escape = "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
            out.append(contentsOf: escape.unicodeScalars)
        }
        return String(out)
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errorCount: Int { filter { $0.severity == .error }.count }
    public var warningCount: Int { filter { $0.severity == .warning }.count }

    /// Stable order for output: by file, line, column, then message.
    public func sortedForDisplay() -> [Diagnostic] {
        sorted { ($0.location, $0.severity, $0.message) < ($1.location, $1.severity, $1.message) }
    }
}

/// The closest candidate by edit distance, for "did you mean …?" hints. Nil when nothing is close, and nil when
/// two candidates are equally close: with short ids (`p1`, `p2`) any unknown `p3` is one edit from each, and
/// naming one of them at random would point at the wrong row; the caller's other hint ("add it to …") is better.
public func closestMatch(to word: String, in candidates: some Sequence<String>) -> String? {
    let target = Array(word.lowercased())
    let limit = max(1, min(3, target.count / 2))
    var best: String?
    var bestDistance = Int.max
    var tied = false
    for candidate in candidates {
        let distance = editDistance(target, Array(candidate.lowercased()))
        guard distance <= limit else { continue }
        if distance < bestDistance {
            (best, bestDistance, tied) = (candidate, distance, false)
        } else if distance == bestDistance, candidate != best {
            tied = true
        }
    }
    return tied ? nil : best
}

/// Edit distance counting an adjacent transposition as one edit (`cafi` → `caif`), as people mistype.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = Swift.min(current[j], beforePrevious[j - 2] + 1)
            }
        }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
}
