import ImpactDomain

/// The quarterly report: the narrative, then the period's figures as one table (a row per indicator, the change
/// since the period before beside it), the notes those figures need, and the period's new systems-change outcomes.
/// Each partner's part of every period is on the indicator's page (`contributionsByPeriod`), which each row links.
extension InitiativePages {
    func report(_ report: ReportNarrative) -> RenderedFile {
        let folder = reportLanguageFolder(report)
        let path = SitePaths.report(slug, report.period, language: folder)
        // Offsets into content.reports, not copies of its narratives: every report of an initiative asks for its
        // neighbours, and a report is one per period and language.
        let reports = content.reports
        let sameLanguage = reports.indices.filter { reports[$0].language == report.language }
        let index = sameLanguage.firstIndex { reports[$0].period == report.period }
        let figures = reportFigures(report.period, from: path)
        let outcomes = newOutcomes(report.period)
        var model: TemplateFields = [
            "initiative": .object(initiativeHeader(from: path)),
            "report": ["title": .text(report.title), "period": .text(report.period.description), "summary": .text(report.summary),
                       "html": .text(report.narrative.html(onPage: path)), "lang": .text(report.language)],
            "figures": .list(figures.rows),
            "figureNotes": .list(figures.notes),
            "changeHeader": .text(labels.format("change_since", ["period": report.period.previous.description])),
            "toDateNote": .optional(figures.toDateNote),
            "outcomesHeading": .text(labels.format("changes_outcomes_heading", ["period": report.period.description])),
            "outcomes": .list(outcomes),
            "briefHref": .text(SitePaths.link(from: path, to: SitePaths.brief(slug, report.period, language: languageFolder))),
            "revisions": isNewest(report.period) ? revisionsModel(from: path) : .null,
        ]
        model["previous"] = .null
        model["next"] = .null
        if let index, index > 0 {
            let previous = reports[sameLanguage[index - 1]]
            model["previous"] = ["title": .text(previous.title),
                                 "href": .text(SitePaths.link(from: path, to: SitePaths.report(slug, previous.period, language: folder)))]
        }
        if let index, index + 1 < sameLanguage.count {
            let next = reports[sameLanguage[index + 1]]
            model["next"] = ["title": .text(next.title),
                             "href": .text(SitePaths.link(from: path, to: SitePaths.report(slug, next.period, language: folder)))]
        }
        let translations = reports.indices.filter { reports[$0].period == report.period }
        let alternates = translations.count > 1
            ? translations.map { PageFrame.Alternate(language: reports[$0].language,
                                                     path: SitePaths.report(slug, report.period, language: reportLanguageFolder(reports[$0]))) }
            : []
        return frame.render(
            path: path, template: "report", language: report.language, title: report.title,
            description: report.summary.isEmpty ? report.narrative.plainSummary : report.summary,
            crumbs: crumbs([PageFrame.Crumb(label: labels["reports"], path: nil), PageFrame.Crumb(label: report.period.description)]),
            alternates: alternates, currentInitiative: slug, model: model)
    }

    /// One row per collective and collaboration indicator with figures: those of `period` (or, for an indicator
    /// not measured in it, of the latest period in which it was, marked so; `figureRows`); and the notes under the
    /// table, each naming its indicator: the caveat of a count that may count a person twice, the period's notes
    /// from results.csv (all a qualitative indicator reports). `path` is the report's.
    func reportFigures(_ period: Period, from path: String) -> (rows: [TemplateValue], notes: [TemplateValue], toDateNote: String?) {
        // The rows link from this language's report of the period; a report in another folder makes its own.
        let figures = path == SitePaths.report(slug, period, language: languageFolder)
            ? figureRows(period) : makeFigureRows(period, links: indicatorLinks(from: path))
        var notes: [TemplateValue] = []
        let indicators = results.indicators
        for index in indicators.indices where indicators[index].indicator.scope != .partner {
            guard let shown = figures.shown[index] else { continue }
            let name = TemplateValue.text(indicators[index].indicator.name)
            if indicators[index].periods[shown].deduplicated == false {
                notes.append(["name": name, "text": .text(labels["caveat_not_deduplicated_short"]), "caveat": true])
            }
            for note in indicators[index].periods[shown].notes { notes.append(["name": name, "text": .text(note), "caveat": false]) }
        }
        // A qualitative indicator has no figure to put in the table (no row): its notes are what it reports.
        return (figures.collective, notes, figures.collectiveToDateNote)
    }

    /// The figure rows of `period` in this language, made once and shared by its brief and its report.
    func figureRows(_ period: Period) -> PeriodFigureRows {
        figureTable.rows(period) {
            // Every report of a language is in one folder: the links from one are those from all.
            let links = figureTable.reportLinks { indicatorLinks(from: SitePaths.report(slug, period, language: languageFolder)) }
            return makeFigureRows(period, links: links)
        }
    }

    /// The link from the page at `path` to each indicator's page, aligned with `results.indicators`.
    func indicatorLinks(from path: String) -> [String] {
        results.indicators.map { SitePaths.link(from: path, to: SitePaths.indicator(slug, $0.indicator.id, language: languageFolder)) }
    }

    /// The fields of a row of a brief's or a report's figures table (`makeFigureRows`).
    static let figureRowShape = TemplateFields.Shape([
        "id", "name", "value", "toDate", "target", "progress", "status", "otherPeriod", "partial", "frequency",
        // The brief's
        "scope", "collective", "caveat",
        // The report's: its link to the indicator page (at the period's contributions) and the change since the
        // period before.
        "href", "change",
    ])

    /// Each indicator's row for `period`: the figures of the period it shows, which is `period` or, for an indicator
    /// not measured in it, the latest earlier period in which it was (then named as the row's `otherPeriod`: the
    /// table names its own period once). The same figures as that period's row in the indicator page's table
    /// (`periodRows`), from the same `PeriodTexts`. `links` lead from the report to each indicator's page.
    func makeFigureRows(_ period: Period, links: [String]) -> PeriodFigureRows {
        // Read in place through a span: iterating the results, or passing `array[index]` on, copied each one (its
        // every list retained and released).
        let all = results.indicators
        let indicators = all.span
        var shown: [Int?] = []
        var collectiveRows: [TemplateValue] = [], partnerRows: [TemplateValue] = []
        // Whether a row of each table reads "—" to date (`Present.toDateNote`). Flags, not lists of the rows'
        // indicators: each indicator appended was copied (its every text retained and released).
        var collectiveDash = false, partnerDash = false
        shown.reserveCapacity(indicators.count)
        collectiveRows.reserveCapacity(indicators.count)
        partnerRows.reserveCapacity(indicators.count)
        let caveat = labels["caveat_not_deduplicated_short"]
        let partnerWord = present.scopeWord(.partner), collectiveWord = present.scopeWord(.collective)
        let collaborationWord = present.scopeWord(.collaboration)
        for index in indicators.indices {
            let shownIndex = indicators[index].shownIndex(asked: period)
            shown.append(shownIndex)
            guard indicators[index].indicator.measure != .qualitative, let shownIndex else { continue }
            let scope = indicators[index].indicator.scope
            let scopeWord = switch scope {
            case .partner: partnerWord
            case .collective: collectiveWord
            case .collaboration: collaborationWord
            }
            // The row takes the indicator (copied once: each read of it through the span copied it again) and the shown
            // period's result, not the whole result: passing that on copied it (its every list retained and released).
            let indicator = indicators[index].indicator
            let texts = periodTexts(at: index)
            let row = TemplateValue.object(figureRow(indicator, indicators[index].periods[shownIndex], texts: texts,
                                                     shown: shownIndex, asked: period, caveat: caveat, link: links[index],
                                                     scopeWord: scopeWord))
            let dash = Present.hasDashToDate(indicator)
            if scope == .partner {
                partnerDash = partnerDash || dash
                partnerRows.append(row)
            } else {
                collectiveDash = collectiveDash || dash
                collectiveRows.append(row)
            }
        }
        return PeriodFigureRows(shown: shown, collective: collectiveRows, partner: partnerRows,
                                collectiveToDateNote: present.toDateNote(needed: collectiveDash),
                                partnerToDateNote: present.toDateNote(needed: partnerDash))
    }

    /// `shownResult` is the indicator's result of the period at offset `shown`, `texts` its periods' (`periodTexts`).
    private func figureRow(_ indicator: Indicator, _ shownResult: PeriodResult, texts: [PeriodTexts], shown: Int,
                           asked period: Period, caveat: String, link: String, scopeWord: String) -> TemplateFields {
        let shownPeriod = shownResult.period
        let isAsked = shownPeriod == period
        // Made in one piece: each `+` allocated a new string.
        let href = Self.hasContributionRow(shownResult) ? Self.contributionRowLink(link, key: texts[shown].key) : link
        return TemplateFields(Self.figureRowShape, [
            .text(indicator.id), .text(indicator.name), .text(texts[shown].value), .text(texts[shown].toDate),
            .text(texts[shown].target), .text(texts[shown].progress), texts[shown].status,
            .optional(isAsked ? nil : texts[shown].key), .optional(texts[shown].partialMark),
            isAsked ? .null : .optional(lastDueNote(indicator, shown: shownPeriod, asked: period)),
            .text(scopeWord), .bool(indicator.scope != .partner),
            .optional(shownResult.deduplicated == false ? caveat : nil),
            .text(href),
            .text(isAsked ? texts[shown].since?.change ?? "—" : "—"),
        ])
    }

    /// The systems-change outcomes dated in `period`: made once per period, by its brief or its report. A brief
    /// passes the outcomes of the year through `period` (`outcomes(yearThrough:)`) and their items, which it shows.
    func newOutcomes(_ period: Period, year outcomes: [Outcome]? = nil, items: [TemplateValue]? = nil) -> [TemplateValue] {
        newOutcomeLists.value(period.description) {
            let outcomes = outcomes ?? results.systemsChange.outcomes(yearThrough: period)
            return outcomes.indices.filter { Self.isDated(outcomes[$0], in: period) }.map { items?[$0] ?? outcomeItem(outcomes[$0]) }
        }
    }

    /// Whether `outcome` is dated in `period`: of the outcomes of its year through it, the period's new ones.
    static func isDated(_ outcome: Outcome, in period: Period) -> Bool { outcome.period(period.kind) == period }

    /// One systems-change outcome in a list: its date, title and condition.
    func outcomeItem(_ outcome: Outcome) -> TemplateValue {
        ["date": .text(outcome.date), "title": .text(outcome.title), "condition": .text(present.conditionWord(outcome.condition))]
    }

    /// Whether the indicator page's "contributions by period" table has a row for this period.
    static func hasContributionRow(_ period: PeriodResult) -> Bool { period.value != nil && !period.contributions.isEmpty }

    /// The id of a period's row in the indicator page's "contributions by period" table, which reports link to.
    static func contributionRowID(_ period: Period) -> String { contributionRowID(key: period.description) }
    /// The same id from the period's text (`PeriodTexts.key`).
    static func contributionRowID(key: String) -> String { concatenated(contributionRowPrefix, key) }
    /// `link` (to an indicator's page) leading to that row, made in one piece.
    static func contributionRowLink(_ link: String, key: String) -> String { concatenated(link, contributionRowAnchor, key) }
    private static let contributionRowPrefix = "c-"
    private static let contributionRowAnchor = "#" + contributionRowPrefix
}
