import Testing
import TestSupport
@testable import ImpactDomain

/// validate(): each semantic check gives a located message that quotes the value and says how to fix it.
@Suite struct ValidationTests {
    let reached = Fixture.indicator("reached", across: .unique, periods: .latest, target: 100)

    func diagnostics(indicators: [Indicator]? = nil, rows: Fixture.Rows = Fixture.Rows(), targets: [PeriodTarget] = [],
                     workstreams: [Workstream] = [], collaborations: [CollaborationRecord] = [],
                     outcomes: [Outcome] = [], partners: [Partner] = Fixture.partners) -> [Diagnostic] {
        validate(Fixture.initiative(indicators: indicators ?? [reached], rows: rows, targets: targets,
                                    workstreams: workstreams, collaborations: collaborations, outcomes: outcomes,
                                    partners: partners))
    }

    func only(_ diagnostics: [Diagnostic], containing text: String) -> Diagnostic? {
        let matching = diagnostics.filter { $0.message.contains(text) }
        return matching.count == 1 ? matching[0] : nil
    }

    /// Both partners report in 2024-Q1 and 2024-Q2: a clean base for one mistake at a time.
    func cleanRows() -> Fixture.Rows {
        var rows = Fixture.Rows()
        for period in ["2024-Q1", "2024-Q2"] {
            rows.add("reached", "a", period, 10)
            rows.add("reached", "b", period, 10)
        }
        return rows
    }

    @Test func cleanInputHasNoDiagnostics() {
        #expect(diagnostics(rows: cleanRows()).isEmpty)
    }

    @Test func unknownPartnerWithADidYouMeanHint() throws {
        var rows = cleanRows()
        rows.add("reached", "caif2", "2024-Q2", 5)
        let partners = Fixture.partners + [Partner(id: "caif", name: "CAIF", role: .implementing)]
        let found = try #require(only(diagnostics(rows: rows, partners: partners), containing: "caif2"))
        #expect(found.severity == .error)
        #expect(found.message == "unknown partner `caif2` in column `partner`")
        #expect(found.hint == "did you mean `caif`?")
        #expect(found.location == SourceLocation(path: "results.csv", line: 6))
    }

    @Test func unknownIdsEverywhere() {
        var rows = cleanRows()
        rows.add("reachd", "a", "2024-Q2", 5)
        let indicator = Fixture.indicator("own", scope: .partner, partner: "zed", workstream: "skils", line: 3)
        let found = diagnostics(
            indicators: [reached, indicator], rows: rows,
            targets: [Fixture.target("reached", "q", nil, 5)],
            workstreams: [Workstream(id: "skills", name: "Skills", lead: "x", supporting: ["a", "y"])],
            collaborations: [CollaborationRecord(period: Fixture.p("2024-Q1"), from: "a", to: "w", kind: .referral, count: 1)],
            outcomes: [Outcome(date: "2024-05-01", year: 2024, title: "T", condition: .policies, partners: ["v"])])
        let messages = Set(found.map(\.message))
        for expected in ["unknown indicator `reachd` in column `indicator`", "unknown partner `zed` in column `partner`",
                         "unknown workstream `skils` in column `workstream`", "unknown partner `q` in column `partner`",
                         "unknown partner `x` in column `lead`", "unknown partner `y` in column `supporting`",
                         "unknown partner `w` in column `to`", "unknown partner `v` in column `partners`"] {
            #expect(messages.contains(expected), "\(expected)")
        }
        #expect(found.first { $0.message.contains("`reachd`") }?.hint == "did you mean `reached`?")
        #expect(found.first { $0.message.contains("`skils`") }?.hint == "did you mean `skills`?")
    }

    @Test func unknownBackbone() {
        var initiative = Fixture.initiative(indicators: [reached], rows: cleanRows())
        initiative.backbone = "bx"
        let found = validate(initiative)
        #expect(found.count == 1 && found[0].message == "unknown partner `bx` in column `backbone`")
        #expect(found[0].location.path == "initiative.md")
    }

    @Test func duplicateIds() {
        let partners = Fixture.partners + [Partner(id: "a", name: "Again", role: .implementing,
                                                   location: SourceLocation(path: "partners.csv", line: 9))]
        let found = diagnostics(indicators: [reached, Fixture.indicator("reached", line: 7)], rows: cleanRows(),
                                partners: partners)
        #expect(found.contains { $0.message == "duplicate partner id `a`, first defined at partners.csv:3:1" && $0.location.line == 9 })
        #expect(found.contains { $0.message == "duplicate indicator id `reached`, first defined at indicators.csv:2:1" && $0.location.line == 7 })
    }

    @Test func duplicateResultsRows() throws {
        var rows = cleanRows()
        rows.add("reached", "a", "2024-Q1", 12)
        rows.add("reached", "a", "2024-Q1", 3, dim: "gender", cat: "women")
        let found = try #require(only(diagnostics(rows: rows), containing: "duplicate results row"))
        #expect(found.message == "duplicate results row for `reached`, partner `a`, period `2024-Q1`; the first is at results.csv:2:1")
        #expect(found.location.line == 6)
    }

    @Test func periodsOfAnotherKindOrOutsideTheRange() {
        var rows = cleanRows()
        rows.add("reached", "a", "2024-07", 1)
        rows.add("reached", "a", "2023-Q4", 1)
        rows.add("reached", "a", "2205-Q1", 1)
        let found = diagnostics(rows: rows)
        #expect(found.contains { $0.message.hasPrefix("period `2024-07` in column `period` is a month, but the initiative reports by quarter") && $0.hint?.contains("`2024-Q3`") == true })
        #expect(found.contains { $0.message.hasPrefix("period `2023-Q4` in column `period` is before the initiative started (`started: 2024-Q1`") })
        #expect(found.contains { $0.message == "period `2205-Q1` in column `period` is after the initiative's last target period `2025-Q1`" })
    }

    /// A target year typed wrong (2207 for 2027) would make every status read as on track for decades.
    @Test func aTargetYearFarBeyondTheBaselineIsATypingSlipWarning() throws {
        let slipped = Fixture.indicator("reached", target: 100, targetPeriod: "2207-Q4")
        let found = try #require(only(diagnostics(indicators: [slipped], rows: cleanRows()), containing: "years after"))
        #expect(found.severity == .warning && found.field == "target_period")
        #expect(found.message == "target_period `2207-Q4` of indicator `reached` is 183 years after its baseline_period `2024-Q1`")
        #expect(found.hint?.hasPrefix("did you mean `2027-Q4`?") == true)
        // Without a baseline period the initiative's start is the reference.
        let noBaseline = Fixture.indicator("reached", baselinePeriod: nil, target: 100, targetPeriod: "2072-Q1")
        let fromStart = try #require(only(diagnostics(indicators: [noBaseline], rows: cleanRows()), containing: "years after"))
        #expect(fromStart.message.hasSuffix("is 48 years after the initiative's start (`started`) `2024-Q1`"))
        #expect(fromStart.hint?.hasPrefix("did you mean `2027-Q1`?") == true)
        // Thirty years is plausible; beyond it, no guess when several slips would explain the year.
        let longHorizon = Fixture.indicator("reached", target: 100, targetPeriod: "2054-Q1")
        #expect(only(diagnostics(indicators: [longHorizon], rows: cleanRows()), containing: "years after") == nil)
        #expect(ValidationContext.slipYear(2099, from: 2024) == nil)  // 2029, 2039, 2049: no single guess
        #expect(ValidationContext.slipYear(2205, from: 2024) == 2025)
        #expect(ValidationContext.slipYear(3025, from: 2024) == 2025)
    }

    @Test func aSharedRowLargerThanTheSumOfParts() throws {
        var rows = cleanRows()
        rows.add("reached", "*", "2024-Q1", 25)
        rows.add("reached", "*", "2024-Q2", 15)
        let found = try #require(only(diagnostics(rows: rows), containing: "deduplicated"))
        #expect(found.severity == .error && found.location.line == 6)
        #expect(found.field == "value")  // pointed at the `*` row's value, not the start of the row
        #expect(found.message == "the deduplicated `*` value `25` of `reached` in `2024-Q1` is larger than the sum of the partners' values `20`")
    }

    @Test func partnerIndicatorsNeedAnOwnerAndNoSharedRows() {
        var rows = cleanRows()
        rows.add("own", "*", "2024-Q1", 3)
        rows.add("mine", "b", "2024-Q1", 3)
        let found = diagnostics(indicators: [reached, Fixture.indicator("own", scope: .partner, line: 3),
                                             Fixture.indicator("mine", scope: .partner, partner: "a", line: 4)],
                                rows: rows)
        #expect(found.contains { $0.message == "partner indicator `own` has no owning partner" && $0.location.line == 3 })
        #expect(found.contains { $0.message.hasPrefix("a `*` row for `own`") })
        #expect(found.contains { $0.message == "partner `b` reports `mine`, which is partner `a`'s own indicator" })
    }

    @Test func collectiveIndicatorWithAPartnerIsAWarning() throws {
        let indicator = Fixture.indicator("reached", partner: "a", across: .unique, periods: .latest, target: 100)
        let found = try #require(only(diagnostics(indicators: [indicator], rows: cleanRows()), containing: "ignored"))
        #expect(found.severity == .warning)
    }

    @Test func targetPeriodBeforeBaselinePeriod() throws {
        let indicator = Fixture.indicator("reached", across: .unique, periods: .latest, baselinePeriod: "2025-Q1",
                                          target: 100, targetPeriod: "2024-Q2")
        let found = try #require(only(diagnostics(indicators: [indicator], rows: cleanRows()), containing: "before its baseline_period"))
        #expect(found.message == "target_period `2024-Q2` of indicator `reached` is before its baseline_period `2025-Q1`")
    }

    @Test func numbersThatCannotBeTrue() {
        var rows = Fixture.Rows()
        rows.add("rate", "a", "2024-Q1", 120)
        rows.add("rate", "b", "2024-Q1", nil, n: 30, d: 20)
        rows.add("rate", "c", "2024-Q1", 50, n: -1, d: 20)
        rows.add("reached", "a", "2024-Q1", -5)
        rows.add("reached", "b", "2024-Q1", 5)
        let rate = Fixture.indicator("rate", scope: .partner, partner: "a", measure: .percentage, periods: .latest, line: 3)
        let found = diagnostics(indicators: [reached, rate], rows: rows)
        #expect(found.contains { $0.message == "percentage `120` for `rate`, partner `a`, 2024-Q1 is outside 0–100" && $0.location.line == 2 })
        #expect(found.contains { $0.message == "numerator `30` is larger than denominator `20` for `rate`, partner `b`, 2024-Q1" && $0.location.line == 3 })
        #expect(found.contains { $0.message == "negative numerator `-1` for `rate`, partner `c`, 2024-Q1" && $0.location.line == 4 })
        #expect(found.contains { $0.message == "negative count `-5` for `reached`, partner `a`, 2024-Q1" && $0.location.line == 5 })
    }

    @Test func aRatioRowWithoutCountsCannotBePooled() throws {
        var rows = Fixture.Rows()
        rows.add("rate", "a", "2024-Q1", 40)
        rows.add("rate", "b", "2024-Q1", nil, n: 4, d: 10)
        let rate = Fixture.indicator("rate", measure: .percentage, across: .ratio, periods: .latest)
        let found = try #require(only(diagnostics(indicators: [rate], rows: rows), containing: "no numerator"))
        #expect(found.severity == .error && found.location.line == 2)
    }

    /// A partner row lost to a load error (value `N/A`) made the right `*` row look larger than the sum of the
    /// parts, and left partners looking silent: with results.csv incomplete, those checks wait.
    @Test func checksAcrossRowsWaitWhileResultsCSVHadErrors() {
        var rows = cleanRows()
        rows.add("reached", "*", "2024-Q1", 25)
        rows.add("reached", "a", "2024-Q3", 10)  // then a gap, and `b` stops after 2024-Q1
        var initiative = Fixture.initiative(indicators: [reached], rows: rows)
        #expect(validate(initiative).contains { $0.message.contains("deduplicated") })
        initiative.incompleteFiles = ["results.csv"]
        let found = validate(initiative)
        #expect(!found.contains { $0.message.contains("deduplicated") || $0.message.contains("then nothing") }, "\(found.map(\.message))")
    }

    @Test func aPartnerThatStopsReportingForTwoPeriods() throws {
        var rows = Fixture.Rows()
        for period in ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"] { rows.add("reached", "a", period, 10) }
        rows.add("reached", "b", "2024-Q1", 10)  // then nothing for Q2 to Q4: one warning
        rows.add("reached", "c", "2024-Q1", 10)  // one period missing, then back: no warning
        rows.add("reached", "c", "2024-Q3", 10)
        rows.add("reached", "c", "2024-Q4", 10)
        let found = try #require(only(diagnostics(rows: rows), containing: "then nothing"))
        #expect(found.severity == .warning && found.location.line == 6)
        #expect(found.message == "partner `b` reported `reached` for `2024-Q1`, then nothing for `2024-Q2` to `2024-Q4`")
    }

    /// A mistyped year (2052 for 2025) is an error of its row; it used to stretch the reporting range to 2052, so
    /// every other partner also got a "then nothing for 2024-Q3 to 2052-Q1" warning.
    @Test func aPeriodOutsideTheRangeDoesNotStretchItForTheGapCheck() throws {
        var rows = Fixture.Rows()
        for partner in ["a", "b", "c"] {
            rows.add("reached", partner, "2024-Q1", 10)
            rows.add("reached", partner, "2024-Q2", 10)
        }
        rows.add("reached", "a", "2052-Q1", 10)
        let found = diagnostics(rows: rows)
        let error = try #require(only(found, containing: "2052-Q1"))
        #expect(error.severity == .error && error.location.line == 8)
        #expect(error.message.contains("after the initiative's last target period `2025-Q1`"))
        #expect(found.filter { $0.message.contains("then nothing") }.isEmpty, "\(found.map(\.message))")
        #expect(found.count == 1, "\(found.map(\.message))")
    }

    @Test func aCollectiveIndicatorWithNoContributions() throws {
        var rows = Fixture.Rows()
        rows.add("reached", "*", "2024-Q1", 10)
        let found = try #require(only(diagnostics(rows: rows), containing: "no results from any partner"))
        #expect(found.severity == .warning && found.message == "collective indicator `reached` has no results from any partner")
    }

    @Test func targetsAndCollaborationChecks() {
        let found = diagnostics(
            rows: cleanRows(),
            targets: [Fixture.target("reached", "a", nil, 5), Fixture.target("reached", "a", nil, 6, line: 3),
                      Fixture.target("reached", "*", nil, 6, line: 4)],
            collaborations: [CollaborationRecord(period: Fixture.p("2024-Q1"), from: "a", to: "a", kind: .referral, count: -2)])
        #expect(found.contains { $0.message == "duplicate target for `reached`, partner `a`; the first is at targets.csv:2:1" })
        #expect(found.contains { $0.message == "the target for `reached` names partner `*`, which targets.csv does not use" })
        #expect(found.contains { $0.message == "partner `a` collaborates with itself" && $0.severity == .warning })
        #expect(found.contains { $0.message == "negative count `-2`" && $0.location.path == "collaboration.csv" })
    }

    /// A collaboration row repeated anywhere in the file (not next to its first, periods out of order) is said once
    /// per repeat, each naming the first row like it; rows that differ in period, direction or kind are not repeats.
    @Test func aRepeatedCollaborationRowNamesTheFirstRowLikeIt() {
        let found = diagnostics(rows: cleanRows(), collaborations: [
            CollaborationTests.record("2024-Q2", "a", "b", .referral, 4, line: 2),
            CollaborationTests.record("2024-Q1", "a", "b", .referral, 5, line: 3),
            CollaborationTests.record("2024-Q2", "a", "b", .jointActivity, 1, line: 4),
            CollaborationTests.record("2024-Q2", "b", "a", .referral, 4, line: 5),
            CollaborationTests.record("2024-Q2", "a", "b", .referral, 6, line: 6),
            CollaborationTests.record("2024-Q1", "a", "b", .referral, 5, line: 7),
            CollaborationTests.record("2024-Q2", "a", "b", .referral, 1, line: 8),
        ]).filter { $0.message.hasPrefix("a second") }
        #expect(found.map(\.location.line) == [6, 7, 8])
        #expect(found.map(\.message) == [
            "a second `referral` row from `a` to `b` for `2024-Q2`; the first is at collaboration.csv:2:1: the two counts are added up (`4` and `6`)",
            "a second `referral` row from `a` to `b` for `2024-Q1`; the first is at collaboration.csv:3:1: the two counts are added up (`5` and `5`)",
            "a second `referral` row from `a` to `b` for `2024-Q2`; the first is at collaboration.csv:2:1: the two counts are added up (`4` and `1`)",
        ])
    }

    /// `firstRowsAlike` gives each row the first row before it with the same period, partners and kind, as a
    /// search of every earlier row would, on random files full of repeats.
    @Test func firstRowsAlikeIsTheFirstEarlierRowLikeIt() {
        var random = SplitMix64(seed: 11)
        let kinds = CollaborationKind.allCases, ids = ["a", "b", "c", "ward-7", "টিম"]
        for _ in 0..<200 {
            let count = Int(random.next() % 40)
            let records = (0..<count).map { line in
                CollaborationRecord(period: Period(kind: .quarter, ordinal: 8096 + Int(random.next() % 3)),
                                    from: ids[Int(random.next() % UInt64(ids.count))],
                                    to: ids[Int(random.next() % UInt64(ids.count))],
                                    kind: kinds[Int(random.next() % UInt64(kinds.count))], count: 1,
                                    location: SourceLocation(path: "collaboration.csv", line: line + 2))
            }
            let expected = records.indices.map { row in
                records[..<row].firstIndex { $0.period == records[row].period && $0.from == records[row].from
                    && $0.to == records[row].to && $0.kind == records[row].kind }
            }
            #expect(ValidationContext.firstRowsAlike(records) == expected)
        }
    }

    @Test func oneRepeatedMistakeIsListedAFewTimesThenCounted() {
        var rows = cleanRows()
        for _ in 0..<25 { rows.add("reached", "zz", "2024-Q1", 1) }
        let unknown = diagnostics(rows: rows).filter { $0.message.hasPrefix("unknown partner `zz`") }
        #expect(unknown.count == 21)
        #expect(unknown.contains { $0.message.hasSuffix("(and 5 more rows like it, not listed)") })
    }

    @Test func everyMessageQuotesAValueAndEveryErrorSaysHowToFixIt() {
        var rows = cleanRows()
        rows.add("reachd", "a", "2024-Q2", 5)
        rows.add("reached", "*", "2024-Q1", 99)
        rows.add("reached", "a", "2024-07", 1)
        let found = diagnostics(rows: rows)
        #expect(found.count == 3)
        #expect(found.allSatisfy { $0.message.contains("`") && $0.hint != nil })
    }
}
