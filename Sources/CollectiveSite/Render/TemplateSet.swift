import Foundation
import ImpactDomain

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

    static let empty = TemplateSet(library: TemplateLibrary(), names: [], assets: [:], translations: [:], folderFound: false)

    public static func load(directory: String) -> (TemplateSet, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var library = TemplateLibrary()
        var names = Set<String>()
        var sources: [(name: String, path: String, text: String)] = []
        var assets: [String: [UInt8]] = [:]
        var translations: [String: [String: String]] = [:]
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
                let (table, problems) = Translations.parse(String(decoding: data, as: UTF8.self), path: path)
                translations[language] = table
                diagnostics += problems
            } else if !relative.hasPrefix(".") && !relative.contains("/.") && !relative.hasSuffix(".md") {
                assets[relative] = [UInt8](data)
            }
        }
        var references: [(path: String, reference: TemplateReference)] = []
        for source in sources {
            do {
                let template = try Template(source: source.text)
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
        return (TemplateSet(library: library, names: names, assets: assets, translations: translations, folderFound: true),
                diagnostics)
    }

    /// Renders a template with a model built from Swift literals; nil when the template is missing
    /// (reported by `require`).
    public func render(_ model: TemplateFields, template: String) -> String? {
        render(.object(model), template: template).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Renders a template into bytes; nil when the template is missing.
    public func render(_ model: TemplateValue, template: String) -> [UInt8]? {
        library.render(model, template: template)
    }

    /// Errors for templates the site needs but the theme lacks.
    public func require(_ required: [String], directory: String) -> [Diagnostic] {
        required.filter { !names.contains($0) }.map {
            .error(SourceLocation(path: directory + "/" + $0 + ".mustache"), "template `\($0)` is missing",
                   hint: "copy it from the default theme's templates/ folder")
        }
    }
}
