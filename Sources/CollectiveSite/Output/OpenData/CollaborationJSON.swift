import ImpactDomain

/// data/<slug>/collaboration.json: the collaboration network per period and in total (edges, counts, density),
/// the partner-by-partner matrix, each partner's collaborators and the active workstreams. JSON only: its records
/// have no CSV counterpart.
extension OpenData {
    public static func collaborationJSONBytes(_ results: InitiativeResults) -> [UInt8] {
        let collaboration = results.collaboration
        var json = JSONWriter()
        json.beginObject()
        json.field("initiative", results.initiative.slug)
        json.key("periods")
        json.beginArray()
        for period in collaboration.periods { write(period, &json) }
        json.endArray()
        json.key("total")
        write(collaboration.total, &json)
        json.key("partners")
        json.inlineStrings(collaboration.partnerOrder)
        json.key("matrix")
        json.beginArray()
        for row in collaboration.matrix { json.inlineNumbers(row) }
        json.endArray()
        json.key("collaborators")
        json.beginArray()
        for partner in partnerOrder(results.initiative, collaboration.collaborators.keys) {
            json.beginObject(inline: true)
            json.field("partner", partner)
            json.field("count", Double(collaboration.collaborators[partner] ?? 0))
            json.endObject()
        }
        json.endArray()
        json.key("active_workstreams")
        json.inlineStrings(collaboration.activeWorkstreams)
        json.endObject()
        return json.finishedBytes()
    }

    public static func collaborationJSON(_ results: InitiativeResults) -> String {
        String(decoding: collaborationJSONBytes(results), as: UTF8.self)
    }

    private static func write(_ period: CollaborationPeriod, _ json: inout JSONWriter) {
        json.beginObject()
        json.field("period", period.period?.description)
        json.field("referrals", period.referrals)
        json.field("joint_activities", period.jointActivities)
        json.field("shared_resources", period.sharedResources)
        json.field("density", period.density)
        json.key("edges")
        json.beginArray()
        // Each edge is one line, an inline object: written whole, its keys as they are (words), and placed as one
        // element, rather than key by key through the writer (most of this file's bytes are edges).
        var line = ByteBuffer(capacity: 128)
        for edge in period.edges {
            line.removeAll()
            line.append("{\"from\": ")
            JSONWriter.appendQuoted(edge.from, to: &line)
            line.append(", \"to\": ")
            JSONWriter.appendQuoted(edge.to, to: &line)
            line.append(", \"kind\": ")
            JSONWriter.appendQuoted(edge.kind.rawValue, to: &line)
            line.append(", \"count\": ")
            OpenData.appendNumber(edge.count, to: &line)
            line.append(UInt8(ascii: "}"))
            json.element(rendered: line)
        }
        json.endArray()
        json.endObject()
    }

    /// partners.csv order, then any other id in sorted order: a dictionary's order is not stable.
    private static func partnerOrder(_ initiative: Initiative, _ ids: some Sequence<String>) -> [String] {
        let listed = initiative.partners.map(\.id).filter(Set(ids).contains)
        var seen = Set(listed)
        return listed + ids.filter { seen.insert($0).inserted }.sorted()
    }
}
