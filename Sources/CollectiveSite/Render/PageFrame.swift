import ImpactDomain
import Synchronization

/// One file of the finished site.
public struct RenderedFile: Sendable {
    public var path: String
    public var bytes: [UInt8]
    public var isPage: Bool
    /// A large data file made of parts rendered for other files too (results.csv is its indicators' rows), each with
    /// its hash: written one after another, never joined; `bytes` is then empty.
    var parts = FileParts()

    public init(path: String, bytes: [UInt8], isPage: Bool) {
        self.path = path
        self.bytes = bytes
        self.isPage = isPage
    }

    init(path: String, parts: FileParts, isPage: Bool) {
        self.init(path: path, bytes: [], isPage: isPage)
        self.parts = parts
    }

    /// The hash of the file's bytes for the build cache: of `bytes`, or made from its parts' hashes.
    var hash: UInt64 { parts.bytes.isEmpty ? contentHash(bytes) : parts.hash }
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
    /// The frame's fields that are the same for every page of a folder, language and initiative (`SharedKey`),
    /// built for the first such page and reused by the others.
    let shared = SharedFields()

    init(config: SiteConfig, paths: SitePaths, templates: TemplateSet, stylesheet: String,
         initiatives: [(slug: String, name: String)], liveReloadScript: String?) {
        self.config = config; self.paths = paths; self.templates = templates; self.stylesheet = stylesheet
        self.initiatives = initiatives; self.liveReloadScript = liveReloadScript
        var labels: [String: Labels] = [:]
        for language in Set(templates.translations.keys).union([config.language]) {
            labels[language] = Labels(language: language, translations: templates.translations, nameLog: templates.nameLog)
        }
        labelsByLanguage = labels
        labelValues = labels.mapValues { .object($0.fields) }
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
        var full = model.overriding(with: sharedFields(path: path, language: language, labels: labels,
                                                       currentInitiative: currentInitiative, rootRelative: rootRelative))
        full[Self.pageKey] = [
            "title": .text(title),
            "fullTitle": .text(title == config.title ? title : "\(title) · \(config.title)"),
            "description": .text(description),
            "canonical": .text(paths.absolute(path)),
            "feedURL": .text(paths.absolute(SitePaths.feed)),
        ]
        full[Self.breadcrumbsKey] = .list(crumbs.enumerated().map { index, crumb in
            let last = index == crumbs.count - 1
            return ["label": .text(crumb.label), "last": .bool(last),
                    "href": .optional(last ? nil : crumb.path.map { SitePaths.link(from: path, to: $0) })]
        })
        full[Self.alternatesKey] = .list(alternates.map { alternate in
            [
                "lang": .text(alternate.language),
                "label": .text(labels["language_" + alternate.language]),
                "href": .text(SitePaths.link(from: path, to: alternate.path)),
                "current": .bool(alternate.language == language),
                "absolute": .text(paths.absolute(alternate.path)),
            ]
        })
        // Texts shown in another language than the page's carry their own `lang` (`FallbackMark`).
        let html = FallbackMark.resolve(templates.render(.object(full), template: template) ?? [])
        return RenderedFile(path: path, bytes: html, isPage: true)
    }

    private static let pageKey = TemplateKey("page"), breadcrumbsKey = TemplateKey("breadcrumbs")
    private static let alternatesKey = TemplateKey("alternates")

    /// What the shared fields depend on besides the frame itself. A page's relative links depend only on its folder
    /// (`SitePaths.link(from:to:)` and `SitePaths.root(from:)` read nothing after the last slash).
    struct SharedKey: Hashable {
        var folder: Substring
        var language: String
        var currentInitiative: String?
        var rootRelative: Bool
    }

    final class SharedFields: Sendable {
        let byKey = Mutex<[SharedKey: TemplateFields]>([:])
    }

    /// The frame's fields of a page: language, labels, links to the root, stylesheet, home and feed, navigation.
    func sharedFields(path: String, language: String, labels: Labels, currentInitiative: String?,
                      rootRelative: Bool) -> TemplateFields {
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let folder = slash.map { path[...$0] } ?? ""
        // A path ending in a slash names no file: its root link would differ from its folder's files' (never a page).
        guard folder.utf8.count < path.utf8.count else {
            return makeSharedFields(path: path, language: language, labels: labels,
                                    currentInitiative: currentInitiative, rootRelative: rootRelative)
        }
        let key = SharedKey(folder: folder, language: language, currentInitiative: currentInitiative, rootRelative: rootRelative)
        if let fields = shared.byKey.withLock({ $0[key] }) { return fields }
        let fields = makeSharedFields(path: path, language: language, labels: labels,
                                      currentInitiative: currentInitiative, rootRelative: rootRelative)
        shared.byKey.withLock { $0[key] = fields }
        return fields
    }

    private func makeSharedFields(path: String, language: String, labels: Labels, currentInitiative: String?,
                                  rootRelative: Bool) -> TemplateFields {
        let rootPath = paths.rootPath
        func link(_ target: String) -> String { rootRelative ? rootPath + target : SitePaths.link(from: path, to: target) }
        return [
            "lang": .text(language),
            "t": labelValues[language] ?? .object(labels.fields),
            "root": .text(rootRelative ? rootPath : SitePaths.root(from: path)),
            "stylesheet": .text(link(stylesheet)),
            "csp": .text(Self.contentSecurityPolicy),
            "site": [
                "title": .text(config.title),
                "home": .text(link(SitePaths.home)),
                "feed": .text(link(SitePaths.feed)),
                "illustrative": .bool(config.illustrative),
                "license": config.license.map { license in
                    ["name": .text(license), "url": config.licenseURL.map(TemplateValue.text) ?? .null]
                } ?? .null,
            ],
            "nav": navigation(language: language, labels: labels, currentInitiative: currentInitiative, link: link),
            "liveReload": .optional(liveReloadScript),
        ]
    }
}
