import Foundation
import Testing
import ZIPFoundation
@testable import CollectiveSite
@testable import ImpactDomain

/// The workbook Collective writes: the template of `new initiative` and the form `convert` moves tables into.
@Suite struct WorkbookWriterTests {
    /// A zip part's text.
    static func part(_ bytes: [UInt8], _ path: String) throws -> String {
        let archive = try Archive(data: Data(bytes), accessMode: .read, pathEncoding: nil)
        let entry = try #require(archive[path], "no part \(path)")
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    static func scratch() throws -> String {
        let path = TestScratch.folder.appendingPathComponent("workbook-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func theTemplateHasEverySheetWithNotesListsAndTextPeriods() throws {
        let files = try Scaffold.initiative(slug: "clean-water", started: #require(Period("2025-Q3")))
        #expect(files.keys.sorted() == ["initiatives/clean-water/data.xlsx", "initiatives/clean-water/initiative.md"])
        let bytes = try #require(files["initiatives/clean-water/data.xlsx"])
        // Deterministic: the same template, byte for byte.
        #expect(try Scaffold.initiative(slug: "clean-water", started: #require(Period("2025-Q3")))["initiatives/clean-water/data.xlsx"] == bytes)

        var diagnostics: [Diagnostic] = []
        let workbook = try #require(WorkbookReader(bytes: bytes, path: "data.xlsx", &diagnostics))
        #expect(workbook.sheets.map(\.name) == ["partners", "workstreams", "indicators", "results", "targets", "collaboration", "outcomes",
                                                    "funding", "spending"])
        for (file, sheet) in zip(TableForms.tableFiles, workbook.sheets.map(\.name)) {
            let csv = try #require(workbook.sheet(sheet, &diagnostics))
            let header = String(decoding: csv.bytes.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
            #expect(Set(header.split(separator: ",").map(String.init)) == Set(InputTables.initiativeTable(file: file)?.names ?? []), "\(sheet)")
        }
        #expect(diagnostics.isEmpty, "\(diagnostics)")

        // indicators: sheet 3. A note on each header cell, a list for each fixed vocabulary, ids from other sheets.
        let indicators = try Self.part(bytes, "xl/worksheets/sheet3.xml")
        let comments = try Self.part(bytes, "xl/comments3.xml")
        #expect(comments.contains("<comment ref=\"I1\" authorId=\"0\"><text><t xml:space=\"preserve\">How partners&apos; figures combine") == false)
        #expect(comments.contains("<comment ref=\"I1\" authorId=\"0\"><text><t xml:space=\"preserve\">How partners' figures combine: sum; unique"))
        #expect(comments.components(separatedBy: "<comment ref=").count - 1 == IndicatorColumn.allCases.count)
        #expect(try Self.part(bytes, "xl/drawings/vmlDrawing3.vml").contains("<x:Row>0</x:Row><x:Column>8</x:Column>"))
        for (column, words) in [("C", Scope.allCases.map(\.rawValue)), ("F", Measure.allCases.map(\.rawValue)),
                                ("H", Direction.allCases.map(\.rawValue)), ("I", AcrossPartners.allCases.map(\.rawValue)),
                                ("J", AcrossPeriods.allCases.map(\.rawValue))] {
            #expect(indicators.contains("sqref=\"\(column)2:\(column)1048576\"><formula1>&quot;\(words.joined(separator: ","))&quot;</formula1>"), "\(column)")
        }
        #expect(indicators.contains("sqref=\"D2:D1048576\"><formula1>partners!$A$2:$A$5000</formula1>"))
        #expect(indicators.contains("sqref=\"E2:E1048576\"><formula1>workstreams!$A$2:$A$5000</formula1>"))
        // Period columns are formatted as Text (style 1, number format 49 `@`).
        #expect(indicators.contains("<col min=\"12\" max=\"12\" width=\"19\" style=\"1\" customWidth=\"1\"/>"))
        #expect(try Self.part(bytes, "xl/styles.xml").contains("<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"))
        let results = try Self.part(bytes, "xl/worksheets/sheet4.xml")
        #expect(results.contains("<col min=\"3\" max=\"3\" width=\"10\" style=\"1\" customWidth=\"1\"/>"))
        #expect(results.contains("<formula1>indicators!$A$2:$A$5000</formula1>"))
        #expect(results.contains("errorStyle=\"warning\""))  // `*` is a partner too
        #expect(try Self.part(bytes, "xl/worksheets/sheet6.xml").contains("&quot;\(CollaborationKind.allCases.map(\.rawValue).joined(separator: ","))&quot;"))
        #expect(try Self.part(bytes, "xl/worksheets/sheet7.xml").contains("&quot;\(SystemsCondition.allCases.map(\.rawValue).joined(separator: ","))&quot;"))
        #expect(try Self.part(bytes, "xl/worksheets/sheet1.xml").contains("&quot;backbone,implementing&quot;"))
        #expect(try Self.part(bytes, "xl/worksheets/sheet8.xml").contains("&quot;commitment,disbursement&quot;"))
    }

    @Test func aNewWorkbookInitiativeLoadsWithoutErrors() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try ScaffoldWriter.createSite(at: root + "/site", files: Scaffold.site())
        try ScaffoldWriter.write(try Scaffold.initiative(slug: "clean-water", started: #require(Period("2025-Q3"))), into: root + "/site/content")
        let content = ContentLoader.load(contentDirectory: root + "/site/content")
        #expect(!content.diagnostics.hasErrors, "\(content.diagnostics)")
        let initiative = try #require(content.initiatives.first { $0.initiative.slug == "clean-water" }?.initiative)
        #expect(initiative.partners.map(\.id) == ["backbone", "partner-a"])
        #expect(initiative.indicators.map(\.id) == ["people_reached"])
        #expect(initiative.partners.first?.location.path.hasSuffix("clean-water/data.xlsx#partners") == true)
    }

    @Test func valuesMoveBetweenTheFormsUnchanged() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let results = """
            indicator,partner,period,value,numerator,denominator,dimension,category,note
            trained,caif,2024-Q1,120,,,,,"Revised, ""2 duplicates"" removed"
            trained,nari,2024-Q2,80.5,,,,,"two
            lines"
            placed,caif,2024-Q3,0.50,45,100,gender,women, spaces kept 
            placed,caif,2024-Q4,007,1e3,12345678901234567,,,অপরাজিতা _x0041_ tab\there
            placed,caif,2025,-3.25,,,,,=SUM(A1)

            """
        let files = ["results.csv": results, "partners.csv": "id,name,role\ncaif,CAIF,backbone\n"]
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }

        let there = try TableForms.convert(folder: folder, to: .workbook)
        #expect(there == TableForms.Outcome(written: ["data.xlsx"], removed: ["partners.csv", "results.csv"]))
        #expect(!FileManager.default.fileExists(atPath: folder + "/results.csv"))
        let workbook = try [UInt8](#require(FileManager.default.contents(atPath: folder + "/data.xlsx")))
        let sheet = try Self.part(workbook, "xl/worksheets/sheet2.xml")
        #expect(sheet.contains("<c r=\"D2\"><v>120</v></c>"))          // a figure is a number cell
        #expect(sheet.contains("<c r=\"C2\" s=\"1\" t=\"s\">"))          // a period is text, formatted as Text
        #expect(!sheet.contains("<v>0.50</v>") && !sheet.contains("<v>007</v>") && !sheet.contains("<v>1e3</v>"))

        let back = try TableForms.convert(folder: folder, to: .csv)
        #expect(back == TableForms.Outcome(written: ["partners.csv", "results.csv"], removed: ["data.xlsx"]))
        for (name, text) in files {
            #expect(try String(contentsOfFile: folder + "/" + name, encoding: .utf8) == text, "\(name)")
        }
    }

    @Test func theSampleRoundTripsByteForByte() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sample = SiteBuildTests.repository + "/content/initiatives/saamuhika-shakti"
        let tables = TableForms.tableFiles.filter { FileManager.default.fileExists(atPath: sample + "/" + $0) }
        #expect(tables.count >= 7)
        for file in tables { try FileManager.default.copyItem(atPath: sample + "/" + file, toPath: folder + "/" + file) }
        _ = try TableForms.convert(folder: folder, to: .workbook)
        _ = try TableForms.convert(folder: folder, to: .csv)
        for file in tables {
            #expect(FileManager.default.contents(atPath: folder + "/" + file) == FileManager.default.contents(atPath: sample + "/" + file), "\(file)")
        }
    }

    @Test func nothingIsConvertedWhenAValueWouldBeLost() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let broken = "id,name,role\ncaif,\"CAIF,backbone\n"
        try broken.write(toFile: folder + "/partners.csv", atomically: true, encoding: .utf8)
        #expect(throws: TableForms.Refusal.self) { try TableForms.convert(folder: folder, to: .workbook) }
        #expect(try String(contentsOfFile: folder + "/partners.csv", encoding: .utf8) == broken)
        #expect(!FileManager.default.fileExists(atPath: folder + "/data.xlsx"))

        // A sheet that is not a table would not survive as CSV.
        try FileManager.default.removeItem(atPath: folder + "/partners.csv")
        let bytes = try XLSXFixture.make(sheets: [("partners", "<row r=\"1\"><c t=\"inlineStr\"><is><t>id</t></is></c></row>"), ("Notes", "")])
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/data.xlsx"))
        do {
            _ = try TableForms.convert(folder: folder, to: .csv)
            Issue.record("converted a workbook with a sheet that is not a table")
        } catch {
            #expect(error.reason.contains("sheets that are not tables (Notes)"))
        }
        #expect(FileManager.default.fileExists(atPath: folder + "/data.xlsx"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/partners.csv"))
    }
}
