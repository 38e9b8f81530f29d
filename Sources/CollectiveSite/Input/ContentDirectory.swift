import ImpactDomain
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The content folder, and the loader's only way to the disk. It lists folders and reads files; it never writes.
/// Content comes from many organisations, so a symbolic link that leads outside the folder is refused: otherwise
/// `partners/x.md -> /etc/passwd` would publish a file from the build machine.
struct ContentDirectory: Sendable {
    enum Kind: Sendable { case file, directory, other }

    struct Entry: Sendable {
        var name: String
        /// The path as the user sees it: the content folder as given, then the names inside it.
        var path: String
        var kind: Kind
    }

    /// As given on the command line, without a trailing `/`.
    let root: String
    /// Canonical (symbolic links resolved), for the containment check.
    let canonicalRoot: String

    /// Nil when the folder does not exist or is not a folder.
    init?(_ path: String) {
        var trimmed = path.isEmpty ? "." : path
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let canonical = Self.realPath(trimmed), Self.kind(atPath: canonical, followLinks: true) == .directory
        else { return nil }
        root = trimmed
        canonicalRoot = canonical
    }

    func path(_ components: String...) -> String {
        ([root] + components).joined(separator: "/")
    }

    /// The entries of a folder, sorted by name, without hidden files (`.DS_Store`, `.git`). Links are followed
    /// only when their target stays inside the content folder; others are reported and left out.
    func list(_ path: String, _ diagnostics: inout [Diagnostic]) -> [Entry] {
        guard let directory = opendir(path) else {
            diagnostics.append(.error(SourceLocation(path: path), "cannot read the folder: \(String(cString: strerror(errno)))"))
            return []
        }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let pointer = readdir(directory) {
            let name = withUnsafePointer(to: pointer.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
                    String(cString: $0)
                }
            }
            if name.hasPrefix(".") { continue }
            let entryPath = path + "/" + name
            // The folder entry's type, where the file system records it (ext4, xfs, btrfs, tmpfs do), is that of
            // the file itself: a link is DT_LNK. So a plain file or folder needs no `lstat`, 12,500 fewer system
            // calls on the benchmark's large site; links and unknown types are checked as before.
            let kind: Kind
            switch Int32(pointer.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .directory
            default:
                guard let checked = checkedKind(entryPath, &diagnostics) else { continue }
                kind = checked
            }
            entries.append(Entry(name: name, path: entryPath, kind: kind))
        }
        return entries.sorted { $0.name < $1.name }
    }

    /// The kind of `path`, or nil (with an error) for a link that leaves the content folder or leads nowhere.
    func checkedKind(_ path: String, _ diagnostics: inout [Diagnostic]) -> Kind? {
        guard let kind = Self.kind(atPath: path, followLinks: false) else { return nil }
        guard kind == .other, Self.isSymbolicLink(path) else { return kind }
        guard let target = Self.realPath(path) else {
            diagnostics.append(.error(SourceLocation(path: path), "broken symbolic link",
                                      hint: "the file it points to does not exist; remove the link or fix its target"))
            return nil
        }
        guard target == canonicalRoot || target.hasPrefix(canonicalRoot == "/" ? "/" : canonicalRoot + "/") else {
            diagnostics.append(.error(SourceLocation(path: path),
                                      "symbolic link points outside the content folder (to `\(target)`); it is refused",
                                      hint: "copy the file into the content folder instead of linking to it"))
            return nil
        }
        return Self.kind(atPath: target, followLinks: true)
    }

    /// The whole file, or nil with an error.
    func read(_ path: String, _ diagnostics: inout [Diagnostic]) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            diagnostics.append(.error(SourceLocation(path: path), "cannot read the file: \(String(cString: strerror(errno)))"))
            return nil
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        var failed = false
        // Uninitialised capacity: a 40 MB results.csv need not be zero-filled before it is read over.
        let bytes = [UInt8](unsafeUninitializedCapacity: Int(info.st_size)) { buffer, initialized in
            var filled = 0
            while filled < buffer.count {
                let count = systemRead(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                if count < 0, errno == EINTR { continue }
                if count < 0 { failed = true }
                if count <= 0 { break }  // end of file: it shrank while we read it
                filled += count
            }
            initialized = filled
        }
        guard !failed else {
            diagnostics.append(.error(SourceLocation(path: path), "cannot read the file: \(String(cString: strerror(errno)))"))
            return nil
        }
        return bytes
    }

    // MARK: - System calls

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func kind(atPath path: String, followLinks: Bool) -> Kind? {
        var info = stat()
        guard (followLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }
}

/// `read(2)`, named apart from `ContentDirectory.read`.
@inline(__always)
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
}
