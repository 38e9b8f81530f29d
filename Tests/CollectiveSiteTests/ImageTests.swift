import Foundation
import Testing
@testable import CollectiveSite
@testable import ImpactDomain

/// Images in narratives: `initiatives/<slug>/images/`, published beside the pages and shown from any page depth.
@Suite struct ImageTests {
    /// A tiny valid PNG (1×1, transparent).
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01,
        0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41,
        0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49,
        0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]

    /// A JPEG header: SOI, an APP0 segment to skip, then a baseline frame header (SOF0) with height 480, width 640.
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF\0".utf8) + Array(repeating: 0, count: 9)
        + [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03] + Array(repeating: 0, count: 9)

    func images(_ names: [String]) -> NarrativeImages {
        NarrativeImages(slug: "opo", files: Dictionary(uniqueKeysWithValues: names.map { ($0, Self.png) }))
    }

    @Test func addressesResolveFromWhereTheNarrativeIs() throws {
        let images = images(["bootcamp.jpg", "map.png"])
        let root = Narrative.siteRoot
        #expect(try images.publish("../images/bootcamp.jpg", from: "reports").get() == root + "opo/images/bootcamp.jpg")
        #expect(try images.publish("./../images/map.png", from: "partners").get() == root + "opo/images/map.png")
        #expect(try images.publish("images/map.png", from: "").get() == root + "opo/images/map.png")
        #expect(try images.publish("data:image/png;base64,AAAA", from: "reports").get() == "data:image/png;base64,AAAA")
    }

    @Test(arguments: [
        ("https://example.org/x.jpg", "image `https://example.org/x.jpg` is on another website, and the site only shows images it publishes itself"),
        ("//cdn.example.org/x.jpg", "image `//cdn.example.org/x.jpg` is on another website, and the site only shows images it publishes itself"),
        ("../../../etc/passwd", "image `../../../etc/passwd` is outside the initiative's folder"),
        ("../partners/x.png", "image `../partners/x.png` is outside the initiative's `images/` folder"),
        ("/images/map.png", "image `/images/map.png` is outside the initiative's `images/` folder"),
        ("../images/bootcamq.jpg", "there is no image `bootcamq.jpg` in the initiative's `images/` folder (`../images/bootcamq.jpg`)"),
        ("", "an image without an address"),
    ])
    func addressesThatWouldShowABrokenImageAreProblems(_ address: String, _ message: String) {
        let images = images(["bootcamp.jpg", "map.png"])
        guard case .failure(let problem) = images.publish(address, from: "reports") else {
            Issue.record("`\(address)` was accepted")
            return
        }
        #expect(problem.message == message)
        if address == "../images/bootcamq.jpg" { #expect(problem.hint == "did you mean `bootcamp.jpg`?") }
    }

    /// The description (alt text) is what a screen reader reads: an image without one gets a warning.
    @Test func anImageWithoutADescriptionIsAWarning() {
        var diagnostics: [Diagnostic] = []
        let markdown = "---\ntitle: T\n---\n![](../images/map.png)\n\n![*Women* at `work`](../images/map.png)\n\n![  ](../images/map.png)\n"
        let (narrative, _) = NarrativeLoader.narrative(Array(markdown.utf8), path: "r.md", allowRawHTML: false,
                                                       images: images(["map.png"]), in: "reports", &diagnostics)
        #expect(diagnostics.map(\.description) == [
            "r.md:4:1: warning: image `../images/map.png` has no description (hint: say what it shows between the brackets, `![Women at the bootcamp in Gazipur](../images/map.png)`: it is what screen readers read, and what shows when the image does not load)",
            "r.md:8:1: warning: image `../images/map.png` has no description (hint: say what it shows between the brackets, `![Women at the bootcamp in Gazipur](../images/map.png)`: it is what screen readers read, and what shows when the image does not load)",
        ])
        #expect(narrative.html.contains("alt=\"Women at work\""))
    }

    /// Sizes from file headers, so the page reserves each image's space before it loads (no jump on a phone).
    @Test func imageSizesAreReadFromTheirHeaders() {
        #expect(NarrativeImages.size(of: Self.png)! == (1, 1))
        let gif: [UInt8] = Array("GIF89a".utf8) + [0x80, 0x02, 0xE0, 0x01] + [0, 0, 0]
        #expect(NarrativeImages.size(of: gif)! == (640, 480))
        #expect(NarrativeImages.size(of: Self.jpeg)! == (640, 480))
        func webp(_ chunk: String, _ payload: [UInt8]) -> [UInt8] {
            Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBP".utf8) + Array(chunk.utf8) + [0, 0, 0, 0] + payload + Array(repeating: 0, count: 8)
        }
        #expect(NarrativeImages.size(of: webp("VP8X", [0, 0, 0, 0, 0x7F, 0x02, 0x00, 0xDF, 0x01, 0x00]))! == (640, 480))
        #expect(NarrativeImages.size(of: webp("VP8L", [0x2F, 0x7F, 0xC2, 0x77, 0x00]))! == (640, 480))
        #expect(NarrativeImages.size(of: webp("VP8 ", [0, 0, 0, 0x9D, 0x01, 0x2A, 0x80, 0x02, 0xE0, 0x01]))! == (640, 480))
        // Not an image, or cut short: no size (and a warning when the file is read).
        #expect(NarrativeImages.size(of: Array("<html>not an image</html>".utf8)) == nil)
        #expect(NarrativeImages.size(of: Array(Self.png.prefix(20))) == nil)
        #expect(NarrativeImages.size(of: Array(Self.jpeg.prefix(12))) == nil)
    }

    @Test func aPageShowsTheImageRelativeToItsOwnFolder() {
        var narrative = Narrative(path: "r.md", frontMatter: [:],
                                  html: "<p><img src=\"\(Narrative.siteRoot)opo/images/a.png\" alt=\"A\" /></p>", plainSummary: "")
        narrative.hasSiteAddresses = true  // as the loader sets it when a narrative shows an image of `images/`
        #expect(narrative.html(onPage: "opo/reports/2024-Q1.html") == "<p><img src=\"../../opo/images/a.png\" alt=\"A\" /></p>")
        #expect(narrative.html(onPage: "opo/bn/reports/2024-Q1.html") == "<p><img src=\"../../../opo/images/a.png\" alt=\"A\" /></p>")
        #expect(narrative.html(onPage: "opo/index.html") == "<p><img src=\"../opo/images/a.png\" alt=\"A\" /></p>")
    }

    @Test func theLoaderPublishesImagesAndLocatesEveryProblem() throws {
        let report = """
            ---
            title: First quarter
            period: 2024-Q1
            ---
            ![Workers at the bootcamp](../images/bootcamp.png)

            A line with ![a typo](../images/bootcam.png) in it, and ![a remote one](https://example.org/x.jpg).
            """
        let (site, diagnostics) = try SampleContent.load(["initiatives/opo/reports/2024-Q1.md": report]) { root in
            let folder = root + "/initiatives/opo/images"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for name in ["bootcamp.png", "logo.svg", "two.dots.png", "notes.txt"] {
                try Data(Self.png).write(to: URL(fileURLWithPath: folder + "/" + name))
            }
            try Data(Self.jpeg + Array(repeating: 0, count: NarrativeImages.largeBytes + 1 - Self.jpeg.count))
                .write(to: URL(fileURLWithPath: folder + "/huge.jpg"))
        }
        let path = "initiatives/opo/reports/2024-Q1.md", folder = "initiatives/opo/images"
        #expect(diagnostics.map(\.description) == [
            "\(folder)/huge.jpg:1:1: warning: `huge.jpg` is 2.0 MB: slow to open on a phone (hint: resize it to at most 2,000 pixels wide, or save it as JPEG at 80 % quality)",
            "\(folder)/logo.svg:1:1: warning: `logo.svg` is not an image the site can publish; it will be ignored (hint: an SVG file can carry scripts; export it as PNG)",
            "\(folder)/notes.txt:1:1: warning: `notes.txt` is not an image the site can publish; it will be ignored (hint: images are .png, .jpg, .jpeg, .gif, .webp, .avif files named with letters, digits, `-` and `_`, like `bootcamp-2025.jpg`)",
            "\(folder)/two.dots.png:1:1: warning: `two.dots.png` is not an image the site can publish; it will be ignored (hint: images are .png, .jpg, .jpeg, .gif, .webp, .avif files named with letters, digits, `-` and `_`, like `bootcamp-2025.jpg`)",
            "\(path):7:13: error: there is no image `bootcam.png` in the initiative's `images/` folder (`../images/bootcam.png`) (hint: did you mean `bootcamp.png`?)",
            "\(path):7:57: error: image `https://example.org/x.jpg` is on another website, and the site only shows images it publishes itself (hint: save the image into the initiative's `images/` folder and show it as `../images/photo.jpg`, with the owner's permission)",
        ])
        let opo = try #require(site.initiatives.first { $0.initiative.slug == "opo" })
        #expect(opo.images.keys.sorted() == ["bootcamp.png", "huge.jpg"])
        #expect(opo.images["bootcamp.png"] == Self.png)
        let html = try #require(opo.reports.first { $0.period == Period("2024-Q1")! && $0.language == "en" }).narrative.html
        #expect(html.contains("<img src=\"\(Narrative.siteRoot)opo/images/bootcamp.png\" width=\"1\" height=\"1\" loading=\"lazy\" decoding=\"async\" alt=\"Workers at the bootcamp\" />"))
    }

    /// A real build: the image is published byte for byte, and every page that shows it (a report, its Bengali
    /// translation one folder deeper, the overview's agenda) points at that file.
    @Test func aBuildPublishesTheImageAndEveryPageFindsIt() throws {
        let scratch = TestScratch.folder.appendingPathComponent("images-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let content = scratch + "/content", out = scratch + "/_site"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: SiteBuildTests.repository + "/content", toPath: content)
        let initiative = content + "/initiatives/oporajita"
        try FileManager.default.createDirectory(atPath: initiative + "/images", withIntermediateDirectories: true)
        try Data(Self.png).write(to: URL(fileURLWithPath: initiative + "/images/bootcamp.png"))
        for (file, line) in [("reports/2026-Q3.md", "![Bootcamp](../images/bootcamp.png)"),
                             ("reports/2026-Q3.bn.md", "![বুটক্যাম্প](../images/bootcamp.png)"),
                             ("initiative.md", "![Bootcamp](images/bootcamp.png)")] {
            let path = initiative + "/" + file
            try (try String(contentsOfFile: path, encoding: .utf8) + "\n\(line)\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let report = SiteBuilder.build(BuildOptions(contentDirectory: content, templatesDirectory: SiteBuildTests.repository + "/templates",
                                                    outputDirectory: out))
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        #expect(FileManager.default.contents(atPath: out + "/oporajita/images/bootcamp.png") == Data(Self.png))
        for page in ["oporajita/reports/2026-Q3.html", "oporajita/bn/reports/2026-Q3.html", "oporajita/index.html"] {
            let html = try String(contentsOfFile: out + "/" + page, encoding: .utf8)
            let sources = html.components(separatedBy: "<img src=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
            try #require(sources.count == 1, "\(page): \(sources)")
            let folder = URL(fileURLWithPath: out + "/" + page).deletingLastPathComponent()
            let target = folder.appendingPathComponent(String(sources[0])).standardizedFileURL.path
            #expect(target == URL(fileURLWithPath: out + "/oporajita/images/bootcamp.png").standardizedFileURL.path, "\(page)")
            #expect(!html.contains(Narrative.siteRoot))
            #expect(html.contains("\" width=\"1\" height=\"1\" loading=\"lazy\" decoding=\"async\" alt=\""), "\(page)")
        }
    }
}
