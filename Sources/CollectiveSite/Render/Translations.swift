import Foundation
import ImpactDomain

/// Interface text per language, from `templates/i18n/<lang>.yaml`: one `key: "text"` per line (the quotes may be
/// left out; the shipped files keep them so that YAML tools read the files too).
/// Texts may hold `{name}` placeholders that page builders fill in. A missing key falls back to English.
public enum Translations {
    /// Parses the flat `key: "text"` file. Kept to a line format of its own (not full YAML) so that a
    /// translator's mistake gets an exact line, and the file stays readable to non-developers.
    public static func parse(_ text: String, path: String) -> ([String: String], [Diagnostic]) {
        let (entries, diagnostics) = entries(text, path: path)
        return (entries.mapValues(\.text), diagnostics)
    }

    /// Each key's text and the line it is on.
    static func entries(_ text: String, path: String) -> ([String: (text: String, line: Int)], [Diagnostic]) {
        var table: [String: (text: String, line: Int)] = [:]
        var diagnostics: [Diagnostic] = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingPrefix(while: { $0 == " " || $0 == "\u{FEFF}" })
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                diagnostics.append(.error(SourceLocation(path: path, line: offset + 1, column: 1),
                                          "expected `key: text`, found `\(line)`"))
                continue
            }
            let key = line[..<colon].trimmingSuffix(while: { $0 == " " })
            var value = line[line.index(after: colon)...].trimmingPrefix(while: { $0 == " " })
                .trimmingSuffix(while: { $0 == " " || $0 == "\r" })
            if value.count >= 2, value.first == "\"", value.last == "\"" {
                value = value.dropFirst().dropLast()
            }
            let keyString = String(key)
            if table[keyString] != nil {
                diagnostics.append(.error(SourceLocation(path: path, line: offset + 1, column: 1),
                                          "duplicate translation key `\(keyString)`"))
            }
            table[keyString] = (String(value).replacingAll("\\n", with: "\n").replacingAll("\\\"", with: "\""), offset + 1)
        }
        return (table, diagnostics)
    }

    /// The `{names}` a text has the page fill in: "{n} of {total}" → ["n", "total"].
    static func placeholders(_ text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = after[..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { names.insert(String(name)) }
            rest = after[close...]
        }
        return names
    }

    /// A translation's texts whose `{placeholders}` are not the English text's: a name English lacks would show
    /// on the page as written (`{perod}`), and a name left out loses the value the page fills in.
    static func placeholderProblems(_ entries: [String: (text: String, line: Int)], english: [String: String],
                                    path: String, englishPath: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for (key, entry) in entries.sorted(by: { $0.value.line < $1.value.line }) {
            guard let original = english[key] else { continue }
            let expected = placeholders(original), found = placeholders(entry.text)
            guard found != expected else { continue }
            let braces = { (names: Set<String>) in names.sorted().map { "{\($0)}" }.joined(separator: ", ") }
            let unknown = found.subtracting(expected), missing = expected.subtracting(found)
            var parts: [String] = []
            if !unknown.isEmpty { parts.append("has \(braces(unknown)), which the page does not fill in and shows as written") }
            if !missing.isEmpty { parts.append("leaves out \(braces(missing)), so the page loses that value") }
            problems.append(.warning(SourceLocation(path: path, line: entry.line, column: 1),
                                     "`\(key)` " + parts.joined(separator: ", and "),
                                     hint: "use the placeholders of \(englishPath): \(expected.isEmpty ? "none" : braces(expected))"))
        }
        return problems
    }
}

/// Looks up interface text for one language, falling back to English, then to the key itself.
public struct Labels: Sendable {
    public let language: String
    let table: [String: String]
    let fallback: [String: String]

    /// Strict mode: where a label that no language file has is recorded.
    let nameLog: TemplateNameLog?

    /// A key this language's file leaves out falls back to English, marked as English (`FallbackMark`) on
    /// pages in another language, so screen readers and fonts switch for it.
    public init(language: String, translations: [String: [String: String]]) {
        self.init(language: language, translations: translations, nameLog: nil)
    }

    init(language: String, translations: [String: [String: String]], nameLog: TemplateNameLog?) {
        self.language = language
        self.table = translations[language] ?? [:]
        let english = translations["en"] ?? [:]
        self.fallback = language == "en" ? english : english.mapValues { FallbackMark.wrap($0, language: "en") }
        self.all = fallback.merging(table) { _, new in new }
        self.nameLog = nameLog
    }

    public subscript(_ key: String) -> String {
        if let text = all[key] { return text }  // one lookup: `all` is `table` over `fallback`
        nameLog?.addLabel(key)
        return key
    }

    /// The text of `key` in this language or in English, or nil when no translation file has it.
    func translation(_ key: String) -> String? { all[key] }

    /// Fills `{name}` placeholders: `labels.format("report_title", ["period": "2026-Q2"])` (`fillTemplate`).
    public func format(_ key: String, _ values: KeyValuePairs<String, String>) -> String {
        fillTemplate(self[key], values)
    }

    /// Every label, for templates (`{{t.partners}}`).
    public let all: [String: String]
}

extension Substring {
    func trimmingPrefix(while predicate: (Character) -> Bool) -> Substring {
        var s = self[...]
        while let first = s.first, predicate(first) { s = s.dropFirst() }
        return s
    }

    func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var s = self[...]
        while let last = s.last, predicate(last) { s = s.dropLast() }
        return s
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        let pattern = Array(target.utf8)
        guard let first = pattern.first else { return self }
        let bytes = Array(self.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        var changed = false
        while index < bytes.count {
            if bytes[index] == first, index + pattern.count <= bytes.count, bytes[index..<index + pattern.count].elementsEqual(pattern) {
                out.append(contentsOf: replacement.utf8)
                index += pattern.count
                changed = true
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : self
    }
}

