import Testing
@testable import CollectiveSite

@Suite struct RenderOutputTests {
    /// Bytes, strings (small, large, not ASCII), static strings and escaped text come out in order, across growth.
    @Test func appendsInOrderAcrossGrowth() {
        var out = RenderOutput(capacity: 4)
        var expected: [UInt8] = []
        for round in 0..<50 {
            let text = String(repeating: "ক্ষ-\(round)", count: round % 7)
            out.append(text)
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
        #expect(out.bytes() == expected)
        #expect(RenderOutput(capacity: 0).bytes() == [])
    }
}
