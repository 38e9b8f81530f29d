import ImpactDomain

/// Where every page lives in the output folder, and how pages link to each other.
///
/// Links between pages are relative and name the `.html` file, so the site works the same when served from
/// a sub-path (`https://example.org/reports/`) and when opened from disk (`file://…/_site/index.html`) —
/// a board member's downloaded copy still navigates. Absolute URLs (canonical, Open Graph, feed, sitemap)
/// are built from `base_url`.
public struct SitePaths: Sendable {
    /// Always ends in `/`.
    public let baseURL: String

    public init(baseURL: String) {
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
    }

    public static let home = "index.html"
    public static let notFound = "404.html"
    public static let feed = "feed.xml"
    public static let sitemap = "sitemap.xml"

    /// Language variants other than the site language live under `<slug>/<lang>/…`.
    static func prefix(_ slug: String, _ language: String?) -> String {
        if let language { return "\(slug)/\(language)/" }
        return "\(slug)/"
    }

    public static func initiative(_ slug: String, language: String? = nil) -> String { prefix(slug, language) + "index.html" }
    public static func report(_ slug: String, _ period: Period, language: String? = nil) -> String {
        prefix(slug, language) + "reports/\(period).html"
    }
    public static func partner(_ slug: String, _ id: String, language: String? = nil) -> String {
        prefix(slug, language) + "partners/\(id).html"
    }
    public static func indicator(_ slug: String, _ id: String, language: String? = nil) -> String {
        prefix(slug, language) + "indicators/\(id).html"
    }
    public static func brief(_ slug: String, _ period: Period, language: String? = nil) -> String {
        prefix(slug, language) + "brief/\(period).html"
    }
    public static func systemsChange(_ slug: String, language: String? = nil) -> String {
        prefix(slug, language) + "systems-change.html"
    }
    public static func data(_ slug: String, _ file: String) -> String { "data/\(slug)/\(file)" }
    /// The funders list and one page per funder of content/funders.csv.
    public static let funders = "funders/index.html"
    public static func funder(_ id: String) -> String { "funders/\(id).html" }
    /// An image of the initiative's narratives (`initiatives/<slug>/images/<name>`).
    public static func image(_ slug: String, _ name: String) -> String { "\(slug)/images/\(name)" }

    /// A relative link from the page at `from` to the file at `to` (both relative to the site root).
    public static func link(from: String, to: String) -> String {
        // Over the strings' own bytes, into one small or exactly sized String: pages are linked thousands of times
        // per build (copying both paths into arrays and the result out of a third cost three allocations).
        var from = from, to = to
        return from.withUTF8 { fromBytes in to.withUTF8 { toBytes in link(from: fromBytes, to: toBytes) } }
    }

    private static func link(from: UnsafeBufferPointer<UInt8>, to: UnsafeBufferPointer<UInt8>) -> String {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        // The longest common prefix of whole folders: up to and including the last slash both share.
        var commonEnd = 0
        var index = 0
        while index < from.count, index < to.count, from[index] == to[index] {
            if from[index] == slash { commonEnd = index + 1 }
            index += 1
        }
        var ups = 0
        for position in commonEnd..<from.count where from[position] == slash { ups += 1 }
        // "../" per folder up, then the rest of `to`; a link ending in a slash loses it ("..", not "../").
        let full = ups * 3 + to.count - commonEnd
        let length = full > 0 && (full > ups * 3 ? to[to.count - 1] : slash) == slash ? full - 1 : full
        guard length > 0 else { return "index.html" }
        return String(unsafeUninitializedCapacity: full) { out in
            var written = 0
            for _ in 0..<ups {
                out[written] = dot; out[written + 1] = dot; out[written + 2] = slash
                written += 3
            }
            for byte in to[commonEnd...] {
                out[written] = byte
                written += 1
            }
            return length
        }
    }

    /// The relative path from a page to the site root, "" or "../" or "../../".
    public static func root(from page: String) -> String {
        String(repeating: "../", count: page.split(separator: "/").count - 1)
    }

    /// The path part of the base URL (`/reports/` for `https://example.org/reports/`), for root-relative links.
    public var rootPath: String {
        guard let scheme = baseURL.range(of: "://") else { return baseURL.hasPrefix("/") ? baseURL : "/" }
        let afterHost = baseURL[scheme.upperBound...].drop { $0 != "/" }
        return afterHost.isEmpty ? "/" : String(afterHost)
    }

    /// The absolute URL of a file, for canonical links, Open Graph, the feed and the sitemap.
    public func absolute(_ path: String) -> String {
        if path == "index.html" { return baseURL }
        if path.hasSuffix("/index.html") { return baseURL + path.dropLast("index.html".count) }
        return baseURL + path
    }
}
