/// Escapes text for HTML and SVG: element content and quoted attribute values alike.
///
/// All five characters that can end or start markup are replaced — `&` `<` `>` `"` `'` — so the same
/// function is safe inside `"…"` and `'…'` attributes. Every value the site layer writes into markup it
/// builds itself (SVG charts) goes through here; Mustache escapes the rest.
public func escapeHTML(_ s: String) -> String {
    // Fast path: most labels contain none of the five characters.
    guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
        return s
    }
    // Over bytes (`appendEscapedHTML`): a chart's summary with an apostrophe went scalar by scalar.
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count + 16)
    appendEscapedHTML(s, to: &out)
    return String(decoding: out, as: UTF8.self)
}

/// Where escaped bytes go: a byte array (the chart writer) or a `ByteBuffer` (the template renderer's page, the open data).
protocol ByteOutput: ~Copyable {
    mutating func append(bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: ByteOutput where Element == UInt8 {
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

/// `escapeHTML(text)`'s bytes, appended to `out` without building a String: the template engine and the chart
/// writer escape every value they write this way. The five characters are ASCII, so they never occur inside a
/// multi-byte UTF-8 sequence; the runs between them are copied in one go.
func appendEscapedHTML<Output: ByteOutput & ~Copyable>(_ text: String, to out: inout Output) {
    // Read in place where the String allows it (a native String): `withUTF8` on a copy costs a retain and a release.
    if let done: Void = text.utf8.withContiguousStorageIfAvailable({ appendEscapedHTML(bytes: $0, to: &out) }) {
        return done
    }
    var text = text
    text.withUTF8 { appendEscapedHTML(bytes: $0, to: &out) }
}

/// The same over UTF-8 bytes.
func appendEscapedHTML<Output: ByteOutput & ~Copyable>(bytes buffer: UnsafeBufferPointer<UInt8>, to out: inout Output) {
    let count = buffer.count
    let raw = UnsafeRawBufferPointer(buffer)
    // Most values are short (a period, a figure, a name) with none of the five: 4 to 16 bytes are tested as two
    // loads that overlap when the text is shorter than both (each inside `buffer`; the upper half of a four-byte
    // load is zeros, none of the five), and appended whole.
    if count >= 4 && count <= 16 {
        let head: UInt64, tail: UInt64
        if count >= 8 {
            head = raw.loadUnaligned(as: UInt64.self)
            tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else {
            head = UInt64(raw.loadUnaligned(as: UInt32.self))
            tail = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
        }
        if !mayNeedEscape((head, tail)) { return out.append(bytes: buffer) }
    }
    var runStart = 0
    var index = 0
    // A longer text with none of the five (most): tested sixteen bytes at a time, the last sixteen in one load that
    // overlaps the one before, and appended whole. (Words of eight and a shifted last word, as below, cost as much
    // again.) Where a test finds one, the search below goes on from that block.
    if count > 16 {
        func mayNeedEscape(at offset: Int) -> Bool {
            CollectiveSite.mayNeedEscape((raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self),
                                          raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)))
        }
        while index + 16 <= count, !mayNeedEscape(at: index) { index += 16 }
        if index == count || index + 16 > count && !mayNeedEscape(at: count - 16) { return out.append(bytes: buffer) }
    }
    while index < count {
        // Sixteen bytes at a time, then eight, while none of them is one of the five (most text has none at all).
        if index + 16 <= count,
           !mayNeedEscape((raw.loadUnaligned(fromByteOffset: index, as: UInt64.self),
                           raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self))) {
            index += 16
            continue
        }
        let flags: UInt64
        if index + 8 <= count {
            flags = escapeFlags(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            if flags == 0 {
                index += 8
                continue
            }
        } else {
            // The last 1-7 bytes as one word, the byte at `index` first, zeros after (a zero is none of the five):
            // the text's last eight read at once and shifted, or the bytes of a text shorter than a word.
            let left = count - index
            var tail: UInt64 = 0
            if count >= 8 {
                tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) >> (8 * UInt64(8 - left))
            } else {
                for offset in 0..<left { tail |= UInt64(buffer[index + offset]) << (8 * UInt64(offset)) }
            }
            flags = escapeFlags(tail)
            if flags == 0 { break }
        }
        // The lowest flag is the first of the five in the word (see `escapeFlags`): escaped, and the scan goes on
        // after it (a byte at a time, each retesting its word, was most of the time spent on a text with a quote).
        let at = index + flags.trailingZeroBitCount / 8
        index = at + 1
        let entity: StaticString
        switch buffer[at] {
        case UInt8(ascii: "&"): entity = "&amp;"
        case UInt8(ascii: "<"): entity = "&lt;"
        case UInt8(ascii: ">"): entity = "&gt;"
        case UInt8(ascii: "\""): entity = "&quot;"
        case UInt8(ascii: "'"): entity = "&#39;"
        default: continue
        }
        out.append(bytes: UnsafeBufferPointer(rebasing: buffer[runStart..<at]))
        out.append(bytes: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
        runStart = at + 1
    }
    out.append(bytes: UnsafeBufferPointer(rebasing: buffer[runStart..<buffer.count]))
}

/// True when one of the eight bytes of `word` is `&` `<` `>` `"` or `'` (exact: false means none is, true that one is).
/// The classic test for a zero byte, `(x − 0x01…01) & ~x & 0x80…80` (exact about whether there is one), applied to
/// three forms of the word: the five are three tests, as `&` (26) and `'` (27) differ in their lowest bit only, and
/// `<` (3C) and `>` (3E) in their second: a byte with that bit set is one of the pair exactly when it equals 27 or 3E.
/// (`mayNeedEscape(_:)` of two words at once is cheaper: the renderer's short values are tested with that.)
@inline(__always)
func mayNeedEscape(_ word: UInt64) -> Bool { escapeFlags(word) != 0 }

/// The tests of `mayNeedEscape(_:)`, as flags (0x80) in the bytes of `word`: zero when none of its bytes is one of
/// the five, and otherwise the lowest flag is on the first that is (in memory order, on a little-endian machine).
/// The test for a zero byte flags the lowest zero byte exactly (below it nothing borrows); above it a borrow may
/// flag a byte that is not zero, but never one before it. So the lowest of the three tests' flags is exact too.
@inline(__always)
func escapeFlags(_ word: UInt64) -> UInt64 {
    zeroByteFlags((word | 0x0101_0101_0101_0101) ^ 0x2727_2727_2727_2727)
        | zeroByteFlags((word | 0x0202_0202_0202_0202) ^ 0x3E3E_3E3E_3E3E_3E3E)
        | zeroByteFlags(word ^ 0x2222_2222_2222_2222)
}

/// Per byte of `x`, the flag 0x80 where the byte is zero: exact for the lowest zero byte (below it nothing borrows),
/// and so for whether there is one; above it a borrow may flag a byte that is not zero. Testing `x ^ c` with `c`
/// repeating a byte finds that byte.
@inline(__always)
func zeroByteFlags(_ x: UInt64) -> UInt64 { (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 }

/// `zeroByteFlags` of two words side by side in one vector register (SSE2 on x86-64, NEON on arm64).
@inline(__always)
func zeroByteFlags(_ x: SIMD2<UInt64>) -> SIMD2<UInt64> {
    (x &- SIMD2(repeating: 0x0101_0101_0101_0101)) & ~x & SIMD2(repeating: 0x8080_8080_8080_8080)
}

/// `mayNeedEscape` of sixteen bytes, two words, at once: the same three tests, made on both words side by side in one
/// vector register (SSE2 on x86-64, NEON on arm64). About twenty instructions, where testing each word took sixty;
/// the renderer tests every short value it writes with this.
@inline(__always)
func mayNeedEscape(_ words: (UInt64, UInt64)) -> Bool {
    typealias Pair = SIMD2<UInt64>
    let pair = Pair(words.0, words.1)
    let found = zeroByteFlags((pair | Pair(repeating: 0x0101_0101_0101_0101)) ^ Pair(repeating: 0x2727_2727_2727_2727))
        | zeroByteFlags((pair | Pair(repeating: 0x0202_0202_0202_0202)) ^ Pair(repeating: 0x3E3E_3E3E_3E3E_3E3E))
        | zeroByteFlags(pair ^ Pair(repeating: 0x2222_2222_2222_2222))
    return found[0] | found[1] != 0
}
