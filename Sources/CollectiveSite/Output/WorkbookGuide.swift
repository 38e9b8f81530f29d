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
            let key = ColumnKey(table: table, name: name)
            let kind: Kind = Self.numberColumns.contains(key) ? .number
                : SheetScanner.isPeriodColumn(name) || Self.dateColumns.contains(key) ? .text : .general
            var list: List?
            if let words = Self.vocabularies[key] {
                list = List(formula: "\"" + words.joined(separator: ",") + "\"", isReference: false,
                            error: "Choose one of: " + words.joined(separator: ", "))
            } else if let source = Self.idSources[key], let sheet = tables[source.table],
                      let index = sheet.firstIndex(where: { CSVHeader.normalized($0) == source.name }) {
                let letter = SheetCSV.columnName(index)
                list = List(formula: "\(source.table)!$\(letter)$2:$\(letter)$5000", isReference: true,
                            error: "Not an id from the \(source.table) sheet. Continue only for * (the initiative as a whole) or an id you will add there.")
            }
            let width = Self.wideColumns.contains(key) ? 40 : max(10, min(30, name.count + 4))
            return Column(name: name, note: Self.notes[key] ?? "", kind: kind, width: width, list: list)
        }
    }

    func kind(_ index: Int) -> Kind { index < columns.count ? columns[index].kind : .general }

    /// One column of one table, as the guide's lists name it.
    struct ColumnKey: Hashable {
        var table: String
        var name: String
    }

    /// Columns whose values are figures: written as number cells.
    static let numberColumns: Set<ColumnKey> = [
        ResultsColumn.value.key, ResultsColumn.numerator.key, ResultsColumn.denominator.key, IndicatorColumn.baseline.key,
        IndicatorColumn.target.key, TargetColumn.target.key, CollaborationColumn.count.key, FundingColumn.amount.key,
        SpendingColumn.amount.key,
    ]

    /// Columns of days (`YYYY-MM-DD`), formatted as Text like the periods (`SheetScanner.isPeriodColumn`).
    static let dateColumns: Set<ColumnKey> = [OutcomeColumn.date.key, ResultsColumn.reportedOn.key]

    /// Columns of sentences: wider than the rest.
    static let wideColumns: Set<ColumnKey> = [
        IndicatorColumn.description.key, OutcomeColumn.description.key, ResultsColumn.note.key, FundingColumn.note.key,
        SpendingColumn.note.key, WorkstreamColumn.goal.key, OutcomeColumn.evidence.key,
    ]

    static let vocabularies: [ColumnKey: [String]] = [
        PartnerColumn.role.key: PartnerRole.allCases.map(\.rawValue),
        IndicatorColumn.scope.key: Scope.allCases.map(\.rawValue),
        IndicatorColumn.measure.key: Measure.allCases.map(\.rawValue),
        IndicatorColumn.direction.key: Direction.allCases.map(\.rawValue),
        IndicatorColumn.acrossPartners.key: AcrossPartners.allCases.map(\.rawValue),
        IndicatorColumn.acrossPeriods.key: AcrossPeriods.allCases.map(\.rawValue),
        CollaborationColumn.kind.key: CollaborationKind.allCases.map(\.rawValue),
        OutcomeColumn.condition.key: SystemsCondition.allCases.map(\.rawValue),
        FundingColumn.kind.key: FundingKind.allCases.map(\.rawValue),
    ]

    /// Columns that hold one id from another sheet: the column of ids they take theirs from.
    static let idSources: [ColumnKey: ColumnKey] = [
        WorkstreamColumn.lead.key: PartnerColumn.id.key,
        IndicatorColumn.partner.key: PartnerColumn.id.key,
        IndicatorColumn.workstream.key: WorkstreamColumn.id.key,
        ResultsColumn.indicator.key: IndicatorColumn.id.key,
        ResultsColumn.partner.key: PartnerColumn.id.key,
        TargetColumn.indicator.key: IndicatorColumn.id.key,
        TargetColumn.partner.key: PartnerColumn.id.key,
        CollaborationColumn.from.key: PartnerColumn.id.key,
        CollaborationColumn.to.key: PartnerColumn.id.key,
        FundingColumn.recipient.key: PartnerColumn.id.key,
        SpendingColumn.partner.key: PartnerColumn.id.key,
        SpendingColumn.workstream.key: WorkstreamColumn.id.key,
    ]

    static let periodNote = "A period: 2025-Q3 (a quarter), 2025-07 (a month) or 2025 (a year). The column is formatted as Text, so Excel does not turn it into a date."

    /// The note on each column's header cell, table by table.
    static let notes: [ColumnKey: String] = [
        keyed(PartnerColumn.self, [
            .id: "A short id for this partner, used in the other sheets: letters, digits, - and _ (e.g. mwangaza).",
            .name: "The partner's name as readers should see it.",
            .role: "backbone (one row: the organisation that runs the initiative) or implementing.",
            .kind: "Optional: what kind of organisation (NGO, social enterprise, government agency…).",
            .joined: "The period it joined: 2025-Q3, 2025-07 or 2025 (a year means from its first period). Formatted as Text.",
            .left: "Optional: the last period it took part in; leave empty while it takes part. Formatted as Text.",
        ]),
        keyed(WorkstreamColumn.self, [
            .id: "A short id for this workstream: letters, digits, - and _.",
            .name: "The workstream's name as readers should see it.",
            .lead: "The id of the partner that leads it (from the partners sheet).",
            .supporting: "Optional: ids of the partners that support it, separated by ; (e.g. nari; taf).",
            .goal: "What the workstream sets out to change, in one sentence.",
        ]),
        keyed(IndicatorColumn.self, [
            .id: "A short id for this indicator: letters, digits, - and _.",
            .name: "The indicator's name as readers should see it.",
            .scope: "partner (one partner's own result), collective (the common goal) or collaboration.",
            .partner: "Only for scope partner: the id of the partner whose result it measures.",
            .workstream: "Optional: the id of its workstream (from the workstreams sheet).",
            .measure: "count, percentage (write 35 for 35 %, not 0.35), amount, score or qualitative.",
            .unit: "What is counted, e.g. women, %, BDT.",
            .direction: "increase (more is better) or decrease. Empty means increase.",
            .acrossPartners: "How partners' figures combine: sum; unique (a deduplicated count: the backbone reports it in a * row); ratio (sum of numerators ÷ sum of denominators); mean; max. May be empty for scope partner.",
            .acrossPeriods: "How periods combine: sum (flows, e.g. people trained each quarter), latest (stocks, cumulative counts, percentages), max or mean.",
            .baseline: "Optional: the value before the initiative, as a number.",
            .baselinePeriod: "Optional: the period of the baseline. Formatted as Text.",
            .target: "Optional: the value to reach, as a number (35 for 35 %).",
            .targetPeriod: "Optional: the period by which to reach the target. Formatted as Text.",
            .description: "What the indicator measures and how it is counted, in plain words.",
            .frequency: "Optional: how often it is measured: month, quarter, half or year; empty: every period. A period in which it is not due shows as not due.",
            .within: "Optional: the id of an indicator this one counts a part of (women protected within women reached); a value above the whole's is warned.",
        ]),
        keyed(ResultsColumn.self, [
            .indicator: "The id of the indicator (from the indicators sheet).",
            .partner: "The id of the reporting partner, or * for the initiative as a whole (the backbone's deduplicated total).",
            .period: periodNote,
            .value: "The figure, as a number (35 for 35 %, not 0.35). May be empty for a qualitative indicator, or when numerator and denominator are given.",
            .numerator: "For a ratio indicator: the count above the line (e.g. women placed).",
            .denominator: "For a ratio indicator: the count below the line (e.g. women trained).",
            .dimension: "Optional breakdown: what the figure is split by, e.g. gender.",
            .category: "Optional breakdown: which part this row is, e.g. women.",
            .note: "Optional: what a reader should know about this figure.",
            .reportedBy: "Optional: who reported this row (a person or organisation).",
            .reportedOn: "Optional: the day it was reported: YYYY-MM-DD. Formatted as Text.",
        ]),
        keyed(TargetColumn.self, [
            .indicator: "The id of the indicator (from the indicators sheet).",
            .partner: "Optional: a partner's own target; empty for the initiative's.",
            .period: "Optional: the period this milestone is for; empty for the end target. Formatted as Text.",
            .target: "The value to reach, as a number.",
        ]),
        keyed(CollaborationColumn.self, [
            .period: periodNote,
            .from: "The id of the partner that referred, shared or worked with the other.",
            .to: "The id of the other partner.",
            .kind: "What passed between them: \(CollaborationKind.allCases.map(\.rawValue).joined(separator: ", ")).",
            .count: "How many times in the period, as a number.",
        ]),
        keyed(OutcomeColumn.self, [
            .date: "The day it happened: YYYY-MM-DD, e.g. 2025-03-31. Formatted as Text.",
            .title: "What changed, in one line.",
            .condition: "Which condition of systems change it shifted: \(SystemsCondition.allCases.map(\.rawValue).joined(separator: ", ")).",
            .partners: "Ids of the partners involved, separated by ;.",
            .description: "What happened and why it matters.",
            .evidence: "A link or reference that shows it happened.",
            .id: "Optional: a short id for this outcome (letters, digits, - and _), needed only to translate it: outcomes.<lang>.csv refers to it.",
        ]),
        keyed(FundingColumn.self, [
            .funder: "The id of the funder, from the site's funders.csv.",
            .recipient: "The id of the partner that receives the money (the backbone is a partner), or * for a pooled fund the backbone holds and has not yet allocated.",
            .period: periodNote,
            .kind: "commitment (pledged for that period) or disbursement (paid in that period).",
            .amount: "The amount, as a number, without currency signs or separators.",
            .currency: "Optional: the ISO code (USD, BDT, INR) when it is not the initiative's currency.",
            .note: "Optional: what a reader should know about this amount.",
        ]),
        keyed(SpendingColumn.self, [
            .partner: "The id of the partner that spent it (the backbone included).",
            .period: periodNote,
            .workstream: "Optional: the id of the workstream it was spent on.",
            .amount: "The amount spent on the initiative in the period, as a number.",
            .currency: "Optional: the ISO code (USD, BDT, INR) when it is not the initiative's currency.",
            .note: "Optional: what a reader should know about this amount.",
        ]),
    ].reduce(into: [:]) { all, table in all.merge(table) { first, _ in first } }

    private static func keyed<Column: TableColumn>(_ table: Column.Type, _ notes: [Column: String]) -> [ColumnKey: String] {
        Dictionary(uniqueKeysWithValues: notes.map { ($0.key.key, $0.value) })
    }
}

extension TableColumn {
    /// The column as `SheetLayout`'s lists name it.
    var key: SheetLayout.ColumnKey { SheetLayout.ColumnKey(table: Self.table, name: name) }
}
