extension InitiativeTables {
    /// The columns of each table, by file name: for messages about a missing table and for the template workbook.
    static func columns(of file: String) -> CSVTable.Columns? {
        switch file {
        case "partners.csv": partnerColumns
        case "workstreams.csv": workstreamColumns
        case "indicators.csv": indicatorColumns
        case "results.csv": ResultsTable.columns
        case "targets.csv": targetColumns
        case "collaboration.csv": collaborationColumns
        case "outcomes.csv": outcomeColumns
        case "funding.csv": FinanceTables.fundingColumns
        case "spending.csv": FinanceTables.spendingColumns
        default: nil
        }
    }
}
