import ImpactDomain

/// What the workbook tells the person filling it in, column by column: a short note on each header cell, which
/// columns hold figures (number cells), which hold periods or dates (formatted as Text, so Excel leaves
/// `2025-07` alone), and the drop-down list of each column with a fixed vocabulary or ids from another sheet.
/// The vocabularies come from the domain's own types, so a list always matches what `check` accepts.
struct SheetLayout {
    enum Kind { case text, number, general }

    struct List {
        /// `"a,b,c"` (a fixed vocabulary) or `partners!$A$2:$A$5000` (the ids of another sheet).
        var formula: String
        var isReference: Bool
        var error: String
    }

    struct Column {
        var name: String
        var note: String
        var kind: Kind
        var width: Int
        var list: List?
    }

    let columns: [Column]
    var hasNotes: Bool { columns.contains { !$0.note.isEmpty } }

    /// - Parameter tables: every sheet of the workbook with its header, for lists of ids from another sheet.
    init(table: String, header: [String], tables: [String: [String]]) {
        columns = header.map { written in
            let name = CSVHeader.normalized(written)
            let note = Self.notes["\(table).\(name)"] ?? Self.notes[name] ?? ""
            let kind: Kind = Self.numberColumns.contains(name) ? .number
                : SheetScanner.isPeriodColumn(name) || name == "date" || name == "reported_on" ? .text : .general
            var list: List?
            if let words = Self.vocabularies["\(table).\(name)"] {
                list = List(formula: "\"" + words.joined(separator: ",") + "\"", isReference: false,
                            error: "Choose one of: " + words.joined(separator: ", "))
            } else if let source = Self.idSources["\(table).\(name)"], let sheet = tables[source],
                      let index = sheet.firstIndex(where: { CSVHeader.normalized($0) == "id" }) {
                let letter = SheetCSV.columnName(index)
                list = List(formula: "\(source)!$\(letter)$2:$\(letter)$5000", isReference: true,
                            error: "Not an id from the \(source) sheet. Continue only for * (the initiative as a whole) or an id you will add there.")
            }
            let width = name == "description" || name == "note" || name == "goal" || name == "evidence" ? 40
                : max(10, min(30, name.count + 4))
            return Column(name: name, note: note, kind: kind, width: width, list: list)
        }
    }

    func kind(_ index: Int) -> Kind { index < columns.count ? columns[index].kind : .general }

    /// Columns whose values are figures: written as number cells.
    static let numberColumns: Set<String> = ["value", "numerator", "denominator", "baseline", "target", "count", "amount"]

    static let vocabularies: [String: [String]] = [
        "partners.role": PartnerRole.allCases.map(\.rawValue),
        "indicators.scope": Scope.allCases.map(\.rawValue),
        "indicators.measure": Measure.allCases.map(\.rawValue),
        "indicators.direction": Direction.allCases.map(\.rawValue),
        "indicators.across_partners": AcrossPartners.allCases.map(\.rawValue),
        "indicators.across_periods": AcrossPeriods.allCases.map(\.rawValue),
        "collaboration.kind": CollaborationKind.allCases.map(\.rawValue),
        "outcomes.condition": SystemsCondition.allCases.map(\.rawValue),
        "funding.kind": FundingKind.allCases.map(\.rawValue),
    ]

    /// Columns that hold one id from another sheet.
    static let idSources: [String: String] = [
        "workstreams.lead": "partners",
        "indicators.partner": "partners",
        "indicators.workstream": "workstreams",
        "results.indicator": "indicators",
        "results.partner": "partners",
        "targets.indicator": "indicators",
        "targets.partner": "partners",
        "collaboration.from": "partners",
        "collaboration.to": "partners",
        "funding.recipient": "partners",
        "spending.partner": "partners",
        "spending.workstream": "workstreams",
    ]

    static let periodNote = "A period: 2025-Q3 (a quarter), 2025-07 (a month) or 2025 (a year). The column is formatted as Text, so Excel does not turn it into a date."

    /// Notes by `table.column`, or by column alone when it means the same in every table.
    static let notes: [String: String] = [
        "partners.id": "A short id for this partner, used in the other sheets: letters, digits, - and _ (e.g. mwangaza).",
        "partners.name": "The partner's name as readers should see it.",
        "partners.role": "backbone (one row: the organisation that runs the initiative) or implementing.",
        "partners.kind": "Optional: what kind of organisation (NGO, social enterprise, government agency…).",
        "partners.joined": "The period it joined: 2025-Q3, 2025-07 or 2025 (a year means from its first period). Formatted as Text.",
        "partners.left": "Optional: the last period it took part in; leave empty while it takes part. Formatted as Text.",
        "workstreams.id": "A short id for this workstream: letters, digits, - and _.",
        "workstreams.name": "The workstream's name as readers should see it.",
        "workstreams.lead": "The id of the partner that leads it (from the partners sheet).",
        "workstreams.supporting": "Optional: ids of the partners that support it, separated by ; (e.g. nari; taf).",
        "workstreams.goal": "What the workstream sets out to change, in one sentence.",
        "indicators.id": "A short id for this indicator: letters, digits, - and _.",
        "indicators.name": "The indicator's name as readers should see it.",
        "indicators.scope": "partner (one partner's own result), collective (the common goal) or collaboration.",
        "indicators.partner": "Only for scope partner: the id of the partner whose result it measures.",
        "indicators.workstream": "Optional: the id of its workstream (from the workstreams sheet).",
        "indicators.measure": "count, percentage (write 35 for 35 %, not 0.35), amount, score or qualitative.",
        "indicators.unit": "What is counted, e.g. women, %, BDT.",
        "indicators.direction": "increase (more is better) or decrease. Empty means increase.",
        "indicators.across_partners": "How partners' figures combine: sum; unique (a deduplicated count: the backbone reports it in a * row); ratio (sum of numerators ÷ sum of denominators); mean; max. May be empty for scope partner.",
        "indicators.across_periods": "How periods combine: sum (flows, e.g. people trained each quarter), latest (stocks, cumulative counts, percentages), max or mean.",
        "indicators.baseline": "Optional: the value before the initiative, as a number.",
        "indicators.baseline_period": "Optional: the period of the baseline. Formatted as Text.",
        "indicators.target": "Optional: the value to reach, as a number (35 for 35 %).",
        "indicators.target_period": "Optional: the period by which to reach the target. Formatted as Text.",
        "indicators.description": "What the indicator measures and how it is counted, in plain words.",
        "indicators.frequency": "Optional: how often it is measured: month, quarter, half or year; empty: every period. A period in which it is not due shows as not due.",
        "indicators.within": "Optional: the id of an indicator this one counts a part of (women protected within women reached); a value above the whole's is warned.",
        "results.indicator": "The id of the indicator (from the indicators sheet).",
        "results.partner": "The id of the reporting partner, or * for the initiative as a whole (the backbone's deduplicated total).",
        "results.period": periodNote,
        "results.value": "The figure, as a number (35 for 35 %, not 0.35). May be empty for a qualitative indicator, or when numerator and denominator are given.",
        "results.numerator": "For a ratio indicator: the count above the line (e.g. women placed).",
        "results.denominator": "For a ratio indicator: the count below the line (e.g. women trained).",
        "results.dimension": "Optional breakdown: what the figure is split by, e.g. gender.",
        "results.category": "Optional breakdown: which part this row is, e.g. women.",
        "results.note": "Optional: what a reader should know about this figure.",
        "results.reported_by": "Optional: who reported this row (a person or organisation).",
        "results.reported_on": "Optional: the day it was reported: YYYY-MM-DD. Formatted as Text.",
        "targets.indicator": "The id of the indicator (from the indicators sheet).",
        "targets.partner": "Optional: a partner's own target; empty for the initiative's.",
        "targets.period": "Optional: the period this milestone is for; empty for the end target. Formatted as Text.",
        "targets.target": "The value to reach, as a number.",
        "collaboration.period": periodNote,
        "collaboration.from": "The id of the partner that referred, shared or worked with the other.",
        "collaboration.to": "The id of the other partner.",
        "collaboration.kind": "What passed between them: \(CollaborationKind.allCases.map(\.rawValue).joined(separator: ", ")).",
        "collaboration.count": "How many times in the period, as a number.",
        "outcomes.date": "The day it happened: YYYY-MM-DD, e.g. 2025-03-31. Formatted as Text.",
        "outcomes.title": "What changed, in one line.",
        "outcomes.condition": "Which condition of systems change it shifted: \(SystemsCondition.allCases.map(\.rawValue).joined(separator: ", ")).",
        "outcomes.partners": "Ids of the partners involved, separated by ;.",
        "outcomes.description": "What happened and why it matters.",
        "outcomes.evidence": "A link or reference that shows it happened.",
        "funding.funder": "The id of the funder, from the site's funders.csv.",
        "funding.recipient": "The id of the partner that receives the money (the backbone is a partner), or * for a pooled fund the backbone holds and has not yet allocated.",
        "funding.period": periodNote,
        "funding.kind": "commitment (pledged for that period) or disbursement (paid in that period).",
        "funding.amount": "The amount, as a number, without currency signs or separators.",
        "funding.currency": "Optional: the ISO code (USD, BDT, INR) when it is not the initiative's currency.",
        "funding.note": "Optional: what a reader should know about this amount.",
        "spending.partner": "The id of the partner that spent it (the backbone included).",
        "spending.period": periodNote,
        "spending.workstream": "Optional: the id of the workstream it was spent on.",
        "spending.amount": "The amount spent on the initiative in the period, as a number.",
        "spending.currency": "Optional: the ISO code (USD, BDT, INR) when it is not the initiative's currency.",
        "spending.note": "Optional: what a reader should know about this amount.",
    ]
}
