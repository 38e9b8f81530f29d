import Foundation
import ImpactDomain

/// The build cache (`.collective-cache/<output name>/` beside the output folder; safe to delete at any time).
///
/// An initiative is rebuilt when any of its files changed (size or modification time); every other initiative
/// contributes to the site-wide pages from its cached `InitiativeEntry` without being read again. The rebuilt
/// initiative is rendered whole (so no page can go stale through a dependency we failed to track), but only
/// files whose bytes changed are written: the entry keeps a hash of every file. A change to
/// `site.yaml`, to any template, to the options or to the `collective` binary itself invalidates the whole cache.
struct BuildCache {
    let directory: String

    init(output: String) {
        directory = PathName.cacheBeside(output: output)
    }

    /// The cached initiatives, when the cache was written for the same site key; nil means "build everything".
    /// Only each entry's stamps and warnings are decoded here; the rest (pages, file hashes, feed entries…) is
    /// decoded by `CachedInitiative.entry()` for the few initiatives that need it.
    func load(key: String) -> [String: CachedInitiative]? {
        guard let stored = try? String(contentsOfFile: directory + "/site.key", encoding: .utf8), stored == key else { return nil }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".entry") }
        // Read and checked on every core (a few MB for a large portfolio; this is on the path of every rebuild).
        let read: [CachedInitiative?] = parallelMap(names) { name in
            // Each file ends with a hash of the rest, so a damaged or truncated entry is never half-trusted.
            guard let data = FileManager.default.contents(atPath: directory + "/" + name), data.count > 8 else { return nil }
            let bytes = [UInt8](data)
            let body = Array(bytes.dropLast(8))
            guard bytes.suffix(8).elementsEqual(Self.checksum(body)) else { return nil }
            return CachedInitiative(archive: body)
        }
        var entries: [String: CachedInitiative] = [:]
        for entry in read {
            guard let entry else { return nil }
            entries[entry.slug] = entry
        }
        return entries
    }

    /// Writes the entries of the initiatives built this time; `all` is every initiative of the site (entries of
    /// others are removed); `full` starts the cache afresh. Failures are ignored: the cache only ever saves time.
    func save(key: String, built: [InitiativeEntry], all: [String], full: Bool) {
        let fm = FileManager.default
        if full { startAfresh() } else { try? fm.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let keep = Set(all.map { $0 + ".entry" })
        for name in (try? fm.contentsOfDirectory(atPath: directory)) ?? [] where name.hasSuffix(".entry") && !keep.contains(name) {
            try? fm.removeItem(atPath: directory + "/" + name)
        }
        for entry in built { store(entry) }
        seal(key: key)
    }

    /// A full build's cache, in three steps so that its entries are written while the site is built, each on the
    /// core that built its initiative, rather than after the site is written: `startAfresh()` before any
    /// initiative is built, `store` each entry, and `seal` once the site is committed. Until then there is no site
    /// key, so a build that fails or is killed half-way leaves a cache that is never used (a full build's previous
    /// cache is of no use either: it was for another site key, or for an output that is gone).
    func startAfresh() {
        let fm = FileManager.default
        try? fm.removeItem(atPath: directory)
        try? fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Writes one initiative's entry, ending with a checksum of the rest.
    func store(_ entry: InitiativeEntry) {
        let body = entry.archive()
        Self.write(body + Self.checksum(body), to: directory + "/" + entry.slug + ".entry")
    }

    /// Writes the site key, last: the entries are trusted from then on.
    func seal(key: String) {
        Self.write(Array(key.utf8), to: directory + "/site.key")
    }

    /// Writes one file of the cache as a new file, without the `fsync` of Foundation's atomic write (`createFile`
    /// syncs every file: 3.5 ms each here, a tenth of a second for a large portfolio, all of it after the site is
    /// written). Nothing is lost: a file cut short by a crash fails its checksum (`load`), and a site key that is
    /// not the whole key matches none, so the next build builds everything. Unlinked first rather than truncated:
    /// ext4 flushes a file truncated to zero and written again when it is closed.
    static func write(_ bytes: [UInt8], to path: String) {
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        bytes.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let count = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
                guard count > 0 else { return }
                written += count
            }
        }
    }

    static func checksum(_ body: [UInt8]) -> [UInt8] {
        withUnsafeBytes(of: contentHash(body).littleEndian) { Array($0) }
    }
}

/// Size and modification time of one input file.
struct FileStamp: Hashable, Sendable {
    var path: String
    var size: Int64
    var modified: Int64

    /// Every regular file under `directory` (recursively), sorted by path. Symbolic links are stamped as links.
    static func tree(_ directory: String) -> [FileStamp] {
        var stamps: [FileStamp] = []
        // fstatat relative to the open folder: no path lookup from the root for each of thousands of files.
        func walk(_ path: String) {
            let fd = open(path, O_RDONLY | O_DIRECTORY)
            guard fd >= 0, let dir = fdopendir(fd) else { return }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let child = path + "/" + name
                if entry.pointee.d_type == UInt8(DT_DIR) {
                    walk(child)
                    continue
                }
                var info = stat()
                guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                if (info.st_mode & S_IFMT) == S_IFDIR {
                    walk(child)
                } else {
                    stamps.append(FileStamp(path: child, size: Int64(info.st_size),
                                            modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)))
                }
            }
        }
        walk(directory)
        return stamps.sorted { $0.path < $1.path }
    }

    static func file(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(path: path, size: Int64(info.st_size),
                         modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }
}

/// One Atom entry of a quarterly report.
struct FeedEntry: Hashable, Sendable {
    var period: Period
    var title: String
    var path: String
    var summary: String
    var language: String
}

/// What one initiative contributes to the site-wide pages (home, feed, sitemap, data/initiatives.json),
/// kept in the build cache so that an unchanged initiative is not read again.
struct InitiativeEntry: Hashable, Sendable {
    var slug: String
    var name: String
    var stamps: [FileStamp]
    /// Warnings found in this initiative (errors stop the build, so a cached initiative never has any).
    var warnings: [Diagnostic]
    /// The initiative's card on the home page, rendered from `partials/initiative-card`.
    var cardHTML: String
    /// Latest status of each collective indicator (qualitative ones excluded), for the portfolio summary.
    var collectiveStatuses: [Status]
    var partnerIDs: [String]
    var feedEntries: [FeedEntry]
    /// Every page written for the initiative, for the sitemap.
    var pages: [String]
    /// Every file of the initiative (pages and open data) with the `contentHash` of its bytes: an incremental
    /// build renders the changed initiative again and writes only the files whose bytes differ.
    var fileHashes: [String: UInt64]
    /// This initiative's object in data/initiatives.json.
    var openData: String
    /// Its `MoneySummary` as JSON ("" when it reports no money), for the home page, funder pages and funders.json.
    var money: String = ""
    /// How many texts are not translated yet, per language of the initiative (the build prints the totals).
    var untranslated: [String: Int] = [:]
}

// MARK: A small binary archive: fast to read back (the cache is read on every incremental build).

struct ArchiveWriter {
    var bytes: [UInt8] = []
    mutating func int(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func string(_ value: String) {
        let utf8 = Array(value.utf8)
        int(Int64(utf8.count))
        bytes.append(contentsOf: utf8)
    }
    mutating func strings(_ values: [String]) { int(Int64(values.count)); values.forEach { string($0) } }
}

struct ArchiveReader {
    let bytes: [UInt8]
    var offset = 0
    var failed = false

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func int() -> Int64 {
        guard offset + 8 <= bytes.count else { failed = true; return 0 }
        var value: Int64 = 0
        withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes[offset..<offset + 8]) }
        offset += 8
        return Int64(littleEndian: value)
    }

    mutating func string() -> String {
        let count = Int(int())
        guard count >= 0, offset + count <= bytes.count else { failed = true; return "" }
        defer { offset += count }
        return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }

    mutating func strings() -> [String] {
        let count = Int(int())
        guard count >= 0, count <= bytes.count else { failed = true; return [] }
        return (0..<count).map { _ in string() }
    }
}

extension InitiativeEntry {
    static let version: Int64 = 4

    /// The header (version, slug, stamps, warnings) comes first, so it can be read without the rest.
    func archive() -> [UInt8] {
        var w = ArchiveWriter()
        w.int(Self.version)
        w.string(slug)
        w.int(Int64(stamps.count))
        for stamp in stamps { w.string(stamp.path); w.int(stamp.size); w.int(stamp.modified) }
        w.int(Int64(warnings.count))
        for d in warnings {
            w.string(d.location.path); w.int(Int64(d.location.line)); w.int(Int64(d.location.column))
            w.string(d.message); w.string(d.hint ?? "\u{0}")
        }
        w.strings(untranslated.sorted { $0.key < $1.key }.flatMap { [$0.key, String($0.value)] })
        w.string(name)
        w.string(cardHTML)
        w.strings(collectiveStatuses.map(\.rawValue))
        w.strings(partnerIDs)
        w.int(Int64(feedEntries.count))
        for e in feedEntries { w.string(e.period.description); w.string(e.title); w.string(e.path); w.string(e.summary); w.string(e.language) }
        w.strings(pages)
        w.int(Int64(fileHashes.count))
        for (path, hash) in fileHashes.sorted(by: { $0.key < $1.key }) { w.string(path); w.int(Int64(bitPattern: hash)) }
        w.string(openData)
        w.string(money)
        return w.bytes
    }

    init?(archive bytes: [UInt8]) {
        var r = ArchiveReader(bytes)
        guard let header = CachedInitiative(reading: &r) else { return nil }
        slug = header.slug; stamps = header.stamps; warnings = header.warnings; untranslated = header.untranslated
        name = r.string()
        cardHTML = r.string()
        collectiveStatuses = r.strings().compactMap(Status.init(rawValue:))
        partnerIDs = r.strings()
        let feedCount = Int(r.int())
        guard feedCount >= 0, feedCount <= bytes.count else { return nil }
        var entries: [FeedEntry] = []
        for _ in 0..<feedCount {
            let period = Period(r.string())
            let entry = (r.string(), r.string(), r.string(), r.string())
            guard let period else { return nil }
            entries.append(FeedEntry(period: period, title: entry.0, path: entry.1, summary: entry.2, language: entry.3))
        }
        feedEntries = entries
        pages = r.strings()
        let hashCount = Int(r.int())
        guard hashCount >= 0, hashCount <= bytes.count else { return nil }
        var hashes: [String: UInt64] = [:]
        hashes.reserveCapacity(hashCount)
        for _ in 0..<hashCount {
            let path = r.string()
            hashes[path] = UInt64(bitPattern: r.int())
        }
        fileHashes = hashes
        openData = r.string()
        money = r.string()
        if r.failed || r.offset != bytes.count { return nil }
    }
}

/// An initiative in the build cache: its header is decoded when the cache is read (stamps, to see what changed;
/// warnings, to report them again); the whole entry only when needed.
struct CachedInitiative: Sendable {
    var slug: String
    var stamps: [FileStamp]
    var warnings: [Diagnostic]
    /// Untranslated texts per language (in the header: the build prints the site's totals on every run).
    var untranslated: [String: Int] = [:]
    let bytes: [UInt8]

    init?(archive bytes: [UInt8]) {
        var r = ArchiveReader(bytes)
        guard let header = CachedInitiative(reading: &r) else { return nil }
        self = header
    }

    /// Reads the header from `r`, leaving it just after.
    fileprivate init?(reading r: inout ArchiveReader) {
        guard r.int() == InitiativeEntry.version else { return nil }
        slug = r.string()
        let stampCount = Int(r.int())
        guard stampCount >= 0, stampCount <= r.bytes.count else { return nil }
        stamps = (0..<stampCount).map { _ in FileStamp(path: r.string(), size: r.int(), modified: r.int()) }
        let warningCount = Int(r.int())
        guard warningCount >= 0, warningCount <= r.bytes.count else { return nil }
        warnings = (0..<warningCount).map { _ in
            let location = SourceLocation(path: r.string(), line: Int(r.int()), column: Int(r.int()))
            let message = r.string(), hint = r.string()
            return .warning(location, message, hint: hint == "\u{0}" ? nil : hint)
        }
        let counts = r.strings()
        for index in stride(from: 0, to: counts.count - 1, by: 2) { untranslated[counts[index]] = Int(counts[index + 1]) ?? 0 }
        bytes = r.bytes
        if r.failed { return nil }
    }

    /// The whole entry; nil if the archive is damaged.
    func entry() -> InitiativeEntry? { InitiativeEntry(archive: bytes) }
}
