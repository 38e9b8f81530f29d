import ImpactDomain

/// Site-wide pages: the portfolio home, the 404 page, the Atom feed and the sitemap.
struct SitePages {
    let frame: PageFrame
    let entries: [InitiativeEntry]
    var language: String { frame.config.language }

    func home() -> RenderedFile {
        let path = SitePaths.home
        let labels = frame.labels(language)
        let present = Present(labels: labels, locale: frame.config.locale)
        let portfolio = StatusSummary(entries.flatMap(\.collectiveStatuses))
        let model: TemplateFields = [
            "cards": .list(entries.map { ["html": .text($0.cardHTML)] }),
            "portfolio": [
                "initiatives": .text(present.count(Double(entries.count))),
                "partners": .text(present.count(Double(Set(entries.flatMap(\.partnerIDs)).count))),
                "summary": .text(present.statusSummaryText(portfolio)),
                "breakdown": present.statusBreakdown(portfolio),
            ],
            "dataHref": .text(SitePaths.link(from: path, to: "data/initiatives.json")),
        ]
        return frame.render(path: path, template: "home", language: language, title: frame.config.title,
                            description: labels["home_description"], model: model)
    }

    func notFound() -> RenderedFile {
        let labels = frame.labels(language)
        // A 404 page is served at any depth, so its links start from the site's root path.
        return frame.render(path: SitePaths.notFound, template: "404", language: language,
                            title: labels["not_found_title"], description: labels["not_found_text"],
                            rootRelative: true, model: ["homeURL": .text(frame.paths.rootPath)])
    }

    /// Atom feed of quarterly reports, newest first (at most `feedLimit`). Entry dates come from the period
    /// (its last day), so two builds of the same input are identical.
    func feed() -> RenderedFile {
        let all = entries.flatMap(\.feedEntries).sorted { ($0.period, $0.path) > ($1.period, $1.path) }
        let latest = all.prefix(Self.feedLimit)
        let model: TemplateFields = [
            "title": .text(frame.config.title),
            "siteURL": .text(frame.paths.baseURL),
            "feedURL": .text(frame.paths.absolute(SitePaths.feed)),
            "updated": .text(latest.first.map { Self.endDate($0.period) + "T00:00:00Z" } ?? "1970-01-01T00:00:00Z"),
            "entries": .list(latest.map { entry in
                [
                    "title": .text(entry.title), "url": .text(frame.paths.absolute(entry.path)),
                    "id": .text(frame.paths.absolute(entry.path)),
                    "updated": .text(Self.endDate(entry.period) + "T00:00:00Z"), "summary": .text(entry.summary),
                    "lang": .text(entry.language),
                ]
            }),
        ]
        let xml = frame.templates.render(model, template: "feed") ?? ""
        return RenderedFile(path: SitePaths.feed, bytes: Array(xml.utf8), isPage: false)
    }

    static let feedLimit = 100

    func sitemap() -> RenderedFile {
        let pages = ([SitePaths.home] + entries.flatMap(\.pages)).sorted()
        let urls = TemplateValue.list(pages.map { .object(["loc": .text(frame.paths.absolute($0))]) })
        let xml = frame.templates.render(.object(["urls": urls]), template: "sitemap") ?? []
        return RenderedFile(path: SitePaths.sitemap, bytes: xml, isPage: false)
    }

    /// The last day of a period, `YYYY-MM-DD`.
    static func endDate(_ period: Period) -> String {
        let month: Int
        switch period.kind {
        case .quarter: month = period.index * 3
        case .month: month = period.index
        case .year: month = 12
        }
        let leap = (period.year % 4 == 0 && period.year % 100 != 0) || period.year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return "\(period.year)-\(month < 10 ? "0" : "")\(month)-\(days)"
    }
}
