import ImpactDomain

/// An initiative's content and results with every text a backbone wrote in the page's language: the
/// translation where there is one (`initiative.<lang>.md`, `<table>.<lang>.csv`), otherwise the original, marked
/// as being in the site's language (`FallbackMark`). Figures, ids and computed results are the same objects: only
/// texts are swapped, so a translated page can never show a different number from the original page.
struct LocalizedContent {
    let translation: ContentTranslation?
    /// The language the originals are written in (the site's).
    let sourceLanguage: String

    /// The translated text, or the original marked as being in `sourceLanguage`.
    func text(_ key: TextKey, _ original: String) -> String {
        if let translated = translation?.text(key), !translated.isEmpty { return translated }
        return FallbackMark.wrap(original, language: sourceLanguage)
    }

    func cell<Column: TableColumn>(_ column: Column, _ id: String, _ original: String) -> String {
        // An outcome without an id cannot be translated (nothing to refer to it by).
        id.isEmpty ? FallbackMark.wrap(original, language: sourceLanguage) : text(.cell(column, id: id), original)
    }

    static func localize(_ content: InitiativeContent, _ results: InitiativeResults, into language: String,
                         siteLanguage: String) -> (InitiativeContent, InitiativeResults) {
        let texts = LocalizedContent(translation: content.translations[language], sourceLanguage: siteLanguage)
        var content = content
        var results = results
        var initiative = content.initiative
        initiative.name = texts.text(.frontMatter("name"), initiative.name)
        initiative.meaning = texts.text(.frontMatter("meaning"), initiative.meaning)
        initiative.country = texts.text(.frontMatter("country"), initiative.country)
        initiative.primaryActor = texts.text(.frontMatter("primary_actor"), initiative.primaryActor)
        initiative.commonGoal = texts.text(.frontMatter("common_goal"), initiative.commonGoal)
        if let agenda = texts.translation?.agenda {
            content.agenda = agenda
            content.agendaLanguage = language
        } else {
            content.agendaLanguage = siteLanguage
        }
        for index in initiative.partners.indices {
            let partner = initiative.partners[index]
            initiative.partners[index].name = texts.cell(PartnerColumn.name, partner.id, partner.name)
            initiative.partners[index].kind = texts.cell(PartnerColumn.kind, partner.id, partner.kind)
        }
        for index in initiative.workstreams.indices {
            let workstream = initiative.workstreams[index]
            initiative.workstreams[index].name = texts.cell(WorkstreamColumn.name, workstream.id, workstream.name)
            initiative.workstreams[index].goal = texts.cell(WorkstreamColumn.goal, workstream.id, workstream.goal)
        }
        // Funders' names (content/funders.csv) are site-wide and have no translation.
        for index in initiative.finance.site.funders.indices {
            initiative.finance.site.funders[index].name = FallbackMark.wrap(initiative.finance.site.funders[index].name,
                                                                            language: siteLanguage)
        }
        initiative.indicators = initiative.indicators.map(texts.indicator)
        initiative.outcomes = initiative.outcomes.map(texts.outcome)
        content.initiative = initiative
        results.initiative = initiative
        for index in results.indicators.indices {
            results.indicators[index].indicator = texts.indicator(results.indicators[index].indicator)
            // Notes in results.csv (and the qualitative narratives among them) have no translation: marked as such.
            for period in results.indicators[index].periods.indices where !results.indicators[index].periods[period].notes.isEmpty {
                results.indicators[index].periods[period].notes = results.indicators[index].periods[period].notes.map {
                    FallbackMark.wrap($0, language: siteLanguage)
                }
            }
        }
        results.systemsChange.timeline = results.systemsChange.timeline.map(texts.outcome)
        for index in results.systemsChange.conditions.indices {
            results.systemsChange.conditions[index].outcomes = results.systemsChange.conditions[index].outcomes.map(texts.outcome)
        }
        // Partner profiles (partners/<id>.md) have no translation yet: shown in the site's language, marked so.
        content.partnerNarratives = content.partnerNarratives.mapValues { narrative in
            var marked = narrative
            marked.html = "<div lang=\"\(siteLanguage)\">\n" + narrative.html + "</div>\n"
            return marked
        }
        return (content, results)
    }

    func indicator(_ indicator: Indicator) -> Indicator {
        var copy = indicator
        copy.name = cell(IndicatorColumn.name, indicator.id, indicator.name)
        copy.unit = cell(IndicatorColumn.unit, indicator.id, indicator.unit)
        copy.description = cell(IndicatorColumn.description, indicator.id, indicator.description)
        return copy
    }

    func outcome(_ outcome: Outcome) -> Outcome {
        var copy = outcome
        copy.title = cell(OutcomeColumn.title, outcome.id, outcome.title)
        copy.description = cell(OutcomeColumn.description, outcome.id, outcome.description)
        copy.evidence = cell(OutcomeColumn.evidence, outcome.id, outcome.evidence)
        return copy
    }
}
