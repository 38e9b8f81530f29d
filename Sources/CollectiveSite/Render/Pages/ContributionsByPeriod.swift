import ImpactDomain

extension InitiativePages {
    /// The indicator page's "Partner contributions by period": a row per period with contributions, newest first
    /// (the collective value, for a deduplicated count also the partners' counts added up, then each partner's
    /// value), a column per partner that ever contributed, the shared part last. A partner without a row in a period
    /// reads "—"; one that did not report reads "Not reported" (or "Left in …"), never zero. The reports link each
    /// indicator's row here (`contributionRowID`), so no period's contributions are only in the downloads.
    func contributionsByPeriod(_ result: IndicatorResult, from path: String) -> TemplateValue {
        let indicator = result.indicator
        let rowIndices = result.periods.indices.reversed().filter { Self.hasContributionRow(result.periods[$0]) }
        guard !rowIndices.isEmpty else { return .null }
        let periods = rowIndices.map { result.periods[$0] }
        let texts = periodTexts(result)
        let contributing = Set(periods.flatMap { $0.contributions.map(\.partner) })
        let listed: [String] = initiative.partners.map(\.id)
        // The partners in partners.csv order; the shared part (and any id not listed) last.
        let others: [String] = contributing.subtracting(listed).sorted { a, b in
            a == sharedPartnerID ? false : b == sharedPartnerID ? true : a < b
        }
        let columns: [String] = listed.filter(contributing.contains) + others
        let columnOf = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let unique = indicator.acrossPartners == .unique
        let rows: [TemplateValue] = zip(rowIndices, periods).map { index, period in
            // Each partner's first contribution in its column; "—" where it has none.
            var cells = [String?](repeating: nil, count: columns.count)
            for contribution in period.contributions {
                guard let column = columnOf[contribution.partner], cells[column] == nil else { continue }
                cells[column] = contribution.value == nil ? notReported(contribution)
                    : present.valueWithCounts(contribution.value, numerator: contribution.numerator,
                                              denominator: contribution.denominator, indicator)
            }
            return [
                "anchor": .text(Self.contributionRowID(period.period)),
                "period": .text(texts[index].label),
                // A row has a value (`hasContributionRow`): the period's value with its counts.
                "value": .text(texts[index].value),
                "sumOfParts": unique ? .text(present.value(period.sumOfParts, indicator)) : .null,
                "cells": .texts(cells.map { $0 ?? "—" }),
            ]
        }
        var notes = [present.acrossPartnersRule(indicator, deduplicated: result.periods.filter { $0.value != nil }.map(\.deduplicated))]
        if unique { notes.append(labels["by_period_sum_note"]) }
        notes.append(labels["by_period_more"])
        return [
            "caption": .text(labels.format("by_period_caption", ["indicator": indicator.name])),
            "unique": .bool(unique),
            "partners": .objects(columns.map { partnerLink($0, from: path) }),
            "rows": .list(rows),
            "notes": .texts(notes),
        ]
    }
}
