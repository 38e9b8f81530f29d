import ImpactDomain

/// The header row of a CSV file: which known column sits at which index.
/// Column names are matched after trimming spaces and ignoring case, as spreadsheets tend to capitalise them.
public struct CSVHeader: Sendable {
    /// Known column name → field index.
    public private(set) var indexes: [String: Int] = [:]
    /// Names as written, by index.
    public private(set) var names: [String] = []
    public private(set) var diagnostics: [Diagnostic] = []
    /// Required columns the header does not name. While any is missing, the rows cannot be read.
    public private(set) var missing: [String] = []
    public var isUsable: Bool { missing.isEmpty }

    /// Reads the reader's current record (the first one) as the header.
    /// - Parameter isPersonal: names of unknown columns that must be refused rather than ignored (personal data).
    public init(reader: CSVReader, required: [String], optional: [String],
                personalColumn isPersonal: (String) -> Bool = { _ in false }) {
        let known = required + optional
        // A spreadsheet saved with `;` or tabs between fields (the default in many locales) reads as one column
        // whose name holds every name: say so once, instead of every required column missing.
        if reader.fields.count == 1, known.count > 1 {
            let only = reader.string(0)
            for (separator, word) in [(";", "`;`"), ("\t", "tabs")] where only.contains(separator) && !only.contains(",") {
                names = [only]
                missing = required
                diagnostics.append(.error(reader.recordLocation, "the fields are separated by \(word), not by commas",
                                          hint: "save the file as comma-separated values (in Excel: Save As → \"CSV UTF-8 (Comma delimited)\"; in LibreOffice: field delimiter `,`)"))
                return
            }
        }
        var unknownSeen = Set<String>()
        for (index, field) in reader.fields.enumerated() {
            let written = reader.string(of: field)
            names.append(written)
            let name = Self.normalized(written)
            let location = reader.location(of: field)
            if known.contains(name) {
                if indexes[name] != nil {
                    diagnostics.append(.error(location, "duplicate column `\(name)`",
                                              hint: "remove one of the two `\(name)` columns"))
                } else {
                    indexes[name] = index
                }
            } else if isPersonal(name) {
                diagnostics.append(.error(location, "column `\(written)` looks like personal data",
                                          hint: "remove it before publishing; if it holds no personal data, list it under `allow_personal_columns` in site.yaml"))
            } else if !name.isEmpty, unknownSeen.insert(name).inserted {
                var hint = "known columns: \(known.joined(separator: ", "))"
                if let close = closestMatch(to: name, in: known.filter { indexes[$0] == nil }) {
                    hint = "did you mean `\(close)`?"
                }
                diagnostics.append(.warning(location, "unknown column `\(written)`; it will be ignored", hint: hint))
            }
        }
        missing = required.filter { indexes[$0] == nil }
        if !missing.isEmpty {
            let list = missing.map { "`\($0)`" }.joined(separator: ", ")
            diagnostics.append(.error(reader.recordLocation,
                                      "missing required column\(missing.count == 1 ? "" : "s") \(list)",
                                      hint: "the header row must name: \(required.joined(separator: ","))"))
        }
    }

    /// A column name as it is matched: trimmed, any case.
    static func normalized(_ written: String) -> String { written.trimmingSpaces.lowercased() }

    /// The index of a column, or nil when the file does not have it.
    public subscript(_ name: String) -> Int? { indexes[name] }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        let scalars = Substring(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(Substring(scalars[first...last]))
    }
}
