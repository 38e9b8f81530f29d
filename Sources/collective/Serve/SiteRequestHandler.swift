import CollectiveSite
import FlyingFox
import Foundation

/// Answers every request of `collective serve`: the live-reload script and event stream, the error overlay
/// while the latest build has failed, and otherwise the files of the site folder (`/` and `/dir/` mapped to
/// `index.html`, the site's own `404.html` for misses).
struct SiteRequestHandler: HTTPHandler {
    let files: StaticFiles
    let live: LiveSite

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return response(request, .methodNotAllowed, type: "text/plain; charset=utf-8",
                            body: Data("Only GET and HEAD are served.\n".utf8), extra: [HTTPHeader("Allow"): "GET, HEAD"])
        }
        // The path exactly as sent (still percent-encoded): StaticFiles does its own, stricter decoding.
        let path = request.target.path()

        switch path {
        case LiveReload.scriptPath:
            return response(request, .ok, type: "text/javascript; charset=utf-8", body: Data(LiveReload.javascript.utf8))
        case LiveReload.eventsPath where request.method == .HEAD:
            return response(request, .ok, type: "text/event-stream; charset=utf-8", body: Data())
        case LiveReload.eventsPath:
            return HTTPResponse(statusCode: .ok, headers: [
                .contentType: "text/event-stream; charset=utf-8",
                .cacheControl: "no-store",
                HTTPHeader("X-Accel-Buffering"): "no",
            ], body: HTTPBodySequence(from: EventStream(live: live)))
        default:
            break
        }

        if let failure = live.currentFailure, ErrorOverlay.isPage(path) {
            let html = ErrorOverlay.html(failure, version: live.version)
            return response(request, .internalServerError, type: "text/html; charset=utf-8", body: Data(html.utf8),
                            extra: [HTTPHeader("Content-Security-Policy"): ErrorOverlay.contentSecurityPolicy])
        }

        switch await lookUp(path) {
        case .file(let file, let data):
            return serve(request, file: file, data: data, status: .ok)
        case .redirect(let location):
            return response(request, .movedPermanently, type: "text/plain; charset=utf-8",
                            body: Data("Moved to \(location)\n".utf8), extra: [.location: location])
        case .notFound:
            return notFound(request)
        case .forbidden:
            return response(request, .forbidden, type: "text/plain; charset=utf-8",
                            body: Data("Forbidden: the path leaves the site folder.\n".utf8))
        }
    }

    enum LookUp {
        case file(String, Data)
        case redirect(String)
        case notFound
        case forbidden
    }

    /// Resolves and reads a file. A build swaps the site folder, or an initiative's folder, in with two
    /// renames; in between, the folder is missing, and a file resolved a moment ago may be gone when read.
    /// A request that misses while a build runs waits for the build (at most 10 s) and looks again, rather
    /// than showing a 404 for a page that is about to exist.
    private func lookUp(_ path: String) async -> LookUp {
        var waited = 0
        while true {
            let version = live.version
            switch files.resolve(path) {
            case .file(let file):
                if let data = FileManager.default.contents(atPath: file) { return .file(file, data) }
            case .redirect(let location): return .redirect(location)
            case .forbidden: return .forbidden
            case .notFound: break
            }
            // A real miss, unless a build ran (or runs) while we looked.
            guard live.isBuilding || live.version != version, waited < 1000 else { return .notFound }
            while live.isBuilding, waited < 1000 {
                try? await Task.sleep(for: .milliseconds(10))
                waited += 1
            }
        }
    }

    private func serve(_ request: HTTPRequest, file: String, data: Data, status: HTTPStatusCode) -> HTTPResponse {
        let type = StaticFiles.contentType(for: file)
        let body = type.hasPrefix("text/html") ? LiveReload.stamp(data, version: live.version) : data
        return response(request, status, type: type, body: body)
    }

    private func notFound(_ request: HTTPRequest) -> HTTPResponse {
        if case .file(let page) = files.resolve("/404.html"), let data = FileManager.default.contents(atPath: page) {
            return serve(request, file: page, data: data, status: .notFound)
        }
        return response(request, .notFound, type: "text/plain; charset=utf-8", body: Data("Not found.\n".utf8))
    }

    /// A response with the headers every answer carries. HEAD gets the same headers and no body.
    private func response(_ request: HTTPRequest, _ status: HTTPStatusCode, type: String, body: Data,
                          extra: [HTTPHeader: String] = [:]) -> HTTPResponse {
        var headers: HTTPHeaders = [
            .contentType: type,
            // A preview server: the browser must always show the latest build.
            .cacheControl: "no-store",
            HTTPHeader("X-Content-Type-Options"): "nosniff",
        ]
        for (header, value) in extra { headers[header] = value }
        if request.method == .HEAD {
            headers[.contentLength] = String(body.count)
            return HTTPResponse(statusCode: status, headers: headers, body: Data())
        }
        return HTTPResponse(statusCode: status, headers: headers, body: body)
    }
}
