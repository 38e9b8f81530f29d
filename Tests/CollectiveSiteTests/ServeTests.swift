import Foundation
import Testing
@testable import CollectiveSite
import ImpactDomain

/// The parts of `collective serve` that need no server: which file a request gets, the error overlay, live reload.
@Suite struct StaticFilesTests {
    /// A site folder with pages, a hidden marker, and a secret file outside it reachable only by a symbolic link.
    func site() throws -> (root: String, outside: String) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)").path
        let root = base + "/_site", outside = base + "/secret.txt"
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/oporajita/reports", withIntermediateDirectories: true)
        for (path, text) in ["index.html": "home", "oporajita/index.html": "overview", "oporajita/reports/2026-Q2.html": "report",
                             ".collective-site": "marker", "assets/style.css": "body{}", "oporajita/partner notes.html": "notes"] {
            try fm.createDirectory(atPath: (root + "/" + path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: root + "/" + path, atomically: true, encoding: .utf8)
        }
        try "do not serve".write(toFile: outside, atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(atPath: root + "/leak.txt", withDestinationPath: outside)
        return (root, outside)
    }

    func real(_ path: String) -> String { StaticFiles.realPath(path) ?? path }

    @Test func foldersServeTheirIndexAndAFolderWithoutItsSlashRedirects() throws {
        let (root, _) = try site()
        let files = StaticFiles(root: root)
        #expect(files.resolve("/") == .file(real(root + "/index.html")))
        #expect(files.resolve("/oporajita/") == .file(real(root + "/oporajita/index.html")))
        #expect(files.resolve("/oporajita") == .redirect("/oporajita/"))
        #expect(files.resolve("/oporajita/reports/2026-Q2.html") == .file(real(root + "/oporajita/reports/2026-Q2.html")))
        #expect(files.resolve("/oporajita/reports/2026-Q9.html") == .notFound)
        #expect(files.resolve("/assets/style.css") == .file(real(root + "/assets/style.css")))
        // Percent-encoding is decoded once: a space in a name still works.
        #expect(files.resolve("/oporajita/partner%20notes.html") == .file(real(root + "/oporajita/partner notes.html")))
    }

    @Test func nothingOutsideTheSiteFolderIsEverServed() throws {
        let (root, _) = try site()
        let files = StaticFiles(root: root)
        for attack in ["/../secret.txt", "/oporajita/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/etc/passwd",
                       "/..%2fsecret.txt", "/..%2Fsecret.txt", "/..%5csecret.txt", "/..\\secret.txt", "/index.html%00.css",
                       "relative/index.html", "/./index.html"] {
            let resolution = files.resolve(attack)
            #expect(resolution == .forbidden || resolution == .notFound, "\(attack) gave \(resolution)")
        }
        // A symbolic link inside the site that points outside it.
        #expect(files.resolve("/leak.txt") == .forbidden)
        // `//host/path` must not turn into a redirect to another host.
        if case .redirect(let target) = files.resolve("//oporajita") { #expect(!target.hasPrefix("//")) }
    }

    @Test func hiddenFilesAreNotPartOfTheSite() throws {
        let (root, _) = try site()
        #expect(StaticFiles(root: root).resolve("/.collective-site") == .notFound)
    }

    @Test func contentTypesSayWhatTheBuildWrites() {
        #expect(StaticFiles.contentType(for: "/x/index.html") == "text/html; charset=utf-8")
        #expect(StaticFiles.contentType(for: "style.0123abcd.css") == "text/css; charset=utf-8")
        #expect(StaticFiles.contentType(for: "feed.xml") == "application/atom+xml; charset=utf-8")
        #expect(StaticFiles.contentType(for: "sitemap.xml") == "application/xml; charset=utf-8")
        #expect(StaticFiles.contentType(for: "data/oporajita/results.json") == "application/json")
        #expect(StaticFiles.contentType(for: "data/oporajita/results.CSV") == "text/csv; charset=utf-8")
        #expect(StaticFiles.contentType(for: "chart.svg") == "image/svg+xml")
        #expect(StaticFiles.contentType(for: "archive.bin") == "application/octet-stream")
    }
}

@Suite struct ErrorOverlayTests {
    @Test func everyProblemIsShownWithItsPlaceAndNothingFromTheInputIsLive() {
        let diagnostics: [Diagnostic] = [
            .error(SourceLocation(path: "content/initiatives/<b>x</b>/results.csv", line: 4, column: 12),
                   "`value` is not a number: `<script>alert('x')</script>`", hint: "write a number such as \"1,200\" & retry"),
            .warning(SourceLocation(path: "content/site.yaml", line: 2, column: 1), "unknown key `titel`", hint: nil),
        ]
        let html = ErrorOverlay.html(diagnostics, version: "7\"><script>")
        #expect(html.contains("<title>Build failed: 1 error, 1 warning</title>"))
        #expect(html.contains("content/initiatives/&lt;b&gt;x&lt;/b&gt;/results.csv:4:12"))
        #expect(html.contains("`&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;`"))
        #expect(html.contains("How to fix it: write a number such as &quot;1,200&quot; &amp; retry"))
        #expect(html.contains("content/site.yaml:2:1"))
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<b>x</b>"))
        // The version goes into the reload script's URL escaped, so it cannot close the attribute.
        #expect(html.contains("reload.js?v=7&quot;&gt;&lt;script&gt;"))
        #expect(ErrorOverlay.contentSecurityPolicy.contains("script-src 'self'"))
    }

    @Test func aFloodOfProblemsIsCutWithACount() {
        let many = (1...(ErrorOverlay.limit + 5)).map {
            Diagnostic.error(SourceLocation(path: "results.csv", line: $0, column: 1), "bad row")
        }
        let html = ErrorOverlay.html(many, version: "1")
        #expect(html.components(separatedBy: "<li class=\"error\">").count - 1 == ErrorOverlay.limit)
        #expect(html.contains("and 5 more: see the terminal."))
    }
}

@Suite struct LiveReloadTests {
    @Test func aServedPageIsStampedWithTheVersionOnce() {
        let page = Data("<html><body><p>x</p>\(LiveReload.snippet)</body></html>".utf8)
        let stamped = String(decoding: LiveReload.stamp(page, version: "42"), as: UTF8.self)
        #expect(stamped.contains(#"<script src="/__collective/reload.js?v=42"></script>"#))
        #expect(stamped.components(separatedBy: "reload.js").count == 2)
        // A page without the snippet (a published build) is left alone.
        let plain = Data("<html><body></body></html>".utf8)
        #expect(LiveReload.stamp(plain, version: "42") == plain)
        #expect(LiveReload.javascript.contains(LiveReload.eventsPath))
    }
}
