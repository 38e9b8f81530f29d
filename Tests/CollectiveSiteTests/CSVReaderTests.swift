import Testing
@testable import CollectiveSite
@testable import ImpactDomain

/// Reads `text` and returns the records (as strings), the line of each record, and the diagnostics.
private func read(_ text: String) -> (records: [[String]], lines: [Int], diagnostics: [Diagnostic]) {
    read(Array(text.utf8))
}

private func read(_ bytes: [UInt8]) -> (records: [[String]], lines: [Int], diagnostics: [Diagnostic]) {
    var reader = CSVReader(bytes: bytes, path: "t.csv")
    var records: [[String]] = []
    var lines: [Int] = []
    while reader.next() {
        records.append(reader.fields.map(reader.string(of:)))
        lines.append(reader.line)
    }
    return (records, lines, reader.diagnostics)
}

@Suite struct CSVReaderTests {
    @Test func quotedFieldsWithCommasEscapedQuotesAndNewlines() {
        let (records, lines, diagnostics) = read("id,text\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"line one\nline two\"\n4,plain\n")
        #expect(diagnostics.isEmpty)
        #expect(records == [["id", "text"], ["1", "a, b"], ["2", "say \"hi\""], ["3", "line one\nline two"], ["4", "plain"]])
        // Record 4 spans lines 4–5, so the next record starts on line 6.
        #expect(lines == [1, 2, 3, 4, 6])
    }

    @Test func fieldLocationsCountCharactersNotBytes() {
        var reader = CSVReader(bytes: Array("name,note\nঅপরাজিতা,\"x\"\n".utf8), path: "p.csv")
        let header = reader.next(), row = reader.next()
        #expect(header && row)
        #expect(reader.string(0) == "অপরাজিতা")
        #expect(reader.string(1) == "x")
        // অপরাজিতা is 8 characters (24 bytes): the quoted field opens at column 10.
        #expect(reader.location(ofField: 1) == SourceLocation(path: "p.csv", line: 2, column: 10))
        #expect(reader.location(ofField: 0) == SourceLocation(path: "p.csv", line: 2, column: 1))
    }

    @Test func bengaliTextRoundTrips() {
        let (records, _, diagnostics) = read("id,name,meaning\noporajita,অপরাজিতা,\"অপরাজেয়, undefeated\"\n")
        #expect(diagnostics.isEmpty)
        #expect(records[1] == ["oporajita", "অপরাজিতা", "অপরাজেয়, undefeated"])
    }

    @Test func crlfLineEndingsLeaveNoCarriageReturnInValues() {
        let (records, lines, diagnostics) = read("a,b\r\n1,\"x\r\ny\"\r\n2,3\r\n")
        #expect(diagnostics.isEmpty)
        #expect(records == [["a", "b"], ["1", "x\r\ny"], ["2", "3"]])
        #expect(lines == [1, 2, 4])
    }

    @Test func byteOrderMarkIsNotPartOfTheFirstColumnName() {
        let (records, _, diagnostics) = read([0xEF, 0xBB, 0xBF] + Array("id,name\np1,Alpha\n".utf8))
        #expect(diagnostics.isEmpty)
        #expect(records == [["id", "name"], ["p1", "Alpha"]])
    }

    @Test func blankLinesAreSkippedAndTheFinalNewlineIsOptional() {
        let (records, lines, diagnostics) = read("a,b\n\n1,2\n\r\n\n3,4")
        #expect(diagnostics.isEmpty)
        #expect(records == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(lines == [1, 3, 6])
    }

    @Test func emptyFieldsAndATrailingComma() {
        let (records, _, diagnostics) = read("a,b,c\n1,,\n,2,\n")
        #expect(diagnostics.isEmpty)
        #expect(records == [["a", "b", "c"], ["1", "", ""], ["", "2", ""]])
        let atEnd = read("a,b\n1,")
        #expect(atEnd.records == [["a", "b"], ["1", ""]])
    }

    /// Excel saves a row whose cells were cleared as `,,,,` (sometimes with fewer commas than the header has
    /// columns): it holds nothing, so it is skipped like a blank line, not reported cell by cell.
    @Test func rowsOfEmptyCellsAreSkipped() {
        let (records, lines, diagnostics) = read("a,b,c\n1,2,3\n,,\n , ,\n,\n\"\",,\n4,5,6\n")
        #expect(diagnostics.isEmpty)
        #expect(records == [["a", "b", "c"], ["1", "2", "3"], ["4", "5", "6"]])
        #expect(lines == [1, 2, 7])
    }

    @Test func unterminatedQuoteIsReportedAtTheOpeningQuote() {
        let (records, _, diagnostics) = read("a,b\n1,2\n3,\"never closed\n4,5\n")
        #expect(records == [["a", "b"], ["1", "2"]])
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].severity == .error)
        #expect(diagnostics[0].message == "unterminated quoted field")
        #expect(diagnostics[0].location == SourceLocation(path: "t.csv", line: 3, column: 3))
    }

    @Test func quoteInsideAnUnquotedFieldSkipsOnlyThatRow() {
        let (records, _, diagnostics) = read("a,b\n1,x\"y\n2,ok\n")
        #expect(records == [["a", "b"], ["2", "ok"]])
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].message == "quote inside an unquoted field: `1,x\"y`")
        #expect(diagnostics[0].location == SourceLocation(path: "t.csv", line: 2, column: 4))
    }

    @Test func textAfterAClosingQuoteIsAnError() {
        let (records, _, diagnostics) = read("a,b\n1,\"x\"y,\n2,ok\n")
        #expect(records == [["a", "b"], ["2", "ok"]])
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].message.hasPrefix("unexpected character after a closing quote"))
        #expect(diagnostics[0].location == SourceLocation(path: "t.csv", line: 2, column: 6))
    }

    @Test func aRowWithMoreFieldsThanTheHeaderIsAnErrorAndTheOthersAreKept() {
        let (records, _, diagnostics) = read("a,b,c\n3,4,5\n6,7,8,9\n10,11,12\n")
        #expect(records == [["a", "b", "c"], ["3", "4", "5"], ["10", "11", "12"]])
        #expect(diagnostics.map(\.message) == ["expected 3 fields, found 4: `6,7,8,9`"])
        #expect(diagnostics.map(\.location.line) == [3])
        #expect(diagnostics[0].hint == "a value that contains a comma must be written in double quotes")
    }

    /// Excel (and other tools) leave out the trailing commas of a row whose last cells are empty: the row is read
    /// with those cells empty, each placed past the row's end where a comma would have opened it.
    @Test func aRowWithFewerFieldsReadsItsMissingTrailingCellsAsEmpty() {
        let (records, lines, diagnostics) = read("a,b,c,d\n1,2\n3,\"x\ny\"\n4,5,6\r\n7")
        #expect(diagnostics.isEmpty)
        #expect(records == [["a", "b", "c", "d"], ["1", "2", "", ""], ["3", "x\ny", "", ""], ["4", "5", "6", ""], ["7", "", "", ""]])
        #expect(lines == [1, 2, 3, 5, 6])
        var reader = CSVReader(bytes: Array("a,b,c,d\nü,2\n3,\"x\ny\"\n7".utf8), path: "t.csv")
        _ = reader.next(); _ = reader.next()
        // `ü,2` is 3 characters (4 bytes): c would open at column 5, d at 6.
        #expect(reader.fields.count == 4)
        #expect(reader.location(ofField: 2) == SourceLocation(path: "t.csv", line: 2, column: 5))
        #expect(reader.location(ofField: 3) == SourceLocation(path: "t.csv", line: 2, column: 6))
        #expect(reader.string(3).isEmpty)
        // A quoted value over two lines: the missing cells follow it on the line where the row ends.
        _ = reader.next()
        #expect(reader.location(ofField: 2) == SourceLocation(path: "t.csv", line: 4, column: 4))
        // The last row, with no line break after it.
        _ = reader.next()
        #expect(reader.location(ofField: 1) == SourceLocation(path: "t.csv", line: 5, column: 3))
        let more = reader.next()
        #expect(!more)
    }

    @Test func emptyFileIsAnError() {
        for text in ["", "\n\n", "\u{FEFF}", "  \r\n"] {
            let (records, _, diagnostics) = read(text)
            #expect(records.isEmpty)
            #expect(diagnostics.map(\.message) == ["empty file"])
            #expect(diagnostics.first?.location == SourceLocation(path: "t.csv", line: 1, column: 1))
        }
    }

    @Test func invalidUTF8ReportsTheByteOffsetLineAndColumn() {
        // "a,b\n" is 4 bytes, "1," 2 more: the bad byte 0xFF is at offset 6, line 2, column 3.
        let (records, _, diagnostics) = read(Array("a,b\n1,".utf8) + [0xFF] + Array("\n".utf8))
        #expect(records.count == 2)
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].message == "invalid UTF-8 at byte offset 6")
        #expect(diagnostics[0].location == SourceLocation(path: "t.csv", line: 2, column: 3))
    }

    /// UTF-16 read as UTF-8 used to give an invalid byte at offset 0 and then a header of garbled names with NUL
    /// bytes in them (printed raw to the terminal). Now one error, and no records.
    @Test(arguments: [("with a byte-order mark", [UInt8]([0xFF, 0xFE])), ("big-endian mark", [0xFE, 0xFF]), ("without a mark", [])])
    func aUTF16FileIsNamedAsSuchAndNotRead(_ label: String, _ mark: [UInt8]) {
        let text = "indicator,partner,period,value\nreach,p1,2025-Q1,120\n"
        let units = mark == [0xFE, 0xFF] ? text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
                                          : text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let (records, _, diagnostics) = read(mark + units)
        #expect(records.isEmpty, "\(label)")
        #expect(diagnostics.map(\.message) == ["the file is UTF-16 text, not UTF-8"], "\(label)")
        #expect(diagnostics.first?.hint?.contains("CSV UTF-8") == true)
    }

    @Test func aNULByteNearTheStartMeansNotText() {
        let (records, _, diagnostics) = read(Array("indicator,partner,period,value\nreach,p1,2025-Q1,1".utf8) + [0] + Array("20\n".utf8))
        #expect(records.isEmpty)
        #expect(diagnostics.map(\.message) == ["the file contains a NUL byte (byte offset 49): it is not a text file"])
        #expect(diagnostics.first?.location == SourceLocation(path: "t.csv", line: 2, column: 19))
    }

    @Test func utf8ValidatorRejectsOverlongsSurrogatesAndTruncation() {
        #expect(UTF8Check.firstInvalidByte(in: Array("plain ascii, long enough for the fast path".utf8)) == nil)
        #expect(UTF8Check.firstInvalidByte(in: Array("অপরাজিতা ✓ 😀".utf8)) == nil)
        #expect(UTF8Check.firstInvalidByte(in: [0x41, 0xC0, 0xAF]) == 1)           // overlong "/"
        #expect(UTF8Check.firstInvalidByte(in: [0xED, 0xA0, 0x80]) == 0)           // surrogate U+D800
        #expect(UTF8Check.firstInvalidByte(in: [0x41, 0x42, 0xE0, 0xA6]) == 2)     // cut-off Bengali letter
        #expect(UTF8Check.firstInvalidByte(in: Array(repeating: 0x41, count: 20) + [0x80]) == 20)
        #expect(UTF8Check.firstInvalidByte(in: [0xF4, 0x90, 0x80, 0x80]) == 0)     // above U+10FFFF
    }

    /// The 32-byte steps of the ASCII scan: a bad byte at every offset around a step's bounds is found where it is.
    @Test func utf8ValidatorFindsABadByteAtEveryOffset() {
        for offset in 0..<100 {
            var bytes = Array(repeating: UInt8(ascii: "a"), count: 100)
            bytes[offset] = 0xFF
            #expect(UTF8Check.firstInvalidByte(in: bytes) == offset)
            // A valid two-byte character before it changes nothing.
            if offset >= 2 {
                bytes[offset - 2] = 0xC3; bytes[offset - 1] = 0xA9
                #expect(UTF8Check.firstInvalidByte(in: bytes) == offset)
            }
        }
        let long = Array(String(repeating: "plain ascii and é, ", count: 20).utf8)
        #expect(UTF8Check.firstInvalidByte(in: long) == nil)
        #expect(UTF8Check.firstInvalidByte(in: long + [0xC3]) == long.count)
    }

    /// Records with fewer fields than the last, then more than the header (an error), then as many: each record's
    /// fields are its own, none left over from the record before.
    @Test func recordsOfChangingWidthsKeepNoFieldOfTheRecordBefore() {
        let (records, _, diagnostics) = read("a,b,c\n1,2,3\n4\n5,6,7,8,9\n,,x\n10,11,12\n13,14\n")
        #expect(records == [["a", "b", "c"], ["1", "2", "3"], ["4", "", ""], ["", "", "x"], ["10", "11", "12"],
                            ["13", "14", ""]])
        #expect(diagnostics.map(\.message) == ["expected 3 fields, found 5: `5,6,7,8,9`"])
        // A header wider than the rows after it.
        let wide = read("a,b,c,d,e,f\n1,2\n3,4,5,6,7,8\n")
        #expect(wide.records == [["a", "b", "c", "d", "e", "f"], ["1", "2", "", "", "", ""], ["3", "4", "5", "6", "7", "8"]])
        #expect(wide.diagnostics.isEmpty)
    }

    @Test func aFieldOfUpToEightBytesIsOneWordLowestByteFirst() {
        // The last field ends the file: fewer than 8 bytes follow its start, so it is read byte by byte.
        var reader = CSVReader(bytes: Array("a,b,c\np01,own-p001,own-p0011\n2024-Q1,,x\n2024-Q1 ,\"2024-Q1\",2024-Q1".utf8),
                               path: "w.csv")
        _ = reader.next()
        var words: [[(word: UInt64, length: Int)?]] = []
        while reader.next() { words.append(reader.fields.map { reader.word(of: $0) }) }
        #expect(words.count == 3)
        #expect(words[0][0]! == (0x31_3070, 3))  // "p01"
        #expect(words[0][1]! == (0x3130_3070_2D6E_776F, 8))  // "own-p001"
        #expect(words[0][2] == nil)  // 9 bytes
        #expect(words[1][1] == nil)  // empty
        #expect(words[1][0]! == (0x31_512D_3432_3032, 7))  // "2024-Q1"
        // The same bytes quoted, and at the end of the file: the same word; with a space after them, another.
        #expect(words[2][1]! == words[1][0]! && words[2][2]! == words[1][0]!)
        #expect(words[2][0]! == (0x2031_512D_3432_3032, 8))
    }

    @Test func utf8StringDecodesAsTheStandardLibraryDoes() {
        let html = "<p>“Quoted” — a long run of plain ASCII text, and then অপরাজিতা; 😀 at the end</p>\n"
        var cases: [[UInt8]] = [[], Array("short".utf8), Array("plain ascii, long enough for the fast path".utf8),
                                Array(html.utf8), Array("অপরাজিতা".utf8), Array("ends in é".utf8),
                                [0x41, 0xC0, 0xAF, 0x41], [0xE0, 0xA6], Array(repeating: 0x41, count: 21) + [0x80, 0x42],
                                Array("abc".utf8) + [0xF0, 0x9F, 0x98] + Array("defghijklmnop".utf8) + [0xFF]]
        // A character across every offset of the 32- and eight-byte steps.
        for shift in 0..<70 { cases.append(Array((String(repeating: "a", count: shift) + "’" + String(repeating: "b", count: 9)).utf8)) }
        for bytes in cases {
            let text = bytes.withUnsafeBufferPointer(UTF8Check.string)
            #expect(text == String(decoding: bytes, as: UTF8.self))
            #expect(Array(text.utf8) == Array(String(decoding: bytes, as: UTF8.self).utf8))
        }
    }
}

/// `InternedText`: results.csv's repeated ids made into a String once, found again by their bytes.
@Suite struct InternedTextTests {
    @Test func eachCellReadsAsItsText() {
        // 300 distinct ids (the table grows several times), each in three rows, with spaces, quotes and empty cells.
        var csv = "id,other\n"
        for round in 0..<3 { for n in 0..<300 { csv += "id-\(n),\(round)\n" } }
        csv += "  id-7 ,x\n\"id-8\",x\n\"say \"\"hi\"\"\",x\n,x\n   ,x\n"
        var reader = CSVReader(bytes: Array(csv.utf8), path: "t.csv")
        _ = reader.next()
        var interned = InternedText()
        var read: [String] = []
        while reader.next() {
            let text = interned.text(0, reader)
            #expect(text == reader.text(0))
            #expect(interned.optionalText(0, reader) == (text.isEmpty ? nil : text))
            read.append(text)
        }
        #expect(read.count == 905)
        #expect(read[0] == "id-0" && read[299] == "id-299" && read[600] == "id-0" && read[899] == "id-299")
        #expect(Array(read.suffix(5)) == ["id-7", "id-8", "say \"hi\"", "", ""])
        #expect(interned.text(nil, reader) == "")
    }

    @Test func idsOfUpToEightBytesAreToldApartFromLongerOnesAndEachOther() {
        // Ids that share their first 8 bytes, one of exactly 8, one with a space after it (another cell, the same
        // text), 100 more ids to grow the table, and a last cell that ends the file (read byte by byte).
        let ids = ["own-p001", "own-p0011", "own-p0012", "p1", "p10", "p1 ", "q", "own-p002"] + (0..<100).map { "p\($0)x" }
        var csv = "id\n"
        for _ in 0..<3 { for id in ids { csv += id + "\n" } }
        csv += "p1"
        var reader = CSVReader(bytes: Array(csv.utf8), path: "t.csv")
        _ = reader.next()
        var interned = InternedText()
        var read: [String] = []
        while reader.next() { read.append(interned.text(0, reader)) }
        let expected = ids.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(read == expected + expected + expected + ["p1"])
        #expect(Array(read.prefix(8)) == ["own-p001", "own-p0011", "own-p0012", "p1", "p10", "p1", "q", "own-p002"])
    }
}

@Suite struct CSVHeaderTests {
    func header(_ text: String, required: [String], optional: [String] = [],
                personal: @escaping (String) -> Bool = { _ in false }) -> CSVHeader {
        var reader = CSVReader(bytes: Array(text.utf8), path: "h.csv")
        _ = reader.next()
        return CSVHeader(reader: reader, required: required, optional: optional, personalColumn: personal)
    }

    @Test func columnsAreFoundIgnoringCaseAndSpaces() {
        let columns = header("ID , Name,role\n", required: ["id", "name", "role"], optional: ["kind"])
        #expect(columns.diagnostics.isEmpty)
        #expect(columns["id"] == 0 && columns["name"] == 1 && columns["role"] == 2)
        #expect(columns["kind"] == nil)
        #expect(columns.isUsable)
    }

    @Test func missingRequiredColumnsAreNamedInOneError() {
        let columns = header("id,kind\n", required: ["id", "name", "role"], optional: ["kind"])
        #expect(!columns.isUsable)
        #expect(columns.diagnostics.map(\.message) == ["missing required columns `name`, `role`"])
        #expect(columns.diagnostics.first?.severity == .error)
    }

    @Test func unknownColumnIsAWarningWithTheClosestKnownName() {
        let columns = header("indicator,partner,period,valeu\n", required: ["indicator", "partner", "period"],
                             optional: ["value", "note"])
        #expect(columns.isUsable)
        #expect(columns.diagnostics.count == 1)
        let warning = columns.diagnostics[0]
        #expect(warning.severity == .warning)
        #expect(warning.message == "unknown column `valeu`; it will be ignored")
        #expect(warning.hint == "did you mean `value`?")
        #expect(warning.location == SourceLocation(path: "h.csv", line: 1, column: 26))
    }

    @Test func personalDataColumnIsAnError() {
        let columns = header("indicator,Beneficiary_Name,value\n", required: ["indicator", "value"],
                             personal: { PersonalData.looksPersonal($0) })
        #expect(columns.diagnostics.count == 1)
        #expect(columns.diagnostics[0].severity == .error)
        #expect(columns.diagnostics[0].message == "column `Beneficiary_Name` looks like personal data")
        #expect(columns.diagnostics[0].location.column == 11)
    }

    @Test func duplicateColumnIsAnError() {
        let columns = header("id,name,id\n", required: ["id", "name"])
        #expect(columns.diagnostics.map(\.message) == ["duplicate column `id`"])
        #expect(columns["id"] == 0)
    }

    @Test func personalDataNames() {
        for column in ["name", "beneficiary_name", "Phone No.", "mobile", "email_id", "E-mail", "address", "home_address",
                       "dob", "dateOfBirth", "date_of_birth", "fullName", "surname", "aadhaar_number"] {
            #expect(PersonalData.looksPersonal(column), "\(column)")
        }
        for column in ["indicator", "ward", "category", "dimension", "note", "value", "age_band", "district"] {
            #expect(!PersonalData.looksPersonal(column), "\(column)")
        }
        #expect(!PersonalData.looksPersonal("Beneficiary_Name", allowed: ["beneficiary_name"]))
    }
}
