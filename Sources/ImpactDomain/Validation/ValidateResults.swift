// Checks of results.csv. First each row on its own, in one pass (it may hold a million rows); then what needs
// several rows, one indicator and period at a time: duplicates, `*` rows larger than the sum of parts, partners
// that stop reporting, indicators nobody reports. Grouping by indicator and period keeps every lookup small.

extension ValidationContext {
    func validateResults(_ log: inout DiagnosticLog) {
        let observations = initiative.observations
        var rows = RowChecks(context: self)
        // Rows are read in place, through a pointer: copying a row (~200 bytes, seven strings) a million times shows
        // in a profile, and a row passed as a value is copied first (the compiler cannot tell it will not change).
        observations.withUnsafeBufferPointer { buffer in
            guard let first = buffer.baseAddress else { return }
            for row in buffer.indices { rows.check(row, first + row, &log) }
        }


        for indicator in initiative.indicators.uniqued(by: \.id) {
            GroupChecks(context: self, indicator: indicator, index: index, observations: observations).run(&log)
        }
        validateBreakdownSpellings(&log)
    }

    /// A dimension or category written two ways (`Gazipur` and `gazipur`, `District` and `district`, a doubled
    /// space) is two breakdowns on every page and in the open data, each with part of the figures. The spelling most
    /// rows use is taken for the right one; each other is warned once, at its first row.
    func validateBreakdownSpellings(_ log: inout DiagnosticLog) {
        guard index.cells.count > 1 else { return }
        func key(_ text: String) -> String { text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        var rows = [Int](repeating: 0, count: index.cells.count)
        for cell in index.rowCell where cell >= 0 { rows[Int(cell)] += 1 }
        struct Spelling { var written: String; var first: SourceLocation; var rows: Int }
        // Per normalised key: its spellings, in the order they first appear in the file.
        var spellings: [String: [Spelling]] = [:]
        func add(_ written: String, key: String, at location: SourceLocation, rows count: Int) {
            var list = spellings[key, default: []]
            if let found = list.firstIndex(where: { $0.written == written }) {
                list[found].rows += count
                if location < list[found].first { list[found].first = location }
            } else {
                list.append(Spelling(written: written, first: location, rows: count))
            }
            spellings[key] = list
        }
        for cell in index.cells.indices {
            let (dimension, category) = (index.cells[cell].dimension, index.cells[cell].category)
            add(dimension, key: "d\u{0}" + key(dimension), at: index.cellFirst[cell], rows: rows[cell])
            add(category, key: "c\u{0}" + key(dimension) + "\u{0}" + key(category), at: index.cellFirst[cell], rows: rows[cell])
        }
        for (key, list) in spellings where list.count > 1 {
            let sorted = list.sorted { ($0.first, $0.written) < ($1.first, $1.written) }
            let right = sorted.max { $0.rows < $1.rows }!
            let isDimension = key.hasPrefix("d")
            for other in sorted where other.written != right.written {
                log.append(.warning(other.first, "\(isDimension ? "dimension" : "category") `\(other.written)` is written `\(right.written)` in \(right.rows) other row\(right.rows == 1 ? "" : "s") (the first at \(right.first)): the two spellings are published as two breakdowns, each with part of the figures",
                                    hint: "write it the same way in every row: `\(right.written)`",
                                    field: isDimension ? ResultsColumn.dimension.name : ResultsColumn.category.name))
            }
        }
    }
}

/// Checks that one row can fail on its own.
private struct RowChecks {
    let context: ValidationContext
    /// What the checks need of the row's indicator (nil: unknown), by its offset in `index.indicatorIDs`: looked
    /// up once per indicator, not once per row.
    let facts: [Facts?]
    /// The current row's indicator (its offset in `facts`) and its facts without their texts: a row of another
    /// indicator than the last (every row, when rows go period by period) then copies no String.
    var lastBucket = -1, last: Rule?
    struct Facts {
        var id: String
        /// A partner's own indicator: its partner.
        var owner: String?
        var rule: Rule
    }
    struct Rule {
        var scope: Scope
        var measure: Measure
        var acrossPartners: AcrossPartners
        /// A partner's own indicator whose partner is in partners.csv: that partner's slot in the index.
        var ownerSlot: Int?
    }
    // The previous row's partner slot: consecutive rows often repeat it, so most lookups are skipped.
    var lastSlot = -1, lastPartnerKnown = false
    /// The last period the row's partner took part in (partners.csv `left`); looked up only when a partner has left.
    var lastPartnerLeft: Period?
    let anyPartnerLeft: Bool
    /// The first period the row's partner took part in (partners.csv `joined`); looked up only when a partner
    /// joined after the start.
    var lastPartnerJoined: Period?
    let anyPartnerJoinedLate: Bool
    // What the period check needs, copied out so the common case (a fine period) touches nothing else.
    let kind: PeriodKind
    let earliest: Int
    let latest: Int

    init(context: ValidationContext) {
        self.context = context
        kind = context.initiative.periodKind
        earliest = context.earliest?.ordinal ?? Int.min
        latest = context.latest?.ordinal ?? Int.max
        anyPartnerLeft = context.index.anyPartnerLeft
        anyPartnerJoinedLate = context.index.anyPartnerJoinedLate
        facts = context.index.indicatorIDs.map { id in
            context.indicators[id].map { indicator in
                Facts(id: indicator.id, owner: indicator.partner,
                      rule: Rule(scope: indicator.scope, measure: indicator.measure,
                                 acrossPartners: indicator.acrossPartners,
                                 ownerSlot: indicator.partner.flatMap { owner in
                                     context.isKnown(owner, in: .partner) ? context.index.slot(of: owner) : nil
                                 }))
            }
        }
    }

    /// The row's location is read where a message is made, never kept in a local: a copy of it retained and
    /// released its path's storage for every row (here and in `checkNumbers`), and nearly every row has no message.
    mutating func check(_ row: Int, _ o: UnsafePointer<Observation>, _ log: inout DiagnosticLog) {
        let index = context.index
        let bucket = Int(index.rowIndicator[row])
        if bucket != lastBucket {
            lastBucket = bucket
            last = facts[bucket]?.rule
        }
        let slot = Int(index.rowSlot[row])
        if slot != lastSlot {
            lastSlot = slot
            // Slots of partners.csv come first; unknown ids after them, and `*` last.
            lastPartnerKnown = slot < index.knownPartnerCount || slot == index.sharedSlot
            lastPartnerLeft = anyPartnerLeft ? index.left(slot: slot) : nil
            lastPartnerJoined = anyPartnerJoinedLate ? index.joined(slot: slot) : nil
        }
        if last == nil {
            log.append(context.unknown(o.pointee.indicator, .indicator, at: o.pointee.location, column: ResultsColumn.indicator.name),
                       group: "unknown indicator \(o.pointee.indicator)")
        }
        if !lastPartnerKnown {
            log.append(context.unknown(o.pointee.partner, .partner, at: o.pointee.location, column: ResultsColumn.partner.name), group: "unknown partner \(o.pointee.partner)")
        }
        if o.pointee.period.kind != kind || o.pointee.period.ordinal < earliest || o.pointee.period.ordinal > latest,
           let (group, problem) = context.periodProblem(o.pointee.period, at: o.pointee.location, column: ResultsColumn.period.name) {
            log.append(problem, group: group)
        }
        if (o.pointee.dimension == nil) != (o.pointee.category == nil) {
            let (given, missing) = o.pointee.dimension == nil ? ("category", "dimension") : ("dimension", "category")
            log.append(.error(o.pointee.location, "`\(given)` is set but `\(missing)` is empty",
                              hint: "a disaggregated row needs both, e.g. dimension `gender` and category `women`; a total row needs neither"),
                       group: "dimension/category")
        }
        checkNumbers(o, &log)
        if let left = lastPartnerLeft, o.pointee.period.isAfter(leaving: left) {
            log.append(context.afterLeaving(o.pointee.partner, left: left, "gives its `\(o.pointee.indicator)` for `\(o.pointee.period)`", at: o.pointee.location,
                                            period: ResultsColumn.period.name),
                       group: "row after partner left \(o.pointee.partner)")
        }
        // A row before the initiative started has its error already.
        if let joined = lastPartnerJoined, o.pointee.period.isBefore(joining: joined), o.pointee.period.ordinal >= earliest {
            log.append(context.beforeJoining(o.pointee.partner, joined: joined, "gives its `\(o.pointee.indicator)` for `\(o.pointee.period)`", at: o.pointee.location,
                                             period: ResultsColumn.period.name),
                       group: "row before partner joined \(o.pointee.partner)")
        }

        guard let rule = last, rule.scope == .partner else { return }
        if o.pointee.isShared {
            let indicator = facts[lastBucket]!
            log.append(.error(o.pointee.location, "a `*` row for `\(indicator.id)`, which is partner `\(indicator.owner ?? "?")`'s own indicator",
                              hint: "report it under the partner's id; `*` rows belong to collective and collaboration indicators"),
                       group: "shared row on partner indicator \(indicator.id)")
        } else if let ownerSlot = rule.ownerSlot, lastSlot != ownerSlot, lastPartnerKnown {
            // Another partner than the owner (slots stand for ids one to one); an owner that is not in partners.csv
            // has no slot here: it is reported once, in indicators.csv.
            let indicator = facts[lastBucket]!, owner = indicator.owner!
            log.append(.error(o.pointee.location, "partner `\(o.pointee.partner)` reports `\(indicator.id)`, which is partner `\(owner)`'s own indicator",
                              hint: "correct the partner or the indicator, or make `\(indicator.id)` a collective indicator"),
                       group: "foreign partner \(indicator.id) \(o.pointee.partner)")
        }
    }

    private static func negative(_ column: String, _ number: Double, _ o: Observation, _ log: inout DiagnosticLog) {
        log.append(.error(o.location, "negative \(column) \(quoted(number)) \(Self.row(o))", hint: "counts cannot be negative",
                          field: column),
                   group: "negative \(column)")
    }

    /// Which figure a row is, for messages read away from the file: "for `reach`, partner `p1`, 2025-Q2".
    private static func row(_ o: Observation) -> String {
        var text = "for `\(o.indicator)`, " + (o.isShared ? "`*`" : "partner `\(o.partner)`") + ", \(o.period)"
        if let dimension = o.dimension, let category = o.category { text += ", `\(dimension)` = `\(category)`" }
        return text
    }

    // `mutating` although it changes nothing: self is then passed by reference, where a non-mutating call from
    // `check` copied all of RowChecks (over 800 bytes) for every row.
    private mutating func checkNumbers(_ o: UnsafePointer<Observation>, _ log: inout DiagnosticLog) {
        // Two plain checks, not a loop over an array literal: that would allocate on every one of a million rows.
        if let numerator = o.pointee.numerator, numerator < 0 { Self.negative("numerator", numerator, o.pointee, &log) }
        if let denominator = o.pointee.denominator, denominator < 0 { Self.negative("denominator", denominator, o.pointee, &log) }
        guard let rule = last, rule.measure != .qualitative else { return }
        let measure = rule.measure
        let isPercentage = measure == .percentage
        if let numerator = o.pointee.numerator, let denominator = o.pointee.denominator {
            if isPercentage, numerator > denominator, denominator >= 0 {
                log.append(.error(o.pointee.location, "numerator \(quoted(numerator)) is larger than denominator \(quoted(denominator)) \(Self.row(o.pointee))",
                                  hint: "the numerator counts the people in the denominator who meet the condition; check that the two are not swapped",
                                  field: ResultsColumn.numerator.name),
                           group: "numerator > denominator")
            }
            if denominator == 0 {
                log.append(.warning(o.pointee.location, "denominator is `0` \(Self.row(o.pointee)), so this row has no percentage",
                                    hint: "leave the row out if nobody was eligible in this period"),
                           group: "zero denominator")
            } else if isPercentage, let value = o.pointee.value, numerator >= 0, numerator <= denominator,
                      abs(value - 100 * numerator / denominator) > 0.5,
                      abs(value - numerator / denominator) >= 0.0005 {  // a fraction: ValidatePercentageScale says so
                log.append(.warning(o.pointee.location, "value \(quoted(value)) \(Self.row(o.pointee)) does not match numerator ÷ denominator (\(quoted(numerator)) of \(quoted(denominator)))",
                                    hint: "the published percentage is computed from the numerator and denominator; correct the one that is wrong"),
                           group: "value mismatch")
            }
        } else if rule.acrossPartners == .ratio, rule.scope != .partner, o.pointee.value != nil, !context.initiative.resultsLackCounts {
            let facts = facts[lastBucket]!
            log.append(.error(o.pointee.location, "`\(facts.id)` pools partners' counts (`across_partners: ratio`), but this row has no numerator and denominator",
                              hint: "write the two counts (e.g. 15 and 100 for 15%) in `numerator` and `denominator`"),
                       group: "ratio without counts \(facts.id)")
        }
        if let value = o.pointee.value {
            if isPercentage, value < 0 || value > 100 {
                log.append(.error(o.pointee.location, "percentage \(quoted(value)) \(Self.row(o.pointee)) is outside 0–100",
                                  hint: "write percentages from 0 to 100 (15 for 15%), not fractions or counts", field: ResultsColumn.value.name),
                           group: "percentage range")
            } else if measure == .count, value < 0 {
                log.append(.error(o.pointee.location, "negative count \(quoted(value)) \(Self.row(o.pointee))",
                                  hint: "counts cannot be negative; for a fall, report the new (lower) total", field: ResultsColumn.value.name),
                           group: "negative count")
            }
        }
    }
}

/// Checks across the rows of one indicator.
private struct GroupChecks {
    let context: ValidationContext
    let indicator: Indicator
    let index: ObservationIndex
    let observations: [Observation]

    /// One row with the keys it is grouped by: period offset, cell (-1 for the total), partner slot.
    private struct Keyed {
        var period: Int32
        var cell: Int32
        var slot: Int32
        var row: Int
    }

    func run(_ log: inout DiagnosticLog) {
        let rows = index.rowsByIndicator[indicator.id] ?? []
        // The indicator's rows in one list sorted by period, cell, slot and file order (a list per period cost an
        // allocation or two for every period of every indicator, each holding a few rows).
        var keyed: [Keyed] = []
        keyed.reserveCapacity(rows.count)
        for row in rows where index.rowPeriod[row] >= 0 && index.rowCell[row] != ObservationIndex.invalidCell {
            keyed.append(Keyed(period: index.rowPeriod[row], cell: index.rowCell[row], slot: index.rowSlot[row], row: row))
        }
        // The comparator reads rows through a buffer pointer and captures nothing else: a closure over `self`
        // copied this struct (and retained every reference in it) on each of a million comparisons.
        observations.withUnsafeBufferPointer { rowsInFile in
            keyed.sort { a, b in
                if a.period != b.period { return a.period < b.period }
                if a.cell != b.cell { return a.cell < b.cell }
                if a.slot != b.slot { return a.slot < b.slot }
                return fileOrder(rowsInFile[a.row], rowsInFile[b.row])
            }
        }
        // Checks that add rows up or look for missing ones wait until every row of results.csv reads: a row lost
        // to an error already reported (a value `N/A`, a period `2024-Q5`) would make a right `*` row look larger
        // than the sum of the parts, or a partner look silent.
        let resultsComplete = !context.initiative.incompleteFiles.contains("results.csv")
        let checksSharedRows = indicator.acrossPartners == .unique && indicator.scope != .partner && resultsComplete
        // Per partner slot (`*` never): the row of each period it reported a total for (nil: not reported), or nil
        // when it reported none.
        var reported = [[Int?]?](repeating: nil, count: index.sharedSlot)
        var start = 0
        while start < keyed.count {
            // One period's rows of one cell.
            let (offset, cellID) = (Int(keyed[start].period), keyed[start].cell)
            var end = start + 1
            while end < keyed.count, keyed[end].period == keyed[start].period, keyed[end].cell == cellID { end += 1 }
            let cell = keyed[start..<end]
            reportDuplicates(cell, &log)
            if checksSharedRows { checkSharedRows(cell, &log) }
            if cellID < 0 {
                for keyed in cell where Int(keyed.slot) != index.sharedSlot {
                    let slot = Int(keyed.slot)
                    if reported[slot] == nil { reported[slot] = Array(repeating: nil, count: index.periods.count) }
                    if reported[slot]![offset] == nil { reported[slot]![offset] = keyed.row }
                }
            }
            start = end
        }
        if indicator.measure != .qualitative, resultsComplete {
            for slot in reported.indices { if let rows = reported[slot] { reportGaps(rows, left: index.left(slot: slot), &log) } }
            if indicator.scope != .partner, reported.allSatisfy({ $0 == nil }) {
                log.append(.warning(indicator.location, "\(indicator.scope.rawValue) indicator `\(indicator.id)` has no results from any partner",
                                    hint: "add the partners' rows to results.csv with their ids in column `partner`; a `*` row alone cannot show who contributed"))
            }
        }
    }

    /// Rows of one cell, sorted by slot and file order: a row with the same slot as the one before repeats it.
    private func reportDuplicates(_ cell: ArraySlice<Keyed>, _ log: inout DiagnosticLog) {
        var previous: Keyed?
        var first = 0
        for keyed in cell {
            if let previous, previous.slot == keyed.slot {
                let o = observations[first]
                var what = "`\(o.indicator)`, partner `\(o.partner)`, period `\(o.period)`"
                if let dimension = o.dimension { what += ", `\(dimension)` = `\(o.category ?? "")`" }
                log.append(.error(observations[keyed.row].location, "duplicate results row for \(what); the first is at \(o.location)",
                                  hint: "keep one row per indicator, partner, period and category: remove the repeat, or add the two figures up into one row"),
                           group: "duplicate row")
            } else {
                first = keyed.row
            }
            previous = keyed
        }
    }

    /// A `unique` indicator's `*` row is the deduplicated count of the people the partners reached: it cannot be
    /// larger than their counts added up.
    private func checkSharedRows(_ cell: ArraySlice<Keyed>, _ log: inout DiagnosticLog) {
        var parts: Double?
        for keyed in cell where Int(keyed.slot) != index.sharedSlot { parts = add(parts, observations[keyed.row].value) }
        guard let parts else { return }
        for keyed in cell where Int(keyed.slot) == index.sharedSlot {
            let shared = observations[keyed.row]
            guard let value = shared.value, value > parts + 1e-9 * max(1, abs(parts)) else { continue }
            var what = "`\(shared.indicator)` in `\(shared.period)`"
            if let dimension = shared.dimension { what += " for `\(dimension)` = `\(shared.category ?? "")`" }
            log.append(.error(shared.location,
                              "the deduplicated `*` value \(quoted(value)) of \(what) is larger than the sum of the partners' values \(quoted(parts))",
                              hint: "a count of people reached once cannot exceed the partners' counts added up; check the `*` row, or add the missing partner rows",
                              field: ResultsColumn.value.name))
        }
    }

    /// A partner that reported the indicator and then nothing for two or more periods in a row: one warning per
    /// such run (including one that lasts to the end of the reporting range), at its last row before the run.
    /// Periods after the partner left (`left`) are not missing.
    private func reportGaps(_ rows: [Int?], left: Period?, _ log: inout DiagnosticLog) {
        var offset = 0
        while offset < rows.count {
            guard let lastRow = rows[offset] else { offset += 1; continue }
            var next = offset + 1
            while next < rows.count, rows[next] == nil { next += 1 }
            // Missing: offset + 1 ..< end, the periods without a row before the next row, less those after it left.
            var end = next
            while end > offset + 1, index.periods[end - 1].isAfter(leaving: left) { end -= 1 }
            // Only periods in which the indicator was due can be missing (`frequency`).
            let missing = (offset + 1..<end).filter { indicator.isDue(index.periods[$0]) }
            if missing.count >= 2, let first = missing.first, let last = missing.last {
                let o = observations[lastRow]
                let (from, to) = (index.periods[first], index.periods[last])
                let span = missing.count == 2 ? "`\(from)` and `\(to)`" : "`\(from)` to `\(to)`"
                log.append(.warning(o.location, "partner `\(o.partner)` reported `\(o.indicator)` for `\(o.period)`, then nothing for \(span)",
                                    hint: "add the missing rows if the partner has figures for those periods; until then its contribution shows as not reported"))
            }
            offset = next
        }
    }
}

extension Array {
    /// The elements whose key has not appeared before, first occurrence kept.
    func uniqued<Key: Hashable>(by key: (Element) -> Key) -> [Element] {
        var seen = Set<Key>()
        return filter { seen.insert(key($0)).inserted }
    }
}
