import Foundation

/// The folder every test's scratch files go under: one per test process, removed when the process exits, and
/// folders of earlier runs whose process is gone are removed when it is first used. Tests used to leave the sites
/// they built in the system's temporary folder, ≈ 1.7 GB per `swift test` run, until the disk was full.
enum TestScratch {
    static let prefix = "collective-tests-"

    static let folder: URL = {
        let temporary = FileManager.default.temporaryDirectory
        removeFolders(in: temporary, ofProcessesGoneExcept: getpid())
        let root = temporary.appendingPathComponent(prefix + String(getpid()))
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestScratch.folder) }
        return root
    }()

    /// Removes `collective-tests-<pid>` folders in `parent` whose process no longer runs (a run that crashed or was
    /// killed before its `atexit`); folders of running processes and every other name are left alone.
    static func removeFolders(in parent: URL, ofProcessesGoneExcept current: pid_t) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != current, kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }
}
