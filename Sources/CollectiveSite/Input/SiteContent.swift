import ImpactDomain

/// `content/site.yaml`.
public struct SiteConfig: Hashable, Sendable {
    public var title: String
    /// Absolute URL the site is published at, always ending in `/` (e.g. `https://example.org/reports/`).
    public var baseURL: String
    /// BCP 47 language of the interface, e.g. `en`; a translation file `templates/i18n/<language>.yaml` must exist.
    public var language: String
    /// Number-formatting locale, e.g. `en-IN` (1,00,000) or `en-US` (100,000). Initiatives may override it.
    public var locale: String
    /// While true, every page shows an "Illustrative data" notice.
    public var illustrative: Bool
    public var allowRawHTML: Bool
    /// Column names in results.csv that look like personal data but are allowed explicitly.
    public var allowedPersonalColumns: [String]
    public var computation: ComputationSettings
    /// `currency:` of site.yaml, with content/funders.csv and content/rates.csv (all optional).
    public var finance = SiteFinance()
    /// Languages whose pages print numbers in their own digits (`native_digits` in site.yaml).
    public var nativeDigits: [String] = SiteConfig.defaultNativeDigits
    public var location: SourceLocation
    /// Where site.yaml sets `language:` (nil: it does not), for the error when the theme lacks that language.
    public var languageLocation: SourceLocation?
    /// The licence the figures and texts are published under (`license:`, an SPDX id such as `CC-BY-4.0` or any
    /// name), shown in every page's footer and in every data file; nil when site.yaml names none.
    public var license: String?
    /// Where the licence's text is: `license_url:`, else the known address of an SPDX id.
    public var licenseURL: String?

    /// CLDR's defaults: Bengali digits for `bn`; Latin digits for `kn` (Kannada digits are rare in print).
    public static let defaultNativeDigits = ["bn"]

    public init(title: String = "Collective Impact reports", baseURL: String = "/", language: String = "en",
                locale: String = "en", illustrative: Bool = false, allowRawHTML: Bool = false,
                allowedPersonalColumns: [String] = [], computation: ComputationSettings = ComputationSettings(),
                location: SourceLocation = SourceLocation(path: "content/site.yaml")) {
        self.title = title; self.baseURL = baseURL; self.language = language; self.locale = locale
        self.illustrative = illustrative; self.allowRawHTML = allowRawHTML
        self.allowedPersonalColumns = allowedPersonalColumns; self.computation = computation; self.location = location
    }
}

/// A Markdown document after cmark: its front matter fields (as strings) and the rendered, sanitised HTML.
public struct Narrative: Hashable, Sendable {
    public var path: String
    public var frontMatter: [String: String]
    public var html: String
    /// Plain-text first paragraph, for summaries and Open Graph descriptions.
    public var plainSummary: String
    /// True when `html` holds addresses starting with `siteRoot` (images of the initiative, links to its pages).
    var hasSiteAddresses = false
    /// Links to other pages of the site, written as content files; checked when the initiative is loaded.
    var links: [SiteLink] = []
    /// The line of the file the body starts on (after the front matter).
    public var bodyLine = 1

    public init(path: String, frontMatter: [String: String], html: String, plainSummary: String) {
        self.path = path; self.frontMatter = frontMatter; self.html = html; self.plainSummary = plainSummary
    }

    /// Image and page addresses in `html` start with this (`NarrativeImages`, `SiteLink`); `html(onPage:)` makes
    /// them relative to the page that shows the narrative, wherever it sits in the site.
    static let siteRoot = "collective-site-root:/"

    /// `html` as shown on the page at `path` (relative to the site root).
    func html(onPage path: String) -> String {
        guard hasSiteAddresses else { return html }
        return html.replacingOccurrences(of: Self.siteRoot, with: SitePaths.root(from: path))
    }
}

/// `reports/<period>.md` (or `reports/<period>.<lang>.md` for a translation).
public struct ReportNarrative: Hashable, Sendable {
    public var period: Period
    public var title: String
    public var summary: String
    /// Language of this narrative (`en` unless the file name says `<period>.<lang>.md`).
    public var language: String
    public var narrative: Narrative

    public init(period: Period, title: String, summary: String, language: String, narrative: Narrative) {
        self.period = period; self.title = title; self.summary = summary; self.language = language; self.narrative = narrative
    }
}

/// One initiative folder: the domain model plus its narratives.
public struct InitiativeContent: Hashable, Sendable {
    public var initiative: Initiative
    /// `initiative.md` body: the shared agenda.
    public var agenda: Narrative
    /// Locale override from front matter (`locale: en-IN`), else the site's.
    public var locale: String?
    /// Languages this initiative is published in (front matter `languages: [en, bn]`), default the site's language.
    public var languages: [String]
    /// Sorted by period, then language.
    public var reports: [ReportNarrative]
    /// `partners/<id>.md`, by partner id.
    public var partnerNarratives: [String: Narrative]
    /// `images/`: file name → bytes, published as `<slug>/images/<name>`.
    public var images: [String: [UInt8]] = [:]
    /// Translations of the initiative's texts by language (`initiative.bn.md`, `indicators.bn.csv`, …).
    public var translations: [String: ContentTranslation] = [:]
    /// Where each front-matter text of initiative.md is written (for the list of untranslated texts).
    public var frontMatterLocations: [String: SourceLocation] = [:]
    /// The language the agenda's HTML is in: the site's, or the page's when it shows a translated agenda.
    public var agendaLanguage: String?
    var agendaLine: Int { agenda.bodyLine }

    public init(initiative: Initiative, agenda: Narrative, locale: String? = nil, languages: [String] = [],
                reports: [ReportNarrative] = [], partnerNarratives: [String: Narrative] = [:]) {
        self.initiative = initiative; self.agenda = agenda; self.locale = locale; self.languages = languages
        self.reports = reports; self.partnerNarratives = partnerNarratives
    }
}

/// Everything read from `content/`, with every problem found while reading.
public struct SiteContent: Hashable, Sendable {
    public var config: SiteConfig
    /// Sorted by slug.
    public var initiatives: [InitiativeContent]
    public var diagnostics: [Diagnostic]

    public init(config: SiteConfig, initiatives: [InitiativeContent], diagnostics: [Diagnostic]) {
        self.config = config; self.initiatives = initiatives; self.diagnostics = diagnostics
    }
}
