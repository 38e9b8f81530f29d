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

    /// `number(_:)` appended to a byte buffer, without a String on the way (`withNumber`).
    static func appendNumber<Output: ByteOutput & ~Copyable>(_ value: Double, to out: inout Output) {
        guard value.isFinite else { out.append(bytes: UnsafeBufferPointer(start: nullBytes.utf8Start, count: 4)); return }
        withNumber(value) { out.append(bytes: $0) }
    }

    private static let nullBytes: StaticString = "null"

    /// "00", "01", … "99", one after another: an integer's digits two at a time (`withNumber`).
    private static let digitPairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// A finite number's text (`number(_:)`), in a buffer on the stack handed to `body`: integers digit by digit,
    /// other values as `Double.description` writes them (`ShortestDecimal`, else the standard library's formatter). One text serves both files of a field
    /// (`ResultsBothSink`). The text is at most 32 bytes and its memory may be read for 32 bytes from its start, so
    /// that it can be copied as two words (`ByteBuffer.append(padded:)`).
    @inline(__always)
    static func withNumber<Result>(_ value: Double, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        precondition(value.isFinite, "only a finite number has digits")
        // 64 bytes, each "0": the formatter writes in the first 32 (its digits may start anywhere there and it
        // expects zeros around them); an integer's digits end at byte 32; the rest is the padding read after a text.
        let zeros = SIMD32<UInt8>(repeating: UInt8(ascii: "0"))
        var digits = (zeros, zeros)
        return withUnsafeMutableBytes(of: &digits) { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            // An integer when converting it to one and back gives it again (no call to `rounded`).
            if abs(value) < 9_007_199_254_740_992, Double(Int64(value)) == value {
                var integer = UInt64(abs(value))
                var start = 32
                // Two digits at a time, from the table of "00" to "99": half the divisions and stores.
                let pairs = UnsafeRawPointer(digitPairs.utf8Start), to = raw.baseAddress!
                while integer >= 100 {
                    let pair = Int(truncatingIfNeeded: integer % 100)
                    integer /= 100
                    start -= 2
                    to.storeBytes(of: pairs.loadUnaligned(fromByteOffset: 2 * pair, as: UInt16.self), toByteOffset: start,
                                  as: UInt16.self)
                }
                if integer >= 10 {
                    start -= 2
                    to.storeBytes(of: pairs.loadUnaligned(fromByteOffset: 2 * Int(integer), as: UInt16.self),
                                  toByteOffset: start, as: UInt16.self)
                } else {
                    start -= 1
                    buffer[start] = UInt8(truncatingIfNeeded: integer) + 0x30
                }
                if value < 0 { start -= 1; buffer[start] = UInt8(ascii: "-") }
                return body(UnsafeBufferPointer(rebasing: buffer[start..<32]))
            } else {
                // Most other figures by `ShortestDecimal`, at a fraction of the standard library formatter's cost.
                let count = ShortestDecimal.write(value, to: buffer.baseAddress!)
                    ?? Int(runtimeFloat64ToString(buffer.baseAddress!, 32, value, false))
                return body(UnsafeBufferPointer(rebasing: buffer[..<count]))
            }
        }
    }
}

/// The standard library's shortest round-trip formatter, the one `Double.description` runs, as libswiftCore exports
/// it (its stable entry point for code compiled before Swift 6.2): it writes the text `description` would give into
/// `buffer` (at least 32 bytes, filled with "0") and returns its length. Called directly because `description` makes a
/// String, most figures' on the heap (more than 15 bytes: `21.818181818181817`), which the open data then copies
/// byte by byte: a third of the cost of writing results.json. `numbersAreIntegersOrShortestRoundTrip` and
/// `numbersMatchDoubleDescription` hold it to `description`.
@_silgen_name("swift_float64ToString")
private func runtimeFloat64ToString(_ buffer: UnsafeMutablePointer<UInt8>, _ length: UInt, _ value: Double,
                                    _ debug: Bool) -> UInt64
