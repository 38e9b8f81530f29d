import ImpactDomain

extension InitiativePages {
    /// Periods whose disaggregation tables an indicator page shows.
    static let breakdownPeriodsShown = 4

    /// One quarterly report: the narrative, then that period's indicator tables and charts.
    func report(_ report: ReportNarrative) -> RenderedFile {
        let folder = reportLanguageFolder(report)
        let path = SitePaths.report(slug, report.period, language: folder)
        let sameLanguage = content.reports.filter { $0.language == report.language }
        let index = sameLanguage.firstIndex(of: report)
        var model: [String: Any] = [
            "initiative": initiativeHeader(from: path),
            "report": ["title": report.title, "period": report.period.description, "summary": report.summary,
                       "html": report.narrative.html, "lang": report.language] as [String: Any],
            "indicators": results.indicators.filter { $0.indicator.scope != .partner }.compactMap { result -> [String: Any]? in
                // Everything here is about the report's period (not the latest one).
                guard let period = result.result(for: report.period) else { return nil }
                let indicator = result.indicator
                var item: [String: Any] = [
                    "name": indicator.name,
                    "href": SitePaths.link(from: path, to: SitePaths.indicator(slug, indicator.id)),
                    "scope": present.scopeWord(indicator.scope),
                    "periodValue": present.valueWithCounts(period.value, numerator: period.numerator,
                                                           denominator: period.denominator, indicator),
                    "periodStatus": present.status(period.status),
                    "toDate": present.value(period.toDate, indicator),
                    "notes": period.notes,
                ]
                if let target = present.targetLine(indicator) { item["target"] = target }
                if period.deduplicated == false { item["caveat"] = labels["caveat_not_deduplicated_short"] }
                if period.value != nil, !period.contributions.isEmpty {
                    item["contributions"] = contributionRows(period, indicator, from: path)
                }
                return item
            },
            "briefHref": SitePaths.link(from: path, to: SitePaths.brief(slug, report.period)),
        ]
        if let index, index > 0 {
            let previous = sameLanguage[index - 1]
            model["previous"] = ["title": previous.title,
                                 "href": SitePaths.link(from: path, to: SitePaths.report(slug, previous.period, language: folder))]
        }
        if let index, index + 1 < sameLanguage.count {
            let next = sameLanguage[index + 1]
            model["next"] = ["title": next.title,
                             "href": SitePaths.link(from: path, to: SitePaths.report(slug, next.period, language: folder))]
        }
        let translations = content.reports.filter { $0.period == report.period }
        let alternates = translations.count > 1
            ? translations.map { PageFrame.Alternate(language: $0.language, path: SitePaths.report(slug, $0.period, language: reportLanguageFolder($0))) }
            : []
        return frame.render(
            path: path, template: "report", language: report.language, title: report.title,
            description: report.summary.isEmpty ? report.narrative.plainSummary : report.summary,
            crumbs: crumbs([PageFrame.Crumb(label: labels["reports"], path: nil), PageFrame.Crumb(label: report.period.description)]),
            alternates: alternates, currentInitiative: slug, model: model)
    }

    /// One implementing partner (or the backbone): own indicators, contributions, workstreams, collaborators.
    func partner(_ partner: Partner) -> RenderedFile {
        let path = SitePaths.partner(slug, partner.id)
        let own = results.indicators.filter { $0.indicator.scope == .partner && $0.indicator.partner == partner.id }
        let collaboration = results.collaboration
        let contributions: [[String: Any]] = results.indicators.filter { $0.indicator.scope != .partner }.compactMap { result in
            guard let latest = result.latest,
                  let mine = latest.contributions.first(where: { $0.partner == partner.id }) else { return nil }
            return [
                "name": result.indicator.name,
                "href": SitePaths.link(from: path, to: SitePaths.indicator(slug, result.indicator.id)),
                "period": latest.period.description,
                "value": mine.value == nil ? labels["not_reported"]
                    : present.valueWithCounts(mine.value, numerator: mine.numerator, denominator: mine.denominator, result.indicator),
                "share": present.share(mine.share),
                "collective": present.valueWithCounts(latest.value, numerator: latest.numerator,
                                                      denominator: latest.denominator, result.indicator),
            ]
        }
        var collaborators: [String: Double] = [:]
        for edge in collaboration.total.edges where edge.from == partner.id || edge.to == partner.id {
            collaborators[edge.from == partner.id ? edge.to : edge.from, default: 0] += edge.count
        }
        let model: [String: Any] = [
            "initiative": initiativeHeader(from: path),
            "partner": [
                "name": partner.name, "kind": partner.kind,
                "role": labels["role_" + partner.role.rawValue],
                "joined": partner.joined?.description ?? "—",
                "isBackbone": partner.role == .backbone,
            ] as [String: Any],
            "narrative": content.partnerNarratives[partner.id]?.html ?? "",
            "own": own.map { result in
                var item = summary(result, from: path)
                item["rows"] = periodRows(result)
                return item
            },
            "contributions": contributions,
            "leads": initiative.workstreams.filter { $0.lead == partner.id }.map { ["name": $0.name, "goal": $0.goal] },
            "supports": initiative.workstreams.filter { $0.supporting.contains(partner.id) }.map { ["name": $0.name, "goal": $0.goal] },
            "collaborators": collaborators.sorted { ($0.value, partnerName($1.key)) > ($1.value, partnerName($0.key)) }.map { id, count in
                var item = partnerLink(id, from: path)
                item["count"] = present.count(count)
                return item
            },
            "outcomes": results.systemsChange.timeline.filter { $0.partners.contains(partner.id) }.map { outcome in
                ["date": outcome.date, "title": outcome.title, "condition": present.conditionWord(outcome.condition)]
            },
        ]
        return frame.render(
            path: path, template: "partner", language: language, title: "\(partner.name) · \(initiative.name)",
            description: labels.format("partner_description", ["partner": partner.name, "initiative": initiative.name]),
            crumbs: crumbs([PageFrame.Crumb(label: labels["partners"], path: nil), PageFrame.Crumb(label: partner.name)]),
            currentInitiative: slug, model: model)
    }

    /// One indicator: definition, rule in plain words, caveats, trend, partner breakdown, disaggregations, downloads.
    func indicator(_ result: IndicatorResult) -> RenderedFile {
        let indicator = result.indicator
        let path = SitePaths.indicator(slug, indicator.id)
        var model = summary(result, from: path)
        model["initiative"] = initiativeHeader(from: path)
        model["description"] = indicator.description
        model["measure"] = present.measureWord(indicator)
        model["direction"] = present.directionWord(indicator)
        model["acrossPartners"] = present.acrossPartnersRule(indicator)
        model["acrossPeriods"] = present.acrossPeriodsRule(indicator)
        model["caveats"] = present.caveats(result, minCellCount: frame.config.computation.minCellCount)
        model["chart"] = PageCharts.trend(result, present: present, id: "tr-\(slug)-\(indicator.id)")
        model["rows"] = periodRows(result)
        model["downloads"] = downloads(from: path)
        if let owner = indicator.partner, indicator.scope == .partner { model["owner"] = partnerLink(owner, from: path) }
        if let workstream = indicator.workstream.flatMap({ id in initiative.workstreams.first { $0.id == id } }) {
            model["workstream"] = workstream.name
        }
        if indicator.scope != .partner, let latest = result.latest {
            model["cvi"] = collectiveVersusIndividual(result, latest, from: path)
        }
        if indicator.measure == .qualitative {
            model["narratives"] = result.periods.filter { !$0.notes.isEmpty }.map { period in
                ["period": period.period.description, "notes": period.notes] as [String: Any]
            }
        }
        // The latest periods' breakdowns on the page, newest open; every period is in the downloads.
        let withBreakdowns = result.periods.reversed().filter { !$0.disaggregations.isEmpty }
        let tables: [[String: Any]] = withBreakdowns.prefix(Self.breakdownPeriodsShown).enumerated().map { index, period in
            ["period": period.period.description, "dimensions": disaggregations(period, indicator), "open": index == 0]
        }
        if withBreakdowns.count > Self.breakdownPeriodsShown {
            model["breakdownsInDownloads"] = labels.format("breakdowns_in_downloads", ["n": present.count(Double(withBreakdowns.count))])
        }
        if !tables.isEmpty { model["disaggregations"] = tables }
        return frame.render(
            path: path, template: "indicator", language: language, title: "\(indicator.name) · \(initiative.name)",
            description: indicator.description.isEmpty ? indicator.name : indicator.description,
            crumbs: crumbs([PageFrame.Crumb(label: labels["indicators"], path: nil), PageFrame.Crumb(label: indicator.name)]),
            currentInitiative: slug, model: model)
    }

    /// The funder brief: one printable page for a period — the board-pack summary.
    func brief(_ period: Period) -> RenderedFile {
        let path = SitePaths.brief(slug, period)
        let report = content.reports.first { $0.period == period && $0.language == frame.config.language }
        let rows: [[String: Any]] = results.indicators.filter { $0.indicator.measure != .qualitative }.compactMap { result in
            guard let value = result.result(for: period) else { return nil }
            var row: [String: Any] = [
                "name": result.indicator.name,
                "scope": present.scopeWord(result.indicator.scope),
                "value": present.valueWithCounts(value.value, numerator: value.numerator, denominator: value.denominator, result.indicator),
                "toDate": present.value(value.toDate, result.indicator),
                "target": result.indicator.target.map { present.value($0, result.indicator) } ?? "—",
                "progress": present.share(value.progress),
                "status": present.status(value.status),
                "collective": result.indicator.scope != .partner,
            ]
            // Only set when there is one: an empty string still opens a Mustache section.
            if value.deduplicated == false { row["caveat"] = labels["caveat_not_deduplicated_short"] }
            return row
        }
        let outcomes = results.systemsChange.timeline.filter { $0.year == period.year }
        var model: [String: Any] = [
            "initiative": initiativeHeader(from: path),
            "period": period.description,
            "collectiveRows": rows.filter { $0["collective"] as? Bool == true },
            "partnerRows": rows.filter { $0["collective"] as? Bool != true },
            "summary": [
                "collective": statusSummaryText(results.collectiveSummary),
                "partner": statusSummaryText(results.partnerSummary),
            ],
            "outcomes": outcomes.map { ["date": $0.date, "title": $0.title, "condition": present.conditionWord($0.condition)] },
        ]
        // Optional sections are set only when present: a nil wrapped in Any would count as a value in Mustache.
        if let report {
            model["report"] = ["title": report.title, "summary": report.summary,
                               "href": SitePaths.link(from: path, to: SitePaths.report(slug, report.period))]
        }
        if let entry = results.collaboration.periods.first(where: { $0.period == period }) {
            model["collaboration"] = labels.format("brief_collaboration", [
                "referrals": present.count(entry.referrals), "joint": present.count(entry.jointActivities),
                "density": present.share(entry.density),
            ])
        }
        return frame.render(
            path: path, template: "brief", language: language,
            title: labels.format("brief_title", ["initiative": initiative.name, "period": period.description]),
            description: labels.format("brief_description", ["initiative": initiative.name, "period": period.description]),
            crumbs: crumbs([PageFrame.Crumb(label: labels["funder_brief"], path: nil), PageFrame.Crumb(label: period.description)]),
            currentInitiative: slug, model: model)
    }

    /// Systems change: outcomes grouped by the six conditions, with contributing partners, and a timeline.
    func systemsChange() -> RenderedFile {
        let path = SitePaths.systemsChange(slug)
        func outcomeModel(_ outcome: Outcome) -> [String: Any] {
            [
                "date": outcome.date, "title": outcome.title, "description": outcome.description,
                "evidence": outcome.evidence, "condition": present.conditionWord(outcome.condition),
                "conditionKey": outcome.condition.rawValue,
                "partners": outcome.partners.map { partnerLink($0, from: path) },
            ]
        }
        let model: [String: Any] = [
            "initiative": initiativeHeader(from: path),
            "conditions": results.systemsChange.conditions.map { group in
                [
                    "condition": present.conditionWord(group.condition),
                    "key": group.condition.rawValue,
                    "level": labels["level_" + group.condition.level],
                    "explain": labels["explain_" + group.condition.rawValue],
                    "count": present.count(Double(group.outcomes.count)),
                    "outcomes": group.outcomes.map(outcomeModel),
                    "perYear": group.perYear.map { ["year": String($0.year), "count": present.count(Double($0.count))] },
                    "empty": group.outcomes.isEmpty,
                ] as [String: Any]
            },
            "timeline": results.systemsChange.timeline.map(outcomeModel),
            "qualitative": results.indicators.filter { $0.indicator.measure == .qualitative }.map { result in
                [
                    "name": result.indicator.name,
                    "href": SitePaths.link(from: path, to: SitePaths.indicator(slug, result.indicator.id)),
                    "narratives": result.periods.filter { !$0.notes.isEmpty }.map { ["period": $0.period.description, "notes": $0.notes] as [String: Any] },
                ] as [String: Any]
            },
        ]
        return frame.render(
            path: path, template: "systems-change", language: language,
            title: labels.format("systems_change_title", ["initiative": initiative.name]),
            description: labels.format("systems_change_description", ["initiative": initiative.name]),
            crumbs: crumbs([PageFrame.Crumb(label: labels["systems_change"])]), currentInitiative: slug, model: model)
    }
}
