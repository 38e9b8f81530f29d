import ImpactDomain

extension InitiativePages {
    /// Periods whose disaggregation tables an indicator page shows.
    static let breakdownPeriodsShown = 4

    /// "2026-Q2: measured every half year" when a page about `asked` shows an earlier period, the latest in which
    /// the indicator was due; nil when it shows `asked` itself.
    func lastDueNote(_ indicator: Indicator, shown: Period, asked: Period) -> String? {
        guard shown != asked, let every = present.frequencyWord(indicator) else { return nil }
        return labels.format("last_due_note", ["period": shown.description, "every": every])
    }

    /// The latest period `latest` of `result` as a partner's page at `path` shows its part of it (`LatestContributions`).
    func latestContributions(_ result: IndicatorResult, _ latest: PeriodResult, from path: String) -> LatestContributions {
        let shares = shareTexts(latest)
        let base = shareBase(latest, result.indicator)
        return LatestContributions(
            period: latest.period.description,
            collective: present.valueWithCounts(latest.value, numerator: latest.numerator, denominator: latest.denominator,
                                                result.indicator),
            partial: partialMark(result, latest.period) ?? "",
            // The share names its base: beside the collective value it would otherwise read as a share of it.
            shares: latest.contributions.indices.map { position in
                guard latest.contributions[position].share != nil else { return "—" }
                // In one String: a list of the two, joined, made the list and grew the text.
                return base.map { concatenated(shares[position], " ", $0) } ?? shares[position]
            },
            href: SitePaths.link(from: path, to: SitePaths.indicator(slug, result.indicator.id, language: languageFolder)),
            linkFolder: PartnerLinkTable.folder(of: path))
    }

    /// One implementing partner (or the backbone): own indicators, contributions, workstreams, collaborators.
    func partner(_ partner: Partner) -> RenderedFile {
        let path = SitePaths.partner(slug, partner.id, language: languageFolder)
        let own = results.indicators.filter { $0.indicator.scope == .partner && $0.indicator.partner == partner.id }
        let collaboration = results.collaboration
        // By position, reading each result in place; what every partner's page shows alike is made once per indicator.
        let indicators = results.indicators
        let folder = PartnerLinkTable.folder(of: path)
        let contributions: [TemplateValue] = indicators.indices.compactMap { index in
            guard indicators[index].indicator.scope != .partner, let latest = indicators[index].latest,
                  let position = latest.contributions.firstIndex(where: { $0.partner == partner.id }) else { return nil }
            let indicator = indicators[index].indicator
            var shared = figureTable.latestContributions(at: index) { latestContributions(indicators[index], latest, from: path) }
            if shared.linkFolder != folder || shared.shares.count != latest.contributions.count {
                shared = latestContributions(indicators[index], latest, from: path)
            }
            let mine = latest.contributions[position]
            return [
                "id": .text(indicator.id),
                "partner": .text(partner.id),
                "name": .text(indicator.name),
                "href": .text(shared.href),
                "period": .text(shared.period),
                "value": .text(mine.value == nil ? notReported(mine)
                    : present.valueWithCounts(mine.value, numerator: mine.numerator, denominator: mine.denominator, indicator)),
                "share": .text(shared.shares[position]),
                "collective": .text(shared.collective),
                // A collective value that adds up the partners' counts says so beside it, as on every other page.
                "caveat": .optional(latest.deduplicated == false ? labels["caveat_not_deduplicated_short"] : nil),
                "partial": .text(shared.partial),
            ]
        }
        var collaborators: [String: Double] = [:]
        for edge in collaboration.total.edges where edge.from == partner.id || edge.to == partner.id {
            collaborators[edge.from == partner.id ? edge.to : edge.from, default: 0] += edge.count
        }
        func workstreams(_ list: [Workstream]) -> TemplateValue {
            .list(list.map { ["name": .text($0.name), "goal": .text($0.goal)] })
        }
        let model: TemplateFields = [
            "initiative": .object(initiativeHeader(from: path)),
            "partner": [
                "name": .text(partner.name), "kind": .text(partner.kind),
                "role": .text(labels["role_" + partner.role.rawValue]),
                "joined": .text(partner.joined?.description ?? "—"),
                "left": .text(partner.left?.description ?? ""),
                "isBackbone": .bool(partner.role == .backbone),
            ],
            "narrative": .text(content.partnerNarratives[partner.id]?.html(onPage: path) ?? ""),
            "own": .list(own.map { result in
                var item = summary(result, from: path, sparkline: false)
                item["rows"] = periodRows(result)
                return .object(item)
            }),
            "contributions": .list(contributions),
            "leads": workstreams(initiative.workstreams.filter { $0.lead == partner.id }),
            "supports": workstreams(initiative.workstreams.filter { $0.supporting.contains(partner.id) }),
            "collaborators": .list(collaborators.map { (id: $0.key, count: $0.value, name: partnerName($0.key)) }
                .sorted { ($0.count, $1.name) > ($1.count, $0.name) }.map { id, count, _ in
                var item = partnerLink(id, from: path)
                item["count"] = .text(present.count(count))
                return .object(item)
            }),
            "outcomes": .list(results.systemsChange.timeline.filter { $0.partners.contains(partner.id) }.map { outcome in
                ["date": .text(outcome.date), "title": .text(outcome.title), "condition": .text(present.conditionWord(outcome.condition))]
            }),
        ]
        return frame.render(
            path: path, template: "partner", language: language, title: "\(partner.name) · \(initiative.name)",
            description: labels.format("partner_description", ["partner": partner.name, "initiative": initiative.name]),
            crumbs: crumbs([PageFrame.Crumb(label: labels["partners"], path: nil), PageFrame.Crumb(label: partner.name)]),
            alternates: languageAlternates { SitePaths.partner(slug, partner.id, language: $0) },
            currentInitiative: slug, model: model)
    }

    /// The fields of an indicator page besides its headline (`summary`).
    static let indicatorPageShape = TemplateFields.Shape([
        "initiative", "description", "measure", "direction", "acrossPartners", "acrossPeriods", "caveats", "chart", "rows",
        "downloads", "working", "about", "revisions", "owner", "workstream", "cvi", "byPeriod", "narratives",
        "breakdownsInDownloads", "disaggregations",
    ])

    /// One indicator: definition, rule in plain words, caveats, trend, partner breakdown, disaggregations, downloads.
    func indicator(_ result: IndicatorResult) -> RenderedFile {
        let indicator = result.indicator
        let path = SitePaths.indicator(slug, indicator.id, language: languageFolder)
        // Shown beside the definition and under the contributions by period.
        let rule = present.acrossPartnersRule(indicator, deduplicated: result.periods.filter { $0.value != nil }.map(\.deduplicated))
        // The stacked bars show the recent periods: 40 quarters would make bars a few pixels wide.
        let cvi: TemplateValue = indicator.scope != .partner ? result.latest.map {
            collectiveVersusIndividual(result, $0, from: path, history: .recentBars)
        } ?? .null : .null
        let narratives: TemplateValue = indicator.measure == .qualitative
            ? .list(result.periods.filter { !$0.notes.isEmpty }.map { period in
                ["period": .text(period.period.description), "notes": .texts(period.notes)]
            })
            : .list([])
        // The latest periods' breakdowns on the page, newest open; every period is in the downloads.
        let withBreakdowns = result.periods.reversed().filter { !$0.disaggregations.isEmpty }
        let tables: [TemplateValue] = withBreakdowns.prefix(Self.breakdownPeriodsShown).enumerated().map { index, period in
            ["period": .text(period.period.description), "dimensions": disaggregations(period, indicator), "open": .bool(index == 0)]
        }
        let breakdownsInDownloads: TemplateValue = withBreakdowns.count > Self.breakdownPeriodsShown
            ? .text(labels.format("breakdowns_in_downloads", ["n": present.count(Double(withBreakdowns.count))])) : .null
        // The headline's fields, then the page's own, merged in one pass (each set one by one moved the rest along).
        let model = summary(result, from: path, sparkline: false).overriding(with: TemplateFields(Self.indicatorPageShape, [
            .object(initiativeHeader(from: path)),
            .text(indicator.description),
            .text(present.measureWord(indicator)),
            .text(present.directionWord(indicator)),
            .text(rule),
            .text(present.acrossPeriodsRule(indicator)),
            .texts(present.caveats(result, minCellCount: frame.config.computation.minCellCount)),
            .text(PageCharts.trend(result, texts: periodTexts(result), present: present, id: "tr-\(slug)-\(indicator.id)")),
            periodRows(result),
            indicatorDownloads(result, from: path),
            workingModel(result, from: path),
            .object(aboutTheData(result)),
            revisionsModel(indicator: indicator.id, from: path),
            indicator.scope == .partner ? indicator.partner.map { .object(partnerLink($0, from: path)) } ?? .null : .null,
            .optional(indicator.workstream.flatMap { id in initiative.workstreams.first { $0.id == id }?.name }),
            cvi,
            indicator.scope == .partner ? .null : contributionsByPeriod(result, rule: rule, from: path),
            narratives,
            breakdownsInDownloads,
            .list(tables),
        ]))
        return frame.render(
            path: path, template: "indicator", language: language, title: "\(indicator.name) · \(initiative.name)",
            description: indicator.description.isEmpty ? indicator.name : indicator.description,
            crumbs: crumbs([PageFrame.Crumb(label: labels["indicators"], path: nil), PageFrame.Crumb(label: indicator.name)]),
            alternates: languageAlternates { SitePaths.indicator(slug, indicator.id, language: $0) },
            currentInitiative: slug, model: model)
    }

    /// The fields of a funder brief's model.
    static let briefShape = TemplateFields.Shape([
        "initiative", "period", "collectiveRows", "partnerRows", "collectiveToDateNote", "partnerToDateNote", "summary",
        "outcomesHeading", "outcomes", "changes", "revisions", "report", "collaboration", "money",
    ])

    /// The funder brief: one printable page for a period — the board-pack summary.
    func brief(_ period: Period) -> RenderedFile {
        let path = SitePaths.brief(slug, period, language: languageFolder)
        // By offset: `first(where:)` copied each narrative it looked at.
        let report = shownReports.indices.first { shownReports[$0].period == period }.map { shownReports[$0] }
        let figures = figureRows(period)
        // Only what had happened when the period closed: no later outcome, no later status.
        let outcomes = results.systemsChange.outcomes(yearThrough: period)
        let outcomeItems = outcomes.map(outcomeItem)
        // The "what changed" box lists those dated in the period: the same items (`newOutcomes`).
        let dated = newOutcomes(period, year: outcomes, items: outcomeItems)
        var reportLink = TemplateValue.null
        if let report {
            let marked = { [self] (text: String) in
                report.language == language ? text : FallbackMark.wrap(text, language: report.language)
            }
            reportLink = ["title": .text(marked(report.title)), "summary": .text(marked(report.summary)),
                          "href": .text(SitePaths.link(from: path, to: SitePaths.report(slug, report.period,
                                                                                        language: reportLanguageFolder(report))))]
        }
        var collaboration = TemplateValue.null
        if let entry = results.collaboration.periods.first(where: { $0.period == period }) {
            collaboration = .text(labels.format("brief_collaboration", [
                "referrals": present.count(entry.referrals), "joint": present.count(entry.jointActivities),
                "density": present.share(entry.density),
            ]))
        }
        // The partners of the period, not of today: one that joined later is no part of this brief's figures.
        var header = initiativeHeader(from: path)
        header["partnerCount"] = .text(present.count(Double(initiative.implementingPartners(takingPartIn: period).count)))
        // In one piece from a shape: the fields set one by one after a literal moved the others along.
        let model = TemplateFields(Self.briefShape, [
            .object(header),
            .text(period.description),
            // An indicator not measured in this period shows the latest period in which it was, and says so.
            .list(figures.collective),
            .list(figures.partner),
            .optional(figures.collectiveToDateNote),
            .optional(figures.partnerToDateNote),
            [
                "collective": .text(statusSummaryText(results.statusSummary(.collective, through: period))),
                "partner": .text(statusSummaryText(results.statusSummary(.partner, through: period))),
            ],
            .text(labels.format("brief_outcomes_heading", ["year": String(period.year), "period": period.description])),
            .list(outcomeItems),
            changesModel(period, newOutcomes: dated),
            isNewest(period) ? revisionsModel(from: path) : .null,
            reportLink,
            collaboration,
            briefMoney(period) ?? .null,
        ])
        return frame.render(
            path: path, template: "brief", language: language,
            title: labels.format("brief_title", ["initiative": initiative.name, "period": period.description]),
            description: labels.format("brief_description", ["initiative": initiative.name, "period": period.description]),
            crumbs: crumbs([PageFrame.Crumb(label: labels["funder_brief"], path: nil), PageFrame.Crumb(label: period.description)]),
            alternates: languageAlternates { SitePaths.brief(slug, period, language: $0) },
            currentInitiative: slug, model: model)
    }

    /// Systems change: outcomes grouped by the six conditions, with contributing partners, and a timeline.
    func systemsChange() -> RenderedFile {
        let path = SitePaths.systemsChange(slug, language: languageFolder)
        func outcomeModel(_ outcome: Outcome) -> TemplateValue {
            [
                "date": .text(outcome.date), "title": .text(outcome.title), "description": .text(outcome.description),
                "evidence": .text(outcome.evidence), "condition": .text(present.conditionWord(outcome.condition)),
                "conditionKey": .text(outcome.condition.rawValue),
                "partners": .objects(outcome.partners.map { partnerLink($0, from: path) }),
            ]
        }
        let model: TemplateFields = [
            "initiative": .object(initiativeHeader(from: path)),
            "conditions": .list(results.systemsChange.conditions.map { group in
                [
                    "condition": .text(present.conditionWord(group.condition)),
                    "key": .text(group.condition.rawValue),
                    "level": .text(labels["level_" + group.condition.level]),
                    "explain": .text(labels["explain_" + group.condition.rawValue]),
                    "count": .text(present.count(Double(group.outcomes.count))),
                    "outcomes": .list(group.outcomes.map(outcomeModel)),
                    "perYear": .list(group.perYear.map { ["year": .text(String($0.year)), "count": .text(present.count(Double($0.count)))] }),
                    "empty": .bool(group.outcomes.isEmpty),
                ]
            }),
            "timeline": .list(results.systemsChange.timeline.map(outcomeModel)),
            "qualitative": .list(results.indicators.filter { $0.indicator.measure == .qualitative }.map { result in
                [
                    "name": .text(result.indicator.name),
                    "href": .text(SitePaths.link(from: path, to: SitePaths.indicator(slug, result.indicator.id, language: languageFolder))),
                    "narratives": .list(result.periods.filter { !$0.notes.isEmpty }.map {
                        ["period": .text($0.period.description), "notes": .texts($0.notes)]
                    }),
                ]
            }),
        ]
        return frame.render(
            path: path, template: "systems-change", language: language,
            title: labels.format("systems_change_title", ["initiative": initiative.name]),
            description: labels.format("systems_change_description", ["initiative": initiative.name]),
            crumbs: crumbs([PageFrame.Crumb(label: labels["systems_change"])]),
            alternates: languageAlternates { SitePaths.systemsChange(slug, language: $0) },
            currentInitiative: slug, model: model)
    }
}
