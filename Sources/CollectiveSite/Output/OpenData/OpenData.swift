import ImpactDomain

/// The open-data downloads: `data/<initiative>/results.json`, `results.csv`, `collaboration.json`, and
/// `data/initiatives.json`. The contract (field names, meanings) is in issue 3 and docs/domain-rules.md.
///
/// One file per output beside this one (`ResultsJSON`, `ResultsCSV`, `CollaborationJSON`, `InitiativesJSON`,
/// `FinanceData`, `IndicatorDownloads`); a record that is in a JSON and a CSV file lists its fields once
/// (`ResultsRecords`, `FinanceRecords`), for both writers (`RecordFields`).
///
/// Written by hand rather than with Foundation's JSONEncoder so that two builds of the same input are
/// byte-identical on every machine: keys in a fixed order, numbers in one format (integers without `.0`, other
/// numbers in the shortest form that reads back to the same Double, never a locale), absent figures as `null`.
/// Suppressed cells are `null` with `"suppressed": true`, in the JSON and the CSV alike.
public enum OpenData {
    /// File names inside `data/<slug>/`, and the site-wide list.
    public static let resultsJSONName = "results.json"
    public static let resultsCSVName = "results.csv"
    public static let collaborationJSONName = "collaboration.json"
    public static let initiativesPath = "data/initiatives.json"

    /// Every open-data file of a site: (path relative to the output folder, contents), sorted by path.
    public static func files(_ all: [InitiativeResults]) -> [(path: String, contents: String)] {
        var files: [(path: String, contents: String)] = [(initiativesPath, initiativesJSON(all))]
        for results in all {
            let slug = results.initiative.slug
            files.append((SitePaths.data(slug, resultsJSONName), resultsJSON(results)))
            files.append((SitePaths.data(slug, resultsCSVName), resultsCSV(results)))
            files.append((SitePaths.data(slug, collaborationJSONName), collaborationJSON(results)))
        }
        return files.sorted { $0.path < $1.path }
    }

    // MARK: Number format

    /// A JSON number: integers without `.0` (`2`, `-5`, `60000`), other values in the shortest form that reads
    /// back to the same Double (`0.25`, `21.818181818181817`, `1e-05`), never a locale's separators. NaN and the
    /// infinities, which JSON cannot hold, become `null`.
    public static func number(_ value: Double) -> String {
        var out: [UInt8] = []
        appendNumber(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `number(_:)` appended to a byte buffer: integers digit by digit, no String on the way.
    static func appendNumber(_ value: Double, to out: inout [UInt8]) {
        guard value.isFinite else { out.append(contentsOf: "null".utf8); return }
        if value == value.rounded(.towardZero), abs(value) < 9_007_199_254_740_992 {
            var integer = Int64(value)
            if integer < 0 { out.append(UInt8(ascii: "-")); integer = -integer }
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                         UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var count = 0
            withUnsafeMutableBytes(of: &digits) { buffer in
                repeat {
                    buffer[count] = UInt8(truncatingIfNeeded: integer % 10) + 0x30
                    integer /= 10
                    count += 1
                } while integer > 0
                for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
            }
            return
        }
        out.append(contentsOf: value.description.utf8)
    }
}
