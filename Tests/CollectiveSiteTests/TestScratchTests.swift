import Foundation
import Testing

/// The tests' scratch folders: a folder left by a test run whose process is gone is removed; the folder of a
/// running process (this one, or another run at the same time) and unrelated folders are kept.
@Suite struct TestScratchTests {
    @Test func foldersOfGoneProcessesAreRemovedAndOthersKept() throws {
        let parent = TestScratch.folder.appendingPathComponent("scratch-\(UUID().uuidString)")
        let gone = try Self.pidOfFinishedProcess()
        let names = [TestScratch.prefix + String(gone), TestScratch.prefix + String(getpid()), TestScratch.prefix + "x1",
                     "other-\(gone)"]
        for name in names {
            try FileManager.default.createDirectory(at: parent.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        TestScratch.removeFolders(in: parent, ofProcessesGoneExcept: 0)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: parent.path))
        #expect(left == Set(names.dropFirst()))
    }

    @Test func theCurrentRunsFolderIsKeptEvenWhenNamed() throws {
        let parent = TestScratch.folder.appendingPathComponent("scratch-\(UUID().uuidString)")
        let gone = try Self.pidOfFinishedProcess()
        try FileManager.default.createDirectory(at: parent.appendingPathComponent(TestScratch.prefix + String(gone)),
                                                withIntermediateDirectories: true)
        TestScratch.removeFolders(in: parent, ofProcessesGoneExcept: gone)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == [TestScratch.prefix + String(gone)])
    }

    /// The pid of a process that has run and exited (and been reaped), so `kill(pid, 0)` fails with ESRCH.
    static func pidOfFinishedProcess() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}
