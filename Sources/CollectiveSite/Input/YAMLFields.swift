import ImpactDomain
import Yams

/// A flat YAML mapping (front matter or site.yaml) with the position of every value.
/// Yams reports syntax errors with positions but type mismatches without, so types are checked here, by key,
/// with the value's own line and column.
public struct YAMLFields: Sendable {
    public enum Value: Hashable, Sendable {
        /// A scalar as written; `plain` is false when it was quoted (so `"true"` stays text).
        case scalar(String, plain: Bool)
        case list([String])
        case null
        /// A nested mapping, or a list holding something other than scalars.
        case nested
    }

    public struct Field: Hashable, Sendable {
        public var value: Value
        public var location: SourceLocation
    }

    public private(set) var fields: [String: Field] = [:]
    /// Keys in the order written.
    public private(set) var keys: [String] = []

    public init() {}

    /// Parses YAML text whose first line is line `firstLine` of `path`. Problems are appended to `diagnostics`.
    public init(yaml: String, path: String, firstLine: Int = 1, diagnostics: inout [Diagnostic]) {
        if let simple = Self.simple(yaml, path: path, firstLine: firstLine) {
            self = simple
        } else {
            self.init(composing: yaml, path: path, firstLine: firstLine, diagnostics: &diagnostics)
        }
    }

    /// Parses YAML text with Yams: every mapping `init(yaml:)` does not read itself.
    init(composing yaml: String, path: String, firstLine: Int = 1, diagnostics: inout [Diagnostic]) {
        let offset = firstLine - 1
        func location(_ mark: Mark?) -> SourceLocation {
            SourceLocation(path: path, line: (mark?.line ?? 1) + offset, column: mark?.column ?? 1)
        }
        let root: Node?
        do {
            // The basic resolver leaves every scalar untyped (types are checked here, per key), which skips
            // Yams's regular expressions; an explicit encoding skips its environment lookup; and an empty
            // constructor (nodes are read here, never converted to Swift values by Yams) skips building the
            // default one's tables. All add up over 10,000 report files.
            root = try Yams.compose(yaml: yaml, Resolver.basic, Constructor([:], [:], [:]), .utf8)
        } catch let error as YamlError {
            diagnostics.append(Self.diagnostic(for: error, yaml: yaml, path: path, lineOffset: offset))
            return
        } catch {
            diagnostics.append(.error(SourceLocation(path: path, line: firstLine), "YAML does not parse: \(error)"))
            return
        }
        guard let root else { return }
        guard let mapping = root.mapping else {
            diagnostics.append(.error(location(root.mark), "expected `key: value` lines, one per field",
                                      hint: "for example `title: Quarterly report`"))
            return
        }
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar?.string else {
                diagnostics.append(.error(location(keyNode.mark), "a key must be a plain name",
                                          hint: "write each field on its own line as `name: value`, the name in letters, digits and `_`"))
                continue
            }
            let value: Value
            switch valueNode {
            case .scalar(let scalar):
                let plain = scalar.style == .plain || scalar.style == .any
                value = plain && ["", "~", "null"].contains(scalar.string.lowercased())
                    ? .null : .scalar(scalar.string, plain: plain)
            case .sequence(let sequence):
                let items = sequence.compactMap { $0.scalar?.string }
                value = items.count == sequence.count ? .list(items) : .nested
            case .mapping, .alias:
                value = .nested
            }
            keys.append(key)
            fields[key] = Field(value: value, location: location(valueNode.mark ?? keyNode.mark))
        }
    }

    /// The front matter most report files have, read without Yams (which spent ~70,000 instructions on each of
    /// 10,000 three-line front matters): one `key: value` per line, the key a plain name, the value a plain word-like
    /// scalar (`2025-Q3`, `draft`) or a one-line double-quoted text of printable ASCII without `"` or `\` inside.
    /// Nil for anything else (blank lines, comments, indentation, lists, escapes, other characters, a repeated key,
    /// an empty value): Yams reads that, so what is accepted, and every error with its position, stays Yams's.
    static func simple(_ yaml: String, path: String, firstLine: Int) -> YAMLFields? {
        var yaml = yaml
        return yaml.withUTF8 { bytes -> YAMLFields? in
            var result = YAMLFields()
            var line = firstLine, start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                guard let (key, value, column) = simpleLine(bytes, start, end), result.fields[key] == nil else { return nil }
                result.keys.append(key)
                result.fields[key] = Field(value: value, location: SourceLocation(path: path, line: line, column: column))
                line += 1
                start = end + 1
            }
            return result.keys.isEmpty ? nil : result
        }
    }

    /// One `key: value` line of `simple`: the key, the value and the value's column (1-based; all ASCII before it).
    private static func simpleLine(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (String, Value, Int)? {
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func text(_ from: Int, _ to: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
        }
        guard start < end, isLetter(bytes[start]) else { return nil }
        var colon = start + 1
        while colon < end, isLetter(bytes[colon]) || isDigit(bytes[colon]) || bytes[colon] == UInt8(ascii: "_")
            || bytes[colon] == UInt8(ascii: "-") { colon += 1 }
        guard colon + 1 < end, bytes[colon] == UInt8(ascii: ":"), bytes[colon + 1] == UInt8(ascii: " ") else { return nil }
        var valueStart = colon + 2
        while valueStart < end, bytes[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
        guard valueStart < end else { return nil }
        let key = text(start, colon), column = valueStart - start + 1
        if bytes[valueStart] == UInt8(ascii: "\"") {
            guard end - valueStart >= 2, bytes[end - 1] == UInt8(ascii: "\"") else { return nil }
            for byte in bytes[(valueStart + 1)..<(end - 1)] {
                guard byte >= 0x20, byte <= 0x7E, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") else { return nil }
            }
            return (key, .scalar(text(valueStart + 1, end - 1), plain: false), column)
        }
        guard isLetter(bytes[valueStart]) || isDigit(bytes[valueStart]), bytes[end - 1] != UInt8(ascii: " ") else { return nil }
        for byte in bytes[valueStart..<end] {
            guard isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/") else { return nil }
        }
        let value = text(valueStart, end)
        return (key, ["", "~", "null"].contains(value.lowercased()) ? .null : .scalar(value, plain: true), column)
    }

    /// Maps a Yams error to a located diagnostic, shifting its line by where the YAML starts in the file.
    static func diagnostic(for error: YamlError, yaml: String, path: String, lineOffset: Int) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
        }
        let hint = "check the indentation and quoting; a value containing `: ` or starting with a special character (`[`, `{`, `&`, `*`, `#`, `|`, `>`, `@`, `` ` ``) must be quoted"
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { " (\($0.text))" } ?? ""
            return .error(at(mark), "YAML does not parse: \(problem)\(detail)", hint: hint)
        case let .reader(problem, offset, _, _):
            let (line, column) = offset.map { lineAndColumn(ofCharacterOffset: $0, in: yaml) } ?? (1, 1)
            return .error(SourceLocation(path: path, line: line + lineOffset, column: column),
                          "YAML does not parse: \(problem)", hint: "save the file with UTF-8 encoding")
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? ""
            let (line, column) = secondOccurrence(of: key, in: yaml, after: context.mark)
                ?? (context.mark.line, context.mark.column)
            return .error(SourceLocation(path: path, line: line + lineOffset, column: column), "duplicate key `\(key)`", hint: "each field may appear only once; remove one of them")
        default:
            return .error(SourceLocation(path: path, line: 1 + lineOffset), "YAML does not parse: \(error)")
        }
    }

    /// Yams points at the first of two duplicate keys; the second is the one to remove.
    private static func secondOccurrence(of key: String, in yaml: String, after first: Mark) -> (Int, Int)? {
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where index + 1 > first.line {
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            if indent + 1 == first.column, rest.hasPrefix(key), rest.dropFirst(key.count).drop(while: { $0 == " " }).first == ":" {
                return (index + 1, indent + 1)
            }
        }
        return nil
    }

    private static func lineAndColumn(ofCharacterOffset offset: Int, in text: String) -> (Int, Int) {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    // MARK: Typed access

    /// Every scalar as text; lists joined with ", ". For templates and pass-through fields.
    public var scalars: [String: String] {
        fields.compactMapValues { field in
            switch field.value {
            case .scalar(let text, _): text
            case .list(let items): items.joined(separator: ", ")
            case .null, .nested: nil
            }
        }
    }

    /// Every list, and every scalar as a one-element list.
    public var lists: [String: [String]] {
        fields.compactMapValues { field in
            switch field.value {
            case .scalar(let text, _): [text]
            case .list(let items): items
            case .null, .nested: nil
            }
        }
    }

    public func location(of key: String) -> SourceLocation? { fields[key]?.location }

    /// A text field. Numbers and dates are fine as text; a list or mapping is an error.
    public func text(_ key: String, required: Bool = false, at fallback: SourceLocation,
                     _ diagnostics: inout [Diagnostic]) -> String? {
        switch fields[key]?.value {
        case .scalar(let text, _)?:
            let trimmed = text.trimmingSpaces
            if required, trimmed.isEmpty {
                diagnostics.append(.error(fields[key]!.location, "`\(key)` is empty", hint: "write it after `\(key): `"))
            }
            return trimmed
        case .list?, .nested?:
            diagnostics.append(.error(fields[key]!.location, "`\(key)` must be text, not a list or mapping",
                                      hint: "write the text on the same line, after `\(key): `, in double quotes if it holds `: ` or starts with `[`, `{` or `-`"))
            return nil
        case .null?, nil:
            if required {
                diagnostics.append(.error(fields[key]?.location ?? fallback, "missing `\(key)`",
                                          hint: "add a line `\(key): …` to the front matter"))
            }
            return nil
        }
    }

    /// A list of texts; `[en, bn]`, a YAML list, or one text with commas (`en, bn`).
    public func list(_ key: String, _ diagnostics: inout [Diagnostic]) -> [String]? {
        switch fields[key]?.value {
        case .list(let items)?: return items.map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        case .scalar(let text, _)?:
            return text.split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        case .nested?:
            diagnostics.append(.error(fields[key]!.location, "`\(key)` must be a list of texts, like `[en, bn]`",
                                      hint: "write the items in square brackets, separated by commas: `\(key): [en, bn]`"))
            return nil
        case .null?, nil: return nil
        }
    }

    public func bool(_ key: String, _ diagnostics: inout [Diagnostic]) -> Bool? {
        guard let field = fields[key] else { return nil }
        // Quoted `"true"` is accepted too: the intent is plain, and the YAML distinction is not worth an error.
        if case .scalar(let text, _) = field.value {
            switch text.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        if field.value == .null { return nil }
        diagnostics.append(.error(field.location, "`\(key)` must be `true` or `false`\(shown(field.value))",
                                  hint: "write `\(key): true` or `\(key): false`"))
        return nil
    }

    public func number(_ key: String, in range: ClosedRange<Double>? = nil, integer: Bool = false,
                       _ diagnostics: inout [Diagnostic]) -> Double? {
        guard let field = fields[key] else { return nil }
        if field.value == .null { return nil }
        let kind = integer ? "a whole number" : "a number"
        guard case .scalar(let text, true) = field.value, let value = ValueParsing.number(text),
              !integer || value == value.rounded() else {
            diagnostics.append(.error(field.location, "`\(key)` must be \(kind)\(shown(field.value))",
                                      hint: "write \(kind) without quotes, units or `%`\(range.map { ", from \(format($0.lowerBound)) to \(format($0.upperBound))" } ?? "")"))
            return nil
        }
        if let range, !range.contains(value) {
            diagnostics.append(.error(field.location,
                                      "`\(key)` must be between \(format(range.lowerBound)) and \(format(range.upperBound)), not \(text)",
                                      hint: range.upperBound == 1 ? "write a fraction: 0.10 for 10 %" : "write a number in that range"))
            return nil
        }
        return value
    }

    /// Warns about keys that are not in `known`, which are usually typos (`sumary:`).
    public func warnUnknownKeys(known: [String], _ diagnostics: inout [Diagnostic]) {
        for key in keys where !known.contains(key) {
            var hint = "known fields: \(known.joined(separator: ", "))"
            if let close = closestMatch(to: key, in: known) { hint = "did you mean `\(close)`?" }
            diagnostics.append(.warning(fields[key]!.location, "unknown field `\(key)`; it will be ignored", hint: hint))
        }
    }

    private func shown(_ value: Value) -> String {
        switch value {
        case .scalar(let text, _): ", not `\(text)`"
        case .list: ", not a list"
        case .nested: ", not a mapping"
        case .null: ""
        }
    }

    private func format(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(number)
    }
}
