import Testing
@testable import CollectiveSite

@Suite struct PageFrameTests {
    static let template = "{{lang}}|{{root}}|{{stylesheet}}|{{site.home}}|{{#nav}}{{href}}{{#current}}*{{/current}};{{/nav}}|"
        + "{{page.title}}|{{#breadcrumbs}}{{href}},{{/breadcrumbs}}|{{own}}"

    func frame() throws -> PageFrame {
        var library = TemplateLibrary()
        library.register(try Template(source: Self.template), named: "page")
        let templates = TemplateSet(library: library, names: ["page"], assets: [:], translations: [:], folderFound: true,
                                    directory: "", nameLog: nil)
        return PageFrame(config: SiteConfig(title: "Site", baseURL: "https://example.org/reports/"),
                         paths: SitePaths(baseURL: "https://example.org/reports/"), templates: templates,
                         stylesheet: "assets/style.css", initiatives: [("one", "One"), ("two", "Two")], liveReloadScript: nil)
    }

    func render(_ frame: PageFrame, _ path: String, initiative: String? = nil, language: String = "en",
                rootRelative: Bool = false) -> String {
        let file = frame.render(path: path, template: "page", language: language, title: "T " + path, description: "",
                                crumbs: [PageFrame.Crumb(label: "Home", path: "index.html"), PageFrame.Crumb(label: "Here")],
                                currentInitiative: initiative, rootRelative: rootRelative,
                                model: ["own": .text("mine"), "lang": .text("overridden by the frame")])
        return String(decoding: file.bytes, as: UTF8.self)
    }

    /// The frame's links are built once per folder, language and initiative: pages in one folder share them, and
    /// a page in another folder, language or initiative gets its own (the page's own fields are always its own).
    @Test func sharedFieldsFollowTheFolderLanguageAndInitiative() throws {
        let frame = try frame()
        #expect(render(frame, "one/indicators/a.html", initiative: "one")
            == "en|../../|../../assets/style.css|../../index.html|../index.html*;../../two/index.html;|"
            + "T one/indicators/a.html|../../index.html,,|mine")
        #expect(render(frame, "one/indicators/b.html", initiative: "one")
            == "en|../../|../../assets/style.css|../../index.html|../index.html*;../../two/index.html;|"
            + "T one/indicators/b.html|../../index.html,,|mine")
        #expect(render(frame, "one/index.html", initiative: "one")
            == "en|../|../assets/style.css|../index.html|index.html*;../two/index.html;|T one/index.html|../index.html,,|mine")
        #expect(render(frame, "one/indicators/c.html", initiative: "two")
            == "en|../../|../../assets/style.css|../../index.html|../index.html;../../two/index.html*;|"
            + "T one/indicators/c.html|../../index.html,,|mine")
        #expect(render(frame, "index.html")
            == "en||assets/style.css|index.html|one/index.html;two/index.html;|T index.html|index.html,,|mine")
        #expect(render(frame, "404.html", rootRelative: true)
            == "en|/reports/|/reports/assets/style.css|/reports/index.html|/reports/one/index.html;/reports/two/index.html;|"
            + "T 404.html|index.html,,|mine")
        #expect(render(frame, "index.html").hasPrefix("en||assets/style.css|index.html|"))
        #expect(render(frame, "one/bn/index.html", initiative: "one", language: "bn").hasPrefix("bn|../../|"))
    }

    /// `overriding(with:)` keeps every key of both, the other's value where both have one.
    @Test func overridingKeepsEveryKeyAndTheOthersValue() {
        let keys = (0..<30).map { "key\($0)" }
        let mine = TemplateFields(literal: keys.map { ($0, TemplateValue.text("mine-" + $0)) })
        let theirs = TemplateFields(literal: keys.enumerated().filter { $0.offset % 3 == 0 }.map { ($0.element, .text("theirs")) }
                                        + [("extra", .text("only theirs"))])
        let merged = mine.overriding(with: theirs)
        #expect(merged.count == 31)
        for (index, key) in keys.enumerated() {
            guard case .text(let text)? = merged[key] else { Issue.record("\(key) lost"); continue }
            #expect(text == (index % 3 == 0 ? "theirs" : "mine-" + key))
        }
        guard case .text(let extra)? = merged["extra"] else { Issue.record("extra lost"); return }
        #expect(extra == "only theirs")
        #expect(TemplateFields().overriding(with: theirs).count == theirs.count)
        #expect(mine.overriding(with: TemplateFields()).count == mine.count)
    }

    /// A key written three times in a literal keeps its last value (the literal is read last first).
    @Test func aKeyWrittenThreeTimesKeepsItsLastValue() {
        let fields: TemplateFields = ["a": "1", "z": "0", "a": "2", "a": "3"]
        #expect(fields.count == 2)
        guard case .text(let a)? = fields["a"] else { Issue.record("a lost"); return }
        #expect(a == "3")
    }
}
