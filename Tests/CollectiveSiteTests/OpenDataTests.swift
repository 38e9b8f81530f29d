import Foundation
import Testing
import TestSupport
import ImpactDomain
@testable import CollectiveSite

/// The open-data files: exact bytes for small hand-made results, and the contract's rules (null for absent,
/// suppressed cells, formula neutralisation, stable order) on larger ones.
@Suite struct OpenDataTests {
    static func location(_ path: String, _ line: Int) -> ImpactDomain.SourceLocation {
        ImpactDomain.SourceLocation(path: path, line: line)
    }

    /// Backbone `bb`, partners `a` and `b`; one collective `unique` indicator reported in 2024-Q1 by both partners
    /// and the backbone's deduplicated `*` row; one partner indicator of `a`.
    static func initiative(extraRows: [Observation] = []) -> Initiative {
        let partners = [Partner(id: "bb", name: "Backbone", role: .backbone, location: location("partners.csv", 2)),
                        Partner(id: "a", name: "A", role: .implementing, location: location("partners.csv", 3)),
                        Partner(id: "b", name: "B", role: .implementing, location: location("partners.csv", 4))]
        let q1 = Period("2024-Q1")!
        let indicators = [
            Indicator(id: "reached", name: "People reached", scope: .collective, measure: .count, unit: "people",
                      acrossPartners: .unique, acrossPeriods: .latest, baseline: 0, baselinePeriod: q1, target: 100,
                      targetPeriod: Period("2025-Q1")!, location: location("indicators.csv", 2)),
            Indicator(id: "hours", name: "Hours", scope: .partner, partner: "a", measure: .count, unit: "hours",
                      acrossPartners: .sum, acrossPeriods: .sum, location: location("indicators.csv", 3)),
        ]
        let rows = [
            Observation(indicator: "reached", partner: "a", period: q1, value: 30, location: location("results.csv", 2)),
            Observation(indicator: "reached", partner: "b", period: q1, value: 20, location: location("results.csv", 3)),
            Observation(indicator: "reached", partner: "*", period: q1, value: 40, note: "From the register",
                        location: location("results.csv", 4)),
            Observation(indicator: "reached", partner: "*", period: q1, value: 36, dimension: "gender", category: "women",
                        location: location("results.csv", 5)),
            Observation(indicator: "reached", partner: "*", period: q1, value: 4, dimension: "gender", category: "men",
                        location: location("results.csv", 6)),
            Observation(indicator: "hours", partner: "a", period: q1, value: 12.5, location: location("results.csv", 7)),
        ] + extraRows
        let collaborations = [
            CollaborationRecord(period: q1, from: "a", to: "b", kind: .referral, count: 3, location: location("collaboration.csv", 2)),
        ]
        return Initiative(slug: "demo", name: "Demo", country: "Kenya", backbone: "bb", primaryActor: "Young people",
                          commonGoal: "Jobs", started: q1, periodKind: .quarter, partners: partners,
                          indicators: indicators, observations: rows,
                          targets: [PeriodTarget(indicator: "reached", partner: "a", period: nil, target: 60),
                                    PeriodTarget(indicator: "reached", partner: "b", period: nil, target: 30)],
                          collaborations: collaborations)
    }

    @Test func numbersAreIntegersOrShortestRoundTrip() {
        #expect(OpenData.number(2) == "2")
        #expect(OpenData.number(-5) == "-5")
        #expect(OpenData.number(-0.0) == "0")
        #expect(OpenData.number(60000) == "60000")
        #expect(OpenData.number(0.25) == "0.25")
        #expect(OpenData.number(2400.0 / 110) == "21.818181818181817")
        #expect(OpenData.number(0.1 + 0.2) == "0.30000000000000004")
        #expect(OpenData.number(0.00001) == "1e-05")
        #expect(OpenData.number(1e20) == "1e+20")
        #expect(OpenData.number(.nan) == "null" && OpenData.number(.infinity) == "null")
        #expect(OpenData.number(9_007_199_254_740_991) == "9007199254740991")
        #expect(OpenData.number(-9_007_199_254_740_991) == "-9007199254740991")
        #expect(OpenData.number(9_007_199_254_740_992) == "9007199254740992.0")
        // Integers of every length, written two digits at a time with an odd one first: as Int64 prints them.
        var power: Int64 = 1
        for _ in 0..<16 {
            for integer in [power - 1, power, power + 1, 3 * power + 7, 10 * power - 1] where integer < 9_007_199_254_740_992 {
                #expect(OpenData.number(Double(integer)) == String(integer))
                #expect(OpenData.number(Double(-integer)) == String(-integer))
            }
            power *= 10
        }
    }

    @Test func csvCellsAreQuotedAndNeutralisedOverBytes() {
        #expect(CSVWriter.field(.text("plain")) == "plain")
        #expect(CSVWriter.field(.text("Kogo Samiti, Tamanagar")) == "\"Kogo Samiti, Tamanagar\"")
        #expect(CSVWriter.field(.text("say \"hi\"")) == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.field(.text("=SUM(A1:A2)")) == "'=SUM(A1:A2)")
        #expect(CSVWriter.field(.text("-1, then \"x\"")) == "\"'-1, then \"\"x\"\"\"")
        #expect(CSVWriter.field(.text("অপরাজিতা, ঢাকা")) == "\"অপরাজিতা, ঢাকা\"")
        #expect(CSVWriter.field(.number(-5)) == "-5" && CSVWriter.field(.number(nil)) == "" && CSVWriter.field(.number(.nan)) == "")
        #expect(CSVWriter.field(.bool(true)) == "true" && CSVWriter.field(.bool(nil)) == "")
    }

    /// A CSV record renders each cell when it is put, in any order, and writes the row in column order: absent
    /// cells empty, a cell copied from another record as it was rendered, every cell emptied for the next row.
    @Test func aCSVRecordWritesItsCellsInColumnOrderWhateverOrderTheyCameIn() {
        var record = CSVRecord<ResultsRowColumn>()
        record.set(.share, .number(0.25))
        record.set(.target, .number(60))
        record.set(.partner, .text("Kogo, Tamanagar"))
        record.set(.notes, .lines(["a", "b"]))
        record.set(.value, .number(nil))
        #expect(record.filledHeaders == ["partner", "value", "target", "share", "notes"])
        var other = CSVRecord<ResultsRowColumn>()
        other.set(.period, .text("2024-Q1"))
        record.copy(.period, from: other)
        var csv = CSVWriter()
        record.write(to: &csv, prefix: Array("x,y".utf8))
        record.set(.left, .bool(true))
        record.write(to: &csv)
        let empty = { (count: Int) in String(repeating: ",", count: count) }
        #expect(csv.finished() == "x,y,2024-Q1," + empty(1) + "\"Kogo, Tamanagar\"" + empty(7) + "60" + empty(13) + "0.25"
            + empty(3) + "\"a\nb\"" + empty(2) + "\r\n" + empty(26) + "true," + "\r\n")
        #expect(record.filledHeaders.isEmpty)
    }

    @Test func resultsJSONHasTheContractsFieldsInAFixedOrder() {
        let json = OpenData.resultsJSON(compute(Self.initiative()))
        #expect(json == """
            {
              "initiative": "demo",
              "name": "Demo",
              "period_kind": "quarter",
              "periods": ["2024-Q1"],
              "indicators": [
                {
                  "id": "reached",
                  "name": "People reached",
                  "scope": "collective",
                  "partner": null,
                  "workstream": null,
                  "measure": "count",
                  "unit": "people",
                  "direction": "increase",
                  "across_partners": "unique",
                  "across_periods": "latest",
                  "baseline": 0,
                  "baseline_period": "2024-Q1",
                  "target": 100,
                  "target_period": "2025-Q1",
                  "target_alignment": 0.9,
                  "periods": [
                    {"period": "2024-Q1", "value": 40, "to_date": 40, "numerator": null, "denominator": null, \
            "target": 100, "target_kind": "end", "progress": 0.4, "expected": 0, "status": "on_track", "sum_of_parts": 50, "overlap": 10, \
            "depth": 1.25, "deduplicated": true, "partners_reporting": 2, "partial": false, "headline_held_back": false, \
            "target_alignment": 0.9, \
            "contributions": [{"partner": "a", \
            "value": 30, "numerator": null, "denominator": null, "share": 0.6, "target": 60}, {"partner": "b", \
            "value": 20, "numerator": null, "denominator": null, "share": 0.4, "target": 30}], "disaggregations": \
            [{"dimension": "gender", "category": "women", "value": null, "numerator": null, "denominator": null, \
            "suppressed": true, "suppression": "secondary"}, {"dimension": "gender", "category": "men", \
            "value": null, "numerator": null, "denominator": null, "suppressed": true, "suppression": "primary"}], \
            "notes": ["From the register"]}
                  ]
                },
                {
                  "id": "hours",
                  "name": "Hours",
                  "scope": "partner",
                  "partner": "a",
                  "workstream": null,
                  "measure": "count",
                  "unit": "hours",
                  "direction": "increase",
                  "across_partners": "sum",
                  "across_periods": "sum",
                  "baseline": null,
                  "baseline_period": null,
                  "target": null,
                  "target_period": null,
                  "periods": [
                    {"period": "2024-Q1", "value": 12.5, "to_date": 12.5, "numerator": null, "denominator": null, \
            "target": null, "target_kind": null, "progress": null, "expected": null, "status": "no_data", "disaggregations": [], \
            "notes": []}
                  ]
                }
              ]
            }

            """)
    }

    @Test func inlineContainersGoOnOneLineWithEverythingInThem() {
        var json = JSONWriter()
        json.beginObject()
        json.field("name", "x")
        json.key("rows")
        json.beginArray()
        json.beginObject(inline: true)
        json.field("a", 1.5)
        json.key("nested")
        json.beginObject()  // inside an inline container: inline too
        json.field("b", true)
        json.key("empty")
        json.beginArray()
        json.endArray()
        json.endObject()
        json.key("list")
        json.inlineStrings(["p", "q"])
        json.field("c", nil as Double?)
        json.endObject()
        json.beginObject(inline: true)
        json.endObject()
        json.beginArray(inline: true)
        json.beginObject()
        json.field("d", "line\nbreak")
        json.endObject()
        json.endArray()
        json.endArray()
        json.key("after")
        json.beginObject()
        json.field("e", 2)
        json.endObject()
        json.endObject()
        #expect(json.finished() == """
            {
              "name": "x",
              "rows": [
                {"a": 1.5, "nested": {"b": true, "empty": []}, "list": ["p", "q"], "c": null},
                {},
                [{"d": "line\\nbreak"}]
              ],
              "after": {
                "e": 2
              }
            }

            """)
    }

    /// A period of results.json as a reader's program decodes it. JSONDecoder reads numbers exactly (on Linux,
    /// JSONSerialization reads some of the shortest round-trip numbers one bit off).
    struct PeriodRecord: Decodable, Equatable {
        struct Part: Decodable, Equatable {
            var partner: String
            var value, numerator, denominator, share, target: Double?
        }
        struct Cell: Decodable, Equatable {
            var dimension, category: String
            var value, numerator, denominator: Double?
            var suppressed: Bool
            var suppression: String?
        }
        var period: String
        var value, toDate, numerator, denominator, target, progress, expected: Double?
        var status: String
        var sumOfParts, overlap, depth: Double?
        var deduplicated: Bool?
        var targetAlignment: Double?
        var contributions: [Part]?
        var disaggregations: [Cell]
        var notes: [String]

        /// What the file should hold for a computed period (NaN and the infinities are written as null).
        static func expected(_ period: PeriodResult, collective: Bool) -> PeriodRecord {
            func finite(_ value: Double?) -> Double? { value.flatMap { $0.isFinite ? $0 : nil } }
            return PeriodRecord(
                period: period.period.description, value: finite(period.value), toDate: finite(period.toDate),
                numerator: finite(period.numerator), denominator: finite(period.denominator),
                target: finite(period.target), progress: finite(period.progress), expected: finite(period.expected),
                status: period.status.rawValue, sumOfParts: collective ? finite(period.sumOfParts) : nil,
                overlap: collective ? finite(period.overlap) : nil, depth: collective ? finite(period.depth) : nil,
                deduplicated: collective ? period.deduplicated : nil,
                targetAlignment: collective ? finite(period.targetAlignment) : nil,
                contributions: collective ? period.contributions.map {
                    Part(partner: $0.partner, value: finite($0.value), numerator: finite($0.numerator),
                         denominator: finite($0.denominator), share: finite($0.share), target: finite($0.target))
                } : nil,
                disaggregations: period.disaggregations.map {
                    Cell(dimension: $0.dimension, category: $0.category, value: finite($0.value),
                         numerator: finite($0.numerator), denominator: finite($0.denominator),
                         suppressed: $0.suppressed, suppression: $0.suppression?.rawValue)
                },
                notes: period.notes)
        }
    }

    struct ResultsFile: Decodable {
        struct Indicator: Decodable { var id: String; var periods: [PeriodRecord] }
        var indicators: [Indicator]
    }

    struct EdgeRecord: Decodable, Equatable { var from, to, kind: String; var count: Double }

    /// Every period of every indicator of the sample initiatives is one line that decodes alone to the same
    /// record as in the whole file, and that record holds the computed figures. Each collaboration edge likewise.
    @Test func eachIndicatorPeriodIsOneLineThatParsesAlone() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let content = ContentLoader.load(contentDirectory: root.appendingPathComponent("content").path)
        try #require(!content.initiatives.isEmpty)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        /// One line as a JSON value of its own: without its indentation and the comma that separates it.
        func record(_ line: Substring) -> Data {
            let text = line.drop { $0 == " " }
            return Data((text.hasSuffix(",") ? text.dropLast() : text).utf8)
        }
        for loaded in content.initiatives {
            let results = compute(loaded.initiative, settings: content.config.computation)
            let json = OpenData.resultsJSON(results)
            #expect(json.hasSuffix("}\n") && !json.hasSuffix("\n\n"))
            let whole = try decoder.decode(ResultsFile.self, from: Data(json.utf8))
            #expect(whole.indicators.map(\.id) == results.indicators.map(\.indicator.id))
            let lines = json.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(!lines.contains { $0.hasSuffix(" ") || $0.hasSuffix(" ,") })
            // An indicator's periods are the only lines that hold "period": (the file's own list is "periods":).
            let periodLines = lines.filter { $0.contains("\"period\":") }
            let inFile = whole.indicators.flatMap(\.periods)
            let computed = results.indicators.flatMap { result in
                result.periods.map { PeriodRecord.expected($0, collective: result.indicator.scope != .partner) }
            }
            #expect(periodLines.count == computed.count && !computed.isEmpty)
            #expect(inFile == computed)
            for (line, expected) in zip(periodLines, computed) {
                #expect(line.hasPrefix("        {\"period\": ") && (line.hasSuffix("}") || line.hasSuffix("},")))
                #expect(try decoder.decode(PeriodRecord.self, from: record(line)) == expected)
            }
            // collaboration.json: each edge is one line.
            let collaboration = OpenData.collaborationJSON(results)
            _ = try JSONSerialization.jsonObject(with: Data(collaboration.utf8))
            let edgeLines = collaboration.split(separator: "\n").filter { $0.contains("\"from\":") }
            let edges = (results.collaboration.periods.flatMap(\.edges) + results.collaboration.total.edges).map {
                EdgeRecord(from: $0.from, to: $0.to, kind: $0.kind.rawValue, count: $0.count)
            }
            #expect(edgeLines.count == edges.count && !edges.isEmpty)
            for (line, expected) in zip(edgeLines, edges) {
                #expect(line.drop { $0 == " " }.hasPrefix("{\"from\": "))
                #expect(try decoder.decode(EdgeRecord.self, from: record(line)) == expected)
            }
        }
    }

    @Test func theJSONParsesAndHoldsTrueValues() throws {
        let formula = Observation(indicator: "reached", partner: "b", period: Period("2024-Q1")!, value: 50,
                                  dimension: "ward", category: "=HYPERLINK(\"x\")", location: Self.location("results.csv", 8))
        let json = OpenData.resultsJSON(compute(Self.initiative(extraRows: [formula])))
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let indicators = try #require(parsed?["indicators"] as? [[String: Any]])
        let periods = try #require(indicators.first?["periods"] as? [[String: Any]])
        let cells = try #require(periods.first?["disaggregations"] as? [[String: Any]])
        // JSON keeps the true category; only the CSV neutralises it.
        #expect(cells.contains { $0["category"] as? String == "=HYPERLINK(\"x\")" && $0["value"] as? Int == 50 })
        #expect(periods.first?["numerator"] is NSNull)
    }

    /// A build renders each indicator's rows of results.csv once, for its own CSV and for results.csv, which it
    /// writes as the header and those parts one after another: the files must be exactly what writing each of them
    /// in one go gives, and so must their hashes for the build cache be stable.
    @Test func indicatorRowsRenderedOnceMakeTheSameFiles() throws {
        let results = compute(Self.initiative())
        var all = CSVWriter()
        all.header(OpenData.resultsCSVColumns)
        for result in results.indicators {
            var own = CSVWriter()
            own.header(OpenData.resultsCSVColumns)
            OpenData.appendRows(of: result, to: &own)
            #expect(Array(IndicatorDownloads.csvParts(rows: HashedPart(OpenData.csvRowBytes(result))).bytes.joined())
                    == own.finishedBytes())
            OpenData.appendRows(of: result, to: &all)
        }
        #expect(OpenData.resultsCSVBytes(results) == all.finishedBytes())

        let hashed = OpenData.resultsCSVParts(rows: results.indicators.map { HashedPart(OpenData.csvRowBytes($0)) })
        let parts = hashed.bytes
        #expect(parts.count > 2)
        let folder = TestScratch.folder.appendingPathComponent("parts-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder + ".staging-\(ProcessInfo.processInfo.processIdentifier)") }
        let writer = SiteWriter(output: folder)
        try writer.begin()
        try writer.write(parts: parts, to: "data/x/results.csv")
        let written = FileManager.default.contents(atPath: folder + ".staging-\(ProcessInfo.processInfo.processIdentifier)/data/x/results.csv")
        #expect(written.map(Array.init) == all.finishedBytes())
        // The hash of a file of parts is made from each part's own hash, in order: the same every time, and not the
        // hash of the joined bytes as one part.
        func partsHash(_ parts: [[UInt8]]) -> UInt64 { contentHash(partHashes: parts.map { contentHash($0) }) }
        #expect(partsHash(parts) == partsHash(parts))
        #expect(partsHash(parts) != partsHash([parts.joined().map { $0 }]))
        // Each part hashed once, for every file it is in, gives the hash of hashing the file's parts.
        #expect(hashed.hash == partsHash(parts))
    }

    /// A build writes each indicator's rows of results.csv and entry of results.json in one pass
    /// (`OpenData.indicatorParts`): byte for byte what each writer makes alone, with every conditional field, a
    /// number JSON cannot hold and one that is not an integer.
    @Test func bothFilesInOnePassAreWhatEachWriterMakesAlone() throws {
        let content = ContentLoader.load(contentDirectory: SiteBuildTests.repository + "/content")
        try #require(!content.initiatives.isEmpty)
        var indicators = content.initiatives.flatMap {
            compute($0.initiative, settings: content.config.computation).indicators
        }
        var (collective, partner) = try OpenDataFieldListTests.results()
        try #require(!collective.periods.isEmpty && !collective.periods[0].contributions.isEmpty && !partner.periods.isEmpty)
        collective.periods[0].contributions[0].value = 2.0 / 3
        collective.periods[collective.periods.count - 1].value = .nan
        partner.periods[0].toDate = -.infinity
        indicators += [collective, partner]
        var numbers = 0
        for result in indicators {
            let (rows, entry) = OpenData.indicatorParts(result)
            #expect(rows == OpenData.csvRowBytes(result), "\(result.indicator.id)")
            #expect(entry == OpenData.jsonEntryBytes(result), "\(result.indicator.id)")
            numbers += result.periods.filter { $0.value != nil }.count
        }
        #expect(indicators.count > 20 && numbers > 100)
    }

    /// Numbers that are not integers are written by the formatter behind `Double.description`, called into a
    /// buffer: the same text for every finite value, whatever its size or sign.
    @Test func numbersMatchDoubleDescription() {
        var random = SplitMix64(seed: 0x9E37_79B9_7F4A_7C15)
        func next() -> UInt64 { random.next() }
        var values: [Double] = [0.1, -0.1, 1e-7, 5e-324, -2.2250738585072014e-308, 1.7976931348623157e308, 123456.789,
                                2400.0 / 110, 1.0 / 3, 9_007_199_254_740_993, -1e300]
        for _ in 0..<4000 {
            values.append(Double(bitPattern: next()))  // any bit pattern: every exponent
            values.append(Double(Int64(bitPattern: next()) % 1_000_000) / Double(next() % 9_999 + 1))  // figures
        }
        var compared = 0
        for value in values where value.isFinite && !(value == value.rounded(.towardZero) && abs(value) < 9_007_199_254_740_992) {
            #expect(OpenData.number(value) == value.description)
            compared += 1
        }
        #expect(compared > 7000)
        // Integers keep their own path: digits only, a sign when negative.
        #expect(OpenData.number(-120) == "-120" && OpenData.number(0) == "0" && OpenData.number(7) == "7")
    }

    /// A build renders each indicator's entry of results.json once, for results.json (written in parts) and for
    /// its own JSON, where it sits one level shallower: both must be what rendering them in place gives.
    @Test func indicatorEntriesRenderedOnceMakeTheSameFiles() throws {
        let content = ContentLoader.load(contentDirectory: SiteBuildTests.repository + "/content")
        try #require(!content.initiatives.isEmpty)
        let all = [compute(Self.initiative())]
            + content.initiatives.map { compute($0.initiative, settings: content.config.computation) }
        for results in all {
            let entries = results.indicators.map(OpenData.jsonEntryBytes)
            for (result, entry) in zip(results.indicators, entries) {
                var inPlace = JSONWriter(depth: 1)
                OpenData.write(result, &inPlace)
                #expect(JSONWriter.outdented(entry, by: 1) == inPlace.fragment())
                #expect(entry.contains(0x0A) && !inPlace.fragment().isEmpty)
            }
            let parts = OpenData.resultsJSONParts(results, entries: entries.map(HashedPart.init)).bytes
            #expect(parts.count == 2 * entries.count + 1)
            #expect(Array(parts.joined()) == OpenData.resultsJSONBytes(results))
            let whole = try #require(try JSONSerialization.jsonObject(with: Data(parts.joined())) as? [String: Any])
            let listed = try #require(whole["indicators"] as? [[String: Any]])
            #expect(listed.map { $0["id"] as? String } == results.indicators.map(\.indicator.id))
        }
        // A fragment is placed after its container's separator, like any element.
        var json = JSONWriter()
        json.beginArray()
        var fragment = JSONWriter(depth: 1)
        fragment.beginObject()
        fragment.field("a", 1.0)
        fragment.endObject()
        json.element(rendered: fragment.fragment())
        json.element(rendered: fragment.fragment())
        json.endArray()
        #expect(json.finished() == "[\n  {\n    \"a\": 1\n  },\n  {\n    \"a\": 1\n  }\n]\n")
        #expect(JSONWriter.outdented(fragment.fragment(), by: 1) == Array("{\n  \"a\": 1\n}".utf8))
    }

    @Test func stringsAreEscaped() {
        #expect(JSONWriter.quoted("a\"b\\c") == #""a\"b\\c""#)
        #expect(JSONWriter.quoted("line\nbreak\ttab\u{01}") == #""line\nbreak\ttab\u0001""#)
        #expect(JSONWriter.quoted("\u{2028}") == #""\u2028""#)
        #expect(JSONWriter.quoted("অপরাজিতা") == "\"অপরাজিতা\"")
        // The byte scan and the scalar path agree: U+2028/2029 anywhere, other U+20xx (their lead byte 0xE2),
        // DEL, and text in every script come back unchanged through a JSON parser.
        #expect(JSONWriter.quoted("a\u{2029}b — “c” \u{7F}") == "\"a\\u2029b — “c” \u{7F}\"")
        for text in ["plain", "২০২৬-Q২ ಕನ್ನಡ", "x\u{2028}y", "— · “ ” …", "\u{7F}\u{80}", "tab\there", "q\"uote\\"] {
            let parsed = try? JSONSerialization.jsonObject(with: Data(("[" + JSONWriter.quoted(text) + "]").utf8)) as? [String]
            #expect(parsed == [text], "\(text.debugDescription) did not come back")
        }
    }

    @Test func resultsCSVHoldsTheSameRowsFlat() {
        let csv = OpenData.resultsCSV(compute(Self.initiative()))
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == OpenData.resultsCSVColumns.joined(separator: ","))
        // The header, spelled out: the column names come from an enum's case names, so a renamed case shows here.
        #expect(lines[0] == "indicator,indicator_name,scope,measure,unit,direction,across_partners,across_periods,period,row,partner,dimension,category,value,to_date,numerator,denominator,target,target_kind,progress,expected,status,sum_of_parts,overlap,depth,deduplicated,partners_reporting,partial,headline_held_back,target_alignment,share,suppressed,suppression,notes,left,due")
        #expect(lines[1] == "reached,People reached,collective,count,people,increase,unique,latest,2024-Q1,total,,,,40,40,,,100,end,0.4,0,on_track,50,10,1.25,true,2,false,false,0.9,,,,From the register,,")
        #expect(lines[2] == "reached,People reached,collective,count,people,increase,unique,latest,2024-Q1,contribution,a,,,30,,,,60,,,,,,,,,,,,,0.6,,,,,")
        #expect(lines[5] == "reached,People reached,collective,count,people,increase,unique,latest,2024-Q1,disaggregation,,gender,men,,,,,,,,,,,,,,,,,,,true,primary,,,")
        #expect(lines[6] == "hours,Hours,partner,count,hours,increase,sum,sum,2024-Q1,total,,,,12.5,12.5,,,,,,,no_data,,,,,,,,,,,,,,")
        #expect(lines.count == 8 && lines[7].isEmpty)
        #expect(lines.dropLast().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == OpenData.resultsCSVColumns.count })
    }

    /// A partner that had left says so in its contribution rows (`left` = true), so an empty value is not read
    /// as a missing report.
    @Test func resultsCSVMarksAPartnerThatHadLeft() throws {
        // b takes part through 2024-Q1; in 2024-Q2 only a reports.
        var initiative = Self.initiative(extraRows: [
            Observation(indicator: "reached", partner: "a", period: Period("2024-Q2")!, value: 35,
                        location: SourceLocation(path: "results.csv", line: 8)),
        ])
        let b = try #require(initiative.partners.firstIndex { $0.id == "b" })
        initiative.partners[b].left = Period("2024-Q1")
        let rows = OpenData.resultsCSV(compute(initiative)).components(separatedBy: "\r\n")
        let leftColumn = try #require(OpenData.resultsCSVColumns.firstIndex(of: "left"))
        let fields: [[String]] = rows.map { row in row.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let contributions = fields.filter { row in row.count > leftColumn && row[9] == "contribution" && row[10] == "b" }
        #expect(contributions.map { $0[8] } == ["2024-Q1", "2024-Q2"])
        for row in contributions { #expect(row[leftColumn] == (row[8] == "2024-Q1" ? "" : "true"), "\(row)") }
    }

    @Test func csvNeutralisesFormulasAndQuotesFields() {
        #expect(CSVWriter.field(.text("=SUM(A1:A9)")) == "'=SUM(A1:A9)")
        #expect(CSVWriter.field(.text("+1")) == "'+1")
        #expect(CSVWriter.field(.text("-2")) == "'-2")
        #expect(CSVWriter.field(.text("@cmd")) == "'@cmd")
        #expect(CSVWriter.field(.text("\tx")) == "'\tx")
        #expect(CSVWriter.field(.text("\rx")) == "\"'\rx\"")
        #expect(CSVWriter.field(.text("a, \"b\"")) == "\"a, \"\"b\"\"\"")
        #expect(CSVWriter.field(.text("two\nlines")) == "\"two\nlines\"")
        // A number is never text: a negative value stays a number a spreadsheet can add up.
        #expect(CSVWriter.field(.number(-5)) == "-5")
        #expect(CSVWriter.field(.number(nil)) == "" && CSVWriter.field(.bool(nil)) == "")
    }

    @Test func csvNeutralisesValuesFromTheContent() {
        let formula = Observation(indicator: "reached", partner: "b", period: Period("2024-Q1")!, value: 50,
                                  dimension: "ward", category: "=HYPERLINK(\"x\")", location: Self.location("results.csv", 8))
        let csv = OpenData.resultsCSV(compute(Self.initiative(extraRows: [formula])))
        #expect(csv.contains(",ward,\"'=HYPERLINK(\"\"x\"\")\",50,"))
    }

    @Test func collaborationJSON() {
        let json = OpenData.collaborationJSON(compute(Self.initiative()))
        #expect(json == """
            {
              "initiative": "demo",
              "periods": [
                {
                  "period": "2024-Q1",
                  "referrals": 3,
                  "joint_activities": 0,
                  "shared_resources": 0,
                  "density": 1,
                  "edges": [
                    {"from": "a", "to": "b", "kind": "referral", "count": 3}
                  ]
                }
              ],
              "total": {
                "period": null,
                "referrals": 3,
                "joint_activities": 0,
                "shared_resources": 0,
                "density": 1,
                "edges": [
                  {"from": "a", "to": "b", "kind": "referral", "count": 3}
                ]
              },
              "partners": ["a", "b"],
              "matrix": [
                [0, 3],
                [0, 0]
              ],
              "collaborators": [
                {"partner": "bb", "count": 0},
                {"partner": "a", "count": 1},
                {"partner": "b", "count": 1}
              ],
              "active_workstreams": []
            }

            """)
    }

    @Test func initiativesJSONListsEveryInitiativeBySlug() throws {
        var other = Self.initiative()
        other.slug = "another"
        other.name = "Another"
        let json = OpenData.initiativesJSON([compute(Self.initiative()), compute(other)])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(parsed.map { $0["slug"] as? String } == ["another", "demo"])
        let demo = parsed[1]
        #expect(demo["backbone"] as? String == "bb" && demo["backbone_name"] as? String == "Backbone")
        #expect(demo["partner_count"] as? Int == 2)
        #expect(demo["latest_period"] as? String == "2024-Q1")
        #expect(demo["results_json"] as? String == "demo/results.json")
        let summaries = try #require(demo["summaries"] as? [String: [String: Int]])
        #expect(summaries["collective"] == ["total": 1, "achieved": 0, "on_track": 1, "at_risk": 0, "off_track": 0, "no_data": 0])
        #expect(summaries["partner"]?["no_data"] == 1)
        #expect(json.contains("\"slug\": \"another\",\n    \"name\": \"Another\","))
        // Each summary is one line.
        #expect(json.contains("""
                "collective": {"total": 1, "achieved": 0, "on_track": 1, "at_risk": 0, "off_track": 0, "no_data": 0},
            """))
    }

    /// An initiative's object in data/initiatives.json is indented as an element of the top-level array: each line
    /// of the object as it would be written alone, two spaces in, no line end after it.
    @Test func anInitiativesObjectIsIndentedAsAnArrayElement() throws {
        let fragment = OpenData.initiativeJSON(compute(Self.initiative()))
        let lines = fragment.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "  {" && lines.last == "  }")
        #expect(lines.count > 15 && lines.allSatisfy { $0.hasPrefix("  ") && !$0.hasPrefix("  \n") })
        #expect(lines.contains("    \"slug\": \"demo\","))
        #expect(lines.contains("      \"partner\": {\"total\": 1, \"achieved\": 0, \"on_track\": 0, \"at_risk\": 0, \"off_track\": 0, \"no_data\": 1},"))
        let alone = lines.map { $0.dropFirst(2) }.joined(separator: "\n")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(alone.utf8)) as? [String: Any])
        #expect(parsed["slug"] as? String == "demo" && parsed["results_csv"] as? String == "demo/results.csv")
    }

    @Test func filesListsEveryDownloadOnce() {
        let paths = OpenData.files([compute(Self.initiative())]).map(\.path)
        #expect(paths == ["data/demo/collaboration.json", "data/demo/results.csv", "data/demo/results.json",
                          "data/initiatives.json"])
    }

    @Test func theSameInputGivesTheSameBytesWhateverTheRowOrder() {
        let initiative = Self.initiative()
        var reversed = initiative
        reversed.observations.reverse()
        reversed.collaborations.reverse()
        let (a, b) = (compute(initiative), compute(reversed))
        #expect(OpenData.resultsJSON(a) == OpenData.resultsJSON(b))
        #expect(OpenData.resultsCSV(a) == OpenData.resultsCSV(b))
        #expect(OpenData.collaborationJSON(a) == OpenData.collaborationJSON(b))
    }

    @Test func theSampleContentExportsValidOpenData() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let content = ContentLoader.load(contentDirectory: root.appendingPathComponent("content").path)
        try #require(!content.initiatives.isEmpty)
        var all: [InitiativeResults] = []
        for loaded in content.initiatives {
            let results = compute(loaded.initiative, settings: content.config.computation)
            all.append(results)
            let json = OpenData.resultsJSON(results)
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect((parsed["indicators"] as? [Any])?.count == loaded.initiative.indicators.count)
            #expect(!json.contains(": nan") && !json.contains(": inf") && !json.contains(": -inf"))
            _ = try JSONSerialization.jsonObject(with: Data(OpenData.collaborationJSON(results).utf8))
            let csv = OpenData.resultsCSV(results)
            #expect(csv.hasPrefix(OpenData.resultsCSVColumns.joined(separator: ",") + "\r\n"))
        }
        _ = try JSONSerialization.jsonObject(with: Data(OpenData.initiativesJSON(all).utf8))
    }
}
