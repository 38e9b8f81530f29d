import ImpactDomain

/// The records of finance.json and finance.csv, each field listed once.
///
/// finance.csv is the JSON made flat: one `total` row, then a row per funder, per partner and per period, each
/// with `row` (the record), `id` (the JSON's `funder`, `partner` or `period`; the initiative for the total) and the
/// book's `currency` (once, at the top, in the JSON).
enum FinanceRecords {
    /// The JSON's `totals`; the CSV's `total` row.
    static func totals<Sink: RecordSink>(_ totals: FinanceTotals, into sink: inout Sink) where Sink.Column == FinanceColumn {
        sink.field(.committed, totals.committed)
        sink.field(.disbursed, totals.disbursed)
        sink.field(.spent, totals.spent)
        sink.field(.backboneSpent, totals.backboneSpent)
        sink.field(.backboneShare, totals.backboneShare)
        sink.field(.costPerPerson, totals.costPerPerson)
    }

    static func funder<Sink: RecordSink>(_ funder: FunderFinance, into sink: inout Sink) where Sink.Column == FinanceColumn {
        sink.field(.id, key: "funder", funder.funder)
        sink.field(.committed, funder.committed)
        sink.field(.disbursed, funder.disbursed)
        sink.field(.share, funder.share)
    }

    static func partner<Sink: RecordSink>(_ partner: PartnerFinance, into sink: inout Sink) where Sink.Column == FinanceColumn {
        sink.field(.id, key: "partner", partner.partner)
        sink.field(.received, partner.received)
        sink.field(.spent, partner.spent)
        sink.field(.utilisation, partner.utilisation)
    }

    static func period<Sink: RecordSink>(_ period: FinancePeriod, into sink: inout Sink) where Sink.Column == FinanceColumn {
        sink.field(.id, key: "period", period.period.description)
        sink.field(.committed, period.committed)
        sink.field(.disbursed, period.disbursed)
        sink.field(.spent, period.spent)
        sink.field(.backboneSpent, period.backboneSpent)
        sink.field(.backboneShare, period.backboneShare)
        sink.field(.spentToDate, period.spentToDate)
        sink.field(.reachToDate, period.reachToDate)
        sink.field(.costPerPersonToDate, period.costPerPersonToDate)
    }
}

/// finance.csv's columns, in order. `row` and `currency` are the CSV's own (see `FinanceRecords`).
enum FinanceColumn: Int, OpenDataColumn {
    case row, id, currency, committed, disbursed, spent, backboneSpent, backboneShare, costPerPerson, share, received,
         utilisation, spentToDate, reachToDate, costPerPersonToDate

    static let names = ColumnNames(Self.self)
}
