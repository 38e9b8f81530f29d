import Foundation
import Testing
@testable import CollectiveSite
@testable import ImpactDomain

/// The sample site with one initiative's tables in a workbook written by openpyxl (an independent writer, as
/// Excel users' files come from other programs than ours) builds the very same pages and open data as its
/// CSV form.
@Suite struct WorkbookSiteTests {
    /// Runs `Workbook/make_workbook.py` with the test venv's Python (scripts/install-test-deps.sh installs
    /// openpyxl there; `make test` runs it first).
    static func makeWorkbook(in folder: String) throws {
        let python = SiteBuildTests.repository + "/.build/venv/bin/python"
        let script = SiteBuildTests.repository + "/Tests/CollectiveSiteTests/Workbook/make_workbook.py"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            Issue.record("\(python) is missing: run scripts/install-test-deps.sh (make test does) to install Python's openpyxl, which writes this test's workbook")
            throw CancellationError()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, folder]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        try #require(process.terminationStatus == 0, "make_workbook.py failed (is openpyxl installed? scripts/install-test-deps.sh): \(message)")
    }

    /// Every file under `root`, by relative path.
    static func files(_ root: String) -> [String: Data] {
        var found: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                found[path] = FileManager.default.contents(atPath: root + "/" + path)
            }
        }
        return found
    }

    @Test func anOpenpyxlWorkbookBuildsTheSameSiteAsTheCSVFiles() throws {
        let scratch = TestScratch.folder.appendingPathComponent("workbook-site-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try fm.copyItem(atPath: SiteBuildTests.repository + "/content", toPath: scratch + "/csv")
        try fm.copyItem(atPath: SiteBuildTests.repository + "/content", toPath: scratch + "/xlsx")
        let folder = scratch + "/xlsx/initiatives/oporajita"
        try Self.makeWorkbook(in: folder)
        #expect(fm.fileExists(atPath: folder + "/data.xlsx"))
        #expect(!fm.fileExists(atPath: folder + "/results.csv"))

        var reports: [BuildReport] = []
        for form in ["csv", "xlsx"] {
            reports.append(SiteBuilder.build(BuildOptions(contentDirectory: scratch + "/" + form,
                                                          templatesDirectory: SiteBuildTests.repository + "/templates",
                                                          outputDirectory: scratch + "/site-" + form)))
        }
        #expect(reports[1].diagnostics == reports[0].diagnostics)
        #expect(!reports[1].diagnostics.hasErrors, "\(reports[1].diagnostics)")
        let fromCSV = Self.files(scratch + "/site-csv"), fromWorkbook = Self.files(scratch + "/site-xlsx")
        #expect(fromCSV.count > 50)
        #expect(fromWorkbook.keys.sorted() == fromCSV.keys.sorted())
        let different = fromCSV.keys.filter { fromWorkbook[$0] != fromCSV[$0] }.sorted()
        #expect(different.isEmpty, "differ: \(different.prefix(10))")
        // Real content, not two empty sites: the open data holds the initiative's results.
        let results = try #require(fromWorkbook["data/oporajita/results.csv"])
        #expect(results.split(separator: UInt8(ascii: "\n")).count > 100)
    }
}
