import Testing
import TestSupport
import PropertyBased
@testable import ImpactDomain

/// Invariants that must hold for any input, checked on generated data.
@Suite struct PropertyTests {
    static let partners = (0..<6).map {
        Partner(id: "p\($0)", name: "P\($0)", role: .implementing,
                location: ImpactDomain.SourceLocation(path: "partners.csv", line: $0 + 2))
    }

    /// One period of one indicator: a value per partner (nil: not reported) and an optional `*` row.
    static func period(_ values: [Int?], shared: Int?, rule: AcrossPartners) -> PeriodResult {
        var rows = Fixture.Rows()
        for (position, value) in values.enumerated() {
            if let value { rows.add("x", "p\(position)", "2024-Q1", Double(value)) }
        }
        rows.add("x", "p0", "2023-Q4", 1) // every partner has a place in the list, reported or not
        rows.add("y", "p0", "2024-Q1", 1) // 2024-Q1 is in the range even when nobody reported `x`
        if let shared { rows.add("x", "*", "2024-Q1", Double(shared)) }
        let initiative = Fixture.initiative(indicators: [Fixture.indicator("x", across: rule), Fixture.indicator("y", line: 3)],
                                            rows: rows, partners: partners)
        return compute(initiative).at("x", "2024-Q1")
    }

    @Test func sumSharesOfPartnersAndSharedPartAddUpToOne() async {
        await propertyCheck(input: Gen.int(in: 0...1000).optional.array(of: 1...6), Gen.int(in: 0...500).optional) { values, shared in
            let result = Self.period(values, shared: shared, rule: .sum)
            guard let value = result.value, value > 0 else { return }
            let shares = result.contributions.compactMap(\.share)
            #expect(abs(shares.reduce(0, +) - 1) < 1e-9)
            #expect(result.contributions.filter { !$0.isReported }.allSatisfy { $0.share == nil })
        }
    }

    @Test func uniqueSharesOfSumOfPartsAddUpToOneAndOverlapIsNeverNegative() async {
        // `*` is at most the sum of parts, as validation requires: percent of it, 0…100.
        await propertyCheck(input: Gen.int(in: 0...1000).optional.array(of: 1...6), Gen.int(in: 0...100)) { values, percent in
            let parts = values.compactMap { $0 }.reduce(0, +)
            let shared = parts * percent / 100
            let result = Self.period(values, shared: shared, rule: .unique)
            if let overlap = result.overlap { #expect(overlap >= 0) }
            if let depth = result.depth { #expect(depth >= 1) }
            if parts > 0 {
                #expect(abs(result.contributions.compactMap(\.share).reduce(0, +) - 1) < 1e-9)
            }
        }
    }

    @Test func validationFlagsExactlyTheSharedRowsLargerThanTheirParts() async {
        await propertyCheck(input: Gen.int(in: 0...100).array(of: 1...4), Gen.int(in: 0...500)) { values, shared in
            var rows = Fixture.Rows()
            for (position, value) in values.enumerated() { rows.add("x", "p\(position)", "2024-Q1", Double(value)) }
            rows.add("x", "*", "2024-Q1", Double(shared))
            let initiative = Fixture.initiative(indicators: [Fixture.indicator("x", across: .unique)], rows: rows,
                                                partners: Self.partners)
            let flagged = validate(initiative).contains { $0.message.contains("larger than the sum") }
            #expect(flagged == (shared > values.reduce(0, +)))
        }
    }

    @Test func suppressionNeverLeavesADerivableCell() async {
        // Two dimensions of 2…6 categories each; counts around the threshold of 10.
        let dimension = Gen.int(in: 0...30).array(of: 2...6)
        await propertyCheck(input: dimension, dimension) { first, second in
            let cells = [("gender", first), ("ward", second)].flatMap { name, values in
                values.enumerated().map { DisaggregationCell(dimension: name, category: "c\($0)", value: Double($1)) }
            }
            let suppressed = suppress(cells, measure: .count, minCellCount: 10)
            for name in ["gender", "ward"] {
                let hidden = suppressed.filter { $0.dimension == name && $0.suppressed }
                // One hidden cell alone could be recovered as total − the others.
                #expect(hidden.count != 1)
            }
            for (before, after) in zip(cells, suppressed) {
                let small = before.value.map { $0 >= 1 && $0 < 10 } ?? false
                if small { #expect(after.suppressed && after.suppression == .primary) }
                if after.suppressed { #expect(after.value == nil) } else { #expect(after.value == before.value) }
            }
        }
    }

    @Test func percentageSuppressionNeverLeavesADerivableCell() async {
        let cell = zip(Gen.int(in: 0...30), Gen.int(in: 0...30))
        await propertyCheck(input: cell.array(of: 2...5)) { pairs in
            let cells = pairs.enumerated().map { position, pair in
                let (numerator, extra) = pair
                return DisaggregationCell(dimension: "age", category: "c\(position)", value: nil,
                                          numerator: Double(numerator), denominator: Double(numerator + extra))
            }
            let suppressed = suppress(cells, measure: .percentage, minCellCount: 10)
            #expect(suppressed.filter(\.suppressed).count != 1)
            for (before, after) in zip(cells, suppressed) where before.numerator! < 10 || before.denominator! < 10 {
                #expect(after.suppressed && after.numerator == nil && after.denominator == nil)
            }
        }
    }

    @Test func resultsDoNotDependOnRowOrder() async {
        // A row: indicator 0…2, partner 0…3 (3 is `*`), period 0…3, value, disaggregation 0…2 (0: a total row).
        let row = zip(Gen.int(in: 0...2), Gen.int(in: 0...3), Gen.int(in: 0...3), Gen.int(in: 0...60), Gen.int(in: 0...2))
        await propertyCheck(input: row.array(of: 0...40), Gen.int(in: 0...1_000_000)) { specs, seed in
            var rows = Fixture.Rows()
            var seen = Set<[Int]>()
            let periods = ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]
            for (indicator, partner, period, value, cell) in specs {
                guard seen.insert([indicator, partner, period, cell]).inserted else { continue }
                let partnerID = partner == 3 ? "*" : Fixture.partners[partner + 1].id
                let note = value % 7 == 0 ? "note \(value)" : ""
                if indicator == 2 {
                    rows.add("i2", partnerID, periods[period], nil, n: Double(value / 2), d: Double(value + 1),
                             dim: cell == 0 ? nil : "gender", cat: cell == 0 ? nil : "g\(cell)", note: note)
                } else {
                    rows.add("i\(indicator)", partnerID, periods[period], Double(value) + 0.1,
                             dim: cell == 0 ? nil : "ward", cat: cell == 0 ? nil : "w\(cell)", note: note)
                }
            }
            let indicators = [
                Fixture.indicator("i0", across: .sum, periods: .sum, target: 500),
                Fixture.indicator("i1", across: .unique, periods: .latest, target: 200, line: 3),
                Fixture.indicator("i2", measure: .percentage, across: .ratio, periods: .sum, target: 80, line: 4),
            ]
            let original = Fixture.initiative(indicators: indicators, rows: rows)
            var shuffled = original
            var generator = SplitMix64(seed: UInt64(seed))
            shuffled.observations.shuffle(using: &generator)
            let (a, b) = (compute(original), compute(shuffled))
            #expect(a.periods == b.periods)
            #expect(a.indicators == b.indicators)
            #expect(a.collaboration == b.collaboration)
            #expect(a.collectiveSummary == b.collectiveSummary)
            #expect(Set(validate(original)) == Set(validate(shuffled)))
        }
    }
}
