import Foundation
import ImpactDomain
import ZIPFoundation

/// One table for a workbook: its sheet name and its rows as CSV bytes (the header first), exactly as the CSV
/// file would hold them.
public struct WorkbookTable: Sendable {
    public var name: String
    public var csv: [UInt8]

    public init(name: String, csv: [UInt8]) {
        self.name = name
        self.csv = csv
    }
}

/// Writes `data.xlsx` (an Office Open XML workbook: a zip of XML parts), deterministically: the same tables give
/// the same bytes. Each table becomes a sheet with its header row in bold and frozen, a guidance note on each
/// header cell, a drop-down list on each column with a fixed vocabulary or ids from another sheet, period and
/// date columns formatted as Text (so Excel does not turn `2025-07` into a date), and figures as number cells.
/// What the reader reads back is the same CSV text, value for value (`collective convert`).
enum WorkbookWriter {
    /// The workbook's bytes.
    static func xlsx(_ tables: [WorkbookTable]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
        try addParts(tables, to: archive)
        return [UInt8](archive.data ?? Data())
    }

    /// Writes the workbook to `path` through a temporary file beside it, so a failure leaves no half file.
    static func write(_ tables: [WorkbookTable], to path: String) throws {
        let temporary = path + ".writing"
        try? FileManager.default.removeItem(atPath: temporary)
        do {
            let archive = try Archive(url: URL(fileURLWithPath: temporary), accessMode: .create, pathEncoding: nil)
            try addParts(tables, to: archive)
            if rename(temporary, path) != 0 { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    /// Zip entries carry a date; a fixed one keeps the file the same from one run to the next.
    private static let entryDate = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01

    private static func addParts(_ tables: [WorkbookTable], to archive: Archive) throws {
        for (path, bytes) in parts(tables) {
            let data = Data(bytes)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: entryDate,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    // MARK: - Parts

    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// Styles (`s`): 0 General, 1 Text (`@`), 2 the bold header.
    enum Style: Int { case general = 0, text = 1, header = 2 }

    static func parts(_ tables: [WorkbookTable]) -> [(String, [UInt8])] {
        var strings = StringTable()
        var sheetParts: [(String, [UInt8])] = []
        let headers = tables.map { table in Self.rows(table.csv).first ?? [] }
        for (index, table) in tables.enumerated() {
            let number = index + 1
            let layout = SheetLayout(table: table.name, header: headers[index], tables: Dictionary(zip(tables.map(\.name), headers), uniquingKeysWith: { first, _ in first }))
            sheetParts.append(("xl/worksheets/sheet\(number).xml", sheetXML(table, layout: layout, number: number, strings: &strings)))
            if layout.hasNotes {
                sheetParts.append(("xl/worksheets/_rels/sheet\(number).xml.rels", Array("""
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="\(packageRelationships)"><Relationship Id="rId1" Type="\(relationshipNamespace)/comments" Target="../comments\(number).xml"/><Relationship Id="rId2" Type="\(relationshipNamespace)/vmlDrawing" Target="../drawings/vmlDrawing\(number).vml"/></Relationships>
                    """.utf8)))
                sheetParts.append(("xl/comments\(number).xml", commentsXML(layout)))
                sheetParts.append(("xl/drawings/vmlDrawing\(number).vml", vmlXML(layout, number: number)))
            }
        }
        let noted = tables.indices.filter { SheetLayout(table: tables[$0].name, header: headers[$0], tables: [:]).hasNotes }
        let contentTypes = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            \(tables.indices.map { "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())\
            \(noted.map { "<Override PartName=\"/xl/comments\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml\"/>" }.joined())\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>
            """
        let rootRelationships = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(packageRelationships)"><Relationship Id="rId1" Type="\(relationshipNamespace)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """
        let workbook = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="\(mainNamespace)" xmlns:r="\(relationshipNamespace)"><bookViews><workbookView activeTab="0"/></bookViews><sheets>\
            \(tables.enumerated().map { "<sheet name=\"\(XMLBytes.escape($1.name))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined())\
            </sheets></workbook>
            """
        let workbookRelationships = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(packageRelationships)">\
            \(tables.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(relationshipNamespace)/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined())\
            <Relationship Id="rIdStyles" Type="\(relationshipNamespace)/styles" Target="styles.xml"/><Relationship Id="rIdStrings" Type="\(relationshipNamespace)/sharedStrings" Target="sharedStrings.xml"/></Relationships>
            """
        let styles = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="\(mainNamespace)"><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
            <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/></cellXfs>\
            <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
            """
        return [
            ("[Content_Types].xml", Array(contentTypes.utf8)),
            ("_rels/.rels", Array(rootRelationships.utf8)),
            ("xl/workbook.xml", Array(workbook.utf8)),
            ("xl/_rels/workbook.xml.rels", Array(workbookRelationships.utf8)),
            ("xl/styles.xml", Array(styles.utf8)),
        ] + sheetParts + [("xl/sharedStrings.xml", strings.xml())]
    }

    /// The records of CSV bytes, each as its fields' text.
    static func rows(_ csv: [UInt8]) -> [[String]] {
        var reader = CSVReader(bytes: csv, path: "")
        var rows: [[String]] = []
        while reader.next() { rows.append(reader.fields.map { reader.string(of: $0) }) }
        return rows
    }

    private static func sheetXML(_ table: WorkbookTable, layout: SheetLayout, number: Int, strings: inout StringTable) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(table.csv.count * 4)
        func append(_ text: String) { out.append(contentsOf: text.utf8) }
        var reader = CSVReader(bytes: table.csv, path: "")
        var body: [UInt8] = []
        body.reserveCapacity(table.csv.count * 4)
        var row = 0
        var width = 0
        while reader.next() {
            row += 1
            width = max(width, reader.fields.count)
            body.append(contentsOf: "<row r=\"\(row)\">".utf8)
            for (column, field) in reader.fields.enumerated() {
                let text = reader.string(of: field)
                guard !text.isEmpty else { continue }
                let reference = SheetCSV.cellName(row: row, column: column)
                let kind = row == 1 ? .text : layout.kind(column)
                if kind == .number, Self.isPlainNumber(text) {
                    body.append(contentsOf: "<c r=\"\(reference)\"><v>\(text)</v></c>".utf8)
                } else {
                    let style = row == 1 ? Style.header : kind == .text ? .text : .general
                    let styleAttribute = style == .general ? "" : " s=\"\(style.rawValue)\""
                    body.append(contentsOf: "<c r=\"\(reference)\"\(styleAttribute) t=\"s\"><v>\(strings.index(text))</v></c>".utf8)
                }
            }
            body.append(contentsOf: "</row>".utf8)
        }
        let lastColumn = SheetCSV.columnName(max(width, 1) - 1)
        append("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="\(mainNamespace)" xmlns:r="\(relationshipNamespace)"><dimension ref="A1:\(lastColumn)\(max(row, 1))"/>\
            <sheetViews><sheetView workbookViewId="0"\(number == 1 ? " tabSelected=\"1\"" : "")><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>\
            <sheetFormatPr defaultRowHeight="15"/>
            """)
        if !layout.columns.isEmpty {
            append("<cols>")
            for (index, column) in layout.columns.enumerated() {
                let style = column.kind == .text ? " style=\"\(Style.text.rawValue)\"" : ""
                append("<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(column.width)\"\(style) customWidth=\"1\"/>")
            }
            append("</cols>")
        }
        append("<sheetData>")
        out.append(contentsOf: body)
        append("</sheetData>")
        let validations = layout.columns.enumerated().compactMap { index, column in column.list.map { (index, column, $0) } }
        if !validations.isEmpty {
            append("<dataValidations count=\"\(validations.count)\">")
            for (index, column, list) in validations {
                let letter = SheetCSV.columnName(index)
                // A list from another sheet also lets `*` (results' partner) or a new id through, with a warning.
                let style = list.isReference ? " errorStyle=\"warning\"" : ""
                append("<dataValidation type=\"list\"\(style) allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" errorTitle=\"\(XMLBytes.escape(column.name))\" error=\"\(XMLBytes.escape(list.error))\" sqref=\"\(letter)2:\(letter)1048576\"><formula1>\(XMLBytes.escape(list.formula))</formula1></dataValidation>")
            }
            append("</dataValidations>")
        }
        append("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>")
        if layout.hasNotes { append("<legacyDrawing r:id=\"rId2\"/>") }
        append("</worksheet>")
        return out
    }

    /// A figure Excel keeps exactly and the reader gives back as written: digits, an optional point and
    /// fraction, at most 15 significant digits, no leading zero before another digit. Anything else stays text.
    static func isPlainNumber(_ text: String) -> Bool {
        var digits = text.utf8[...]
        if digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
        let parts = digits.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 >= 48 && $0 <= 57 } }) else { return false }
        if parts[0].count > 1, parts[0].first == UInt8(ascii: "0") { return false }
        if parts.count == 2, parts[1].last == UInt8(ascii: "0") { return false }
        let significant = digits.filter { $0 != UInt8(ascii: ".") }.drop { $0 == UInt8(ascii: "0") }.count
        return significant <= 15
    }

    private static func commentsXML(_ layout: SheetLayout) -> [UInt8] {
        var text = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <comments xmlns="\(mainNamespace)"><authors><author>Collective</author></authors><commentList>
            """
        for (index, column) in layout.columns.enumerated() where !column.note.isEmpty {
            text += "<comment ref=\"\(SheetCSV.cellName(row: 1, column: index))\" authorId=\"0\"><text><t xml:space=\"preserve\">\(XMLBytes.escape(column.note))</t></text></comment>"
        }
        text += "</commentList></comments>"
        return Array(text.utf8)
    }

    /// The legacy drawing Excel needs to show notes (comments): one hidden box per note, shown on hover.
    private static func vmlXML(_ layout: SheetLayout, number: Int) -> [UInt8] {
        var text = """
            <xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">\
            <o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="\(number)"/></o:shapelayout>\
            <v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>
            """
        var shape = number * 1024
        for (index, column) in layout.columns.enumerated() where !column.note.isEmpty {
            shape += 1
            text += """
                <v:shape id="_x0000_s\(shape)" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:240pt;height:90pt;z-index:\(shape - number * 1024);visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">\
                <v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>\
                <x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>\(index + 1), 15, 0, 2, \(index + 4), 15, 5, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>0</x:Row><x:Column>\(index)</x:Column></x:ClientData></v:shape>
                """
        }
        text += "</xml>"
        return Array(text.utf8)
    }
}

/// The workbook's shared strings: each distinct text once, numbered in order of first use.
struct StringTable {
    private var indexes: [String: Int] = [:]
    private var texts: [String] = []

    mutating func index(_ text: String) -> Int {
        if let index = indexes[text] { return index }
        indexes[text] = texts.count
        texts.append(text)
        return texts.count - 1
    }

    func xml() -> [UInt8] {
        var out = Array("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <sst xmlns="\(WorkbookWriter.mainNamespace)" count="\(texts.count)" uniqueCount="\(texts.count)">
            """.utf8)
        for text in texts {
            // Leading or trailing spaces and line breaks are kept only with xml:space="preserve".
            out.append(contentsOf: "<si><t xml:space=\"preserve\">".utf8)
            out.append(contentsOf: XMLBytes.escape(text).utf8)
            out.append(contentsOf: "</t></si>".utf8)
        }
        out.append(contentsOf: "</sst>".utf8)
        return out
    }
}
