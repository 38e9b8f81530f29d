import Foundation
import ImpactDomain
import Mustache

/// The theme's Mustache templates, each compiled once, with every problem reported at its file and line.
///
/// swift-mustache silently renders a missing partial as nothing and prints parser errors as raw structs,
/// so the templates are loaded one by one here: parse errors carry the file, line and column, and every
/// partial or parent reference (`{{> name}}`, `{{< name}}`) is checked against the files that exist.
public struct TemplateSet: Sendable {
    public let library: MustacheLibrary
    public let names: Set<String>
    /// Non-template files of the theme (e.g. `assets/style.css`), by path relative to the theme folder.
    public let assets: [String: [UInt8]]
    /// Translations by language (`i18n/en.yaml` → "en").
    public let translations: [String: [String: String]]

    public static func load(directory: String) -> (TemplateSet, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        var names = Set<String>()
        var sources: [(name: String, path: String, text: String)] = []
        var assets: [String: [UInt8]] = [:]
        var translations: [String: [String: String]] = [:]
        let root = directory.hasSuffix("/") ? String(directory.dropLast()) : directory

        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.append(.error(SourceLocation(path: root), "templates folder `\(root)` does not exist",
                                      hint: "pass --templates with the folder that holds layout.mustache"))
            return (TemplateSet(library: library, names: names, assets: assets, translations: translations), diagnostics)
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
        for source in sources {
            do {
                let template = try MustacheTemplate(string: source.text)
                library.register(template, named: source.name)
                names.insert(source.name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(.error(
                    SourceLocation(path: source.path, line: error.context.lineNumber, column: max(1, error.context.columnNumber)),
                    "template does not parse: \(describe(error.error))",
                    hint: "near `\(error.context.line.trimmingCharacters(in: .whitespaces))`"))
            } catch {
                diagnostics.append(.error(SourceLocation(path: source.path), "template does not parse: \(error)"))
            }
        }
        for source in sources {
            diagnostics += checkReferences(in: source.text, path: source.path, known: Set(sources.map(\.name)))
        }
        return (TemplateSet(library: library, names: names, assets: assets, translations: translations), diagnostics)
    }

    /// Renders a page template; nil when the template is missing (reported by `require`).
    public func render(_ model: [String: Any], template: String) -> String? {
        library.render(model, withTemplate: template)
    }

    /// Errors for templates the site needs but the theme lacks.
    public func require(_ required: [String], directory: String) -> [Diagnostic] {
        required.filter { !names.contains($0) }.map {
            .error(SourceLocation(path: directory + "/" + $0 + ".mustache"), "template `\($0)` is missing",
                   hint: "copy it from the default theme's templates/ folder")
        }
    }

    /// Finds `{{> name}}` and `{{< name}}` tags that name a template that does not exist.
    static func checkReferences(in text: String, path: String, known: Set<String>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var line = 1
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = rawLine[...]
            while let open = rest.range(of: "{{") {
                let afterOpen = rest[open.upperBound...]
                guard let marker = afterOpen.first, marker == ">" || marker == "<" else {
                    rest = afterOpen
                    continue
                }
                guard let close = afterOpen.range(of: "}}") else { break }
                let name = afterOpen[afterOpen.index(after: afterOpen.startIndex)..<close.lowerBound]
                    .trimmingCharacters(in: .whitespaces)
                if !name.isEmpty, !name.hasPrefix("*"), !known.contains(name) {
                    let column = rawLine.distance(from: rawLine.startIndex, to: open.lowerBound) + 1
                    diagnostics.append(.error(
                        SourceLocation(path: path, line: line, column: column),
                        "template names a missing \(marker == ">" ? "partial" : "parent") `\(name)`",
                        hint: closestMatch(to: name, in: known).map { "did you mean `\($0)`?" }
                            ?? "add \(name).mustache to the templates folder"))
                }
                rest = afterOpen[close.upperBound...]
            }
            line += 1
        }
        return diagnostics
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: "a closing tag `{{/…}}` does not match the section it closes"
        case .unfinishedName?: "a tag is not closed with `}}`"
        case .expectedSectionEnd?: "a section `{{#…}}` is never closed with `{{/…}}`"
        case .invalidSetDelimiter?: "the set-delimiter tag is badly formed"
        case .transformAppliedToInheritanceSection?: "a transform cannot apply to an inheritance section"
        case .illegalTokenInsideInheritSection?: "only `{{$block}}` sections may appear inside `{{<parent}}`"
        case .textInsideInheritSection?: "text outside a `{{$block}}` inside `{{<parent}}`"
        case .invalidConfigVariableSyntax?: "a `{{% … }}` pragma is badly formed"
        case .unrecognisedConfigVariable?: "unknown `{{% … }}` pragma"
        case nil: "\(error)"
        }
    }
}
