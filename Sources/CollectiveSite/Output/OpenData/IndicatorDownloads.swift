import ImpactDomain

/// Each indicator's own data, to download and cite on its own (as Our World in Data offers each chart's):
/// `data/<slug>/indicators/<id>.csv`, the indicator's rows of results.csv, and `<id>.json`, its entry of
/// results.json (definition, rules, every period with its contributions and notes) with what a citation needs:
/// the page's address, the licence, the period the data runs through and when the next figures are expected.
enum IndicatorDownloads {
    static func path(_ slug: String, _ id: String, _ format: String) -> String {
        SitePaths.data(slug, "indicators/\(id).\(format)")
    }

    /// The indicator's CSV from its rows of results.csv (`OpenData.csvRowBytes`), rendered and hashed once for both
    /// files, as parts written one after another (`RenderedFile.parts`): the header, then the rows, not copied.
    static func csvParts(rows: HashedPart) -> FileParts { FileParts([OpenData.resultsCSVHeader, rows]) }

    /// The indicator's JSON around its entry of results.json (`OpenData.jsonEntryBytes`), rendered and hashed once
    /// for both files; here one level shallower, as a part of its own (not copied into the rest), which keeps the
    /// entry's hash: its bytes are the entry's, outdented (`FileParts.append(_:hash:)`). `facts` are the indicator's
    /// in the site's language, which its page in that language shows too (`InitiativePages.facts`).
    static func jsonParts(entry: HashedPart, facts: Facts, results: InitiativeResults, config: SiteConfig) -> FileParts {
        var json = JSONWriter(capacity: 1024)
        json.beginObject()
        json.field("site", config.title)
        json.field("initiative", results.initiative.slug)
        json.field("initiative_name", results.initiative.name)
        json.field("url", facts.url)
        json.field("license", config.license)
        json.field("license_url", config.licenseURL)
        json.field("data_through", facts.dataThrough?.description)
        json.field("next_update_period", facts.nextUpdate?.description)
        json.field("next_update_after", facts.nextUpdate?.isoLastDay)
        json.field("citation", facts.citation)
        json.key("indicator")
        var parts = FileParts()
        json.elementPart(JSONWriter.outdented(entry.bytes, by: 1), hash: entry.hash, into: &parts)
        json.endObject()
        parts.append(json.finishedBytes())
        return parts
    }

    /// What the page and the JSON both say about one indicator's publication, decided once.
    struct Facts: Sendable {
        var url: String
        /// The newest period with a figure.
        var dataThrough: Period?
        /// The period whose figures come next: the one after the initiative's newest reporting period.
        var nextUpdate: Period?
        var citation: String
        let labels: Labels

        init(_ result: IndicatorResult, results: InitiativeResults, config: SiteConfig, paths: SitePaths, labels: Labels) {
            self.labels = labels
            let slug = results.initiative.slug
            url = paths.absolute(SitePaths.indicator(slug, result.indicator.id))
            dataThrough = result.periods.last { $0.value != nil }?.period
            nextUpdate = results.periods.last?.next
            var parts = [config.title, "“\(result.indicator.name)”", results.initiative.name]
            if let dataThrough { parts.append(labels.format("cite_data_through", ["period": dataThrough.description])) }
            var citation = parts.joined(separator: ", ") + ". " + url
            if let license = config.license { citation += ", " + labels.format("cite_license", ["license": license]) }
            citation += ". " + labels["cite_accessed"]
            self.citation = citation
        }

        /// "2026-Q4 figures, expected after 2026-12-31".
        func nextUpdateText(_ period: Period) -> String {
            labels.format("next_update_text", ["period": period.description, "date": period.isoLastDay])
        }
    }
}

extension Period {
    /// The period's last day as an ISO 8601 date (`2026-12-31`), which reads the same in every language.
    var isoLastDay: String {
        let day = lastDay
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day.year)-\(two(day.month))-\(two(day.day))"
    }
}
