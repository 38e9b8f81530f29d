import Foundation
import Testing
@testable import CollectiveSite
@testable import ImpactDomain

/// Each input table's columns are named once (`TableColumn`); these tests hold the places that must still spell
/// them out (a user's header, the README, the workbook's notes) to that list.
@Suite struct TableColumnTests {
    /// Every column of every table, and what a hurried typist makes of it: two letters in the middle swapped
    /// (`reported_by` → `repotred_by`).
    static func columns(_ tables: [any TableColumn.Type]) -> [TableColumnCase] {
        tables.flatMap { table in table.names.map { TableColumnCase(table: table, column: $0) } }
    }

    /// A user's header with one column misspelt: a warning at that header cell that it will be ignored, with a hint
    /// naming the column meant. For a required column the table cannot be read, but the hint still says why.
    @Test(arguments: columns(InputTables.all))
    func aMisspeltColumnInACSVFileIsNamedAtItsCell(_ test: TableColumnCase) throws {
        let table = test.table
        let folder = InputTables.site.contains { $0 == table } ? "" : "initiatives/opo/"
        let header = test.header
        let (_, diagnostics) = try SampleContent.load([folder + table.fileName: header.joined(separator: ",") + "\n"])
        let index = try #require(header.firstIndex(of: test.misspelt))
        let column = header[..<index].reduce(1) { $0 + $1.count + 1 }
        let warning = diagnostics.first { $0.message.hasPrefix("unknown column") }
        #expect(warning?.severity == .warning)
        #expect(warning?.location == SourceLocation(path: folder + table.fileName, line: 1, column: column), "\(diagnostics)")
        #expect(warning?.message == "unknown column `\(test.misspelt)`; it will be ignored")
        #expect(warning?.hint == "did you mean `\(test.column)`?")
        // An error about the file can only be about the column meant (a required one, or `numerator` where a
        // ratio indicator needs it).
        let errors = diagnostics.filter { $0.location.path == folder + table.fileName && $0.severity == .error }
        #expect(errors.allSatisfy { $0.message.contains("`\(test.column)`") }, "\(errors)")
        #expect(errors.isEmpty != test.isRequired || test.table == ResultsColumn.self, "\(errors)")
    }

    /// The same in a sheet of data.xlsx: the warning names the workbook, the sheet and the header cell.
    @Test(arguments: columns(InputTables.initiative))
    func aMisspeltColumnInAWorkbookSheetIsNamedAtItsCell(_ test: TableColumnCase) throws {
        let header = test.header
        let results = test.table == ResultsColumn.self ? [header] : [["indicator", "partner", "period", "value"], ["n", "bb", "2025-Q1", "3"]]
        let (root, diagnostics) = try WorkbookLoaderTests.alpha(results: results, extraSheets: [(test.table.table, [header])])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let index = try #require(header.firstIndex(of: test.misspelt))
        let cell = SheetCSV.cellName(row: 1, column: index)
        let warning = diagnostics.first { $0.message.hasPrefix("unknown column") }
        #expect(warning?.severity == .warning)
        #expect(warning?.location == SourceLocation(path: "initiatives/alpha/data.xlsx", line: 1, column: index + 1), "\(diagnostics)")
        #expect(warning?.message == "unknown column `\(test.misspelt)`; it will be ignored (sheet \(test.table.table), cell \(cell))")
        #expect(warning?.hint == "did you mean `\(test.column)`?")
    }

    /// The README's content layout lists every column of every table, so a new column cannot be left out there.
    @Test func theReadmeListsEveryColumnOfEveryTable() throws {
        let readme = try String(contentsOfFile: SiteBuildTests.repository + "/README.md", encoding: .utf8)
        let layout = try #require(readme.components(separatedBy: "## The content layout").dropFirst().first?
            .components(separatedBy: "```").dropFirst().first)
        // Each table's entry: its line and the indented lines after it, up to the next `content/…` line.
        var entries: [String: String] = [:]
        var current: String?
        for line in layout.split(separator: "\n") {
            if line.hasPrefix("content/") {
                let path = String(line.prefix { $0 != " " })
                current = (path as NSString).lastPathComponent
                entries[current!, default: ""] += line.dropFirst(path.count) + "\n"
            } else if let current {
                entries[current, default: ""] += line + "\n"
            }
        }
        for table in InputTables.all {
            let entry = try #require(entries[table.fileName], "README's content layout has no line for \(table.fileName)")
            let words = Set(entry.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
            let missing = table.names.filter { !words.contains($0) }
            #expect(missing.isEmpty, "README's line for \(table.fileName) does not name \(missing)")
        }
    }

    /// The template workbook (`collective new initiative`, `convert`) explains every column of every table in
    /// a note on its header cell.
    @Test func theWorkbookHasANoteForEveryColumn() {
        for table in InputTables.initiative {
            let layout = SheetLayout(table: table.table, header: table.names, tables: [:])
            let bare = layout.columns.filter { $0.note.isEmpty }.map(\.name)
            #expect(bare.isEmpty, "\(table.table): no note for \(bare)")
        }
    }

    /// docs/translating.md lists each overlay's translatable columns as the loader accepts them.
    @Test func theTranslationGuideListsEachOverlaysColumns() throws {
        let guide = try String(contentsOfFile: SiteBuildTests.repository + "/docs/translating.md", encoding: .utf8)
        for (table, columns) in Translatable.columns {
            let row = try #require(guide.split(separator: "\n").first { $0.hasPrefix("| `\(table).kn.csv` |") },
                                   "docs/translating.md has no row for \(table)")
            let listed = row.split(separator: "|").last.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " `")) } }
            #expect(listed == columns, "\(row)")
            #expect(row.contains("`\(Translatable.idColumn)`, then translated columns"), "\(row)")
        }
        // And each translatable column is a column of its table.
        for (table, columns) in Translatable.columns {
            let names = try #require(InputTables.initiativeTable(file: table + ".csv")).names
            #expect(columns.allSatisfy(names.contains), "\(table): \(columns)")
        }
    }

    /// The workbook reader turns a date that a spreadsheet made of a period back into the period in the
    /// columns `SheetScanner.isPeriodColumn` names (by a rule on the name): exactly the columns read as periods.
    @Test func theWorkbookReaderKnowsEveryPeriodColumn() throws {
        let periods = [PartnerColumn.joined.name, PartnerColumn.left.name, IndicatorColumn.baselinePeriod.name,
                       IndicatorColumn.targetPeriod.name, ResultsColumn.period.name, TargetColumn.period.name,
                       CollaborationColumn.period.name, FundingColumn.period.name, SpendingColumn.period.name,
                       RateColumn.period.name]
        for table in InputTables.all {
            for name in table.names {
                #expect(SheetScanner.isPeriodColumn(name) == periods.contains(name), "\(table.fileName) \(name)")
            }
        }
        // docs/workbook.md names them where it says what a date cell in a period column gives.
        let guide = try String(contentsOfFile: SiteBuildTests.repository + "/docs/workbook.md", encoding: .utf8)
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: " ")
        let list = try #require(guide.components(separatedBy: "a date cell in a period column (").dropFirst().first?
            .prefix { $0 != ")" })
        for name in Set(periods) { #expect(list.contains("`\(name)`"), "docs/workbook.md does not name `\(name)`: \(list)") }
    }

    /// The tables an initiative folder is read from are the tables that have columns, in the same order (the
    /// order of the workbook's sheets).
    @Test func theLoaderReadsEveryTableThatHasColumns() {
        #expect(TableForms.tableFiles == InputTables.initiative.map { $0.fileName })
    }

    /// The order of the cases is the order of the required columns, then the optional ones: the order an empty
    /// file's hint and the template's header give.
    @Test func requiredColumnsComeFirst() {
        for table in InputTables.all {
            #expect(table.names == table.requiredNames + table.optionalNames, "\(table.table)")
            #expect(!table.requiredNames.isEmpty, "\(table.table)")
        }
    }
}

/// One column of one table, for a parameterised test.
struct TableColumnCase: Sendable, CustomTestStringConvertible {
    let table: any TableColumn.Type
    let column: String

    var isRequired: Bool { table.requiredNames.contains(column) }

    /// The column with two neighbouring letters in its middle swapped.
    var misspelt: String {
        var letters = Array(column)
        var at = max(0, letters.count / 2 - 1)
        while at + 1 < letters.count, letters[at] == letters[at + 1] { at += 1 }
        if at + 1 >= letters.count { at = 0 }
        letters.swapAt(at, at + 1)
        return String(letters)
    }

    /// The table's columns with this one misspelt.
    var header: [String] { table.names.map { $0 == column ? misspelt : $0 } }

    var testDescription: String { "\(table.fileName) \(column) as \(misspelt)" }
}
