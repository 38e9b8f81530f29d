import CollectiveSite
import FlyingFox
import Foundation

/// Serves `collective serve`'s requests: `SiteResponder` (in the library, where it is tested) decides each
/// answer; this turns it into HTTP, holds the live-reload event stream open, and waits out a build's swap.
struct SiteRequestHandler: HTTPHandler {
    let responder: SiteResponder
    let live: LiveSite

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        // The path exactly as sent (still percent-encoded): StaticFiles does its own, stricter decoding.
        let route = await responder.route(method: request.method.rawValue, rawPath: request.target.path(),
                                          failure: live.currentFailure, version: live.version, read: lookUp)
        switch route {
        case .events:
            return HTTPResponse(statusCode: .ok, headers: [
                .contentType: "text/event-stream; charset=utf-8",
                .cacheControl: "no-store",
                HTTPHeader("X-Accel-Buffering"): "no",
            ], body: HTTPBodySequence(from: EventStream(live: live)))
        case .response(let answer):
            var headers = HTTPHeaders()
            for (name, value) in answer.headers { headers[HTTPHeader(name)] = value }
            return HTTPResponse(statusCode: HTTPStatusCode(answer.status, phrase: Self.phrase(answer.status)),
                                headers: headers, body: answer.body)
        }
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 500: "Internal Server Error"
        default: "Status"
        }
    }

    /// Resolves and reads a file. A build swaps the site folder, or an initiative's folder, in with two
    /// renames; in between, the folder is missing, and a file resolved a moment ago may be gone when read.
    /// A request that misses while a build runs waits for the build (at most 10 s) and looks again, rather
    /// than showing a 404 for a page that is about to exist.
    private func lookUp(_ path: String) async -> (StaticFiles.Resolution, Data?) {
        var waited = 0
        while true {
            let version = live.version
            let found = responder.readNow(path)
            switch found {
            case (.file, _?), (.redirect, _), (.forbidden, _): return found
            case (.file, nil), (.notFound, _): break
            }
            // A real miss, unless a build ran (or runs) while we looked.
            guard live.isBuilding || live.version != version, waited < 1000 else { return found }
            while live.isBuilding, waited < 1000 {
                try? await Task.sleep(for: .milliseconds(10))
                waited += 1
            }
        }
    }
}
