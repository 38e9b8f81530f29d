import ImpactDomain

/// The parts of an indicator page that let an analyst check and cite it: how each figure was computed (the rows
/// that went into it and the rule written with the actual numbers), the indicator's own downloads, how to cite it,
/// its licence, and when its figures were last and will next be updated.
extension InitiativePages {
    /// Periods whose working is on the page (the latest open, the ones before it folded); every period's rows
    /// are in the indicator's own download.
    static let workingPeriodsShown = 4

    /// The fields of a row of a period's working: the partner's link (`partnerLink`), then the row's own.
    static let workingRowShape = TemplateFields.Shape(["name", "id", "href", "figure", "use", "excluded", "reporter"])

    func workingModel(_ result: IndicatorResult, from path: String) -> TemplateValue {
        guard let latest = result.periods.lastIndex(where: { $0.value != nil }) else { return .null }
        let shown = result.periods[...latest].indices.reversed().filter { result.periods[$0].value != nil }
            .prefix(Self.workingPeriodsShown)
        let reporters = initiative.reporters.isEmpty ? [:] : initiative.reporterIndex()
        // The same partners' rows are in every period's working: each partner's link is found once. A dozen
        // partners at most, so a list searched by id, not a hashed table.
        var links: [WorkingLink] = []
        var periods: [TemplateValue] = []
        for (position, index) in shown.enumerated() {
            guard let working = result.working(at: index) else { continue }
            periods.append(.object(workingPeriod(working, result.indicator, from: path, open: position == 0,
                                                 reporters: reporters, links: &links)))
        }
        return .list(periods)
    }

    /// The fields of a period's working.
    static let workingPeriodShape = TemplateFields.Shape(["period", "value", "open", "hasReporters", "rows", "formula"])

    /// A partner's link as a row of the working shows it (`partnerLink`): its three fields read once per partner, not
    /// looked up by name for every row.
    private struct WorkingLink {
        let partner: String
        let name: TemplateValue, id: TemplateValue, href: TemplateValue
    }

    private func workingPeriod(_ working: Working, _ indicator: Indicator, from path: String, open: Bool,
                               reporters: [InputKey: Reporter], links: inout [WorkingLink]) -> TemplateFields {
        let isRatio = working.rule == .ratio
        let reporter = { (row: Working.Row) in
            reporters[InputKey(indicator: indicator.id, partner: row.partner, period: working.period)]
        }
        let hasReporters = !reporters.isEmpty && working.rows.contains { reporter($0) != nil }
        // Each row's figures formatted once: its cell shows them, and the formula is written with the same texts.
        let figures = working.rows.map { RowFigures($0, indicator, isRatio: isRatio, present: present) }
        let value = present.value(working.value, indicator)
        var rows: [TemplateValue] = []
        rows.reserveCapacity(working.rows.count)
        // By offset: `enumerated()` copied each row and its offset into an optional pair and destroyed it again.
        for offset in working.rows.indices {
            let row = working.rows[offset]
            let made = links.firstIndex { $0.partner == row.partner } ?? {
                let fields = partnerLink(row.partner, from: path)
                links.append(WorkingLink(partner: row.partner, name: fields["name"] ?? .null, id: fields["id"] ?? .null,
                                         href: fields["href"] ?? .null))
                return links.count - 1
            }()
            let name = row.partner == sharedPartnerID
                ? .text(labels[working.rule == .deduplicated ? "working_backbone_row" : "shared_not_attributed"])
                : links[made].name
            rows.append(.object(TemplateFields(Self.workingRowShape, [
                name, links[made].id, links[made].href,
                .text(figure(figures[offset])),
                .text(useWord(row, working)),
                .bool(row.use != .counted && row.use != .shownBeside),
                hasReporters ? .text(reporter(row).map { [$0.by, $0.on].filter { !$0.isEmpty }.joined(separator: ", ") } ?? "—")
                    : .null,
            ])))
        }
        return TemplateFields(Self.workingPeriodShape, [
            .text(working.period.description),
            .text(value),
            .bool(open),
            .bool(hasReporters),
            .list(rows),
            .text(formula(working, indicator, figures: figures, value: value)),
        ])
    }

    /// A working row's figures as shown: its value, and for a ratio's row its counts.
    struct RowFigures {
        /// `Present.value` of the row's value; nil for a row without one, and for a ratio's row with both counts
        /// (which shows them instead).
        let value: String?
        /// `Present.count` of a ratio's row's numerator and denominator, when it has both.
        let counts: (numerator: String, denominator: String)?

        init(_ row: Working.Row, _ indicator: Indicator, isRatio: Bool, present: Present) {
            if isRatio, let numerator = row.numerator, let denominator = row.denominator {
                (value, counts) = (nil, (present.count(numerator), present.count(denominator)))
            } else {
                (value, counts) = (row.value == nil ? nil : present.value(row.value, indicator), nil)
            }
        }
    }

    /// A row's figure as it went in: "190 of 290" for a ratio, the value otherwise, "—" when there is none.
    private func figure(_ figures: RowFigures) -> String {
        if let counts = figures.counts {
            return labels.format("working_counts", ["numerator": counts.numerator, "denominator": counts.denominator])
        }
        return figures.value ?? "—"
    }

    private func useWord(_ row: Working.Row, _ working: Working) -> String {
        switch row.use {
        case .counted: labels[working.rule == .deduplicated ? "working_use_figure" : "working_use_counted"]
        case .shownBeside: labels["working_use_beside"]
        case .notReported: labels["working_use_not_reported"]
        case .left: leftLabel(row.partner, before: Optional<Period>.none).map { labels.format("working_use_left_in", ["left": $0]) } ?? labels["working_use_left"]
        case .notJoined: joinedLabel(row.partner, after: nil).map { labels.format("working_use_left_in", ["left": $0]) } ?? labels["working_use_not_reported"]
        case .noCounts: labels["working_use_no_counts"]
        }
    }

    /// The rule written with the actual numbers, ending in the figure the page shows:
    /// "(190 + 60 + 95) ÷ (290 + 100 + 150) = 345 ÷ 540 = 63.9%". `figures` are the rows' (`RowFigures`), aligned
    /// with `working.rows`, and `value` is `Present.value` of the working's value: the texts its rows and its heading
    /// show, not formatted again.
    func formula(_ working: Working, _ indicator: Indicator, figures: [RowFigures], value: String) -> String {
        let rows = working.rows
        let counted = rows.indices.filter { rows[$0].use == .counted }
        /// The value of each row at `offsets` (what `Present.value` makes of it), joined by `separator`.
        func terms(_ offsets: [Int], separator: String = " + ") -> String {
            joinedTexts(offsets.map { figures[$0].value ?? present.value(rows[$0].value, indicator) }, separator: separator)
        }
        switch working.rule {
        case .reported:
            return labels.format("working_formula_reported", ["partner": partnerName(counted.first.map { rows[$0].partner } ?? ""),
                                                              "value": value])
        case .sum:
            return concatenated(terms(counted), " = ", value)
        case .sumNotDeduplicated:
            return labels.format("working_formula_not_deduplicated", ["sum": concatenated(terms(counted), " = ", value)])
        case .deduplicated:
            let beside = rows.indices.filter { rows[$0].use == .shownBeside }
            let sum = working.sumOfParts
            let repeats = sum.flatMap { sum in working.value.map { sum - $0 } }
            return labels.format("working_formula_deduplicated", [
                "value": value, "sum": concatenated(terms(beside), " = ", present.value(sum, indicator)),
                "repeats": present.count(repeats),
            ])
        case .ratio:
            let numerators = joinedTexts(counted.map { figures[$0].counts?.numerator ?? present.count(rows[$0].numerator) },
                                         separator: " + ")
            let denominators = joinedTexts(counted.map { figures[$0].counts?.denominator ?? present.count(rows[$0].denominator) },
                                           separator: " + ")
            let pooled = "\(present.count(working.numerator)) ÷ \(present.count(working.denominator))"
            let times = working.factor == 100 ? " × 100" : ""
            return counted.count == 1 ? "\(pooled)\(times) = \(value)"
                : "(\(numerators)) ÷ (\(denominators))\(times) = \(pooled)\(times) = \(value)"
        case .mean:
            return "(\(terms(counted))) ÷ \(present.count(Double(counted.count))) = \(value)"
        case .max:
            return labels.format("working_formula_max", ["values": terms(counted, separator: ", "), "value": value])
        }
    }

    // MARK: Citing and downloading one indicator

    /// The indicator's own downloads first, then the whole initiative's.
    func indicatorDownloads(_ result: IndicatorResult, from path: String) -> TemplateValue {
        let own: [TemplateValue] = [("csv", "download_indicator_csv"), ("json", "download_indicator_json")].map { format, label in
            ["label": .text(labels[label]), "file": .text("\(result.indicator.id).\(format)"),
             "href": .text(SitePaths.link(from: path, to: IndicatorDownloads.path(slug, result.indicator.id, format)))]
        }
        guard case .list(let whole) = downloads(from: path) else { return .list(own) }
        return .list(own + whole)
    }

    /// What the indicator's page and, in the site's language, its JSON download say about its publication: made once
    /// per indicator (each made its own: the citation alone is some ten joined texts).
    func facts(_ result: IndicatorResult) -> IndicatorDownloads.Facts {
        factsByIndicator.value(result.indicator.id) {
            var config = frame.config
            config.title = dataText(config.title)  // the site's title is in the site's language
            return IndicatorDownloads.Facts(result, results: results, config: config, paths: frame.paths, labels: labels)
        }
    }

    /// Data through, next expected update, licence and citation: the same words as in the indicator's JSON.
    func aboutTheData(_ result: IndicatorResult) -> TemplateFields {
        let facts = facts(result)
        return [
            "citation": .text(facts.citation),
            "dataThrough": .optional(facts.dataThrough?.description),
            "nextUpdate": .optional(facts.nextUpdate.map(facts.nextUpdateText)),
            "license": frame.config.license.map { license in
                ["name": .text(license), "url": .optional(frame.config.licenseURL)]
            } ?? .null,
        ]
    }
}
