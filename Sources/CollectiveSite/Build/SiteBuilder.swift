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
/// build cache, so it must be the same in every process: no random seed). Every output byte goes through it (1.6 GB
/// on the benchmark's large site), so it takes 16 bytes per multiplication: two words multiplied at full width
/// (64 × 64 → 128 bits) and the halves folded, as wyhash does, in four independent lanes that the processor
/// overlaps. Each lane also keeps its previous value, so no input word can wipe out what came before it.
func contentHash(_ bytes: [UInt8]) -> UInt64 {
    bytes.withUnsafeBytes { contentHash($0) }
}

func contentHash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
    @inline(__always) func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        return high ^ low
    }
    // Odd constants whose bytes include 0xFF, which UTF-8 never has: a text's word cannot cancel one to zero.
    let k0: UInt64 = 0xA076_1D64_78BD_642F, k1: UInt64 = 0xE703_7ED1_A0B4_28DB
    let k2: UInt64 = 0x8EBC_6AF0_9C88_C6E3, k3: UInt64 = 0xFF58_9965_CC75_A1FF
    let count = raw.count
    var a = k0 ^ UInt64(count), b = k1, c = k2, d = k3
    if let base = raw.baseAddress {
        @inline(__always) func word(_ at: UnsafeRawPointer, _ offset: Int) -> UInt64 {
            UInt64(littleEndian: at.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        // A pointer that moves and a count of blocks that goes down: the loop is its 28 instructions of hashing and
        // three of its own (offsets compared with the count took six more, checked for overflow, and moves).
        var at = base
        let end = base + count
        var blocks = count >> 6
        while blocks != 0 {
            a ^= fold(word(at, 0) ^ a, word(at, 8) ^ k3)
            b ^= fold(word(at, 16) ^ b, word(at, 24) ^ k3)
            c ^= fold(word(at, 32) ^ c, word(at, 40) ^ k3)
            d ^= fold(word(at, 48) ^ d, word(at, 56) ^ k3)
            at += 64
            blocks &-= 1
        }
        var pairs = (count & 63) >> 4
        while pairs != 0 {
            a ^= fold(word(at, 0) ^ a, word(at, 8) ^ k3)
            at += 16
            pairs &-= 1
        }
        // The last 1-15 bytes, as two words (the first 8 and the last 8 of them, overlapping when fewer than 16).
        let left = end - at
        if left >= 8 {
            a ^= fold(word(at, 0) ^ a, word(end, -8) ^ k2)
        } else if left > 0 {
            var tail: UInt64 = 0
            for index in 0..<left { tail = tail << 8 | UInt64(at.load(fromByteOffset: index, as: UInt8.self)) }
            a ^= fold(tail ^ a, k2)
        }
    }
    let hash = fold(fold(a ^ k1, b ^ UInt64(count)) ^ c, d ^ k0)
    return fold(hash ^ k2, hash ^ k1)
}

/// The hash of a file written as parts, from each part's `contentHash` (`FileParts`), combined in order with the
/// count: a part shared by several files is hashed once for all of them.
func contentHash(partHashes: [UInt64]) -> UInt64 {
    var hash: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(partHashes.count)
    for part in partHashes {
        hash = (hash ^ part) &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 32
    }
    return hash
}

/// Bytes rendered once for several files (an indicator's rows of results.csv are also its own CSV), with their
/// `contentHash`, computed once for all of them.
struct HashedPart: Sendable {
    let bytes: [UInt8]
    let hash: UInt64

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        hash = contentHash(bytes)
    }
}

/// A file's parts (`RenderedFile.parts`), each with its hash, for the file's hash (`contentHash(partHashes:)`).
struct FileParts: Sendable {
    private(set) var bytes: [[UInt8]] = []
    private(set) var hashes: [UInt64] = []

    init() {}

    init(_ parts: [HashedPart]) {
        bytes = parts.map(\.bytes)
        hashes = parts.map(\.hash)
    }

    /// A part hashed here.
    mutating func append(_ part: [UInt8]) { append(part, hash: contentHash(part)) }

    mutating func append(_ part: HashedPart) { append(part.bytes, hash: part.hash) }

    /// A part whose hash is known: its own `contentHash`, or that of the bytes it is made from by a fixed rule (an
    /// indicator's entry of results.json `outdented` for its own JSON). The hash is compared only with the same
    /// file's in the previous build, made by the same rule (a new binary rebuilds everything): it changes whenever
    /// the part's bytes do.
    mutating func append(_ part: [UInt8], hash: UInt64) {
        bytes.append(part)
        hashes.append(hash)
    }

    var hash: UInt64 { contentHash(partHashes: hashes) }
}

func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
