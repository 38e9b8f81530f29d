import Foundation
import ImpactDomain

/// One run of `SiteBuilder.run`: what each stage hands to the next. Each stage is a method; `stage(_:_:)` times
/// it and skips it once the run has its outcome (errors found, `check` done, the output unwritable).
struct SiteBuild {
    let options: BuildOptions
    /// False for `collective check`: everything is validated, nothing is written.
    let writing: Bool
    let progress: (@Sendable (String) -> Void)?

    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var stages: [(name: String, seconds: Double)] = []
    /// Set when the run is over before its last stage; `report()` returns it.
    private var outcome: BuildReport?

    private var diagnostics: [Diagnostic] = []
    private var site = SiteIndex(config: SiteConfig(), initiatives: [], diagnostics: [])
    private var config = SiteConfig()
    private var templates = TemplateSet.empty
    /// Set by `loadSiteAndTheme`, the first stage.
    private var frame: PageFrame?
    /// A broken site.yaml or theme stops the build from writing, but the initiatives are still read and checked,
    /// so one run reports every problem (a missing theme folder should not hide a bad results.csv).
    private var siteLevelErrors = false
    /// `--previous`: the site published before this one, to list revisions against.
    private var previousSite: PreviousSite?
    private var plan = RebuildPlan.everything(key: "", stamps: [:], initiatives: [])
    private let writer: SiteWriter
    private var staged = false
    /// The staging folder is the recycled spare: files of the site it held that this build did not write are pruned.
    private var recycledSpare = false
    private var units: [InitiativeBuild] = []
    private var siteFiles: [RenderedFile] = []

    init(options: BuildOptions, writing: Bool, progress: (@Sendable (String) -> Void)?) {
        self.options = options
        self.writing = writing
        self.progress = progress
        start = clock.now
        writer = SiteWriter(output: options.outputDirectory)
    }

    mutating func stage(_ name: String, _ body: (inout SiteBuild) -> Void) {
        guard outcome == nil else { return }
        let began = clock.now
        body(&self)
        stages.append((name, SiteBuilder.seconds(since: began, clock)))
    }

    /// site.yaml, the theme, and the list of initiative folders.
    mutating func loadSiteAndTheme() {
        progress?("load")
        site = ContentLoader.loadSite(contentDirectory: options.contentDirectory)
        config = site.config
        if let baseURL = options.baseURL { config.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/" }
        let (loaded, templateProblems) = TemplateSet.load(directory: options.templatesDirectory)
        templates = options.checkTemplateFields ? loaded.checkingNames() : loaded
        diagnostics = site.diagnostics + templateProblems
        if templates.folderFound {
            diagnostics += templates.require(SiteBuilder.requiredTemplates, directory: options.templatesDirectory)
            // Without the language's file every label falls back to English, on pages that say they are in it.
            if config.language != "en", templates.translations[config.language] == nil, templates.translations["en"] != nil {
                let available = templates.translations.keys.sorted().map { "`\($0)`" }.joined(separator: ", ")
                diagnostics.append(.error(config.languageLocation ?? config.location,
                                          "the theme has no `i18n/\(config.language).yaml`, so every label of the site would be in English on pages marked as `\(config.language)`",
                                          hint: "add \(options.templatesDirectory)/i18n/\(config.language).yaml (a copy of i18n/en.yaml, translated), or write a language the theme has: \(available)"))
            }
            // A theme made before money pages existed still builds a site that lists no funders.
            if !config.finance.funders.isEmpty {
                diagnostics += templates.require(SiteBuilder.funderTemplates, directory: options.templatesDirectory)
            }
        }
        if let path = options.previousSite {
            let (opened, problem) = PreviousSite.open(path)
            previousSite = opened
            if let problem { diagnostics.append(problem) }
        }
        siteLevelErrors = diagnostics.hasErrors
        frame = PageFrame(
            config: config, paths: SitePaths(baseURL: config.baseURL), templates: templates,
            stylesheet: SiteWidePages.stylesheetPath(templates),
            initiatives: site.initiatives.map { ($0.slug, $0.name) }, liveReloadScript: options.liveReloadScript)
    }

    /// Which initiatives must be read: all of them, or (with a valid cache) only those whose files changed.
    mutating func planRebuild() {
        let key = SiteBuilder.siteKey(options: options, config: config, templatesDirectory: options.templatesDirectory,
                                      navigation: site.initiatives.map { "\($0.slug)=\($0.name)" })
        let stamps = Dictionary(uniqueKeysWithValues: zip(site.initiatives.map(\.slug),
                                                          parallelMap(site.initiatives) { FileStamp.tree($0.path) }))
        let canUseCache = writing && !siteLevelErrors
            && FileManager.default.fileExists(atPath: options.outputDirectory + "/" + SiteWriter.marker)
        plan = canUseCache
            ? RebuildPlan(key: key, stamps: stamps, initiatives: site.initiatives,
                          cache: BuildCache(output: options.outputDirectory).load(key: key))
            : RebuildPlan.everything(key: key, stamps: stamps, initiatives: site.initiatives)
    }

    /// Per initiative: load, validate, compute, render, write into the staging folder.
    mutating func buildInitiatives() {
        if writing && !siteLevelErrors {
            do { recycledSpare = try writer.begin(incremental: plan.incremental); staged = true } catch {
                outcome = BuildReport(diagnostics: [.error(SourceLocation(path: options.outputDirectory), "\(error)")])
                return
            }
        }
        progress?("render")
        // Many initiatives: one per core at a time. A few (one changed initiative; one very large one beside small
        // ones): one after another, each using every core inside (its pages, open data and indicators). Not both:
        // libdispatch runs a concurrentPerform nested in another one serially.
        let fewInitiatives = plan.toBuild.count <= 4 * ProcessInfo.processInfo.activeProcessorCount
        let (plan, config, frame, writer) = (self.plan, self.config, self.frame!, staged ? self.writer : nil)
        let previousSite = self.previousSite
        let renderOnly = options.checkTemplateFields && !siteLevelErrors
        // A full build writes each initiative's cache entry as soon as the initiative is built (`saveCache` seals
        // the cache after the commit); an incremental one, whose previous entries stay valid until its commit,
        // writes its few entries after it.
        let cache = staged && !plan.incremental ? BuildCache(output: options.outputDirectory) : nil
        cache?.startAfresh()
        func build(_ folder: InitiativeFolder) -> InitiativeBuild {
            let unit = InitiativeBuild.run(folder: folder, stamps: plan.stamps[folder.slug] ?? [], config: config,
                                           frame: frame, writer: writer, renderOnly: renderOnly,
                                           previous: plan.previous[folder.slug], parallelPages: fewInitiatives,
                                           previousSite: previousSite)
            if let cache, let entry = unit.entry { cache.store(entry) }
            return unit
        }
        // Many: the largest first (by the bytes of their files), so that the last to start are small and no core
        // waits long at the end while the other finishes a large one.
        units = fewInitiatives ? plan.toBuild.map(build) : Self.mapCostliestFirst(
            plan.toBuild, cost: plan.toBuild.map { folder in (plan.stamps[folder.slug] ?? []).reduce(0) { $0 + Int($1.size) } },
            build)
        diagnostics += units.flatMap(\.diagnostics)
        let failed = diagnostics.hasErrors || (options.strict && !diagnostics.isEmpty)
        if failed || (!writing && !options.checkTemplateFields) {
            if staged { self.writer.abandon() }
            outcome = BuildReport(diagnostics: SiteBuilder.unique(diagnostics))
        }
    }

    /// `transform` of each item on every core, started in decreasing order of `cost` (ties in the items' order);
    /// the results in the items' order. The cores take the next item as they finish one: costliest first, the
    /// last to start are the cheapest, and both cores finish close together.
    static func mapCostliestFirst<T, R>(_ items: [T], cost: [Int], _ transform: (T) -> R) -> [R] {
        precondition(cost.count == items.count, "one cost per item")
        let order = costliestFirst(cost)
        let made = parallelMap(order) { transform(items[$0]) }
        var results = [R?](repeating: nil, count: items.count)
        for (index, result) in zip(order, made) { results[index] = result }
        return results.map { $0! }
    }

    /// The positions of `cost`, in decreasing order of cost, ties in increasing position.
    static func costliestFirst(_ cost: [Int]) -> [Int] {
        cost.indices.sorted { cost[$0] != cost[$1] ? cost[$0] > cost[$1] : $0 < $1 }
    }

    /// The site-wide pages from every initiative's entry (fresh or cached), in folder order. In an incremental
    /// build, each is rendered again only when what it reads of some initiative changed.
    mutating func renderSiteWidePages() {
        plan.record(units.compactMap(\.entry))
        diagnostics += plan.cachedWarnings
        siteFiles = SiteWidePages.render(plan: plan, frame: frame!, templates: templates)
        diagnostics += templates.nameProblems()
        if !writing || diagnostics.hasErrors {
            if staged { writer.abandon() }
            outcome = BuildReport(diagnostics: SiteBuilder.unique(diagnostics))
        }
    }

    /// Writes the site-wide files and swaps the staging folder in.
    mutating func commit() {
        progress?("write")
        do {
            for file in siteFiles { try writer.write(file.bytes, to: file.path) }
            if plan.incremental {
                try writer.commitIncremental(files: units.flatMap(\.changedFiles) + siteFiles.map(\.path),
                                             removed: units.flatMap(\.removedFiles))
            } else {
                try writer.commit(keeping: recycledSpare ? Set(units.flatMap(\.changedFiles) + siteFiles.map(\.path)) : nil)
            }
        } catch {
            writer.abandon()
            outcome = BuildReport(diagnostics: SiteBuilder.unique(
                diagnostics + [.error(SourceLocation(path: options.outputDirectory), "\(error)")]))
        }
    }

    mutating func saveCache() {
        let cache = BuildCache(output: options.outputDirectory)
        if plan.incremental {
            cache.save(key: plan.key, built: plan.freshEntries, all: site.initiatives.map(\.slug), full: false)
        } else {
            cache.seal(key: plan.key)  // every entry was stored while its initiative was built
        }
    }

    func report() -> BuildReport {
        var report: BuildReport
        if let outcome {
            report = outcome
        } else {
            report = BuildReport(diagnostics: SiteBuilder.unique(diagnostics))
            report.pagesWritten = units.reduce(0) { $0 + $1.pagesWritten } + siteFiles.filter(\.isPage).count
            report.filesWritten = units.reduce(0) { $0 + $1.filesWritten } + siteFiles.count
            report.rebuilt = plan.incremental ? plan.toBuild.map(\.slug) : ["everything"]
        }
        report.untranslated = units.reduce(into: [:]) { all, unit in
            for (language, texts) in unit.untranslated { all[language, default: []] += texts }
        }
        report.untranslatedCounts = outcome == nil ? plan.untranslatedCounts : report.untranslated.mapValues(\.count)
        report.seconds = SiteBuilder.seconds(since: start, clock)
        report.stages = stages
        return report
    }
}
