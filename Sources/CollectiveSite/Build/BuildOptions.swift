import ImpactDomain

/// What `collective build`, `check` and `serve` ask of the pipeline.
public struct BuildOptions: Sendable {
    public var contentDirectory: String = "content"
    public var templatesDirectory: String = "templates"
    public var outputDirectory: String = "_site"
    /// Overrides `base_url` in site.yaml.
    public var baseURL: String?
    /// Warnings count as errors.
    public var strict: Bool = false
    /// Serve mode: inject the live-reload script into every page (never in `build`).
    public var liveReloadScript: String?
    /// The previously published site (`--previous DIR`): the build lists every input figure changed since.
    public var previousSite: String?
    /// Strict template mode: every page is rendered (by `check` too, without writing it), and every name a
    /// template asks for that its page model lacks, and every label no language file has, is an error.
    public var checkTemplateFields: Bool = false

    public init(contentDirectory: String = "content", templatesDirectory: String = "templates",
                outputDirectory: String = "_site", baseURL: String? = nil, strict: Bool = false,
                liveReloadScript: String? = nil, previousSite: String? = nil, checkTemplateFields: Bool = false) {
        self.previousSite = previousSite
        self.contentDirectory = contentDirectory; self.templatesDirectory = templatesDirectory
        self.outputDirectory = outputDirectory; self.baseURL = baseURL; self.strict = strict
        self.liveReloadScript = liveReloadScript; self.checkTemplateFields = checkTemplateFields
    }
}

/// The outcome of a build or check.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var pagesWritten: Int
    public var filesWritten: Int
    public var seconds: Double
    /// What was rebuilt, for serve's log ("3 pages of oporajita").
    public var rebuilt: [String]
    /// Wall time of each stage in seconds, in the order they ran (`collective build --timings`).
    public var stages: [(name: String, seconds: Double)] = []
    /// Texts without a translation, per language, in the initiatives this run read (`check` reads all of them).
    public var untranslated: [String: [SourceText]] = [:]
    /// How many texts are untranslated per language across the whole site (cached initiatives included).
    public var untranslatedCounts: [String: Int] = [:]

    public init(diagnostics: [Diagnostic], pagesWritten: Int = 0, filesWritten: Int = 0, seconds: Double = 0, rebuilt: [String] = []) {
        self.diagnostics = diagnostics; self.pagesWritten = pagesWritten; self.filesWritten = filesWritten
        self.seconds = seconds; self.rebuilt = rebuilt
    }

    public func failed(strict: Bool) -> Bool {
        diagnostics.hasErrors || (strict && !diagnostics.isEmpty)
    }
}
