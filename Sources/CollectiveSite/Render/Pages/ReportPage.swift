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
            "toDateNote": .optional(present.toDateNote(figures.shown)),
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
        let translations = content.reports.filter { $0.period == report.period }
        let alternates = translations.count > 1
            ? translations.map { PageFrame.Alternate(language: $0.language, path: SitePaths.report(slug, $0.period, language: reportLanguageFolder($0))) }
            : []
        return frame.render(
            path: path, template: "report", language: report.language, title: report.title,
            description: report.summary.isEmpty ? report.narrative.plainSummary : report.summary,
            crumbs: crumbs([PageFrame.Crumb(label: labels["reports"], path: nil), PageFrame.Crumb(label: report.period.description)]),
            alternates: alternates, currentInitiative: slug, model: model)
    }

    /// One row per collective and collaboration indicator with figures: those of `period` (or, for an indicator
    /// not measured in it, of the latest period in which it was, marked so); and the notes under the table, each
    /// naming its indicator: the caveat of a count that may count a person twice, the period's notes from
    /// results.csv (all a qualitative indicator reports).
    func reportFigures(_ period: Period, from path: String) -> (rows: [TemplateValue], notes: [TemplateValue], shown: [Indicator]) {
        var rows: [TemplateValue] = [], notes: [TemplateValue] = [], shown: [Indicator] = []
        for result in results.indicators where result.indicator.scope != .partner {
            guard let figures = result.lastDue(through: period) ?? result.result(for: period) else { continue }
            let indicator = result.indicator
            let name = TemplateValue.text(indicator.name)
            if figures.deduplicated == false {
                notes.append(["name": name, "text": .text(labels["caveat_not_deduplicated_short"]), "caveat": true])
            }
            for note in figures.notes { notes.append(["name": name, "text": .text(note), "caveat": false]) }
            // A qualitative indicator has no figure to put in the table: its notes are what it reports.
            guard indicator.measure != .qualitative else { continue }
            shown.append(indicator)
            var href = SitePaths.link(from: path, to: SitePaths.indicator(slug, indicator.id, language: languageFolder))
            if Self.hasContributionRow(figures) { href += "#" + Self.contributionRowID(figures.period) }
            let texts = periodTexts(result, shown: figures)
            var row = periodFigureRow(result, shown: figures, texts: texts, asked: period)
            row["href"] = .text(href)
            row["change"] = .text(figures.period == period ? texts.since?.change ?? "—" : "—")
            rows.append(.object(row))
        }
        return (rows, notes, shown)
    }

    /// The figures of one indicator's row in a report's or a brief's table for `period`: those of `shown`, which is
    /// `period` or, for an indicator not measured in it, the latest earlier period in which it was (then named as the
    /// row's `otherPeriod`: the table names its own period once). `texts` are those of `shown`.
    func periodFigureRow(_ result: IndicatorResult, shown: PeriodResult, texts: PeriodTexts, asked period: Period) -> TemplateFields {
        let indicator = result.indicator
        // The same figures as the period's row in the indicator page's table (`periodRows`).
        var row: TemplateFields = [
            "id": .text(indicator.id),
            "name": .text(indicator.name),
            "value": .text(texts.value),
            "toDate": .text(texts.toDate),
            "target": .text(texts.target),
            "progress": .text(texts.progress),
            "status": texts.status,
        ]
        row["otherPeriod"] = .optional(shown.period != period ? texts.key : nil)
        row["partial"] = .optional(texts.partialMark)
        row["frequency"] = .optional(lastDueNote(result, shown: shown, asked: period))
        return row
    }

    /// The systems-change outcomes dated in `period`.
    func newOutcomes(_ period: Period) -> [TemplateValue] {
        results.systemsChange.outcomes(yearThrough: period).filter { $0.period(period.kind) == period }.map(outcomeItem)
    }

    /// One systems-change outcome in a list: its date, title and condition.
    func outcomeItem(_ outcome: Outcome) -> TemplateValue {
        ["date": .text(outcome.date), "title": .text(outcome.title), "condition": .text(present.conditionWord(outcome.condition))]
    }

    /// Whether the indicator page's "contributions by period" table has a row for this period.
    static func hasContributionRow(_ period: PeriodResult) -> Bool { period.value != nil && !period.contributions.isEmpty }

    /// The id of a period's row in the indicator page's "contributions by period" table, which reports link to.
    static func contributionRowID(_ period: Period) -> String { contributionRowID(key: period.description) }
    /// The same id from the period's text (`PeriodTexts.key`).
    static func contributionRowID(key: String) -> String { "c-" + key }
}
