import Foundation
import Testing
import ZIPFoundation
@testable import CollectiveSite
@testable import ImpactDomain

/// A workbook written part by part, as Excel and other tools write them, to test the reader on exact XML.
enum XLSXFixture {
    /// `beforeData` and `afterData`: per sheet name, XML before its `<sheetData>` (`<cols>`) and after it
    /// (`<mergeCells>`).
    static func make(sheets: [(name: String, xml: String)], sharedStrings: [String] = [], styles: String? = nil,
                     workbookProperties: String = "", beforeData: [String: String] = [:],
                     afterData: [String: String] = [:]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
        let sheetList = sheets.enumerated().map { "<sheet name=\"\($1.name)\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined()
        try add("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook \(ns)>\(workbookProperties)<sheets>\(sheetList)</sheets></workbook>")
        var relations = sheets.indices.map {
            "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }
        relations.append("<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>")
        relations.append("<Relationship Id=\"rIdT\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>")
        try add("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(relations.joined())</Relationships>")
        for (index, sheet) in sheets.enumerated() {
            try add("xl/worksheets/sheet\(index + 1).xml", "<?xml version=\"1.0\"?><worksheet \(ns)>\(beforeData[sheet.name] ?? "")<sheetData>\(sheet.xml)</sheetData>\(afterData[sheet.name] ?? "")</worksheet>")
        }
        try add("xl/sharedStrings.xml", "<?xml version=\"1.0\"?><sst \(ns) count=\"\(sharedStrings.count)\">\(sharedStrings.joined())</sst>")
        try add("xl/styles.xml", styles ?? "<styleSheet \(ns)><cellXfs count=\"1\"><xf numFmtId=\"0\"/></cellXfs></styleSheet>")
        return [UInt8](archive.data ?? Data())
    }

    /// Styles: 0 plain, 1 a built-in date (14), 2 a percentage (9), 3 a custom date format, 4 a custom number.
    static let styles = """
        <styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="[$-409]mmm\\-yy;@"/><numFmt numFmtId="165" formatCode="#,##0.00&quot; kg&quot;"/></numFmts>
        <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="9"/><xf numFmtId="164"><alignment wrapText="1"/></xf><xf numFmtId="165"/></cellXfs></styleSheet>
        """

    /// The CSV text a sheet reads as.
    static func csv(_ bytes: [UInt8], sheet: String = "results") -> (String, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard let workbook = WorkbookReader(bytes: bytes, path: "data.xlsx", &diagnostics),
              let csv = workbook.sheet(sheet, &diagnostics) else { return ("", diagnostics) }
        return (String(decoding: csv.bytes, as: UTF8.self), diagnostics)
    }
}

@Suite struct WorkbookReaderTests {
    @Test func cellsAreReadByTheirType() throws {
        let strings = [
            "<si><t>indicator</t></si>", "<si><t>period</t></si>", "<si><t>value</t></si>", "<si><t>note</t></si>",
            // rich text in runs, with a phonetic guide that is not part of the text
            "<si><r><rPr><b/></rPr><t>Nari, </t></r><r><t xml:space=\"preserve\">\"Dhaka\" &amp; more</t></r><rPh sb=\"0\" eb=\"1\"><t>ナリ</t></rPh></si>",
            "<si><t>line one_x000D_\nline two</t></si>", "<si><t>date</t></si>",
        ]
        let xml = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>6</v></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>trained</t></is></c><c r="B2" t="str"><f>"2024-Q"&amp;1</f><v>2024-Q1</v></c><c r="C2"><v>1.5E+3</v></c><c r="D2" t="s"><v>4</v></c><c r="E2" s="1"><v>45474</v></c></row>
            <row r="4" spans="1:5"><c r="A4" t="inlineStr"><is><t>placed</t></is></c><c r="B4" s="3"><v>45474</v></c><c r="C4" s="2"><v>0.35</v></c><c r="D4" t="s"><v>5</v></c><c r="E4" s="3"><v>45474.5</v></c></row>
            <x:row r="5"><x:c r="A5" t="inlineStr"><x:is><x:t>other</x:t></x:is></x:c><x:c r="C5"><x:f>SUM(C2:C4)</x:f><x:v>-2.5E-3</x:v></x:c><x:c r="D5" t="b"><x:v>1</x:v></x:c><x:c r="E5" t="e"><x:v>#N/A</x:v></x:c></x:row>
            <row><c t="inlineStr"><is><t>no refs</t></is></c><c/><c s="4"><v>1234.5</v></c></row>
            <row r="9"><c r="B9" s="2"/><c r="C9" s="1"/></row>
            """
        let bytes = try XLSXFixture.make(sheets: [("results", xml)], sharedStrings: strings, styles: XLSXFixture.styles)
        let (csv, diagnostics) = XLSXFixture.csv(bytes)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(csv == """
            indicator,period,value,note,date
            trained,2024-Q1,1500,"Nari, ""Dhaka"" & more",2024-07-01

            placed,45474,35%,"line one\r
            line two",2024-07-01 12:00:00
            other,,-0.0025,TRUE,#N/A
            no refs,,1234.5,,

            """)
    }

    /// A large sheet is inflated on a second thread while the first scans it: the same CSV, chunk boundaries
    /// anywhere, and a damaged stream still reported.
    /// A merged range keeps its value in its first cell: the rows it covers below read as empty. Said once per
    /// range, at its first cell, so "`indicator` is empty" at A3 has its reason.
    @Test func mergedCellsAreNamedWithHowToUnmergeThem() throws {
        let xml = """
            <row r="1"><c r="A1" t="inlineStr"><is><t>indicator</t></is></c><c r="B1" t="inlineStr"><is><t>value</t></is></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>reach</t></is></c><c r="B2"><v>5</v></c></row>
            <row r="3"><c r="A3"/><c r="B3"><v>6</v></c></row>
            """
        let bytes = try XLSXFixture.make(sheets: [("results", xml)],
                                         afterData: ["results": #"<mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells><pageMargins left="0.7"/>"#])
        let (csv, diagnostics) = XLSXFixture.csv(bytes)
        #expect(csv == "indicator,value\nreach,5\n,6\n")
        #expect(diagnostics.map(\.description) == [
            "data.xlsx:2:1: warning: cells A2:A3 are merged: only A2 holds the value, and the other cells read as empty (sheet results, cell A2) "
                + "(hint: unmerge them (in Excel: Home → Merge & Center → Unmerge Cells; in LibreOffice: Format → Merge and Unmerge Cells → Split Cells) and write the value into each of A2–A3)",
        ])
        #expect(SheetCSV.cell(named: "AB12")! == (12, 27))
        #expect(SheetCSV.cell(named: "12") == nil && SheetCSV.cell(named: "A0") == nil)
    }

    /// Hidden rows (by hand, or by a filter) and hidden columns are read like the others: said once per sheet.
    @Test func hiddenRowsAndColumnsAreReadAndSaidToBe() throws {
        let xml = """
            <row r="1"><c r="A1" t="inlineStr"><is><t>indicator</t></is></c><c r="B1" t="inlineStr"><is><t>value</t></is></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>reach</t></is></c><c r="B2"><v>5</v></c></row>
            <row r="3" hidden="1"><c r="A3" t="inlineStr"><is><t>reach</t></is></c><c r="B3"><v>6</v></c></row>
            <row r="4" hidden="true"><c r="A4" t="inlineStr"><is><t>reach</t></is></c><c r="B4"><v>7</v></c></row>
            <row r="5" hidden="1"/><row r="6" hidden="0"><c r="A6" t="inlineStr"><is><t>reach</t></is></c><c r="B6"><v>8</v></c></row>
            """
        let (csv, diagnostics) = XLSXFixture.csv(try XLSXFixture.make(sheets: [("results", xml)]))
        #expect(csv == "indicator,value\nreach,5\nreach,6\nreach,7\n\nreach,8\n")
        // A hidden column with values is said once too; one hidden but empty (D) is not.
        let hidden = try XLSXFixture.make(sheets: [("results", xml)],
                                          beforeData: ["results": #"<cols><col min="2" max="2" width="9" hidden="1"/><col min="4" max="4" hidden="1"/></cols>"#])
        #expect(XLSXFixture.csv(hidden).1.map(\.description).contains(
            "data.xlsx:1:2: warning: column B is hidden in the workbook, but read like the others (sheet results, cell B1) "
                + "(hint: unhide it and check what it holds; delete a column that must not be published)"))
        #expect(diagnostics.map(\.description) == [
            "data.xlsx:3:1: warning: rows 3, 4 are hidden in the workbook, but read like the others (sheet results, row 3) "
                + "(hint: unhide them (or clear the filter) and check what they hold; delete a row that must not count)",
        ])
    }

    @Test func aSheetInflatedOnASecondThreadReadsTheSame() throws {
        let rows = (1...20_000).map { r in
            "<row r=\"\(r)\"><c r=\"A\(r)\" t=\"inlineStr\"><is><t>row \(r), \"quoted\"</t></is></c><c r=\"B\(r)\"><v>\(r).5</v></c></row>"
        }.joined()
        let bytes = try XLSXFixture.make(sheets: [("results", rows)])
        var diagnostics: [Diagnostic] = []
        let workbook = try #require(WorkbookReader(bytes: bytes, path: "data.xlsx", &diagnostics))
        let piped = try #require(workbook.sheet("results", pipelineAbove: 0, &diagnostics))
        let direct = try #require(workbook.sheet("results", &diagnostics))
        #expect(diagnostics.isEmpty)
        #expect(piped.bytes == direct.bytes)
        let text = String(decoding: piped.bytes, as: UTF8.self)
        #expect(text.hasPrefix("\"row 1, \"\"quoted\"\"\",1.5\n\"row 2,"))
        #expect(text.hasSuffix("\"row 20000, \"\"quoted\"\"\",20000.5\n"))
        #expect(workbook.sheet("results", headerOnly: true, pipelineAbove: 0, &diagnostics)?.bytes.count ?? 0 < 100)
    }

    @Test func numbersAreWrittenInFull() {
        func plain(_ raw: String, shift: Int = 0) -> String {
            var out: [UInt8] = []
            Array(raw.utf8).withUnsafeBufferPointer { SpreadsheetNumber.appendPlain($0, shift: shift, to: &out) }
            return String(decoding: out, as: UTF8.self)
        }
        #expect(plain("1234.5") == "1234.5")
        #expect(plain("1.2345678901234E+20") == "123456789012340000000")
        #expect(plain("1E-3") == "0.001")
        #expect(plain("-4.5e-7") == "-0.00000045")
        #expect(plain("0.35", shift: 2) == "35")
        #expect(plain("0.125", shift: 2) == "12.5")
        #expect(plain("1", shift: 2) == "100")
        #expect(plain("2.5E-3", shift: 2) == "0.25")
        // A formula's binary noise beyond Excel's 15 significant digits is not part of the figure the cell shows.
        #expect(plain("300.00000000000006") == "300")
        #expect(plain("282.00000000000003") == "282")
        #expect(plain("0.30000000000000004") == "0.3")
        #expect(plain("99.999999999999986") == "100")
        #expect(plain("-1234.5678901234567") == "-1234.56789012346")
        #expect(plain("0.57199999999999995", shift: 2) == "57.2")
        #expect(plain("1.0000000000000002E+20") == "100000000000000000000")
        #expect(plain("123456789012345") == "123456789012345")
        #expect(SpreadsheetNumber.isoDate(serial: 45474, date1904: false) == "2024-07-01")
        #expect(SpreadsheetNumber.isoDate(serial: 45474 - 1462, date1904: true) == "2024-07-01")
    }

    @Test func dateFormatsAreRecognised() {
        #expect(CellStyle.classify("yyyy-mm-dd") == .date)
        #expect(CellStyle.classify("[$-409]mmm\\-yy;@") == .date)
        #expect(CellStyle.classify("0.00%") == .percent)
        #expect(CellStyle.classify("#,##0.00\" kg\"") == .plain)
        #expect(CellStyle.classify("\"days\" 0") == .plain)
        #expect(CellStyle.classify("General") == .plain)
        #expect(CellStyle.builtIn(14) == .date)
        #expect(CellStyle.builtIn(10) == .percent)
        #expect(CellStyle.builtIn(3) == .plain)
    }

    @Test func textIsEscapedForXMLAndBack() {
        for text in ["a & b < c > \"d\"", "tab\there\nnewline", "bell\u{7}", "_x0041_ stays", "plain_underscore"] {
            let escaped = XMLBytes.escape(text)
            let decoded = Array(escaped.utf8).withUnsafeBufferPointer { XMLBytes.decode($0) }
            #expect(String(decoding: decoded, as: UTF8.self) == text, "\(escaped)")
        }
    }

    @Test func unreadableFilesGetOneClearError() {
        func problems(_ bytes: [UInt8]) -> [String] {
            var diagnostics: [Diagnostic] = []
            #expect(WorkbookReader(bytes: bytes, path: "data.xlsx", &diagnostics) == nil)
            return diagnostics.map(\.message)
        }
        #expect(problems(Array("id,name\n".utf8)) == ["not an Excel workbook: the file is damaged or in another format"])
        #expect(problems([]) == ["empty file"])
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 64)
        #expect(problems(ole + Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), 0] }))
                    == ["the workbook is protected with a password, so it cannot be read"])
        #expect(problems(ole) == ["this is an Excel 97–2003 workbook (.xls), not an .xlsx workbook"])
        #expect(problems([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 7, count: 100))
                    == ["not an Excel workbook: the file is damaged or in another format"])
    }
}

/// An initiative whose tables are in data.xlsx: read as its CSV files would be, problems pointed at cells.
@Suite struct WorkbookLoaderTests {
    /// A sheet's XML with every cell as inline text, as scripts write workbooks.
    static func sheet(_ rows: [[String]]) -> String {
        rows.enumerated().map { r, row in
            "<row r=\"\(r + 1)\">" + row.enumerated().map { c, text in
                text.isEmpty ? "" : "<c r=\"\(SheetCSV.cellName(row: r + 1, column: c))\" t=\"inlineStr\"><is><t>\(XMLBytes.escape(text))</t></is></c>"
            }.joined() + "</row>"
        }.joined()
    }

    /// The sample's `alpha` initiative with its tables in a workbook (sheets given as rows of inline text).
    /// - Parameter extraSheets: sheets that replace alpha's own of the same name, or are added after them.
    static func alpha(results: [[String]], extraSheets: [(String, [[String]])] = [], keepCSV: [String] = [],
                      files: [String: String?] = [:]) throws -> (root: String, diagnostics: [Diagnostic]) {
        var sheets: [(String, [[String]])] = [
            ("partners", [["id", "name", "role"], ["bb", "Backbone", "backbone"]]),
            ("workstreams", [["id", "name", "lead"], ["ws", "Stream", "bb"]]),
            ("indicators", [["id", "name", "scope", "partner", "measure", "across_partners", "across_periods"], ["n", "Number", "partner", "bb", "count", "", "sum"]]),
            ("results", results),
        ]
        for extra in extraSheets {
            if let index = sheets.firstIndex(where: { $0.0 == extra.0 }) { sheets[index] = extra } else { sheets.append(extra) }
        }
        let bytes = try XLSXFixture.make(sheets: sheets.map { ($0.0, sheet($0.1)) })
        let root = try SampleContent.write(files)
        let folder = root + "/initiatives/alpha/"
        for table in ["partners", "workstreams", "indicators", "results"] where !keepCSV.contains(table) {
            try FileManager.default.removeItem(atPath: folder + table + ".csv")
        }
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "data.xlsx"))
        let report = SiteBuilder.check(BuildOptions(contentDirectory: root, templatesDirectory: SiteBuildTests.repository + "/templates"))
        let relative = report.diagnostics.map { diagnostic in
            var copy = diagnostic
            if copy.location.path.hasPrefix(root + "/") { copy.location.path.removeFirst(root.count + 1) }
            return copy
        }
        return (root, relative)
    }

    @Test func aWorkbookInitiativeReadsLikeItsCSVForm() throws {
        let (root, diagnostics) = try Self.alpha(results: [["indicator", "partner", "period", "value"], ["n", "bb", "2025-Q1", "3"]])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let site = ContentLoader.load(contentDirectory: root)
        let alpha = try #require(site.initiatives.first { $0.initiative.slug == "alpha" })
        #expect(alpha.initiative.observations.map(\.value) == [3])
        #expect(alpha.initiative.partners.map(\.name) == ["Backbone"])
        #expect(alpha.initiative.observations[0].location.line == 2)
    }

    @Test func problemsNameTheFileSheetAndCell() throws {
        let (root, diagnostics) = try Self.alpha(results: [
            ["indicator", "partner", "period", "value", "note"],
            ["n", "bb", "2025-Q1", "1,5", ""],
            ["n", "bb", "2025-Q2", "3", "two\nlines"],       // every later row is a CSV line further down
            [],
            ["n", "bb", "Q3 2025", "4", ""],
            ["n", "nobody", "2025-Q4", "5", ""],             // found by validation, after loading
            ["n", "bb", "2026-Q1", "6", "", "stray"],
        ], extraSheets: [("Sheet2", [["x"]])])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let lines = diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }
        #expect(diagnostics.allSatisfy { $0.location.path == "initiatives/alpha/data.xlsx" }, "\(diagnostics)")
        #expect(lines.contains("2:4 `1,5` in column `value` uses a decimal comma (sheet results, cell D2)"), "\(lines)")
        #expect(lines.contains("5:3 `Q3 2025` is not a period in column `period` (sheet results, cell C5)"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("6:2 ") && $0.hasSuffix("(sheet results, cell B6)") }, "\(lines)")
        // Validation's words name the sheet, not a CSV file the initiative does not have.
        let unknown = try #require(diagnostics.first { $0.location.line == 6 })
        #expect(unknown.hint?.contains("the `partners` sheet") == true && unknown.hint?.contains("partners.csv") == false, "\(unknown)")
        #expect(lines.contains("7:6 a value outside the table: its column has no header (sheet results, cell F7)"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("1:1 unknown sheet `Sheet2`") }, "\(lines)")
        #expect(diagnostics.count == 5, "\(diagnostics)")
    }

    /// A row whose last cells are absent (never typed, or cleared) reads as those cells empty, as a short CSV row
    /// does: a missing required value is reported at its own cell, and the row loses nothing else.
    @Test func aRowWhoseLastCellsAreAbsentReadsThemAsEmpty() throws {
        let (root, diagnostics) = try Self.alpha(results: [
            ["indicator", "partner", "period", "value", "note"],
            ["n", "bb", "2025-Q1", "3"],
            ["n", "bb", "2025-Q2"],
            ["n", "bb", "2025-Q3", "4", "", ""],
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(diagnostics.map(\.description) == [
            "initiatives/alpha/data.xlsx:3:4: error: `value` is empty; a number is required (sheet results, cell D3) (hint: write the number; if nothing was reported for this period, leave the row out)",
        ])
        let site = ContentLoader.load(contentDirectory: root)
        let alpha = try #require(site.initiatives.first { $0.initiative.slug == "alpha" })
        #expect(alpha.initiative.observations.map(\.value) == [3, nil, 4])
        #expect(alpha.initiative.observations.map(\.period.description) == ["2025-Q1", "2025-Q2", "2025-Q3"])
    }

    /// Every check of the load stage that can concern a table held in the workbook, tried at once: no message
    /// names a CSV file the initiative does not have. A problem in a sheet is at data.xlsx with its sheet and cell;
    /// a problem elsewhere (a report, a partner's page, a link, a translation, initiative.md) names the sheet.
    @Test func loadStageMessagesNameTheSheetNotACSVFile() throws {
        let alpha = "initiatives/alpha/"
        let (root, diagnostics) = try Self.alpha(results: [["indicator", "partner", "period", "value"], ["n", "bb", "2025-Q1", "3"]],
            extraSheets: [
                ("targets", [["indicator", "partner", "period", "target", "colour"], ["n", "bb", "soon", "4"], ["n", "bb", "2025-Q2", "1,5"], ["", "bb", "2025-Q2", "4"], ["n", "", "2025-Q3", "5"], ["n", "", "2025-Q3", "5"]]),
                ("outcomes", [["date", "title", "condition", "partners"], ["2025-02-30", "Wage board", "policy", "bb, zz"], ["2025-03-01", "", "weather", "bb"]]),
            ],
            files: [
                alpha + "initiative.md": "---\nname: Alpha\nbackbone: bb\nlanguages: [en, bn]\nreach_indicator: ghost\n---\nSee [the ghost](partners/ghost.md) and [a number](indicators.csv#nothing).\n",
                alpha + "reports/2025-Q3.md": "---\ntitle: Third quarter\nperiod: 2025-Q3\n---\nNothing yet.\n",
                alpha + "partners/ghost.md": "A partner that is not in the table.\n",
                alpha + "indicators.bn.csv": "id,name,measure,colour\nn,সংখ্যা,count,লাল\nnothing,কিছু না,,\n",
                alpha + "partners.en.csv": "id,name\nbb,Backbone\n",
            ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let printed = diagnostics.map(\.description)
        let tables = ["partners.csv", "workstreams.csv", "indicators.csv", "results.csv", "targets.csv", "outcomes.csv"]
        for line in printed {
            // What the user wrote is quoted as written: the link `indicators.csv#nothing`.
            let words = line.replacingOccurrences(of: "`indicators.csv#nothing`", with: "")
            #expect(!tables.contains { words.contains($0) }, "names a CSV file the initiative does not have: \(line)")
            #expect(!line.contains(".xlsx#"), "quotes the reader's path: \(line)")
        }
        func find(_ path: String, _ words: String) -> String? {
            printed.first { $0.hasPrefix(alpha + path) && $0.contains(words) }
        }
        // In the sheets: at data.xlsx, sheet and cell.
        for (words, cell) in [
            ("unknown column `colour`", "(sheet targets, cell E1)"), ("`soon` is not a period", "(sheet targets, cell C2)"),
            ("`1,5` in column `target`", "(sheet targets, cell D3)"), ("`indicator` is empty", "(sheet targets, cell A4)"),
            ("2025-02-30", "(sheet outcomes, cell A2)"), ("`weather`", "(sheet outcomes, cell C3)"),
            ("`title` is empty", "(sheet outcomes, cell B3)"),
            // Validation quotes the other row by its place in the sheet, not by the reader's path.
            ("duplicate target for `n`, period `2025-Q3`; the first is at", "data.xlsx (sheet targets, row 5) (sheet targets, row 6)"),
        ] {
            #expect(find("data.xlsx:", words)?.contains(cell) == true, "\(words) \(cell) among:\n\(printed.joined(separator: "\n"))")
        }
        // Elsewhere: the sheet, by name, of data.xlsx.
        for (path, words) in [
            ("reports/2025-Q3.md", "the `results` sheet of data.xlsx has no rows for 2025-Q3"),
            ("partners/ghost.md", "the `partners` sheet of data.xlsx"),
            ("initiative.md", "the `partners` sheet of data.xlsx"),       // the link to partners/ghost.md
            ("initiative.md", "link `indicators.csv#nothing` names no indicator `nothing` (hint: use an id from the `indicators` sheet of data.xlsx)"),
            ("initiative.md", "the `indicators` sheet of data.xlsx"),     // reach_indicator (validation)
            ("indicators.bn.csv", "column `measure` of the `indicators` sheet of data.xlsx cannot be translated"),
            ("indicators.bn.csv", "the `indicators` sheet of data.xlsx has no column `colour` to translate"),
            ("indicators.bn.csv", "the `indicators` sheet of data.xlsx has no row with id `nothing`"),
            ("partners.en.csv", "the texts in the `partners` sheet of data.xlsx are already in `en`"),
        ] {
            #expect(find(path, words) != nil, "\(path): \(words) among:\n\(printed.joined(separator: "\n"))")
        }
    }

    @Test func aTableInBothFormsOrInNeitherIsAnError() throws {
        let (root, diagnostics) = try Self.alpha(results: [["indicator", "partner", "period", "value"]], keepCSV: ["partners"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(diagnostics.contains { $0.location.path == "initiatives/alpha/partners.csv"
            && $0.message == "the `partners` table is both in partners.csv and in the sheet `partners` of data.xlsx" }, "\(diagnostics)")

        let (root2, missing) = try Self.alpha(results: [])
        defer { try? FileManager.default.removeItem(atPath: root2) }
        #expect(missing.map(\.message).contains("the sheet `results` is empty"), "\(missing)")
    }
}
