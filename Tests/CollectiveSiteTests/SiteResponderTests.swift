import Foundation
import Testing
@testable import CollectiveSite
import ImpactDomain

/// What `collective serve` answers (`SiteResponder`): files with the live-reload stamp, HEAD, redirects, the
/// site's 404 page, refused paths and methods, and the error overlay while the latest build has failed.
@Suite struct SiteResponderTests {
    func site() throws -> SiteResponder {
        let root = TestScratch.folder.appendingPathComponent("respond-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/oporajita", withIntermediateDirectories: true)
        for (path, text) in ["index.html": "<html><body>home\(LiveReload.snippet)</body></html>", "oporajita/index.html": "<html><body>overview</body></html>",
                             "404.html": "<html><body>lost</body></html>", "assets/style.css": "body{}"] {
            try FileManager.default.createDirectory(atPath: (root + "/" + path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: root + "/" + path, atomically: true, encoding: .utf8)
        }
        return SiteResponder(files: StaticFiles(root: root))
    }

    func answer(_ responder: SiteResponder, _ method: String, _ path: String,
                failure: [Diagnostic]? = nil) async throws -> SiteResponder.Response {
        let route = await responder.route(method: method, rawPath: path, failure: failure, version: "v-7", read: responder.readNow)
        guard case .response(let response) = route else {
            Issue.record("\(method) \(path) was routed to the event stream")
            throw CancellationError()
        }
        return response
    }

    func text(_ response: SiteResponder.Response) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func aPageIsServedStampedWithTheVersionAndNeverCached() async throws {
        let responder = try site()
        let home = try await answer(responder, "GET", "/")
        #expect(home.status == 200)
        #expect(home.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(home.headers["Cache-Control"] == "no-store")
        #expect(home.headers["X-Content-Type-Options"] == "nosniff")
        #expect(text(home).contains("home"))
        #expect(text(home).contains("reload.js?v=v-7"))
        let css = try await answer(responder, "GET", "/assets/style.css")
        #expect(css.status == 200)
        #expect(text(css) == "body{}")
    }

    @Test func headHasTheHeadersAndLengthButNoBody() async throws {
        let responder = try site()
        let get = try await answer(responder, "GET", "/oporajita/")
        let head = try await answer(responder, "HEAD", "/oporajita/")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.headers["Content-Length"] == String(get.body.count))
    }

    @Test func foldersRedirectMissesGetTheSites404AndOtherMethodsAreRefused() async throws {
        let responder = try site()
        let folder = try await answer(responder, "GET", "/oporajita")
        #expect(folder.status == 301)
        #expect(folder.headers["Location"] == "/oporajita/")
        let missing = try await answer(responder, "GET", "/nowhere.html")
        #expect(missing.status == 404)
        #expect(text(missing).contains("lost"))
        let escape = try await answer(responder, "GET", "/../etc/passwd")
        #expect(escape.status == 403)
        let post = try await answer(responder, "POST", "/")
        #expect(post.status == 405)
        #expect(post.headers["Allow"] == "GET, HEAD")
    }

    @Test func aFailedBuildShowsTheOverlayOnPagesOnly() async throws {
        let responder = try site()
        let failure = [Diagnostic.error(SourceLocation(path: "content/initiatives/x/results.csv", line: 7, column: 3),
                                        "unknown partner `zz`", hint: "did you mean `z`?")]
        let page = try await answer(responder, "GET", "/oporajita/", failure: failure)
        #expect(page.status == 500)
        #expect(page.headers["Content-Security-Policy"] == ErrorOverlay.contentSecurityPolicy)
        #expect(text(page).contains("results.csv"))
        #expect(text(page).contains("unknown partner `zz`"))
        // The stylesheet is still served, so the last good page's assets load.
        let css = try await answer(responder, "GET", "/assets/style.css", failure: failure)
        #expect(css.status == 200)
    }

    @Test func theReloadScriptAndEventStreamHaveTheirOwnRoutes() async throws {
        let responder = try site()
        let script = try await answer(responder, "GET", LiveReload.scriptPath)
        #expect(script.headers["Content-Type"] == "text/javascript; charset=utf-8")
        #expect(text(script) == LiveReload.javascript)
        let route = await responder.route(method: "GET", rawPath: LiveReload.eventsPath, failure: nil, version: "v",
                                          read: responder.readNow)
        #expect(route == .events)
    }
}
