import ImpactDomain

extension InitiativePages {
    /// The overview's charts and tables show this many recent periods (three years of quarters); each indicator's
    /// own page has the whole series. A portfolio of long-running initiatives otherwise gets overview pages of a
    /// megabyte, which a funder on a phone should not have to download.
    static let overviewPeriods = 12

    /// The initiative overview: goal and agenda, backbone, collective indicators, collective versus
    /// individual, workstreams, collaboration, systems change, latest report.
    func overview() -> RenderedFile {
        let path = SitePaths.initiative(slug, language: languageFolder)
        let backbone = initiative.partner(initiative.backbone)
        let latestPeriods = collectiveResults.compactMap { result in result.latest.map { (result, $0) } }
        let collaboration = results.collaboration
        var model: [String: Any] = [
            "initiative": initiativeHeader(from: path),
            "agenda": content.agenda.html,
            "agendaLang": frame.config.language,
            "backbone": [
                "name": backbone?.name ?? initiative.backbone,
                "href": SitePaths.link(from: path, to: SitePaths.partner(slug, initiative.backbone)),
                "role": labels["backbone_role"],
            ] as [String: Any],
            "collective": collectiveResults.map { result in
                var item = summary(result, from: path)
                item["chart"] = PageCharts.trend(result, present: present, id: "tr-\(slug)-\(result.indicator.id)",
                                                 lastPeriods: Self.overviewPeriods)
                item["rows"] = periodRows(result, lastPeriods: Self.overviewPeriods)
                if let note = historyNote(result, lastPeriods: Self.overviewPeriods) { item["history"] = note }
                return item
            },
            "collaborationIndicators": collaborationResults.map { summary($0, from: path) },
            "cvi": latestPeriods.filter { $0.0.indicator.measure != .qualitative }
                .map { collectiveVersusIndividual($0.0, $0.1, from: path, lastPeriods: Self.overviewPeriods) },
            "summary": [
                "collective": statusSummaryText(results.collectiveSummary),
                "partner": statusSummaryText(results.partnerSummary),
                "collectiveBreakdown": statusBreakdown(results.collectiveSummary),
                "partnerBreakdown": statusBreakdown(results.partnerSummary),
            ] as [String: Any],
            "workstreams": initiative.workstreams.map { workstream in
                [
                    "name": workstream.name, "goal": workstream.goal,
                    "lead": partnerLink(workstream.lead, from: path),
                    "supporting": workstream.supporting.map { partnerLink($0, from: path) },
                    "active": collaboration.activeWorkstreams.contains(workstream.id),
                ] as [String: Any]
            },
            "partners": initiative.implementingPartners.map { partner in
                var item = partnerLink(partner.id, from: path)
                item["kind"] = partner.kind
                item["collaborators"] = present.count(Double(collaboration.collaborators[partner.id] ?? 0))
                return item
            },
            "collaboration": collaborationModel(from: path),
            "systemsChange": results.systemsChange.conditions.map { group in
                [
                    "condition": present.conditionWord(group.condition),
                    "key": group.condition.rawValue,
                    "count": present.count(Double(group.outcomes.count)),
                    "titles": group.outcomes.map(\.title),
                ] as [String: Any]
            },
            "systemsChangeHref": SitePaths.link(from: path, to: SitePaths.systemsChange(slug)),
            "reports": reportLinks(from: path),
            "briefs": results.periods.reversed().map { period in
                ["period": period.description, "href": SitePaths.link(from: path, to: SitePaths.brief(slug, period))]
            },
            "downloads": downloads(from: path),
        ]
        if let latest = reportLinks(from: path).first { model["latestReport"] = latest }
        return frame.render(
            path: path, template: "initiative", language: language, title: initiative.name,
            description: initiative.commonGoal, crumbs: crumbs([]),
            alternates: languageAlternates { SitePaths.initiative(slug, language: $0) },
            currentInitiative: slug, model: model)
    }

    func initiativeHeader(from path: String) -> [String: Any] {
        [
            "name": initiative.name, "meaning": initiative.meaning, "country": initiative.country,
            "primaryActor": initiative.primaryActor, "commonGoal": initiative.commonGoal,
            "started": initiative.started?.description ?? "—",
            "partnerCount": present.count(Double(initiative.implementingPartners.count)),
            "backboneName": initiative.partner(initiative.backbone)?.name ?? initiative.backbone,
            "latestPeriod": results.latestPeriod?.description ?? labels["no_data"],
            "href": SitePaths.link(from: path, to: SitePaths.initiative(slug, language: languageFolder)),
        ]
    }

    /// Pages of this initiative in each of its languages; `make` gives the path for a language folder.
    func languageAlternates(_ make: (String?) -> String) -> [PageFrame.Alternate] {
        guard content.languages.count > 1 else { return [] }
        return content.languages.map { language in
            PageFrame.Alternate(language: language, path: make(language == frame.config.language ? nil : language))
        }
    }

    func collaborationModel(from path: String) -> [String: Any] {
        let collaboration = results.collaboration
        let total = collaboration.total
        return [
            "matrix": PageCharts.heatMap(collaboration, pages: self, id: "hm-\(slug)"),
            "density": present.share(total.density),
            "densityText": labels.format("density_text", ["density": present.share(total.density)]),
            "referrals": present.count(total.referrals),
            "jointActivities": present.count(total.jointActivities),
            "sharedResources": present.count(total.sharedResources),
            "periods": collaboration.periods.map { period in
                [
                    "period": period.period?.description ?? "",
                    "referrals": present.count(period.referrals),
                    "jointActivities": present.count(period.jointActivities),
                    "sharedResources": present.count(period.sharedResources),
                    "density": present.share(period.density),
                ]
            },
            "rows": collaboration.partnerOrder.enumerated().map { index, id in
                [
                    "partner": partnerName(id),
                    "cells": collaboration.matrix[index].map { present.count($0) },
                ] as [String: Any]
            },
            "columns": collaboration.partnerOrder.map { partnerName($0) },
            "hasData": !collaboration.periods.isEmpty,
        ]
    }
}
