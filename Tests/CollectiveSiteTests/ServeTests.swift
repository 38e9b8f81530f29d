import Foundation
import Testing
@testable import CollectiveSite
import ImpactDomain

/// The parts of `collective serve` that need no server (`Sources/CollectiveSite/Serve/`): which file a request
/// gets, the error overlay, live reload.
@Suite struct StaticFilesTests {
    /// A site folder with pages, hidden files, and beside it (outside the site) a secret file and folder that
    /// symbolic links inside the site point to.
    func site() throws -> (root: String, base: String) {
        let base = TestScratch.folder.appendingPathComponent("serve-\(UUID().uuidString)").path
        let root = base + "/_site"
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/oporajita/reports", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: base + "/private", withIntermediateDirectories: true)
        for (path, text) in ["index.html": "home", "oporajita/index.html": "overview", "oporajita/reports/2026-Q2.html": "report",
                             ".collective-site": "marker", "oporajita/.draft.html": "draft", ".git/config": "[core]",
                             "assets/style.css": "body{}", "oporajita/partner notes.html": "notes"] {
            try fm.createDirectory(atPath: (root + "/" + path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: root + "/" + path, atomically: true, encoding: .utf8)
        }
        try "do not serve".write(toFile: base + "/secret.txt", atomically: true, encoding: .utf8)
        try "do not serve".write(toFile: base + "/private/index.html", atomically: true, encoding: .utf8)
        // Links leading out of the site: to a file, and to a folder.
        try fm.createSymbolicLink(atPath: root + "/leak.txt", withDestinationPath: base + "/secret.txt")
        try fm.createSymbolicLink(atPath: root + "/private", withDestinationPath: base + "/private")
        // A link that stays inside the site.
        try fm.createSymbolicLink(atPath: root + "/home.html", withDestinationPath: root + "/index.html")
        return (root, base)
    }

    func real(_ path: String) -> String { StaticFiles.realPath(path) ?? path }

    @Test func foldersServeTheirIndexAndAFolderWithoutItsSlashRedirects() throws {
        let (root, _) = try site()
        let files = StaticFiles(root: root)
        #expect(files.resolve("/") == .file(real(root + "/index.html")))
        #expect(files.resolve("/oporajita/") == .file(real(root + "/oporajita/index.html")))
        #expect(files.resolve("/oporajita") == .redirect("/oporajita/"))
        #expect(files.resolve("/oporajita/reports") == .redirect("/oporajita/reports/"))
        #expect(files.resolve("/oporajita/reports/2026-Q2.html") == .file(real(root + "/oporajita/reports/2026-Q2.html")))
        #expect(files.resolve("/assets/style.css") == .file(real(root + "/assets/style.css")))
        // Percent-encoding is decoded once: a space in a name still works.
        #expect(files.resolve("/oporajita/partner%20notes.html") == .file(real(root + "/oporajita/partner notes.html")))
        // A link that stays inside the site is followed.
        #expect(files.resolve("/home.html") == .file(real(root + "/index.html")))
    }

    @Test func aMissingFileOrAFolderWithoutIndexIsNotFound() throws {
        let (root, _) = try site()
        let files = StaticFiles(root: root)
        #expect(files.resolve("/oporajita/reports/2026-Q9.html") == .notFound)
        #expect(files.resolve("/nowhere/") == .notFound)
        #expect(files.resolve("/nowhere") == .notFound)
        // A folder with no index.html: no listing, no redirect loop.
        #expect(files.resolve("/oporajita/reports/") == .notFound)
        // A file asked for as a folder.
        #expect(files.resolve("/index.html/") == .notFound)
        // Decoded exactly once: `%252e%252e` is a name made of `%2e%2e`, not `..`.
        #expect(files.resolve("/%252e%252e/secret.txt") == .notFound)
    }

    @Test func traversalAndSmuggledSeparatorsAreRefused() throws {
        let (root, base) = try site()
        let files = StaticFiles(root: root)
        // Each of these is refused by its own rule; several would otherwise reach a real file.
        let forbidden = [
            "/..", "/../secret.txt", "/oporajita/../../secret.txt", "/oporajita/../index.html",
            "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/etc/passwd", "/oporajita/%2e%2e/%2e%2e/secret.txt", "/.%2e/secret.txt",
            "/./index.html", "/%2e/index.html",
            // Encoded slashes and backslashes, even where the decoded path would be harmless.
            "/oporajita%2findex.html", "/oporajita%2Findex.html", "/..%2fsecret.txt", "/..%2Fsecret.txt",
            "/oporajita%5cindex.html", "/..%5Csecret.txt",
            // Raw backslashes.
            "/oporajita\\index.html", "/..\\secret.txt", "/\\..\\secret.txt",
            // NUL would cut the C path short: `/index.html%00.css` would be index.html.
            "/index.html%00.css", "/index.html%00",
            // Not an origin-form path, and invalid UTF-8 after decoding.
            "relative/index.html", "", "/%ff%fe",
        ]
        for attack in forbidden {
            #expect(files.resolve(attack) == .forbidden, "\(attack.debugDescription)")
        }
        // Absolute-path tricks land inside the site (where there is no such file), never at the real path.
        for attack in ["//etc/passwd", "/etc/passwd", "///etc/passwd", "/" + base + "/secret.txt", "/" + base + "/private/index.html"] {
            #expect(files.resolve(attack) == .notFound, "\(attack.debugDescription)")
        }
    }

    @Test func aSymbolicLinkLeadingOutOfTheSiteIsForbidden() throws {
        let (root, _) = try site()
        let files = StaticFiles(root: root)
        #expect(files.resolve("/leak.txt") == .forbidden)
        #expect(files.resolve("/private/index.html") == .forbidden)
        #expect(files.resolve("/private/") == .forbidden)
    }

    @Test func aLeadingDoubleSlashNeverRedirectsToAnotherHost() throws {
        let (root, _) = try site()
        let files = StaticFiles(root: root)
        // `Location: //oporajita/` would send the browser to the host `oporajita`.
        #expect(files.resolve("//oporajita") == .redirect("/oporajita/"))
        #expect(files.resolve("///oporajita/reports") == .redirect("/oporajita/reports/"))
    }

    @Test func hiddenFilesAreNotPartOfTheSite() throws {
        let (root, _) = try site()
        let files = StaticFiles(root: root)
        #expect(files.resolve("/.collective-site") == .notFound)
        #expect(files.resolve("/%2ecollective-site") == .notFound)
        #expect(files.resolve("/oporajita/.draft.html") == .notFound)
        #expect(files.resolve("/.git/config") == .notFound)
        #expect(files.resolve("/.git/") == .notFound)
    }

    @Test func contentTypesSayWhatTheBuildWrites() {
        #expect(StaticFiles.contentType(for: "/x/index.html") == "text/html; charset=utf-8")
        #expect(StaticFiles.contentType(for: "/x/PAGE.HTM") == "text/html; charset=utf-8")
        #expect(StaticFiles.contentType(for: "style.0123abcd.css") == "text/css; charset=utf-8")
        #expect(StaticFiles.contentType(for: "feed.xml") == "application/atom+xml; charset=utf-8")
        #expect(StaticFiles.contentType(for: "sitemap.xml") == "application/xml; charset=utf-8")
        #expect(StaticFiles.contentType(for: "data/oporajita/results.json") == "application/json")
        #expect(StaticFiles.contentType(for: "data/oporajita/results.CSV") == "text/csv; charset=utf-8")
        #expect(StaticFiles.contentType(for: "chart.svg") == "image/svg+xml")
        #expect(StaticFiles.contentType(for: "/__collective/reload.js") == "text/javascript; charset=utf-8")
        #expect(StaticFiles.contentType(for: "archive.bin") == "application/octet-stream")
        #expect(StaticFiles.contentType(for: "README") == "application/octet-stream")
    }
}

@Suite struct ErrorOverlayTests {
    static let hostile: [Diagnostic] = [
        .error(SourceLocation(path: "content/initiatives/<b>x</b>/results.csv", line: 4, column: 12),
               "`value` is not a number: `<script>alert('x')</script>`", hint: "write a number such as \"1,200\" & retry"),
        .warning(SourceLocation(path: "content/site.yaml", line: 2, column: 1), "unknown key `titel`", hint: nil),
        .error(SourceLocation(path: "content/it's \"here\" & there.csv", line: 17, column: 3),
               "bad <img src=x onerror=alert(1)>", hint: "<a href=\"javascript:alert(1)\">fix</a>"),
    ]

    @Test func everyProblemIsShownWithItsPlace() {
        let html = ErrorOverlay.html(Self.hostile, version: "1")
        #expect(html.contains("<title>Build failed: 2 errors, 1 warning</title>"))
        #expect(html.contains("<code>content/initiatives/&lt;b&gt;x&lt;/b&gt;/results.csv:4:12</code>"))
        #expect(html.contains("<code>content/site.yaml:2:1</code>"))
        #expect(html.contains("<code>content/it&#39;s &quot;here&quot; &amp; there.csv:17:3</code>"))
        #expect(html.components(separatedBy: "<li class=\"error\">").count - 1 == 2)
        #expect(html.components(separatedBy: "<li class=\"warning\">").count - 1 == 1)
        #expect(html.components(separatedBy: "<p class=\"hint\">").count - 1 == 2)
    }

    @Test func nothingFromTheDiagnosticsIsLiveMarkup() {
        let html = ErrorOverlay.html(Self.hostile, version: "7\"><script>alert(2)</script>")
        #expect(html.contains("`&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;`"))
        #expect(html.contains("How to fix it: write a number such as &quot;1,200&quot; &amp; retry"))
        #expect(html.contains("bad &lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("How to fix it: &lt;a href=&quot;javascript:alert(1)&quot;&gt;fix&lt;/a&gt;"))
        for live in ["<script>alert", "<b>x</b>", "<img", "<a href", "it's", "\"here\"", " & "] {
            #expect(!html.contains(live), "\(live) left unescaped")
        }
        // The version goes into the reload script's URL escaped, so it cannot close the attribute.
        #expect(html.contains("reload.js?v=7&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\"></script>"))
        // The only element that runs script is our own reload script.
        #expect(html.components(separatedBy: "<script").count - 1 == 1)
        #expect(html.contains("<script src=\"\(LiveReload.scriptPath)?v="))
    }

    /// The value of one directive of a policy, e.g. `'self'` for `script-src`.
    func directive(_ name: String, in policy: String) -> String? {
        policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix(name + " ") }.map { String($0.dropFirst(name.count + 1)) }
    }

    @Test func theOverlayHasAPolicyAsStrictAsTheSitesForScripts() {
        let overlay = ErrorOverlay.contentSecurityPolicy, site = PageFrame.contentSecurityPolicy
        // Scripts: the same rule as every page of the site, only our own files and nothing inline.
        #expect(directive("script-src", in: overlay) == "'self'")
        #expect(directive("script-src", in: overlay) == directive("script-src", in: site))
        // Everything not named is refused; live reload's event stream goes to this server only.
        #expect(directive("default-src", in: overlay) == "'none'")
        #expect(directive("connect-src", in: overlay) == "'self'")
        // Its one inline <style> is allowed, nothing else inline.
        #expect(directive("style-src", in: overlay) == "'unsafe-inline'")
        #expect(!overlay.contains("unsafe-eval"))
        #expect(ErrorOverlay.html(Self.hostile, version: "1").contains("<style>"))
        // The two directives that do not fall back to default-src, as strict as on the site's pages.
        #expect(directive("base-uri", in: overlay) == directive("base-uri", in: site))
        #expect(directive("form-action", in: overlay) == directive("form-action", in: site))
    }

    @Test func onlyPagesAreReplacedByTheOverlay() {
        for page in ["/", "/oporajita/", "/oporajita", "/oporajita/reports/2026-Q2.html", "/INDEX.HTM", "/404.html"] {
            #expect(ErrorOverlay.isPage(page), "\(page)")
        }
        // Stylesheets, images, scripts, the feed and open data still load while the overlay is shown.
        for file in ["/assets/style.0123abcd.css", "/oporajita/chart.svg", "/__collective/reload.js", "/feed.xml",
                     "/data/oporajita/results.json", "/data/oporajita/results.csv", "/favicon.ico"] {
            #expect(!ErrorOverlay.isPage(file), "\(file)")
        }
    }

    @Test func aFloodOfProblemsIsCutWithACount() {
        let many = (1...(ErrorOverlay.limit + 5)).map {
            Diagnostic.error(SourceLocation(path: "results.csv", line: $0, column: 1), "bad row")
        }
        let html = ErrorOverlay.html(many, version: "1")
        #expect(html.components(separatedBy: "<li class=\"error\">").count - 1 == ErrorOverlay.limit)
        #expect(html.contains("and 5 more: see the terminal."))
        #expect(html.contains("<title>Build failed: \(ErrorOverlay.limit + 5) errors</title>"))
    }
}

@Suite(.serialized) struct LiveReloadTests {
    @Test func aServedPageIsStampedWithTheVersionOnce() {
        let page = Data("<html><body><p>x</p>\(LiveReload.snippet)</body></html>".utf8)
        let stamped = String(decoding: LiveReload.stamp(page, version: "42"), as: UTF8.self)
        #expect(stamped == #"<html><body><p>x</p><script src="/__collective/reload.js?v=42"></script></body></html>"#)
        // A page without the snippet (a published build) is left alone.
        let plain = Data("<html><body></body></html>".utf8)
        #expect(LiveReload.stamp(plain, version: "42") == plain)
        #expect(LiveReload.snippet.contains("src=\"\(LiveReload.scriptPath)\""))
        #expect(LiveReload.javascript.contains("new EventSource('\(LiveReload.eventsPath)')"))
    }

    /// Every HTML page a build of the starter site writes, by path relative to the output.
    func pages(liveReload: String?) throws -> [String: String] {
        let base = TestScratch.folder.appendingPathComponent("serve-build-\(UUID().uuidString)").path
        try ScaffoldWriter.createSite(at: base + "/site", files: Scaffold.site())
        let report = SiteBuilder.build(BuildOptions(contentDirectory: base + "/site/content", templatesDirectory: base + "/site/templates",
                                                    outputDirectory: base + "/out", liveReloadScript: liveReload))
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics.map(\.description))")
        var pages: [String: String] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: base + "/out"))
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix(".html") else { continue }
            pages[path] = try String(contentsOfFile: base + "/out/" + path, encoding: .utf8)
        }
        return pages
    }

    @Test func theScriptIsInjectedOnlyWhenAskedOnceBeforeTheEndOfBody() throws {
        let served = try pages(liveReload: LiveReload.snippet)
        #expect(served.count > 5 && served["index.html"] != nil && served["404.html"] != nil)
        for (path, html) in served {
            #expect(html.components(separatedBy: LiveReload.snippet).count - 1 == 1, "\(path)")
            #expect(html.components(separatedBy: "</body>").count - 1 == 1, "\(path)")
            let tail = html.components(separatedBy: LiveReload.snippet).last ?? ""
            #expect(tail.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("</body>"), "\(path): \(tail.prefix(40))")
        }

        let published = try pages(liveReload: nil)
        #expect(Set(published.keys) == Set(served.keys))
        for (path, html) in published {
            #expect(!html.contains("__collective"), "\(path)")
        }
    }
}
