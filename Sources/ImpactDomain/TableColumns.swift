/// The columns of one input table, named once. A backbone writes each table as a CSV file (`partners.csv`) or a
/// sheet of `data.xlsx` (`partners`); everything that names a column (the readers' header checks and lookups, the
/// messages about a cell, the starter files, the workbook template and its notes, validation's `Diagnostic.field`)
/// takes it from the table's enumeration, so a misspelt name does not compile instead of blanking a field on every
/// row. They live in the domain because validation's messages point at columns too; they say nothing about files.
///
/// The order of the cases is the table's column order where none is written: the required columns, then the
/// optional ones (an empty file's hint, the template workbook's header).
public protocol TableColumn: RawRepresentable, CaseIterable, Hashable, Sendable
where RawValue == String, AllCases == [Self] {
    /// The table's name: its CSV file without `.csv`, and its sheet in `data.xlsx`.
    static var table: String { get }
    /// The columns the header must name; while one is missing the rows cannot be read.
    static var required: [Self] { get }
}

extension TableColumn {
    /// The column's name as written in the header row.
    public var name: String { rawValue }
    public var isRequired: Bool { Self.required.contains(self) }
    public static var optional: [Self] { allCases.filter { !$0.isRequired } }
    /// Every column's name, required first.
    public static var names: [String] { allCases.map(\.rawValue) }
    public static var requiredNames: [String] { required.map(\.rawValue) }
    public static var optionalNames: [String] { optional.map(\.rawValue) }
    /// The table's CSV file name (`partners.csv`).
    public static var fileName: String { table + ".csv" }
    /// A header row naming `columns` in this order (`id,name,role`), for a file that shows some of them.
    public static func header(_ columns: Self...) -> String { columns.map(\.rawValue).joined(separator: ",") }
}

/// Every input table, for what is said about all of them (the workbook's sheets, the docs' column lists, tests).
public enum InputTables {
    /// The tables of an initiative folder, in the order the workbook writes its sheets.
    public static let initiative: [any TableColumn.Type] = [
        PartnerColumn.self, WorkstreamColumn.self, IndicatorColumn.self, ResultsColumn.self, TargetColumn.self,
        CollaborationColumn.self, OutcomeColumn.self, FundingColumn.self, SpendingColumn.self,
    ]
    /// The site-wide tables beside site.yaml.
    public static let site: [any TableColumn.Type] = [FunderColumn.self, RateColumn.self]
    public static var all: [any TableColumn.Type] { initiative + site }

    /// The columns of an initiative's table by file name (`results.csv`), or nil for another file.
    public static func initiativeTable(file: String) -> (any TableColumn.Type)? {
        initiative.first { $0.fileName == file }
    }
}

/// partners.csv: the backbone and the implementing partners, one row each.
public enum PartnerColumn: String, TableColumn {
    case id, name, role
    case kind, joined, left
    public static let table = "partners"
    public static let required: [Self] = [.id, .name, .role]
}

/// workstreams.csv
public enum WorkstreamColumn: String, TableColumn {
    case id, name, lead
    case supporting, goal
    public static let table = "workstreams"
    public static let required: [Self] = [.id, .name, .lead]
}

/// indicators.csv
public enum IndicatorColumn: String, TableColumn {
    case id, name, scope, measure
    case acrossPartners = "across_partners", acrossPeriods = "across_periods"
    case partner, workstream, unit, direction, baseline
    case baselinePeriod = "baseline_period"
    case target
    case targetPeriod = "target_period"
    case description, within, frequency
    public static let table = "indicators"
    public static let required: [Self] = [.id, .name, .scope, .measure, .acrossPartners, .acrossPeriods]
}

/// results.csv: the figures, one row per indicator, partner and period (and breakdown).
public enum ResultsColumn: String, TableColumn {
    case indicator, partner, period, value
    case numerator, denominator, dimension, category, note
    case reportedBy = "reported_by", reportedOn = "reported_on"
    public static let table = "results"
    public static let required: [Self] = [.indicator, .partner, .period, .value]
}

/// targets.csv: a partner's own target, or a milestone for a period.
public enum TargetColumn: String, TableColumn {
    case indicator, target
    case partner, period
    public static let table = "targets"
    public static let required: [Self] = [.indicator, .target]
}

/// collaboration.csv: referrals and joint work between partners.
public enum CollaborationColumn: String, TableColumn {
    case period, from, to, kind, count
    public static let table = "collaboration"
    public static let required: [Self] = allCases
}

/// outcomes.csv: lasting changes in the system.
public enum OutcomeColumn: String, TableColumn {
    case date, title, condition, partners
    case description, evidence, id
    public static let table = "outcomes"
    public static let required: [Self] = [.date, .title, .condition, .partners]
}

/// funding.csv: money from funders.
public enum FundingColumn: String, TableColumn {
    case funder, recipient, period, kind, amount
    case currency, note
    public static let table = "funding"
    public static let required: [Self] = [.funder, .recipient, .period, .kind, .amount]
}

/// spending.csv: money spent by partners.
public enum SpendingColumn: String, TableColumn {
    case partner, period, amount
    case workstream, currency, note
    public static let table = "spending"
    public static let required: [Self] = [.partner, .period, .amount]
}

/// content/funders.csv: the site's funders.
public enum FunderColumn: String, TableColumn {
    case id, name, kind
    case country, url
    public static let table = "funders"
    public static let required: [Self] = [.id, .name, .kind]
}

/// content/rates.csv: exchange rates to the site currency.
public enum RateColumn: String, TableColumn {
    case currency, period, rate
    case source
    public static let table = "rates"
    public static let required: [Self] = [.currency, .period, .rate]
}
