import Testing
@testable import CollectiveSite

/// `ByteBuffer` as the template renderer uses it (its other uses: `OpenDataBytesTests`).
@Suite struct ByteBufferTests {
    /// Bytes, strings (small, large, not ASCII), static strings and escaped text come out in order, across growth.
    @Test func appendsInOrderAcrossGrowth() {
        var out = ByteBuffer(capacity: 4)
        var expected: [UInt8] = []
        for round in 0..<50 {
            let text = String(repeating: "ক্ষ-\(round)", count: round % 7)
            out.append(string: text)
            expected += Array(text.utf8)
            out.append("<b>")
            expected += Array("<b>".utf8)
            let bytes: [UInt8] = Array(0..<UInt8(round))
            bytes.withUnsafeBufferPointer { out.append($0) }
            expected += bytes
            appendEscapedHTML("a<\(round)>&\"'", to: &out)
            expected += Array("a&lt;\(round)&gt;&amp;&quot;&#39;".utf8)
        }
        #expect(out.count == expected.count)
        #expect(out.array() == expected)
        #expect(ByteBuffer(capacity: 0).array() == [])
    }

    /// Writing into given memory: the bytes are there, in order, while they fit; past it they continue in the
    /// output's own memory, whole and in order, and the output says so.
    @Test func writesIntoGivenMemoryUntilItIsFull() {
        for room in [0, 8, 16, 40, 64, 4096] {
            let given = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: room)
            defer { given.deallocate() }
            var out = ByteBuffer(into: given)
            var expected: [UInt8] = []
            for round in 0..<6 {
                out.append(string: "twelve bytes")
                appendEscapedHTML("<\(round)>", to: &out)
                expected += Array("twelve bytes&lt;\(round)&gt;".utf8)
            }
            #expect(out.array() == expected)
            let fits = room >= 16 && expected.count + 16 <= room
            #expect(out.isInGivenMemory == fits, "room \(room)")
            if fits { #expect(Array(given.prefix(out.count)) == expected) }
        }
    }

    /// A page rendered into the array returned is the same whether it fit the room made for it or outgrew it, and
    /// pages of one template after a large one or a small one render whole.
    @Test func pagesRenderWholeWhateverRoomWasMadeForThem() throws {
        var library = TemplateLibrary()
        library.register(try Template(source: "<p>{{#rows}}[{{.}}]{{/rows}}</p>"), named: "page")
        for count in [0, 3, 20_000, 5, 40_000, 0, 1] {
            let rows = (0..<count).map { "r\($0 % 10)" }
            let page = try #require(library.render(.object(["rows": .texts(rows)]), template: "page"))
            #expect(String(decoding: page, as: UTF8.self) == "<p>" + rows.map { "[\($0)]" }.joined() + "</p>")
            #expect(page.capacity <= 2 * page.count + 4096 + 64)
        }
    }
}
