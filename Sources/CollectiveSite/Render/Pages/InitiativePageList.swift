import ImpactDomain

/// The list of an initiative's pages, and its card on the portfolio home page.
extension InitiativePages {
    /// Every page of the initiative, in a fixed order, as work to do: the build runs these on every core when it
    /// has only a few initiatives (one changed initiative, one large one beside small ones). With many, the
    /// initiatives themselves are spread over the cores, and nesting would only hold more initiatives' pages in
    /// memory at once (measured: 250 initiatives, 75 MB → 1.5 GB).
    func pageJobs() -> [() -> RenderedFile] {
        // Every page exists in each of the initiative's languages; a report only where its narrative is written.
        var byLanguage: [String: InitiativePages] = [language: self]
        for other in content.languages + content.reports.map(\.language) where byLanguage[other] == nil {
            byLanguage[other] = InitiativePages(content: content, results: results, frame: frame, language: other)
        }
        var jobs: [() -> RenderedFile] = []
        for language in [language] + content.languages.filter({ $0 != language }) {
            guard let pages = byLanguage[language] else { continue }
            jobs += [pages.overview, pages.systemsChange]
            for partner in pages.initiative.partners { jobs.append { pages.partner(partner) } }
            for result in pages.results.indicators { jobs.append { pages.indicator(result) } }
            for period in results.periods { jobs.append { pages.brief(period) } }
        }
        for report in content.reports {
            guard let pages = byLanguage[report.language] else { continue }
            jobs.append { pages.report(report) }
        }
        return jobs
    }

    /// The initiative's card on the portfolio home page.
    func homeCardHTML() -> String {
        let path = SitePaths.home
        var card = initiativeHeader(from: path)
        card["headline"] = .objects(collectiveResults.filter { $0.indicator.measure != .qualitative }.prefix(4).map { summary($0, from: path) })
        card["summary"] = .text(statusSummaryText(results.collectiveSummary))
        card["breakdown"] = statusBreakdown(results.collectiveSummary)
        card["t"] = frame.labelValues[language] ?? .object(labels.fields)
        return frame.templates.render(card, template: "partials/initiative-card") ?? ""
    }
}
