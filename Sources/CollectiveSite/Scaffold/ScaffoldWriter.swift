import Foundation
import ImpactDomain

/// Puts scaffold files on disk without ever overwriting: every target is checked before anything is written,
/// and each file is created with `O_EXCL`, so a file that appears in between is not clobbered either.
public enum ScaffoldWriter {
    /// Writes a new site into `directory`, which may exist only if it is empty.
    @discardableResult
    public static func createSite(at directory: String, files: Scaffold.Files) throws(ScaffoldError) -> [String] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .filesExist([directory]) }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            guard entries.isEmpty else { throw .directoryNotEmpty(directory) }
        }
        return try write(files, into: directory)
    }

    /// Writes `files` (paths relative to `base`), creating folders as needed. Refuses, writing nothing, when
    /// any of them exists. Returns the paths written, sorted.
    @discardableResult
    public static func write(_ files: Scaffold.Files, into base: String) throws(ScaffoldError) -> [String] {
        let paths = files.keys.sorted()
        let existing = paths.filter { FileManager.default.fileExists(atPath: join(base, $0)) }.map { join(base, $0) }
        guard existing.isEmpty else { throw .filesExist(existing) }
        for path in paths {
            try create(join(base, path), bytes: files[path]!)
        }
        return paths.map { join(base, $0) }
    }

    /// Adds a row for partner `id` to an existing partners.csv, in the file's own column order and line
    /// endings. Returns false, changing nothing, when a row with that id is already there.
    public static func appendPartnerRow(id: String, name: String, to path: String) throws(ScaffoldError) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .missingFolder(path: path, hint: "create the initiative first with `collective new initiative`")
        }
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        guard let header = lines.first else {
            throw .io(path: path, reason: "the file is empty; it needs its header line `\(StarterFiles.partnersHeader)`")
        }
        // The id column wherever the header puts it, read as the loader reads it (a name may hold a comma).
        var reader = CSVReader(bytes: [UInt8](data), path: path)
        if reader.next() {
            let idColumn = reader.fields.indices.first { CSVHeader.normalized(reader.string($0)) == PartnerColumn.id.name }
            while reader.next() { if reader.text(idColumn) == id { return false } }
        }

        let newline = text.contains("\r\n") ? "\r\n" : "\n"
        let needsNewline = !(text.hasSuffix("\n") || text.hasSuffix("\r"))
        let row = (needsNewline ? newline : "") + Scaffold.partnerRow(id: id, name: name, header: String(header)) + newline
        let fd = open(path, O_WRONLY | O_APPEND)
        guard fd >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        try writeAll(fd, Array(row.utf8), path: path)
        return true
    }

    // MARK: - Files

    static func join(_ base: String, _ path: String) -> String {
        base.isEmpty || base == "." ? path : (base.hasSuffix("/") ? base + path : base + "/" + path)
    }

    private static func create(_ path: String, bytes: [UInt8]) throws(ScaffoldError) {
        let folder = PathName.parent(path)
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .io(path: folder, reason: error.localizedDescription)
            }
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            if errno == EEXIST { throw .filesExist([path]) }
            throw .io(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        try writeAll(fd, bytes, path: path)
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(ScaffoldError) {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
            written += n
        }
    }
}
