import Testing
import TestSupport
@testable import CollectiveSite
@testable import ImpactDomain

/// The pieces the build writes the open data with, straight into bytes: `ByteBuffer`, the CSV row places of
/// `ResultsBothSink`, and the escapes of both files over bytes.
@Suite struct OpenDataBytesTests {
    /// Every kind of append, of every short length and some long ones, comes out in order across growth; an insert
    /// moves what follows it; a range of another buffer is copied as it is.
    @Test func aByteBufferKeepsWhatIsWrittenInOrder() {
        var buffer = ByteBuffer(capacity: 1)
        var expected: [UInt8] = []
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ length) }
            bytes.withUnsafeBufferPointer { buffer.append($0) }
            expected += bytes
            buffer.append(UInt8(ascii: ","), times: length % 19)
            expected += Array(repeating: UInt8(ascii: ","), count: length % 19)
            buffer.append(UInt8(length))
            expected.append(UInt8(length))
            buffer.append("null")
            expected += Array("null".utf8)
        }
        buffer.append(bytes: UnsafeBufferPointer(start: nil, count: 0))
        #expect(buffer.count == expected.count)
        #expect(buffer.array() == expected)

        var other = ByteBuffer(capacity: 4)
        other.append([1, 2, 3, 4, 5])
        buffer.removeAll()
        #expect(buffer.array() == [])
        buffer.append([9, 9])
        buffer.append(other, 1..<4)
        #expect(buffer.array() == [9, 9, 2, 3, 4])
        buffer.insert(other, at: 1)
        #expect(buffer.array() == [9, 1, 2, 3, 4, 5, 9, 2, 3, 4])
        let long = Array(repeating: UInt8(7), count: 300)
        long.withUnsafeBufferPointer { buffer.insert($0, at: buffer.count) }
        buffer.append(other)
        #expect(buffer.array() == [9, 1, 2, 3, 4, 5, 9, 2, 3, 4] + long + [1, 2, 3, 4, 5])
        #expect(buffer.withBytes(1..<3) { Array($0) } == [1, 2])
    }

    /// Written into an array's own memory: what was written, whether it fit in the capacity asked for or grew out
    /// of it.
    @Test func aByteBufferWritesIntoAnArray() {
        let fits = ByteBuffer.array(capacity: 100) { buffer in
            buffer.append("fits")
            buffer.append(UInt8(ascii: ","), times: 3)
        }
        #expect(fits == Array("fits,,,".utf8))
        let long = (0..<1000).map { UInt8(truncatingIfNeeded: $0) }
        let grown = ByteBuffer.array(capacity: 10) { buffer in
            buffer.append("head")
            buffer.append(long)
            buffer.insert(UnsafeBufferPointer(start: nil, count: 0), at: 2)
        }
        #expect(grown == Array("head".utf8) + long)
        #expect(ByteBuffer.array(capacity: 0) { _ in } == [])
    }

    /// A cell that comes after a later column's is put after its own comma, whether a written column follows it
    /// or only empty ones; the columns after it move by its length.
    @Test func aRowsPlacesFindWhereALateCellGoes() {
        // prefix "p", then: column 0 "a" (comma at 1), columns 1-2 empty, column 3 "bb" (comma at 5), column 4 empty.
        var bytes = Array("p,a,,,bb,".utf8)
        var places = CSVRowPlaces()
        places.begin(at: 0)
        places.wrote(0, separator: 1)
        places.wrote(3, separator: 5)
        places.next = 5
        // Column 2: right before column 3's comma; column 4: the last comma.
        #expect(places.insertionPoint(of: 2, end: bytes.count) == 5)
        #expect(places.insertionPoint(of: 4, end: bytes.count) == 9)
        bytes.insert(contentsOf: "cc".utf8, at: 5)
        places.inserted(2, column: 2, separator: 4)
        #expect(String(decoding: bytes, as: UTF8.self) == "p,a,,cc,bb,")
        #expect(places.separators[3] == 7 && places.separators[2] == 4)
        #expect(places.insertionPoint(of: 1, end: bytes.count) == 4)
        // A nested row inherits its parent's columns before `row`, moved to where it starts.
        var nested = places
        nested.begin(at: 100, inheriting: places)
        #expect(nested.written == 1 && nested.separators[0] == 101 && nested.next == CSVRowPlaces.kindColumn)
        // A new row forgets the old one's columns.
        nested.begin(at: 200)
        #expect(nested.written == 0 && nested.next == 0 && nested.start == 200)
    }

    /// A column's JSON member start is its quoted key after `, ` (left out for an object's first member) and
    /// before `: `, for the first column and any other.
    @Test func aColumnsMemberStartIsItsQuotedKey() {
        let names = ResultsRowColumn.names
        func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        #expect(text(names.member(ResultsRowColumn.toDate.rawValue, first: false)) == ", \"to_date\": ")
        #expect(text(names.member(ResultsRowColumn.toDate.rawValue, first: true)) == "\"to_date\": ")
        #expect(text(names.member(0, first: true)) == "\"period\": ")
        #expect(text(names.quotedKey(0)) == "\"period\"")
        #expect(text(ResultsIndicatorColumn.names.quotedKey(ResultsIndicatorColumn.acrossPeriods.rawValue)) == "\"across_periods\"")
    }

    /// A padded run (a key, a figure) is copied as two words: exactly its bytes come out, whatever its length (0 to
    /// 32) and wherever it starts, across growth, and the bytes copied past it are overwritten by the next append.
    @Test func aPaddedRunAddsExactlyItsBytes() {
        let source: [UInt8] = (0..<96).map { UInt8($0) }
        var out = ByteBuffer(capacity: 0)
        var expected: [UInt8] = []
        source.withUnsafeBufferPointer { source in
            for round in 0..<200 {
                let start = round % 64, length = round % 33
                out.append(padded: UnsafeBufferPointer(rebasing: source[start..<start + length]))
                expected += source[start..<start + length]
                out.append(UInt8(ascii: "|"))
                expected.append(UInt8(ascii: "|"))
            }
        }
        #expect(out.array() == expected)
    }

    /// Every column's member start and every figure's digits are padded runs (`ByteBuffer.append(padded:)`): written
    /// that way they are what the unpadded copy writes.
    @Test func keysAndFiguresAreWrittenAsPaddedRuns() {
        func padded(_ write: (inout ByteBuffer) -> Void) -> String {
            var out = ByteBuffer(capacity: 0)
            write(&out)
            return String(decoding: out.array(), as: UTF8.self)
        }
        for column in ResultsRowColumn.allCases {
            let names = ResultsRowColumn.names
            let header = names.headers[column.rawValue]
            #expect(padded { $0.append(padded: names.member(column.rawValue, first: false)) } == ", \"\(header)\": ")
            #expect(padded { $0.append(padded: names.member(column.rawValue, first: true)) } == "\"\(header)\": ")
        }
        for column in ResultsIndicatorColumn.allCases {
            let header = ResultsIndicatorColumn.names.headers[column.rawValue]
            #expect(padded { $0.append(padded: ResultsIndicatorColumn.names.member(column.rawValue, first: false)) }
                    == ", \"\(header)\": ")
        }
        let figures: [Double] = [0, 7, -120, 60000, 9_007_199_254_740_991, -9_007_199_254_740_991, 0.25, -0.1, 1e-7,
                                 2400.0 / 110, -2.2250738585072014e-308, 1.7976931348623157e308, 9_007_199_254_740_993]
        for figure in figures {
            #expect(padded { out in OpenData.withNumber(figure) { out.append(padded: $0) } } == OpenData.number(figure))
        }
    }

    /// JSON strings escaped over bytes: what escaping scalar by scalar gives, for every control character,
    /// U+2028/U+2029 (and their neighbours that share a lead byte, which stay as they are), quotes and backslashes.
    @Test func jsonEscapesOverBytesAreTheScalarEscapes() {
        func reference(_ string: String) -> String {
            var out = "\""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                case "\u{2028}": out += "\\u2028"
                case "\u{2029}": out += "\\u2029"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "\""
        }
        var samples = (0..<0x20).map { "a" + String(UnicodeScalar(UInt8($0))) + "b" }
        samples += ["", "plain", "“quoted” – \u{2028}\u{2029}\u{2027}\u{202A}", "\\\"", "অপরাজিতা\u{7F}", "\u{2028}",
                    "end\u{2029}", "x\u{1F}\u{0}", String(repeating: "é\"", count: 40)]
        for sample in samples {
            var bytes = ByteBuffer(capacity: 8)
            JSONWriter.appendQuoted(sample, to: &bytes)
            #expect(String(decoding: bytes.array(), as: UTF8.self) == reference(sample), "\(Array(sample.utf8))")
            #expect(JSONWriter.quoted(sample) == reference(sample))
        }
    }

    /// A CSV text cell over bytes: neutralised when it could start a formula, quoted (quotes doubled) when it holds
    /// a comma, quote or line break, and both.
    @Test func csvTextCellsAreNeutralisedAndQuoted() {
        let cases = [("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("=1+2", "'=1+2"),
                     ("-\"x\",", "\"'-\"\"x\"\",\""), ("\"", "\"\"\"\""), ("two\nlines", "\"two\nlines\""), ("", "")]
        for (text, cell) in cases {
            var bytes = ByteBuffer(capacity: 2)
            CSVWriter.appendText(text, to: &bytes)
            #expect(String(decoding: bytes.array(), as: UTF8.self) == cell)
            #expect(CSVWriter.field(.text(text)) == cell)
        }
    }

    /// An indicator's records, which size both files' buffers, are its rows of results.csv: one per period,
    /// contribution and disaggregation cell.
    @Test func anIndicatorsRecordsAreItsRowsOfResultsCSV() throws {
        let (collective, partner) = try OpenDataFieldListTests.results()
        for result in [collective, partner] {
            let bytes = OpenData.csvRowBytes(result)
            let rows = zip(bytes, bytes.dropFirst()).filter { $0.0 == 0x0D && $0.1 == 0x0A }.count  // CRLF ends a row
            let nested = result.periods.reduce(0) { $0 + $1.contributions.count + $1.disaggregations.count }
            #expect(OpenData.recordCount(result) == rows)
            #expect(OpenData.recordCount(result) == result.periods.count + nested)
        }
        #expect(OpenData.recordCount(collective) > collective.periods.count)
    }

    /// The one-pass sink's test of a short text (`ResultsBothSink.isPlain`, over a small String's two words) against
    /// the rule it stands for, byte by byte: written as it is in both files when it is ASCII with no control
    /// character, quote, backslash or comma and does not start like a formula. Every length up to 15 with each byte
    /// that matters at each place, then 20,000 texts of random lengths and bytes; and the words of real Strings.
    @Test func aShortTextIsPlainWhenNeitherFileEscapesIt() throws {
        func reference(_ bytes: [UInt8]) -> Bool {
            if let first = bytes.first, CSVWriter.startsFormula(first) { return false }
            return bytes.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C && $0 != 0x2C }
        }
        func words(_ bytes: [UInt8]) -> (UInt64, UInt64) {
            var words: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &words) { raw in for (index, byte) in bytes.enumerated() { raw[index] = byte } }
            return words
        }
        let special: [UInt8] = [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x22, 0x27, 0x2B, 0x2C, 0x2D, 0x3D, 0x40, 0x5C,
                                0x7E, 0x7F, 0x80, 0xC3, 0xE2, 0xFF]
        var plain = 0
        for count in 0...15 {
            for position in 0..<max(count, 1) {
                for byte in special {
                    var bytes = [UInt8](repeating: UInt8(ascii: "q"), count: count)
                    if count > 0 { bytes[position] = byte }
                    let isPlain = ResultsBothSink.isPlain(words(bytes), count: count)
                    #expect(isPlain == reference(bytes), "\(bytes)")
                    if isPlain { plain += 1 }
                }
            }
        }
        var random = SplitMix64(seed: 20)
        for _ in 0..<20_000 {
            let count = Int(random.next() % 16)
            let bytes = (0..<count).map { _ in
                let draw = random.next()
                return draw % 4 == 0 ? special[Int(draw >> 8) % special.count] : UInt8(0x20 + (draw >> 8) % 0x60)
            }
            let isPlain = ResultsBothSink.isPlain(words(bytes), count: count)
            #expect(isPlain == reference(bytes), "\(bytes)")
            if isPlain { plain += 1 }
        }
        #expect(plain > 5_000)
        for text in ["2025-Q3", "on_track", "p01", "", "18-25", "women", "exactly 15 byte", "-5", "a,b", "Zoë"] {
            let small = try #require(smallStringBytes(text))
            #expect(small.count == text.utf8.count)
            #expect(ResultsBothSink.isPlain(small.words, count: small.count) == reference(Array(text.utf8)))
        }
    }

    /// The build's one pass over an indicator's periods against each writer alone, with text that needs every
    /// escape in both files: notes of several lines with quotes and commas, a category that looks like a formula,
    /// a partner id with a comma, an empty note, and a period whose nested records are all absent.
    @Test func bothFilesInOnePassEscapeTextAsEachWriterDoes() throws {
        var (collective, partner) = try OpenDataFieldListTests.results()
        try #require(!collective.periods.isEmpty && !collective.periods[0].disaggregations.isEmpty)
        var bare = collective.periods[0]
        bare.contributions = []
        bare.disaggregations = []
        bare.notes = [""]
        collective.periods[0].notes = ["first, \"quoted\"", "second\nline", "", "=SUM(A1)", "\u{2028}\u{01}"]
        collective.periods[0].disaggregations[0].category = "-12, or \"more\""
        collective.periods[0].contributions[0].partner = "p,1"
        collective.periods[0].contributions[1].partner = "Zoë"
        collective.periods.append(bare)
        partner.periods[0].notes = ["+only"]
        for result in [collective, partner] {
            let (rows, entry) = OpenData.indicatorParts(result)
            #expect(rows == OpenData.csvRowBytes(result))
            #expect(entry == OpenData.jsonEntryBytes(result))
        }
        let rows = String(decoding: OpenData.indicatorParts(collective).csvRows, as: UTF8.self)
        #expect(rows.contains(",\"'-12, or \"\"more\"\"\","))
        #expect(rows.contains(",contribution,\"p,1\","))
    }
}
