import Dispatch
import Foundation
import ImpactDomain

/// The pipeline, in the order it runs: load → validate → compute → render → write.
///
/// Each initiative is one unit of work (loaded, validated, computed and rendered on its own core, its pages
/// written as soon as they are rendered so memory stays flat); the site-wide pages are then assembled from
/// what each initiative contributed. With a build cache, unchanged initiatives are not read at all.
public enum SiteBuilder {
    /// Templates every theme must provide.
    static let requiredTemplates = ["layout", "home", "initiative", "report", "partner", "indicator", "brief",
                                    "systems-change", "404", "feed", "sitemap", "partials/initiative-card"]

    /// Validates everything and, when there are no errors, writes the site to `options.outputDirectory`.
    /// Bad input never throws: problems come back as diagnostics and the previous site stays as it was.
    public static func build(_ options: BuildOptions, progress: (@Sendable (String) -> Void)? = nil) -> BuildReport {
        run(options, write: true, progress: progress)
    }

    /// Validates content and templates without writing anything.
    public static func check(_ options: BuildOptions) -> BuildReport {
        run(options, write: false, progress: nil)
    }

    static func run(_ options: BuildOptions, write: Bool, progress: (@Sendable (String) -> Void)?) -> BuildReport {
        let clock = ContinuousClock()
        let start = clock.now
        var stages: [(name: String, seconds: Double)] = []
        var stageStart = start
        func mark(_ name: String) {
            let now = clock.now
            stages.append((name, seconds(since: stageStart, clock, now: now)))
            stageStart = now
        }
        func finish(_ report: BuildReport) -> BuildReport {
            var report = report
            report.seconds = seconds(since: start, clock)
            report.stages = stages
            return report
        }

        // 1. Load: site.yaml, the theme, and the list of initiative folders.
        progress?("load")
        let site = ContentLoader.loadSite(contentDirectory: options.contentDirectory)
        var config = site.config
        if let baseURL = options.baseURL { config.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/" }
        let (templates, templateProblems) = TemplateSet.load(directory: options.templatesDirectory)
        var diagnostics = site.diagnostics + templateProblems
        if !templateProblems.contains(where: { $0.message.contains("does not exist") }) {
            diagnostics += templates.require(requiredTemplates, directory: options.templatesDirectory)
        }
        mark("load site, theme")
        // A broken site.yaml or theme stops the build from writing, but the initiatives are still read and checked
        // below, so one run reports every problem (a missing theme folder should not hide a bad results.csv).
        let siteLevelErrors = diagnostics.hasErrors

        // 2. Which initiatives must be read: all of them, or (with a valid cache) only those whose files changed.
        let cache = BuildCache(output: options.outputDirectory)
        let key = siteKey(options: options, config: config, templatesDirectory: options.templatesDirectory,
                          navigation: site.initiatives.map { "\($0.slug)=\($0.name)" })
        let stamps = parallelMap(site.initiatives) { FileStamp.tree($0.path) }
        mark("stamp inputs")
        let cached = write && !siteLevelErrors && FileManager.default.fileExists(atPath: options.outputDirectory + "/" + SiteWriter.marker)
            ? cache.load(key: key) : nil
        var changed = Set<String>()
        for (folder, stamp) in zip(site.initiatives, stamps) where cached?[folder.slug]?.stamps != stamp {
            changed.insert(folder.slug)
        }
        let incremental = cached != nil && Set(cached!.keys) == Set(site.initiatives.map(\.slug))
        let toBuild = site.initiatives.filter { !incremental || changed.contains($0.slug) }
        mark("read cache")

        let stylesheetBytes = templates.assets["assets/style.css"] ?? []
        let stylesheet = "assets/style.\(hex(fnv1a(stylesheetBytes)).prefix(10)).css"
        let frame = PageFrame(
            config: config, paths: SitePaths(baseURL: config.baseURL), templates: templates, stylesheet: stylesheet,
            initiatives: site.initiatives.map { ($0.slug, $0.name) },
            liveReloadScript: options.liveReloadScript)

        // 3–5. Per initiative: load, validate, compute, render, write into the staging folder.
        let writer = SiteWriter(output: options.outputDirectory)
        var staged = false
        if write && !siteLevelErrors {
            do { try writer.begin(incremental: incremental); staged = true } catch {
                return finish(BuildReport(diagnostics: [.error(SourceLocation(path: options.outputDirectory), "\(error)")]))
            }
        }
        progress?("render")
        let stampsBySlug = Dictionary(uniqueKeysWithValues: zip(site.initiatives.map(\.slug), stamps))
        // The previous entries of the initiatives being rebuilt (their file hashes say what to write).
        let previous: [String: InitiativeEntry] = incremental
            ? Dictionary(uniqueKeysWithValues: toBuild.compactMap { folder in cached?[folder.slug]?.entry().map { (folder.slug, $0) } })
            : [:]
        // Many initiatives: one per core at a time. A few (one changed initiative; one very large one beside small
        // ones): one after another, each using every core inside (its pages, open data and indicators). Not both:
        // libdispatch runs a concurrentPerform nested in another one serially.
        let fewInitiatives = toBuild.count <= 4 * ProcessInfo.processInfo.activeProcessorCount
        func build(_ folder: InitiativeFolder) -> InitiativeBuild {
            InitiativeBuild.run(folder: folder, stamps: stampsBySlug[folder.slug] ?? [], config: config, frame: frame,
                                writer: staged ? writer : nil, previous: previous[folder.slug], parallelPages: fewInitiatives)
        }
        let units = fewInitiatives ? toBuild.map(build) : parallelMap(toBuild, build)
        mark("initiatives: load, validate, compute, render, write")
        diagnostics += units.flatMap(\.diagnostics)
        let failed = diagnostics.hasErrors || (options.strict && !diagnostics.isEmpty)
        if failed || !write {
            if staged { writer.abandon() }
            return finish(BuildReport(diagnostics: unique(diagnostics)))
        }

        // Site-wide pages from every initiative's entry (fresh or cached), in folder order. In an incremental
        // build, a site-wide file is rendered again only when what it shows changed, and cached entries are
        // decoded only then.
        let fresh = Dictionary(uniqueKeysWithValues: units.compactMap(\.entry).map { ($0.slug, $0) })
        for folder in site.initiatives where fresh[folder.slug] == nil { diagnostics += cached?[folder.slug]?.warnings ?? [] }
        func differs<T: Equatable>(_ part: (InitiativeEntry) -> T) -> Bool {
            !incremental || fresh.values.contains { entry in previous[entry.slug].map(part) != part(entry) }
        }
        var decoded: [InitiativeEntry]?
        func entries() -> [InitiativeEntry] {
            if let decoded { return decoded }
            let all = site.initiatives.compactMap { fresh[$0.slug] ?? previous[$0.slug] ?? cached?[$0.slug]?.entry() }
            decoded = all
            return all
        }
        var siteFiles: [RenderedFile] = []
        if differs({ [$0.cardHTML] + $0.partnerIDs + $0.collectiveStatuses.map(\.rawValue) }) {
            siteFiles.append(SitePages(frame: frame, entries: entries()).home())
        }
        if differs(\.feedEntries) { siteFiles.append(SitePages(frame: frame, entries: entries()).feed()) }
        if differs(\.pages) { siteFiles.append(SitePages(frame: frame, entries: entries()).sitemap()) }
        if differs(\.openData) {
            siteFiles.append(RenderedFile(path: "data/initiatives.json",
                                          bytes: Array(OpenData.initiativesJSON(fragments: entries().map(\.openData)).utf8), isPage: false))
        }
        if !incremental {
            siteFiles.append(SitePages(frame: frame, entries: []).notFound())
            siteFiles.append(RenderedFile(path: stylesheet, bytes: stylesheetBytes, isPage: false))
            for (path, bytes) in templates.assets.sorted(by: { $0.key < $1.key }) where path != "assets/style.css" {
                siteFiles.append(RenderedFile(path: path, bytes: bytes, isPage: false))
            }
        }
        mark("site-wide pages")
        progress?("write")
        do {
            for file in siteFiles { try writer.write(file.bytes, to: file.path) }
            if incremental {
                try writer.commitIncremental(files: units.flatMap(\.changedFiles) + siteFiles.map(\.path),
                                             removed: units.flatMap(\.removedFiles))
            } else {
                try writer.commit(keeping: Set(units.flatMap(\.changedFiles) + siteFiles.map(\.path)))
            }
        } catch {
            writer.abandon()
            return finish(BuildReport(diagnostics: unique(diagnostics + [.error(SourceLocation(path: options.outputDirectory), "\(error)")])))
        }
        mark("commit")
        cache.save(key: key, built: Array(fresh.values), all: site.initiatives.map(\.slug), full: !incremental)
        mark("save cache")

        var report = BuildReport(diagnostics: unique(diagnostics))
        report.pagesWritten = units.reduce(0) { $0 + $1.pagesWritten } + siteFiles.filter(\.isPage).count
        report.filesWritten = units.reduce(0) { $0 + $1.filesWritten } + siteFiles.count
        report.rebuilt = incremental ? toBuild.map(\.slug) : ["everything"]
        return finish(report)
    }

    static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }.sortedForDisplay()
    }

    /// Everything that, when it changes, changes every page: the binary, site.yaml, the theme, the options, and
    /// the initiatives' names (every page's navigation lists them).
    static func siteKey(options: BuildOptions, config: SiteConfig, templatesDirectory: String, navigation: [String]) -> String {
        var parts: [String] = ["collective-cache-1"] + navigation
        if let binary = FileStamp.file("/proc/self/exe") { parts.append("\(binary.size):\(binary.modified)") }
        parts.append("\(config)")
        parts.append(options.liveReloadScript ?? "-")
        for stamp in FileStamp.tree(templatesDirectory) { parts.append("\(stamp.path):\(stamp.size):\(stamp.modified)") }
        return hex(fnv1a(Array(parts.joined(separator: "\n").utf8)))
    }

    static func seconds(since start: ContinuousClock.Instant, _ clock: ContinuousClock,
                        now: ContinuousClock.Instant? = nil) -> Double {
        let elapsed = (now ?? clock.now) - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// 64-bit FNV-1a: a stable content hash for asset names and the build cache.
func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash ^= UInt64(byte)
        hash &*= 0x100_0000_01b3
    }
    return hash
}

/// A fast 64-bit hash of a file's bytes, eight bytes at a time, to tell whether a rendered file changed between
/// builds (stored in the build cache, so it must be the same in every process: no random seed).
func contentHash(_ bytes: [UInt8]) -> UInt64 {
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset + 8 <= raw.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        for index in offset..<raw.count { tail = tail << 8 | UInt64(raw[index]) }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 29
    }
    return hash
}

func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
