import ArgumentParser
import CollectiveSite
import Foundation
import ImpactDomain

/// `collective new site | initiative | report | partner`: starter files that load without errors, with
/// comments saying what to fill in. Nothing that exists is ever overwritten.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create starter files: a new site, an initiative, a period's report or a partner.",
        discussion: "Never overwrites a file: when a file it would write already exists, it writes nothing and exits with status 1.",
        subcommands: [NewSite.self, NewInitiative.self, NewReport.self, NewPartner.self]
    )
}

extension NewCommand {
    struct NewSite: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "site",
            abstract: "Create a new site folder with an example initiative, the default templates and a README.",
            discussion: "The folder must not exist yet, or be empty."
        )

        @Argument(help: ArgumentHelp("Folder to create, e.g. reports.", valueName: "dir"))
        var directory: String

        func run() throws {
            let written = try scaffold { () throws(ScaffoldError) in try ScaffoldWriter.createSite(at: directory, files: Scaffold.site()) }
            Terminal.out("""
                created \(directory)/ (\(written.count) files): content/ with the example initiative `\(Scaffold.exampleSlug)`, \
                templates/ and README.md
                next:
                  cd \(shellQuoted(directory))
                  collective serve
                then open http://127.0.0.1:8080/ in your browser. README.md says where each quarter's data goes.
                """)
        }
    }

    struct NewInitiative: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "initiative",
            abstract: "Create content/initiatives/<slug>/ with starter files for a new initiative."
        )

        @Argument(help: ArgumentHelp("Short name for folders and page addresses: letters, digits, - and _ (e.g. youth-pathways).", valueName: "slug"))
        var slug: String

        @Option(name: .long, help: ArgumentHelp("Folder with site.yaml and initiatives/.", valueName: "dir"))
        var content = "content"

        @Option(name: .long, help: ArgumentHelp("The initiative's name (default: made from the slug; you can change it in initiative.md).", valueName: "name"))
        var name: String?

        @Option(name: .long, help: ArgumentHelp("First reporting period: 2025-Q3, 2025-07 or 2025; its form sets how often partners report (default: this quarter).", valueName: "period"))
        var started: String?

        @Flag(name: .long, help: "Write the tables as CSV files instead of one Excel workbook, data.xlsx (`collective convert` moves them later).")
        var csv = false

        func validate() throws {
            try usage { () throws(ScaffoldError) in try Scaffold.validateName(slug, kind: .slug) }
            if let started { _ = try usage { () throws(ScaffoldError) in try Scaffold.validatePeriod(started) } }
        }

        func run() throws {
            try requireFolder(content, hint: "run this in a site folder, pass --content, or start with `collective new site <folder>`")
            let folder = "\(content)/initiatives/\(slug)"
            if FileManager.default.fileExists(atPath: folder) {
                Terminal.error("collective new: the initiative `\(slug)` already exists at \(folder); nothing was written")
                throw ExitCode(1)
            }
            let first = try started.map { text in try usage { () throws(ScaffoldError) in try Scaffold.validatePeriod(text) } }
                ?? currentQuarter()
            let written = try scaffold { () throws(ScaffoldError) in
                try ScaffoldWriter.write(Scaffold.initiative(slug: slug, name: name, started: first, tables: csv ? .csv : .workbook),
                                         into: content)
            }
            Terminal.out(csv ? """
                created \(folder)/ (\(written.count) files)
                next: fill in initiative.md (the notes at its end say what goes in each CSV file), then partners.csv, \
                workstreams.csv and indicators.csv; each period, add rows to results.csv and run
                  collective new report \(slug) \(first)
                """ : """
                created \(folder)/ (\(written.count) files: initiative.md and data.xlsx)
                next: fill in initiative.md, then open data.xlsx in Excel or LibreOffice and fill in the sheets partners, \
                workstreams and indicators (each column's header has a note; lists offer the allowed words); each period, \
                add rows to the results sheet and run
                  collective new report \(slug) \(first)
                """)
        }
    }

    struct NewReport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Create reports/<period>.md, a period's narrative with its front matter and headings to fill in."
        )

        @Argument(help: ArgumentHelp("The initiative's slug (its folder name under content/initiatives/).", valueName: "slug"))
        var slug: String

        @Argument(help: ArgumentHelp("The period: 2025-Q3, 2025-07 or 2025.", valueName: "period"))
        var period: String

        @Option(name: .long, help: ArgumentHelp("Folder with site.yaml and initiatives/.", valueName: "dir"))
        var content = "content"

        func validate() throws {
            try usage { () throws(ScaffoldError) in try Scaffold.validateName(slug, kind: .slug) }
            _ = try usage { () throws(ScaffoldError) in try Scaffold.validatePeriod(period) }
        }

        func run() throws {
            try requireInitiative(slug, content: content)
            let kind = ContentLoader.initiativePeriodKind("\(content)/initiatives/\(slug)/initiative.md")
            let written = try scaffold { () throws(ScaffoldError) in
                try ScaffoldWriter.write(Scaffold.report(slug: slug, period: period, reportsBy: kind), into: content)
            }
            let canonical = (try? Scaffold.validatePeriod(period)).map { "\($0)" } ?? period
            Terminal.out("""
                created \(written.joined(separator: ", "))
                next: write the story under each heading, and make sure results.csv has rows for \(canonical): \
                a report for a period without data is an error.
                """)
        }
    }

    struct NewPartner: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "partner",
            abstract: "Add an implementing partner: a row in partners.csv and a profile in partners/<id>.md.",
            discussion: "The row is appended to partners.csv in that file's column order, unless a row with this id is already there; fill in its kind and joined columns afterwards."
        )

        @Argument(help: ArgumentHelp("The initiative's slug.", valueName: "slug"))
        var slug: String

        @Argument(help: ArgumentHelp("The partner's id: letters, digits, - and _ (e.g. green-jobs).", valueName: "id"))
        var id: String

        @Option(name: .long, help: ArgumentHelp("The partner's name as readers should see it (default: made from the id).", valueName: "name"))
        var name: String?

        @Option(name: .long, help: ArgumentHelp("Folder with site.yaml and initiatives/.", valueName: "dir"))
        var content = "content"

        func validate() throws {
            try usage { () throws(ScaffoldError) in try Scaffold.validateName(slug, kind: .slug) }
            try usage { () throws(ScaffoldError) in try Scaffold.validateName(id, kind: .partnerID) }
            if let name, name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--name must not be empty") }
        }

        func run() throws {
            try requireInitiative(slug, content: content)
            let displayName = name ?? Scaffold.defaultName(for: id)
            // The profile first: if it exists, nothing is written, partners.csv included.
            let written = try scaffold { () throws(ScaffoldError) in
                try ScaffoldWriter.write(Scaffold.partnerProfile(slug: slug, id: id, name: displayName), into: content)
            }
            let csv = "\(content)/initiatives/\(slug)/partners.csv"
            let workbook = "\(content)/initiatives/\(slug)/\(WorkbookTables.fileName)"
            if !FileManager.default.fileExists(atPath: csv), FileManager.default.fileExists(atPath: workbook) {
                // The workbook is the user's file, formatted their way: it is not rewritten to add one row.
                Terminal.out("created \(written.joined(separator: ", "))")
                Terminal.out("add a row for `\(id)` to the partners sheet of \(workbook): id \(id), name \(displayName), role implementing, then its kind and joined")
                return
            }
            let appended = try scaffold { () throws(ScaffoldError) in try ScaffoldWriter.appendPartnerRow(id: id, name: displayName, to: csv) }
            Terminal.out("created \(written.joined(separator: ", "))")
            Terminal.out(appended
                ? "added `\(id)` to \(csv) as an implementing partner: fill in its kind and joined columns there"
                : "`\(id)` already has a row in \(csv); left it as it was")
        }
    }
}

// MARK: - Helpers

/// Runs a scaffold step; a refusal is printed as one clear line and ends with status 1.
private func scaffold<T>(_ body: () throws(ScaffoldError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        Terminal.error("collective new: \(error)")
        throw ExitCode(1)
    }
}

/// A malformed slug, id or period is a usage error, reported like any other bad argument.
@discardableResult
private func usage<T>(_ body: () throws(ScaffoldError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw ValidationError(error.description)
    }
}

private func requireFolder(_ path: String, hint: String) throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
        Terminal.error("collective new: \(ScaffoldError.missingFolder(path: path, hint: hint))")
        throw ExitCode(1)
    }
}

private func requireInitiative(_ slug: String, content: String) throws {
    try requireFolder("\(content)/initiatives/\(slug)", hint: "create the initiative first with `collective new initiative \(slug)`, or check --content")
}

/// The quarter of today's date (UTC), for a new initiative's `started`.
private func currentQuarter() -> Period {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month], from: Date())
    return Period(kind: .quarter, year: parts.year ?? 2025, index: ((parts.month ?? 1) - 1) / 3 + 1)
        ?? Period(kind: .quarter, ordinal: 2025 * 4)
}

/// A folder name as the user can paste it back into a shell.
private func shellQuoted(_ text: String) -> String {
    text.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) } ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
