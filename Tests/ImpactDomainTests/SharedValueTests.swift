import Testing
@testable import ImpactDomain

/// `SharedValue` and the types that keep fields in one: copies share one box until one of them is written, and
/// compare and hash by value, as if every field were stored in the struct.
@Suite struct SharedValueTests {
    @Test func aWrittenCopyLeavesTheOriginalAsItWas() {
        let original = SharedValue(["a", "b"])
        var copy = original
        #expect(copy == original)
        copy.value.append("c")
        #expect(original.value == ["a", "b"])
        #expect(copy.value == ["a", "b", "c"])
        #expect(copy != original)
    }

    @Test func separateBoxesWithEqualValuesAreEqualAndHashAlike() {
        let a = SharedValue(["x": 1]), b = SharedValue(["x": 1])
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
    }

    @Test func anIndicatorCopyKeepsItsOwnTexts() {
        let indicator = Indicator(id: "reach", name: "Women reached", scope: .collective, unit: "women",
                                  description: "Counted once per quarter.")
        var renamed = indicator
        renamed.name = "Women reached (deduplicated)"
        renamed.target = 500
        #expect(indicator.name == "Women reached" && indicator.target == nil)
        #expect(renamed.name == "Women reached (deduplicated)" && renamed.target == 500)
        #expect(renamed.id == "reach" && renamed.unit == "women" && renamed.description == "Counted once per quarter.")
        #expect(indicator != renamed)
        renamed.name = indicator.name
        renamed.target = nil
        #expect(indicator == renamed)
        #expect(indicator.hashValue == renamed.hashValue)
    }

    /// `partnersReporting` is counted when the contributions are set: partners (not `*`) with a value.
    @Test func partnersReportingFollowsTheContributions() {
        let period = Period(kind: .quarter, year: 2025, index: 1)!
        var result = PeriodResult(period: period, value: 30, contributions: [
            Contribution(partner: "p1", value: 10), Contribution(partner: "p2", value: nil),
            Contribution(partner: sharedPartnerID, value: 20),
        ])
        #expect(result.partnersReporting == 1)
        result.contributions[1].value = 5
        #expect(result.partnersReporting == 2)
        let copy = result
        result.contributions = []
        #expect(result.partnersReporting == 0 && copy.partnersReporting == 2)
    }

    @Test func aPeriodResultCopyKeepsItsOwnLists() {
        let period = Period(kind: .quarter, year: 2025, index: 1)!
        let result = PeriodResult(period: period, value: 10, contributions: [Contribution(partner: "p1", value: 10)],
                                  notes: ["first"])
        var changed = result
        changed.notes.append("second")
        changed.contributions[0].value = 12
        #expect(result.notes == ["first"] && result.contributions[0].value == 10)
        #expect(changed.notes == ["first", "second"] && changed.contributions[0].value == 12)
        #expect(result != changed)
        changed.notes = ["first"]
        changed.contributions[0].value = 10
        #expect(result == changed)
    }
}
