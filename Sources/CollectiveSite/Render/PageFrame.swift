import ImpactDomain

/// One file of the finished site.
public struct RenderedFile: Sendable {
    public var path: String
    public var bytes: [UInt8]
    public var isPage: Bool
    /// A large data file made of parts rendered for other files too (results.csv is its indicators' rows): written
    /// one after another, never joined; `bytes` is then empty.
    var parts: [[UInt8]] = []

    public init(path: String, bytes: [UInt8], isPage: Bool) {
        self.path = path
        self.bytes = bytes
        self.isPage = isPage
    }

    init(path: String, parts: [[UInt8]], isPage: Bool) {
        self.init(path: path, bytes: [], isPage: isPage)
        self.parts = parts
    }
}

/// What every page shares: site title, navigation, labels, stylesheet, the illustrative notice, Open Graph.
struct PageFrame: Sendable {
    let config: SiteConfig
    let paths: SitePaths
    let templates: TemplateSet
    /// Relative to the site root, with its content hash in the name.
    let stylesheet: String
    /// (slug, name) of every initiative, for the navigation.
    let initiatives: [(slug: String, name: String)]
    let liveReloadScript: String?

    /// Interface text per language, built once per build (every page needs it).
    let labelsByLanguage: [String: Labels]
    /// The same labels as a template value (`{{t.…}}`), converted once per build rather than once per page.
    let labelValues: [String: TemplateValue]
    /// "All 250 initiatives" per language (numbers in the language's digits), for large portfolios' navigation.
    let allInitiativesLabel: [String: String]

    init(config: SiteConfig, paths: SitePaths, templates: TemplateSet, stylesheet: String,
         initiatives: [(slug: String, name: String)], liveReloadScript: String?) {
        self.config = config; self.paths = paths; self.templates = templates; self.stylesheet = stylesheet
        self.initiatives = initiatives; self.liveReloadScript = liveReloadScript
        var labels: [String: Labels] = [:]
        for language in Set(templates.translations.keys).union([config.language]) {
            labels[language] = Labels(language: language, translations: templates.translations, nameLog: templates.nameLog)
        }
        labelsByLanguage = labels
        labelValues = labels.mapValues { TemplateValue(any: $0.all) }
        allInitiativesLabel = labels.mapValues { Self.allInitiatives(initiatives.count, labels: $0, config: config) }
    }

    static func allInitiatives(_ count: Int, labels: Labels, config: SiteConfig) -> String {
        let present = Present(labels: labels, locale: config.locale, nativeDigits: config.nativeDigits)
        return labels.format("nav_all_initiatives", ["count": present.numbers.integer(count)])
    }

    func labels(_ language: String) -> Labels {
        labelsByLanguage[language] ?? Labels(language: language, translations: templates.translations, nameLog: templates.nameLog)
    }

    /// Up to this many initiatives, every page's header links each one; a larger portfolio would bury the page
    /// under its own navigation (250 links are 20 KB on every page), so the header then links the portfolio
    /// home ("All 250 initiatives") and the initiative the page belongs to.
    static let navigationLimit = 8

    func navigation(language: String, labels: Labels, currentInitiative: String?,
                    link: (String) -> String) -> TemplateValue {
        // Initiative names are in the site's language; on a page in another language they say so.
        let marked = language == config.language ? { (name: String) in name } : { FallbackMark.wrap($0, language: config.language) }
        func item(_ label: String, _ target: String, current: Bool) -> TemplateValue {
            ["label": .text(marked(label)), "href": .text(link(target)), "current": .bool(current)]
        }
        if initiatives.count <= Self.navigationLimit {
            return .list(initiatives.map { item($0.name, SitePaths.initiative($0.slug), current: $0.slug == currentInitiative) })
        }
        let all = allInitiativesLabel[language]
            ?? Self.allInitiatives(initiatives.count, labels: labels, config: config)
        var items: [TemplateValue] = [["label": .text(all), "href": .text(link(SitePaths.home)), "current": false]]
        if let current = initiatives.first(where: { $0.slug == currentInitiative }) {
            items.append(item(current.name, SitePaths.initiative(current.slug), current: true))
        }
        return .list(items)
    }

    /// Content-Security-Policy: no script from anywhere but the site itself, nothing fetched from other hosts.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'none'"

    struct Crumb {
        var label: String
        var path: String?
    }

    struct Alternate {
        var language: String
        var path: String
    }

    /// Renders `template` for the page at `path`, wrapping the page's own model with the shared frame.
    /// `rootRelative` pages (the 404 page, served at any depth) link from the site's root path instead of relatively.
    func render(path: String, template: String, language: String, title: String, description: String,
                crumbs: [Crumb] = [], alternates: [Alternate] = [], currentInitiative: String? = nil,
                rootRelative: Bool = false, model: TemplateFields) -> RenderedFile {
        let labels = self.labels(language)
        let rootPath = paths.rootPath
        func link(_ target: String) -> String { rootRelative ? rootPath + target : SitePaths.link(from: path, to: target) }
        var full = model
        full["lang"] = .text(language)
        full["t"] = labelValues[language] ?? TemplateValue(any: labels.all)
        full["root"] = .text(rootRelative ? rootPath : SitePaths.root(from: path))
        full["stylesheet"] = .text(link(stylesheet))
        full["csp"] = .text(Self.contentSecurityPolicy)
        full["site"] = [
            "title": .text(config.title),
            "home": .text(link(SitePaths.home)),
            "feed": .text(link(SitePaths.feed)),
            "illustrative": .bool(config.illustrative),
            "license": config.license.map { license in
                ["name": .text(license), "url": config.licenseURL.map(TemplateValue.text) ?? .null]
            } ?? .null,
        ]
        full["page"] = [
            "title": .text(title),
            "fullTitle": .text(title == config.title ? title : "\(title) · \(config.title)"),
            "description": .text(description),
            "canonical": .text(paths.absolute(path)),
            "feedURL": .text(paths.absolute(SitePaths.feed)),
        ]
        full["nav"] = navigation(language: language, labels: labels, currentInitiative: currentInitiative, link: link)
        full["breadcrumbs"] = .list(crumbs.enumerated().map { index, crumb in
            let last = index == crumbs.count - 1
            return ["label": .text(crumb.label), "last": .bool(last),
                    "href": .optional(last ? nil : crumb.path.map { SitePaths.link(from: path, to: $0) })]
        })
        full["alternates"] = .list(alternates.map { alternate in
            [
                "lang": .text(alternate.language),
                "label": .text(labels["language_" + alternate.language]),
                "href": .text(SitePaths.link(from: path, to: alternate.path)),
                "current": .bool(alternate.language == language),
                "absolute": .text(paths.absolute(alternate.path)),
            ]
        })
        full["liveReload"] = .optional(liveReloadScript)
        // Texts shown in another language than the page's carry their own `lang` (`FallbackMark`).
        let html = FallbackMark.resolve(templates.render(.object(full), template: template) ?? [])
        return RenderedFile(path: path, bytes: html, isPage: true)
    }
}
