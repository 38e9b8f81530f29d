import Testing
import ImpactDomain

/// `validateAndCompute`: one index for both stages, no results when the input has errors, the same results on
/// one core or many.
@Suite struct ValidateAndComputeTests {
    func rows() -> Fixture.Rows {
        var rows = Fixture.Rows()
        for (quarter, base) in [("2024-Q1", 30.0), ("2024-Q2", 40), ("2024-Q3", 55)] {
            rows.add("trained", "a", quarter, base)
            rows.add("trained", "b", quarter, base + 20)
            rows.add("reached", "a", quarter, base * 2)
            rows.add("reached", "b", quarter, base * 3)
            rows.add("reached", "*", quarter, base * 4)
        }
        return rows
    }

    var indicators: [Indicator] {
        [Fixture.indicator("trained"), Fixture.indicator("reached", across: .unique, periods: .latest)]
    }

    @Test func itGivesWhatValidateAndComputeGiveApartOnOneCoreOrMany() {
        let initiative = Fixture.initiative(indicators: indicators, rows: rows())
        let serial = validateAndCompute(initiative)
        let parallel = validateAndCompute(initiative, parallel: true)
        #expect(serial.diagnostics == validate(initiative))
        #expect(serial.results == compute(initiative))
        #expect(parallel.results == serial.results)
        #expect(parallel.results?.indicators.map(\.indicator.id) == ["trained", "reached"])
        #expect(parallel.results?.at("reached", "2024-Q3").value == 220)
    }

    @Test func anInitiativeWithErrorsHasDiagnosticsAndNoResults() {
        var bad = rows()
        bad.add("nonexistent", "a", "2024-Q1", 5)
        let initiative = Fixture.initiative(indicators: indicators, rows: bad)
        let outcome = validateAndCompute(initiative, parallel: true)
        #expect(outcome.results == nil)
        #expect(outcome.diagnostics.contains { $0.severity == .error && $0.message.contains("nonexistent") })
        #expect(outcome.diagnostics == validate(initiative))
    }
}
