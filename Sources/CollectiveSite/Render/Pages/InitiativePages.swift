import ImpactDomain
import Synchronization

/// Builds every page of one initiative from its content and its computed results.
/// A class, not a struct: every page job holds the pages it renders, and a page's model holds them in the closures it
/// passes (`outcomeItem`, `languageAlternates`); each copy of a struct retained all its stored lists and tables, and
/// its end released them again (a few thousand instructions per page, on memory both cores touch). Nothing is mutated
/// after `init`.
final class InitiativePages: Sendable {
    let content: InitiativeContent
    let results: InitiativeResults
    let frame: PageFrame
    let language: String
    let present: Present
    /// `shownReports(…)` of this language, found once: every brief looks its period's report up in it.
    let shownReports: [ReportNarrative]
    /// The texts of every period's figures, made once per indicator and shared by the pages that show them.
    let figureTable: PeriodFigureTable
    /// `initiativeHeader(from:)` but its link: the same on every page of the initiative, made once.
    let headerFields: TemplateFields
    /// `initiativeHeader(from:)` per folder.
    let headers = KeptByKey<TemplateFields>()
    /// The initiative's overview in this language (`SitePaths.initiative`), which every page's header and crumbs link.
    let initiativePath: String
    /// `partnerLink(_:from:)` of every partner from every folder, made once.
    let partnerLinks = PartnerLinkTable()
    /// The ids of partners.csv, in its order (each indicator page's columns and colours follow it).
    let partnerIDs: [String]
    /// `contributionRowID(_:)` of each of `results.periods`: a row's id names its period only, so every indicator
    /// page's "contributions by period" rows share them.
    let contributionRowIDs: [String]
    /// Each indicator's headline (`summary` but its link) and sparkline: the overview, the home page's card, the
    /// indicator's page and its partner's page show the same ones.
    let headlines = KeptByKey<TemplateFields>()
    let sparklines = KeptByKey<String>()
    /// `downloads(from:)` per folder.
    let downloadLists = KeptByKey<TemplateValue>()
    /// `newOutcomes(_:)` per period: its brief's "what changed" box and its report list them.
    let newOutcomeLists = KeptByKey<[TemplateValue]>()
    /// `facts(_:)` per indicator: its page and its JSON download show them.
    let factsByIndicator = KeptByKey<IndicatorDownloads.Facts>()

    /// Pages in another language than the site's show the initiative's texts in that language where translated
    /// (`LocalizedContent`), and the originals, marked with their language, where not.
    init(content: InitiativeContent, results: InitiativeResults, frame: PageFrame, language: String) {
        if language == frame.config.language {
            self.content = content
            self.results = results
        } else {
            (self.content, self.results) = LocalizedContent.localize(content, results, into: language,
                                                                      siteLanguage: frame.config.language)
        }
        self.frame = frame
        self.language = language
        self.shownReports = Self.shownReports(self.content.reports, language: language, siteLanguage: frame.config.language)
        self.figureTable = PeriodFigureTable(indicators: self.results.indicators.map(\.indicator.id), periods: self.results.periods)
        self.present = Present(labels: frame.labels(language),
                               locale: content.locale ?? frame.config.locale, nativeDigits: frame.config.nativeDigits)
        self.headerFields = Self.headerFields(self.content.initiative, self.results, present: present)
        self.initiativePath = SitePaths.initiative(content.initiative.slug, language: language == frame.config.language ? nil : language)
        let partners = self.content.initiative.partners
        self.partnerIDs = partners.indices.map { partners[$0].id }
        self.contributionRowIDs = self.results.periods.map(Self.contributionRowID)
    }

    var initiative: Initiative { content.initiative }
    var slug: String { initiative.slug }
    var labels: Labels { present.labels }
    /// nil for the site language, else the language folder for translated pages.
    var languageFolder: String? { language == frame.config.language ? nil : language }

    // MARK: Shared pieces

    func partnerName(_ id: String) -> String {
        if id == sharedPartnerID { return labels["shared_not_attributed"] }
        return initiative.partner(id)?.name ?? id
    }

    /// The partner's colour in every chart, legend and heat map of this initiative: its place in partners.csv, in
    /// `ChartPalette.categorical` order and then patterns. Nil for the shared part and unknown ids.
    func partnerColor(_ id: String) -> Int? {
        partnerIDs.firstIndex(of: id)
    }

    func partnerLink(_ id: String, from path: String) -> TemplateFields {
        if let known = partnerLinks.fields(id, from: path) { return known }
        let linked = id != sharedPartnerID && initiative.partner(id) != nil
        let fields: TemplateFields = ["name": .text(partnerName(id)), "id": .text(id),
                                      "href": linked ? .text(SitePaths.link(from: path, to: SitePaths.partner(slug, id, language: languageFolder))) : .null]
        partnerLinks.keep(fields, id, from: path)
        return fields
    }

    /// What a contribution without a value says: "Not reported", or "Left in 2025-Q3" for a partner that had left
    /// the initiative before the period, "Joined in 2025-Q1" for one that had not joined yet (no figure was
    /// expected: it did not fail to report).
    func notReported(_ contribution: Contribution) -> String {
        (contribution.hasLeft ? leftLabel(contribution.partner, before: nil) : nil)
            ?? (contribution.hasNotJoined ? joinedLabel(contribution.partner, after: nil) : nil) ?? labels["not_reported"]
    }

    /// "Left in 2025-Q3" ("Joined in 2025-Q1") for a period without a value of a partner's own indicator whose
    /// partner had left the initiative before it (had not joined it yet); nil otherwise.
    func ownerLeft(_ indicator: Indicator, _ period: PeriodResult) -> String? {
        guard period.value == nil, indicator.scope == .partner, let owner = indicator.partner else { return nil }
        return leftLabel(owner, before: period.period) ?? joinedLabel(owner, after: period.period)
    }

    /// "Joined in 2025-Q1" when the partner has a `joined` period (after `period`, when one is given); nil otherwise.
    func joinedLabel(_ partner: String, after period: Period?) -> String? {
        guard let joined = initiative.partner(partner)?.joined,
              period.map({ joined.kind == $0.kind && $0 < joined }) ?? true else { return nil }
        return labels.format("partner_joined_in", ["period": joined.description])
    }

    /// "Left in 2025-Q3" when the partner has a `left` period (before `period`, when one is given); nil otherwise.
    func leftLabel(_ partner: String, before period: Period?) -> String? {
        guard let left = initiative.partner(partner)?.left, period.map({ $0.isAfter(leaving: left) }) ?? true else { return nil }
        return labels.format("partner_left_in", ["period": left.description])
    }

    func crumbs(_ tail: [PageFrame.Crumb]) -> [PageFrame.Crumb] {
        [PageFrame.Crumb(label: labels["home"], path: SitePaths.home),
         PageFrame.Crumb(label: initiative.name, path: initiativePath)] + tail
    }

    /// The headline of an indicator: latest to-date value, status, target and progress, a sparkline.
    /// `sparkline: false` for pages whose template does not show the sparkline (an indicator's own page draws its
    /// trend in full; a partner page lists its indicators with their tables): drawing it would be wasted work.
    func summary(_ result: IndicatorResult, from path: String, sparkline: Bool = true) -> TemplateFields {
        let id = result.indicator.id
        var item = headlines.value(id) { headline(result) }
        item["href"] = .text(SitePaths.link(from: path, to: SitePaths.indicator(slug, id, language: languageFolder)))
        if sparkline {
            item["sparkline"] = .text(sparklines.value(id) { PageCharts.sparkline(result, present: present, id: "sp-\(slug)-\(id)") })
        }
        return item
    }

    /// What `summary` shows alike from every page: all but the link and the sparkline.
    private func headline(_ result: IndicatorResult) -> TemplateFields {
        let indicator = result.indicator
        let latest = result.latest
        // `id` and `period` also mark the figures for machines (data-indicator, data-period): the cross-page test
        // reads each shown figure back against results.json.
        var item: TemplateFields = [
            "id": .text(indicator.id),
            "name": .text(indicator.name),
            "scope": .text(present.scopeWord(indicator.scope)),
            "unit": .text(present.unit(indicator)),
            "status": present.status(result.latestStatus),
            "qualitative": .bool(indicator.measure == .qualitative),
            // Under its period table: why "To date" reads "—" (`Present.toDate`).
            "toDateNote": .optional(present.toDateNote([indicator])),
            "figureField": "to_date",
            "target": .optional(present.targetLine(indicator)),
            "period": .null, "periodLabel": .null, "progress": .null, "progressBar": .null, "caveat": .null, "partial": .null,
            // The period table is open only where a page says so (the newest breakdown).
            "open": false,
        ]
        if let latest {
            // A level measured in its period (`Present.hasFigureToDate`) is that period's figure, and marked so.
            let toDate = Present.hasFigureToDate(indicator)
            item["value"] = .text(present.value(toDate ? latest.toDate : latest.value, indicator))
            item["figureField"] = .text(toDate ? "to_date" : "value")
            item["period"] = .text(latest.period.description)
            item["periodLabel"] = .text(present.periodLabel(latest.period, indicator))
            item["periodValue"] = .text(present.valueWithCounts(latest.value, numerator: latest.numerator,
                                                                denominator: latest.denominator, indicator))
            item["progress"] = .optional(present.progressLine(latest, indicator))
            // Drawn once per indicator: the overview, the lists and the indicator's own page show the same bar.
            item["progressBar"] = .text(figureTable.progressBar(indicator.id) {
                PageCharts.progress(latest, present: present, id: "pb-\(slug)-\(indicator.id)")
            })
            if latest.deduplicated == false { item["caveat"] = .text(labels["caveat_not_deduplicated_short"]) }
            item["partial"] = .optional(partialNote(result) ?? latestPartialNote(result, latest))
        } else if indicator.measure == .qualitative {
            // A qualitative indicator is described, not counted: its headline points to its notes, and it has no
            // status to show (it is left out of the status summaries too).
            let noted = result.periods.last { !$0.notes.isEmpty }
            item["value"] = .text(noted.map { labels.format("qualitative_headline", ["period": $0.period.description]) }
                ?? labels["qualitative_no_notes"])
            item["status"] = .null
        } else {
            item["value"] = .text(labels["no_data"])
        }
        item["frequency"] = .optional(present.frequencyWord(indicator).map { labels.format("measured_every", ["every": $0]) })
        return item
    }

    /// "Showing the last 12 of 40 periods." when a chart or table shows only the recent periods.
    func historyNote(_ result: IndicatorResult, lastPeriods: Int?) -> String? {
        guard let lastPeriods, result.periods.count > lastPeriods else { return nil }
        return labels.format("history_window", ["shown": present.count(Double(lastPeriods)),
                                                "total": present.count(Double(result.periods.count))])
    }

    /// "2026-Q4 so far: 1 of 9 partners have reported, so the figures shown are for 2026-Q3." when the newest
    /// period with data is partial (`IndicatorResult.isPartial`) and headlines show an earlier one.
    func partialNote(_ result: IndicatorResult) -> String? {
        guard let latest = result.latest, let newestIndex = result.newestIndex,
              result.periods[newestIndex].period != latest.period,
              let (now, before) = result.reporting(at: newestIndex) else { return nil }
        return labels.format("partial_period_note", [
            "period": result.periods[newestIndex].period.description, "reporting": present.numbers.integer(Double(now)),
            "expected": present.numbers.integer(Double(before)), "shown": latest.period.description,
        ])
    }

    /// "3 of 4 partners reported" for a partial period; nil when complete (`Present.partialFields`).
    func partialMark(_ result: IndicatorResult, _ period: Period) -> String? { present.partialMark(result, period) }

    /// "2026-Q3 so far: 3 of 4 partners have reported." when the headline period itself is partial (a sum over
    /// periods, which is shown, not held back).
    func latestPartialNote(_ result: IndicatorResult, _ latest: PeriodResult) -> String? {
        present.partialFields(result, latest.period).map { labels.format("partial_latest_note", $0) }
    }

    /// Period-by-period rows of one indicator; a partial period says how many partners reported.
    /// The rows of every period are made once per indicator and shared (an indicator's page and its partner's page
    /// both show them).
    func periodRows(_ result: IndicatorResult, lastPeriods: Int? = nil) -> TemplateValue {
        guard let lastPeriods else { return figureTable.periodRows(result.indicator.id) { makePeriodRows(result, lastPeriods: nil) } }
        return makePeriodRows(result, lastPeriods: lastPeriods)
    }

    static let periodRowShape = TemplateFields.Shape(["key", "period", "value", "toDate", "target", "progress", "expected", "status"])

    private func makePeriodRows(_ result: IndicatorResult, lastPeriods: Int?) -> TemplateValue {
        let texts = periodTexts(result)
        // By index, into one list: a period's texts are read in place, not copied (each copy retained its every text).
        let start = texts.count - min(lastPeriods ?? texts.count, texts.count)
        var rows: [TemplateValue] = []
        rows.reserveCapacity(texts.count - start)
        for index in start..<texts.count {
            rows.append(.object(TemplateFields(Self.periodRowShape, [
                .text(texts[index].key), .text(texts[index].label), .text(texts[index].value), .text(texts[index].toDate),
                .text(texts[index].target), .text(texts[index].progress), .text(texts[index].expected), texts[index].status,
            ])))
        }
        return .list(rows)
    }

    /// The shares of one period's contributions as shown, aligned with `period.contributions`: whole percents
    /// rounded by largest remainder, so the parts shown add up to the whole shown (100%, not 99%); "—" for a
    /// contribution without a share. The table and the partner page both take their share from here.
    func shareTexts(_ period: PeriodResult) -> [String] {
        let hundredths = period.contributions.map { $0.share.map { $0 * 100 } }
        let known = hundredths.compactMap { $0 }
        guard !known.isEmpty else { return hundredths.map { _ in "—" } }
        var rounded = hundredths.map { $0.map { $0.rounded(.down) } }
        let whole = known.reduce(0, +).rounded()
        var missing = Int(whole - rounded.compactMap { $0 }.reduce(0, +))
        // Largest remainders first; ties in the order of the contributions.
        let order = hundredths.indices.filter { hundredths[$0] != nil }
            .sorted { (hundredths[$0]! - rounded[$0]!, -$0) > (hundredths[$1]! - rounded[$1]!, -$1) }
        for index in order where missing > 0 {
            rounded[index]! += 1
            missing -= 1
        }
        return rounded.map { $0.map { present.numbers.percent($0) } ?? "—" }
    }

    /// What a period's shares are a share of, as words after the percentage: "of 25,120, the partners' counts
    /// added up"; for a `decrease` indicator "of the 1,730 reported cases" (a share of cases is neither credit nor
    /// blame). nil when the indicator has no shares (scores and stages are not added up).
    func shareBase(_ period: PeriodResult, _ indicator: Indicator) -> String? {
        let base: Double?, key: String
        switch indicator.acrossPartners {
        case .sum: (base, key) = (period.value, "share_of_value")
        case .unique: (base, key) = (period.sumOfParts, "share_of_sum")
        case .ratio: (base, key) = (period.numerator, "share_of_numerators")
        case .mean, .max: return nil
        }
        guard let base else { return nil }
        let text = indicator.acrossPartners == .ratio ? present.count(base) : present.value(base, indicator)
        return labels.format(indicator.direction == .decrease ? "share_of_cases" : key, ["base": text])
    }

    /// A row of `contributionRows`' own fields, added to the partner's link (`partnerLink`, whose fields it keeps
    /// whatever they are).
    static let contributionShape = TemplateFields.Shape(["shared", "notReported", "value", "share", "target"])

    /// Each partner's part of a collective or collaboration indicator in one period.
    func contributionRows(_ period: PeriodResult, _ indicator: Indicator, from path: String) -> TemplateValue {
        let shares = shareTexts(period)
        // By offset: iterating the contributions copied each one.
        let contributions = period.contributions
        var rows: [TemplateValue] = []
        rows.reserveCapacity(contributions.count)
        for offset in contributions.indices {
            let reported = contributions[offset].value != nil
            let own = TemplateFields(Self.contributionShape, [
                .bool(contributions[offset].isShared), .bool(!reported),
                .text(reported
                    ? present.valueWithCounts(contributions[offset].value, numerator: contributions[offset].numerator,
                                              denominator: contributions[offset].denominator, indicator)
                    : notReported(contributions[offset])),
                reported ? .text(shares[offset]) : "—",
                .text(contributions[offset].target.map { present.value($0, indicator) } ?? "—"),
            ])
            rows.append(.object(partnerLink(contributions[offset].partner, from: path).overriding(with: own)))
        }
        return .list(rows)
    }

    /// Where a collective-versus-individual panel shows the periods before its own.
    enum ContributionHistory {
        /// On the indicator page: stacked bars of the recent periods (`recentPeriods`); every period is in the
        /// page's "Partner contributions by period" table (`contributionsByPeriod`), which the note under the bars
        /// links.
        case recentBars
        /// On the overview: the panel's period only, and a link to the indicator page's bars.
        case onIndicatorPage
    }

    /// Sections of an indicator page that other pages link to (their `id`s in indicator.mustache).
    enum IndicatorSection {
        static let trend = "trend"
        static let partnerBreakdown = "partner-breakdown"
        static let contributionsByPeriod = "by-period"
    }

    /// The link from `path` to an indicator's page, or to one of its sections (`IndicatorSection`).
    func indicatorLink(_ indicator: Indicator, from path: String, section: String? = nil) -> String {
        SitePaths.link(from: path, to: SitePaths.indicator(slug, indicator.id, language: languageFolder))
            + (section.map { "#" + $0 } ?? "")
    }

    /// The fields every collective-versus-individual panel has; `historyHref`, `historyLink` and `unique` are added
    /// to some.
    static let panelShape = TemplateFields.Shape([
        "id", "name", "href", "period", "value", "rule", "contributions", "shareHeader", "chart", "history", "more",
        "sumOfParts", "overlap", "depth", "depthText", "notDeduplicated", "alignment", "partial", "alignmentMissing",
    ])

    /// The collective-versus-individual figures of one period: the collective value beside the partners' counts
    /// added up, each partner's part, and (`history`) the periods before it or a link to them.
    func collectiveVersusIndividual(_ result: IndicatorResult, _ period: PeriodResult, from path: String,
                                    history: ContributionHistory) -> TemplateValue {
        let indicator = result.indicator
        // Where alignment cannot be computed, the panel says why.
        let aligned = period.targetAlignment ?? result.targetAlignment
        // In one piece from a shape; the fields set below are all in it but the three some panels add.
        var panel = TemplateFields(Self.panelShape, [
            .text(indicator.id),
            .text(indicator.name),
            .text(indicatorLink(indicator, from: path)),
            .text(period.period.description),
            .text(present.valueWithCounts(period.value, numerator: period.numerator, denominator: period.denominator, indicator)),
            .text(present.acrossPartnersRule(indicator, deduplicated: [period.deduplicated])),
            contributionRows(period, indicator, from: path),
            shareHeader(period, indicator),
            "",
            .null, .null,
            .optional(period.sumOfParts.map { present.value($0, indicator) }),
            .null, .null, .null, .null,
            .optional(present.alignmentLine(aligned)),
            .optional(partialMark(result, period.period)),
            .optional(aligned == nil ? result.alignmentGap.map { labels["alignment_gap_" + $0.rawValue] } : nil),
        ])
        switch history {
        case .recentBars:
            panel["chart"] = .text(PageCharts.contributions(result, pages: self, id: "cv-\(slug)-\(indicator.id)",
                                                            lastPeriods: Self.recentPeriods))
            if let note = historyNote(result, lastPeriods: Self.recentPeriods) {
                panel["history"] = .text(note)
                panel["historyHref"] = .text("#" + IndicatorSection.contributionsByPeriod)
                panel["historyLink"] = .text(labels["contributions_in_table"])
            }
        case .onIndicatorPage:
            // Earlier periods' contributions are on the indicator page (its bars and downloads), one click away.
            panel["more"] = ["href": .text(indicatorLink(indicator, from: path, section: IndicatorSection.partnerBreakdown)),
                             "text": .text(labels["contributions_by_period"])]
        }
        if indicator.acrossPartners == .unique {
            panel["unique"] = true
            if period.deduplicated == true {
                // sum_of_parts − value counts extra records (a person in three partners' counts is in the sum three
                // times), not people reached by more than one partner: the label and sentence say so.
                panel["overlap"] = .text(present.value(period.overlap, indicator))
                panel["depth"] = .text(present.decimal(period.depth, digits: 2))
                panel["depthText"] = .text(labels.format("overlap_text", [
                    "sum": present.value(period.sumOfParts, indicator), "overlap": present.value(period.overlap, indicator),
                    "value": present.value(period.value, indicator), "depth": present.decimal(period.depth, digits: 2),
                ]))
            } else {
                panel["notDeduplicated"] = .text(labels["caveat_not_deduplicated"])
            }
        }
        return .object(panel)
    }

    /// The header of the share column, naming its base; absent (no column) when the indicator has no shares.
    func shareHeader(_ period: PeriodResult, _ indicator: Indicator) -> TemplateValue {
        shareBase(period, indicator).map { .text(labels.format("share_header", ["of": $0])) } ?? .bool(false)
    }

    /// Disaggregation tables of one period, with suppressed cells explained.
    func disaggregations(_ period: PeriodResult, _ indicator: Indicator) -> TemplateValue {
        var byDimension: [String: [DisaggregationCell]] = [:]
        var order: [String] = []
        for cell in period.disaggregations {
            if byDimension[cell.dimension] == nil { order.append(cell.dimension) }
            byDimension[cell.dimension, default: []].append(cell)
        }
        let minimum = present.count(Double(frame.config.computation.minCellCount))
        return .list(order.map { dimension in
            [
                "dimension": .text(labels.translation("dimension_" + dimension) ?? dataText(dimension)),
                "cells": .list(byDimension[dimension, default: []].map { cell in
                    var row: TemplateFields = ["category": .text(dataText(cell.category)), "suppressed": .bool(cell.suppressed)]
                    if cell.suppressed {
                        row["value"] = .text(cell.suppression == .secondary
                            ? labels["suppressed_secondary"]
                            : labels.format("suppressed_primary", ["n": minimum]))
                    } else {
                        row["value"] = .text(present.valueWithCounts(cell.value, numerator: cell.numerator,
                                                                     denominator: cell.denominator, indicator))
                    }
                    return .object(row)
                }),
            ]
        })
    }

    /// A text in the site's language that has no translation (a breakdown's dimension or category from
    /// results.csv, the site's title, a rate's source from rates.csv): on a page in another language it is marked as being in the site's.
    func dataText(_ text: String) -> String {
        languageFolder == nil ? text : FallbackMark.wrap(text, language: frame.config.language)
    }

    /// The initiative's downloads, linked from the page at `path`: made once per folder (a relative link depends only
    /// on the folder it is followed from, and every indicator page, which lists them, is in one).
    func downloads(from path: String) -> TemplateValue {
        downloadLists.value(PartnerLinkTable.folder(of: path)) { makeDownloads(from: path) }
    }

    private func makeDownloads(from path: String) -> TemplateValue {
        .list((["results.csv", "results.json", "collaboration.json"] + (results.finance == nil ? [] : ["finance.json", "finance.csv"])).map { file in
            ["label": .text(labels["download_" + file.replacingAll(".", with: "_")]), "file": .text(file),
             "href": .text(SitePaths.link(from: path, to: SitePaths.data(slug, file)))]
        })
    }

    var collectiveResults: [IndicatorResult] { results.indicators.filter { $0.indicator.scope == .collective } }
    var collaborationResults: [IndicatorResult] { results.indicators.filter { $0.indicator.scope == .collaboration } }

    /// One link per reported period, newest first: to the report in this page's language where it is written,
    /// otherwise to the original, its title marked as being in the site's language.
    func reportLinks(from path: String) -> [TemplateValue] {
        shownReports.reversed().map { report in
            let marked = { [self] (text: String) in
                report.language == language ? text : FallbackMark.wrap(text, language: report.language)
            }
            return [
                "title": .text(marked(report.title)), "period": .text(report.period.description),
                "summary": .text(marked(report.summary)),
                "href": .text(SitePaths.link(from: path, to: SitePaths.report(slug, report.period, language: reportLanguageFolder(report)))),
            ]
        }
    }

    /// The report of each period these pages link, oldest first: in their language, else in the site's.
    static func shownReports(_ reports: [ReportNarrative], language: String, siteLanguage: String) -> [ReportNarrative] {
        var byPeriod: [Period: ReportNarrative] = [:]
        for report in reports where report.language == language || report.language == siteLanguage {
            if byPeriod[report.period]?.language != language { byPeriod[report.period] = report }
        }
        return byPeriod.values.sorted { $0.period < $1.period }
    }

    func reportLanguageFolder(_ report: ReportNarrative) -> String? {
        report.language == frame.config.language ? nil : report.language
    }

    func statusSummaryText(_ summary: StatusSummary) -> String { present.statusSummaryText(summary) }
    func statusBreakdown(_ summary: StatusSummary) -> TemplateValue { present.statusBreakdown(summary) }
}

/// A value per key (an indicator's id) made by the first page that asks for it and kept for the others, on both
/// cores. It is made outside the lock (pages of other keys are not held up); when two pages make the same key's at
/// once, the first kept is the one every page gets.
final class KeptByKey<Value: Sendable>: Sendable {
    private let kept = Mutex<[String: Value]>([:])

    func value(_ key: String, make: () -> Value) -> Value {
        if let known = kept.withLock({ $0[key] }) { return known }
        let made = make()
        return kept.withLock { kept in
            if let first = kept[key] { return first }
            kept[key] = made
            return made
        }
    }
}
