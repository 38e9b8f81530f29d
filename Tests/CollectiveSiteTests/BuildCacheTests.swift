import Foundation
import Testing
@testable import CollectiveSite
@testable import ImpactDomain

@Suite struct BuildCacheTests {
    let entry = InitiativeEntry(
        slug: "oporajita", name: "Oporajita",
        stamps: [FileStamp(path: "/c/initiatives/oporajita/results.csv", size: 1200, modified: 1_700_000_000_123)],
        warnings: [.warning(SourceLocation(path: "/c/initiatives/oporajita/results.csv", line: 4, column: 2), "a note is long",
                            hint: nil)],
        cardHTML: "<article>card</article>", collectiveStatuses: [.onTrack, .atRisk], partnerIDs: ["caif", "snehaa"],
        feedEntries: [FeedEntry(period: Period("2026-Q2")!, title: "Oporajita: Q2", path: "oporajita/reports/2026-Q2.html",
                                summary: "Placements rose.", language: "en")],
        pages: ["oporajita/index.html", "oporajita/reports/2026-Q2.html"],
        fileHashes: ["oporajita/index.html": 42, "data/oporajita/results.json": UInt64.max],
        openData: "{\"slug\": \"oporajita\"}")

    func scratch() -> String {
        TestScratch.folder.appendingPathComponent("cache-\(UUID().uuidString)/_site").path
    }

    @Test func anEntryRoundTripsThroughTheCacheWithItsHeaderReadFirst() throws {
        let cache = BuildCache(output: scratch())
        cache.save(key: "k1", built: [entry], all: ["oporajita"], full: true)
        let loaded = try #require(cache.load(key: "k1"))
        let cached = try #require(loaded["oporajita"])
        #expect(cached.stamps == entry.stamps)
        #expect(cached.warnings == entry.warnings)
        #expect(cached.entry() == entry)
        // Another site key (templates, site.yaml, binary changed) means no cache at all.
        #expect(cache.load(key: "k2") == nil)
    }

    @Test func anIncrementalSaveReplacesAnEntryWithAShorterOne() throws {
        let cache = BuildCache(output: scratch())
        var long = entry
        long.pages += (0..<200).map { "oporajita/reports/page-\($0).html" }
        cache.save(key: "k", built: [long], all: ["oporajita"], full: true)
        cache.save(key: "k", built: [entry], all: ["oporajita"], full: false)
        let loaded = try #require(cache.load(key: "k"))
        #expect(loaded["oporajita"]?.entry() == entry)
        #expect(try String(contentsOfFile: cache.directory + "/site.key", encoding: .utf8) == "k")
    }

    @Test func aDamagedEntryMakesTheWholeCacheUnusable() throws {
        let cache = BuildCache(output: scratch())
        cache.save(key: "k", built: [entry], all: ["oporajita"], full: true)
        let file = cache.directory + "/oporajita.entry"
        var bytes = try #require(FileManager.default.contents(atPath: file))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: file))
        #expect(cache.load(key: "k") == nil)
        try bytes.prefix(bytes.count - 20).write(to: URL(fileURLWithPath: file))
        #expect(cache.load(key: "k") == nil)
    }

    @Test func contentHashTellsApartFilesThatDifferInOneByteOrInLength() {
        let base = Array("<html><body>Women reached: 36,400</body></html>".utf8)
        var changed = base
        changed[30] = UInt8(ascii: "7")
        #expect(contentHash(base) == contentHash(base))
        #expect(contentHash(base) != contentHash(changed))
        #expect(contentHash(base) != contentHash(base + [0]))
        #expect(contentHash([]) != contentHash([0]))
    }

    /// Four lanes and a tail: a change at any position (each lane, the eight-byte words after the last 32-byte
    /// block, the tail), words swapped between lanes, and zeros added all give another hash.
    @Test func contentHashSeesEveryPosition() {
        let base = (0..<101).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        var seen: Set<UInt64> = [contentHash(base)]
        for position in base.indices {
            var changed = base
            changed[position] ^= 0x01
            #expect(seen.insert(contentHash(changed)).inserted, "a change at byte \(position) went unseen")
        }
        var swapped = base
        swapped.replaceSubrange(0..<8, with: base[8..<16])
        swapped.replaceSubrange(8..<16, with: base[0..<8])
        #expect(seen.insert(contentHash(swapped)).inserted)
        for zeros in 1...40 { #expect(seen.insert(contentHash(base + [UInt8](repeating: 0, count: zeros))).inserted) }
    }

    /// The hash of given bytes is a fixed number, the same in every process and build (the cache compares it with
    /// the previous build's): these are the values at each path's lengths (no block, blocks, 16-byte steps, tails).
    @Test func contentHashGivesTheSameValuesAsEver() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let expected: KeyValuePairs<Int, UInt64> = [
            0: 0xDC17_D208_ABFA_E06F, 1: 0xBCA7_188C_BEF1_FE2D, 7: 0xE969_EBCC_6FA9_0F79, 8: 0x1277_EB23_04E3_9280,
            15: 0x296B_4448_5A16_3848, 16: 0x74A4_12D3_DD4F_136E, 17: 0xC2DB_3A4D_1E5A_EC93, 63: 0xA5E9_CB73_278A_E8E6,
            64: 0x1CAF_BF74_2BBD_E682, 65: 0x4F92_96A6_D522_2778, 100: 0x2DC1_CA70_5F4F_AAB9, 1000: 0x5A17_C53F_B922_2B21,
        ]
        for (length, hash) in expected { #expect(contentHash(Array(bytes.prefix(length))) == hash, "length \(length)") }
    }

    /// Every length up to three 64-byte blocks (so every path: whole blocks, 16-byte steps, a tail of 8-15 bytes read
    /// as two overlapping words, a tail of 1-7): each length hashes apart from the others, and a one-bit change at
    /// any position of it, or a zero word in the middle of a text, changes the hash.
    @Test func contentHashSeesEveryPositionAtEveryLength() {
        let text = Array(String(repeating: "Women reached in Bengaluru: 36,400 (of 40,000). ", count: 5).utf8)
        var lengths: Set<UInt64> = []
        for length in 0...192 {
            let base = Array(text.prefix(length))
            let hash = contentHash(base)
            #expect(lengths.insert(hash).inserted, "length \(length) hashes like a shorter one")
            for position in base.indices {
                for bit in [0, 7] as [UInt8] {
                    var changed = base
                    changed[position] ^= 1 << bit
                    #expect(contentHash(changed) != hash, "bit \(bit) of byte \(position) of \(length) went unseen")
                }
            }
            if length >= 24 {
                var zeroed = base
                zeroed.replaceSubrange(8..<16, with: [UInt8](repeating: 0, count: 8))
                #expect(contentHash(zeroed) != hash)
            }
        }
    }

    /// A file written as parts is hashed from its parts' hashes, each computed once for every file the part is in
    /// (`FileParts`): a one-byte change in any part, a part more or less, or parts in another order give the file
    /// another hash, so an incremental build writes it again. A part kept with the hash of the bytes it is made
    /// from (an indicator's entry of results.json, outdented for its own JSON) changes with them too.
    @Test func aFileOfPartsHashesToSomethingElseWhenAnyPartChanges() {
        let texts = ["indicator,period,value\r\n", "a,2024-Q1,12\r\na,2024-Q2,13\r\n", "b,2024-Q1,0.25\r\n", "\n"]
        let parts = texts.map { HashedPart(Array($0.utf8)) }
        let file = FileParts(parts)
        #expect(file.hash == contentHash(partHashes: parts.map { contentHash($0.bytes) }))
        var seen: Set<UInt64> = [file.hash]
        for index in parts.indices {
            for position in parts[index].bytes.indices {
                var changed = parts
                var bytes = changed[index].bytes
                bytes[position] ^= 1
                changed[index] = HashedPart(bytes)
                #expect(seen.insert(FileParts(changed).hash).inserted, "byte \(position) of part \(index) went unseen")
            }
        }
        #expect(seen.insert(FileParts(Array(parts.dropLast())).hash).inserted)
        #expect(seen.insert(FileParts(parts + [parts[3]]).hash).inserted)
        #expect(seen.insert(FileParts([parts[0], parts[2], parts[1], parts[3]]).hash).inserted)

        // A part's bytes made from another's by a fixed rule, with that one's hash.
        let entry = HashedPart(Array("    {\n      \"id\": \"a\"\n    }".utf8))
        var own = FileParts()
        own.append(Array("{\n  \"indicator\": ".utf8))
        own.append(JSONWriter.outdented(entry.bytes, by: 1), hash: entry.hash)
        own.append(Array("\n}\n".utf8))
        #expect(own.bytes[1] == Array("    {\n    \"id\": \"a\"\n  }".utf8))
        let edited = HashedPart(Array("    {\n      \"id\": \"b\"\n    }".utf8))
        var ownEdited = FileParts()
        ownEdited.append(own.bytes[0])
        ownEdited.append(JSONWriter.outdented(edited.bytes, by: 1), hash: edited.hash)
        ownEdited.append(own.bytes[2])
        #expect(ownEdited.hash != own.hash)
    }
}

@Suite struct InitiativeNameTests {
    func yamlName(_ text: String) -> String? {
        FrontMatter(bytes: Array(text.utf8), path: "initiative.md").fields.scalars["name"]
    }

    @Test func simpleNamesAreReadWithoutAYAMLParserAndAgreeWithIt() {
        let simple = [
            "---\nname: Oporajita\nmeaning: x\n---\nbody\n",
            "---\r\nname: \"Aalo Alliance 25\"\r\n---\r\n",
            "---\n# a note\nname: 'Saamuhika Shakti'\n---\n",
            "---\nname: Oporajita (অপরাজিতা) 2.0\n---\n",
        ]
        for text in simple {
            #expect(ContentLoader.simpleName(Array(text.utf8)) != nil, "\(text)")
            #expect(ContentLoader.simpleName(Array(text.utf8)) == yamlName(text), "\(text)")
        }
    }

    @Test func anythingElseIsLeftToTheYAMLParser() {
        let hard = [
            "---\nname: \"Tab\\tand escape\"\n---\n",
            "---\nname: Oporajita # a comment\n---\n",
            "---\nname: >\n  folded\n---\n",
            "---\nname: &anchor Oporajita\n---\n",
            "---\nname: Oporajita\nname: Twice\n---\n",
            "---\nname: ~\n---\n",
            "---\nname: 'it''s'\n---\n",
            "no front matter\nname: x\n",
            "---\nname: Unclosed\n",
        ]
        for text in hard { #expect(ContentLoader.simpleName(Array(text.utf8)) == nil, "\(text)") }
    }
}

/// Foundation's `deletingLastPathComponent` traps on a one-character relative path: `collective build --output B`
/// crashed (signal 4) before writing anything. `PathName` splits paths without it.
@Suite struct PathNameTests {
    @Test(arguments: [
        ("B", "", "B"), ("x/", "", "x"), ("_site", "", "_site"), ("out/B", "out", "B"), ("out/B/", "out", "B"),
        ("/B", "/", "B"), ("/", "/", "/"), ("a//b", "a", "b"), ("/srv/www/_site", "/srv/www", "_site"), ("./B", ".", "B"),
    ])
    func splitsAPathLikeNSStringWithoutTrapping(path: String, parent: String, last: String) {
        #expect(PathName.parent(path) == parent)
        #expect(PathName.last(path) == last)
    }

    @Test func theCacheAndTheSpareOfAOneLetterOutputLiveBesideIt() {
        #expect(BuildCache(output: "B").directory == ".collective-cache/B")
        #expect(SiteWriter(output: "B").spare == ".collective-cache/B.spare")
        #expect(SiteWriter(output: "out/B/").spare == "out/.collective-cache/B.spare")
        #expect(BuildCache(output: "/B").directory == "/.collective-cache/B")
    }
}

@Suite struct CostliestFirstTests {
    @Test func resultsComeBackInTheItemsOrderWhateverTheCosts() {
        let items = Array(0..<40)
        let costs = items.map { ($0 * 7919) % 13 }  // many ties
        let calls = Counter()
        let results = SiteBuild.mapCostliestFirst(items, cost: costs) { item -> String in
            calls.add()
            return "item \(item)"
        }
        #expect(results == items.map { "item \($0)" })
        #expect(calls.value == items.count)
        #expect(SiteBuild.mapCostliestFirst([String](), cost: []) { $0 }.isEmpty)
        #expect(SiteBuild.mapCostliestFirst(["only"], cost: [5]) { $0.uppercased() } == ["ONLY"])
    }

    @Test func theCostliestStartFirstAndTiesKeepTheirOrder() {
        #expect(SiteBuild.costliestFirst([3, 9, 3, 0, 9, 5]) == [1, 4, 5, 0, 2, 3])
    }

    /// Counts calls from any thread.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.lock(); count += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    }
}
