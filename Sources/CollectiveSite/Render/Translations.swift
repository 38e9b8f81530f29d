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

    /// Each key's text and the line it is on. Read over the file's UTF-8 bytes: every character the format
    /// gives a meaning (line feed, space, `:`, `"`, `\\`, `#`, `\r`) is ASCII, so it is one byte that never
    /// occurs inside another character's bytes. A line ends at each line feed, and a carriage return before it
    /// is dropped, so a file saved with Windows line ends (CRLF) reads line by line too.
    static func entries(_ text: String, path: String) -> ([String: (text: String, line: Int)], [Diagnostic]) {
        var table: [String: (text: String, line: Int)] = [:]
        var diagnostics: [Diagnostic] = []
        var text = text
        text.withUTF8 { bytes in
            var lineStart = 0
            var lineNumber = 0
            while lineStart <= bytes.count {
                lineNumber += 1
                let next = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                defer { lineStart = next + 1 }
                let lineEnd = next > lineStart && bytes[next - 1] == UInt8(ascii: "\r") ? next - 1 : next
                // Leading spaces and byte order marks (EF BB BF).
                var start = lineStart
                while true {
                    if start < lineEnd, bytes[start] == UInt8(ascii: " ") { start += 1 }
                    else if start + 2 < lineEnd, bytes[start] == 0xEF, bytes[start + 1] == 0xBB, bytes[start + 2] == 0xBF { start += 3 }
                    else { break }
                }
                if start == lineEnd || bytes[start] == UInt8(ascii: "#") { continue }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<lineEnd])
                guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                    diagnostics.append(.error(SourceLocation(path: path, line: lineNumber, column: 1),
                                              "expected `key: text`, found `\(String(decoding: line, as: UTF8.self))`"))
                    continue
                }
                var keyEnd = colon
                while keyEnd > 0, line[keyEnd - 1] == UInt8(ascii: " ") { keyEnd -= 1 }
                var valueStart = colon + 1, valueEnd = line.count
                while valueStart < valueEnd, line[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
                while valueEnd > valueStart, line[valueEnd - 1] == UInt8(ascii: " ") || line[valueEnd - 1] == UInt8(ascii: "\r") {
                    valueEnd -= 1
                }
                if valueEnd - valueStart >= 2, line[valueStart] == UInt8(ascii: "\""), line[valueEnd - 1] == UInt8(ascii: "\"") {
                    valueStart += 1
                    valueEnd -= 1
                }
                let key = String(decoding: UnsafeBufferPointer(rebasing: line[..<keyEnd]), as: UTF8.self)
                if table[key] != nil {
                    diagnostics.append(.error(SourceLocation(path: path, line: lineNumber, column: 1),
                                              "duplicate translation key `\(key)`"))
                }
                table[key] = (unescaped(UnsafeBufferPointer(rebasing: line[valueStart..<valueEnd])), lineNumber)
            }
        }
        return (table, diagnostics)
    }

    /// A text with `\\n` read as a line break and `\\"` as a quote; any other backslash stays as written.
    static func unescaped(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "\\")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count,
               bytes[index + 1] == UInt8(ascii: "n") || bytes[index + 1] == UInt8(ascii: "\"") {
                out.append(bytes[index + 1] == UInt8(ascii: "n") ? UInt8(ascii: "\n") : UInt8(ascii: "\""))
                index += 2
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The `{names}` a text has the page fill in: "{n} of {total}" → ["n", "total"]. The braces are found over
    /// the bytes; a name counts when it is letters, digits and `_`.
    static func placeholders(_ text: String) -> Set<String> {
        var names: Set<String> = []
        var text = text
        text.withUTF8 { bytes in
            var from = 0
            while let open = bytes[from...].firstIndex(of: UInt8(ascii: "{")),
                  let close = bytes[(open + 1)...].firstIndex(of: UInt8(ascii: "}")) {
                let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close]), as: UTF8.self)
                if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { names.insert(name) }
                from = close
            }
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

/// An interface text a language's file leaves out: pages in that language show it in English, marked as English.
public struct MissingLabel: Sendable, Equatable {
    public let key: String
    /// The English text, which pages show instead.
    public let english: String
    /// Where the English text is written: en.yaml and the key's line.
    public let location: SourceLocation
}

extension Translations {
    /// The keys of the English file (`englishText`, read from `englishPath`) that `translation` (the language's
    /// file, nil when there is none) leaves out, in the English file's order. What `collective check
    /// --translations` lists beside the content's untranslated texts.
    public static func missingLabels(english englishText: String, englishPath: String,
                                     translation: String?) -> [MissingLabel] {
        let english = entries(englishText, path: englishPath).0
        let translated = translation.map { entries($0, path: "").0 } ?? [:]
        return english.filter { translated[$0.key] == nil }
            .sorted { $0.value.line < $1.value.line }
            .map { MissingLabel(key: $0.key, english: $0.value.text,
                                location: SourceLocation(path: englishPath, line: $0.value.line, column: 1)) }
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
        self.fields = TemplateFields(unique: all.map { ($0.key, TemplateValue.text($0.value)) })
        self.nameLog = nameLog
    }

    public subscript(_ key: String) -> String {
        if let text = translation(key) { return text }
        nameLog?.addLabel(key)
        return key
    }

    /// The text of `key` in this language or in English, or nil when no translation file has it.
    func translation(_ key: String) -> String? {
        // One lookup: `fields` is `table` over `fallback`.
        if case .text(let text)? = fields[key] { return text }
        return nil
    }

    /// Fills `{name}` placeholders: `labels.format("report_title", ["period": "2026-Q2"])` (`fillTemplate`).
    public func format(_ key: String, _ values: KeyValuePairs<String, String>) -> String {
        fillTemplate(self[key], values)
    }

    /// Every label.
    public let all: [String: String]

    /// `all` as template fields: what pages show as `{{t.partners}}`, and what `subscript` searches. Its keys are
    /// hashed by `TemplateKey` (a few instructions); a Dictionary hashed every key asked for with SipHash (≈ 0.7 %
    /// of a build: pages ask for labels thousands of times).
    let fields: TemplateFields
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

