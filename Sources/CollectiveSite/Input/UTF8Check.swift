import ImpactDomain

/// UTF-8 validation and byte-offset → line/column conversion for the readers' messages.
enum UTF8Check {
    /// The encoding problem of a text file, if it has one: UTF-16 (Excel's "Unicode Text", some exports) or a NUL
    /// byte near the start (not text at all) make the whole file unreadable (`readable` false: read nothing, or
    /// every line would be garbage); otherwise the first byte that is not UTF-8 (the rest is still read).
    /// `hint` says how to save the file as UTF-8.
    static func problem(in bytes: [UInt8], path: String, hint: String) -> (diagnostic: Diagnostic, readable: Bool)? {
        let head = bytes.prefix(512)
        let marked = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if marked || head.contains(0) {
            // UTF-16 text puts a NUL beside every ASCII letter: at least a quarter of the bytes.
            if marked || head.lazy.filter({ $0 == 0 }).count * 4 >= head.count {
                return (.error(SourceLocation(path: path), "the file is UTF-16 text, not UTF-8", hint: hint), false)
            }
            let nul = head.firstIndex(of: 0)!
            let (line, column) = lineAndColumn(ofOffset: nul, in: bytes)
            return (.error(SourceLocation(path: path, line: line, column: column),
                           "the file contains a NUL byte (byte offset \(nul)): it is not a text file", hint: hint), false)
        }
        guard let bad = firstInvalidByte(in: bytes) else { return nil }
        let (line, column) = lineAndColumn(ofOffset: bad, in: bytes)
        return (.error(SourceLocation(path: path, line: line, column: column), "invalid UTF-8 at byte offset \(bad)", hint: hint), true)
    }

    /// The offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong forms, no
    /// surrogates, nothing above U+10FFFF), or nil when the whole buffer is valid.
    static func firstInvalidByte(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { p in
            let count = p.count
            var i = 0
            while i < count {
                // Fast path: ASCII 32 bytes at a time, then eight (most CSV and Markdown is ASCII).
                i = asciiEnd(p, from: i)
                guard i < count else { break }
                if i + 8 <= count {
                    let word = UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
                }
                let lead = p[i]
                if lead < 0x80 { i += 1; continue }
                let length: Int
                var low: UInt8 = 0x80, high: UInt8 = 0xBF  // allowed range of the second byte
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; high = 0x9F
                case 0xF0: length = 4; low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; high = 0x8F
                default: return i
                }
                guard i + length <= count else { return i }
                guard (low...high).contains(p[i + 1]) else { return i }
                for k in 2..<length where p[i + k] & 0xC0 != 0x80 { return i }
                i += length
            }
            return nil
        }
    }

    /// Where the run of ASCII bytes that starts at `start` ends, give or take: the offset of a byte ≥ 0x80 or the end
    /// of the buffer, or earlier (never past the first byte ≥ 0x80). Checks 32 bytes per step, four unaligned words
    /// or'ed together, and returns at the first step that has a byte ≥ 0x80; the callers go on byte by byte.
    @inline(__always)
    static func asciiEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        var end = start
        while end + 32 <= bytes.count {
            let p = UnsafeRawPointer(base + end)
            let any = p.loadUnaligned(as: UInt64.self) | p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                | p.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
            if any & 0x8080_8080_8080_8080 != 0 { break }
            end += 32
        }
        return end
    }

    /// `String(decoding: bytes, as: UTF8.self)`, cheaper for long text that is mostly ASCII (the HTML cmark makes
    /// of a narrative: its smart quotes and dashes are the only other characters). The standard library checks a
    /// text eight bytes at a time only until its first non-ASCII byte, then byte by byte to the end; here each run
    /// of ASCII is found eight bytes at a time and only the runs between them are decoded with checks. Invalid
    /// bytes are replaced exactly as `String(decoding:as:)` does: an ASCII byte always ends a malformed sequence,
    /// so no sequence spans two runs.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let count = bytes.count
        func asciiEnd(from start: Int) -> Int {
            var end = Self.asciiEnd(bytes, from: start)
            // Unaligned 8-byte loads within the buffer's bounds (`end + 8 <= count`).
            while end + 8 <= count,
                  UnsafeRawPointer(bytes.baseAddress! + end).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                end += 8
            }
            while end < count, bytes[end] < 0x80 { end += 1 }
            return end
        }
        func decoded(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        var start = asciiEnd(from: 0)
        if start == count { return decoded(0..<count) }
        var text = String()
        text.reserveCapacity(count)
        text += decoded(0..<start)
        while start < count {
            var end = start
            while end < count, bytes[end] >= 0x80 { end += 1 }
            text += decoded(start..<end)
            start = end
            end = asciiEnd(from: start)
            text += decoded(start..<end)
            start = end
        }
        return text
    }

    /// 1-based line and column (in characters, counting each lead byte) of a byte offset.
    static func lineAndColumn(ofOffset offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var i = lineStart
        while i < offset {
            if bytes[i] == UInt8(ascii: "\n") { line += 1; lineStart = i + 1 }
            i += 1
        }
        return (line, column(from: lineStart, to: offset, in: bytes))
    }

    /// 1-based column of `offset` on a line that begins at `lineStart`, counting characters (Unicode scalars),
    /// not bytes, so a Bengali value before the error does not push the column out.
    static func column(from lineStart: Int, to offset: Int, in bytes: [UInt8]) -> Int {
        var column = 1
        var i = lineStart
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return column
    }
}
