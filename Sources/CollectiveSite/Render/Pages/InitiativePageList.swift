import ImpactDomain

/// The list of an initiative's pages, and its card on the portfolio home page.
extension InitiativePages {
    /// Every page of the initiative, in a fixed order, as work to do: the build runs these on every core when it
    /// has only a few initiatives (one changed initiative, one large one beside small ones). With many, the
    /// initiatives themselves are spread over the cores, and nesting would only hold more initiatives' pages in
    /// memory at once (measured: 250 initiatives, 75 MB → 1.5 GB).
    func pageJobs() -> [() -> RenderedFile] {
        var jobs: [() -> RenderedFile] = [overview, systemsChange]
        for language in content.languages where language != frame.config.language {
            jobs.append { InitiativePages(content: content, results: results, frame: frame, language: language).overview() }
        }
        for report in content.reports {
            jobs.append {
                let pages = report.language == language
                    ? self : InitiativePages(content: content, results: results, frame: frame, language: report.language)
                return pages.report(report)
            }
        }
        for partner in initiative.partners { jobs.append { self.partner(partner) } }
        for result in results.indicators { jobs.append { indicator(result) } }
        for period in results.periods { jobs.append { brief(period) } }
        return jobs
    }

    /// The initiative's card on the portfolio home page.
    func homeCardHTML() -> String {
        let path = SitePaths.home
        var card = initiativeHeader(from: path)
        card["headline"] = .objects(collectiveResults.filter { $0.indicator.measure != .qualitative }.prefix(4).map { summary($0, from: path) })
        card["summary"] = .text(statusSummaryText(results.collectiveSummary))
        card["breakdown"] = statusBreakdown(results.collectiveSummary)
        card["t"] = frame.labelValues[language] ?? TemplateValue(any: labels.all)
        return frame.templates.render(card, template: "partials/initiative-card") ?? ""
    }
}
