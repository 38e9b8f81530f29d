import Foundation
import Testing
@testable import CollectiveSite
@testable import ImpactDomain

/// The inode number of a file: the same number means the file was written in place, not created anew.
func inode(_ path: String) throws -> UInt64 {
    try #require(FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64)
}

@Suite struct SitePathsTests {
    @Test func relativeLinksWorkFromAnyDepth() {
        #expect(SitePaths.link(from: "index.html", to: "oporajita/index.html") == "oporajita/index.html")
        #expect(SitePaths.link(from: "oporajita/index.html", to: "index.html") == "../index.html")
        #expect(SitePaths.link(from: "oporajita/indicators/reach.html", to: "oporajita/partners/caif.html") == "../partners/caif.html")
        #expect(SitePaths.link(from: "oporajita/bn/reports/2026-Q2.html", to: "assets/style.abc.css") == "../../../assets/style.abc.css")
        #expect(SitePaths.link(from: "oporajita/index.html", to: "oporajita/index.html") == "index.html")
        #expect(SitePaths.link(from: "oporajita/reports/2026-Q1.html", to: "oporajita/reports/2026-Q2.html") == "2026-Q2.html")
        #expect(SitePaths.link(from: "ab/index.html", to: "a/index.html") == "../a/index.html")
        #expect(SitePaths.link(from: "a/index.html", to: "ab/x/index.html") == "../ab/x/index.html")
        #expect(SitePaths.root(from: "a/b/c.html") == "../../")
    }

    /// Links to folders (a trailing slash) drop it, and a link to the page's own folder names its index.
    @Test func linksToFoldersAndAgainstAReference() {
        #expect(SitePaths.link(from: "a/b/x.html", to: "a/") == "..")
        #expect(SitePaths.link(from: "a/b/x.html", to: "c/") == "../../c")
        #expect(SitePaths.link(from: "a/x.html", to: "a/") == "index.html")
        #expect(SitePaths.link(from: "x.html", to: "a/b/") == "a/b")
        #expect(SitePaths.link(from: "ঢাকা/রিপোর্ট/x.html", to: "ঢাকা/সূচক/y.html") == "../সূচক/y.html")
        // The byte loop it replaced, over every pair of a set of paths.
        func reference(_ from: String, _ to: String) -> String {
            let fromBytes = Array(from.utf8), toBytes = Array(to.utf8)
            var commonEnd = 0, index = 0
            while index < fromBytes.count, index < toBytes.count, fromBytes[index] == toBytes[index] {
                if fromBytes[index] == UInt8(ascii: "/") { commonEnd = index + 1 }
                index += 1
            }
            var out: [UInt8] = []
            for byte in fromBytes[commonEnd...] where byte == UInt8(ascii: "/") { out += Array("../".utf8) }
            out += toBytes[commonEnd...]
            if out.last == UInt8(ascii: "/") { out.removeLast() }
            return out.isEmpty ? "index.html" : String(decoding: out, as: UTF8.self)
        }
        let paths = ["", "/", "index.html", "a/", "a/index.html", "ab/index.html", "a/b/", "a/b/c.html", "a/b/c/d.html",
                     "a/bn/reports/2026-Q2.html", "b/x.html", "a/b/c/", "very-long-initiative-slug/bn/indicators/x.html"]
        for from in paths {
            for to in paths {
                #expect(SitePaths.link(from: from, to: to) == reference(from, to), "\(from) → \(to)")
            }
        }
    }

    @Test func absoluteURLsUseTheBaseURLIncludingASubPath() {
        let paths = SitePaths(baseURL: "https://example.org/reports")
        #expect(paths.baseURL == "https://example.org/reports/")
        #expect(paths.absolute("index.html") == "https://example.org/reports/")
        #expect(paths.absolute("oporajita/index.html") == "https://example.org/reports/oporajita/")
        #expect(paths.absolute("feed.xml") == "https://example.org/reports/feed.xml")
        #expect(paths.rootPath == "/reports/")
        #expect(SitePaths(baseURL: "https://example.org").rootPath == "/")
        #expect(SitePaths(baseURL: "/").rootPath == "/")
    }
}

@Suite struct TemplateSetTests {
    func theme(_ files: [String: String]) throws -> String {
        let root = TestScratch.folder.appendingPathComponent("theme-\(UUID().uuidString)").path
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func aMissingPartialIsReportedWithFileLineAndHint() throws {
        let root = try theme(["page.mustache": "<h1>{{title}}</h1>\n<p>ok</p>\n  {{> partials/heder}}\n", "partials/header.mustache": "x"])
        let (_, diagnostics) = TemplateSet.load(directory: root)
        let problem = try #require(diagnostics.first)
        #expect(problem.location.path == root + "/page.mustache")
        #expect(problem.location.line == 3)
        #expect(problem.location.column == 3)
        #expect(problem.message == "template names a missing partial `partials/heder`")
        #expect(problem.hint == "did you mean `partials/header`?")
    }

    @Test func aTemplateThatDoesNotParseIsReportedAtItsLine() throws {
        let root = try theme(["page.mustache": "<ul>\n{{#items}}\n<li>{{name}}</li>\n{{/itemz}}\n</ul>\n"])
        let (_, diagnostics) = TemplateSet.load(directory: root)
        let problem = try #require(diagnostics.first)
        #expect(problem.severity == .error)
        #expect(problem.location.line == 4)
        #expect(problem.message.contains("does not match the section it closes"))
    }

    @Test func valuesAreHTMLEscapedAndParentsWork() throws {
        let root = try theme([
            "layout.mustache": "<main>{{$content}}{{/content}}</main>",
            "page.mustache": "{{<layout}}{{$content}}<p title=\"{{title}}\">{{title}}</p>{{/content}}{{/layout}}",
        ])
        let (set, diagnostics) = TemplateSet.load(directory: root)
        #expect(diagnostics.isEmpty)
        let html = set.render(["title": "<script>alert(\"x\")</script>"] as TemplateFields, template: "page")
        #expect(html == "<main><p title=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p></main>")
    }

    @Test func aMissingThemeFolderIsOneClearError() {
        let (_, diagnostics) = TemplateSet.load(directory: "/nonexistent/theme")
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].message == "templates folder `/nonexistent/theme` does not exist")
    }
}

@Suite struct TranslationsTests {
    @Test func parsesKeysPlaceholdersAndFallsBackToEnglish() {
        let (en, problems) = Translations.parse("# comment\nhello: Hello {name}\nbye: \"Goodbye\"\n", path: "en.yaml")
        #expect(problems.isEmpty)
        let (bn, _) = Translations.parse("hello: নমস্কার {name}\n", path: "bn.yaml")
        let labels = Labels(language: "bn", translations: ["en": en, "bn": bn])
        #expect(labels.format("hello", ["name": "Rina"]) == "নমস্কার Rina")
        // A key the language leaves out is the English text, marked as English (`FallbackMark`): on the page it
        // becomes `<span lang="en">Goodbye</span>`.
        #expect(labels["bye"] == FallbackMark.wrap("Goodbye", language: "en"))
        #expect(FallbackMark.strip(labels["bye"]) == "Goodbye")
        #expect(Labels(language: "en", translations: ["en": en])["bye"] == "Goodbye")
        #expect(labels["missing_key"] == "missing_key")
    }

    @Test func reportsMalformedAndDuplicateLines() {
        let (_, problems) = Translations.parse("a: one\nno colon here\na: two\n", path: "x.yaml")
        #expect(problems.map(\.location.line) == [2, 3])
    }

    /// A file saved with Windows line ends (CRLF) reads line by line: each key its own text, each problem at its
    /// own line (the file was read as one long line, every key after the first lost without a word).
    @Test func readsFilesWithWindowsLineEnds() {
        let (table, problems) = Translations.parse("# note\r\nhello: \"Hello {name}\"\r\nbye: Goodbye \r\n\r\noops\r\n", path: "en.yaml")
        #expect(table == ["hello": "Hello {name}", "bye": "Goodbye"])
        #expect(problems.map(\.location.line) == [5])
    }

    /// The texts as written between the quotes: leading spaces and a byte order mark before a key, spaces
    /// around the colon, `\\n` and `\\"` read as a line break and a quote, any other backslash kept.
    @Test func readsQuotesEscapesAndSpacesAsWritten() {
        let (table, _) = Translations.parse("\u{FEFF}  a :  \"x \\\"y\\\" \\nz\"  \nb: \"\"\nc: \"\nd: back\\slash \\\\n\ne: মান {n}", path: "x.yaml")
        #expect(table == ["a": "x \"y\" \nz", "b": "", "c": "\"", "d": "back\\slash \\\n", "e": "মান {n}"])
        #expect(Translations.placeholders("{y}} {a{b}} {_1}{মান}{a b}{}") == ["y", "_1", "মান"])
    }
}

@Suite struct SiteWriterTests {
    func scratch() -> String {
        let dir = TestScratch.folder.appendingPathComponent("writer-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// One full build through the writer: `files` (path → text) written in path order, then committed.
    func fullBuild(_ output: String, _ files: [String: String]) throws {
        let writer = SiteWriter(output: output)
        try writer.begin()
        for (path, text) in files.sorted(by: { $0.key < $1.key }) { try writer.write(Array(text.utf8), to: path) }
        try writer.commit(keeping: Set(files.keys))
    }

    @Test func aFreshStagingFolderIsCommittedWithoutPruningAndTheSpareIsPruned() throws {
        let output = scratch() + "/_site"
        let first = SiteWriter(output: output)
        // No spare yet: the staging folder is new, everything in it is this build's.
        #expect(try first.begin() == false)
        try first.write(Array("a".utf8), to: "a/index.html")
        try first.write(Array("b".utf8), to: "b.html")
        try first.commit(keeping: nil)
        #expect(try String(contentsOfFile: output + "/a/index.html", encoding: .utf8) == "a")
        #expect(try String(contentsOfFile: output + "/b.html", encoding: .utf8) == "b")
        try fullBuild(output, ["c.html": "c"])  // the first site becomes the spare
        // The next full build recycles the spare (which holds the first site): what it does not write is pruned.
        let third = SiteWriter(output: output)
        #expect(try third.begin() == true)
        try third.write(Array("b2".utf8), to: "b.html")
        try third.commit(keeping: ["b.html"])
        #expect(!FileManager.default.fileExists(atPath: output + "/a/index.html"))
        #expect(!FileManager.default.fileExists(atPath: output + "/c.html"))
        #expect(try String(contentsOfFile: output + "/b.html", encoding: .utf8) == "b2")
    }

    @Test func aFileOfManyPartsIsWrittenWhole() throws {
        let folder = scratch()
        // More parts than one writev is given, some empty, of many sizes; then one part, and none.
        let many = (0..<2_500).map { index in [UInt8](repeating: UInt8(index % 251), count: (index * 37) % 700) }
        for (name, parts) in [("many", many), ("one", [Array("one".utf8)]), ("none", [])] {
            let path = folder + "/" + name
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            try #require(fd >= 0)
            #expect(SiteWriter.writeAll(parts, to: fd))
            close(fd)
            #expect(FileManager.default.contents(atPath: path).map(Array.init) == Array(parts.joined()), "\(name)")
        }
        #expect(many.count > SiteWriter.partsPerCall)
    }

    /// The parts' bytes are gathered by nesting one call per part: the nesting must stay bounded, or a file of
    /// many parts written on a thread with a small stack (as worker threads have) overflows it.
    /// The zeros that make an overwrite end on a whole page go after every part, in the last call; a part-less file
    /// is the zeros alone, and what lies on a page boundary needs none.
    @Test func partsAreFollowedByThePaddingThatEndsThemOnAPage() throws {
        let page = SiteWriter.pageSize
        #expect(SiteWriter.overwritePadding(0) == 0)
        #expect(SiteWriter.overwritePadding(page) == 0)
        #expect(SiteWriter.overwritePadding(1) == page - 1)
        #expect(SiteWriter.overwritePadding(2 * page + 10) == page - 10)
        let dir = scratch()
        for (index, parts) in [[[UInt8](repeating: 7, count: 10), [1, 2, 3]], [], Array(repeating: [9], count: 300)].enumerated() {
            let path = dir + "/padded-\(index)"
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            try #require(fd >= 0)
            let size = parts.reduce(0) { $0 + $1.count }
            #expect(SiteWriter.writeAll(parts, padding: SiteWriter.overwritePadding(size), to: fd))
            close(fd)
            let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(written == parts.flatMap { $0 } + [UInt8](repeating: 0, count: SiteWriter.overwritePadding(size)))
        }
    }

    @Test func aFileOfManyPartsIsWrittenOnASmallStack() throws {
        let path = scratch() + "/many"
        let parts = (0..<20_000).map { [UInt8(truncatingIfNeeded: $0), 10] }
        final class Outcome: @unchecked Sendable { var written = false }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            outcome.written = fd >= 0 && SiteWriter.writeAll(parts, to: fd)
            close(fd)
            done.signal()
        }
        thread.stackSize = 256 * 1024
        thread.start()
        done.wait()
        #expect(outcome.written)
        #expect(FileManager.default.contents(atPath: path).map(Array.init) == Array(parts.joined()))
    }

    @Test func replacesTheWholeSiteOnlyOnCommit() throws {
        let dir = scratch()
        let output = dir + "/_site"
        let first = SiteWriter(output: output)
        try first.begin()
        try first.write(Array("old".utf8), to: "stale/page.html")
        try first.commit(keeping: ["stale/page.html"])
        #expect(FileManager.default.fileExists(atPath: output + "/stale/page.html"))

        let second = SiteWriter(output: output)
        try second.begin()
        try second.write(Array("new".utf8), to: "index.html")
        // Before commit, the previous site is intact.
        #expect(FileManager.default.fileExists(atPath: output + "/stale/page.html"))
        #expect(!FileManager.default.fileExists(atPath: output + "/index.html"))
        try second.commit(keeping: ["index.html"])
        #expect(!FileManager.default.fileExists(atPath: output + "/stale/page.html"))
        #expect(try String(contentsOfFile: output + "/index.html", encoding: .utf8) == "new")
        // Nothing else beside the output but the cache folder, which holds the replaced site as the spare.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0 != "_site" }
        #expect(leftovers == [".collective-cache"])
        #expect(FileManager.default.fileExists(atPath: dir + "/.collective-cache/_site.spare/stale/page.html"))
    }

    @Test func aFullBuildReusesTheReplacedSitesFilesAndPrunesWhatItDidNotWrite() throws {
        let output = scratch() + "/_site"
        func build(_ files: [String: String]) throws { try fullBuild(output, files) }
        try build(["index.html": "version one, longer than what replaces it", "a/old.html": "old", "a/b/deep.html": "deep"])
        let firstInode = try inode(output + "/index.html")
        try build(["index.html": "v2"])
        try build(["index.html": "v3", "a/new.html": "new"])
        // The third build wrote into the first build's files (now its spare): same inode, new bytes.
        #expect(try inode(output + "/index.html") == firstInode)
        #expect(try String(contentsOfFile: output + "/index.html", encoding: .utf8) == "v3")
        #expect(try String(contentsOfFile: output + "/a/new.html", encoding: .utf8) == "new")
        // What the build did not write is gone, empty folders too; the marker stays.
        #expect(!FileManager.default.fileExists(atPath: output + "/a/old.html"))
        #expect(!FileManager.default.fileExists(atPath: output + "/a/b"))
        #expect(FileManager.default.fileExists(atPath: output + "/" + SiteWriter.marker))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).sorted() == [SiteWriter.marker, "a", "index.html"])
    }

    /// Overwriting the spare's files never reads their old bytes back from disk, whatever the old and new lengths,
    /// and leaves each file exactly as long as its new contents. Each old file is pushed out of the page cache
    /// first (as a quarter-old spare would be); the bytes this thread had read from storage are counted around
    /// the build (`read_bytes` of /proc/thread-self/io). Where the files live in memory (tmpfs) nothing is read
    /// either way and only the contents are checked.
    @Test func overwritingTheSpareReadsNothingBackAndCutsEachFileToLength() throws {
        let dir = scratch()
        let output = dir + "/_site"
        let block = 4096
        // old length → new length: shorter within the next block, longer into a block the old file had, a whole
        // number of blocks, less than one block, and the same.
        let lengths = [(10_000, 5_000), (6_000, 7_000), (3 * block + 1, 2 * block), (5_000, 100), (9_999, 9_999)]
        var old: [String: String] = [:], new: [String: String] = [:]
        for (index, (before, after)) in lengths.enumerated() {
            old["p\(index).html"] = String(repeating: "o", count: before)
            new["p\(index).html"] = String(repeating: "n", count: after)
        }
        try fullBuild(output, old)
        try fullBuild(output, ["index.html": "second"])  // the first site is now the spare
        let spare = dir + "/.collective-cache/_site.spare"
        for name in old.keys {
            let fd = open(spare + "/" + name, O_RDONLY)
            try #require(fd >= 0)
            #expect(fsync(fd) == 0)
            #expect(posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_DONTNEED)) == 0)
            close(fd)
        }
        func readFromStorage() throws -> Int {
            let io = try String(contentsOfFile: "/proc/thread-self/io", encoding: .utf8)
            let line = try #require(io.split(separator: "\n").first { $0.hasPrefix("read_bytes:") })
            return try #require(Int(line.dropFirst("read_bytes:".count).trimmingCharacters(in: .whitespaces)))
        }
        let before = try readFromStorage()
        let names = old.keys.sorted()
        let inodes = try names.map { try inode(spare + "/" + $0) }
        try fullBuild(output, new)
        let read = try readFromStorage() - before
        #expect(read == 0, "overwriting \(lengths.count) evicted files read \(read) bytes back from disk")
        #expect(try names.map { try inode(output + "/" + $0) } == inodes)  // written in place
        for (name, text) in new {
            #expect(try String(contentsOfFile: output + "/" + name, encoding: .utf8) == text, "\(name)")
        }
    }

    @Test func aRecycledSpareGivesWayWhereAFileBecomesAFolderOrAFolderAFile() throws {
        let output = scratch() + "/_site"
        func build(_ files: [String: String]) throws { try fullBuild(output, files) }
        try build(["a": "a file", "b/index.html": "in a folder"])
        try build(["index.html": "second"])
        // The third build recycles the first: `a` must become a folder, `b` a file.
        try build(["a/index.html": "now a folder", "b": "now a file"])
        #expect(try String(contentsOfFile: output + "/a/index.html", encoding: .utf8) == "now a folder")
        #expect(try String(contentsOfFile: output + "/b", encoding: .utf8) == "now a file")
    }

    @Test func anAbandonedBuildLeavesThePreviousSiteAndNoStagingFolder() throws {
        let dir = scratch()
        let output = dir + "/_site"
        let first = SiteWriter(output: output)
        try first.begin()
        try first.write(Array("v1".utf8), to: "index.html")
        try first.commit(keeping: ["index.html"])
        let failed = SiteWriter(output: output)
        try failed.begin()
        try failed.write(Array("half".utf8), to: "index.html")
        failed.abandon()
        #expect(try String(contentsOfFile: output + "/index.html", encoding: .utf8) == "v1")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == [".collective-cache", "_site"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/.collective-cache") == ["_site.spare"])
    }

    @Test func refusesToReplaceAFolderItDidNotWrite() throws {
        let dir = scratch()
        let output = dir + "/precious"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try "keep me".write(toFile: output + "/notes.txt", atomically: true, encoding: .utf8)
        #expect(throws: SiteWriter.WriteError.self) { try SiteWriter(output: output).begin() }
        #expect(try String(contentsOfFile: output + "/notes.txt", encoding: .utf8) == "keep me")
    }

    /// `--output notes.txt` naming an existing file used to "replace" it: the file was moved into the build cache as
    /// the spare site and a folder took its name.
    @Test func refusesToReplaceAFile() throws {
        let dir = scratch()
        let output = dir + "/notes.txt"
        try "keep me".write(toFile: output, atomically: true, encoding: .utf8)
        #expect {
            try SiteWriter(output: output).begin()
        } throws: { error in
            (error as? SiteWriter.WriteError).map { "\($0)" }?.contains("`\(output)` is a file, not a folder") == true
        }
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["notes.txt"])
    }
}

@Suite struct ChartWindowTests {
    @Test func anOverviewShowsTheLastPeriodsAndAllWhenThereAreFewer() {
        let periods = (1...40).map { index in
            PeriodResult(period: Period(kind: .quarter, year: 2016 + (index - 1) / 4, index: (index - 1) % 4 + 1)!, value: Double(index))
        }
        let shown = PageCharts.shown(periods, lastPeriods: InitiativePages.recentPeriods)
        #expect(shown.count == 12)
        #expect(shown.first?.period.description == "2023-Q1")
        #expect(shown.last?.period.description == "2025-Q4")
        #expect(PageCharts.shown(Array(periods.prefix(9)), lastPeriods: 12).count == 9)
        #expect(PageCharts.shown(periods, lastPeriods: nil).count == 40)
    }
}

@Suite struct FallbackMarkScanTests {
    /// `isMarked` finds a mark wherever it sits (first, last, after near misses) and nothing else: U+E003 shares
    /// the marks' first two bytes, and a lone lead byte at the end is cut short.
    @Test func findsMarksAndOnlyMarks() {
        let marked = FallbackMark.wrap("Goodbye", language: "en")
        #expect(FallbackMark.isMarked(Array(marked.utf8)))
        #expect(FallbackMark.isMarked(Array(("<p>" + marked).utf8)))
        #expect(FallbackMark.isMarked(Array(("ক্ষ \u{E003} <p>" + String(repeating: "x", count: 100) + "\u{E002}").utf8)))
        #expect(FallbackMark.isMarked(Array("\u{E001}".utf8)))
        #expect(!FallbackMark.isMarked([]))
        #expect(!FallbackMark.isMarked(Array("<p>Plain English, বাংলা and ಕನ್ನಡ text</p>".utf8)))
        #expect(!FallbackMark.isMarked(Array("\u{E003}\u{E0FF}\u{EE80}".utf8)))
        #expect(!FallbackMark.isMarked(Array("abc".utf8) + [0xEE, 0x80]))
        #expect(FallbackMark.resolve(Array("<p>plain</p>".utf8)) == Array("<p>plain</p>".utf8))
    }
}

@Suite struct EscapeScanTests {
    /// The byte escaper skips sixteen or eight bytes at a time: each of the five characters must be found at every
    /// offset of a word, in ASCII and multi-byte text, and the result must equal the scalar-by-scalar escaper's.
    @Test func everyOffsetOfEveryCharacter() {
        for special in ["&", "<", ">", "\"", "'"] {
            for length in 0..<20 {
                for position in 0...length {
                    var text = String(repeating: "a", count: length)
                    text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: position))
                    for body in [text, "বাংলা" + text + "ಕ", text + text] {
                        var bytes: [UInt8] = []
                        appendEscapedHTML(body, to: &bytes)
                        #expect(String(decoding: bytes, as: UTF8.self) == referenceEscapeHTML(body))
                        #expect(escapeHTML(body) == referenceEscapeHTML(body))
                    }
                }
            }
        }
        // Bytes next to the five (%, (, =, ?, ", ') do not count as them.
        for near in ["%()=?;:[]{}~\u{7F}\u{A6}\u{BC}", "&&<<>>", ""] {
            var bytes: [UInt8] = []
            appendEscapedHTML(near + "12345678", to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == referenceEscapeHTML(near + "12345678"))
        }
        #expect(!mayNeedEscape(0x6162_6364_6566_6768))
        #expect(mayNeedEscape(0x6162_6364_6566_6726))
        // Every byte value in every position of a word, among bytes that are none of the five: true exactly for the five.
        let five: Set<UInt8> = [0x26, 0x3C, 0x3E, 0x22, 0x27]
        for byte in UInt8.min...UInt8.max {
            for position in 0..<8 {
                for filler: UInt8 in [0x00, 0x41, 0xFF, 0x21, 0x3D] {
                    var word: UInt64 = 0
                    for k in 0..<8 { word |= UInt64(k == position ? byte : filler) << (8 * UInt64(k)) }
                    #expect(mayNeedEscape(word) == five.contains(byte), "byte \(byte) at \(position) among \(filler)")
                }
            }
        }
        // The lowest flag is on the first of the five, wherever a second one (or a byte that borrows) follows it.
        for first in five {
            for position in 0..<8 {
                for after: UInt8 in [0x26, 0x3C, 0x3E, 0x22, 0x27, 0x00, 0x01, 0x41] {
                    var word: UInt64 = 0
                    for k in 0..<8 { word |= UInt64(k < position ? 0x41 : k == position ? first : after) << (8 * UInt64(k)) }
                    #expect(escapeFlags(word).trailingZeroBitCount / 8 == position, "\(first) at \(position), then \(after)")
                }
            }
        }
        // The same for two words tested at once: the byte in either word.
        for byte in UInt8.min...UInt8.max {
            for position in 0..<16 {
                for filler: UInt8 in [0x00, 0x41, 0xFF, 0x21, 0x3D] {
                    var words: (UInt64, UInt64) = (0, 0)
                    for k in 0..<16 {
                        let value = UInt64(k == position ? byte : filler) << (8 * UInt64(k % 8))
                        if k < 8 { words.0 |= value } else { words.1 |= value }
                    }
                    #expect(mayNeedEscape(words) == five.contains(byte), "byte \(byte) at \(position) among \(filler)")
                }
            }
        }
    }
}

@Suite struct TemplateFieldsLiteralTests {
    /// A literal's entries are sorted by key hash in place: every key is found whatever the order it was written in,
    /// and a key written twice keeps its last value, once.
    @Test func everyKeyIsFoundAndARepeatedKeyKeepsItsLastValue() {
        let keys = (0..<40).map { "key\($0)" }
        for order in [keys, keys.reversed(), keys.shuffled()] {
            let fields = TemplateFields(literal: order.map { ($0, TemplateValue.text("v-" + $0)) })
            #expect(fields.count == 40)
            for key in keys {
                guard case .text(let text)? = fields[key] else { Issue.record("\(key) not found"); continue }
                #expect(text == "v-" + key)
            }
        }
        let repeated: TemplateFields = ["a": "1", "b": "2", "a": "3", "c": "4", "b": "5"]
        #expect(repeated.count == 3)
        guard case .text(let a)? = repeated["a"], case .text(let b)? = repeated["b"], case .text(let c)? = repeated["c"] else {
            Issue.record("a key was lost"); return
        }
        #expect([a, b, c] == ["3", "5", "4"])
    }

    /// Fields are a value: a copy changed (a field set, replaced or removed) leaves the original as it was, and each
    /// keeps its texts, lists and objects whole after the other ends. Fields grow past a literal's size and shrink
    /// to nothing.
    @Test func aChangedCopyLeavesTheOriginalAsItWas() {
        func text(_ value: TemplateValue?) -> String? {
            if case .text(let text)? = value { text } else { nil }
        }
        let long = String(repeating: "a text longer than fifteen bytes ", count: 3)
        var original: TemplateFields = ["a": .text(long), "b": ["x": .text(long + "x")], "c": [.text(long + "c"), "short"]]
        var copy = original
        copy["a"] = "changed"
        copy["d"] = .text(long + "d")
        copy["b"] = nil
        #expect(original.count == 3 && copy.count == 3)
        #expect(text(original["a"]) == long && text(copy["a"]) == "changed")
        #expect(text(original["b"]?["x"]) == long + "x" && copy["b"] == nil)
        #expect(original["d"] == nil && text(copy["d"]) == long + "d")
        original = TemplateFields()
        #expect(original.isEmpty && original["a"] == nil)
        guard case .list(let items)? = copy["c"], items.count == 2 else {
            Issue.record("the copy lost its list"); return
        }
        #expect(text(items[0]) == long + "c" && text(items[1]) == "short")

        var grown: TemplateFields = ["k0": "0"]
        for index in 1..<40 { grown["k\(index)"] = .text(long + "\(index)") }
        #expect(grown.count == 40)
        #expect((1..<40).allSatisfy { text(grown["k\($0)"]) == long + "\($0)" } && text(grown["k0"]) == "0")
        let before = grown
        for index in stride(from: 0, to: 40, by: 2) { grown["k\(index)"] = nil }
        #expect(grown.count == 20 && before.count == 40)
        #expect((0..<40).allSatisfy { (grown["k\($0)"] == nil) == ($0 % 2 == 0) && text(before["k\($0)"]) != nil })
        for index in stride(from: 1, to: 40, by: 2) { grown["k\(index)"] = nil }
        #expect(grown.isEmpty && grown.keys.isEmpty)
    }

    /// A hint is only a guess: `hintedValuePointer` answers only when the hinted entry holds the key, and
    /// `valuePointer(_:hint:)` finds the key anyway and leaves the hint where it found it.
    @Test func aHintIsCheckedBeforeItIsUsed() {
        let fields = TemplateFields(literal: (0..<20).map { ("key\($0)", TemplateValue.text("v\($0)")) })
        let hint = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
        defer { hint.deallocate() }
        for wrong: UInt32 in [0, 7, 19, 20, 1000] {
            hint.pointee = wrong
            let key = TemplateKey("key13")
            let guessed = fields.hintedValuePointer(key, hint: hint)
            guard let found = fields.valuePointer(key, hint: hint), case .text(let text) = found.pointee else {
                Issue.record("key13 not found from hint \(wrong)"); continue
            }
            #expect(text == "v13")
            // Either the guess was right (and gave the same entry) or it said nothing; now the hint is right.
            #expect(guessed == nil || guessed == found)
            #expect(fields.hintedValuePointer(key, hint: hint) == found)
            #expect(fields.hintedValuePointer(TemplateKey("key14"), hint: hint) == nil)
            #expect(fields.valuePointer(TemplateKey("absent"), hint: hint) == nil)
        }
        let empty = TemplateFields()
        hint.pointee = 0
        #expect(empty.hintedValuePointer(TemplateKey("key1"), hint: hint) == nil)
    }

    /// Rows that lack a name the row before them had fall back to the enclosing object, whatever the hints say.
    @Test func aNameMissingFromOneRowIsFoundOutside() throws {
        var library = TemplateLibrary()
        library.register(try Template(source: "{{#rows}}{{name}}.{{t.x}};{{/rows}}"), named: "page")
        let model: TemplateValue = ["name": "root", "t": ["x": "X"],
                                    "rows": [["name": "a"], ["other": "1"], ["name": "b", "t": ["x": "Y"]], ["t": "no"]]]
        for _ in 0..<2 {
            #expect(library.render(model, template: "page").map { String(decoding: $0, as: UTF8.self) } == "a.X;root.X;b.Y;root.;")
        }
    }
}

@Suite struct SiteWidePageTests {
    @Test func theFeedKeepsTheNewestEntriesAsSortingThemAllWould() {
        var random = SystemRandomNumberGenerator()
        let periods = ["2025-Q2", "2025-Q3", "2025-Q4"].compactMap(Period.init)
        // Many ties on the period, so the path decides; in any order.
        let entries = (0..<600).map { index in
            FeedEntry(period: periods[index % 3], title: "t\(index)", path: "i\(index % 50)/reports/\(index).html",
                      summary: "", language: "en")
        }.shuffled(using: &random)
        let sorted = entries.sorted { ($0.period, $0.path) > ($1.period, $1.path) }
        for limit in [0, 1, 7, 100, 600, 700] {
            #expect(FeedPage.newest(entries, limit: limit) == Array(sorted.prefix(limit)))
        }
    }

    @Test func languageVersionsPairEachPageWithItsOriginalOnly() {
        let pages = ["a/index.html", "a/bn/index.html", "a/reports/2025-Q4.html", "a/bn/reports/2025-Q4.html",
                     "a/partners/x.html", "a/kn/partners/y.html", "a/brief/2025-Q4.html", "a/indicators/z.html", "index.html"]
        let versions = SitemapPage.languageVersions(pages, siteLanguage: "en")
        #expect(Set(versions.keys) == ["a/index.html", "a/bn/index.html", "a/reports/2025-Q4.html", "a/bn/reports/2025-Q4.html"])
        #expect(versions["a/bn/reports/2025-Q4.html"]?.map(\.language) == ["en", "bn"])
        #expect(versions["a/index.html"]?.map(\.path) == ["a/index.html", "a/bn/index.html"])
    }
}
