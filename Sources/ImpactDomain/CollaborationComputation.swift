// Rule 5: how the partners work together, from collaboration.csv (docs/domain-rules.md).

func computeCollaboration(_ initiative: Initiative, index: ObservationIndex) -> CollaborationResults {
    let partners = initiative.implementingPartners.uniqued(by: \.id)
    let implementing = partners.map(\.id)
    let records = initiative.collaborations.filter { $0.period.kind == initiative.periodKind }
    let ids = PartnerRanks(implementing: implementing, records: records)

    // The partners taking part in a period: joined by then (or no `joined`) and not yet left. Their ranks are
    // looked up once, not once per period.
    let ranks = partners.map { ids.rank[$0.id]! }
    func takingPart(in period: Period) -> [Int32] {
        partners.indices.compactMap { partners[$0].takesPart(in: period) ? ranks[$0] : nil }
    }
    // The records of each period, in file order: positions sorted (stably) by period, cut where it changes.
    let ordinals = records.map(\.period.ordinal)
    let byPeriod = records.indices.sorted { ordinals[$0] < ordinals[$1] }
    var periods: [CollaborationPeriod] = []
    var start = 0
    while start < byPeriod.count {
        var end = start + 1
        while end < byPeriod.count, ordinals[byPeriod[end]] == ordinals[byPeriod[start]] { end += 1 }
        let period = records[byPeriod[start]].period
        periods.append(collaborationPeriod(period, Array(byPeriod[start..<end]), records, ids,
                                           takingPart: takingPart(in: period)).period)
        start = end
    }
    let (total, edgeRanks) = collaborationPeriod(nil, Array(records.indices), records, ids, takingPart: ranks)

    // By rank: the matrix row and column of each implementing partner, and each partner's distinct collaborators.
    var position = [Int](repeating: -1, count: ids.names.count)
    for (offset, rank) in ranks.enumerated() { position[Int(rank)] = offset }
    var matrix = Array(repeating: Array(repeating: 0.0, count: implementing.count), count: implementing.count)
    // Summed edge by edge (edges are sorted), so the matrix does not depend on the order of the records.
    for (edge, (from, to)) in zip(total.edges, edgeRanks) {
        guard position[from] >= 0, position[to] >= 0 else { continue }
        matrix[position[from]][position[to]] += edge.count
    }

    // Each collaborating pair in both directions as one number, counted once per partner (`sortedDistinct`).
    let n = ids.names.count
    var links: [Int] = []
    for (edge, (from, to)) in zip(total.edges, edgeRanks) where edge.count > 0 && from != to {
        links.append(from * n + to)
        links.append(to * n + from)
    }
    var counts = [Int](repeating: 0, count: n)
    for link in sortedDistinct(links) { counts[link / n] += 1 }
    var collaborators: [String: Int] = [:]
    for partner in initiative.partners { collaborators[partner.id] = 0 }
    for (rank, count) in counts.enumerated() where count > 0 { collaborators[ids.names[rank]] = count }

    return CollaborationResults(periods: periods, total: total, partnerOrder: implementing, matrix: matrix,
                                collaborators: collaborators,
                                activeWorkstreams: activeWorkstreams(initiative, index: index))
}

/// Every partner id of the collaboration records and the implementing partners, numbered in sorted order: edges
/// are grouped, sorted and counted by these numbers, without hashing or comparing strings per period.
private struct PartnerRanks {
    var rank: [String: Int32] = [:]
    /// The ids by rank.
    var names: [String]
    /// Per rank: an implementing partner (density counts pairs of them only).
    var isImplementing: [Bool]
    /// Per record: its `from` and `to` ranks and the kind's place in `CollaborationKind.allCases`.
    var from: [Int32], to: [Int32], kind: [Int32]
    /// Per record: its edge as one number, ordered as (from, to, kind) are: the three in fields of 24, 24 and 16
    /// bits. Edges are sorted and grouped by it with one comparison instead of three lookups of each.
    var edge: [UInt64]

    init(implementing: [String], records: [CollaborationRecord]) {
        // Each id is numbered as first met, one lookup per id of a record, then renumbered in sorted order.
        var met: [String: Int32] = [:]
        var firstMet: [String] = []
        func number(_ id: String) -> Int32 {
            if let known = met[id] { return known }
            met[id] = Int32(firstMet.count)
            firstMet.append(id)
            return Int32(firstMet.count - 1)
        }
        for id in implementing { _ = number(id) }
        var from: [Int32] = [], to: [Int32] = [], kind: [Int32] = []
        from.reserveCapacity(records.count)
        to.reserveCapacity(records.count)
        kind.reserveCapacity(records.count)
        let kinds = CollaborationKind.allCases
        // By position: a `for record in records` loop copies each record (and retains its strings).
        for position in records.indices {
            from.append(number(records[position].from))
            to.append(number(records[position].to))
            kind.append(Int32(kinds.firstIndex(of: records[position].kind)!))
        }
        let order = firstMet.indices.sorted { firstMet[$0] < firstMet[$1] }
        names = order.map { firstMet[$0] }
        var sortedRank = [Int32](repeating: 0, count: names.count)
        for (rank, met) in order.enumerated() { sortedRank[met] = Int32(rank) }
        rank = met.mapValues { sortedRank[Int($0)] }
        isImplementing = Array(repeating: false, count: names.count)
        for id in implementing { isImplementing[Int(sortedRank[Int(met[id]!)])] = true }
        let fromRanks = from.map { sortedRank[Int($0)] }, toRanks = to.map { sortedRank[Int($0)] }
        self.from = fromRanks
        self.to = toRanks
        self.kind = kind
        precondition(names.count < 1 << 24 && kinds.count < 1 << 16, "an edge's ranks fit its number")
        edge = records.indices.map { UInt64(fromRanks[$0]) << 40 | UInt64(toRanks[$0]) << 16 | UInt64(kind[$0]) }
    }
}

/// One period's edges (or all periods' with `period` nil) from the records at `positions`, and each edge's
/// `from` and `to` ranks.
private func collaborationPeriod(_ period: Period?, _ positions: [Int], _ records: [CollaborationRecord],
                                 _ ids: PartnerRanks, takingPart: [Int32])
    -> (period: CollaborationPeriod, edgeRanks: [(from: Int, to: Int)]) {
    // Sorted by edge (from, to, kind: the order of the edges), then file order, in which the counts are added:
    // a floating-point sum must not depend on the order of rows in memory.
    let sorted = records.withUnsafeBufferPointer { records in
        ids.edge.withUnsafeBufferPointer { edge in
            positions.sorted { a, b in
                if edge[a] != edge[b] { return edge[a] < edge[b] }
                if records[a].location != records[b].location { return records[a].location < records[b].location }
                return records[a].count < records[b].count
            }
        }
    }
    // At most one edge per record: made room for once.
    var edges: [CollaborationEdge] = []
    var edgeRanks: [(from: Int, to: Int)] = []
    edges.reserveCapacity(sorted.count)
    edgeRanks.reserveCapacity(sorted.count)
    var sums = [Double](repeating: 0, count: CollaborationKind.allCases.count)
    // Density counts unordered pairs of implementing partners with any collaboration, of all possible pairs among
    // the partners taking part (and any partner that collaborated in the period, whatever its dates say).
    // Each pair as one number (lower rank first), counted once (`sortedDistinct`).
    var pairs: [Int] = []
    var present = Array(repeating: false, count: ids.isImplementing.count)
    for rank in takingPart { present[Int(rank)] = true }
    var start = 0
    while start < sorted.count {
        let first = sorted[start]
        var end = start + 1
        while end < sorted.count, ids.edge[sorted[end]] == ids.edge[first] { end += 1 }
        var count = 0.0
        for position in sorted[start..<end] { count += records[position].count }
        // The ids as the first of the edge's records in the list writes them.
        let named = records[sorted[start..<end].min()!]
        edges.append(CollaborationEdge(from: named.from, to: named.to, kind: named.kind, count: count))
        sums[Int(ids.kind[first])] += count
        let (from, to) = (Int(ids.from[first]), Int(ids.to[first]))
        edgeRanks.append((from, to))
        if count > 0, from != to, ids.isImplementing[from], ids.isImplementing[to] {
            pairs.append(min(from, to) * ids.isImplementing.count + max(from, to))
            present[from] = true
            present[to] = true
        }
        start = end
    }
    func sum(_ kind: CollaborationKind) -> Double { sums[CollaborationKind.allCases.firstIndex(of: kind)!] }
    let distinctPairs = sortedDistinct(pairs).count
    let n = Double(present.filter { $0 }.count)
    let possible = n * (n - 1) / 2
    let result = CollaborationPeriod(period: period, referrals: sum(.referral), jointActivities: sum(.jointActivity),
                                     sharedResources: sum(.sharedResource),
                                     density: possible > 0 ? Double(distinctPairs) / possible : 0, edges: edges)
    return (result, edgeRanks)
}

/// Workstreams where at least two of their partners (lead and supporting) reported a result, total or
/// disaggregated, for any of the workstream's indicators. In workstreams.csv order.
private func activeWorkstreams(_ initiative: Initiative, index: ObservationIndex) -> [String] {
    var indicatorsOf: [String: [String]] = [:]
    for indicator in initiative.indicators {
        if let workstream = indicator.workstream { indicatorsOf[workstream, default: []].append(indicator.id) }
    }
    var seen = Set<String>()
    // Per partner slot: one of the workstream's partners, and one that reported. Flags by slot, set for one
    // workstream and cleared after it, where two Sets hashed the slot of every row looked at.
    var isMember = [Bool](repeating: false, count: index.sharedSlot + 1)
    var reported = [Bool](repeating: false, count: index.sharedSlot + 1)
    return initiative.workstreams.compactMap { workstream in
        guard seen.insert(workstream.id).inserted else { return nil }
        let members = ([workstream.lead] + workstream.supporting).compactMap { id -> Int? in
            id == sharedPartnerID ? nil : index.slot(of: id)
        }
        for slot in members { isMember[slot] = true }
        defer { for slot in members { isMember[slot] = false; reported[slot] = false } }
        var active = 0
        // An indicator listed twice would only be looked at twice: the count is of distinct partners.
        for indicator in indicatorsOf[workstream.id] ?? [] {
            for row in index.rowsByIndicator[indicator] ?? [] {
                let slot = Int(index.rowSlot[row])
                guard isMember[slot], !reported[slot] else { continue }
                reported[slot] = true
                active += 1
                if active >= 2 { return workstream.id }
            }
        }
        return nil
    }
}

extension Array where Element: Hashable {
    /// The elements without repeats, first occurrence kept.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

/// `values` sorted, each once: how a pair of partners (one number) is counted once, cheaper than a Set for a few
/// dozen.
private func sortedDistinct(_ values: [Int]) -> [Int] {
    let sorted = values.sorted()
    return sorted.indices.compactMap { $0 == 0 || sorted[$0] != sorted[$0 - 1] ? sorted[$0] : nil }
}
