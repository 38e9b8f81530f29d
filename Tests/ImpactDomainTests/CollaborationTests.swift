import Testing
import ImpactDomain

/// Rules 5 and 6: collaboration between partners, and systems-change outcomes.
@Suite struct CollaborationTests {
    static func record(_ period: String, _ from: String, _ to: String, _ kind: CollaborationKind, _ count: Double,
                       line: Int) -> CollaborationRecord {
        CollaborationRecord(period: Period(period)!, from: from, to: to, kind: kind, count: count,
                            location: SourceLocation(path: "collaboration.csv", line: line))
    }

    let results: InitiativeResults = {
        let records = [
            record("2024-Q1", "a", "b", .referral, 5, line: 2),
            record("2024-Q1", "b", "a", .referral, 3, line: 3),
            record("2024-Q1", "a", "b", .jointActivity, 1, line: 4),
            record("2024-Q1", "bb", "c", .referral, 2, line: 5),
            record("2024-Q2", "b", "c", .sharedResource, 1, line: 6),
            record("2024-Q2", "a", "b", .referral, 4, line: 7),
        ]
        var rows = Fixture.Rows()
        rows.add("trained", "a", "2024-Q1", 1)
        rows.add("trained", "b", "2024-Q2", 1)
        rows.add("c-own", "c", "2024-Q1", 1)
        rows.add("c-own", "a", "2024-Q1", 1) // a row in the wrong place still shows that a was active there
        rows.add("care", "c", "2024-Q1", 1)
        let workstreams = [Workstream(id: "skills", name: "Skills", lead: "a", supporting: ["b"]),
                           Workstream(id: "care", name: "Care", lead: "c", supporting: ["b"])]
        let indicators = [Fixture.indicator("trained", workstream: "skills"),
                          Fixture.indicator("c-own", scope: .partner, partner: "c", workstream: "skills", line: 3),
                          Fixture.indicator("care", workstream: "care", line: 4)]
        return compute(Fixture.initiative(indicators: indicators, rows: rows, workstreams: workstreams,
                                          collaborations: records))
    }()

    @Test func perPeriodTotalsAndEdges() {
        let collaboration = results.collaboration
        #expect(collaboration.periods.map { $0.period?.description } == ["2024-Q1", "2024-Q2"])
        let q1 = collaboration.periods[0]
        #expect(q1.referrals == 10 && q1.jointActivities == 1 && q1.sharedResources == 0)
        #expect(q1.edges == [CollaborationEdge(from: "a", to: "b", kind: .referral, count: 5),
                             CollaborationEdge(from: "a", to: "b", kind: .jointActivity, count: 1),
                             CollaborationEdge(from: "b", to: "a", kind: .referral, count: 3),
                             CollaborationEdge(from: "bb", to: "c", kind: .referral, count: 2)])
        // Implementing partners a, b, c: 3 possible pairs; only {a, b} collaborated (the backbone does not count).
        #expect(q1.density == 1.0 / 3)
        let total = collaboration.total
        #expect(total.period == nil && total.referrals == 14 && total.sharedResources == 1)
        #expect(total.edges.first == CollaborationEdge(from: "a", to: "b", kind: .referral, count: 9))
        #expect(total.density == 2.0 / 3)
    }

    @Test func matrixInPartnersOrderAndCollaboratorCounts() {
        let collaboration = results.collaboration
        #expect(collaboration.partnerOrder == ["a", "b", "c"])
        #expect(collaboration.matrix == [[0, 10, 0], [3, 0, 1], [0, 0, 0]])
        #expect(collaboration.collaborators == ["a": 1, "b": 2, "c": 2, "bb": 1])
    }

    @Test func workstreamsWithTwoActivePartners() {
        // skills: a and b reported `trained`; care: only c reported.
        #expect(results.collaboration.activeWorkstreams == ["skills"])
    }

    @Test func outcomesByConditionYearAndPartner() {
        func outcome(_ date: String, _ title: String, _ condition: SystemsCondition, _ partners: [String]) -> Outcome {
            Outcome(date: date, year: Int(date.prefix(4))!, title: title, condition: condition, partners: partners)
        }
        let outcomes = [
            outcome("2025-05-20", "One intake form", .practices, ["a", "b"]),
            outcome("2024-02-14", "Apprenticeships in city purchasing", .policies, ["c", "a"]),
            outcome("2025-01-10", "Shared referral protocol", .practices, ["a", "a"]),
            outcome("2024-11-03", "Budget line for child care", .resourceFlows, ["b"]),
        ]
        let change = compute(Fixture.initiative(indicators: [], outcomes: outcomes)).systemsChange
        #expect(change.conditions.map(\.condition) == SystemsCondition.allCases)
        #expect(change.conditions.map(\.outcomes.count) == [1, 2, 1, 0, 0, 0])
        #expect(change.conditions[1].outcomes.map(\.title) == ["Shared referral protocol", "One intake form"])
        #expect(change.conditions[1].perYear == [YearCount(year: 2025, count: 2)])
        #expect(change.timeline.map(\.date) == ["2024-02-14", "2024-11-03", "2025-01-10", "2025-05-20"])
        #expect(change.outcomesByPartner == ["a": 3, "b": 2, "c": 1])
    }
}
