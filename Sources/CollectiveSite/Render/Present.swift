import ImpactDomain

/// Turns domain results into the finished strings templates show. Templates never format a number or
/// decide a status; everything a reader sees as a figure is produced here, from `ImpactDomain` results.
struct Present {
    let labels: Labels
    let numbers: NumberFormat
    /// What the charts print and say, in this language.
    let chartWords: ChartWords
    /// The words of a percentage's counts (`of_counts`), split once for `valueWithCounts`; nil when no language file
    /// has them.
    private let ofCounts: CountsWords?

    /// Numbers follow the initiative's locale (en-IN groups 1,00,000); a page in another language uses that
    /// language with the same region (kn-IN: 1,00,000), in its own digits when `nativeDigits` lists the language
    /// (site.yaml `native_digits`, by default `bn`: ১,০০,০০০).
    init(labels: Labels, locale: String, nativeDigits: [String] = SiteConfig.defaultNativeDigits) {
        self.labels = labels
        self.chartWords = ChartWords(labels)
        self.ofCounts = labels.translation("of_counts").map(CountsWords.init)
        let language = labels.language
        let localeLanguage = locale.split(separator: "-").first.map(String.init) ?? locale
        if language != localeLanguage {
            let region = locale.split(separator: "-").dropFirst().first.map { "-" + $0 } ?? ""
            self.numbers = NumberFormat(locale: language + region, nativeDigits: nativeDigits.contains(language))
        } else {
            self.numbers = NumberFormat(locale: locale)
        }
    }

    // MARK: Values

    /// A value in the indicator's measure: "8,450", "62%", "৳ 1,20,000", "3.4".
    func value(_ value: Double?, _ indicator: Indicator) -> String {
        guard let value else { return labels["no_data"] }
        switch indicator.measure {
        case .percentage: return numbers.percent(value, digits: shownDigits(value, indicator))
        case .count: return numbers.count(value)
        case .amount: return numbers.amount(value, unit: indicator.unit)
        case .score: return numbers.decimal(value, digits: 1)
        case .qualitative: return labels["qualitative"]
        }
    }

    /// How many decimals `value(_:_:)` shows a value with: a percentage one below 10% (when not whole), a count one
    /// when not whole, an amount two when not whole, a score one.
    func shownDigits(_ value: Double, _ indicator: Indicator) -> Int {
        switch indicator.measure {
        case .percentage: abs(value) < 10 && value != value.rounded() ? 1 : 0
        case .count: NumberFormat.isWhole(value) ? 0 : 1
        case .amount: NumberFormat.isWhole(value) ? 0 : 2
        case .score: 1
        case .qualitative: 0
        }
    }

    /// A value as `value(_:_:)` shows it, as a number: 34.83% is 35, a score of 3.49 is 3.5. What a reader can
    /// compute from the page (a change since the period before) is computed from this, so it agrees with the
    /// figures beside it.
    func shown(_ value: Double, _ indicator: Indicator) -> Double {
        let magnitude = NumberFormat.roundedMagnitude(abs(value), fractionDigits: shownDigits(value, indicator))
        return value < 0 ? -magnitude : magnitude
    }

    /// The value with the counts beside a percentage: "62% (310 of 500)".
    func valueWithCounts(_ value: Double?, numerator: Double?, denominator: Double?, _ indicator: Indicator) -> String {
        let main = self.value(value, indicator)
        guard value != nil else { return main }
        return withCounts(main, numerator: numerator, denominator: denominator, indicator)
    }

    /// `valueWithCounts` of a value the caller has formatted already (`main`, its `value`).
    private func withCounts(_ main: String, numerator: Double?, denominator: Double?, _ indicator: Indicator) -> String {
        guard indicator.measure == .percentage, let numerator, let denominator else { return main }
        let (numeratorText, denominatorText) = (numbers.count(numerator), numbers.count(denominator))
        guard let ofCounts else {
            // Asked for by name, so that strict mode reports the missing label.
            return concatenated(main, " ", labels.format("of_counts", ["numerator": numeratorText, "denominator": denominatorText]))
        }
        return ofCounts.text(after: main, numerator: numeratorText, denominator: denominatorText)
    }

    /// The unit after a value, unless the measure already says it (percent, amount with a currency).
    func unit(_ indicator: Indicator) -> String {
        switch indicator.measure {
        case .percentage, .amount, .qualitative: ""
        case .count, .score: indicator.unit
        }
    }

    /// An amount of money with its ISO currency code: whole units from 100 up ("12,50,000 BDT"), cents below
    /// ("10.75 USD", a cost per person); "—" when absent.
    func money(_ amount: Double?, _ currency: String) -> String {
        guard let amount else { return "—" }
        let rounded = abs(amount) >= 100 ? amount.rounded() : (amount * 100).rounded() / 100
        return numbers.amount(rounded, unit: currency)
    }

    func share(_ fraction: Double?) -> String {
        guard let fraction else { return "—" }
        return numbers.share(fraction)
    }

    func decimal(_ value: Double?, digits: Int = 1) -> String {
        guard let value else { return "—" }
        return numbers.decimal(value, digits: digits)
    }

    func count(_ value: Double?) -> String {
        guard let value else { return "—" }
        return numbers.count(value)
    }

    // MARK: Completeness

    /// The words of a partial period (`IndicatorResult.isPartial`: fewer partners reported than were due), the
    /// one source of every page's and chart's mark: `{period}`, `{reporting}`, `{expected}`; nil when complete.
    func partialFields(_ result: IndicatorResult, _ period: Period) -> KeyValuePairs<String, String>? {
        guard let index = result.offset(of: period), result.isPartial(at: index),
              let (now, before) = result.reporting(at: index) else { return nil }
        return ["period": period.description, "reporting": numbers.integer(Double(now)),
                "expected": numbers.integer(Double(before))]
    }

    /// "3 of 4 partners reported" for a partial period; nil when complete.
    func partialMark(_ result: IndicatorResult, _ period: Period) -> String? {
        partialFields(result, period).map { labels.format("partial_reported", $0) }
    }

    // MARK: Due periods

    /// What a period without a value says: "Not due" when the indicator is not measured in it (`frequency`),
    /// "Not reported" when it was due.
    func missing(_ period: PeriodResult) -> String { labels[period.isDue ? "not_reported" : "not_due"] }

    /// A period's value with its counts, or what its absence means (`missing`).
    func periodValue(_ period: PeriodResult, _ indicator: Indicator) -> String {
        periodValue(period, indicator, formatted: period.value.map { value($0, indicator) })
    }

    /// `periodValue` of a period whose value the caller has formatted already: `formatted` is
    /// `value(period.value, indicator)`, nil when the period has no value.
    func periodValue(_ period: PeriodResult, _ indicator: Indicator, formatted: String?) -> String {
        guard let formatted else { return indicator.measure == .qualitative ? value(nil, indicator) : missing(period) }
        return withCounts(formatted, numerator: period.numerator, denominator: period.denominator, indicator)
    }

    /// A period's status; "Not due" for a period without a value in which the indicator is not measured.
    func periodStatus(_ period: PeriodResult) -> TemplateValue {
        guard !period.isDue, period.value == nil else { return status(period.status) }
        return ["key": "not_due", "label": .text(labels["not_due"])]
    }

    /// "Measured every half year" for an indicator with a `frequency`; nil for one measured every period.
    func frequencyWord(_ indicator: Indicator) -> String? {
        indicator.frequency.map { labels["frequency_" + $0.rawValue] }
    }

    // MARK: Status

    /// A status badge: its key (the stylesheet draws the chart's marker shape and colour for it) and its word.
    func status(_ status: Status) -> TemplateValue {
        ["key": .text(status.rawValue), "label": .text(labels["status_" + status.rawValue])]
    }

    /// "7 of 12 on track or achieved".
    func statusSummaryText(_ summary: StatusSummary) -> String {
        labels.format("summary_on_track", ["n": count(Double(summary.onTrackOrAchieved)), "total": count(Double(summary.total))])
    }

    /// Non-empty status counts, in status order.
    func statusBreakdown(_ summary: StatusSummary) -> TemplateValue {
        .list([(Status.achieved, summary.achieved), (.onTrack, summary.onTrack), (.atRisk, summary.atRisk),
               (.offTrack, summary.offTrack), (.noData, summary.noData)]
            .filter { $0.1 > 0 }
            .map { ["status": status($0.0), "count": .text(count(Double($0.1)))] })
    }

    // MARK: Words

    /// The aggregation rule in plain words. For a `unique` indicator it says what was done with the periods in
    /// question (`deduplicated` of each), never "each person is counted once" beside a figure that adds the
    /// partners' counts up: one period (the panel of a period) or all of them (the indicator's definition).
    func acrossPartnersRule(_ indicator: Indicator, deduplicated: [Bool?] = []) -> String {
        if indicator.scope == .partner { return labels.format("rule_partner_own", ["partner": indicator.partner ?? ""]) }
        guard indicator.acrossPartners == .unique else { return labels["rule_partners_" + indicator.acrossPartners.rawValue] }
        switch Deduplication(deduplicated) {
        case .all: return labels["rule_partners_unique"]
        case .none: return labels["rule_partners_unique_none"]
        case .some: return labels["rule_partners_unique_some"]
        }
    }

    /// Whether the periods of a `unique` indicator carry the backbone's deduplicated count: in all, some or none.
    enum Deduplication {
        case all, some, none
        init(_ flags: [Bool?]) {
            let known = flags.compactMap { $0 }
            if known.allSatisfy({ $0 }) { self = .all } else if known.contains(true) { self = .some } else { self = .none }
        }
    }

    func acrossPeriodsRule(_ indicator: Indicator) -> String { labels["rule_periods_" + indicator.acrossPeriods.rawValue] }

    func measureWord(_ indicator: Indicator) -> String { labels["measure_" + indicator.measure.rawValue] }
    func scopeWord(_ scope: Scope) -> String { labels["scope_" + scope.rawValue] }
    func directionWord(_ indicator: Indicator) -> String { labels["direction_" + indicator.direction.rawValue] }
    func conditionWord(_ condition: SystemsCondition) -> String { labels["condition_" + condition.rawValue] }
    func collaborationWord(_ kind: CollaborationKind) -> String { labels["collab_" + kind.rawValue] }

    /// "What you should know" about an indicator's figures: honest caveats, computed from the results.
    func caveats(_ result: IndicatorResult, minCellCount: Int) -> [String] {
        let indicator = result.indicator
        var notes: [String] = []
        if indicator.scope != .partner {
            switch indicator.acrossPartners {
            case .unique:
                // The same three cases as the rule beside it, so the two never contradict each other.
                switch Deduplication(result.periods.filter { $0.value != nil }.map(\.deduplicated)) {
                case .all: notes.append(labels["caveat_deduplicated"])
                case .some: notes.append(labels["caveat_deduplicated_some"])
                case .none: notes.append(labels["caveat_not_deduplicated"])
                }
            case .sum:
                notes.append(labels["caveat_sum"])
                if Self.anyContribution(result.periods, shared: true) { notes.append(labels["caveat_shared"]) }
            case .ratio: notes.append(labels["caveat_ratio"])
            case .mean: notes.append(labels["caveat_mean"])
            case .max: notes.append(labels["caveat_max"])
            }
            if Self.anyContribution(result.periods, shared: false) { notes.append(labels["caveat_not_reported"]) }
        }
        if indicator.acrossPeriods == .sum && indicator.measure == .count {
            notes.append(labels["caveat_periods_sum"])
        }
        if result.periods.contains(where: { $0.disaggregations.contains { $0.suppressed } }) {
            notes.append(labels.format("caveat_suppressed", ["n": numbers.count(Double(minCellCount))]))
        }
        if indicator.measure == .qualitative { notes.append(labels["caveat_qualitative"]) }
        notes.append(labels["caveat_attribution"])
        return notes
    }

    /// Whether a period has a shared part with a value (`shared`), or (not `shared`) whether a period with a value has
    /// a partner that did not report and had not left (nor was yet to join). Each contribution's fields are read in place, its partner
    /// compared with `sharedPartnerID` taken once (`isShared`): `contains(where:)`, or a call between reading a
    /// contribution and using it, copied the contribution (retaining its partner id), for every period of every
    /// indicator page.
    private static func anyContribution(_ periods: [PeriodResult], shared: Bool) -> Bool {
        let sharedID = sharedPartnerID
        for index in periods.indices where shared || periods[index].value != nil {
            let contributions = periods[index].contributions
            for offset in contributions.indices {
                let partner = contributions[offset].partner, reported = contributions[offset].value != nil
                let found = shared ? reported && partner == sharedID
                    : !reported && !contributions[offset].hasLeft && !contributions[offset].hasNotJoined && partner != sharedID
                if found { return true }
            }
        }
        return false
    }

    /// When a headline's figure is from: "To date, through 2026-Q3", or "In 2026-Q3" for a figure that has no
    /// figure to date (`hasFigureToDate`): 35% of one quarter's survey is not a result to date.
    func periodLabel(_ period: Period, _ indicator: Indicator) -> String {
        guard Self.hasFigureToDate(indicator) else { return labels.format("in_period", ["period": period.description]) }
        return labels["to_date_through"] + " " + period.description
    }

    /// Whether the indicator has a figure "to date" distinct from a level in one period. Flows add up (`sum`),
    /// `max` and `mean` run over the periods so far, and a `latest` count or amount is a running total since the
    /// start (people reached, a balance). A `latest` percentage, ratio or score is a level measured in its period
    /// (this quarter's placement rate, this year's trust rating): its to-date value is only the latest period's,
    /// so the pages show it as that period's figure and never as a result to date.
    static func hasFigureToDate(_ indicator: Indicator) -> Bool {
        guard indicator.acrossPeriods == .latest else { return true }
        return !(indicator.measure == .percentage || indicator.measure == .score || indicator.acrossPartners == .ratio)
    }

    /// A period's "To date" cell, the same on every page (period tables, reports, briefs): the to-date value, or
    /// "—" where the indicator has no figure to date (`hasFigureToDate`; the table's note says why).
    func toDate(_ period: PeriodResult, _ indicator: Indicator) -> String {
        Self.hasFigureToDate(indicator) ? value(period.toDate, indicator) : "—"
    }

    /// `toDate` of a period whose value the caller has formatted already (`formatted`: `value(period.value,
    /// indicator)`, nil without one), used as it is where the figure to date is that same number.
    func toDate(_ period: PeriodResult, _ indicator: Indicator, formatted: String?) -> String {
        if let formatted, Self.hasFigureToDate(indicator), period.toDate == period.value { return formatted }
        return toDate(period, indicator)
    }

    /// The note under a table whose "To date" column has a "—" of `toDate`; nil when none of `indicators` has one.
    func toDateNote(_ indicators: [Indicator]) -> String? {
        toDateNote(needed: indicators.contains(where: Self.hasDashToDate))
    }

    /// `toDateNote` of a table of which the caller knows whether a row has a "—" of `toDate` (`hasDashToDate`).
    func toDateNote(needed: Bool) -> String? { needed ? labels["to_date_level_note"] : nil }

    /// Whether the indicator's "To date" cells read "—" (it has no figure to date, `hasFigureToDate`), which
    /// `toDateNote` explains; a qualitative indicator has no figures at all.
    static func hasDashToDate(_ indicator: Indicator) -> Bool {
        !hasFigureToDate(indicator) && indicator.measure != .qualitative
    }

    /// "Target 10,000 by 2026-Q4 (baseline 0 in 2024-Q1)".
    func targetLine(_ indicator: Indicator) -> String? {
        guard let target = indicator.target else { return nil }
        let targetText = value(target, indicator), period = indicator.targetPeriod?.description ?? "—"
        if let baseline = indicator.baseline {
            return labels.format("target_with_baseline", ["target": targetText, "period": period,
                                                          "baseline": value(baseline, indicator),
                                                          "baseline_period": indicator.baselinePeriod?.description ?? "—"])
        }
        return labels.format("target_only", ["target": targetText, "period": period])
    }

    /// The one target of a period (its milestone, else the end target), labelled: "22,000 (milestone)",
    /// "60,000 by 2027-Q4"; "—" without one. Progress and status beside it are against this same target.
    func periodTarget(_ period: PeriodResult, _ indicator: Indicator) -> String {
        guard let target = period.target else { return "—" }
        if period.targetIsMilestone { return labels.format("target_milestone", ["target": value(target, indicator)]) }
        guard let end = indicator.targetPeriod else { return value(target, indicator) }
        return labels.format("target_end", ["target": value(target, indicator), "period": end.description])
    }

    /// "62% of the way to target; 70% expected by now", or against the period's milestone: "33% of the way to
    /// the 2025-Q4 milestone of 22,000".
    func progressLine(_ period: PeriodResult?, _ indicator: Indicator) -> String? {
        guard let period, let progress = period.progress else { return nil }
        if period.targetIsMilestone, let target = period.target {
            return labels.format("progress_milestone", ["progress": numbers.share(progress), "period": period.period.description,
                                                        "target": value(target, indicator)])
        }
        if let expected = period.expected {
            return labels.format("progress_expected", ["progress": numbers.share(progress), "expected": numbers.share(expected)])
        }
        return labels.format("progress_only", ["progress": numbers.share(progress)])
    }

    /// "0.84 — partners have committed to 84% of the shared target".
    func alignmentLine(_ alignment: Double?) -> String? {
        guard let alignment else { return nil }
        let key = alignment < 0.995 ? "alignment_under" : (alignment > 1.005 ? "alignment_over" : "alignment_exact")
        return labels.format(key, ["share": numbers.share(alignment)])
    }
}
