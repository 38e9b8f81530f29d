import ImpactDomain

/// A page or file built from every initiative's entry.
///
/// `input` is everything the renderer reads of one initiative: `render` sees nothing else. An incremental build
/// renders the page again exactly when some rebuilt initiative's input changed (`RebuildPlan.mustRender`), so a
/// field the page starts to show (a new `{{…}}` in `home.mustache` filled from the entry) must come through
/// `input`, and is then compared too: the page cannot go stale. Whatever every page shows (site.yaml, the
/// theme, the initiatives' names) is in the build cache's site key instead, and changes it rebuild everything.
protocol SiteWidePage {
    associatedtype Input: Equatable
    static func input(_ entry: InitiativeEntry) -> Input
    static func render(_ inputs: [Input], frame: PageFrame) -> RenderedFile
    /// Every file of the page kind (one, unless it overrides this: the funder pages are one per funder).
    static func files(_ inputs: [Input], frame: PageFrame) -> [RenderedFile]
}

extension SiteWidePage {
    static func files(_ inputs: [Input], frame: PageFrame) -> [RenderedFile] { [render(inputs, frame: frame)] }
}

/// The site-wide files, in the order they are written.
enum SiteWidePages {
    /// The pages that depend on the initiatives, each rendered when the plan says it must be; then, in a full
    /// build, the files that depend on the theme alone (the 404 page, the stylesheet and the other assets).
    static func render(plan: RebuildPlan, frame: PageFrame, templates: TemplateSet) -> [RenderedFile] {
        var files: [RenderedFile] = []
        var entries: [InitiativeEntry]?
        func add<Page: SiteWidePage>(_ page: Page.Type) {
            guard plan.mustRender(page) else { return }
            if entries == nil { entries = plan.allEntries() }
            files += page.files(entries!.map(page.input), frame: frame)
        }
        add(HomePage.self)
        add(FeedPage.self)
        add(SitemapPage.self)
        add(InitiativesData.self)
        // Funder pages exist when the site lists funders (content/funders.csv).
        if !frame.config.finance.funders.isEmpty {
            add(FunderPages.self)
            add(FundersData.self)
        }
        if !plan.incremental {
            files.append(NotFoundPage.render(frame: frame))
            files.append(RenderedFile(path: frame.stylesheet, bytes: stylesheet(templates), isPage: false))
            for (path, bytes) in templates.assets.sorted(by: { $0.key < $1.key }) where path != stylesheetAsset {
                files.append(RenderedFile(path: path, bytes: bytes, isPage: false))
            }
        }
        return files
    }

    static let stylesheetAsset = "assets/style.css"

    static func stylesheet(_ templates: TemplateSet) -> [UInt8] { templates.assets[stylesheetAsset] ?? [] }

    /// The stylesheet's published name, with a hash of its bytes, so a browser never keeps an old one.
    static func stylesheetPath(_ templates: TemplateSet) -> String {
        "assets/style.\(hex(fnv1a(stylesheet(templates))).prefix(10)).css"
    }
}

/// The portfolio home: the portfolio's figures, and one card per initiative, or beyond `PageFrame.navigationLimit`
/// initiatives (when the header, too, stops listing them) one table row each: 250 cards with their headline charts
/// made a 1.9 MB page for a funder's phone, a table of 250 rows 49 KB; each initiative's page has its figures.
enum HomePage: SiteWidePage {
    struct Input: Equatable {
        var slug: String
        var name: String
        var cardHTML: String
        var collectiveStatuses: [Status]
        var partnerIDs: [String]
        var money: String
    }

    static func input(_ entry: InitiativeEntry) -> Input {
        Input(slug: entry.slug, name: entry.name, cardHTML: entry.cardHTML, collectiveStatuses: entry.collectiveStatuses,
              partnerIDs: entry.partnerIDs, money: entry.money)
    }

    static func render(_ inputs: [Input], frame: PageFrame) -> RenderedFile {
        let path = SitePaths.home
        let language = frame.config.language
        let labels = frame.labels(language)
        let present = Present(labels: labels, locale: frame.config.locale, nativeDigits: frame.config.nativeDigits)
        let portfolio = StatusSummary(inputs.flatMap(\.collectiveStatuses))
        var figures: TemplateFields = [
            "initiatives": .text(present.count(Double(inputs.count))),
            "partners": .text(present.count(Double(Set(inputs.flatMap(\.partnerIDs)).count))),
            "summary": .text(present.statusSummaryText(portfolio)),
            "breakdown": present.statusBreakdown(portfolio),
        ]
        figures["partnersNote"] = .optional(partnersNote(inputs.map(\.partnerIDs), labels: labels, present: present))
        let listed = inputs.count > PageFrame.navigationLimit
        var model: TemplateFields = [
            "cards": .list(listed ? [] : inputs.map { ["html": .text($0.cardHTML)] }),
            "table": listed ? ["rows": .list(inputs.map { input in
                [
                    "slug": .text(input.slug),
                    "name": .text(input.name),
                    "href": .text(SitePaths.link(from: path, to: SitePaths.initiative(input.slug))),
                    "partners": .text(present.count(Double(input.partnerIDs.count))),
                    "summary": .text(present.statusSummaryText(StatusSummary(input.collectiveStatuses))),
                ]
            })] : .null,
            "portfolio": .object(figures),
            "dataHref": .text(SitePaths.link(from: path, to: InitiativesData.path)),
        ]
        model["money"] = FunderPages.homeTable(inputs.map(\.money), frame: frame, present: present) ?? .null
        return frame.render(path: path, template: "home", language: language, title: frame.config.title,
                            description: labels["home_description"], model: model)
    }
}

extension HomePage {
    /// The portfolio counts each organisation once, so its number of partners is less than the initiatives' cards
    /// add up to when one works in several: "20 organisations; the initiatives list 21, because 1 takes part in
    /// more than one". nil when no partner is in two initiatives.
    static func partnersNote(_ partnerIDs: [[String]], labels: Labels, present: Present) -> String? {
        var initiatives: [String: Int] = [:]
        for ids in partnerIDs { for id in Set(ids) { initiatives[id, default: 0] += 1 } }
        let listed = initiatives.values.reduce(0, +)
        let shared = initiatives.values.filter { $0 > 1 }.count
        guard shared > 0 else { return nil }
        return labels.format(shared == 1 ? "partners_shared_one" : "partners_shared", [
            "listed": present.count(Double(listed)), "shared": present.count(Double(shared)),
        ])
    }
}

/// The 404 page: the theme and site.yaml alone, so it is written in full builds only.
enum NotFoundPage {
    static func render(frame: PageFrame) -> RenderedFile {
        let language = frame.config.language
        let labels = frame.labels(language)
        // A 404 page is served at any depth, so its links start from the site's root path.
        return frame.render(path: SitePaths.notFound, template: "404", language: language,
                            title: labels["not_found_title"], description: labels["not_found_text"],
                            rootRelative: true, model: ["homeURL": .text(frame.paths.rootPath)])
    }
}

/// Atom feed of quarterly reports, newest first (at most `limit`). Entry dates come from the period (its last
/// day), so two builds of the same input are identical.
enum FeedPage: SiteWidePage {
    static func input(_ entry: InitiativeEntry) -> [FeedEntry] { entry.feedEntries }

    static func render(_ inputs: [[FeedEntry]], frame: PageFrame) -> RenderedFile {
        let latest = newest(inputs.joined(), limit: limit)
        let model: TemplateFields = [
            "title": .text(frame.config.title),
            "siteURL": .text(frame.paths.baseURL),
            "feedURL": .text(frame.paths.absolute(SitePaths.feed)),
            "updated": .text(latest.first.map { endDate($0.period) + "T00:00:00Z" } ?? "1970-01-01T00:00:00Z"),
            "entries": .list(latest.map { entry in
                [
                    "title": .text(entry.title), "url": .text(frame.paths.absolute(entry.path)),
                    "id": .text(frame.paths.absolute(entry.path)),
                    "updated": .text(endDate(entry.period) + "T00:00:00Z"), "summary": .text(entry.summary),
                    "lang": .text(entry.language),
                ]
            }),
        ]
        let xml = frame.templates.render(model, template: "feed") ?? ""
        return RenderedFile(path: SitePaths.feed, bytes: Array(xml.utf8), isPage: false)
    }

    static let limit = 100

    /// The `limit` newest entries, newest first (by period, then path, which no two entries share): what sorting
    /// them all would put first, without sorting the thousands of reports of a large portfolio.
    static func newest(_ entries: some Sequence<FeedEntry>, limit: Int) -> [FeedEntry] {
        func isNewer(_ a: FeedEntry, _ b: FeedEntry) -> Bool { (a.period, a.path) > (b.period, b.path) }
        var kept: [FeedEntry] = []
        kept.reserveCapacity(limit + 1)
        for entry in entries {
            if kept.count == limit, let oldest = kept.last, !isNewer(entry, oldest) { continue }
            var low = 0, high = kept.count
            while low < high {
                let middle = (low + high) / 2
                if isNewer(kept[middle], entry) { low = middle + 1 } else { high = middle }
            }
            kept.insert(entry, at: low)
            if kept.count > limit { kept.removeLast() }
        }
        return kept
    }

    /// The last day of a period, `YYYY-MM-DD`.
    static func endDate(_ period: Period) -> String { period.isoLastDay }
}

/// sitemap.xml: the home page and every initiative's pages.
enum SitemapPage: SiteWidePage {
    static func input(_ entry: InitiativeEntry) -> [String] { entry.pages }

    /// Every page, with its versions in other languages (`xhtml:link rel="alternate" hreflang`), each way.
    static func render(_ inputs: [[String]], frame: PageFrame) -> RenderedFile {
        let funderPages = frame.config.finance.funders.isEmpty
            ? [] : [SitePaths.funders] + frame.config.finance.funders.map { SitePaths.funder($0.id) }
        let pages = ([SitePaths.home] + inputs.joined() + funderPages).sorted()
        // A page and its versions are in one folder (an initiative's, or the site's own pages): grouped folder by
        // folder, on every core (tens of thousands of pages, after every initiative is built).
        var versions: [String: [(language: String, path: String)]] = [:]
        for found in parallelMap(inputs + [[SitePaths.home] + funderPages], {
            languageVersions($0, siteLanguage: frame.config.language)
        }) {
            versions.merge(found) { first, _ in first }
        }
        let urls = TemplateValue.list(pages.map { page in
            let group = versions[page] ?? []
            return ["loc": .text(frame.paths.absolute(page)),
                    "alternates": .list(group.map { ["lang": .text($0.language), "href": .text(frame.paths.absolute($0.path))] })]
        })
        let xml = frame.templates.render(.object(["urls": urls]), template: "sitemap") ?? []
        return RenderedFile(path: SitePaths.sitemap, bytes: xml, isPage: false)
    }

    /// Pages that exist in more than one language, each with the list of its versions: a page `<slug>/<lang>/…`
    /// is the `<lang>` version of `<slug>/…` (`SitePaths.prefix`).
    static func languageVersions(_ pages: [String], siteLanguage: String) -> [String: [(language: String, path: String)]] {
        let all = Set(pages)
        var groups: [String: [(language: String, path: String)]] = [:]
        // Each second-level folder name (`reports`, `bn`…) is checked once, not once per page.
        var isLanguage: [Substring: Bool] = [:]
        for page in pages {
            let utf8 = page.utf8, slash = UInt8(ascii: "/")
            guard let first = utf8.firstIndex(of: slash),
                  let second = utf8[utf8.index(after: first)...].firstIndex(of: slash) else { continue }
            let folder = page[utf8.index(after: first)..<second]
            let language: Bool
            if let known = isLanguage[folder] { language = known } else {
                language = NarrativeLoader.isLanguageCode(String(folder))
                isLanguage[folder] = language
            }
            guard language else { continue }
            let original = String(page[...first]) + page[utf8.index(after: second)...]
            guard all.contains(original) else { continue }
            if groups[original] == nil { groups[original] = [(siteLanguage, original)] }
            groups[original]?.append((String(folder), page))
        }
        var versions: [String: [(language: String, path: String)]] = [:]
        for group in groups.values { for member in group { versions[member.path] = group } }
        return versions
    }
}

/// data/initiatives.json: each initiative's summary object.
enum InitiativesData: SiteWidePage {
    static let path = "data/initiatives.json"

    static func input(_ entry: InitiativeEntry) -> String { entry.openData }

    static func render(_ inputs: [String], frame: PageFrame) -> RenderedFile {
        RenderedFile(path: path, bytes: Array(OpenData.initiativesJSON(fragments: inputs).utf8), isPage: false)
    }
}
