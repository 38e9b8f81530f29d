import Foundation

/// Maps a request path to a file inside the site folder, and never to anything outside it.
///
/// The path is checked twice: its segments (after percent-decoding once) may not contain `.`/`..`,
/// backslashes, NUL or encoded slashes; then the file's real path (symbolic links resolved) must still
/// lie inside the real path of the site folder.
public struct StaticFiles: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    public enum Resolution: Equatable, Sendable {
        /// An existing regular file, by absolute path.
        case file(String)
        /// A folder asked for without its trailing slash: its relative links need the slash.
        case redirect(String)
        case notFound
        /// A path that tries to leave the site folder or smuggle a separator.
        case forbidden
    }

    /// `rawPath` is the request target's path as sent, still percent-encoded, without the query.
    public func resolve(_ rawPath: String) -> Resolution {
        guard rawPath.hasPrefix("/") else { return .forbidden }
        let lowered = rawPath.lowercased()
        // Encoded separators and NUL are refused before decoding, so decoding cannot create a separator.
        for encoded in ["%2f", "%5c", "%00"] where lowered.contains(encoded) { return .forbidden }
        guard !rawPath.contains("\\"), let decoded = rawPath.removingPercentEncoding,
              !decoded.contains("\\"), !decoded.contains("\0") else { return .forbidden }

        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        for segment in segments where segment == "." || segment == ".." { return .forbidden }
        // Hidden files (the build's `.collective-site` marker, editor leftovers) are not part of the site.
        if segments.contains(where: { $0.hasPrefix(".") }) { return .notFound }

        var relative = segments.joined(separator: "/")
        let wantsFolder = decoded.hasSuffix("/") || segments.isEmpty
        if wantsFolder { relative += relative.isEmpty ? "index.html" : "/index.html" }
        let candidate = relative.isEmpty ? root : root + "/" + relative

        var info = stat()
        guard stat(candidate, &info) == 0 else { return .notFound }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            // Leading slashes collapsed: `//host/dir` must not become a redirect to another site.
            return wantsFolder ? .notFound : .redirect("/" + rawPath.drop { $0 == "/" } + "/")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .notFound }
        guard let realRoot = Self.realPath(root), let realFile = Self.realPath(candidate),
              realFile.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/") else { return .forbidden }
        return .file(realFile)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The media type for a file name; text types say UTF-8, which is what the build writes.
    public static func contentType(for path: String) -> String {
        let name = (path as NSString).lastPathComponent.lowercased()
        if name == "feed.xml" || name.hasSuffix(".atom") { return "application/atom+xml; charset=utf-8" }
        switch (name as NSString).pathExtension {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "webmanifest": return "application/manifest+json"
        case "csv": return "text/csv; charset=utf-8"
        case "txt", "md": return "text/plain; charset=utf-8"
        case "xml": return "application/xml; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }
}
