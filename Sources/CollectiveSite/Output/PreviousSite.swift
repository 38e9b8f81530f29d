import Foundation
import ImpactDomain

/// The previously published site, given to `collective build --previous DIR` (for example a checkout of the
/// publishing branch): its open data says which input figures the last publication showed, so this build can list
/// every one that changed since (`Revisions`).
struct PreviousSite: Sendable {
    let root: String

    /// Nil with a located error when `root` is not a site Collective published.
    static func open(_ root: String) -> (PreviousSite?, Diagnostic?) {
        let index = root + "/" + OpenData.initiativesPath
        guard FileManager.default.fileExists(atPath: index) else {
            return (nil, .error(SourceLocation(path: root), "`--previous \(root)` is not a site Collective published: it has no \(OpenData.initiativesPath)",
                                hint: "give the folder of the previously published site, for example a checkout of the branch your CI publishes"))
        }
        return (PreviousSite(root: root), nil)
    }

    /// The input figures the previous site published for an initiative; empty when it did not publish that
    /// initiative (nothing of it can have been revised).
    func inputs(slug: String) -> [InputKey: InputFigure] {
        let path = root + "/" + SitePaths.data(slug, OpenData.resultsJSONName)
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let indicators = object["indicators"] as? [[String: Any]] else { return [:] }
        func number(_ value: Any?) -> Double? { (value as? NSNumber).map(\.doubleValue) }
        func figure(_ fields: [String: Any]) -> InputFigure {
            InputFigure(value: number(fields["value"]), numerator: number(fields["numerator"]), denominator: number(fields["denominator"]))
        }
        var inputs: [InputKey: InputFigure] = [:]
        for indicator in indicators {
            guard let id = indicator["id"] as? String, let periods = indicator["periods"] as? [[String: Any]] else { continue }
            let ownPartner = (indicator["scope"] as? String) == Scope.partner.rawValue ? indicator["partner"] as? String : nil
            for entry in periods {
                guard let text = entry["period"] as? String, let period = Period(text) else { continue }
                let contributions = (entry["contributions"] as? [[String: Any]] ?? []).compactMap { contribution in
                    (contribution["partner"] as? String).map { (partner: $0, figure: figure(contribution)) }
                }
                Revisions.addInputs(indicator: id, owner: ownPartner, period: period, total: figure(entry),
                                    contributions: contributions, deduplicated: entry["deduplicated"] as? Bool == true,
                                    to: &inputs)
            }
        }
        return inputs
    }

    /// What the build cache must know of the previous site: its results files' sizes and times.
    func stamps() -> [String] {
        let data = root + "/data"
        let slugs = (try? FileManager.default.contentsOfDirectory(atPath: data))?.sorted() ?? []
        return slugs.compactMap { slug in
            FileStamp.file(data + "/" + slug + "/" + OpenData.resultsJSONName).map { "\(slug):\($0.size):\($0.modified)" }
        }
    }
}

/// `data/<slug>/revisions.json`: the input figures changed since the previous publication, a list of
/// {`indicator`, `partner` (`*` for the backbone's row), `period`, `old`, `new`}, with `old_numerator`,
/// `old_denominator`, `new_numerator` and `new_denominator` for a ratio's row. `old` is null for a row added to
/// a period already published, `new` null for a row removed.
enum RevisionsData {
    static let fileName = "revisions.json"

    static func jsonBytes(_ revisions: [Revision], results: InitiativeResults) -> [UInt8] {
        let ratios = Set(results.indicators.filter { $0.indicator.acrossPartners == .ratio }.map(\.indicator.id))
        var json = JSONWriter()
        json.beginArray()
        for revision in revisions {
            json.beginObject(inline: true)
            json.field("indicator", revision.key.indicator)
            json.field("partner", revision.key.partner)
            json.field("period", revision.key.period.description)
            json.field("old", revision.old?.value)
            json.field("new", revision.new?.value)
            if ratios.contains(revision.key.indicator) {
                json.field("old_numerator", revision.old?.numerator)
                json.field("old_denominator", revision.old?.denominator)
                json.field("new_numerator", revision.new?.numerator)
                json.field("new_denominator", revision.new?.denominator)
            }
            json.endObject()
        }
        json.endArray()
        return json.finishedBytes()
    }
}
