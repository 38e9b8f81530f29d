import Foundation
import ImpactDomain
import Synchronization

/// The theme's Mustache templates, each compiled once, with every problem reported at its file and line.
///
/// The templates are compiled by the project's own engine (`Template`): parse errors carry the file, line and
/// column, and every partial or parent reference (`{{> name}}`, `{{< name}}`) is checked against the files
/// that exist, so a misspelt partial is an error rather than a silently missing piece of the page.
public struct TemplateSet: Sendable {
    public let library: TemplateLibrary
    public let names: Set<String>
    /// Non-template files of the theme (e.g. `assets/style.css`), by path relative to the theme folder.
    public let assets: [String: [UInt8]]
    /// Translations by language (`i18n/en.yaml` → "en").
    public let translations: [String: [String: String]]
    /// False when the templates folder does not exist (reported once, rather than once per missing template).
    public let folderFound: Bool
    /// The theme folder, for the locations of strict mode's reports.
    let directory: String
    /// Strict mode (`checkingNames()`): every name a template asked for that its model lacked, and every label
    /// asked for that no language file has, gathered from every page rendered on any core.
    let nameLog: TemplateNameLog?

    static let empty = TemplateSet(library: TemplateLibrary(), names: [], assets: [:], translations: [:],
                                   folderFound: false, directory: "", nameLog: nil)

    /// The same theme in strict mode: renders the same bytes, and records what `nameProblems()` reports.
    public func checkingNames() -> TemplateSet {
        TemplateSet(library: library, names: names, assets: assets, translations: translations, folderFound: folderFound,
                    directory: directory, nameLog: TemplateNameLog())
    }

    public static func load(directory: String) -> (TemplateSet, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var library = TemplateLibrary()
        var names = Set<String>()
        var sources: [(name: String, path: String, text: String)] = []
        var assets: [String: [UInt8]] = [:]
        var translations: [String: [String: String]] = [:]
        var translationEntries: [String: (path: String, entries: [String: (text: String, line: Int)])] = [:]
        let root = directory.hasSuffix("/") ? String(directory.dropLast()) : directory

        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.append(.error(SourceLocation(path: root), "templates folder `\(root)` does not exist",
                                      hint: "pass --templates with the folder that holds layout.mustache"))
            return (.empty, diagnostics)
        }
        let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).sorted()
        for relative in files {
            let path = root + "/" + relative
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { continue }
            guard let data = FileManager.default.contents(atPath: path) else {
                diagnostics.append(.error(SourceLocation(path: path), "cannot read template file"))
                continue
            }
            if relative.hasSuffix(".mustache") {
                guard let text = String(data: data, encoding: .utf8) else {
                    diagnostics.append(.error(SourceLocation(path: path), "template is not valid UTF-8"))
                    continue
                }
                sources.append((String(relative.dropLast(".mustache".count)), path, text))
            } else if relative.hasPrefix("i18n/"), relative.hasSuffix(".yaml") {
                let language = String(relative.dropFirst("i18n/".count).dropLast(".yaml".count))
                let (entries, problems) = Translations.entries(String(decoding: data, as: UTF8.self), path: path)
                translations[language] = entries.mapValues(\.text)
                translationEntries[language] = (path, entries)
                diagnostics += problems
            } else if !relative.hasPrefix(".") && !relative.contains("/.") && !relative.hasSuffix(".md") {
                assets[relative] = [UInt8](data)
            }
        }
        if let english = translationEntries["en"], let englishTexts = translations["en"] {
            for (language, file) in translationEntries.sorted(by: { $0.key < $1.key }) where language != "en" {
                diagnostics += Translations.placeholderProblems(file.entries, english: englishTexts,
                                                                path: file.path, englishPath: english.path)
            }
        }
        var references: [(path: String, reference: TemplateReference)] = []
        for source in sources {
            do {
                let template = try Template(source: source.text, compactWhitespace: true)
                library.register(template, named: source.name)
                names.insert(source.name)
                references += template.references.map { (source.path, $0) }
            } catch {
                diagnostics.append(.error(
                    SourceLocation(path: source.path, line: error.line, column: error.column),
                    "template does not parse: \(error.message)", hint: error.hint))
            }
        }
        let known = Set(sources.map(\.name))
        for (path, reference) in references where !known.contains(reference.name) {
            diagnostics.append(.error(
                SourceLocation(path: path, line: reference.line, column: reference.column),
                "template names a missing \(reference.kind == .partial ? "partial" : "parent") `\(reference.name)`",
                hint: closestMatch(to: reference.name, in: known).map { "did you mean `\($0)`?" }
                    ?? "add \(reference.name).mustache to the templates folder"))
        }
        return (TemplateSet(library: library, names: names, assets: assets, translations: translations, folderFound: true,
                            directory: root, nameLog: nil), diagnostics)
    }

    /// Renders a template with a model built from Swift literals; nil when the template is missing
    /// (reported by `require`).
    public func render(_ model: TemplateFields, template: String) -> String? {
        render(.object(model), template: template).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Renders a template into bytes; nil when the template is missing.
    public func render(_ model: TemplateValue, template: String) -> [UInt8]? {
        guard let nameLog else { return library.render(model, template: template) }
        var misses: [TemplateMiss]? = []
        let bytes = library.render(model, template: template, misses: &misses)
        nameLog.add(misses ?? [])
        return bytes
    }

    /// Strict mode's findings as errors: each name a template asked for that its page model lacks, at the
    /// template's file, line and column, and each label no language file has (the page shows the key itself).
    public func nameProblems() -> [Diagnostic] {
        guard let nameLog else { return [] }
        let (misses, labels) = nameLog.contents()
        var problems: [Diagnostic] = []
        for miss in misses {
            let location = SourceLocation(path: directory + "/" + miss.template + ".mustache", line: miss.line, column: miss.column)
            if miss.name.hasPrefix("t.") || miss.name.hasPrefix("empty(t.") {
                problems.append(.error(location, "label `\(miss.missing)` is in no language file: the page shows nothing in its place",
                                       hint: closestMatch(to: miss.missing, in: miss.candidates).map { "did you mean `t.\($0)`?" }
                                           ?? "add `\(miss.missing): …` to \(directory)/i18n/en.yaml"))
            } else {
                problems.append(.error(location, "`\(miss.name)`: the page model has no `\(miss.missing)` here, so it renders as nothing",
                                       hint: closestMatch(to: miss.missing, in: miss.candidates).map { "did you mean `\($0)`?" }
                                           ?? "check the spelling, or give the page model a `\(miss.missing)` field"))
            }
        }
        for key in labels {
            problems.append(.error(SourceLocation(path: directory + "/i18n/en.yaml"),
                                   "label `\(key)` is used by the pages but is in no language file: pages show the key itself",
                                   hint: "add `\(key): …` to \(directory)/i18n/en.yaml"))
        }
        return problems
    }

    /// Errors for templates the site needs but the theme lacks.
    public func require(_ required: [String], directory: String) -> [Diagnostic] {
        required.filter { !names.contains($0) }.map {
            .error(SourceLocation(path: directory + "/" + $0 + ".mustache"), "template `\($0)` is missing",
                   hint: "copy it from the default theme's templates/ folder")
        }
    }
}

/// What strict mode found, from every core.
final class TemplateNameLog: Sendable {
    private let state = Mutex<(misses: Set<TemplateMiss>, labels: Set<String>)>(([], []))

    func add(_ misses: [TemplateMiss]) {
        guard !misses.isEmpty else { return }
        state.withLock { $0.misses.formUnion(misses) }
    }

    func addLabel(_ key: String) { state.withLock { _ = $0.labels.insert(key) } }

    /// One report per template position (a field missing from every indicator page is one problem), sorted.
    func contents() -> (misses: [TemplateMiss], labels: [String]) {
        state.withLock { state in
            var seen = Set<String>()
            let misses = state.misses.sorted { ($0.template, $0.line, $0.column, $0.name) < ($1.template, $1.line, $1.column, $1.name) }
                .filter { seen.insert("\($0.template):\($0.line):\($0.column):\($0.name)").inserted }
            return (misses, state.labels.sorted())
        }
    }
}
