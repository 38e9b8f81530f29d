import Testing
import ImpactDomain

/// Revisions since the last publication: every input figure that changed for a period already published.
@Suite struct RevisionsTests {
    func key(_ indicator: String, _ partner: String, _ period: String) -> InputKey {
        InputKey(indicator: indicator, partner: partner, period: Fixture.p(period))
    }

    @Test func aChangedAnAddedAndARemovedRowOfAPublishedPeriodAreRevisionsANewPeriodIsNot() {
        let previous: [InputKey: InputFigure] = [
            key("reached", "a", "2024-Q1"): InputFigure(value: 300),
            key("reached", "b", "2024-Q1"): InputFigure(value: 200),
            key("reached", "*", "2024-Q1"): InputFigure(value: 420),
            key("reached", "a", "2024-Q2"): InputFigure(value: 310),
        ]
        var current = previous
        current[key("reached", "b", "2024-Q1")] = InputFigure(value: 210)          // restated
        current[key("reached", "c", "2024-Q2")] = InputFigure(value: 50)           // reported late
        current[key("reached", "a", "2024-Q2")] = nil                              // withdrawn
        current[key("reached", "a", "2024-Q3")] = InputFigure(value: 330)          // a new period: not a revision
        let revisions = Revisions.compare(previous: previous, current: current)
        #expect(revisions == [
            Revision(key: key("reached", "b", "2024-Q1"), old: InputFigure(value: 200), new: InputFigure(value: 210)),
            Revision(key: key("reached", "a", "2024-Q2"), old: InputFigure(value: 310), new: nil),
            Revision(key: key("reached", "c", "2024-Q2"), old: nil, new: InputFigure(value: 50)),
        ])
        #expect(Revisions.compare(previous: previous, current: previous).isEmpty)
    }

    /// A ratio row is its counts; values read back from a published file may differ in their last binary digit.
    @Test func aRatioRowIsComparedByItsCountsAndValuesWithinRounding() {
        let previous = [key("placed", "a", "2024-Q1"): InputFigure(value: 25.69230769230769, numerator: 167, denominator: 650),
                        key("trained", "a", "2024-Q1"): InputFigure(value: 0.1 + 0.2)]
        let same = [key("placed", "a", "2024-Q1"): InputFigure(value: 25.692307692307693, numerator: 167, denominator: 650),
                    key("trained", "a", "2024-Q1"): InputFigure(value: 0.3)]
        #expect(Revisions.compare(previous: previous, current: same).isEmpty)
        var recounted = same
        recounted[key("placed", "a", "2024-Q1")] = InputFigure(value: 25.69230769230769, numerator: 334, denominator: 1300)
        #expect(Revisions.compare(previous: previous, current: recounted).map(\.key) == [key("placed", "a", "2024-Q1")])
    }

    /// The published inputs are each partner's row, the `*` row (the deduplicated count or the shared part), and a
    /// partner indicator's own row; a partner that did not report has none.
    @Test func thePublishedInputsAreTheResultsRowsBehindTheFigures() {
        var rows = Fixture.Rows()
        rows.add("reached", "a", "2024-Q1", 300)
        rows.add("reached", "b", "2024-Q1", 200)
        rows.add("reached", "*", "2024-Q1", 420)
        rows.add("reached", "a", "2024-Q2", 310)
        rows.add("sessions", "a", "2024-Q1", 12)
        let results = compute(Fixture.initiative(indicators: [
            Fixture.indicator("reached", across: .unique, periods: .latest),
            Fixture.indicator("sessions", scope: .partner, partner: "a", line: 3),
        ], rows: rows))
        let inputs = Revisions.publishedInputs(results)
        #expect(inputs == [
            key("reached", "a", "2024-Q1"): InputFigure(value: 300), key("reached", "b", "2024-Q1"): InputFigure(value: 200),
            key("reached", "*", "2024-Q1"): InputFigure(value: 420), key("reached", "a", "2024-Q2"): InputFigure(value: 310),
            key("sessions", "a", "2024-Q1"): InputFigure(value: 12),
        ])
    }
}
