import Foundation
@testable import CollectiveSite

/// Sites built once per test run and read by several suites (they never change them).
enum BuiltSites {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static func scratch(_ prefix: String) -> String {
        let dir = TestScratch.folder.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Builds `content` with `templates` (default: the repository's) into a new folder; nil when the build failed.
    static func build(content: String, templates: String? = nil) -> (output: String, report: BuildReport) {
        let output = scratch("built") + "/_site"
        let options = BuildOptions(contentDirectory: content, templatesDirectory: templates ?? repository + "/templates",
                                   outputDirectory: output)
        return (output, SiteBuilder.build(options))
    }

    /// The sample site of `content/`, built once.
    static let sample: String = build(content: repository + "/content").output

    static func page(_ relative: String, in root: String = sample) throws -> HTMLElement {
        HTMLDocument.parse(try String(contentsOfFile: root + "/" + relative, encoding: .utf8))
    }

    /// Every `.html` file under `root`, relative paths, sorted.
    static func htmlPages(_ root: String) -> [String] {
        (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".html") }.sorted()
    }
}
