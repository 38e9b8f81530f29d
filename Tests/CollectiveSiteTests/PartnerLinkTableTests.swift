import Testing
@testable import CollectiveSite

/// `PartnerLinkTable` keeps a partner's link fields per folder: pages in one folder share them, pages in another
/// folder (whose relative link differs) and other partners never get them.
struct PartnerLinkTableTests {
    private static func href(_ fields: TemplateFields?) -> String? {
        guard let fields, case .text(let href)? = fields["href"] else { return nil }
        return href
    }

    @Test func aFolderIsThePathUpToItsLastSlash() {
        #expect(PartnerLinkTable.folder(of: "oporajita/indicators/women-reached.html") == "oporajita/indicators/")
        #expect(PartnerLinkTable.folder(of: "oporajita/bn/index.html") == "oporajita/bn/")
        #expect(PartnerLinkTable.folder(of: "index.html") == "")
    }

    @Test func linksAreKeptPerFolderAndPartner() {
        let table = PartnerLinkTable()
        let from = "oporajita/indicators/women-reached.html"
        let folder = PartnerLinkTable.folder(of: from)
        #expect(table.fields("brac", folder: folder) == nil)
        let made: TemplateFields = ["name": .text("BRAC"), "id": .text("brac"),
                                    "href": .text(SitePaths.link(from: from, to: "oporajita/partners/brac.html"))]
        table.keep(made, "brac", folder: folder)
        // Another page of the same folder: the same link is right for it, and it is the one kept.
        let sibling = "oporajita/indicators/girls-enrolled.html"
        #expect(Self.href(table.fields("brac", folder: PartnerLinkTable.folder(of: sibling)))
                == SitePaths.link(from: sibling, to: "oporajita/partners/brac.html"))
        #expect(Self.href(table.fields("brac", folder: folder)) == "../partners/brac.html")
        // Another folder or another partner: nothing kept.
        #expect(table.fields("brac", folder: PartnerLinkTable.folder(of: "oporajita/index.html")) == nil)
        #expect(table.fields("ngo-forum", folder: folder) == nil)
    }
}
