import Foundation
import ImpactDomain

/// What `collective serve` answers to one request, decided without a server: the live-reload script, the error
/// overlay while the latest build has failed, and otherwise the files of the site folder (`/` and `/dir/` mapped
/// to `index.html`, a folder without its slash redirected, the site's own `404.html` for misses). The server
/// (`Sources/collective/Serve/SiteRequestHandler.swift`) only turns the answer into HTTP and streams the events.
public struct SiteResponder: Sendable {
    public let files: StaticFiles

    public init(files: StaticFiles) { self.files = files }

    /// One answer: status, headers (every answer carries the same caching and sniffing headers), body.
    public struct Response: Sendable, Equatable {
        public var status: Int
        public var headers: [String: String]
        public var body: Data
    }

    /// What a request needs besides its method and path.
    public enum Route: Equatable, Sendable {
        /// The live-reload event stream (answered by the server, which holds the connection open).
        case events
        case response(Response)
    }

    /// `rawPath`: the request target's path as sent, still percent-encoded. `failure`: the latest build's
    /// diagnostics when it failed. `read`: resolves and reads a path (the server's waits out a build's swap).
    public func route(method: String, rawPath: String, failure: [Diagnostic]?, version: String,
                      read: (String) async -> (StaticFiles.Resolution, Data?)) async -> Route {
        let head = method == "HEAD"
        guard method == "GET" || head else {
            return .response(answer(405, type: "text/plain; charset=utf-8", body: Data("Only GET and HEAD are served.\n".utf8),
                                    head: false, extra: ["Allow": "GET, HEAD"]))
        }
        switch rawPath {
        case LiveReload.scriptPath:
            return .response(answer(200, type: "text/javascript; charset=utf-8", body: Data(LiveReload.javascript.utf8), head: head))
        case LiveReload.eventsPath where head:
            return .response(answer(200, type: "text/event-stream; charset=utf-8", body: Data(), head: head))
        case LiveReload.eventsPath:
            return .events
        default:
            break
        }
        if let failure, ErrorOverlay.isPage(rawPath) {
            return .response(answer(500, type: "text/html; charset=utf-8", body: Data(ErrorOverlay.html(failure, version: version).utf8),
                                    head: head, extra: ["Content-Security-Policy": ErrorOverlay.contentSecurityPolicy]))
        }
        switch await read(rawPath) {
        case (.file(let file), let data?):
            return .response(serve(file: file, data: data, status: 200, version: version, head: head))
        case (.redirect(let location), _):
            return .response(answer(301, type: "text/plain; charset=utf-8", body: Data("Moved to \(location)\n".utf8), head: head,
                                    extra: ["Location": location]))
        case (.forbidden, _):
            return .response(answer(403, type: "text/plain; charset=utf-8",
                                    body: Data("Forbidden: the path leaves the site folder.\n".utf8), head: head))
        case (.file, nil), (.notFound, _):
            if case (.file(let page), let data?) = readNow("/404.html") {
                return .response(serve(file: page, data: data, status: 404, version: version, head: head))
            }
            return .response(answer(404, type: "text/plain; charset=utf-8", body: Data("Not found.\n".utf8), head: head))
        }
    }

    /// Reads a resolved file once, without waiting (the server waits out a build in progress).
    public func readNow(_ rawPath: String) -> (StaticFiles.Resolution, Data?) {
        let resolution = files.resolve(rawPath)
        if case .file(let file) = resolution { return (resolution, FileManager.default.contents(atPath: file)) }
        return (resolution, nil)
    }

    private func serve(file: String, data: Data, status: Int, version: String, head: Bool) -> Response {
        let type = StaticFiles.contentType(for: file)
        let body = type.hasPrefix("text/html") ? LiveReload.stamp(data, version: version) : data
        return answer(status, type: type, body: body, head: head)
    }

    /// A preview server: the browser must always show the latest build. HEAD gets the same headers and no body.
    private func answer(_ status: Int, type: String, body: Data, head: Bool, extra: [String: String] = [:]) -> Response {
        var headers = ["Content-Type": type, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"]
        headers.merge(extra) { _, new in new }
        if head {
            headers["Content-Length"] = String(body.count)
            return Response(status: status, headers: headers, body: Data())
        }
        return Response(status: status, headers: headers, body: body)
    }
}
