import ImpactDomain

/// The "Funding and cost" section of an initiative's overview and the money table of its funder briefs, in the
/// initiative's own currency. Every figure comes from `InitiativeResults.finance` (ImpactDomain, Rule 8); this
/// file only words and formats it. Results are never divided among funders: no sentence here gives a funder a
/// number of people.
extension InitiativePages {
    var finance: FinanceResults? { results.finance }

    /// The indicator cost per person divides by, when the initiative names one.
    var reachResult: IndicatorResult? { finance?.reachIndicator.flatMap { results.indicator($0) } }

    func money(_ amount: Double?, _ book: FinanceBook) -> String { present.money(amount, book.currency) }

    /// "1,194 BDT per woman reached by 2026-Q3", or why there is none.
    func costSentence(_ book: FinanceBook) -> String {
        let totals = book.totals
        guard let reach = reachResult else { return labels["money_cost_no_reach_indicator"] }
        guard let cost = totals.costPerPerson, let period = totals.costPeriod, let people = totals.reach else {
            return labels.format("money_cost_none", ["indicator": reach.indicator.name])
        }
        return labels.format("money_cost_text", [
            "spent": money(totals.costSpent, book), "period": period.description, "reach": present.count(people),
            "unit": present.unit(reach.indicator), "indicator": reach.indicator.name, "cost": money(cost, book),
        ])
    }

    /// The overview's "Funding and cost" section; nil when the initiative reports no money.
    func moneySection(from path: String) -> TemplateValue? {
        guard let finance else { return nil }
        let book = finance.local
        let totals = book.totals
        let backboneName = partnerName(initiative.backbone)
        var figures: [TemplateValue] = [
            ["term": .text(labels["money_committed"]), "value": .text(money(totals.committed, book)),
             "text": .text(labels.format("money_committed_text", ["amount": money(totals.committed, book)]))],
            ["term": .text(labels["money_disbursed"]), "value": .text(money(totals.disbursed, book)),
             "text": .text(totals.pooled == nil
                ? labels.format("money_disbursed_text", ["amount": money(totals.disbursed, book)])
                : labels.format("money_disbursed_pooled_text", ["amount": money(totals.disbursed, book),
                                                                "pooled": money(totals.pooled, book), "backbone": backboneName]))],
            ["term": .text(labels["money_spent"]), "value": .text(money(totals.spent, book)),
             "text": .text(labels.format("money_spent_text", ["amount": money(totals.spent, book)]))],
        ]
        if totals.spent != nil {
            figures.append(["term": .text(labels["money_backbone_share"]), "value": .text(present.share(totals.backboneShare)),
                            "text": .text(labels.format("money_backbone_text", [
                                "share": present.share(totals.backboneShare), "amount": money(totals.backboneSpent ?? 0, book),
                                "total": money(totals.spent, book), "backbone": backboneName]))])
        }
        figures.append(["term": .text(labels["money_cost_per_person"]), "value": .text(money(totals.costPerPerson, book)),
                        "text": .text(costSentence(book))])
        let funderNames = Dictionary(initiative.finance.site.funders.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return [
            "intro": .text(labels.format("money_intro", ["currency": book.currency, "initiative": initiative.name])),
            "figures": .list(figures),
            "fundersChart": .text(MoneyCharts.funders(book, names: funderNames, pages: self, id: "mf-\(slug)")),
            "funders": .list(book.funders.map { funder in
                [
                    "name": .text(funderNames[funder.funder] ?? funder.funder),
                    "href": .text(SitePaths.link(from: path, to: SitePaths.funder(funder.funder))),
                    "committed": .text(money(funder.committed, book)), "disbursed": .text(money(funder.disbursed, book)),
                    "share": .text(present.share(funder.share)),
                ]
            }),
            "fundersTotal": ["committed": .text(money(totals.committed, book)), "disbursed": .text(money(totals.disbursed, book)),
                             "share": .text(totals.disbursed == nil ? "—" : present.share(1))],
            "contribution": .text(labels["money_contribution_note"]),
            "spendingChart": .text(MoneyCharts.spending(book, pages: self, id: "ms-\(slug)")),
            "spendingColumns": .texts(book.partnerOrder.map { partnerName($0) }),
            "spendingRows": .list(book.periods.map { period in
                [
                    "period": .text(period.period.description),
                    "cells": .texts(period.spentByPartner.map { money($0, book) }),
                    "total": .text(money(period.spent, book)),
                ]
            }),
            "costChart": .text(MoneyCharts.costPerPerson(book, pages: self, id: "mc-\(slug)")),
            "periods": .list(book.periods.map { period in
                [
                    "period": .text(period.period.description),
                    "committed": .text(money(period.committed, book)), "disbursed": .text(money(period.disbursed, book)),
                    "spent": .text(money(period.spent, book)), "spentToDate": .text(money(period.spentToDate, book)),
                    "backboneShare": .text(present.share(period.backboneShare)),
                    "reachToDate": .text(present.count(period.reachToDate)),
                    "cost": .text(money(period.costPerPersonToDate, book)),
                ]
            }),
            "partners": .list(book.partners.map { partner in
                var item = partnerLink(partner.partner, from: path)
                if partner.partner == initiative.backbone { item["name"] = .text(labels.format("money_backbone_name", ["name": partnerName(partner.partner)])) }
                item["received"] = .text(money(partner.received, book))
                item["spent"] = .text(money(partner.spent, book))
                item["utilisation"] = .text(present.share(partner.utilisation))
                item["unitCosts"] = .texts(partner.unitCosts.map { unit in
                    let indicator = results.indicator(unit.indicator)?.indicator
                    return labels.format("money_unit_cost", [
                        "cost": money(unit.cost, book), "unit": indicator.map { present.unit($0) } ?? "",
                        "units": present.count(unit.units),
                        "indicator": indicator?.name ?? unit.indicator, "period": unit.period.description])
                })
                return .object(item)
            }),
            "rates": .list(finance.ratesUsed.map { rate in
                [
                    "currency": .text(rate.currency), "period": .text(rate.period.description),
                    "rate": .text(labels.format("money_rate_text", ["rate": present.numbers.decimal(rate.rate, digits: 4, trimZeros: true),
                                                                    "currency": rate.currency,
                                                                    "site": initiative.finance.site.currency ?? ""])),
                    "source": .text(dataText(rate.source)),
                ]
            }),
        ]
    }

    /// The funder brief's money table: the period's own figures beside those to date.
    func briefMoney(_ period: Period) -> TemplateValue? {
        guard let book = finance?.local, let row = book.periods.first(where: { $0.period == period }) else { return nil }
        func line(_ key: String, _ now: String, _ toDate: String) -> TemplateValue {
            ["label": .text(labels[key]), "now": .text(now), "toDate": .text(toDate)]
        }
        return [
            "heading": .text(labels.format("brief_money_heading", ["period": period.description, "currency": book.currency])),
            "periodLabel": .text(labels.format("money_in_period", ["period": period.description])),
            "rows": .list([
                line("money_committed", money(row.committed, book), money(row.committedToDate, book)),
                line("money_disbursed", money(row.disbursed, book), money(row.disbursedToDate, book)),
                line("money_spent", money(row.spent, book), money(row.spentToDate, book)),
                line("money_backbone_share", present.share(row.backboneShare), present.share(row.backboneShareToDate)),
                line("money_cost_per_person", "—", money(row.costPerPersonToDate, book)),
            ]),
            "note": .text(labels["money_contribution_note"]),
        ]
    }
}

/// The money charts, each with its one-sentence summary and (on the page) its table.
enum MoneyCharts {
    static func cell(_ value: Double?, _ book: FinanceBook, _ present: Present) -> ChartValue? {
        value.map { ChartValue($0, text: present.money($0, book.currency)) }
    }

    /// Disbursements per period, stacked by funder.
    static func funders(_ book: FinanceBook, names: [String: String], pages: InitiativePages, id: String) -> String {
        let present = pages.present
        // From the first to the last period with a disbursement, the quiet periods between kept so that the time
        // axis does not close up the gaps.
        guard let first = book.periods.firstIndex(where: { $0.disbursed != nil }),
              let last = book.periods.lastIndex(where: { $0.disbursed != nil }) else { return "" }
        let shown = Array(first...last)
        let periods = shown.map { book.periods[$0] }
        let series = book.funders.map { funder in
            BarSeries(name: names[funder.funder] ?? funder.funder,
                      values: shown.map { cell(funder.disbursedByPeriod[$0], book, present) })
        }
        var words = present.chartWords.bars
        words.summary = present.labels["money_chart_funders_summary"]
        words.summaryOne = present.labels["money_chart_funders_summary_one"]
        let input = StackedBarsInput(
            id: id, title: present.labels.format("money_chart_funders", ["currency": book.currency]),
            periods: periods.map(\.period.description), series: series,
            totals: periods.map { $0.disbursed.map { present.money($0, book.currency) } }, format: present.numbers, words: words)
        return Charts.stackedBars(input).figure
    }

    /// Spending per period, stacked by partner in each partner's own colour (as in every chart of the initiative),
    /// the backbone last and hatched so it stands apart (named as the backbone in the legend and the sentence).
    static func spending(_ book: FinanceBook, pages: InitiativePages, id: String) -> String {
        let present = pages.present
        let periods = book.periods.filter { $0.spent != nil }
        guard !periods.isEmpty else { return "" }
        let backbone = pages.initiative.backbone
        func values(_ slot: Int) -> [ChartValue?] { periods.map { cell($0.spentByPartner[slot], book, present) } }
        let series = book.partnerOrder.enumerated().filter { $0.element != backbone }.map { slot, partner in
            BarSeries(name: pages.partnerName(partner), values: values(slot), colorIndex: pages.partnerColor(partner))
        }
        let backboneSeries = book.partnerOrder.firstIndex(of: backbone).map { slot in
            BarSeries(name: present.labels.format("money_backbone_name", ["name": pages.partnerName(backbone)]), values: values(slot))
        }
        var words = present.chartWords.bars
        words.summary = present.labels["money_chart_spending_summary"]
        words.summaryOne = present.labels["money_chart_spending_summary_one"]
        let input = StackedBarsInput(
            id: id, title: present.labels.format("money_chart_spending", ["currency": book.currency]),
            periods: periods.map(\.period.description), series: series, shared: backboneSeries,
            totals: periods.map { $0.spent.map { present.money($0, book.currency) } }, format: present.numbers, words: words)
        return Charts.stackedBars(input).figure
    }

    /// Cost per person reached to date, period by period; a period without a deduplicated reach has no point.
    static func costPerPerson(_ book: FinanceBook, pages: InitiativePages, id: String) -> String {
        let present = pages.present
        guard book.periods.contains(where: { $0.costPerPersonToDate != nil }) else { return "" }
        let name = present.labels["money_cost_per_person"]
        var words = present.chartWords.line
        // A cost has no status against a target: the sentence ends without one.
        words.latestLabel = "{value}"
        words.status = present.chartWords.bars.end
        let input = LineChartInput(
            id: id, title: present.labels.format("money_chart_cost", ["currency": book.currency]), seriesName: name,
            periods: book.periods.map(\.period.description),
            values: book.periods.map { cell($0.costPerPersonToDate, book, present) }, status: .noData,
            statusLabel: "", format: present.numbers, fromZero: true, words: words)
        return Charts.lineChart(input).figure
    }
}
