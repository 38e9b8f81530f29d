import ImpactDomain

extension InitiativePages {
    /// The partner-contribution bars on indicator pages show this many recent periods (three years of quarters);
    /// the indicator's downloads have every period. 40 stacked bars would be a few pixels wide.
    static let recentPeriods = 12

    /// The initiative overview: goal and agenda, backbone, collective indicators, collective versus
    /// individual, workstreams, collaboration, systems change, latest report.
    func overview() -> RenderedFile {
        let path = initiativePath
        let backbone = initiative.partner(initiative.backbone)
        let latestPeriods = collectiveResults.compactMap { result in result.latest.map { (result, $0) } }
        let collaboration = results.collaboration
        let reports = reportLinks(from: path)
        var model: TemplateFields = [
            "initiative": .object(initiativeHeader(from: path)),
            "agenda": .text(content.agenda.html(onPage: path)),
            "agendaLang": .text(content.agendaLanguage ?? frame.config.language),
            "backbone": [
                "name": .text(backbone?.name ?? initiative.backbone),
                "href": .text(SitePaths.link(from: path, to: SitePaths.partner(slug, initiative.backbone, language: languageFolder))),
                "role": .text(labels["backbone_role"]),
            ],
            // The funder's summary: each indicator's headline, sparkline and progress; its trend chart and table of
            // every period are one click away on its page ("Figures by period").
            "collective": .list(collectiveResults.map { result in
                var item = summary(result, from: path)
                item["byPeriodHref"] = .text(indicatorLink(result.indicator, from: path, section: IndicatorSection.trend))
                return .object(item)
            }),
            "collaborationIndicators": .objects(collaborationResults.map { summary($0, from: path) }),
            "cvi": .list(latestPeriods.filter { $0.0.indicator.measure != .qualitative }
                .map { collectiveVersusIndividual($0.0, $0.1, from: path, history: .onIndicatorPage) }),
            "summary": [
                "collective": .text(statusSummaryText(results.collectiveSummary)),
                "partner": .text(statusSummaryText(results.partnerSummary)),
                "collectiveBreakdown": statusBreakdown(results.collectiveSummary),
                "partnerBreakdown": statusBreakdown(results.partnerSummary),
            ],
            "workstreams": .list(initiative.workstreams.map { workstream in
                [
                    "name": .text(workstream.name), "goal": .text(workstream.goal),
                    "lead": .object(partnerLink(workstream.lead, from: path)),
                    "supporting": .objects(workstream.supporting.map { partnerLink($0, from: path) }),
                    "active": .bool(collaboration.activeWorkstreams.contains(workstream.id)),
                ]
            }),
            "partners": .list(initiative.implementingPartners.map { partner in
                var item = partnerLink(partner.id, from: path)
                item["kind"] = .text(partner.kind)
                item["collaborators"] = .text(present.count(Double(collaboration.collaborators[partner.id] ?? 0)))
                return .object(item)
            }),
            "collaboration": .object(collaborationModel(from: path)),
            "systemsChange": .list(results.systemsChange.conditions.map { group in
                [
                    "condition": .text(present.conditionWord(group.condition)),
                    "key": .text(group.condition.rawValue),
                    "count": .text(present.count(Double(group.outcomes.count))),
                    "titles": .texts(group.outcomes.map(\.title)),
                ]
            }),
            "systemsChangeHref": .text(SitePaths.link(from: path, to: SitePaths.systemsChange(slug, language: languageFolder))),
            "reports": .list(reports),
            "briefs": .list(results.periods.reversed().map { period in
                ["period": .text(period.description), "href": .text(SitePaths.link(from: path, to: SitePaths.brief(slug, period, language: languageFolder)))]
            }),
            "downloads": downloads(from: path),
        ]
        if let latest = reports.first { model["latestReport"] = latest }
        model["money"] = moneySection(from: path) ?? .null
        return frame.render(
            path: path, template: "initiative", language: language, title: initiative.name,
            description: initiative.commonGoal, crumbs: crumbs([]),
            alternates: languageAlternates { SitePaths.initiative(slug, language: $0) },
            currentInitiative: slug, model: model)
    }

    /// The initiative's header with its link from the page at `path`: made once per folder (a relative link depends
    /// only on the folder it is followed from) and shared by the pages in it, all indicator pages or all briefs.
    func initiativeHeader(from path: String) -> TemplateFields {
        headers.value(PartnerLinkTable.folder(of: path)) {
            var header = headerFields
            header["href"] = .text(SitePaths.link(from: path, to: initiativePath))
            return header
        }
    }

    /// The header's fields that are the same on every page (`headerFields`).
    static func headerFields(_ initiative: Initiative, _ results: InitiativeResults, present: Present) -> TemplateFields {
        [
            "name": .text(initiative.name), "meaning": .text(initiative.meaning), "country": .text(initiative.country),
            "primaryActor": .text(initiative.primaryActor), "commonGoal": .text(initiative.commonGoal),
            "started": .text(initiative.started?.description ?? "—"),
            "partnerCount": .text(present.count(Double(initiative.implementingPartners.count))),
            "backboneName": .text(initiative.partner(initiative.backbone)?.name ?? initiative.backbone),
            "latestPeriod": .text(results.latestPeriod?.description ?? present.labels["no_data"]),
            "slug": .text(initiative.slug),
        ]
    }

    /// Pages of this initiative in each of its languages; `make` gives the path for a language folder.
    func languageAlternates(_ make: (String?) -> String) -> [PageFrame.Alternate] {
        guard content.languages.count > 1 else { return [] }
        return content.languages.map { language in
            PageFrame.Alternate(language: language, path: make(language == frame.config.language ? nil : language))
        }
    }

    func collaborationModel(from path: String) -> TemplateFields {
        let collaboration = results.collaboration
        let total = collaboration.total
        return [
            "matrix": .text(PageCharts.heatMap(collaboration, pages: self, id: "hm-\(slug)")),
            "density": .text(present.share(total.density)),
            "densityText": .text(labels.format("density_text", ["density": present.share(total.density)])),
            "referrals": .text(present.count(total.referrals)),
            "jointActivities": .text(present.count(total.jointActivities)),
            "sharedResources": .text(present.count(total.sharedResources)),
            "periods": .list(collaboration.periods.map { period in
                [
                    "period": .text(period.period?.description ?? ""),
                    "referrals": .text(present.count(period.referrals)),
                    "jointActivities": .text(present.count(period.jointActivities)),
                    "sharedResources": .text(present.count(period.sharedResources)),
                    "density": .text(present.share(period.density)),
                ]
            }),
            "rows": .list(collaboration.partnerOrder.enumerated().map { index, id in
                [
                    "partner": .text(partnerName(id)),
                    // A partner's row and column meet on itself: marked as in the heat map.
                    "cells": .texts(collaboration.matrix[index].enumerated().map { column, count in
                        column == index ? present.chartWords.heatMap.notApplicable : present.count(count)
                    }),
                ]
            }),
            "columns": .texts(collaboration.partnerOrder.map { partnerName($0) }),
            "hasData": .bool(!collaboration.periods.isEmpty),
        ]
    }
}
