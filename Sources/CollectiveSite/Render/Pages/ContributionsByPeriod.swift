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
        // For each column, the offset of its partner's first contribution in the row being made (-1: none): one list
        // for every row, like the columns.
        var first = [Int](repeating: -1, count: columns.count)
        let rows: [TemplateValue] = rowIndices.map { index in
            // By offset: iterating the contributions copied each one.
            let contributions = periods[index].contributions
            for column in first.indices { first[column] = -1 }
            // The contributions come in partners.csv order, as the columns do: the column after the one found last is
            // tried first (the columns are distinct ids, so a match there is the only one), then all of them.
            var next = 0
            for offset in contributions.indices {
                let column: Int
                if next < columns.count, columns[next] == contributions[offset].partner {
                    column = next
                } else if let found = columns.firstIndex(of: contributions[offset].partner) {
                    column = found
                } else {
                    continue
                }
                next = column + 1
                if first[column] < 0 { first[column] = offset }
            }
            // Each partner's first contribution in its column, "—" where it has none: each cell is made once, in place
            // (a row filled with "—" and then overwritten copied and destroyed a value per cell).
            let cells = [TemplateValue](unsafeUninitializedCapacity: columns.count) { buffer, count in
                for column in 0..<columns.count {
                    let offset = first[column]
                    buffer.initializeElement(at: column, to: offset < 0 ? dash
                        : .text(contributions[offset].value == nil ? notReported(contributions[offset])
                            : present.valueWithCounts(contributions[offset].value, numerator: contributions[offset].numerator,
                                                      denominator: contributions[offset].denominator, indicator)))
                }
                count = columns.count
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
