import Foundation
import ImpactDomain

/// Interface text per language, from `templates/i18n/<lang>.yaml`: one `key: text` per line.
/// Texts may hold `{name}` placeholders that page builders fill in. A missing key falls back to English.
public enum Translations {
    /// Parses the flat `key: "text"` file. Kept to a line format of its own (not full YAML) so that a
    /// translator's mistake gets an exact line, and the file stays readable to non-developers.
    public static func parse(_ text: String, path: String) -> ([String: String], [Diagnostic]) {
        var table: [String: String] = [:]
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
            table[keyString] = String(value).replacingAll("\\n", with: "\n").replacingAll("\\\"", with: "\"")
        }
        return (table, diagnostics)
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

    /// Fills `{name}` placeholders: `labels.format("report_title", ["period": "2026-Q2"])`.
    public func format(_ key: String, _ values: [String: String]) -> String {
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

