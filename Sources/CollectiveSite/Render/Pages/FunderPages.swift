import Foundation
import ImpactDomain

/// What one initiative's money contributes to the site-wide pages (the home page's money table, the funder pages,
/// data/funders.json): its figures in the site currency (or, when site.yaml sets none, its own, which are then
/// never added to another initiative's), and its collective headlines for the funder pages. Kept in the build
/// cache as JSON, so an incremental build renders the funder pages without reading the initiative again.
struct MoneySummary: Codable, Equatable, Sendable {
    struct FunderLine: Codable, Equatable, Sendable {
        var funder: String
        var committed: Double?
        var disbursed: Double?
        var share: Double?
    }
    /// A collective headline as the initiative's own cards show it: its figure, the period it is for ("In 2026-Q2"
    /// when the newest period is held back, Rule 3), and the notes that go with it (a count that may count a person
    /// twice, a period fewer partners reported than were due), so a funder page never shows a bare figure the
    /// initiative's pages qualify. `id`, `period` and `field` mark the figure for machines (data-indicator, …).
    struct Headline: Codable, Equatable, Sendable {
        var name: String
        var value: String
        var status: String
        var statusKey: String
        var path: String
        var id: String?
        var period: String?
        var field: String?
        var periodLabel: String?
        var caveat: String?
        var partial: String?
    }
    var slug: String
    var name: String
    var currency: String
    var committed: Double?
    var disbursed: Double?
    var spent: Double?
    var backboneShare: Double?
    var costPerPerson: Double?
    var costPeriod: String?
    var reach: Double?
    var reachName: String
    var reachUnit: String
    var funders: [FunderLine]
    var headlines: [Headline]

    /// JSON with sorted keys: the same summary is always the same bytes (the cache compares them).
    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    static func decoded(_ text: String) -> MoneySummary? {
        text.isEmpty ? nil : try? JSONDecoder().decode(MoneySummary.self, from: Data(text.utf8))
    }
}

extension InitiativePages {
    /// The initiative's `MoneySummary`, "" when it reports no money.
    func moneySummary() -> String {
        guard let finance else { return "" }
        let book = finance.site ?? finance.local
        let totals = book.totals
        let reach = reachResult
        let headlines = collectiveResults.filter { $0.indicator.measure != .qualitative }.map { result in
            let indicator = result.indicator
            let latest = result.latest
            return MoneySummary.Headline(
                name: indicator.name,
                value: latest.map { present.value($0.toDate, indicator) + (present.unit(indicator).isEmpty ? "" : " " + present.unit(indicator)) } ?? labels["no_data"],
                status: labels["status_" + result.latestStatus.rawValue], statusKey: result.latestStatus.rawValue,
                path: SitePaths.indicator(slug, indicator.id),
                id: indicator.id, period: latest?.period.description,
                // A `latest` rate's to-date value is its period's: marked as the period's value, as on the cards.
                field: Present.hasFigureToDate(indicator) ? "to_date" : "value",
                periodLabel: latest.map { present.periodLabel($0.period, indicator) },
                caveat: latest?.deduplicated == false ? labels["caveat_not_deduplicated_short"] : nil,
                partial: latest.flatMap { partialNote(result) ?? latestPartialNote(result, $0) })
        }
        return MoneySummary(
            slug: slug, name: initiative.name, currency: book.currency, committed: totals.committed,
            disbursed: totals.disbursed, spent: totals.spent, backboneShare: totals.backboneShare,
            costPerPerson: totals.costPerPerson, costPeriod: totals.costPeriod?.description, reach: totals.reach,
            reachName: reach?.indicator.name ?? "", reachUnit: reach.map { present.unit($0.indicator) } ?? "",
            funders: book.funders.map { .init(funder: $0.funder, committed: $0.committed, disbursed: $0.disbursed, share: $0.share) },
            headlines: headlines).encoded()
    }
}

/// The funders list (`funders/index.html`) and a page per funder of content/funders.csv (`funders/<id>.html`):
/// the initiatives it funds, what it committed and disbursed, its share of each initiative's disbursements, and
/// those initiatives' collective results, in the contribution-not-attribution wording of Rule 8.
enum FunderPages: SiteWidePage {
    static func input(_ entry: InitiativeEntry) -> String { entry.money }

    static func render(_ inputs: [String], frame: PageFrame) -> RenderedFile { files(inputs, frame: frame)[0] }

    static func files(_ inputs: [String], frame: PageFrame) -> [RenderedFile] {
        let summaries = inputs.compactMap(MoneySummary.decoded)
        let funders = frame.config.finance.funders
        let language = frame.config.language
        let labels = frame.labels(language)
        let present = Present(labels: labels, locale: frame.config.locale)
        let currency = frame.config.finance.currency ?? Set(summaries.map(\.currency)).first ?? ""

        func kind(_ funder: Funder) -> String { labels["funder_kind_" + funder.kind.rawValue] }
        /// Each initiative the funder funds, with its line.
        func funded(_ funder: Funder) -> [(MoneySummary, MoneySummary.FunderLine)] {
            summaries.compactMap { summary in summary.funders.first { $0.funder == funder.id }.map { (summary, $0) } }
        }
        /// A total over initiatives, only when they share one currency (never added across currencies).
        func total(_ lines: [(MoneySummary, MoneySummary.FunderLine)], _ amount: (MoneySummary.FunderLine) -> Double?) -> String {
            let currencies = Set(lines.map { $0.0.currency })
            guard currencies.count == 1, let only = currencies.first else { return "—" }
            let amounts = lines.compactMap { amount($0.1) }
            return amounts.isEmpty ? "—" : present.money(amounts.reduce(0, +), only)
        }

        let listPath = SitePaths.funders
        let list = frame.render(
            path: listPath, template: "funders", language: language, title: labels["funders_title"],
            description: labels.format("funders_intro", ["currency": currency]),
            crumbs: [PageFrame.Crumb(label: labels["home"], path: SitePaths.home), PageFrame.Crumb(label: labels["funders"])],
            model: [
                "intro": .text(labels.format("funders_intro", ["currency": currency])),
                "funders": .list(funders.map { funder in
                    let lines = funded(funder)
                    return [
                        "name": .text(funder.name), "href": .text(SitePaths.link(from: listPath, to: SitePaths.funder(funder.id))),
                        "kind": .text(kind(funder)), "country": .text(funder.country),
                        "initiatives": .text(lines.map { $0.0.name }.joined(separator: ", ")),
                        "committed": .text(total(lines, \.committed)), "disbursed": .text(total(lines, \.disbursed)),
                    ]
                }),
                "none": .bool(funders.isEmpty),
                "dataHref": .text(SitePaths.link(from: listPath, to: FundersData.path)),
            ])
        var files = [list]
        for funder in funders {
            let path = SitePaths.funder(funder.id)
            let lines = funded(funder)
            let initiatives: [TemplateValue] = lines.map { summary, line in
                let share = present.share(line.share)
                let sentence = summary.reach != nil && summary.costPeriod != nil
                    ? labels.format("funder_contribution", [
                        "funder": funder.name, "share": share, "initiative": summary.name,
                        "reach": present.count(summary.reach), "unit": summary.reachUnit, "period": summary.costPeriod ?? ""])
                    : labels.format("funder_contribution_no_reach", ["funder": funder.name, "share": share, "initiative": summary.name])
                return [
                    "name": .text(summary.name),
                    "href": .text(SitePaths.link(from: path, to: SitePaths.initiative(summary.slug))),
                    "committed": .text(present.money(line.committed, summary.currency)),
                    "disbursed": .text(present.money(line.disbursed, summary.currency)),
                    "share": .text(share),
                    "allDisbursed": .text(present.money(summary.disbursed, summary.currency)),
                    "contribution": .text(sentence),
                    "resultsHeading": .text(labels.format("funder_results", ["initiative": summary.name])),
                    "headlines": .list(summary.headlines.map { headline in
                        [
                            "name": .text(headline.name), "value": .text(headline.value),
                            "href": .text(SitePaths.link(from: path, to: headline.path)),
                            "status": ["key": .text(headline.statusKey), "label": .text(headline.status)],
                            "initiative": .text(summary.slug), "id": .optional(headline.id), "period": .optional(headline.period),
                            "field": .text(headline.field ?? "to_date"), "periodLabel": .optional(headline.periodLabel),
                            "caveat": .optional(headline.caveat), "partial": .optional(headline.partial),
                        ]
                    }),
                ]
            }
            var model: TemplateFields = [
                "name": .text(funder.name), "kind": .text(kind(funder)), "country": .text(funder.country),
                "intro": .text(labels.format("funder_intro", ["funder": funder.name, "currency": currency])),
                "initiatives": .list(initiatives),
                "total": ["committed": .text(total(lines, \.committed)), "disbursed": .text(total(lines, \.disbursed))],
                "note": .text(labels["money_contribution_note"]),
            ]
            model["nothing"] = .optional(lines.isEmpty ? labels.format("funder_funds_nothing", ["funder": funder.name]) : nil)
            model["url"] = .text(funder.url)
            files.append(frame.render(
                path: path, template: "funder", language: language, title: funder.name,
                description: labels.format("funder_intro", ["funder": funder.name, "currency": currency]),
                crumbs: [PageFrame.Crumb(label: labels["home"], path: SitePaths.home),
                         PageFrame.Crumb(label: labels["funders"], path: SitePaths.funders), PageFrame.Crumb(label: funder.name)],
                model: model))
        }
        return files
    }

    /// The home page's money table: one row per initiative with money, and the total when every initiative's
    /// figures are in one currency. Nil when no initiative reports money.
    static func homeTable(_ inputs: [String], frame: PageFrame, present: Present) -> TemplateValue? {
        let summaries = inputs.compactMap(MoneySummary.decoded)
        guard !summaries.isEmpty else { return nil }
        let labels = present.labels
        let from = SitePaths.home
        let currencies = Set(summaries.map(\.currency))
        func sum(_ amount: (MoneySummary) -> Double?) -> String {
            guard currencies.count == 1, let only = currencies.first else { return "—" }
            let amounts = summaries.compactMap(amount)
            return amounts.isEmpty ? "—" : present.money(amounts.reduce(0, +), only)
        }
        return [
            "intro": .text(labels.format("home_money_intro", ["currency": currencies.sorted().joined(separator: ", ")])),
            "rows": .list(summaries.map { summary in
                [
                    "name": .text(summary.name),
                    "href": .text(SitePaths.link(from: from, to: SitePaths.initiative(summary.slug)) + "#funding"),
                    "committed": .text(present.money(summary.committed, summary.currency)),
                    "disbursed": .text(present.money(summary.disbursed, summary.currency)),
                    "spent": .text(present.money(summary.spent, summary.currency)),
                    "backboneShare": .text(present.share(summary.backboneShare)),
                    "cost": .text(present.money(summary.costPerPerson, summary.currency)),
                    "costPeriod": .text(summary.costPeriod ?? ""),
                ]
            }),
            // Costs per person are not added up: the initiatives reach different people, each its own count.
            "total": ["committed": .text(sum(\.committed)), "disbursed": .text(sum(\.disbursed)), "spent": .text(sum(\.spent))],
            "fundersHref": .text(SitePaths.link(from: from, to: SitePaths.funders)),
        ]
    }
}
