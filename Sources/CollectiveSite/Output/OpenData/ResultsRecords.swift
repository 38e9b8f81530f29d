import ImpactDomain

/// The records of results.json and results.csv (and of each indicator's own download), each field listed once.
///
/// results.csv is the JSON made flat: each row starts with the indicator's columns (`ResultsIndicatorColumn`), then
/// `ResultsRowColumn`'s; a period's `total` row is followed by a row per contribution and per disaggregation
/// cell, which the JSON nests in the period.
enum ResultsRecords {
    /// The indicator's definition: the first columns of each of its rows in the CSV; the indicator's object, before
    /// its `periods`, in the JSON.
    static func indicator<Sink: RecordSink>(_ result: IndicatorResult, into sink: inout Sink)
    where Sink.Column == ResultsIndicatorColumn {
        let indicator = result.indicator
        sink.field(.indicator, key: "id", indicator.id)
        sink.field(.indicatorName, key: "name", indicator.name)
        sink.field(.scope, indicator.scope.rawValue)
        // The rest of the definition and the indicator's targets are in the JSON only: the CSV repeats the
        // indicator's columns on every row and keeps to what a reader filters by.
        sink.jsonOnly("partner", indicator.scope == .partner ? indicator.partner : nil)
        sink.jsonOnly("workstream", indicator.workstream)
        sink.field(.measure, indicator.measure.rawValue)
        sink.field(.unit, indicator.unit)
        sink.field(.direction, indicator.direction.rawValue)
        sink.field(.acrossPartners, indicator.acrossPartners.rawValue)
        sink.field(.acrossPeriods, indicator.acrossPeriods.rawValue)
        sink.jsonOnly("baseline", indicator.baseline)
        sink.jsonOnly("baseline_period", indicator.baselinePeriod?.description)
        sink.jsonOnly("target", indicator.target)
        sink.jsonOnly("target_period", indicator.targetPeriod?.description)
        if indicator.scope != .partner { sink.jsonOnly("target_alignment", result.targetAlignment) }
    }

    /// One period of an indicator: the `total` row of the CSV; one element of the indicator's `periods` in the JSON.
    static func period<Sink: NestingSink & ~Copyable>(_ period: PeriodResult, of result: IndicatorResult, at index: Int,
                                          into sink: inout Sink) where Sink.Column == ResultsRowColumn {
        sink.field(.period, period.period.description)
        sink.field(.value, period.value)
        sink.field(.toDate, period.toDate)
        sink.field(.numerator, period.numerator)
        sink.field(.denominator, period.denominator)
        sink.field(.target, period.target)
        sink.field(.targetKind, targetKind(period))
        sink.field(.progress, period.progress)
        sink.field(.expected, period.expected)
        sink.field(.status, period.status.rawValue)
        // Collective and collaboration indicators only: a partner indicator has none of these (nil in the domain).
        if result.indicator.scope != .partner {
            let reported = period.value != nil
            sink.field(.sumOfParts, period.sumOfParts)
            sink.field(.overlap, period.overlap)
            sink.field(.depth, period.depth)
            sink.field(.deduplicated, period.deduplicated)
            sink.field(.partnersReporting, reported ? Double(period.partnersReporting) : nil)
            sink.field(.partial, reported ? result.isPartial(at: index) : nil)
            sink.field(.headlineHeldBack, reported ? result.isHeadlineHeldBack(at: index) : nil)
            sink.field(.targetAlignment, period.targetAlignment)
            sink.nested("contributions", period.contributions, kind: "contribution") { contribution($0, into: &$1) }
        }
        sink.nested("disaggregations", period.disaggregations, kind: "disaggregation") { disaggregation($0, into: &$1) }
        sink.field(.notes, period.notes)
        // Only when false: absent (an empty cell) means it was due (`frequency`), so a period's empty value reads as
        // "not due" rather than "not reported" in both files. Last, as its column is the CSV's newest.
        if !period.isDue { sink.field(.due, false) }
    }

    /// One partner's part of a period (or the backbone's deduplicated `*`).
    static func contribution<Sink: RecordSink & ~Copyable>(_ contribution: Contribution, into sink: inout Sink)
    where Sink.Column == ResultsRowColumn {
        sink.field(.partner, contribution.partner)
        sink.field(.value, contribution.value)
        sink.field(.numerator, contribution.numerator)
        sink.field(.denominator, contribution.denominator)
        sink.field(.share, contribution.share, then: .target, contribution.target)
        if contribution.hasLeft { sink.field(.left, true) }  // only then: absent means it took part
    }

    /// One disaggregation cell; a suppressed cell has no figures and says why.
    static func disaggregation<Sink: RecordSink & ~Copyable>(_ cell: DisaggregationCell, into sink: inout Sink)
    where Sink.Column == ResultsRowColumn {
        sink.field(.dimension, cell.dimension)
        sink.field(.category, cell.category)
        sink.field(.value, cell.value)
        sink.field(.numerator, cell.numerator)
        sink.field(.denominator, cell.denominator)
        sink.field(.suppressed, cell.suppressed)
        sink.field(.suppression, cell.suppression?.rawValue)
    }

    /// Which target a period's `target` is: `milestone` (its targets.csv row), `end` (the end target), nil without one.
    static func targetKind(_ period: PeriodResult) -> String? {
        period.target == nil ? nil : period.targetIsMilestone ? "milestone" : "end"
    }
}

/// results.csv's first columns: the indicator's definition, the same on each of its rows.
enum ResultsIndicatorColumn: Int, OpenDataColumn {
    case indicator, indicatorName, scope, measure, unit, direction, acrossPartners, acrossPeriods

    static let names = ColumnNames(Self.self)
}

/// results.csv's columns after the indicator's, in order; a new column goes last, as readers may count positions.
/// `row` (`total`, `contribution`, `disaggregation`) is the CSV's own: the JSON says the same by nesting; a
/// contribution's or a cell's `period` is its period's.
enum ResultsRowColumn: Int, OpenDataColumn {
    case period, row, partner, dimension, category, value, toDate, numerator, denominator, target, targetKind, progress,
         expected, status, sumOfParts, overlap, depth, deduplicated, partnersReporting, partial, headlineHeldBack,
         targetAlignment, share, suppressed, suppression, notes, left, due

    static let names = ColumnNames(Self.self)
}
