import ImpactDomain
import Testing
@testable import CollectiveSite

/// The caveats an indicator page lists (`Present.caveats`), read from its periods' contributions: a shared part with
/// a value, and a partner that did not report in a period with a value (unless it had left).
@Suite struct CaveatsTests {
    static let present = Present(labels: Labels(language: "en", translations: ["en": [
        "caveat_sum": "Partners' counts added up.", "caveat_shared": "Part is shared.",
        "caveat_not_reported": "Some partners did not report.", "caveat_attribution": "Contribution, not attribution.",
    ]]), locale: "en-IN")

    static func result(_ periods: [[Contribution]], value: Double? = 10) -> IndicatorResult {
        let indicator = Indicator(id: "reached", name: "Reached", scope: .collective, acrossPeriods: .latest)
        return IndicatorResult(indicator: indicator, periods: periods.indices.map { index in
            PeriodResult(period: Period(kind: .quarter, ordinal: 8100 + index), value: value, contributions: periods[index])
        })
    }

    static func caveats(_ periods: [[Contribution]], value: Double? = 10) -> [String] {
        present.caveats(result(periods, value: value), minCellCount: 5)
    }

    @Test func aSharedPartWithAValueIsNamed() {
        #expect(Self.caveats([[Contribution(partner: "a", value: 4), Contribution(partner: sharedPartnerID, value: 6)]])
            == ["Partners' counts added up.", "Part is shared.", "Contribution, not attribution."])
        // A shared part without a value says nothing, in any period.
        #expect(Self.caveats([[Contribution(partner: "a", value: 4)], [Contribution(partner: sharedPartnerID, value: nil)]])
            == ["Partners' counts added up.", "Contribution, not attribution."])
    }

    @Test func aPartnerThatDidNotReportIsNamedUnlessItHadLeft() {
        #expect(Self.caveats([[Contribution(partner: "a", value: 4)], [Contribution(partner: "a", value: 4), Contribution(partner: "b", value: nil)]])
            == ["Partners' counts added up.", "Some partners did not report.", "Contribution, not attribution."])
        #expect(Self.caveats([[Contribution(partner: "a", value: 4), Contribution(partner: "b", value: nil, hasLeft: true)]])
            == ["Partners' counts added up.", "Contribution, not attribution."])
        // Nor a shared part without a value, nor a period without a value of its own.
        #expect(Self.caveats([[Contribution(partner: "a", value: 4), Contribution(partner: sharedPartnerID, value: nil)]])
            == ["Partners' counts added up.", "Contribution, not attribution."])
        #expect(Self.caveats([[Contribution(partner: "b", value: nil)]], value: nil)
            == ["Partners' counts added up.", "Contribution, not attribution."])
    }
}
