import Foundation
import ImpactDomain

/// Starter files for `collective new`: a whole site, an initiative, a quarterly report, a partner profile.
///
/// Every function here is pure: it returns the files as `[relative path: bytes]` and writes nothing, so the
/// contents can be tested; `ScaffoldWriter` puts them on disk and refuses to overwrite anything.
public enum Scaffold {
    public typealias Files = [String: [UInt8]]

    /// The slug of the example initiative in a new site.
    public static let exampleSlug = "youth-pathways"

    /// A new site, relative to the site folder: `content/` with one complete example initiative, a copy of
    /// the default theme in `templates/`, a README for the backbone staff and a `.gitignore`.
    public static func site() -> Files {
        var files = Files()
        for (path, text) in ExampleSite.files {
            files[path] = Array(text.utf8)
        }
        for (path, bytes) in theme() {
            files["templates/" + path] = bytes
        }
        return files
    }

    /// The default theme (every file of the repository's templates/ folder at build time), by path relative
    /// to templates/.
    public static func theme() -> Files {
        var files = Files()
        for (path, encoded) in EmbeddedTheme.base64 {
            // The generator only writes valid base64; a failure here is a bug in scripts/embed-theme.sh.
            guard let data = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) else {
                preconditionFailure("embedded theme: invalid base64 for \(path) (see scripts/embed-theme.sh)")
            }
            files[path] = Array(data)
        }
        return files
    }

    /// A new, empty initiative, relative to the content folder (`initiatives/<slug>/…`). It loads without
    /// errors; the comments in each file say what to fill in. `started` is the first reporting period.
    /// `tables`: the tables as one `data.xlsx` with every sheet, guidance notes and drop-down lists (the default:
    /// backbone staff work in Excel), or as CSV files.
    public static func initiative(slug: String, name: String? = nil, started: Period,
                                  tables: TableForm = .workbook) throws(ScaffoldError) -> Files {
        try validateName(slug, kind: .slug)
        let folder = "initiatives/\(slug)/"
        var files = Files()
        var starter = StarterFiles.initiative(slug: slug, name: name ?? defaultName(for: slug), started: started)
        if tables == .workbook {
            let csv = starter.filter { $0.key.hasSuffix(".csv") }
            do {
                files[folder + WorkbookReader.fileName] = try TableForms.starterWorkbook(csv)
            } catch {
                throw .io(path: folder + WorkbookReader.fileName, reason: "\(error)")
            }
            starter = starter.filter { !$0.key.hasSuffix(".csv") }
        }
        for (path, text) in starter {
            files[folder + path] = Array(text.utf8)
        }
        return files
    }

    /// A quarterly (or monthly, or yearly) report narrative, relative to the content folder. `reportsBy` is the
    /// initiative's `period:` when known: a report of another kind would only fail `collective check` later.
    public static func report(slug: String, period: String, reportsBy: PeriodKind? = nil) throws(ScaffoldError) -> Files {
        try validateName(slug, kind: .slug)
        let parsed = try validatePeriod(period)
        if let reportsBy, parsed.kind != reportsBy {
            throw .periodKind(period: parsed, slug: slug, reportsBy: reportsBy)
        }
        return ["initiatives/\(slug)/reports/\(parsed).md": Array(StarterFiles.report(period: parsed).utf8)]
    }

    /// A partner profile, relative to the content folder. The partner's row in partners.csv is added
    /// separately (`ScaffoldWriter.appendPartnerRow`), because that file already exists.
    public static func partnerProfile(slug: String, id: String, name: String) throws(ScaffoldError) -> Files {
        try validateName(slug, kind: .slug)
        try validateName(id, kind: .partnerID)
        return ["initiatives/\(slug)/partners/\(id).md": Array(StarterFiles.partnerProfile(id: id, name: name).utf8)]
    }

    /// The partners.csv row for a new implementing partner, in the column order of `header` (the file's
    /// first line). Unknown columns are left empty; a name with a comma or quote is quoted (RFC 4180).
    public static func partnerRow(id: String, name: String, header: String) -> String {
        let columns = header.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\"\u{FEFF}")))
        }
        // Matched as the loader matches a header: any case (`ID,Name,Role` is read as id,name,role).
        return columns.map { written in
            switch PartnerColumn(rawValue: CSVHeader.normalized(written)) {
            case .id: csvField(id)
            case .name: csvField(name)
            case .role: PartnerRole.implementing.rawValue
            default: ""
            }
        }.joined(separator: ",")
    }

    // MARK: - Names

    public enum NameKind: String, Sendable {
        case slug = "initiative slug"
        case partnerID = "partner id"

        var example: String { self == .slug ? "youth-pathways" : "green-jobs" }
    }

    /// Slugs and ids become folder and file names and parts of URLs, so they follow the loader's rule
    /// (ASCII letters, digits, `-` and `_`): no `..`, no separators, nothing a shell or browser reinterprets.
    public static func validateName(_ name: String, kind: NameKind) throws(ScaffoldError) {
        guard ValueParsing.isValidID(name) else { throw .invalidName(kind: kind, value: name) }
    }

    /// `2025-Q3`, `2025-07` or `2025`; returns the canonical spelling (`2025-q3` becomes `2025-Q3`).
    public static func validatePeriod(_ text: String) throws(ScaffoldError) -> Period {
        guard let period = Period(text) else { throw .invalidPeriod(text) }
        return period
    }

    /// `youth-pathways` → `Youth Pathways`: a first guess at the display name, which the user edits.
    public static func defaultName(for slug: String) -> String {
        slug.split(whereSeparator: { $0 == "-" || $0 == "_" })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined(separator: " ")
    }

    static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Why a scaffold was refused. Each message says what to do instead.
public enum ScaffoldError: Error, Equatable, CustomStringConvertible {
    case invalidName(kind: Scaffold.NameKind, value: String)
    case invalidPeriod(String)
    case directoryNotEmpty(String)
    case filesExist([String])
    case missingFolder(path: String, hint: String)
    case periodKind(period: Period, slug: String, reportsBy: PeriodKind)
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidName(let kind, let value):
            "`\(value)` is not a valid \(kind.rawValue): use only letters a–z and A–Z, digits, `-` and `_` (e.g. `\(kind.example)`), at most 100 characters"
        case .invalidPeriod(let text):
            "`\(text)` is not a period: write a quarter `2025-Q3`, a month `2025-07` or a year `2025`"
        case .directoryNotEmpty(let path):
            "`\(path)` already exists and is not empty; choose a new folder name, so that nothing in it is overwritten"
        case .filesExist(let paths):
            "refusing to overwrite " + paths.map { "`\($0)`" }.joined(separator: ", ")
                + (paths.count == 1 ? ", which already exists" : ", which already exist") + "; nothing was written"
        case .missingFolder(let path, let hint):
            "there is no folder `\(path)`; \(hint)"
        case .periodKind(let period, let slug, let kind):
            "`\(period)` is a \(period.kind.rawValue), but `\(slug)` reports by \(kind.rawValue) (`period: \(kind.rawValue)` in its initiative.md): "
                + "create the report for `\(period.converted(to: kind))` instead, or change `period` there; nothing was written"
        case .io(let path, let reason):
            "cannot write `\(path)`: \(reason)"
        }
    }
}
