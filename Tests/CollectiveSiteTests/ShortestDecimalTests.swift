import Testing
import TestSupport
@testable import CollectiveSite

/// `ShortestDecimal` writes what `Double.description` writes, for every value it takes; it leaves the rest (whole
/// numbers, exponents, the largest and smallest magnitudes) to the standard library.
@Suite struct ShortestDecimalTests {
    static func text(_ value: Double) -> String? {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        defer { buffer.deallocate() }
        return ShortestDecimal.write(value, to: buffer).map { String(decoding: UnsafeBufferPointer(start: buffer, count: $0), as: UTF8.self) }
    }

    @Test func figuresAreWrittenAsDescriptionWritesThem() {
        #expect(Self.text(0.1) == "0.1")
        #expect(Self.text(-0.25) == "-0.25")
        #expect(Self.text(2400.0 / 110) == "21.818181818181817")
        #expect(Self.text(642.0 / 29835) == "0.021518350930115636")
        #expect(Self.text(0.0001) == "0.0001")
        #expect(Self.text(0.00015) == "0.00015")
        #expect(Self.text(123456.789) == "123456.789")
        #expect(Self.text(4_503_599_627_370_495.5) == "4503599627370495.5")
        #expect(Self.text(1.0 / 3) == "0.3333333333333333")
    }

    @Test func valuesOutsideItsRangeAreLeftToTheStandardLibrary() {
        for value in [0, 7, -120, 1e20, 9_007_199_254_740_992, 5e-5, 1e-7, 0.0001.nextDown, .nan, .infinity, -.infinity,
                      .leastNonzeroMagnitude, .greatestFiniteMagnitude] {
            #expect(Self.text(value) == nil, "\(value)")
        }
    }

    /// Random bit patterns over the range's exponents, figures made by division, short decimals and powers of two
    /// with their neighbours (where the interval of decimals is lopsided or an end is exact).
    @Test func shortestDecimalsAreWhatDoubleDescriptionWrites() {
        var random = SplitMix64(seed: 0x1234_5678_9ABC_DEF1)
        func next() -> UInt64 { random.next() }
        var values: [Double] = []
        for _ in 0..<20_000 {
            let exponent = UInt64(1023 - 16) + next() % 72
            values.append(Double(bitPattern: next() & (1 << 52 - 1) | exponent << 52 | (next() & 1) << 63))
            values.append(Double(Int64(bitPattern: next()) % 1_000_000) / Double(next() % 9_999 + 1))
            let short = Double(next() % 1_000_000) / 10_000
            values += [short, short.nextUp, short.nextDown]
            let binary = Double(next() % (1 << 40)) / Double(sign: .plus, exponent: Int(next() % 60), significand: 1)
            values += [binary, binary.nextUp, binary.nextDown]
            let power = Double(sign: .plus, exponent: Int(next() % 70) - 15, significand: 1)
            values += [power, power.nextUp, -power.nextDown]
        }
        var compared = 0, mismatches = 0
        for value in values {
            guard let text = Self.text(value) else { continue }
            if text != value.description {
                mismatches += 1
                if mismatches <= 10 { Issue.record("\(value.description): \(text)") }
            }
            compared += 1
        }
        #expect(mismatches == 0)
        #expect(compared > 180_000)
    }
}
