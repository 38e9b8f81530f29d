import ImpactDomain

/// data/initiatives.json: every initiative with its summary figures and where its downloads are. JSON only.
extension OpenData {
    /// Every initiative, sorted by slug, with where its downloads are (relative to `data/`).
    public static func initiativesJSON(_ all: [InitiativeResults]) -> String {
        initiativesJSON(fragments: all.sorted(by: { $0.initiative.slug < $1.initiative.slug }).map(initiativeJSON))
    }

    /// data/initiatives.json from the objects of `initiativeJSON`, in the order given (the build sorts by slug).
    /// Kept apart so an incremental build can reuse the objects of initiatives that did not change.
    public static func initiativesJSON(fragments: [String]) -> String {
        fragments.isEmpty ? "[]\n" : "[\n" + fragments.joined(separator: ",\n") + "\n]\n"
    }

    /// One initiative's object in data/initiatives.json, indented as an array element.
    public static func initiativeJSON(_ results: InitiativeResults) -> String {
        // Written as an element of the top-level array, its lines indented one level (`init(depth:)`): the fragments
        // join into the bytes one writer would make. (Indenting the finished text line by line cost more than
        // writing it.)
        var json = JSONWriter(depth: 1)
        let initiative = results.initiative
        json.beginObject()
        json.field("slug", initiative.slug)
        json.field("name", initiative.name)
        json.field("meaning", initiative.meaning)
        json.field("country", initiative.country)
        json.field("backbone", initiative.backbone)
        json.field("backbone_name", initiative.partner(initiative.backbone)?.name)
        json.field("primary_actor", initiative.primaryActor)
        json.field("common_goal", initiative.commonGoal)
        json.field("period_kind", initiative.periodKind.rawValue)
        json.field("partner_count", Double(initiative.implementingPartners.count))
        json.key("periods")
        json.inlineStrings(results.periods.map(\.description))
        json.field("latest_period", results.latestPeriod?.description)
        json.key("summaries")
        json.beginObject()
        for (name, summary) in [("collective", results.collectiveSummary), ("partner", results.partnerSummary),
                                ("collaboration", results.collaborationSummary)] {
            json.key(name)
            json.beginObject(inline: true)
            json.field("total", Double(summary.total))
            json.field("achieved", Double(summary.achieved))
            json.field("on_track", Double(summary.onTrack))
            json.field("at_risk", Double(summary.atRisk))
            json.field("off_track", Double(summary.offTrack))
            json.field("no_data", Double(summary.noData))
            json.endObject()
        }
        json.endObject()
        json.field("results_json", "\(initiative.slug)/\(resultsJSONName)")
        json.field("results_csv", "\(initiative.slug)/\(resultsCSVName)")
        json.field("collaboration_json", "\(initiative.slug)/\(collaborationJSONName)")
        json.endObject()
        return "  " + String(decoding: json.fragment(), as: UTF8.self)
    }
}
