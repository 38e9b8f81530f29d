import Testing
@testable import ImpactDomain

/// `TargetBook.view(of:endTarget:)`: one indicator's milestones, target alignments and partners' targets by period
/// offset and partner slot, worked out once instead of looked up per period and partner.
@Suite struct TargetViewTests {
    /// Rows for 2024-Q1 … 2024-Q4, so the reporting range has four periods.
    static func rows(_ indicator: String) -> Fixture.Rows {
        var rows = Fixture.Rows()
        for period in ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"] {
            rows.add(indicator, "a", period, 10)
            rows.add(indicator, "b", period, 10)
        }
        return rows
    }

    static let targets = [
        Fixture.target("x", nil, "2024-Q2", 500, line: 2),      // milestone, with partner rows: its own alignment
        Fixture.target("x", "a", "2024-Q2", 200, line: 3),
        Fixture.target("x", "b", "2024-Q2", 100, line: 4),
        Fixture.target("x", nil, "2024-Q3", 600, line: 5),      // milestone without partner rows: end alignment
        Fixture.target("x", "a", nil, 300, line: 6),            // end targets
        Fixture.target("x", "b", "2024-Q4", 400, line: 7),      // b's row for the target period: its end target
        Fixture.target("x", nil, "2024-Q4", 900, line: 8),      // at the target period: no milestone
        Fixture.target("x", "a", "2024-Q2", 999, line: 9),      // a duplicate: the first row wins
    ]

    @Test func milestonesAlignmentsAndPartnerTargetsByPeriod() {
        let indicator = Fixture.indicator("x", target: 1000, targetPeriod: "2024-Q4")
        let initiative = Fixture.initiative(indicators: [indicator], rows: Self.rows("x"), targets: Self.targets)
        let index = ObservationIndex(initiative)
        let book = TargetBook(initiative.targets, index: index)
        let view = book.view(of: indicator, endTarget: 1000)

        #expect(view.milestones == [nil, 500, 600, nil])
        // 2024-Q2: (200 + 100) ÷ 500; 2024-Q4: b's 400 ÷ 900; otherwise the end targets (300 + 400) ÷ 1,000.
        #expect(view.alignments == [0.7, 0.6, 0.7, 400.0 / 900])
        // The same as asking the book period by period.
        #expect(view.alignments == index.periods.map { book.alignment(indicator, period: $0, endTarget: 1000) })
        let (a, b) = (index.slot(of: "a")!, index.slot(of: "b")!)
        #expect((0..<4).map { view.partner(slot: a, at: $0) } == [300, 200, 300, 300])
        #expect((0..<4).map { view.partner(slot: b, at: $0) } == [400, 100, 400, 400])
        // A partner without targets, and `*`, have none.
        #expect(view.partner(slot: index.slot(of: "c")!, at: 0) == nil)
        #expect(view.partner(slot: index.sharedSlot, at: 0) == nil)
    }

    @Test func aPartnerThatLeftIsLeftOutOfLaterAlignments() {
        var partners = Fixture.partners
        partners[2].left = Fixture.p("2024-Q2")  // b
        let indicator = Fixture.indicator("x", target: 1000, targetPeriod: "2024-Q4")
        var rows = Fixture.Rows()
        for period in ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"] { rows.add("x", "a", period, 10) }
        let initiative = Fixture.initiative(indicators: [indicator], rows: rows, targets: Self.targets, partners: partners)
        let index = ObservationIndex(initiative)
        let book = TargetBook(initiative.targets, index: index)
        let view = book.view(of: indicator, endTarget: 1000)
        // b's end target counts through 2024-Q2 only: (300 + 400) ÷ 1,000, then 300 ÷ 1,000.
        #expect(view.alignments == [0.7, 0.6, 0.3, 0.3])
        #expect(view.alignments == index.periods.map { book.alignment(indicator, period: $0, endTarget: 1000) })
    }

    @Test func noAlignmentForAPartnersOwnIndicatorButItsMilestones() {
        let indicator = Fixture.indicator("x", scope: .partner, partner: "a", targetPeriod: "2024-Q4")
        let targets = [Fixture.target("x", "a", "2024-Q1", 50), Fixture.target("x", "a", nil, 300, line: 3)]
        let initiative = Fixture.initiative(indicators: [indicator], rows: Self.rows("x"), targets: targets)
        let index = ObservationIndex(initiative)
        let view = TargetBook(initiative.targets, index: index).view(of: indicator, endTarget: 300)
        #expect(view.milestones == [50, nil, nil, nil])
        #expect(view.alignments == [nil, nil, nil, nil])
    }
}
