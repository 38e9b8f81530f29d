import Foundation
import Testing
@testable import CollectiveSite
import ImpactDomain

/// OWASP XSS cheat-sheet payloads through every input channel must come out inert: escaped text in HTML and SVG,
/// no live tag, handler or script URL anywhere in the output, while the JSON keeps the true value.
@Suite struct HostileContentTests {
    static let payload = #"<script>alert(1)</script>"><img src=x onerror=alert(2)><svg onload=alert(3)>"#

    func replace(_ path: String, _ old: String, _ new: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(old), "fixture changed: \(old) not in \(path)")
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
    }

    func csvCell(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    @Test func payloadsInEveryChannelAreInert() throws {
        let root = TestScratch.folder.appendingPathComponent("xss-\(UUID().uuidString)").path
        let content = root + "/content", out = root + "/_site"
        try FileManager.default.copyItem(atPath: SiteBuildTests.repository + "/content", toPath: content)
        let op = content + "/initiatives/oporajita"
        let yamlPayload = "'" + Self.payload.replacingOccurrences(of: "'", with: "''") + "'"
        // site.yaml and front matter
        try replace(content + "/site.yaml", "title: Collective Impact Reports", "title: \(yamlPayload)")
        try replace(op + "/initiative.md", "name: Oporajita", "name: \(yamlPayload)")
        // Markdown bodies: raw HTML, javascript: and data: links
        let markdown = "\n\n\(Self.payload)\n\n[click](javascript:alert(4)) [data](data:text/html;base64,PHNjcmlwdD4=) <iframe src=javascript:alert(5)></iframe>\n"
        let agenda = try String(contentsOfFile: op + "/initiative.md", encoding: .utf8)
        try (agenda + markdown).write(toFile: op + "/initiative.md", atomically: true, encoding: .utf8)
        let report = op + "/reports/2026-Q3.md"
        try (try String(contentsOfFile: report, encoding: .utf8) + markdown).write(toFile: report, atomically: true, encoding: .utf8)
        // CSV cells: a partner name, an outcome title, a results note (with a spreadsheet formula)
        try replace(op + "/partners.csv", "caif,Circular Apparel Innovation Factory,", "caif,\(csvCell(Self.payload)),")
        try replace(op + "/outcomes.csv", "One shared register for every woman served", csvCell(Self.payload))
        let results = op + "/results.csv"
        try (try String(contentsOfFile: results, encoding: .utf8)
             + "women-reached,caif,2024-Q3,1,,,,,\(csvCell("=HYPERLINK(\"http://x\") " + Self.payload))\n")
            .write(toFile: results, atomically: true, encoding: .utf8)

        let report0 = SiteBuilder.build(BuildOptions(contentDirectory: content, templatesDirectory: SiteBuildTests.repository + "/templates",
                                                     outputDirectory: out))
        #expect(!report0.diagnostics.hasErrors, "\(report0.diagnostics.filter { $0.severity == .error })")

        var scanned = 0
        for case let file as String in FileManager.default.enumerator(atPath: out) ?? FileManager.DirectoryEnumerator() {
            guard file.hasSuffix(".html") || file.hasSuffix(".xml") else { continue }
            let text = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
            scanned += 1
            #expect(!text.contains("<script"), "live script in \(file)")
            #expect(!text.contains("<img src=x"), "live img in \(file)")
            #expect(!text.contains("<svg onload"), "live svg in \(file)")
            #expect(!text.contains("<iframe"), "live iframe in \(file)")
            #expect(!text.lowercased().contains("href=\"javascript:"), "javascript: link in \(file)")
            #expect(!text.lowercased().contains("href=\"data:"), "data: link in \(file)")
        }
        #expect(scanned > 80)
        // Escaped, not deleted: the text is there for a reader to see.
        let partner = try String(contentsOfFile: out + "/oporajita/partners/caif.html", encoding: .utf8)
        #expect(partner.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let home = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(home.contains("<title>&lt;script&gt;"))
        // JSON keeps the true value; the CSV download neutralises the formula.
        let json = try String(contentsOfFile: out + "/data/oporajita/results.json", encoding: .utf8)
        #expect(json.contains("=HYPERLINK(\\\"http://x\\\") <script>alert(1)</script>"))
        let csv = try String(contentsOfFile: out + "/data/oporajita/results.csv", encoding: .utf8)
        #expect(csv.contains("HYPERLINK("))
        // No cell a spreadsheet would run: read back with our CSV reader, none starts with a formula character.
        var reader = CSVReader(bytes: Array(csv.utf8), path: "results.csv")
        var cells = 0
        while reader.next() {
            for index in reader.fields.indices {
                let cell = reader.string(index)
                cells += 1
                #expect(!["=", "+", "@"].contains(cell.first), "runnable cell: \(cell)")
            }
        }
        #expect(cells > 1000)
        #expect(CSVWriter.neutralised("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")")
    }
}
