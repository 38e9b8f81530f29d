import Foundation
import ImpactDomain

/// Points row-level diagnostics at their cell. Validation keeps one location per record (the start of its row:
/// a million results rows cannot each carry a position per field), and names the column it is about
/// (`Diagnostic.field`); here, when the problem is reported, the row is read again from its CSV file and the
/// location moved to that column's cell, so an editor jumps to `results.csv:8:7`, not `results.csv:8:1`.
enum DiagnosticColumns {
    static func refine(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        refineCSV(WorkbookLocations.refine(diagnostics))
    }

    private static func refineCSV(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let wanted = diagnostics.indices.filter { index in
            let diagnostic = diagnostics[index]
            return diagnostic.field != nil && diagnostic.location.column == 1 && diagnostic.location.path.hasSuffix(".csv")
        }
        guard !wanted.isEmpty else { return diagnostics }
        var refined = diagnostics
        let byPath = Dictionary(grouping: wanted) { diagnostics[$0].location.path }
        for (path, indices) in byPath {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let cells = self.cells(in: [UInt8](data), path: path,
                                   wanted: Set(indices.map { LineField(line: diagnostics[$0].location.line, field: diagnostics[$0].field ?? "") }))
            for index in indices {
                let key = LineField(line: diagnostics[index].location.line, field: diagnostics[index].field ?? "")
                if let location = cells[key] { refined[index].location = location }
            }
        }
        return refined
    }

    struct LineField: Hashable {
        var line: Int
        var field: String
    }

    /// The location of each wanted (row line, column name) cell, reading the file with the loader's CSV reader.
    static func cells(in bytes: [UInt8], path: String, wanted: Set<LineField>) -> [LineField: SourceLocation] {
        var reader = CSVReader(bytes: bytes, path: path)
        guard reader.next() else { return [:] }
        var columns: [String: Int] = [:]
        for index in reader.fields.indices {
            // Matched as the loader matches headers (trimmed, any case); the first of a repeated name wins.
            let name = CSVHeader.normalized(reader.string(index))
            if columns[name] == nil { columns[name] = index }
        }
        let lines = Set(wanted.map(\.line))
        var found: [LineField: SourceLocation] = [:]
        while found.count < wanted.count, reader.next() {
            guard lines.contains(reader.line) else { continue }
            for key in wanted where key.line == reader.line {
                if let column = columns[key.field], column < reader.fields.count {
                    found[key] = reader.location(ofField: column)
                }
            }
        }
        return found
    }
}
