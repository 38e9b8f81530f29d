import ArgumentParser
import CAllocator
import CollectiveSite
import Foundation
import ImpactDomain

@main
struct Collective: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collective",
        abstract: "Build Collective Impact report sites from Markdown narratives and CSV indicator data.",
        discussion: """
        Reads content/ (site.yaml, one folder per initiative with CSV data and Markdown reports), computes \
        collective and individual results, and writes an HTML report site with open data.

        Exit status: 0 success, 1 the input has errors, 2 usage error.
        """,
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, ConvertCommand.self],
        defaultSubcommand: nil
    )

    /// Runs the command; usage errors exit 2 (the contract), not ArgumentParser's 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                Terminal.error(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Options shared by every command that reads a site.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder with site.yaml and initiatives/.", valueName: "dir"))
    var content = "content"

    @Option(name: .long, help: ArgumentHelp("Folder with the Mustache templates, i18n/ and assets/.", valueName: "dir"))
    var templates = "templates"

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Option(name: .long, help: ArgumentHelp("How to print problems: text, github (workflow annotations) or json.", valueName: "format"))
    var format: DiagnosticFormat = .text
}

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Validate the content and write the site.",
        discussion: "Writes into a staging folder beside --output and swaps it in only when the whole build succeeded; a failed build leaves the previous site untouched."
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Folder to write the site into (replaced whole).", valueName: "dir"))
    var output = "_site"

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Absolute URL the site is published at, e.g. https://example.org/reports/ (overrides site.yaml).", valueName: "url"))
    var baseURL: String?

    @Flag(name: .long, help: "Print how long each stage of the build took (to standard error).")
    var timings = false

    @Option(name: .long, help: ArgumentHelp("The previously published site (e.g. a checkout of the publishing branch): every figure changed since is listed on the pages and in data/<slug>/revisions.json.", valueName: "dir"))
    var previous: String?

    func validate() throws {
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://") || baseURL.hasPrefix("/")) {
            throw ValidationError("--base-url must start with https://, http:// or /, got `\(baseURL)`")
        }
    }

    func run() throws {
        collective_allocator_keep_committed()
        let options = BuildOptions(contentDirectory: site.content, templatesDirectory: site.templates,
                                   outputDirectory: output, baseURL: baseURL, strict: site.strict, previousSite: previous)
        let progress = BuildProgress()
        let report = SiteBuilder.build(options) { progress.stage($0) }
        progress.finish()
        if timings {
            for stage in report.stages { Terminal.error(String(format: "%9.1f ms  ", stage.seconds * 1000) + stage.name) }
        }
        DiagnosticPrinter(format: site.format).print(report.diagnostics)
        if report.failed(strict: site.strict) {
            let kept = FileManager.default.fileExists(atPath: output + "/" + SiteWriter.marker)
                ? "the previous site in \(output) was left as it was" : "nothing was written"
            Terminal.error("build failed: \(summary(report.diagnostics)); \(kept)")
            throw ExitCode(1)
        }
        Terminal.out("built \(report.pagesWritten) pages (\(report.filesWritten) files) into \(output) in \(milliseconds(report.seconds))"
                     + (report.diagnostics.isEmpty ? "" : "; \(summary(report.diagnostics))"))
        for line in translationSummary(report.untranslatedCounts) { Terminal.out(line) }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the content and templates without writing anything.",
        discussion: "Reports every problem, not only the first, as path:line:column: error|warning: message."
    )

    @OptionGroup var site: SiteOptions

    @Flag(name: .customLong("template-fields"), help: ArgumentHelp(
        "Also render every page, without writing it, and report every name a template asks for that its page does not have, and every label no language file has, at the template's file:line:column."))
    var templateFields = false

    @Option(name: .long, help: ArgumentHelp("List every text not yet translated into this language, as file:line (e.g. bn).", valueName: "lang"))
    var translations: String?

    func run() throws {
        collective_allocator_keep_committed()
        let options = BuildOptions(contentDirectory: site.content, templatesDirectory: site.templates, strict: site.strict,
                                   checkTemplateFields: templateFields)
        let report = SiteBuilder.check(options)
        DiagnosticPrinter(format: site.format).print(report.diagnostics)
        if let translations {
            let left = report.untranslated[translations] ?? []
            for text in left { Terminal.out(untranslatedLine(text)) }
            let interface = InterfaceTexts(language: translations, templates: site.templates)
            for line in interface.lines { Terminal.out(line) }
            var counts = report.untranslated[translations] == nil
                ? ["no initiative is published in `\(translations)` (initiative.md: `languages: [en, \(translations)]`)"]
                : ["\(translations): \(left.count) text\(left.count == 1 ? "" : "s") not translated yet"]
            if let summary = interface.summary { counts.append(summary) }
            Terminal.error(counts.joined(separator: "; "))
        } else if site.format == .text {
            for line in translationSummary(report.untranslatedCounts) { Terminal.error(line) }
        }
        if site.format == .text {
            Terminal.error(report.diagnostics.isEmpty ? "no problems found in \(site.content)" : summary(report.diagnostics))
        }
        if report.failed(strict: site.strict) { throw ExitCode(1) }
    }
}

/// "bn: 12 texts not translated yet (`collective check --translations bn` lists them)", one line per language.
func translationSummary(_ counts: [String: Int]) -> [String] {
    counts.sorted { $0.key < $1.key }.map { language, count in
        count == 0 ? "\(language): every text is translated"
            : "\(language): \(count) text\(count == 1 ? "" : "s") not translated yet (`collective check --translations \(language)` lists them)"
    }
}

/// `content/initiatives/x/indicators.csv:3: indicators.csv name of `women-reached`: "Women reached…"`.
func untranslatedLine(_ text: SourceText) -> String {
    let what: String
    switch text.key {
    case .frontMatter(let field): what = "front matter `\(field)`"
    case .agenda: what = "the agenda (body of initiative.md)"
    case .cell(let table, let id, let column):
        what = id.isEmpty ? "\(table).csv `\(column)` (give the row an `id` to translate it)" : "\(table).csv `\(column)` of `\(id)`"
    case .report(let period): what = "report \(period) has no translation"
    }
    return "\(text.location.path):\(text.location.line): \(what): \"\(excerpt(text.text))\""
}

/// The interface texts (`templates/i18n/<language>.yaml`) a language leaves out, as `check --translations` lists
/// them: each at its line in en.yaml, where the text to translate is; or, when the language has no file at all,
/// one line saying so rather than every key.
struct InterfaceTexts {
    var lines: [String] = []
    var summary: String?

    init(language: String, templates: String) {
        let englishPath = templates + "/i18n/en.yaml", path = templates + "/i18n/\(language).yaml"
        guard language != "en", let english = try? String(contentsOfFile: englishPath, encoding: .utf8) else { return }
        guard let translation = try? String(contentsOfFile: path, encoding: .utf8) else {
            summary = "\(path) does not exist, so every interface text shows in English (copy en.yaml to \(language).yaml and translate its texts)"
            return
        }
        let missing = Translations.missingLabels(english: english, englishPath: englishPath, translation: translation)
        lines = missing.map { label in
            "\(label.location.path):\(label.location.line): interface text `\(label.key)`, not in \(language).yaml: \"\(excerpt(label.english))\""
        }
        if !missing.isEmpty {
            summary = "\(missing.count) interface text\(missing.count == 1 ? "" : "s") missing from \(path)"
        }
    }
}

/// A text quoted in a listing line: at most 60 characters, cut with "…".
func excerpt(_ text: String) -> String { text.count > 60 ? String(text.prefix(57)) + "…" : text }

func summary(_ diagnostics: [Diagnostic]) -> String {
    let errors = diagnostics.errorCount, warnings = diagnostics.warningCount
    return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
}

func milliseconds(_ seconds: Double) -> String {
    seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.2f s", seconds)
}
