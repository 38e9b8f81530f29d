import Foundation
import Testing
@testable import CollectiveSite
import ImpactDomain

/// The `collective` command as a user runs it: the exit-status contract (0 success, 1 the input has errors,
/// 2 a usage error) and the `--format text|github|json` output, from the binary `swift build` made.
@Suite(.serialized) struct CommandLineTests {
    /// The binary beside the test bundle (`swift build`, which `make test` and `swift test` run first, makes it).
    static let binary: String = {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // The test bundle may sit in `X.xctest/` or its `Contents/MacOS/`-like subfolders: look upwards.
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("collective").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        return SiteBuildTests.repository + "/.build/debug/collective"
    }()

    struct Run {
        var status: Int32
        var out: String
        var err: String
    }

    func run(_ arguments: [String], in folder: String = SiteBuildTests.repository) throws -> Run {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "no collective binary at \(Self.binary): run swift build")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                   err: String(decoding: errData, as: UTF8.self))
    }

    func scratch() -> String {
        let dir = TestScratch.folder.appendingPathComponent("cli-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The sample content with one results row naming an unknown partner (an error) at a known line.
    func brokenContent() throws -> (content: String, line: Int) {
        let content = scratch() + "/content"
        try FileManager.default.copyItem(atPath: SiteBuildTests.repository + "/content", toPath: content)
        let results = content + "/initiatives/oporajita/results.csv"
        let text = try String(contentsOfFile: results, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = lines.last == "" ? lines.count : lines.count + 1
        try (text + (text.hasSuffix("\n") ? "" : "\n") + "women-reached,no-such-partner,2026-Q3,10,,,,,\n")
            .write(toFile: results, atomically: true, encoding: .utf8)
        return (content, line)
    }

    @Test func goodInputExitsZero() throws {
        let check = try run(["check"])
        #expect(check.status == 0)
        #expect(check.err.contains("no problems found in content"))
        let out = scratch() + "/_site"
        let build = try run(["build", "--output", out])
        #expect(build.status == 0)
        #expect(build.out.hasPrefix("built "))
        #expect(FileManager.default.fileExists(atPath: out + "/index.html"))
    }

    @Test func inputWithErrorsExitsOneAndSaysWhere() throws {
        let (content, line) = try brokenContent()
        let check = try run(["check", "--content", content])
        #expect(check.status == 1)
        // People get `path:line:column: error: …` on standard error, as compilers print them.
        #expect(check.err.contains("initiatives/oporajita/results.csv:\(line):"))
        #expect(check.err.contains("error: unknown partner `no-such-partner` in column `partner`"))
        let out = scratch() + "/_site"
        let build = try run(["build", "--content", content, "--output", out])
        #expect(build.status == 1)
        #expect(build.err.contains("build failed: 1 error"))
        #expect(build.err.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func warningsFailOnlyWithStrict() throws {
        let content = scratch() + "/content"
        try FileManager.default.copyItem(atPath: SiteBuildTests.repository + "/content", toPath: content)
        // An unknown column is a warning, not an error.
        let partners = content + "/initiatives/saamuhika-shakti/partners.csv"
        let lines = try String(contentsOfFile: partners, encoding: .utf8).split(separator: "\n").enumerated()
            .map { index, line in line + (index == 0 ? ",website" : ",") }
        try (lines.joined(separator: "\n") + "\n").write(toFile: partners, atomically: true, encoding: .utf8)
        let lenient = try run(["check", "--content", content])
        #expect(lenient.status == 0)
        #expect(lenient.err.contains("partners.csv:1:26: warning: unknown column `website`"))
        #expect(lenient.err.contains("0 errors, 1 warning"))
        #expect(try run(["check", "--content", content, "--strict"]).status == 1)
    }

    @Test(arguments: [
        ["build", "--base-url", "ftp://example.org/"],
        ["check", "--no-such-option"],
        ["check", "--format", "yaml"],
        ["no-such-command"],
    ])
    func usageErrorsExitTwo(_ arguments: [String]) throws {
        let result = try run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.err)")
        #expect(result.err.contains("Error:") || result.err.contains("error:"), "\(arguments): \(result.err)")
    }

    /// `check --translations bn` lists the theme's interface texts bn.yaml leaves out, each at its English line,
    /// beside the content's untranslated texts; a language with no file is one line, not every key.
    @Test func checkTranslationsListsInterfaceTextsTheLanguageFileLeavesOut() throws {
        let templates = scratch() + "/templates"
        try FileManager.default.copyItem(atPath: SiteBuildTests.repository + "/templates", toPath: templates)
        let bengali = templates + "/i18n/bn.yaml"
        let dropped = ["home", "partners"]
        let kept = try String(contentsOfFile: bengali, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { line in !dropped.contains { line.hasPrefix($0 + ":") } }
        try kept.joined(separator: "\n").write(toFile: bengali, atomically: true, encoding: .utf8)
        let englishLines = try String(contentsOfFile: templates + "/i18n/en.yaml", encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        func line(_ key: String) -> Int { (englishLines.firstIndex { $0.hasPrefix(key + ":") } ?? -1) + 1 }

        let result = try run(["check", "--templates", templates, "--translations", "bn"])
        #expect(result.status == 0, "\(result.err)")
        let listed = result.out.split(separator: "\n").filter { $0.contains("interface text") }
        #expect(listed.count == 2)
        for key in dropped {
            #expect(listed.contains { $0.hasPrefix("\(templates)/i18n/en.yaml:\(line(key)): interface text `\(key)`, not in bn.yaml: \"") },
                    "\(key) at en.yaml:\(line(key)) in \(listed)")
        }
        #expect(result.err.contains("2 interface texts missing from \(templates)/i18n/bn.yaml"))

        // The shipped bn.yaml has every key; a language without a file says so once.
        let shipped = try run(["check", "--translations", "bn"])
        #expect(!shipped.out.contains("interface text"))
        #expect(!shipped.err.contains("missing from"))
        let none = try run(["check", "--templates", templates, "--translations", "ta"])
        #expect(!none.out.contains("interface text"))
        #expect(none.err.contains("\(templates)/i18n/ta.yaml does not exist, so every interface text shows in English"))
    }

    @Test func githubFormatWritesOneWorkflowCommandPerProblem() throws {
        let (content, line) = try brokenContent()
        let result = try run(["check", "--content", content, "--format", "github"])
        #expect(result.status == 1)
        let commands = result.out.split(separator: "\n").filter { $0.hasPrefix("::") }
        #expect(commands.count == result.out.split(separator: "\n").count)
        #expect(commands.contains { $0.hasPrefix("::error file=\(content)/initiatives/oporajita/results.csv,line=\(line),") })
    }

    @Test func jsonFormatIsOneParseableListOnStandardOutput() throws {
        let (content, line) = try brokenContent()
        let result = try run(["check", "--content", content, "--format", "json"])
        #expect(result.status == 1)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String: Any]])
        let problem = try #require(items.first { ($0["message"] as? String)?.contains("no-such-partner") == true })
        #expect(problem["severity"] as? String == "error")
        #expect(problem["file"] as? String == content + "/initiatives/oporajita/results.csv")
        #expect(problem["line"] as? Int == line)
        // Nothing else on standard output, and no summary line mixed into it.
        #expect(!result.out.contains("1 error"))
        // Good input: an empty list.
        let clean = try run(["check", "--format", "json"])
        #expect(clean.status == 0)
        #expect(clean.out.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }
}
