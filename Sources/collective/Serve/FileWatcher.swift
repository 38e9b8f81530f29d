import CollectiveSite
import Foundation
import Glibc

/// Watches folders recursively with Linux inotify and reports changed files in batches (Linux only, like
/// the rest of the tool's file I/O).
///
/// No maintained Swift package watches files on Linux, and inotify is a handful of system calls: one watch
/// per folder (inotify is not recursive), new subfolders watched as they appear, events read as packed
/// `inotify_event` records. Changes are debounced: editors save in several steps (write a temporary file,
/// rename it, touch it), and a copied folder arrives as hundreds of events; one batch is reported when the
/// folders have been quiet for `debounce`.
final class FileWatcher: @unchecked Sendable {
    enum WatchError: Error, CustomStringConvertible {
        case cannotWatch(String, String)

        var description: String {
            switch self {
            case .cannotWatch(let path, let reason): "cannot watch `\(path)`: \(reason)"
            }
        }
    }

    private let fd: Int32
    /// Watch descriptor → folder path. Touched only by `init` and then by the watcher thread.
    private var folders: [Int32: String] = [:]

    private static let mask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
        | IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

    /// Adds the watches now, so that changes made while the first build runs are queued by the kernel
    /// and picked up once `start` begins reading.
    init(roots: [String]) throws {
        fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else { throw WatchError.cannotWatch(roots.joined(separator: ", "), String(cString: strerror(errno))) }
        for root in roots {
            try watchTree(root)
        }
    }

    deinit { close(fd) }

    var watchedFolderCount: Int { folders.count }

    /// Reads events on a thread of its own and calls `onChange` with each batch of changed paths, on that
    /// same thread: a rebuild runs there, and events that arrive meanwhile form the next batch.
    func start(debounce: Duration = .milliseconds(100), onChange: @escaping @Sendable ([String]) -> Void) {
        let thread = Thread { [self] in self.run(debounce: debounce, onChange: onChange) }
        thread.name = "collective file watcher"
        thread.start()
    }

    // MARK: - Watches

    private func watchTree(_ root: String) throws {
        try addWatch(root)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: root) else { return }
        for name in entries.sorted() where !Self.isIgnored(name) {
            let path = root + "/" + name
            var info = stat()
            // lstat: a symbolic link to a folder is not followed (it could point anywhere, or at itself).
            if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                try watchTree(path)
            }
        }
    }

    private func addWatch(_ folder: String) throws {
        let wd = inotify_add_watch(fd, folder, Self.mask | UInt32(IN_ONLYDIR) | UInt32(IN_DONT_FOLLOW))
        guard wd >= 0 else {
            let reason = errno == ENOSPC
                ? "the system's limit of inotify watches is reached (raise fs.inotify.max_user_watches)"
                : String(cString: strerror(errno))
            throw WatchError.cannotWatch(folder, reason)
        }
        folders[wd] = folder
    }

    // MARK: - Events

    private func run(debounce: Duration, onChange: @Sendable ([String]) -> Void) {
        let clock = ContinuousClock()
        var batch = Batch()
        var deadline: ContinuousClock.Instant?
        // A long burst (a folder being copied) is still reported after at most a second.
        var firstEvent: ContinuousClock.Instant?
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)

        while true {
            var timeout: Int32 = -1
            if let deadline {
                let remaining = clock.now.duration(to: deadline)
                timeout = remaining <= .zero ? 0 : Int32(remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1)
            }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if ready > 0 {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return
                }
                for (path, change) in handleEvents(buffer, count: count) {
                    batch.record(path, change)
                }
                if !batch.isEmpty {
                    let now = clock.now
                    if firstEvent == nil { firstEvent = now }
                    deadline = min(now + debounce, firstEvent! + .seconds(1))
                }
                continue
            }
            // Quiet for `debounce`: report the batch.
            let paths = batch.paths
            if !paths.isEmpty { onChange(paths) }
            batch = Batch()
            deadline = nil
            firstEvent = nil
        }
    }

    /// Decodes the packed `inotify_event` records (a fixed header, then `len` bytes of NUL-padded name)
    /// and returns the paths that changed. New folders are watched at once.
    private func handleEvents(_ buffer: [UInt8], count: Int) -> [(String, Change)] {
        var paths: [(String, Change)] = []
        let headerSize = MemoryLayout<inotify_event>.size
        var offset = 0
        buffer.withUnsafeBytes { raw in
            while offset + headerSize <= count {
                let wd = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let nameLength = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let nameBytes = raw[(offset + headerSize)..<min(count, offset + headerSize + nameLength)]
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                offset += headerSize + nameLength

                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    // The kernel dropped events: say so, and rebuild everything.
                    paths.append(("(many files)", .modified))
                    continue
                }
                if mask & UInt32(IN_IGNORED) != 0 {
                    folders.removeValue(forKey: wd)
                    continue
                }
                guard let folder = folders[wd] else { continue }
                if name.isEmpty {
                    // The watched folder itself was deleted or moved.
                    paths.append((folder, .removed))
                    continue
                }
                if Self.isIgnored(name) { continue }
                let path = folder + "/" + name
                if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    // Files created inside before this watch existed are covered by the rebuild this batch triggers.
                    try? watchTree(path)
                }
                let change: Change = mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 ? .created
                    : mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0 ? .removed : .modified
                paths.append((path, change))
            }
        }
        return paths
    }

    enum Change { case created, modified, removed }

    /// The paths changed since the last report, in the order first seen. A file that was created and
    /// removed again within the batch (`sed -i` and many editors write a temporary file, then rename it
    /// over the real one) is left out: only the real file is worth printing.
    struct Batch {
        private var order: [String] = []
        private var seen = Set<String>()
        private var born = Set<String>()
        private var transient = Set<String>()

        var isEmpty: Bool { order.isEmpty }

        mutating func record(_ path: String, _ change: Change) {
            if seen.insert(path).inserted { order.append(path) }
            switch change {
            case .created: born.insert(path); transient.remove(path)
            case .removed: if born.contains(path) { transient.insert(path) }
            case .modified: break
            }
        }

        var paths: [String] { order.filter { !transient.contains($0) } }
    }

    /// Editor leftovers, Excel's lock file (`~$data.xlsx`, there while the workbook is open) and hidden files:
    /// saving in vim or emacs, or opening the workbook, must not trigger builds of its own.
    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("#") || name.hasSuffix("~") || name == "4913" || name.hasPrefix("~$")
            || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasSuffix(".tmp")
    }
}
