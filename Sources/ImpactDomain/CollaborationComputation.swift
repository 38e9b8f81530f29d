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
        partners.indices.filter { position in
            let partner = partners[position]
            let joinedLater = partner.joined.map { $0.kind == period.kind && $0 > period } ?? false
            return !joinedLater && !period.isAfter(leaving: partner.left)
        }.map { ranks[$0] }
    }
    var byPeriod: [Period: [Int]] = [:]
    for position in records.indices { byPeriod[records[position].period, default: []].append(position) }
    let periods = byPeriod.keys.sorted().map {
        collaborationPeriod($0, byPeriod[$0]!, records, ids, takingPart: takingPart(in: $0))
    }
    let total = collaborationPeriod(nil, Array(records.indices), records, ids, takingPart: ranks)

    let position = Dictionary(implementing.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    var matrix = Array(repeating: Array(repeating: 0.0, count: implementing.count), count: implementing.count)
    // Summed edge by edge (edges are sorted), so the matrix does not depend on the order of the records.
    for edge in total.edges {
        guard let i = position[edge.from], let j = position[edge.to] else { continue }
        matrix[i][j] += edge.count
    }

    var partnersOf: [String: Set<String>] = [:]
    for partner in initiative.partners { partnersOf[partner.id] = [] }
    for edge in total.edges where edge.count > 0 && edge.from != edge.to {
        partnersOf[edge.from, default: []].insert(edge.to)
        partnersOf[edge.to, default: []].insert(edge.from)
    }

    return CollaborationResults(periods: periods, total: total, partnerOrder: implementing, matrix: matrix,
                                collaborators: partnersOf.mapValues(\.count),
                                activeWorkstreams: activeWorkstreams(initiative, index: index))
}

/// Every partner id of the collaboration records and the implementing partners, numbered in sorted order: edges
/// are grouped, sorted and counted by these numbers, without hashing or comparing strings per period.
private struct PartnerRanks {
    var rank: [String: Int32] = [:]
    /// Per rank: an implementing partner (density counts pairs of them only).
    var isImplementing: [Bool]
    /// Per record: its `from` and `to` ranks and the kind's place in `CollaborationKind.allCases`.
    var from: [Int32], to: [Int32], kind: [Int32]

    init(implementing: [String], records: [CollaborationRecord]) {
        var names = Set(implementing)
        for record in records { names.insert(record.from); names.insert(record.to) }
        for (position, name) in names.sorted().enumerated() { rank[name] = Int32(position) }
        isImplementing = Array(repeating: false, count: names.count)
        for id in implementing { isImplementing[Int(rank[id]!)] = true }
        let rank = self.rank
        from = records.map { rank[$0.from]! }
        to = records.map { rank[$0.to]! }
        kind = records.map { record in Int32(CollaborationKind.allCases.firstIndex(of: record.kind)!) }
    }
}

/// One period's edges (or all periods' with `period` nil) from the records at `positions`.
private func collaborationPeriod(_ period: Period?, _ positions: [Int], _ records: [CollaborationRecord],
                                 _ ids: PartnerRanks, takingPart: [Int32]) -> CollaborationPeriod {
    // Sorted by edge (from, to, kind: the order of the edges), then file order, in which the counts are added:
    // a floating-point sum must not depend on the order of rows in memory.
    let sorted = records.withUnsafeBufferPointer { records in
        positions.sorted { a, b in
            if ids.from[a] != ids.from[b] { return ids.from[a] < ids.from[b] }
            if ids.to[a] != ids.to[b] { return ids.to[a] < ids.to[b] }
            if ids.kind[a] != ids.kind[b] { return ids.kind[a] < ids.kind[b] }
            if records[a].location != records[b].location { return records[a].location < records[b].location }
            return records[a].count < records[b].count
        }
    }
    var edges: [CollaborationEdge] = []
    var sums = [Double](repeating: 0, count: CollaborationKind.allCases.count)
    // Density counts unordered pairs of implementing partners with any collaboration, of all possible pairs among
    // the partners taking part (and any partner that collaborated in the period, whatever its dates say).
    var pairs = Set<Int>()
    var present = Array(repeating: false, count: ids.isImplementing.count)
    for rank in takingPart { present[Int(rank)] = true }
    var start = 0
    while start < sorted.count {
        let first = sorted[start]
        var end = start + 1
        while end < sorted.count, ids.from[sorted[end]] == ids.from[first], ids.to[sorted[end]] == ids.to[first],
              ids.kind[sorted[end]] == ids.kind[first] { end += 1 }
        var count = 0.0
        for position in sorted[start..<end] { count += records[position].count }
        // The ids as the first of the edge's records in the list writes them.
        let named = records[sorted[start..<end].min()!]
        edges.append(CollaborationEdge(from: named.from, to: named.to, kind: named.kind, count: count))
        sums[Int(ids.kind[first])] += count
        let (from, to) = (Int(ids.from[first]), Int(ids.to[first]))
        if count > 0, from != to, ids.isImplementing[from], ids.isImplementing[to] {
            pairs.insert(min(from, to) * ids.isImplementing.count + max(from, to))
            present[from] = true
            present[to] = true
        }
        start = end
    }
    func sum(_ kind: CollaborationKind) -> Double { sums[CollaborationKind.allCases.firstIndex(of: kind)!] }
    let n = Double(present.filter { $0 }.count)
    let possible = n * (n - 1) / 2
    return CollaborationPeriod(period: period, referrals: sum(.referral), jointActivities: sum(.jointActivity),
                               sharedResources: sum(.sharedResource),
                               density: possible > 0 ? Double(pairs.count) / possible : 0, edges: edges)
}

/// Workstreams where at least two of their partners (lead and supporting) reported a result, total or
/// disaggregated, for any of the workstream's indicators. In workstreams.csv order.
private func activeWorkstreams(_ initiative: Initiative, index: ObservationIndex) -> [String] {
    var indicatorsOf: [String: [String]] = [:]
    for indicator in initiative.indicators {
        if let workstream = indicator.workstream { indicatorsOf[workstream, default: []].append(indicator.id) }
    }
    var seen = Set<String>()
    return initiative.workstreams.compactMap { workstream in
        guard seen.insert(workstream.id).inserted else { return nil }
        let members = Set(([workstream.lead] + workstream.supporting).compactMap { id -> Int32? in
            guard id != sharedPartnerID, let slot = index.slot(of: id) else { return nil }
            return Int32(slot)
        })
        var active = Set<Int32>()
        for indicator in Set(indicatorsOf[workstream.id] ?? []) {
            for row in index.rowsByIndicator[indicator] ?? [] where members.contains(index.rowSlot[row]) {
                active.insert(index.rowSlot[row])
                if active.count >= 2 { return workstream.id }
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
