import Testing
import ImpactDomain

/// A partner that leaves the initiative (partners.csv `left`: the last period it took part in) is not expected to
/// report afterwards: its silence is neither partial data nor a gap, and a row from it after it left is an error.
@Suite struct PartnerLeftTests {
    /// Partner `c` takes part through 2024-Q2.
    let partners = Fixture.partners.map { partner -> Partner in
        var partner = partner
        if partner.id == "c" { partner.left = Fixture.p("2024-Q2") }
        return partner
    }
    let reached = Fixture.indicator("reached", periods: .latest, target: 100)

    func rows(through last: String) -> Fixture.Rows {
        var rows = Fixture.Rows()
        for period in ["2024-Q1", "2024-Q2"] {
            for partner in ["a", "b", "c"] { rows.add("reached", partner, period, 30) }
        }
        for period in ["2024-Q3", "2024-Q4"] where period <= last {
            for partner in ["a", "b"] { rows.add("reached", partner, period, 40) }
        }
        return rows
    }

    @Test func theRemainingPartnersMakeAWholePeriod() throws {
        let result = compute(Fixture.initiative(indicators: [reached], rows: rows(through: "2024-Q3"), partners: partners))
            .indicators[0]
        // 2024-Q3: a and b reported; c had left, so nobody is missing.
        #expect(try #require(result.reporting(at: 2)) == (now: 2, before: 2))
        #expect(!result.isPartial(at: 2))
        #expect(result.latest?.period == Period("2024-Q3") && result.latest?.value == 80)
        let q3 = try #require(result.latest)
        #expect(q3.contributions.first { $0.partner == "c" }?.hasLeft == true)
        #expect(q3.contributions.first { $0.partner == "a" }?.hasLeft == false)
        // In the period it left it was still taking part.
        #expect(result.periods[1].contributions.first { $0.partner == "c" }?.hasLeft == false)
    }

    @Test func withoutALeftDateTheSameRowsHoldTheHeadlineBack() {
        let result = compute(Fixture.initiative(indicators: [reached], rows: rows(through: "2024-Q3"))).indicators[0]
        #expect(result.isPartial(at: 2))
        #expect(result.latest?.period == Period("2024-Q2"))
    }

    @Test func aPartnerMissingBesideOneThatLeftStillMakesThePeriodPartial() throws {
        var rows = rows(through: "2024-Q2")
        rows.add("reached", "a", "2024-Q3", 40)  // b has not reported yet; c has left
        let result = compute(Fixture.initiative(indicators: [reached], rows: rows, partners: partners)).indicators[0]
        #expect(try #require(result.reporting(at: 2)) == (now: 1, before: 2))
        #expect(result.latest?.period == Period("2024-Q2"))
    }

    @Test func aPartnerThatLeftWithoutReportingBeforeIsNotSubtractedTwice() throws {
        // c had no value in 2024-Q2 (the earlier period) and then left: `before` counts a and b only, once.
        var rows = Fixture.Rows()
        for partner in ["a", "b", "c"] { rows.add("reached", partner, "2024-Q1", 30) }
        for partner in ["a", "b"] { rows.add("reached", partner, "2024-Q2", 35) }
        for partner in ["a", "b"] { rows.add("reached", partner, "2024-Q3", 40) }
        let result = compute(Fixture.initiative(indicators: [reached], rows: rows, partners: partners)).indicators[0]
        #expect(try #require(result.reporting(at: 2)) == (now: 2, before: 2))
        #expect(result.latest?.period == Period("2024-Q3"))
    }

    @Test func theEarlierPeriodMayLieSeveralPeriodsBack() throws {
        // Nobody reported 2024-Q3; 2024-Q4 is compared with 2024-Q2, when c still took part.
        var rows = rows(through: "2024-Q2")
        for partner in ["a", "b"] { rows.add("reached", partner, "2024-Q4", 45) }
        let result = compute(Fixture.initiative(indicators: [reached], rows: rows, partners: partners)).indicators[0]
        #expect(try #require(result.reporting(at: 3)) == (now: 2, before: 2))
        #expect(!result.isPartial(at: 3) && result.latest?.period == Period("2024-Q4"))
    }

    /// Targets of a partner that left are no longer commitments: no target in its contribution rows after it left,
    /// left out of the target alignment, and a targets.csv row for a later period gets a warning that it is not used.
    @Test func aPartnerThatLeftCommitsToNoTarget() throws {
        let indicator = Fixture.indicator("reached", across: .sum, periods: .sum, target: 1000)
        let targets = [Fixture.target("reached", "a", nil, 500), Fixture.target("reached", "b", nil, 300, line: 3),
                       Fixture.target("reached", "c", nil, 200, line: 4),
                       Fixture.target("reached", "c", "2024-Q3", 50, line: 5)]
        let initiative = Fixture.initiative(indicators: [indicator], rows: rows(through: "2024-Q3"), targets: targets,
                                            partners: partners)
        let result = compute(initiative).indicators[0]
        // Through 2024-Q2 c committed 200 of the 1,000 (alignment 1.0); from 2024-Q3 on, a and b's 800 (0.8).
        #expect(result.periods[1].targetAlignment == 1.0)
        #expect(result.periods[2].targetAlignment == 0.8)
        #expect(result.targetAlignment == 0.8)  // the end target is in 2025-Q1, after c left
        #expect(result.periods[1].contributions.first { $0.partner == "c" }?.target == 200)
        #expect(result.periods[2].contributions.first { $0.partner == "c" }?.target == nil)
        let found = validate(initiative)
        #expect(found.map(\.message) == ["partner `c` left the initiative in `2024-Q2` (column `left` of partners.csv), so its target for `2024-Q3` is not used"])
        #expect(found.first?.severity == .warning && found.first?.location.line == 5 && found.first?.field == "period")
    }

    /// The other end of the same rule: a partner's target for a period before it joined commits to nothing. It is
    /// left out of that period's target alignment, with a warning at the row.
    @Test func aTargetBeforeThePartnerJoinedCommitsToNothing() throws {
        var partners = Fixture.partners
        partners[2].joined = Fixture.p("2024-Q2")  // b joins in 2024-Q2
        var rows = Fixture.Rows()
        rows.add("reached", "a", "2024-Q1", 30)
        rows.add("reached", "a", "2024-Q2", 30)
        rows.add("reached", "b", "2024-Q2", 30)
        let indicator = Fixture.indicator("reached", across: .sum, periods: .sum, target: 1000)
        let targets = [Fixture.target("reached", nil, "2024-Q1", 100), Fixture.target("reached", "a", "2024-Q1", 60, line: 3),
                       Fixture.target("reached", "b", "2024-Q1", 40, line: 4)]
        let initiative = Fixture.initiative(indicators: [indicator], rows: rows, targets: targets, partners: partners)
        let result = compute(initiative).indicators[0]
        // In 2024-Q1 only a had joined: its 60 of the collective 100, not a and b's 100.
        #expect(result.periods[0].targetAlignment == 0.6)
        let found = validate(initiative)
        #expect(found.map(\.message) == ["partner `b` joined the initiative in `2024-Q2` (column `joined` of partners.csv), so its target for `2024-Q1` is not used"])
        #expect(found.first?.severity == .warning && found.first?.location.line == 4 && found.first?.field == "period")
    }

    @Test func aPartnerThatLeftNoLongerCountsInThePartnerSummary() {
        var rows = rows(through: "2024-Q3")
        rows.add("c-own", "c", "2024-Q1", 1)  // then c left
        let indicators = [reached, Fixture.indicator("c-own", scope: .partner, partner: "c", periods: .latest, target: 100, line: 3)]
        let stayed = compute(Fixture.initiative(indicators: indicators, rows: rows))
        #expect(stayed.partnerSummary.total == 1)
        let left = compute(Fixture.initiative(indicators: indicators, rows: rows, partners: partners))
        #expect(left.partnerSummary.total == 0)
        #expect(left.indicators[1].latestStatus == stayed.indicators[1].latestStatus)  // its own result is unchanged
    }

    /// Collaboration density in a period counts the pairs among the partners taking part then: joined by then and
    /// not yet left (and any partner that collaborated in the period).
    @Test func densityCountsThePartnersTakingPartInThePeriod() throws {
        var partners = partners
        partners[1].joined = Fixture.p("2024-Q2")  // a joins in 2024-Q2; c leaves after 2024-Q2
        let records = [CollaborationRecord(period: Fixture.p("2024-Q1"), from: "b", to: "c", kind: .referral, count: 1,
                                           location: SourceLocation(path: "collaboration.csv", line: 2)),
                       CollaborationRecord(period: Fixture.p("2024-Q2"), from: "a", to: "b", kind: .referral, count: 1,
                                           location: SourceLocation(path: "collaboration.csv", line: 3)),
                       CollaborationRecord(period: Fixture.p("2024-Q3"), from: "a", to: "b", kind: .referral, count: 1,
                                           location: SourceLocation(path: "collaboration.csv", line: 4))]
        let collaboration = compute(Fixture.initiative(indicators: [reached], rows: rows(through: "2024-Q3"),
                                                       collaborations: records, partners: partners)).collaboration
        // 2024-Q1: b and c take part (a joins later): 1 of 1 pair. 2024-Q2: all three, 1 of 3. 2024-Q3: a and b, 1 of 1.
        #expect(collaboration.periods.map(\.density) == [1, 1.0 / 3, 1])
        #expect(collaboration.total.density == 2.0 / 3)  // over all periods: every implementing partner
        // A partner named in a period's collaboration counts in it whatever its dates: here a, before it joined.
        let early = [CollaborationRecord(period: Fixture.p("2024-Q1"), from: "a", to: "b", kind: .referral, count: 1,
                                         location: SourceLocation(path: "collaboration.csv", line: 2))]
        let q1 = compute(Fixture.initiative(indicators: [reached], rows: rows(through: "2024-Q2"), collaborations: early,
                                            partners: partners)).collaboration.periods[0]
        #expect(q1.density == 1.0 / 3)
    }

    @Test func noGapWarningAfterThePartnerLeft() {
        let found = validate(Fixture.initiative(indicators: [reached], rows: rows(through: "2024-Q4"), partners: partners))
        #expect(found.isEmpty, "\(found.map(\.message))")
        // Without `left`, c's silence in 2024-Q3 and 2024-Q4 is a gap.
        let without = validate(Fixture.initiative(indicators: [reached], rows: rows(through: "2024-Q4")))
        #expect(without.map(\.message) == ["partner `c` reported `reached` for `2024-Q2`, then nothing for `2024-Q3` and `2024-Q4`"])
    }

    @Test func aGapBeforeThePartnerLeftIsStillAGap() throws {
        var partners = partners
        partners[3].left = Fixture.p("2024-Q4")
        var rows = Fixture.Rows()
        for period in ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1"] {
            for partner in ["a", "b"] { rows.add("reached", partner, period, 40) }
        }
        rows.add("reached", "c", "2024-Q1", 30)  // then nothing for 2024-Q2 to 2024-Q4, while it still took part
        let found = validate(Fixture.initiative(indicators: [reached], rows: rows, partners: partners))
        #expect(found.map(\.message) == ["partner `c` reported `reached` for `2024-Q1`, then nothing for `2024-Q2` to `2024-Q4`"])
    }

    @Test func aRowAfterThePartnerLeftIsAnError() throws {
        var rows = rows(through: "2024-Q3")
        rows.add("reached", "c", "2024-Q3", 30)
        let found = validate(Fixture.initiative(indicators: [reached], rows: rows, partners: partners))
        let error = try #require(found.first { $0.severity == .error })
        #expect(found.filter { $0.severity == .error }.count == 1)
        #expect(error.message == "partner `c` left the initiative in `2024-Q2` (column `left` of partners.csv), but this row gives its `reached` for `2024-Q3`")
        #expect(error.location.line == rows.rows.count + 1 && error.field == "period")
    }

    @Test func aCollaborationAfterThePartnerLeftIsAnError() throws {
        let records = [CollaborationRecord(period: Fixture.p("2024-Q2"), from: "a", to: "c", kind: .referral, count: 3,
                                           location: SourceLocation(path: "collaboration.csv", line: 2)),
                       CollaborationRecord(period: Fixture.p("2024-Q3"), from: "a", to: "c", kind: .referral, count: 2,
                                           location: SourceLocation(path: "collaboration.csv", line: 3))]
        let found = validate(Fixture.initiative(indicators: [reached], rows: rows(through: "2024-Q3"),
                                                collaborations: records, partners: partners))
        #expect(found.map(\.message) == ["partner `c` left the initiative in `2024-Q2` (column `left` of partners.csv), but this row records its collaboration for `2024-Q3`"])
        #expect(found.first?.location.line == 3 && found.first?.field == "period")
    }

    @Test func leavingBeforeJoiningOrInAnotherKindOfPeriodIsAnError() throws {
        var partners = partners
        partners[3].joined = Fixture.p("2024-Q3")
        var found = validate(Fixture.initiative(indicators: [reached], rows: rows(through: "2024-Q2"), partners: partners))
        let before = try #require(found.first { $0.message.contains("before it joined") })
        #expect(before.message == "partner `c` left in `2024-Q2`, before it joined in `2024-Q3`")
        #expect(before.location.line == 5 && before.field == "left")
        partners[3].joined = nil
        partners[3].left = Fixture.p("2024-07")
        found = validate(Fixture.initiative(indicators: [reached], rows: rows(through: "2024-Q2"), partners: partners))
        #expect(found.contains { $0.message == "`left` period `2024-07` of partner `c` is a month, but the initiative reports by quarter" && $0.field == "left" })
    }
    /// The mirror of leaving: partner `c` joins in 2024-Q3. In the quarters before, it is listed without a value, as
    /// one that had not joined (not as one that did not report), with no target: its end target of 50 was no
    /// commitment yet; from 2024-Q3 on it has both.
    @Test func aPartnerThatJoinsLaterWasNotDueBeforeAndHadNoTarget() throws {
        let partners = Fixture.partners.map { partner -> Partner in
            var partner = partner
            if partner.id == "c" { partner.joined = Fixture.p("2024-Q3") }
            return partner
        }
        var rows = Fixture.Rows()
        for period in ["2024-Q1", "2024-Q2"] { for partner in ["a", "b"] { rows.add("reached", partner, period, 30) } }
        for partner in ["a", "b", "c"] { rows.add("reached", partner, "2024-Q3", 40) }
        let results = compute(Fixture.initiative(indicators: [reached], rows: rows,
                                                 targets: [Fixture.target("reached", "c", nil, 50)], partners: partners))
        let before = try #require(results.at("reached", "2024-Q2").contribution("c"))
        #expect(before.value == nil && before.hasNotJoined && !before.hasLeft && before.target == nil)
        let after = try #require(results.at("reached", "2024-Q3").contribution("c"))
        #expect(after.value == 40 && !after.hasNotJoined && after.target == 50)
        #expect(results.at("reached", "2024-Q2").contribution("a")?.hasNotJoined == false)
        // Its rows of the working say why it is left out.
        let working = try #require(results.indicator("reached")?.working(at: 1))
        #expect(working.rows.first { $0.partner == "c" }?.use == .notJoined)
    }
    /// A partner takes part from its `joined` through its `left`; a brief of a period counts those partners.
    @Test func aPartnerTakesPartFromItsJoinedThroughItsLeft() {
        var partner = Partner(id: "d", name: "D", role: .implementing, joined: Fixture.p("2024-Q2"), left: Fixture.p("2024-Q4"))
        #expect(["2024-Q1", "2024-Q2", "2024-Q4", "2025-Q1"].map { partner.takesPart(in: Fixture.p($0)) } == [false, true, true, false])
        partner.joined = Period("2024")  // a year for a quarterly initiative decides nothing here
        #expect(partner.takesPart(in: Fixture.p("2024-Q1")))
        let initiative = Fixture.initiative(indicators: [reached], partners: partners + [
            Partner(id: "e", name: "E", role: .implementing, joined: Fixture.p("2024-Q3"))])
        #expect(initiative.implementingPartners(takingPartIn: Fixture.p("2024-Q2")).map(\.id) == ["a", "b", "c"])
        #expect(initiative.implementingPartners(takingPartIn: Fixture.p("2024-Q3")).map(\.id) == ["a", "b", "e"])
    }
}
