import ArgumentParser
import CollectiveSite
import Foundation
import ImpactDomain

/// `collective convert SLUG --to workbook|csv`: an initiative's tables from CSV files into one data.xlsx, or back.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Move an initiative's tables between CSV files and one Excel workbook (data.xlsx).",
        discussion: """
        --to workbook writes every table (CSV files, and the sheets of an existing data.xlsx) into data.xlsx, with \
        guidance notes and drop-down lists, and removes the CSV files. --to csv writes each sheet as its CSV file \
        and removes data.xlsx. Values move as written: a round trip gives the same tables. Nothing is changed when \
        a value would be lost (a CSV row that cannot be read, a sheet that is not a table, a formula without a \
        saved result): the problems are listed and the exit status is 1.
        """
    )

    @Argument(help: ArgumentHelp("The initiative's slug (its folder name under content/initiatives/).", valueName: "slug"))
    var slug: String

    @Option(name: .long, help: ArgumentHelp("The form to move the tables to: workbook or csv.", valueName: "form"))
    var to: TableForm

    @Option(name: .long, help: ArgumentHelp("Folder with site.yaml and initiatives/.", valueName: "dir"))
    var content = "content"

    func run() throws {
        let folder = "\(content)/initiatives/\(slug)"
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            Terminal.error("collective convert: no initiative `\(slug)` at \(folder) (check the slug, or pass --content)")
            throw ExitCode(1)
        }
        do {
            let outcome = try TableForms.convert(folder: folder, to: to)
            if outcome.written.isEmpty {
                Terminal.out(to == .workbook ? "\(folder): every table is already in \(WorkbookTables.fileName); nothing to do"
                                             : "\(folder): there is no \(WorkbookTables.fileName); the tables are CSV files already")
                return
            }
            Terminal.out("wrote \(outcome.written.map { folder + "/" + $0 }.joined(separator: ", "))")
            Terminal.out("removed \(outcome.removed.map { folder + "/" + $0 }.joined(separator: ", "))")
        } catch {
            for diagnostic in error.diagnostics { Terminal.error(diagnostic.description) }
            Terminal.error("collective convert: \(error.reason)")
            throw ExitCode(1)
        }
    }
}

extension TableForm: ExpressibleByArgument {}
