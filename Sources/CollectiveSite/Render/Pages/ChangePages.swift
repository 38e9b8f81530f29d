import ImpactDomain

/// What changed: figures revised since the last publication (`collective build --previous`), and, on a period's
/// brief and report, how each headline moved since the period before and which systems-change outcomes are new.
extension InitiativePages {
    /// The "Revised since the last report" box. Nil (no box) without `--previous`; on an indicator page, also nil
    /// when none of its figures changed. The newest period's brief and report say so when nothing changed.
    func revisionsModel(indicator: String? = nil, from path: String) -> TemplateValue {
        guard let all = results.revisions else { return .null }
        let revisions = indicator.map { id in all.filter { $0.key.indicator == id } } ?? all
        if revisions.isEmpty, indicator != nil { return .null }
        let items: [TemplateValue] = revisions.compactMap { revision in
            let key = revision.key
            guard let result = results.indicator(key.indicator) else { return nil }
            func figure(_ input: InputFigure?) -> String {
                guard let input else { return labels["revision_none"] }
                return present.valueWithCounts(input.value, numerator: input.numerator, denominator: input.denominator,
                                               result.indicator)
            }
            return .object([
                "indicator": .text(result.indicator.name),
                "href": .text(SitePaths.link(from: path, to: SitePaths.indicator(slug, key.indicator))),
                "partner": .text(key.partner == sharedPartnerID ? labels["revision_backbone_row"] : partnerName(key.partner)),
                "period": .text(key.period.description),
                "old": .text(figure(revision.old)),
                "new": .text(figure(revision.new)),
            ])
        }
        let intro = revisions.isEmpty ? labels["revisions_none"] : revisionsCount(revisions.count) + ". " + labels["revisions_intro"]
        return ["intro": .text(intro), "items": .list(items)]
    }

    /// The feed's entry for revised figures, pointing at the newest brief's box; nil when none changed.
    func revisionsFeedEntry() -> FeedEntry? {
        guard let revisions = results.revisions, !revisions.isEmpty, let newest = results.periods.last else { return nil }
        let summary = revisions.prefix(5).compactMap { revision -> String? in
            guard let result = results.indicator(revision.key.indicator) else { return nil }
            let figure = { [self] (input: InputFigure?) in input.map { present.value($0.value, result.indicator) } ?? labels["revision_none"] }
            return "\(result.indicator.name), \(partnerName(revision.key.partner)), \(revision.key.period): \(figure(revision.old)) → \(figure(revision.new))"
        }.joined(separator: "; ")
        return FeedEntry(period: newest, title: "\(initiative.name): \(revisionsCount(revisions.count))",
                         path: SitePaths.brief(slug, newest) + "#revisions", summary: summary, language: language)
    }

    func revisionsCount(_ count: Int) -> String {
        labels.format(count == 1 ? "revisions_title_one" : "revisions_title", ["n": present.count(Double(count))])
    }

    /// The newest period's brief and report carry the revisions box; older ones are what they were.
    func isNewest(_ period: Period) -> Bool { period == results.periods.last }

    /// Each collective headline of `period` beside the period before it (value and status), and the outcomes dated
    /// in `period` (`newOutcomes(period)`, which the brief has made): what a reader of consecutive briefs needs to
    /// tell them apart.
    func changesModel(_ period: Period, newOutcomes outcomes: [TemplateValue]) -> TemplateValue {
        let before = period.previous
        var rows: [TemplateValue] = []
        let noFigure = TemplateValue.text(labels["change_no_figure"])
        // Read in place through spans: iterating the results, or reading `array[index]` on, copied each result and
        // each period's texts (their every list and text retained and released).
        let all = results.indicators
        let indicators = all.span
        for position in indicators.indices
        where indicators[position].indicator.scope != .partner && indicators[position].indicator.measure != .qualitative {
            guard let index = indicators[position].offset(of: period), indicators[position].periods[index].value != nil
            else { continue }
            let allTexts = periodTexts(at: position)
            let texts = allTexts.span
            guard let value = texts[index].bareValue else { continue }
            // With a value, the period's status is its own (`Present.periodStatus`).
            let since = texts[index].since
            // A period fewer partners reported than were due, or a count that may count a person twice, says so
            // here as in the brief's table: its change since the period before may be the missing reports or the
            // double counting, not a rise or a fall (`id` and `period` mark the row for machines).
            let notDeduplicated = indicators[position].periods[index].deduplicated == false
            rows.append(.object(TemplateFields(Self.changeRowShape, [
                .text(indicators[position].indicator.id), .text(period.description),
                .text(indicators[position].indicator.name), .text(value), texts[index].status,
                .optional(since?.delta), .optional(since?.statusWas), since.map { .text($0.before) } ?? noFigure,
                .optional(texts[index].partialMark), .optional(notDeduplicated ? labels["caveat_not_deduplicated_short"] : nil),
            ])))
        }
        guard !rows.isEmpty || !outcomes.isEmpty else { return .null }
        return [
            "heading": .text(labels.format("changes_heading", ["period": before.description])),
            "rows": .list(rows),
            "outcomes": .list(outcomes),
            "outcomesHeading": .text(labels.format("changes_outcomes_heading", ["period": period.description])),
        ]
    }

    /// The fields of a row of a brief's "what changed" box (`changesModel`).
    static let changeRowShape = TemplateFields.Shape(["id", "period", "name", "value", "status", "delta", "statusBefore", "before", "partial",
                                                          "caveat"])

    /// The change of a period's value since the period before: "+3,890", "+1 point", "−0.4 points", "no change"
    /// (`PeriodTexts.Since`, shown by a report's "Change since" cell and a brief's "what changed" box). It is the
    /// difference of the two figures as the pages show them (`Present.shown`), to the decimals they are shown with:
    /// a reader who subtracts "34%" from "35%" gets what the page says, never "35% (+0.7 points), before 34%" or
    /// "33% (+0.8 points), before 33%".
    func delta(_ value: Double, since before: Double, _ indicator: Indicator) -> String {
        let (now, then) = (present.shown(value, indicator), present.shown(before, indicator))
        let digits = max(present.shownDigits(value, indicator), present.shownDigits(before, indicator))
        return now == then ? labels["change_none"] : signed(now - then, digits: digits, indicator)
    }

    /// "(was On track)" when the status of `now` differs from the period before's; nil when it is the same.
    func statusWas(_ then: PeriodResult, _ now: PeriodResult) -> String? {
        then.status == now.status ? nil : labels.format("change_status_was", ["status": labels["status_" + then.status.rawValue]])
    }

    /// "+3,890" or "−1.2 points" (a percentage's change is in percentage points, never a percent of a percent),
    /// `digits` decimals for a percentage; a count, amount or score as `Present.value` shows one.
    private func signed(_ delta: Double, digits: Int, _ indicator: Indicator) -> String {
        let sign = delta > 0 ? "+" : "−"
        if indicator.measure == .percentage {
            let points = NumberFormat.roundedMagnitude(abs(delta), fractionDigits: digits)
            return concatenated(sign, labels.format(points == 1 ? "change_point" : "change_points",
                                                    ["n": present.decimal(points, digits: digits)]))
        }
        return concatenated(sign, present.value(abs(delta), indicator))
    }
}
