import Testing
@testable import ImpactDomain

/// `within`: an indicator that counts a part of another. A partner reported more women protected than women
/// reached (which includes any service) every quarter, and nothing said so.
@Suite struct SubsetTests {
    let reached = Fixture.indicator("reached", across: .unique, periods: .latest, target: 100, line: 2)
    var protected: Indicator {
        var indicator = Fixture.indicator("protected", across: .unique, periods: .latest, target: 50, line: 3)
        indicator.within = "reached"
        return indicator
    }

    func warnings(_ rows: Fixture.Rows, _ indicators: [Indicator]? = nil) -> [Diagnostic] {
        validate(Fixture.initiative(indicators: indicators ?? [reached, protected], rows: rows))
    }

    /// a: reached 30, protected 40 in 2024-Q1 → a warning at a's protected row (line 4), naming both values.
    /// b: 20 and 20 is fine (a part may be the whole). The initiative: reached 50 (no `*` row), protected 60:
    /// already explained by a's row, so no second warning for 2024-Q1.
    @Test func aPartnersPartAboveItsWholeIsWarnedAtItsRow() throws {
        var rows = Fixture.Rows()
        rows.add("reached", "a", "2024-Q1", 30)   // line 2
        rows.add("reached", "b", "2024-Q1", 20)   // line 3
        rows.add("protected", "a", "2024-Q1", 40) // line 4
        rows.add("protected", "b", "2024-Q1", 20) // line 5
        let found = warnings(rows)
        #expect(found.count == 1)
        let warning = try #require(found.first)
        #expect(warning.severity == .warning && warning.field == "value")
        #expect(warning.location == SourceLocation(path: "results.csv", line: 4))
        #expect(warning.message == "partner `a` reports `40` for `protected` in `2024-Q1`, more than its `30` for `reached`; `protected` is declared `within` `reached`")
        #expect(warning.hint?.contains("results.csv:2:1") == true)
    }

    /// Every partner's part fits, but the backbone's deduplicated 45 reached is below the partners' 30 + 20 = 50
    /// protected (not deduplicated): a warning at protected's first row of the period.
    @Test func theInitiativesPartAboveItsWholeIsWarnedToo() throws {
        var rows = Fixture.Rows()
        rows.add("reached", "a", "2024-Q1", 30)
        rows.add("reached", "b", "2024-Q1", 25)
        rows.add("reached", "*", "2024-Q1", 45)
        rows.add("protected", "a", "2024-Q1", 30)  // line 5
        rows.add("protected", "b", "2024-Q1", 20)
        let warning = try #require(warnings(rows).first)
        #expect(warning.location == SourceLocation(path: "results.csv", line: 5))
        #expect(warning.message == "the initiative's value of `protected` in `2024-Q1` is `50`, more than its value of `reached` (`45`); `protected` is declared `within` `reached`")
        // Without `within` nothing is compared.
        var free = protected
        free.within = nil
        #expect(warnings(rows, [reached, free]).isEmpty)
    }

    @Test func withinMustNameAnotherIndicatorOfTheSameMeasure() throws {
        func declaration(_ indicators: [Indicator]) -> Diagnostic? {
            warnings(Fixture.Rows(), indicators).first { $0.field == "within" }
        }
        var selfish = protected
        selfish.within = "protected"
        #expect(try #require(declaration([reached, selfish])).message == "indicator `protected` is declared `within` itself")
        var misspelt = protected
        misspelt.within = "reachd"
        let unknown = try #require(declaration([reached, misspelt]))
        #expect(unknown.message == "unknown indicator `reachd` in column `within`" && unknown.hint == "did you mean `reached`?")
        #expect(unknown.severity == .error && unknown.field == "within")
        var rate = Fixture.indicator("rate", measure: .percentage, across: .ratio, periods: .latest, line: 4)
        rate.within = "reached"
        let measure = try #require(declaration([reached, rate]))
        #expect(measure.severity == .error && measure.message.hasPrefix("indicator `rate` (percentage) is declared `within` `reached` (count)"))
    }
}
