import Foundation

/// The folder every test's scratch files go under: one per test process, removed when the process exits, and
/// folders of earlier runs whose process is gone are removed when it is first used. Tests used to leave the sites
/// they built in the system's temporary folder, ≈ 1.7 GB per `swift test` run, until the disk was full.
enum TestScratch {
    static let folder: URL = {
        let temporary = FileManager.default.temporaryDirectory
        let prefix = "collective-tests-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? [] where name.hasPrefix(prefix) {
            if let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) != 0 {
                try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
            }
        }
        let root = temporary.appendingPathComponent(prefix + String(getpid()))
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestScratch.folder) }
        return root
    }()
}
