import Foundation
import Synchronization

/// Each partner's link fields (`InitiativePages.partnerLink`) as seen from one folder of an initiative's pages in one
/// language: made once per folder and partner, then shared by every page in that folder on both cores. An indicator
/// page links partners from its contributions, its working and its panel, and every indicator page of an initiative
/// sits in the same folder, so the same few links were made thousands of times per build.
final class PartnerLinkTable: Sendable {
    /// Per folder (the page's path up to its last `/`), partner id → fields. An initiative's pages in one language
    /// sit in a handful of folders: a page's is found by comparing bytes with each, not by making its folder's text
    /// and hashing it (which cost as much as making the link again).
    private let made = Mutex<[(folder: String, links: [String: TemplateFields])]>([])

    /// The fields of partner `id` kept for pages in the folder of the page at `path` (`folder(of:)`), if any were.
    /// A relative link depends only on the folder it is followed from (`SitePaths.link`).
    func fields(_ id: String, from path: String) -> TemplateFields? {
        made.withLock { made in
            Self.index(inFolderOf: path, in: made).flatMap { made[$0].links[id] }
        }
    }

    /// Keeps `fields` as partner `id`'s for pages in the folder of the page at `path`.
    func keep(_ fields: TemplateFields, _ id: String, from path: String) {
        made.withLock { made in
            if let index = Self.index(inFolderOf: path, in: made) {
                made[index].links[id] = fields
            } else {
                made.append((Self.folder(of: path), [id: fields]))
            }
        }
    }

    /// `path` up to and including its last `/`; "" for a page at the root.
    static func folder(of path: String) -> String {
        // Over the path's own bytes when it has them (a native string): `lastIndex(of:)` over the UTF-8 view and the
        // substring's copy cost more than a page's lookup of what is kept by folder saved.
        let fast = path.utf8.withContiguousStorageIfAvailable { bytes -> String in
            var end = bytes.count
            while end > 0, bytes[end - 1] != UInt8(ascii: "/") { end -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
        }
        if let fast { return fast }
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[...slash])
    }

    /// The position in `made` of the folder of the page at `path`, if it is there. Compared as bytes read in place
    /// (`withContiguousStorageIfAvailable`: a native string's own storage, read only within the call; `memcmp` over
    /// the folder's length, which both have); a string without such storage is compared by its folder's text.
    private static func index(inFolderOf path: String, in made: [(folder: String, links: [String: TemplateFields])]) -> Int? {
        let found = path.utf8.withContiguousStorageIfAvailable { bytes in
            // Up to and including the last `/`.
            let length = bytes.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
            return made.indices.first { index in
                let kept = made[index].folder.utf8
                guard kept.count == length else { return false }
                guard length > 0 else { return true }
                return kept.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, bytes.baseAddress!, length) == 0 }
                    ?? kept.elementsEqual(bytes.prefix(length))
            }
        }
        if let found { return found }
        let folder = folder(of: path)
        return made.indices.first { made[$0].folder == folder }
    }
}
