import ImpactDomain

/// Bridges computed results to the chart drawing functions. (Charts are wired in once the SVG module lands.)
enum PageCharts {
    static func trend(_ result: IndicatorResult, present: Present, id: String) -> String { "" }
    static func sparkline(_ result: IndicatorResult, present: Present, id: String) -> String { "" }
    static func progress(_ period: PeriodResult, present: Present, id: String) -> String { "" }
    static func contributions(_ result: IndicatorResult, pages: InitiativePages, id: String) -> String { "" }
    static func heatMap(_ collaboration: CollaborationResults, pages: InitiativePages, id: String) -> String { "" }
}
