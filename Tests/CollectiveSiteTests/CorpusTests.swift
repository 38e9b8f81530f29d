import Foundation
import Testing
@testable import CollectiveSite
@testable import ImpactDomain

/// The bad-input corpus: `Corpus/<case>/content/` is a small site with one thing wrong, and
/// `Corpus/<case>/expected.txt` lists the diagnostics it must produce, one per line, each a substring of a
/// diagnostic as printed (`path:line:column: severity: message (hint: …)`) with the path relative to the case's
/// content folder. Lines starting with `#` are comments. A case must produce nothing it does not expect (a case
/// with no expectations, nothing at all).
enum Corpus {
    static var root: URL? { Bundle.module.url(forResource: "Corpus", withExtension: nil) }

    static var cases: [String] {
        guard let root, let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return [] }
        return names.filter { name in
            var isFolder: ObjCBool = false
            return !name.hasPrefix(".")
                && FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isFolder)
                && isFolder.boolValue
        }.sorted()
    }

    /// Load (and validate each initiative, as `collective check` does); paths made relative to the content folder.
    static func diagnostics(of name: String) -> [Diagnostic] {
        guard let root else { return [] }
        let content = root.appendingPathComponent(name).appendingPathComponent("content").path
        let site = ContentLoader.load(contentDirectory: content)
        var found = site.diagnostics
        for initiative in site.initiatives {
            found += DiagnosticColumns.refine(ImpactDomain.validate(initiative.initiative, settings: site.config.computation))
        }
        return SpreadsheetCells.name(found).map { diagnostic in
            var copy = diagnostic
            if copy.location.path.hasPrefix(content + "/") { copy.location.path.removeFirst(content.count + 1) }
            return copy
        }.sortedForDisplay()
    }

    /// A printed diagnostic without its spreadsheet cell (` (cell D5)` or ` (row 5)`).
    static func withoutCell(_ printed: String) -> String {
        printed.replacingOccurrences(of: #" \((cell [A-Z]+|row )[0-9]+\)"#, with: "", options: .regularExpression)
    }

    static func expectations(of name: String) -> [String] {
        guard let root,
              let text = try? String(contentsOf: root.appendingPathComponent(name).appendingPathComponent("expected.txt"),
                                     encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}

@Suite struct CorpusTests {
    @Test func theCorpusIsThere() {
        #expect(Corpus.cases.count >= 20)
        #expect(Corpus.cases.contains("valid"))
    }

    @Test(arguments: Corpus.cases)
    func caseProducesItsExpectedDiagnostics(_ name: String) {
        let printed = Corpus.diagnostics(of: name).map(\.description)
        let expected = Corpus.expectations(of: name)
        for line in expected {
            // An expectation may leave out the spreadsheet cell that follows the message (` (cell D5)`).
            #expect(printed.contains { $0.contains(line) || Corpus.withoutCell($0).contains(line) },
                    "\(name): expected `\(line)` among:\n\(printed.joined(separator: "\n"))")
        }
        // Nothing the case does not expect, warnings included: one mistake should not be blamed on rows that are
        // right (a results.csv missing a column also warned that its indicator had no results).
        for diagnostic in printed {
            #expect(expected.contains { diagnostic.contains($0) || Corpus.withoutCell(diagnostic).contains($0) },
                    "\(name): unexpected `\(diagnostic)`")
        }
    }

    /// Every problem says how to fix it: a message alone ("`name` is empty", "`min_cell_count` must be a whole
    /// number") leaves an M&E officer to guess what the file wants.
    @Test(arguments: Corpus.cases)
    func everyDiagnosticHasAHint(_ name: String) {
        for diagnostic in Corpus.diagnostics(of: name) {
            #expect(!(diagnostic.hint ?? "").isEmpty, "\(name): no hint for `\(diagnostic)`")
        }
    }
}
