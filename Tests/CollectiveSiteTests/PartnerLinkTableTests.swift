import Testing
@testable import CollectiveSite

/// `PartnerLinkTable` keeps a partner's link fields per folder: pages in one folder share them, pages in another
/// folder (whose relative link differs) and other partners never get them.
struct PartnerLinkTableTests {
    private static func href(_ fields: TemplateFields?) -> String? {
        guard let fields, case .text(let href)? = fields["href"] else { return nil }
        return href
    }

    private static func fields(_ name: String, from path: String, to target: String) -> TemplateFields {
        ["name": .text(name), "href": .text(SitePaths.link(from: path, to: target))]
    }

    @Test func aFolderIsThePathUpToItsLastSlash() {
        #expect(PartnerLinkTable.folder(of: "oporajita/indicators/women-reached.html") == "oporajita/indicators/")
        #expect(PartnerLinkTable.folder(of: "oporajita/bn/index.html") == "oporajita/bn/")
        #expect(PartnerLinkTable.folder(of: "index.html") == "")
        // Read over the path's bytes: a folder or file named in another script ends at the same slash.
        #expect(PartnerLinkTable.folder(of: "উদ্যোগ/bn/সূচক.html") == "উদ্যোগ/bn/")
        #expect(PartnerLinkTable.folder(of: "oporajita/") == "oporajita/")
        #expect(PartnerLinkTable.folder(of: "") == "")
    }

    @Test func linksAreKeptPerFolderAndPartner() {
        let table = PartnerLinkTable()
        let from = "oporajita/indicators/women-reached.html"
        #expect(table.fields("brac", from: from) == nil)
        table.keep(Self.fields("BRAC", from: from, to: "oporajita/partners/brac.html"), "brac", from: from)
        // Another page of the same folder: the same link is right for it, and it is the one kept.
        let sibling = "oporajita/indicators/girls-enrolled.html"
        #expect(Self.href(table.fields("brac", from: sibling)) == SitePaths.link(from: sibling, to: "oporajita/partners/brac.html"))
        #expect(Self.href(table.fields("brac", from: from)) == "../partners/brac.html")
        // Another folder or another partner: nothing kept.
        #expect(table.fields("brac", from: "oporajita/index.html") == nil)
        #expect(table.fields("ngo-forum", from: from) == nil)
    }

    /// A folder is told from another by all its bytes: one that starts another's ("oporajita/" and
    /// "oporajita/indicators/"), one of the same length, the root and a language's folder each keep their own links.
    @Test func foldersThatShareTheirStartAreKeptApart() {
        let table = PartnerLinkTable()
        let pages = ["oporajita/index.html", "oporajita/indicators/a.html", "oporajita/partners/brac.html",
                     "oporajita/bn/index.html", "oporajita/bn/indicators/a.html", "index.html", "sahyog-01/index.html"]
        for page in pages { #expect(table.fields("brac", from: page) == nil) }
        for page in pages {
            table.keep(Self.fields("BRAC", from: page, to: "oporajita/partners/brac.html"), "brac", from: page)
        }
        for page in pages {
            #expect(Self.href(table.fields("brac", from: page)) == SitePaths.link(from: page, to: "oporajita/partners/brac.html"))
        }
        #expect(Self.href(table.fields("brac", from: "oporajita/indicators/b.html")) == "../partners/brac.html")
        #expect(Self.href(table.fields("brac", from: "oporajita/systems-change.html")) == "partners/brac.html")
        #expect(Self.href(table.fields("brac", from: "about.html")) == "oporajita/partners/brac.html")
        // Not a folder kept: nothing.
        #expect(table.fields("brac", from: "oporajita/reports/2026-Q1.html") == nil)
    }
}
