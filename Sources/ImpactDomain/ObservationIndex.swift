// The results rows, indexed once: which indicator, which partner slot and which period each row belongs to.
// Everything after this looks rows up by position instead of scanning the (up to a million) rows again.

struct ObservationIndex {
    /// The reporting range: every period from the earliest to the latest results row of the initiative's period kind
    /// within its bounds (`Initiative.periodBounds`).
    let periods: [Period]
    /// Partner ids by slot: partners.csv order first, then ids that appear only in results rows (sorted), so that
    /// sorting by slot is display order and never depends on row order.
    let partnerIDs: [String]
    /// Row indices (into `initiative.observations`) per indicator id.
    let rowsByIndicator: [String: [Int]]
    /// The indicator ids of the results rows, in the order they first appear.
    let indicatorIDs: [String]
    /// Per row: its indicator, as an offset in `indicatorIDs`.
    let rowIndicator: [Int32]
    /// Slots `0..<knownPartnerCount` are the partners of partners.csv; the ids after them are unknown.
    let knownPartnerCount: Int
    /// Per row: its partner slot (`sharedSlot` for `*`).
    let rowSlot: [Int32]
    /// Per row: its offset in `periods`, or -1 when its period is of another kind or out of bounds (a validation
    /// error; left out).
    let rowPeriod: [Int32]
    /// Per row: its disaggregation cell (an index into `cells`), or -1 for a total row.
    let rowCell: [Int32]
    /// `rowCell` of a row that is neither a total (-1) nor a breakdown cell: computations and checks skip it.
    static let invalidCell: Int32 = -2
    /// Every (dimension, category) of the results rows.
    let cells: [DimensionCategory]
    /// Per cell: its place in display order. Dimensions, then categories, in the order they first appear in the
    /// file (age bands young to old, wards as the author listed them), which does not depend on row order.
    let cellRank: [Int32]
    /// Per cell: where its first row is in the file.
    let cellFirst: [SourceLocation]
    private let slotOf: [String: Int]
    /// Per slot of a partner in partners.csv: the last period it took part in (`Partner.left`), else nil.
    private let leftBySlot: [Period?]
    /// Per slot of a partner in partners.csv: the first period it took part in (`Partner.joined`), else nil.
    private let joinedBySlot: [Period?]

    /// The slot of `*`, after every partner.
    var sharedSlot: Int { partnerIDs.count }

    func slot(of partner: String) -> Int? {
        partner == sharedPartnerID ? sharedSlot : slotOf[partner]
    }

    func partnerID(slot: Int) -> String { slot == sharedSlot ? sharedPartnerID : partnerIDs[slot] }

    /// The last period the partner in `slot` took part in (`Partner.left`), else nil.
    func left(slot: Int) -> Period? { slot >= 0 && slot < leftBySlot.count ? leftBySlot[slot] : nil }
    /// The last period the partner `id` took part in (`Partner.left`), else nil.
    func left(of id: String) -> Period? { slotOf[id].flatMap(left(slot:)) }
    /// Whether any partner has left (most initiatives: none, and the checks for it are skipped).
    let anyPartnerLeft: Bool
    /// The first period the partner `id` took part in (`Partner.joined`), else nil.
    func joined(of id: String) -> Period? { slotOf[id].flatMap(joined(slot:)) }
    /// The first period the partner in `slot` took part in (`Partner.joined`), else nil.
    func joined(slot: Int) -> Period? { slot >= 0 && slot < joinedBySlot.count ? joinedBySlot[slot] : nil }
    /// Whether any partner joined after the initiative started (or any did, when `started` is not given): only
    /// then can a row come before its partner joined, and the check for it is needed.
    let anyPartnerJoinedLate: Bool

    /// Whether the partner in `slot` had left the initiative before `period` (`Period.isAfter(leaving:)`).
    func hasLeft(slot: Int, before period: Period) -> Bool { period.isAfter(leaving: left(slot: slot)) }

    /// Whether the partner in `slot` joined the initiative after `period` (a `joined` of another kind never does).
    func hasNotJoined(slot: Int, by period: Period) -> Bool {
        guard let joined = joined(slot: slot), joined.kind == period.kind else { return false }
        return period < joined
    }

    init(_ initiative: Initiative) {
        let observations = initiative.observations
        let kind = initiative.periodKind
        let bounds = initiative.periodBounds
        let (earliest, latest) = (bounds.earliest?.ordinal ?? Int.min, bounds.latest?.ordinal ?? Int.max)

        var slotOf: [String: Int] = [:]
        var ids: [String] = []
        var leftBySlot: [Period?] = []
        var joinedBySlot: [Period?] = []
        for partner in initiative.partners where slotOf[partner.id] == nil {
            slotOf[partner.id] = ids.count
            ids.append(partner.id)
            leftBySlot.append(partner.left)
            joinedBySlot.append(partner.joined)
        }
        // Unknown partner ids (a validation error) still get a slot so nothing is silently dropped. During the pass
        // they get a temporary negative slot; afterwards they are numbered in sorted order, so that their order is
        // the same whatever the row order.
        var unknownSlot: [String: Int] = [:]
        let sharedMark = -1

        var low = Int.max, high = Int.min
        // The four per-row columns are written through pointers into one buffer and made arrays at the end: each
        // write into an array checked first that its storage was not shared, four times per row.
        let rowCount = observations.count
        let columns = UnsafeMutablePointer<Int32>.allocate(capacity: 4 * rowCount)
        defer { columns.deallocate() }
        let rowSlot = columns, rowPeriod = columns + rowCount, rowCell = columns + 2 * rowCount
        let rowIndicator = columns + 3 * rowCount
        rowSlot.initialize(repeating: 0, count: rowCount)
        rowPeriod.initialize(repeating: -1, count: rowCount)
        rowCell.initialize(repeating: -1, count: rowCount)
        rowIndicator.initialize(repeating: 0, count: rowCount)
        var indicatorIDs: [String] = []
        var cells: [DimensionCategory] = []
        var cellFirst: [SourceLocation] = []
        var dimensions = Interner()
        var categoryCells: [[String: Int32]] = []
        var lastDimension: Int32 = -1, lastCategory = "", lastCell: Int32 = -1
        var buckets: [[Int]] = []
        var bucketOf: [String: Int] = [:]
        // One pass over the rows (each is ~200 bytes: a million of them do not fit in any cache). Rows come in runs
        // of the same indicator and partner; comparing with the previous id first is much cheaper than hashing it
        // again (equal strings that share storage compare in one step).
        var lastIndicator = "", lastBucket = -1
        var lastPartner = "", lastSlot = Int.min
        // Rows listed period by period repeat one sequence of indicators, and of each indicator's partners, in each
        // period: the id that came next last time is tried before hashing the new one. Per indicator, the one that
        // came after it; and its partners in the order its rows first listed them, the next row's expected at
        // `partnerCursor`.
        var indicatorAfter: [(id: String, bucket: Int)?] = []
        var partnersOf: [[(id: String, slot: Int)]] = []
        var partnerCursor = 0
        for i in observations.indices {
            let indicator = observations[i].indicator
            let newIndicator = lastBucket < 0 || indicator != lastIndicator
            if newIndicator {
                let previous = lastBucket
                if previous >= 0, let after = indicatorAfter[previous], after.id == indicator {
                    lastBucket = after.bucket
                } else {
                    if let bucket = bucketOf[indicator] {
                        lastBucket = bucket
                    } else {
                        lastBucket = buckets.count
                        bucketOf[indicator] = lastBucket
                        buckets.append([])
                        indicatorIDs.append(indicator)
                        indicatorAfter.append(nil)
                        partnersOf.append([])
                    }
                    if previous >= 0 { indicatorAfter[previous] = (indicator, lastBucket) }
                }
                lastIndicator = indicator
                partnerCursor = 0
            }
            buckets[lastBucket].append(i)
            rowIndicator[i] = Int32(lastBucket)

            let partner = observations[i].partner
            if newIndicator || partner != lastPartner {
                // Read in place: a copy of the list retained and released it for every row.
                let expectedCount = partnersOf[lastBucket].count
                if partnerCursor < expectedCount, partnersOf[lastBucket][partnerCursor].id == partner {
                    lastSlot = partnersOf[lastBucket][partnerCursor].slot
                    partnerCursor += 1
                } else {
                    if partner == sharedPartnerID {
                        lastSlot = sharedMark
                    } else if let known = slotOf[partner] {
                        lastSlot = known
                    } else if let unknown = unknownSlot[partner] {
                        lastSlot = unknown
                    } else {
                        lastSlot = -2 - unknownSlot.count
                        unknownSlot[partner] = lastSlot
                    }
                    // A slot is final for known partners and `*`, and stands for its id until the end of the pass
                    // for an unknown one: either is the same whenever the id comes again.
                    if let seen = partnersOf[lastBucket].firstIndex(where: { $0.id == partner }) {
                        partnerCursor = seen + 1
                    } else {
                        partnerCursor = expectedCount + 1
                        partnersOf[lastBucket].append((partner, lastSlot))
                    }
                }
                lastPartner = partner
            }
            rowSlot[i] = Int32(lastSlot)

            let period = observations[i].period
            if period.kind == kind, period.ordinal >= earliest, period.ordinal <= latest {
                rowPeriod[i] = Int32(period.ordinal)
                low = min(low, period.ordinal)
                high = max(high, period.ordinal)
            }

            if let dimension = observations[i].dimension {
                let category = observations[i].category ?? ""
                let dimensionID = dimensions.id(dimension)
                if dimensionID != lastDimension || category != lastCategory {
                    if Int(dimensionID) == categoryCells.count { categoryCells.append([:]) }
                    if let cell = categoryCells[Int(dimensionID)][category] {
                        lastCell = cell
                    } else {
                        lastCell = Int32(cells.count)
                        categoryCells[Int(dimensionID)][category] = lastCell
                        cells.append(DimensionCategory(dimension: dimension, category: category))
                        cellFirst.append(observations[i].location)
                    }
                    (lastDimension, lastCategory) = (dimensionID, category)
                }
                rowCell[i] = lastCell
                let location = observations[i].location
                if location < cellFirst[Int(lastCell)] { cellFirst[Int(lastCell)] = location }
            } else if observations[i].category != nil {
                // A category without its dimension (an error, reported once) is neither a total nor a cell.
                rowCell[i] = Self.invalidCell
            }
        }
        periods = low <= high ? (low...high).map { Period(kind: kind, ordinal: $0) } : []

        // Final slots: unknown partners after the known ones in sorted order, then `*`; periods as offsets.
        knownPartnerCount = ids.count
        // By temporary slot: `sharedMark` (-1) at 0, the unknown id of slot -2 - k at 1 + k.
        var finalSlot = [Int32](repeating: 0, count: 1 + unknownSlot.count)
        for id in unknownSlot.keys.sorted() {
            finalSlot[-1 - unknownSlot[id]!] = Int32(ids.count)
            slotOf[id] = ids.count
            ids.append(id)
        }
        finalSlot[-1 - sharedMark] = Int32(ids.count)
        for i in 0..<rowCount {
            if rowSlot[i] < 0 { rowSlot[i] = finalSlot[Int(-1 - rowSlot[i])] }
            if rowPeriod[i] >= 0 { rowPeriod[i] -= Int32(low) }
        }

        var rowsByIndicator: [String: [Int]] = [:]
        rowsByIndicator.reserveCapacity(bucketOf.count)
        for (id, bucket) in bucketOf { rowsByIndicator[id] = buckets[bucket] }

        self.partnerIDs = ids
        self.rowCell = Array(UnsafeBufferPointer(start: rowCell, count: rowCount))
        self.cells = cells
        self.cellRank = Self.displayRanks(cells, cellFirst)
        self.cellFirst = cellFirst
        self.slotOf = slotOf
        self.rowSlot = Array(UnsafeBufferPointer(start: rowSlot, count: rowCount))
        self.rowPeriod = Array(UnsafeBufferPointer(start: rowPeriod, count: rowCount))
        self.rowsByIndicator = rowsByIndicator
        self.indicatorIDs = indicatorIDs
        self.rowIndicator = Array(UnsafeBufferPointer(start: rowIndicator, count: rowCount))
        self.leftBySlot = leftBySlot
        anyPartnerLeft = leftBySlot.contains { $0 != nil }
        self.joinedBySlot = joinedBySlot
        anyPartnerJoinedLate = joinedBySlot.contains { joined in
            guard let joined, joined.kind == kind else { return false }
            return joined.ordinal > earliest
        }
    }
}

extension ObservationIndex {
    /// Display order of the cells: dimensions by their first row in the file, then categories by theirs; names break ties.
    fileprivate static func displayRanks(_ cells: [DimensionCategory], _ first: [SourceLocation]) -> [Int32] {
        var dimensionFirst: [String: SourceLocation] = [:]
        for (cell, location) in zip(cells, first) {
            if dimensionFirst[cell.dimension].map({ location < $0 }) ?? true { dimensionFirst[cell.dimension] = location }
        }
        let order = cells.indices.sorted { a, b in
            let (ca, cb) = (cells[a], cells[b])
            if ca.dimension != cb.dimension {
                let (la, lb) = (dimensionFirst[ca.dimension]!, dimensionFirst[cb.dimension]!)
                return la != lb ? la < lb : ca.dimension < cb.dimension
            }
            return first[a] != first[b] ? first[a] < first[b] : ca.category < cb.category
        }
        var rank = [Int32](repeating: 0, count: cells.count)
        for (position, cell) in order.enumerated() { rank[cell] = Int32(position) }
        return rank
    }
}

/// One disaggregation cell's name: `gender` × `women`.
struct DimensionCategory: Hashable {
    var dimension: String
    var category: String
}
