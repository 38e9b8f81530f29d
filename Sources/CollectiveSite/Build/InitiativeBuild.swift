import Foundation
import ImpactDomain


/// One initiative as a unit of work: load → validate → compute → render → write, on one core.
struct InitiativeBuild {
    var diagnostics: [Diagnostic] = []
    /// Nil when the initiative has errors (nothing of it is written).
    var entry: InitiativeEntry?
    var pagesWritten = 0
    var filesWritten = 0

    static func run(folder: InitiativeFolder, stamps: [FileStamp], config: SiteConfig, frame: PageFrame,
                    writer: SiteWriter?) -> InitiativeBuild {
        var unit = InitiativeBuild()
        let (loaded, problems) = ContentLoader.loadInitiative(folder, config: config)
        unit.diagnostics = problems
        guard let content = loaded else { return unit }
        unit.diagnostics += validate(content.initiative, settings: config.computation)
        if unit.diagnostics.hasErrors { return unit }
        let results = compute(content.initiative, settings: config.computation)
        guard let writer else { return unit }

        let pages = InitiativePages(content: content, results: results, frame: frame, language: config.language)
        var written: [String] = []
        func emit(_ file: RenderedFile) {
            do {
                try writer.write(file.bytes, to: file.path)
                unit.filesWritten += 1
                if file.isPage { unit.pagesWritten += 1; written.append(file.path) }
            } catch {
                unit.diagnostics.append(.error(SourceLocation(path: writer.output), "\(error)"))
            }
        }
        for file in pages.allFiles() { emit(file) }
        let slug = content.initiative.slug
        emit(RenderedFile(path: SitePaths.data(slug, "results.json"), bytes: Array(OpenData.resultsJSON(results).utf8), isPage: false))
        emit(RenderedFile(path: SitePaths.data(slug, "results.csv"), bytes: Array(OpenData.resultsCSV(results).utf8), isPage: false))
        emit(RenderedFile(path: SitePaths.data(slug, "collaboration.json"), bytes: Array(OpenData.collaborationJSON(results).utf8), isPage: false))

        unit.entry = InitiativeEntry(
            slug: slug,
            name: content.initiative.name,
            stamps: stamps,
            warnings: unit.diagnostics.filter { $0.severity == .warning },
            cardHTML: pages.homeCardHTML(),
            collectiveStatuses: pages.collectiveResults.filter { $0.indicator.measure != .qualitative }.map(\.latestStatus),
            partnerIDs: content.initiative.implementingPartners.map(\.id),
            feedEntries: content.reports.map { report in
                FeedEntry(period: report.period, title: "\(content.initiative.name): \(report.title)",
                          path: SitePaths.report(slug, report.period, language: pages.reportLanguageFolder(report)),
                          summary: report.summary.isEmpty ? report.narrative.plainSummary : report.summary,
                          language: report.language)
            },
            pages: written.sorted(),
            openData: OpenData.initiativeJSON(results))
        return unit
    }
}

extension InitiativePages {
    /// Every page of the initiative, in a fixed order.
    func allFiles() -> [RenderedFile] {
        var files = [overview(), systemsChange()]
        for language in content.languages where language != frame.config.language {
            files.append(InitiativePages(content: content, results: results, frame: frame, language: language).overview())
        }
        for report in content.reports {
            let pages = report.language == language
                ? self : InitiativePages(content: content, results: results, frame: frame, language: report.language)
            files.append(pages.report(report))
        }
        for partner in initiative.partners { files.append(self.partner(partner)) }
        for result in results.indicators { files.append(indicator(result)) }
        for period in results.periods { files.append(brief(period)) }
        return files
    }

    /// The initiative's card on the portfolio home page.
    func homeCardHTML() -> String {
        let path = SitePaths.home
        var card = initiativeHeader(from: path)
        card["headline"] = collectiveResults.filter { $0.indicator.measure != .qualitative }.prefix(4).map { summary($0, from: path) }
        card["summary"] = statusSummaryText(results.collectiveSummary)
        card["breakdown"] = statusBreakdown(results.collectiveSummary)
        card["t"] = labels.all
        return frame.templates.render(card, template: "partials/initiative-card") ?? ""
    }
}
