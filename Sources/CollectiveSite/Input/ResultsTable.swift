import ImpactDomain

/// results.csv: the one file that grows every quarter and may hold a million rows, so its cells are read
/// straight from the bytes and repeated ids reuse one String (`InternedText`).
enum ResultsTable {
    /// - Parameters:
    ///   - measures: indicator id → measure, from indicators.csv: a qualitative indicator may leave `value` empty.
    ///   - allowedPersonalColumns: site.yaml `allow_personal_columns`.
    ///   - reporters: filled with who reported each row that says so (`reported_by`, `reported_on`), by row index.
    ///   - pooledIndicators: ids of the indicators whose rows need `numerator` and `denominator` (`ratio` across
    ///     partners): when the header lacks either column, one error there, and `lacksCounts` is set so validation
    ///     does not blame each row for the missing column.
    static func read(_ bytes: [UInt8], path: String, measures: [String: Measure], pooledIndicators: [String] = [],
                     lacksCounts: inout Bool, allowedPersonalColumns: [String],
                     reporters: inout [Int: Reporter], _ diagnostics: inout [Diagnostic]) -> [Observation] {
        let personal = { (column: String) in PersonalData.looksPersonal(column, allowed: allowedPersonalColumns) }
        guard let (opened, columns) = CSVTable.open(bytes, path: path, columns: ResultsColumn.self, personalColumn: personal,
                                                    &diagnostics) else { return [] }
        var row = opened
        let absent = [ResultsColumn.numerator, .denominator].filter { columns[$0].index == nil }
        if !absent.isEmpty, !pooledIndicators.isEmpty {
            lacksCounts = true
            let names = absent.map { "`\($0.name)`" }.joined(separator: " and ")
            let shown = pooledIndicators.prefix(5).map { "`\($0)`" }.joined(separator: ", ")
                + (pooledIndicators.count > 5 ? " and \(pooledIndicators.count - 5) more" : "")
            diagnostics.append(.error(row.recordLocation,
                                      "missing column\(absent.count == 1 ? "" : "s") \(names), which the rows of indicators with `across_partners: ratio` need (\(shown))",
                                      hint: "add \(names) to the header row (\((ResultsColumn.required + [.numerator, .denominator]).map(\.name).joined(separator: ",")),…) and give each of these rows its two counts (47 and 65 for 47 of 65)"))
        }
        var rows = Rows(columns, measures: measures)
        var observations: [Observation] = []
        observations.reserveCapacity(estimatedRows(bytes))
        // A plain loop rather than CSVTable.read's closure: no captured variables to box and check on every row.
        while row.next() { rows.read(row, into: &observations, &reporters, &diagnostics) }
        diagnostics += row.diagnostics
        return observations
    }

    /// What reading the rows of one file needs: its columns and the texts read so far. Each row is read by a method
    /// that borrows the reader, so that reading its cells does not copy the reader (a local `var` reader was
    /// copied for every cell read).
    private struct Rows {
        let indicatorColumn: CSVColumn, partnerColumn: CSVColumn, periodColumn: CSVColumn, valueColumn: CSVColumn
        let valueIndex: Int, periodIndex: Int
        let numeratorColumn: CSVColumn, denominatorColumn: CSVColumn
        let dimensionColumn: CSVColumn, categoryColumn: CSVColumn, noteColumn: CSVColumn
        let reportedByColumn: CSVColumn, reportedOnColumn: CSVColumn
        let measures: [String: Measure]
        var indicators = InternedText(), partners = InternedText(), dimensions = InternedText(), categories = InternedText()
        /// `measures` by the indicator's offset in `indicators` (nil: not looked up yet), so a row without a value
        /// (qualitative, or a ratio's counts) does not hash its indicator id.
        var measureByOffset: [Measure??] = []
        /// The last period read from a cell of at most 8 bytes, and that cell's bytes (`CSVReader.word`): rows come
        /// period by period, so most rows repeat the last one's cell, and need not parse it again.
        var lastPeriod: Period?, lastPeriodWord: (word: UInt64, length: Int)?

        init(_ columns: TableHeader<ResultsColumn>, measures: [String: Measure]) {
            indicatorColumn = columns[.indicator]
            partnerColumn = columns[.partner]
            periodColumn = columns[.period]
            valueColumn = columns[.value]
            valueIndex = valueColumn.index!  // required: the header has it
            periodIndex = periodColumn.index!  // required too
            numeratorColumn = columns[.numerator]
            denominatorColumn = columns[.denominator]
            dimensionColumn = columns[.dimension]
            categoryColumn = columns[.category]
            noteColumn = columns[.note]
            reportedByColumn = columns[.reportedBy]
            reportedOnColumn = columns[.reportedOn]
            self.measures = measures
        }

        /// The measure of `indicator`, which `indicators.text` returned last.
        mutating func measure(of indicator: String) -> Measure? {
            let offset = indicators.lastOffset
            guard offset >= 0 else { return measures[indicator] }
            if offset >= measureByOffset.count {
                measureByOffset.append(contentsOf: repeatElement(nil, count: offset + 1 - measureByOffset.count))
            }
            if let known = measureByOffset[offset] { return known }
            let measure = measures[indicator]
            measureByOffset[offset] = .some(measure)
            return measure
        }

        /// The row's period, as `CSVReader.period` reads it: a cell with the bytes of the last one that read as a
        /// period is that period again.
        mutating func readPeriod(_ row: borrowing CSVReader, _ diagnostics: inout [Diagnostic]) -> Period? {
            let word = row.word(of: row.fields[periodIndex])
            if let word, let lastPeriod, let last = lastPeriodWord, word == last { return lastPeriod }
            let period = row.period(periodColumn, required: true, &diagnostics)
            if let period, let word { (lastPeriod, lastPeriodWord) = (period, word) }
            return period
        }

        mutating func read(_ row: borrowing CSVReader, into observations: inout [Observation],
                           _ reporters: inout [Int: Reporter], _ diagnostics: inout [Diagnostic]) {
            let indicator = indicators.text(indicatorColumn.index, row)
            let partner = partners.text(partnerColumn.index, row)
            if indicator.isEmpty {
                diagnostics.append(row.cellError(indicatorColumn, "`\(indicatorColumn.name)` is empty",
                                                 hint: "write the id of the indicator the row reports, as in column `id` of the indicators"))
            }
            if partner.isEmpty {
                diagnostics.append(row.cellError(partnerColumn, "`\(partnerColumn.name)` is empty",
                                                 hint: "write the partner's id, or `*` for a value of the initiative as a whole"))
            }
            // Every cell is read before a row is dropped, so each of its problems is reported at once.
            let period = readPeriod(row, &diagnostics)
            // Most cells of the optional columns are empty: those are nil, or "", without a call.
            let numerator = Self.isEmpty(numeratorColumn, row) ? nil : row.number(numeratorColumn, &diagnostics)
            let denominator = Self.isEmpty(denominatorColumn, row) ? nil : row.number(denominatorColumn, &diagnostics)
            let parsed = row.withBytes(of: row.fields[valueIndex], ValueParsing.parsedNumber)
            var value = parsed?.value
            if let parsed {
                if !parsed.plain { row.warnIfScientific(valueIndex, valueColumn.name, parsed.value, &diagnostics) }
            } else {
                // An empty value is fine for a qualitative indicator (the note tells the story) and for a ratio
                // row that gives its numerator and denominator; anything else must be a number.
                let excused = row.isBlank(valueColumn)
                    && (measure(of: indicator) == .qualitative || (numerator != nil && denominator != nil))
                if !excused {
                    value = row.number(valueColumn, required: true, &diagnostics)
                }
            }
            let reporter = reportedByColumn.index != nil || reportedOnColumn.index != nil
                ? ResultsTable.reporter(row, by: reportedByColumn, on: reportedOnColumn, &diagnostics) : nil
            guard let period, !indicator.isEmpty, !partner.isEmpty else { return }
            if let reporter { reporters[observations.count] = reporter }
            observations.append(Observation(
                indicator: indicator, partner: partner, period: period, value: value,
                numerator: numerator, denominator: denominator,
                dimension: Self.isEmpty(dimensionColumn, row) ? nil : dimensions.optionalText(dimensionColumn.index, row),
                category: Self.isEmpty(categoryColumn, row) ? nil : categories.optionalText(categoryColumn.index, row),
                note: Self.isEmpty(noteColumn, row) ? "" : row.text(noteColumn), location: row.recordLocation))
        }

        /// Whether the file has no such column or the row's cell is empty (not even spaces).
        @inline(__always)
        private static func isEmpty(_ column: CSVColumn, _ row: borrowing CSVReader) -> Bool {
            guard let index = column.index else { return true }
            return row.fields[index].isEmpty
        }
    }

    /// `reported_by` and `reported_on` of a row that gives either; a date that is not `YYYY-MM-DD` is an error.
    private static func reporter(_ row: borrowing CSVReader, by byColumn: CSVColumn, on onColumn: CSVColumn,
                                 _ diagnostics: inout [Diagnostic]) -> Reporter? {
        let by = row.text(byColumn).trimmingSpaces, on = row.text(onColumn).trimmingSpaces
        guard !by.isEmpty || !on.isEmpty else { return nil }
        if !on.isEmpty, ValueParsing.dateYear(on) == nil {
            diagnostics.append(.error(row.location(onColumn), "`\(on)` is not a date in column `\(onColumn.name)`",
                                      hint: "write the day the figure was reported as YYYY-MM-DD, for example 2026-10-14"))
            return nil
        }
        return Reporter(by: by, on: on)
    }

    /// Rows in the file, estimated from the length of its first lines, so the array grows at most once or twice.
    /// (The first 8 KB hold a few hundred rows; counting the line breaks of 64 KB cost more than reading them.)
    private static func estimatedRows(_ bytes: [UInt8]) -> Int {
        let sample = bytes.prefix(8 * 1024)
        var lines = 0
        for byte in sample where byte == UInt8(ascii: "\n") { lines += 1 }
        guard lines > 1 else { return 16 }
        return Int(Double(bytes.count) / Double(sample.count) * Double(lines) * 1.05)
    }
}

/// The texts of one column whose few values repeat over many rows (the indicator, partner, dimension and category
/// of results rows): each distinct text is made into a String once and found again by its bytes, so a million rows
/// build no String (and share their Strings' storage).
struct InternedText {
    /// The distinct texts so far, and the bytes (in the file) each was first read from.
    private var texts: [String] = []
    private var firstRead: [Range<Int>] = []
    /// Per text of at most 8 bytes (most ids): those bytes as one word (`CSVReader.word`), so that it is found
    /// again by comparing one word, not byte by byte; 0 for a longer text.
    private var words: [UInt64] = []
    /// Open addressing over `texts` by a hash of the bytes: the text's offset + 1, or 0 for a free slot.
    private var slots = [Int32](repeating: 0, count: 64)
    /// The offset of the text `text` returned last, or -1 when it was not looked up (empty, or with `""`).
    private(set) var lastOffset = -1
    /// Per text: the offset of the text read after it last time (-1: none yet), and the offset of the text read
    /// last. Rows listed period by period repeat one sequence of ids, so the text that came next last time is
    /// compared first, and the bytes are hashed only when it is not the one.
    private var after: [Int32] = []
    private var previous = -1

    /// The cell's text without surrounding spaces, as `CSVReader.text`; "" when the column is absent.
    mutating func text(_ index: Int?, _ row: borrowing CSVReader) -> String {
        lastOffset = -1
        guard let index else { return "" }
        let field = row.fields[index]
        if field.isEmpty { return "" }
        guard !field.hasEscapedQuotes else { return row.text(index) }
        let word = row.word(of: field)
        let found = row.bytes.withUnsafeBufferPointer { bytes in
            let written = field.start..<field.end
            if previous >= 0 {
                let expected = Int(after[previous])
                if expected >= 0, same(expected, bytes, written, word) { return expected }
            }
            var slot = hash(bytes, written, word)
            while slots[slot] != 0 {
                let found = Int(slots[slot]) - 1
                if same(found, bytes, written, word) { return found }
                slot = (slot + 1) & (slots.count - 1)
            }
            texts.append(row.text(index))
            firstRead.append(written)
            words.append(word?.word ?? 0)
            after.append(-1)
            slots[slot] = Int32(truncatingIfNeeded: texts.count)
            if texts.count * 2 > slots.count { rehash(bytes, size: slots.count * 2) }
            return texts.count - 1
        }
        if previous >= 0, after[previous] != Int32(truncatingIfNeeded: found) {
            after[previous] = Int32(truncatingIfNeeded: found)
        }
        previous = found
        lastOffset = found
        return texts[found]
    }

    mutating func optionalText(_ index: Int?, _ row: borrowing CSVReader) -> String? {
        let text = text(index, row)
        return text.isEmpty ? nil : text
    }

    /// Whether text `offset` was first read from the same bytes as `range` (`word`: theirs, when at most 8).
    @inline(__always)
    private func same(_ offset: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                      _ word: (word: UInt64, length: Int)?) -> Bool {
        guard let word else { return Self.equal(bytes, firstRead[offset], range) }
        return words[offset] == word.word && firstRead[offset].count == word.length
    }

    /// The slot to probe first for the bytes `range` (`word`: theirs, when at most 8).
    @inline(__always)
    private func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: (word: UInt64, length: Int)?) -> Int {
        // A word times 2^64 / φ, its top bits as the slot (Fibonacci hashing: every byte of the word moves them).
        if let word { return Int(truncatingIfNeeded: (word.word &* 0x9E37_79B9_7F4A_7C15) >> (64 - slots.count.trailingZeroBitCount)) }
        // A longer text: 32-bit FNV-1a of its bytes.
        var hash: UInt32 = 0x811C_9DC5
        for i in range { hash = (hash ^ UInt32(bytes[i])) &* 0x0100_0193 }
        return Int(hash) & (slots.count - 1)
    }

    /// Half full at most, so a probe ends soon at a free slot.
    private mutating func rehash(_ bytes: UnsafeBufferPointer<UInt8>, size: Int) {
        slots = [Int32](repeating: 0, count: size)
        for (offset, range) in firstRead.enumerated() {
            let word = range.count <= 8 ? (word: words[offset], length: range.count) : nil
            var slot = hash(bytes, range, word)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(truncatingIfNeeded: offset + 1)
        }
    }

    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        // Wrapping arithmetic: both ranges are fields of `bytes`, so no sum can overflow.
        var i = 0
        while i < a.count {
            if bytes[a.lowerBound &+ i] != bytes[b.lowerBound &+ i] { return false }
            i &+= 1
        }
        return true
    }
}
