import CSystem
import Foundation
import ImpactDomain

/// Writes a whole site atomically: every file goes into a staging folder beside the output folder, which
/// replaces the output only when everything was written. A failed or killed build leaves the previous site
/// exactly as it was; leftovers of a killed build are recycled or removed by the next run.
///
/// The folder a full build replaces is not deleted: it is kept as the *spare* (`.collective-cache/<name>.spare`,
/// beside the build cache; safe to delete) and becomes the next full build's staging folder, whose files are
/// overwritten in place and whose stale files are pruned. Deleting tens of thousands of files and creating as many
/// new ones is what a rebuild would otherwise spend most of its time on: measured on the 31,002-page benchmark
/// site, removing the old site took 6.6 s, and ext4 then spends minutes skipping the freshly freed inodes every
/// time it creates a file (`recently_deleted` in fs/ext4/ialloc.c).
public struct SiteWriter {
    public let output: String
    let staging: String
    let retired: String
    let spare: String
    /// Marks a folder as written by Collective, so that a mistyped `--output` never deletes a user's folder.
    public static let marker = ".collective-site"

    public init(output: String) {
        var output = output
        while output.count > 1, output.hasSuffix("/") { output.removeLast() }
        self.output = output
        let pid = ProcessInfo.processInfo.processIdentifier
        self.staging = "\(output).staging-\(pid)"
        self.retired = "\(output).previous-\(pid)"
        self.spare = PathName.cacheBeside(output: output, suffix: ".spare")
    }

    public enum WriteError: Error, CustomStringConvertible {
        case notASite(String)
        case notAFolder(String)
        case io(String, String)

        public var description: String {
            switch self {
            case .notASite(let path):
                "`\(path)` exists and was not written by collective; refusing to replace it. Choose another --output or remove it yourself"
            case .notAFolder(let path):
                "`\(path)` is a file, not a folder; refusing to replace it. Choose another --output (the site is a folder)"
            case .io(let path, let reason): "cannot write `\(path)`: \(reason)"
            }
        }
    }

    /// Removes staging folders left by builds that were killed (their process is gone), keeping one as the spare.
    public func removeLeftovers() {
        let parent = PathName.parent(output)
        let base = PathName.last(output)
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: parent.isEmpty ? "." : parent)) ?? [] {
            for prefix in ["\(base).staging-", "\(base).previous-"] where name.hasPrefix(prefix) {
                guard let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) != 0 || pid == getpid() else { continue }
                let path = parent.isEmpty ? name : parent + "/" + name
                if fm.fileExists(atPath: path + "/" + Self.marker), !keepAsSpare(path) { try? fm.removeItem(atPath: path) }
            }
        }
    }

    /// Creates the staging folder: the spare when there is one (a full build), else an empty folder. Files are
    /// then written with `write(_:to:)`, then `commit(keeping:)` swaps it in. An incremental build stages only
    /// what changed, in an empty folder, and applies it with `commitIncremental`. Returns true when the staging
    /// folder is the recycled spare, whose files this build did not write must be pruned when committing.
    @discardableResult
    public func begin(incremental: Bool = false) throws -> Bool {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: output, isDirectory: &isFolder), !isFolder.boolValue {
            throw WriteError.notAFolder(output)
        }
        if fm.fileExists(atPath: output), !fm.fileExists(atPath: output + "/" + Self.marker),
           let contents = try? fm.contentsOfDirectory(atPath: output), !contents.isEmpty {
            throw WriteError.notASite(output)
        }
        removeLeftovers()
        try? fm.removeItem(atPath: staging)
        let recycled = !incremental && fm.fileExists(atPath: spare + "/" + Self.marker) && rename(spare, staging) == 0
        if !recycled {
            do {
                try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
            } catch {
                throw WriteError.io(staging, "\(error)")
            }
        }
        try write(Array("Written by collective. This whole folder is replaced on every build.\n".utf8), to: Self.marker)
        return recycled
    }

    /// Moves a folder this writer made to the spare's place, unless there already is a spare. True when it did.
    @discardableResult
    func keepAsSpare(_ folder: String) -> Bool {
        guard !FileManager.default.fileExists(atPath: spare) else { return false }
        try? FileManager.default.createDirectory(atPath: PathName.parent(spare),
                                                 withIntermediateDirectories: true)
        return rename(folder, spare) == 0
    }

    /// Writes one file (path relative to the site root) into the staging folder, creating folders as needed.
    public func write(_ bytes: [UInt8], to relativePath: String) throws {
        try write(to: relativePath, size: bytes.count) { fd, padding in
            padding == 0 ? bytes.withUnsafeBytes { Self.writeAll($0, to: fd) } : Self.writeAll([bytes], padding: padding, to: fd)
        }
    }

    /// Writes one file made of `parts`, one after another (a large data file whose parts were rendered for other
    /// files too: nothing is joined into one buffer).
    func write(parts: [[UInt8]], to relativePath: String) throws {
        try write(to: relativePath, size: parts.reduce(0) { $0 + $1.count }) { Self.writeAll(parts, padding: $1, to: $0) }
    }

    /// Opens the file, has `contents` write its `size` bytes, and closes it. A fresh build makes every file new:
    /// `open(O_CREAT | O_EXCL)`, `write`, `close`, and a `mkdir` only when the folder is not there yet (the first
    /// file of each folder), rather than a `mkdir` and an `fstat` for every file. The folder's name is looked for
    /// only then (`String.lastIndex(of:)` walks characters: ≈ 4,500 instructions a file). `contents` writes the
    /// bytes and then as many zeros as it is given (`padding`, in the same calls; see `overwritePadding`).
    private func write(to relativePath: String, size total: Int, contents: (Int32, Int) -> Bool) throws {
        let path = staging + "/" + relativePath
        var fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        var created = fd >= 0
        if fd < 0, errno == ENOENT || errno == ENOTDIR, let slash = relativePath.utf8.lastIndex(of: UInt8(ascii: "/")) {
            let folder = String(relativePath[..<slash])
            // The folder is missing, or the spare holds a file where this build needs a folder (mkdir reports
            // EEXIST for a file in the way, so that shows up only as ENOTDIR when opening).
            let directory = staging + "/" + folder
            if mkdirs(directory) == 0 { fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
            if fd < 0, errno == ENOTDIR || errno == ENOENT {
                clearFiles(along: folder)
                guard mkdirs(directory) == 0 else { throw WriteError.io(directory, String(cString: strerror(errno))) }
                fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            }
            created = fd >= 0
        }
        if fd < 0, errno == EEXIST {
            // A file of the spare: overwritten from the start to a whole page and then cut to length
            // (`overwritePadding`), never truncated to zero first (ext4 flushes a file truncated to zero and written
            // again on close: its replace-via-truncate heuristic).
            fd = open(path, O_WRONLY)
            if fd < 0, errno == EISDIR {
                // …or a folder where this build writes a file.
                try? FileManager.default.removeItem(atPath: path)
                fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
                created = fd >= 0
            }
        }
        guard fd >= 0 else { throw WriteError.io(path, String(cString: strerror(errno))) }
        defer { close(fd) }
        guard contents(fd, created ? 0 : Self.overwritePadding(total)) else {
            throw WriteError.io(path, String(cString: strerror(errno)))
        }
        if !created, ftruncate(fd, off_t(total)) != 0 { throw WriteError.io(path, String(cString: strerror(errno))) }
    }

    /// The zeros written after `size` bytes that overwrite a file of the spare, so that its last page is written
    /// whole; the file is then cut to `size` (`ftruncate`, within that page).
    ///
    /// A write that covers only part of a block the file already has makes the kernel read that block from disk
    /// first, to keep the block's other bytes: one synchronous read for nearly every file whenever the spare is not
    /// in the page cache (a quarter after the last build, or after a reboot). Measured on the 31,002-page benchmark
    /// site from a dropped page cache: a build into the spare read 264 MB of it back. Written to a whole page, no
    /// block is written in part and nothing is read; cut within that page afterwards, no block is freed either
    /// (cutting to a whole block before writing, tried first, freed and reallocated every file's last block, and
    /// on a disk mounted with `discard` that was 46,751 synchronous discards, 3.2 s of the device's time).
    static func overwritePadding(_ size: Int) -> Int {
        let partial = size % pageSize
        return partial == 0 ? 0 : pageSize - partial
    }

    static let pageSize = max(Int(sysconf(Int32(_SC_PAGESIZE))), 512)

    /// Zeros for `overwritePadding` (less than a page: written from here, never allocated per file).
    private static let zeros = [UInt8](repeating: 0, count: pageSize)

    /// Writes `parts` one after another to `fd`, then `padding` zero bytes (less than a page): one `write` for one
    /// part, one `writev` for many (results.json is 61 parts for 30 indicators: one system call rather than 61), the
    /// zeros in the last call. False on an error, with `errno` set.
    static func writeAll(_ parts: [[UInt8]], padding: Int = 0, to fd: Int32) -> Bool {
        if parts.count == 1, padding == 0 { return parts[0].withUnsafeBytes { writeAll($0, to: fd) } }
        let padding = min(padding, zeros.count)
        // Each part's bytes stay valid only inside its own `withUnsafeBytes`: the vectors are gathered by nesting
        // one call per part, and written inside the innermost. The nesting is bounded (`partsPerCall` parts, then
        // the next batch), so a file of thousands of parts cannot use up a worker thread's stack.
        var start = 0
        repeat {
            let end = min(start + partsPerCall, parts.count)
            var vectors: [iovec] = []
            vectors.reserveCapacity(end - start + 1)
            func gather(_ index: Int) -> Bool {
                guard index < end else {
                    guard end == parts.count, padding > 0 else { return writeVectors(&vectors, to: fd) }
                    return zeros.withUnsafeBytes { zeros in
                        vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: zeros.baseAddress!), iov_len: padding))
                        return writeVectors(&vectors, to: fd)
                    }
                }
                return parts[index].withUnsafeBytes { raw in
                    if let base = raw.baseAddress, raw.count > 0 {
                        vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: base), iov_len: raw.count))
                    }
                    return gather(index + 1)
                }
            }
            guard gather(start) else { return false }
            start = end
        } while start < parts.count
        return true
    }

    /// `write` until every byte is written (a short write goes on where it stopped).
    static func writeAll(_ raw: UnsafeRawBufferPointer, to fd: Int32) -> Bool {
        var written = 0
        while written < raw.count {
            let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
            guard n > 0 else { return false }
            written += n
        }
        return true
    }

    /// The most parts gathered into one `writev` (and so the deepest nesting of `writeAll`): results.json of an
    /// initiative with 60 indicators is one call. Below Linux's `IOV_MAX` (1024, the most vectors one `writev`
    /// takes; the C macro does not reach Swift).
    static let partsPerCall = 128

    /// `writev` until every vector is written (a short write goes on where it stopped).
    private static func writeVectors(_ vectors: inout [iovec], to fd: Int32) -> Bool {
        var first = 0
        while first < vectors.count {
            let written = vectors.withUnsafeBufferPointer { all in
                writev(fd, all.baseAddress! + first, Int32(all.count - first))
            }
            guard written > 0 else { return false }
            var left = written
            while first < vectors.count, left >= vectors[first].iov_len {
                left -= vectors[first].iov_len
                first += 1
            }
            if left > 0 {
                vectors[first].iov_base += left
                vectors[first].iov_len -= left
            }
        }
        return true
    }

    /// Swaps the staging folder in place of the output folder. `keeping` is every file this build wrote (paths
    /// relative to the site root): anything else in the staging folder, left there from the spare, is removed
    /// first. Nil when the staging folder was made empty (`begin` returned false): everything in it is this
    /// build's, and walking tens of thousands of files to find nothing to remove is skipped. The replaced output
    /// becomes the spare.
    public func commit(keeping: Set<String>?) throws {
        if let keeping { prune(keeping: keeping.union([Self.marker])) }
        let fm = FileManager.default
        if fm.fileExists(atPath: output) {
            guard rename(output, retired) == 0 else { throw WriteError.io(output, String(cString: strerror(errno))) }
        }
        guard rename(staging, output) == 0 else {
            _ = rename(retired, output)
            throw WriteError.io(output, String(cString: strerror(errno)))
        }
        if fm.fileExists(atPath: retired), !keepAsSpare(retired) { try? fm.removeItem(atPath: retired) }
    }

    /// Removes every file of the staging folder not in `keeping`, then the folders left empty.
    func prune(keeping: Set<String>) {
        func walk(_ relative: String) -> Bool {  // true when the folder is empty afterwards
            let path = relative.isEmpty ? staging : staging + "/" + relative
            guard let dir = opendir(path) else { return false }
            var empty = true
            var names: [(String, Bool)] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                names.append((name, entry.pointee.d_type == UInt8(DT_DIR)))
            }
            closedir(dir)
            for (name, isDirectory) in names {
                let child = relative.isEmpty ? name : relative + "/" + name
                if isDirectory {
                    if walk(child) { rmdir(staging + "/" + child) } else { empty = false }
                } else if keeping.contains(child) {
                    empty = false
                } else {
                    unlink(staging + "/" + child)
                }
            }
            return empty
        }
        _ = walk("")
    }

    /// Applies an incremental build: each changed file (written into the staging folder) replaces its old
    /// version by rename, which is atomic per file; then files the build no longer produces are removed.
    /// Everything was rendered and written before this point, so the window in which the site is part old,
    /// part new is a handful of renames.
    public func commitIncremental(files: [String], removed: [String]) throws {
        for file in files {
            let current = output + "/" + file
            if let slash = current.lastIndex(of: "/"), mkdirs(String(current[..<slash])) != 0 {
                throw WriteError.io(current, String(cString: strerror(errno)))
            }
            let fresh = staging + "/" + file
            // Swap rather than rename over the old file: ext4 flushes a file renamed over another at once
            // (auto_da_alloc), which can stall for seconds behind the write-back of a large previous build.
            if collective_exchange(fresh, current) == 0 {
                unlink(fresh)
                continue
            }
            guard rename(fresh, current) == 0 else { throw WriteError.io(current, String(cString: strerror(errno))) }
        }
        for file in removed { unlink(output + "/" + file) }
        try? FileManager.default.removeItem(atPath: staging)
    }

    /// Drops the staging folder after a failure (keeping it as the spare when there is none); the previous site
    /// is untouched.
    public func abandon() {
        if !keepAsSpare(staging) { try? FileManager.default.removeItem(atPath: staging) }
    }

    /// Removes whatever is not a folder at each step of `relativeFolder` inside the staging folder.
    private func clearFiles(along relativeFolder: String) {
        var prefix = staging
        for part in relativeFolder.split(separator: "/") {
            prefix += "/" + part
            var info = stat()
            if lstat(prefix, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR { unlink(prefix) }
        }
    }

    /// `mkdir -p` with few system calls: tries the deepest folder first.
    private func mkdirs(_ path: String) -> Int32 {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return 0 }
        guard errno == ENOENT, let slash = path.lastIndex(of: "/") else { return -1 }
        if mkdirs(String(path[..<slash])) != 0 { return -1 }
        return (mkdir(path, 0o755) == 0 || errno == EEXIST) ? 0 : -1
    }
}
