// Rule 5: how the partners work together, from collaboration.csv (docs/domain-rules.md).

func computeCollaboration(_ initiative: Initiative, index: ObservationIndex) -> CollaborationResults {
    let partners = initiative.implementingPartners.uniqued(by: \.id)
    let implementing = partners.map(\.id)
    let records = initiative.collaborations.filter { $0.period.kind == initiative.periodKind }

    // The partners taking part in a period: joined by then (or no `joined`) and not yet left.
    func takingPart(in period: Period) -> [String] {
        partners.filter { partner in
            let joinedLater = partner.joined.map { $0.kind == period.kind && $0 > period } ?? false
            return !joinedLater && !period.isAfter(leaving: partner.left)
        }.map(\.id)
    }
    var byPeriod: [Period: [CollaborationRecord]] = [:]
    for record in records { byPeriod[record.period, default: []].append(record) }
    let periods = byPeriod.keys.sorted().map {
        collaborationPeriod($0, byPeriod[$0]!, implementing: implementing, takingPart: takingPart(in: $0))
    }
    let total = collaborationPeriod(nil, records, implementing: implementing, takingPart: implementing)

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

private func collaborationPeriod(_ period: Period?, _ records: [CollaborationRecord],
                                 implementing: [String], takingPart: [String]) -> CollaborationPeriod {
    struct EdgeKey: Hashable { var from: String; var to: String; var kind: CollaborationKind }
    var byEdge: [EdgeKey: [CollaborationRecord]] = [:]
    for record in records { byEdge[EdgeKey(from: record.from, to: record.to, kind: record.kind), default: []].append(record) }

    let kindOrder = Dictionary(uniqueKeysWithValues: CollaborationKind.allCases.enumerated().map { ($1, $0) })
    let edges = byEdge.map { key, records in
        // Counts added in file order: a floating-point sum must not depend on the order of rows in memory.
        let count = records.sorted { $0.location != $1.location ? $0.location < $1.location : $0.count < $1.count }
            .reduce(0) { $0 + $1.count }
        return CollaborationEdge(from: key.from, to: key.to, kind: key.kind, count: count)
    }.sorted { a, b in
        if a.from != b.from { return a.from < b.from }
        if a.to != b.to { return a.to < b.to }
        return kindOrder[a.kind]! < kindOrder[b.kind]!
    }

    func sum(_ kind: CollaborationKind) -> Double { edges.filter { $0.kind == kind }.reduce(0) { $0 + $1.count } }

    // Density counts unordered pairs of implementing partners with any collaboration, of all possible pairs among
    // the partners taking part (and any partner that collaborated in the period, whatever its dates say).
    let members = Set(implementing)
    var pairs = Set<[String]>()
    var present = Set(takingPart)
    for edge in edges where edge.count > 0 && edge.from != edge.to && members.contains(edge.from) && members.contains(edge.to) {
        pairs.insert([edge.from, edge.to].sorted())
        present.insert(edge.from)
        present.insert(edge.to)
    }
    let n = Double(present.count)
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
