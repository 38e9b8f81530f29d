import ImpactDomain

extension InitiativePages {
    /// The fields of a row of `contributionsByPeriod`, in the order its rows give them.
    static let contributionRowShape = TemplateFields.Shape(["anchor", "period", "value", "sumOfParts", "cells"])

    /// The indicator page's "Partner contributions by period": a row per period with contributions, newest first
    /// (the collective value, for a deduplicated count also the partners' counts added up, then each partner's
    /// value), a column per partner that ever contributed, the shared part last. A partner without a row in a period
    /// reads "—"; one that did not report reads "Not reported" (or "Left in …"), never zero. The reports link each
    /// indicator's row here (`contributionRowID`), so no period's contributions are only in the downloads.
    /// `rule` is `Present.acrossPartnersRule` of the indicator over its periods with a value, which its page shows too.
    func contributionsByPeriod(_ result: IndicatorResult, rule: String, from path: String) -> TemplateValue {
        let indicator = result.indicator
        // Periods are read in place by index (a `PeriodResult` is large; copying one retains every array in it).
        let periods = result.periods
        let rowIndices = periods.indices.reversed().filter { Self.hasContributionRow(periods[$0]) }
        guard !rowIndices.isEmpty else { return .null }
        let texts = periodTexts(result)
        // Every partner that contributed in some row: a dozen ids at most, so a list, not a hashed set.
        var contributing: [String] = []
        for index in rowIndices {
            // By offset: iterating the contributions copied each one.
            let contributions = periods[index].contributions
            for offset in contributions.indices where !contributing.contains(contributions[offset].partner) {
                contributing.append(contributions[offset].partner)
            }
        }
        let listed = partnerIDs
        // The partners in partners.csv order; the shared part (and any id not listed) last.
        let others: [String] = contributing.filter { !listed.contains($0) }.sorted { a, b in
            a == sharedPartnerID ? false : b == sharedPartnerID ? true : a < b
        }
        let columns: [String] = listed.filter(contributing.contains) + others
        let unique = indicator.acrossPartners == .unique
        let dash = TemplateValue.text("—")
        var taken = [Bool](repeating: false, count: columns.count)
        let rows: [TemplateValue] = rowIndices.map { index in
            // Each partner's first contribution in its column; "—" where it has none.
            // Appended, not `Array(repeating:count:)`, which is not specialized (it looked its type up at run time).
            var cells: [TemplateValue] = []
            cells.reserveCapacity(columns.count)
            for _ in columns.indices { cells.append(dash) }
            for i in taken.indices { taken[i] = false }
            // By offset: iterating the contributions copied each one.
            let contributions = periods[index].contributions
            for offset in contributions.indices {
                guard let column = columns.firstIndex(of: contributions[offset].partner), !taken[column] else { continue }
                taken[column] = true
                cells[column] = .text(contributions[offset].value == nil ? notReported(contributions[offset])
                    : present.valueWithCounts(contributions[offset].value, numerator: contributions[offset].numerator,
                                              denominator: contributions[offset].denominator, indicator))
            }
            return .object(TemplateFields(Self.contributionRowShape, [
                .text(contributionRowID(periods[index].period, at: index, key: texts[index].key)),
                .text(texts[index].label),
                // A row has a value (`hasContributionRow`): the period's value with its counts.
                .text(texts[index].value),
                unique ? .text(present.value(periods[index].sumOfParts, indicator)) : .null,
                .list(cells),
            ]))
        }
        var notes = [rule]
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

    /// `contributionRowID(key:)` of `period`, whose text is `key`, at offset `index` of an indicator's periods: the
    /// initiative's id of that period (`contributionRowIDs`, made once), made here only for a period not there.
    func contributionRowID(_ period: Period, at index: Int, key: String) -> String {
        let periods = results.periods
        guard periods.indices.contains(index), periods[index] == period else { return Self.contributionRowID(key: key) }
        return contributionRowIDs[index]
    }
}
