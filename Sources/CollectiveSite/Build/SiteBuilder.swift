import Dispatch
import Foundation
import ImpactDomain

/// The pipeline, in the order it runs: load the site and theme → plan the rebuild → build the initiatives (each:
/// load, validate, compute, render, write) → the site-wide pages → commit → save the cache.
///
/// Each initiative is one unit of work (loaded, validated, computed and rendered on its own core, its pages
/// written as soon as they are rendered so memory stays flat); the site-wide pages are then assembled from
/// what each initiative contributed. With a build cache, unchanged initiatives are not read at all.
public enum SiteBuilder {
    /// Templates every theme must provide.
    static let requiredTemplates = ["layout", "home", "initiative", "report", "partner", "indicator", "brief",
                                    "systems-change", "404", "feed", "sitemap", "partials/initiative-card"]
    /// Templates a theme needs when content/funders.csv lists funders.
    static let funderTemplates = ["funders", "funder"]

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
        var build = SiteBuild(options: options, writing: write, progress: progress)
        build.stage("load site, theme") { $0.loadSiteAndTheme() }
        build.stage("plan the rebuild") { $0.planRebuild() }
        build.stage("initiatives: load, validate, compute, render, write") { $0.buildInitiatives() }
        build.stage("site-wide pages") { $0.renderSiteWidePages() }
        build.stage("commit") { $0.commit() }
        build.stage("save cache") { $0.saveCache() }
        return build.report()
    }

    /// A build's final diagnostics: each once, with its spreadsheet cell named, in display order.
    static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return SpreadsheetCells.name(diagnostics.filter { seen.insert($0).inserted }).sortedForDisplay()
    }

    /// Everything that, when it changes, changes every page: the binary, site.yaml, the theme, the options, and
    /// the initiatives' names (every page's navigation lists them).
    static func siteKey(options: BuildOptions, config: SiteConfig, templatesDirectory: String, navigation: [String]) -> String {
        var parts: [String] = ["collective-cache-1"] + navigation
        if let binary = FileStamp.file("/proc/self/exe") { parts.append("\(binary.size):\(binary.modified)") }
        parts.append("\(config)")
        parts.append(options.liveReloadScript ?? "-")
        // Revisions are listed against the previous site: a different one changes the pages that list them.
        if let previous = options.previousSite { parts += ["previous:" + previous] + PreviousSite(root: previous).stamps() }
        for stamp in FileStamp.tree(templatesDirectory) { parts.append("\(stamp.path):\(stamp.size):\(stamp.modified)") }
        return hex(fnv1a(Array(parts.joined(separator: "\n").utf8)))
    }

    static func seconds(since start: ContinuousClock.Instant, _ clock: ContinuousClock,
                        now: ContinuousClock.Instant? = nil) -> Double {
        let elapsed = (now ?? clock.now) - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// 64-bit FNV-1a: a stable hash for the stylesheet's name and the build cache's site key.
func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash ^= UInt64(byte)
        hash &*= 0x100_0000_01b3
    }
    return hash
}

/// A fast 64-bit hash of a file's bytes, to tell whether a rendered file changed between builds (stored in the
/// build cache, so it must be the same in every process: no random seed). Four independent lanes of eight bytes
/// each: one lane is a chain of dependent multiplications (about a byte per cycle, ≈ 1 s of CPU over the 2.4 GB
/// of the benchmark's large site); four let the processor overlap them.
func contentHash(_ bytes: [UInt8]) -> UInt64 {
    let multiplier: UInt64 = 0xFF51_AFD7_ED55_8CCD
    @inline(__always) func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let product = (hash ^ word) &* multiplier
        return product ^ (product >> 32)
    }
    let seed: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var lanes = (seed, seed &+ 0x6A09_E667_F3BC_C908, seed &+ 0xBB67_AE85_84CA_A73B, seed &+ 0x3C6E_F372_FE94_F82B)
    var hash: UInt64 = 0
    bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset + 32 <= raw.count {
            lanes.0 = mix(lanes.0, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            lanes.1 = mix(lanes.1, raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            lanes.2 = mix(lanes.2, raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
            lanes.3 = mix(lanes.3, raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
            offset += 32
        }
        while offset + 8 <= raw.count {
            lanes.0 = mix(lanes.0, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        var tail: UInt64 = 0
        for index in offset..<raw.count { tail = tail << 8 | UInt64(raw[index]) }
        hash = mix(mix(mix(mix(lanes.0 ^ tail, lanes.1), lanes.2), lanes.3), UInt64(raw.count - offset))
        hash = (hash ^ (hash >> 29)) &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 32
    }
    return hash
}

/// The hash of a file written as parts (`RenderedFile.parts`): each part's hash, combined in order with the count.
func contentHash(parts: [[UInt8]]) -> UInt64 {
    var hash: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(parts.count)
    for part in parts {
        hash = (hash ^ contentHash(part)) &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 32
    }
    return hash
}

func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
