import Synchronization

/// Each partner's link fields (`InitiativePages.partnerLink`) as seen from one folder of an initiative's pages in one
/// language: made once per folder and partner, then shared by every page in that folder on both cores. An indicator
/// page links partners from its contributions, its working and its panel, and every indicator page of an initiative
/// sits in the same folder, so the same few links were made thousands of times per build.
final class PartnerLinkTable: Sendable {
    /// Folder (the page's path up to its last `/`) → partner id → fields.
    private let made = Mutex<[String: [String: TemplateFields]]>([:])

    /// The fields of partner `id` kept for pages in `folder` (`folder(of:)`), if any were. A relative link depends
    /// only on the folder it is followed from (`SitePaths.link`).
    func fields(_ id: String, folder: String) -> TemplateFields? {
        made.withLock { $0[folder]?[id] }
    }

    /// Keeps `fields` as partner `id`'s for pages in `folder`.
    func keep(_ fields: TemplateFields, _ id: String, folder: String) {
        made.withLock { $0[folder, default: [:]][id] = fields }
    }

    /// `path` up to and including its last `/`; "" for a page at the root.
    static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[...slash])
    }
}
