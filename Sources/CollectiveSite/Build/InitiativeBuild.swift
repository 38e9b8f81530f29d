import Foundation
import ImpactDomain


/// One initiative as a unit of work: load → validate → compute → render → write, on one core.
struct InitiativeBuild {
    var diagnostics: [Diagnostic] = []
    /// Nil when the initiative has errors (nothing of it is written).
    var entry: InitiativeEntry?
    var pagesWritten = 0
    var filesWritten = 0
    /// Files written into the staging folder (all of them in a full build; those whose bytes changed otherwise).
    var changedFiles: [String] = []
    /// Files the previous build wrote for this initiative that this build no longer produces.
    var removedFiles: [String] = []
    /// Texts not translated yet, per language of the initiative other than the site's.
    var untranslated: [String: [SourceText]] = [:]

    /// Without a `writer`, nothing is rendered, unless `renderOnly` (`check --template-fields`: every page is
    /// rendered, for strict template mode, and none is written).
    /// `previous` is the initiative's cached entry in an incremental build: files whose bytes equal the
    /// previous build's are not written again.
    static func run(folder: InitiativeFolder, stamps: [FileStamp], config: SiteConfig, frame: PageFrame,
                    writer: SiteWriter?, renderOnly: Bool = false, previous: InitiativeEntry? = nil,
                    parallelPages: Bool = false, previousSite: PreviousSite? = nil) -> InitiativeBuild {
        var unit = InitiativeBuild()
        let (loaded, problems) = ContentLoader.loadInitiative(folder, config: config)
        unit.diagnostics = problems
        guard let content = loaded else { return unit }
        for language in content.languages where language != config.language {
            unit.untranslated[language] = content.untranslated(language, siteLanguage: config.language)
        }
        let (found, computed) = validateAndCompute(content.initiative, settings: config.computation, parallel: parallelPages)
        unit.diagnostics += DiagnosticColumns.refine(found)
        guard var revised = computed, !unit.diagnostics.hasErrors else { return unit }
        if let previousSite {
            revised.revisions = Revisions.compare(previous: previousSite.inputs(slug: content.initiative.slug),
                                                  current: Revisions.publishedInputs(revised))
        }
        let results = revised
        guard writer != nil || renderOnly else { return unit }

        let pages = InitiativePages(content: content, results: results, frame: frame, language: config.language)
        var pagePaths: [String] = []
        var hashes: [String: UInt64] = [:]
        /// Renders one file, hashes it and writes it unless it is unchanged since the previous build (and still
        /// there: someone may have deleted it from the output). Runs on any core; the file's bytes are freed as
        /// soon as they are written.
        func make(_ job: () -> RenderedFile) -> Outcome {
            let file = job()
            let hash = file.hash
            var outcome = Outcome(path: file.path, hash: hash, isPage: file.isPage)
            guard let writer else { return outcome }
            if let previous, previous.fileHashes[file.path] == hash, access(writer.output + "/" + file.path, F_OK) == 0 {
                return outcome
            }
            do {
                if file.parts.bytes.isEmpty { try writer.write(file.bytes, to: file.path) } else { try writer.write(parts: file.parts.bytes, to: file.path) }
                outcome.written = true
            } catch {
                outcome.error = "\(error)"
            }
            return outcome
        }
        let slug = content.initiative.slug
        // The open data comes from the results alone, which come from the initiative's data files (not from its
        // narratives): when only narratives changed, the previous build's files are still exact.
        let indicatorFiles = results.indicators.flatMap { result in
            ["csv", "json"].map { IndicatorDownloads.path(slug, result.indicator.id, $0) }
        }
        let revisionFiles = results.revisions == nil ? [] : [SitePaths.data(slug, RevisionsData.fileName)]
        // The money downloads, when the initiative reports money (Rule 8).
        let financeFiles = results.finance == nil ? [] : ["finance.json", "finance.csv"].map { SitePaths.data(slug, $0) }
        let openDataFiles = ["results.json", "results.csv", "collaboration.json"].map { SitePaths.data(slug, $0) }
            + indicatorFiles + revisionFiles + financeFiles
        var openDataJobs: [() -> RenderedFile] = []
        if let previous, Self.dataStamps(previous.stamps, folder: folder.path) == Self.dataStamps(stamps, folder: folder.path),
           let kept = openDataFiles.map({ previous.fileHashes[$0] }) as? [UInt64] {
            for (path, hash) in zip(openDataFiles, kept) { hashes[path] = hash }
        } else {
            // Each indicator's rows of results.csv and its entry of results.json, rendered once: they are also its
            // own CSV and JSON. results.csv and results.json are written as those parts one after another, never
            // joined into one buffer (a million-row file would be held twice). Each part is hashed once, for every
            // file it is in.
            func hashedParts(_ result: IndicatorResult) -> (csvRows: HashedPart, jsonEntry: HashedPart) {
                let (rows, entry) = OpenData.indicatorParts(result)
                return (HashedPart(rows), HashedPart(entry))
            }
            let rendered = parallelPages ? parallelMap(results.indicators, hashedParts) : results.indicators.map(hashedParts)
            let csvRows = rendered.map(\.csvRows), jsonEntries = rendered.map(\.jsonEntry)
            // First, so that with several cores the two large files are written side by side while pages render.
            openDataJobs = [
                { RenderedFile(path: openDataFiles[0], parts: OpenData.resultsJSONParts(results, entries: jsonEntries),
                               isPage: false) },
                { RenderedFile(path: openDataFiles[1], parts: OpenData.resultsCSVParts(rows: csvRows), isPage: false) },
                { RenderedFile(path: openDataFiles[2], bytes: OpenData.collaborationJSONBytes(results), isPage: false) },
            ]
            if let revisions = results.revisions {
                openDataJobs.append {
                    RenderedFile(path: SitePaths.data(slug, RevisionsData.fileName),
                                 bytes: RevisionsData.jsonBytes(revisions, results: results), isPage: false)
                }
            }
            // Each indicator's own data; its JSON names the site, its address and licence (site.yaml, which is in
            // the cache's site key, so a change there rebuilds everything), in the words of its page in the site's
            // language (`pages`), made once for both.
            for (result, (rows, entry)) in zip(results.indicators, zip(csvRows, jsonEntries)) {
                let id = result.indicator.id
                openDataJobs.append {
                    RenderedFile(path: IndicatorDownloads.path(slug, id, "csv"), parts: IndicatorDownloads.csvParts(rows: rows), isPage: false)
                }
                openDataJobs.append {
                    RenderedFile(path: IndicatorDownloads.path(slug, id, "json"),
                                 parts: IndicatorDownloads.jsonParts(entry: entry, facts: pages.facts(result),
                                                                     results: results, config: config),
                                 isPage: false)
                }
            }
            if !financeFiles.isEmpty {
                openDataJobs.append { RenderedFile(path: financeFiles[0], bytes: OpenData.financeJSONBytes(results), isPage: false) }
                openDataJobs.append { RenderedFile(path: financeFiles[1], bytes: OpenData.financeCSVBytes(results), isPage: false) }
            }
        }
        // The images the narratives show, published as they are.
        let imageJobs = content.images.keys.sorted().map { name in
            { RenderedFile(path: SitePaths.image(slug, name), bytes: content.images[name]!, isPage: false) }
        }
        let jobs = openDataJobs + pages.pageJobs() + imageJobs
        let outcomes = parallelPages ? parallelMap(jobs, make) : jobs.map(make)
        // Recorded in a fixed order (pages, then open data), whatever order they were made in.
        for outcome in outcomes.dropFirst(openDataJobs.count) + outcomes.prefix(openDataJobs.count) {
            hashes[outcome.path] = outcome.hash
            if outcome.isPage { pagePaths.append(outcome.path) }
            if outcome.written {
                unit.filesWritten += 1
                if outcome.isPage { unit.pagesWritten += 1 }
                unit.changedFiles.append(outcome.path)
            }
            if let error = outcome.error, let writer { unit.diagnostics.append(.error(SourceLocation(path: writer.output), error)) }
        }
        if let previous {
            unit.removedFiles = previous.fileHashes.keys.filter { hashes[$0] == nil }.sorted()
        }

        unit.entry = InitiativeEntry(
            slug: slug,
            name: content.initiative.name,
            stamps: stamps,
            warnings: unit.diagnostics.filter { $0.severity == .warning },
            cardHTML: pages.homeCardHTML(),
            collectiveStatuses: pages.collectiveResults.filter { $0.indicator.measure != .qualitative }.map(\.latestStatus),
            partnerIDs: content.initiative.implementingPartners.map(\.id),
            feedEntries: content.reports.map { report in
                // A translated report's entry names the initiative in the report's language where it is translated.
                let name = content.translations[report.language]?.frontMatter["name"] ?? content.initiative.name
                return FeedEntry(period: report.period, title: "\(name): \(report.title)",
                          path: SitePaths.report(slug, report.period, language: pages.reportLanguageFolder(report)),
                          summary: report.summary.isEmpty ? report.narrative.plainSummary : report.summary,
                          language: report.language)
            } + (pages.revisionsFeedEntry().map { [$0] } ?? []),
            pages: pagePaths.sorted(),
            fileHashes: hashes,
            openData: OpenData.initiativeJSON(results),
            money: pages.moneySummary(),
            untranslated: unit.untranslated.mapValues(\.count))
        return unit
    }
}

extension InitiativeBuild {
    /// What became of one file of the initiative.
    struct Outcome {
        var path: String
        var hash: UInt64
        var isPage: Bool
        var written = false
        var error: String?
    }

    /// The stamps of the files results are computed from: everything but the narratives in reports/ and partners/
    /// and their images.
    static func dataStamps(_ stamps: [FileStamp], folder: String) -> [FileStamp] {
        let skipped = ["reports", "partners", "images"].map { folder + "/" + $0 + "/" }
        return stamps.filter { stamp in !skipped.contains { stamp.path.hasPrefix($0) } }
    }
}
