import Foundation
import ImpactDomain

/// Stage 1 of the build, `load`: reads `content/` into a `SiteContent`.
///
///     site.yaml → SiteConfig
///     initiatives/<slug>/ (in parallel, one per core) → InitiativeContent, sorted by slug
///
/// It never throws and never stops at the first problem: every problem becomes a located diagnostic and the
/// rest is still read, so `collective check` can list them all. Nothing in `content/` is ever written.
public struct ContentLoader {
    /// Everything, at once (tests and tools; the build reads initiatives one by one with `loadInitiative`).
    public static func load(contentDirectory: String) -> SiteContent {
        let site = loadSite(contentDirectory: contentDirectory)
        var diagnostics = site.diagnostics
        var initiatives: [InitiativeContent] = []
        let loaded = parallelMap(site.initiatives) { loadInitiative($0, config: site.config) }
        for (initiative, found) in loaded {
            diagnostics += found
            if let initiative { initiatives.append(initiative) }
        }
        return SiteContent(config: site.config, initiatives: initiatives, diagnostics: diagnostics)
    }

    /// One initiative folder → its content, with every problem found in it.
    public static func loadInitiative(_ folder: InitiativeFolder, config: SiteConfig) -> (InitiativeContent?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard let content = ContentDirectory(folder.contentRoot) else {
            return (nil, [.error(SourceLocation(path: folder.path), "initiative folder not found")])
        }
        let initiative = InitiativeLoader.load(slug: folder.slug, folder: folder.path, content: content,
                                               config: config, &diagnostics)
        return (initiative, diagnostics)
    }

    /// site.yaml and the list of initiative folders (with each initiative's name from its front matter).
    public static func loadSite(contentDirectory: String) -> SiteIndex {
        var diagnostics: [Diagnostic] = []
        guard let content = ContentDirectory(contentDirectory) else {
            diagnostics.append(.error(SourceLocation(path: contentDirectory), "content folder not found",
                                      hint: "run from the folder that holds `content/`, or pass --content DIR"))
            return SiteIndex(config: SiteConfig(), initiatives: [], diagnostics: diagnostics)
        }
        let entries = content.list(content.root, &diagnostics)
        let byName = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let known = ["site.yaml", "initiatives", "funders.csv", "rates.csv"]
        for entry in entries where !known.contains(entry.name) {
            var hint = "the content folder holds site.yaml, initiatives/ and, optionally, funders.csv and rates.csv"
            if let close = closestMatch(to: entry.name, in: known) { hint = "did you mean `\(close)`?" }
            diagnostics.append(.warning(SourceLocation(path: entry.path), "unknown entry `\(entry.name)`; it will be ignored",
                                        hint: hint))
        }

        let configPath = content.path("site.yaml")
        var config = SiteConfig(location: SourceLocation(path: configPath))
        if let entry = byName["site.yaml"], entry.kind == .file {
            if let bytes = content.read(entry.path, &diagnostics) {
                config = SiteConfigLoader.load(bytes, path: entry.path, &diagnostics)
            }
        } else {
            diagnostics.append(.error(SourceLocation(path: configPath), "missing site.yaml",
                                      hint: "create it with at least `title:` and `base_url:`"))
        }

        loadSiteFinance(content: content, byName: byName, into: &config.finance, &diagnostics)

        guard let folder = byName["initiatives"], folder.kind == .directory else {
            diagnostics.append(.error(SourceLocation(path: content.path("initiatives")), "missing initiatives/ folder",
                                      hint: "each initiative lives in initiatives/<slug>/"))
            return SiteIndex(config: config, initiatives: [], diagnostics: diagnostics)
        }
        var folders: [ContentDirectory.Entry] = []
        for entry in content.list(folder.path, &diagnostics) {
            guard entry.kind == .directory else {
                diagnostics.append(.warning(SourceLocation(path: entry.path), "not an initiative folder; it will be ignored",
                                            hint: "each initiative lives in its own folder, initiatives/<slug>/"))
                continue
            }
            guard ValueParsing.isValidID(entry.name) else {
                let problem = ValueParsing.idProblem(entry.name, what: "initiative slug")
                diagnostics.append(.error(SourceLocation(path: entry.path), problem.message, hint: problem.hint))
                continue
            }
            folders.append(entry)
        }

        // Every build reads each initiative's name (the navigation needs it): on every core.
        let initiatives = parallelMap(folders) { entry in
            InitiativeFolder(slug: entry.name, path: entry.path, contentRoot: content.root,
                             name: initiativeName(entry.path + "/initiative.md") ?? entry.name)
        }
        return SiteIndex(config: config, initiatives: initiatives, diagnostics: diagnostics)
    }

    /// content/funders.csv and content/rates.csv (both optional), read once for the whole site and checked on
    /// their own; each initiative gets a copy for its own checks and figures.
    static func loadSiteFinance(content: ContentDirectory, byName: [String: ContentDirectory.Entry],
                                into finance: inout SiteFinance, _ diagnostics: inout [Diagnostic]) {
        for name in ["funders.csv", "rates.csv"] {
            guard let entry = byName[name], entry.kind == .file, let bytes = content.read(entry.path, &diagnostics) else { continue }
            let errorsBefore = diagnostics.errorCount
            if name == "funders.csv" {
                finance.funders = FinanceTables.funders(bytes, path: entry.path, &diagnostics)
                finance.fundersIncomplete = diagnostics.errorCount != errorsBefore
            } else {
                finance.rates = FinanceTables.rates(bytes, path: entry.path, &diagnostics)
                finance.ratesIncomplete = diagnostics.errorCount != errorsBefore
            }
        }
        diagnostics += DiagnosticColumns.refine(validateSiteFinance(finance))
    }

    /// The `name:` of an initiative's front matter, read cheaply for navigation (full checks happen later).
    static func initiativeName(_ path: String) -> String? {
        var ignored: [Diagnostic] = []
        guard let content = ContentDirectory(PathName.parent(path)),
              let bytes = content.read(path, &ignored) else { return nil }
        if let simple = simpleName(bytes) { return simple }
        let front = FrontMatter(bytes: bytes, path: path)
        return front.fields.scalars["name"]
    }

    /// The `period:` of an initiative's front matter (`quarter` when it names none), for `collective new report`;
    /// nil when the file cannot be read or the kind is not one Collective knows (`check` then says why).
    public static func initiativePeriodKind(_ path: String) -> PeriodKind? {
        var ignored: [Diagnostic] = []
        guard let content = ContentDirectory(PathName.parent(path)), let bytes = content.read(path, &ignored) else { return nil }
        let front = FrontMatter(bytes: bytes, path: path)
        guard front.diagnostics.isEmpty else { return nil }
        guard let written = front.fields.scalars["period"], !written.isEmpty else { return .quarter }
        return ValueParsing.choice(written, PeriodKind.self)
    }

    /// The front matter's `name:` when it is written the simple way (`name: Oporajita`, `name: "Aalo Alliance"`),
    /// read without a YAML parser: every build reads every initiative's name. Anything else (escapes, comments,
    /// block scalars, a second `name:`) returns nil, and the caller parses the YAML properly.
    static func simpleName(_ bytes: [UInt8]) -> String? {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).makeIterator()
        func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            var line = line
            while let last = line.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { line.removeLast() }
            return line
        }
        guard let first = lines.next(), trimmed(first).elementsEqual("---".utf8) else { return nil }
        var found: String?
        let key = Array("name:".utf8)
        while let raw = lines.next() {
            let line = trimmed(raw)
            if line.elementsEqual("---".utf8) { return found }
            guard line.starts(with: key) else { continue }
            if found != nil { return nil }
            var value = line.dropFirst(key.count)
            while let head = value.first, head == UInt8(ascii: " ") || head == UInt8(ascii: "\t") { value.removeFirst() }
            guard let head = value.first else { return nil }
            let quote = head == UInt8(ascii: "\"") || head == UInt8(ascii: "'") ? head : nil
            if let quote {
                let inner = value.dropFirst().dropLast()
                guard value.count >= 2, value.last == quote, !inner.contains(quote), !inner.contains(UInt8(ascii: "\\")) else { return nil }
                found = String(decoding: inner, as: UTF8.self)
            } else {
                let text = String(decoding: value, as: UTF8.self)
                let indicators: Set<Character> = ["[", "{", "&", "*", "!", "|", ">", "%", "@", "`", "-", "?", ":", "#", ",", "]", "}"]
                guard let lead = text.first, !indicators.contains(lead), !text.contains(" #"), !text.contains(": "),
                      !text.hasSuffix(":"), text != "~", text.lowercased() != "null" else { return nil }
                found = text
            }
        }
        return nil
    }

}

/// One initiative folder under `content/initiatives/`.
public struct InitiativeFolder: Hashable, Sendable {
    public var slug: String
    public var path: String
    public var contentRoot: String
    public var name: String

    public init(slug: String, path: String, contentRoot: String, name: String) {
        self.slug = slug; self.path = path; self.contentRoot = contentRoot; self.name = name
    }
}

/// site.yaml and the initiative folders, before any initiative is read.
public struct SiteIndex: Sendable {
    public var config: SiteConfig
    public var initiatives: [InitiativeFolder]
    public var diagnostics: [Diagnostic]
}
