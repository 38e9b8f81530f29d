import Foundation
import Testing
import TestSupport
@testable import CollectiveSite

/// Every rule of `NumberFormat`, with strings worked out by hand.
@Suite struct NumberFormatTests {
    let us = NumberFormat(locale: "en-US")
    let india = NumberFormat(locale: "en-IN")
    let bengali = NumberFormat(locale: "bn-BD", nativeDigits: true)
    let minus = "\u{2212}"

    @Test func indianGroupingIsThreeThenTwos() {
        #expect(india.integer(1_234_567) == "12,34,567")
        #expect(india.integer(100_000) == "1,00,000")
        #expect(india.integer(10_000_000) == "1,00,00,000")
        #expect(india.integer(12_345) == "12,345")
        #expect(india.integer(1_000) == "1,000")
        #expect(india.integer(999) == "999")
        #expect(india.integer(0) == "0")
    }

    @Test func otherLocalesGroupByThrees() {
        #expect(us.integer(1_234_567) == "1,234,567")
        #expect(us.integer(100_000) == "100,000")
        #expect(NumberFormat(locale: "en-GB").integer(1234) == "1,234")
        #expect(NumberFormat(locale: "en").integer(10_000_000) == "10,000,000")
        #expect(NumberFormat(locale: "fr-FR").integer(1_234_567) == "1,234,567")
    }

    @Test func whichLocalesUseIndianGrouping() {
        for locale in ["en-IN", "en-BD", "bn", "bn-BD", "hi", "hi-IN", "en_IN", "EN-in"] {
            #expect(NumberFormat(locale: locale).grouping == .indian, "\(locale)")
        }
        for locale in ["en", "en-US", "en-GB", "de", "", "bnx"] {
            #expect(NumberFormat(locale: locale).grouping == .thousands, "\(locale)")
        }
    }

    @Test func bengaliDigitsOnlyWhenAskedAndOnlyForBengali() {
        #expect(bengali.integer(1_234_567) == "১২,৩৪,৫৬৭")
        #expect(bengali.decimal(0.5, digits: 2) == "০.৫০")
        #expect(NumberFormat(locale: "bn").integer(1_234_567) == "12,34,567")
        #expect(NumberFormat(locale: "en-IN", nativeDigits: true).integer(100_000) == "1,00,000")
    }

    @Test func negativesUseTheMinusSign() {
        #expect(us.integer(-300) == "\u{2212}300")
        #expect(us.integer(-1_234_567) == minus + "1,234,567")
        #expect(india.count(-150_000) == minus + "1,50,000")
        #expect(us.percent(-5) == minus + "5%")
        #expect(!us.integer(-300).contains("-"))
        // A value that rounds to zero has no sign.
        #expect(us.decimal(-0.04, digits: 1) == "0.0")
        #expect(us.count(-0.0) == "0")
        #expect(us.integer(Int.min) == minus + "9,223,372,036,854,775,808")
    }

    @Test func decimalsRoundHalfAwayFromZeroOnTheShortestDecimal() {
        #expect(us.decimal(1234.5, digits: 2) == "1,234.50")
        #expect(us.decimal(1234.5, digits: 2, trimZeros: true) == "1,234.5")
        #expect(us.decimal(2.0, digits: 2, trimZeros: true) == "2")
        #expect(us.decimal(2.675, digits: 2) == "2.68")  // binary 2.67499999… would give 2.67
        #expect(us.decimal(2.5, digits: 0) == "3")
        #expect(us.decimal(-2.5, digits: 0) == minus + "3")
        #expect(us.decimal(9.995, digits: 2) == "10.00")
        #expect(us.decimal(0.005, digits: 2) == "0.01")
        #expect(us.decimal(0.004, digits: 2) == "0.00")
        #expect(us.decimal(0.0000001, digits: 3) == "0.000")
        #expect(us.decimal(0.00000015, digits: 7) == "0.0000002")  // printed by Swift as 1.5e-07
        #expect(us.decimal(1.5e16, digits: 0) == "15,000,000,000,000,000")
        #expect(india.decimal(123_456.789, digits: 1) == "1,23,456.8")
        #expect(us.integer(2.5) == "3")
        #expect(us.decimal(.nan, digits: 1) == "—")
        #expect(us.count(.infinity) == "—")
    }

    @Test func countsShowADecimalOnlyWhenNotWhole() {
        #expect(us.count(1200) == "1,200")
        #expect(us.count(12.25) == "12.3")
        #expect(us.count(12.04) == "12.0")
        #expect(india.count(8450) == "8,450")
    }

    @Test func percentagesAndShares() {
        #expect(us.percent(15) == "15%")
        #expect(us.percent(62.5, digits: 1) == "62.5%")
        #expect(us.share(0.254) == "25%")
        #expect(us.share(0.145) == "15%")  // 0.145 × 100 in binary is 14.499999999999998
        #expect(us.share(0.125) == "13%")
        #expect(us.share(1) == "100%")
        #expect(us.share(1.234) == "123%")
        #expect(us.share(0.6234, digits: 1) == "62.3%")
        #expect(us.share(-0.1) == minus + "10%")
        #expect(bengali.share(0.7) == "৭০%")
    }

    @Test func ratiosShowTheCountsBehindThePercentage() {
        #expect(us.ratio(numerator: 15, denominator: 100) == "15% (15 of 100)")
        #expect(us.ratio(numerator: 1, denominator: 3) == "33% (1 of 3)")
        #expect(india.ratio(numerator: 150_000, denominator: 200_000) == "75% (1,50,000 of 2,00,000)")
        #expect(us.ratio(numerator: 0, denominator: 0) == "— (0 of 0)")
        #expect(bengali.ratio(numerator: 15, denominator: 100, template: "{denominator} জনের মধ্যে {numerator} জন ({percent})")
                == "১০০ জনের মধ্যে ১৫ জন (১৫%)")
    }

    @Test func compactLabelsForAxes() {
        #expect(us.compact(0) == "0")
        #expect(us.compact(250) == "250")
        #expect(us.compact(0.25) == "0.25")
        #expect(us.compact(1234) == "1.2K")
        #expect(us.compact(2000) == "2K")
        #expect(us.compact(2500) == "2.5K")
        #expect(us.compact(12_345) == "12K")
        #expect(us.compact(123_456) == "123K")
        #expect(us.compact(1_234_567) == "1.2M")
        #expect(us.compact(3_400_000) == "3.4M")
        #expect(us.compact(999_999) == "1M")  // not "1000K"
        #expect(us.compact(999.999) == "1K")
        #expect(us.compact(1.5e9) == "1.5B")
        #expect(us.compact(2e12) == "2T")
        #expect(us.compact(5e15) == "5,000T")
        #expect(us.compact(-1500) == minus + "1.5K")
    }

    @Test func compactLabelsInIndianLocalesUseLakhAndCrore() {
        #expect(india.compact(12_000) == "12K")
        #expect(india.compact(100_000) == "1 lakh")
        #expect(india.compact(250_000) == "2.5 lakh")
        #expect(india.compact(340_000) == "3.4 lakh")
        #expect(india.compact(99_999) == "1 lakh")  // not "100K"
        #expect(india.compact(12_000_000) == "1.2 crore")
        #expect(india.compact(1.2345e11) == "12,345 crore")
        #expect(bengali.compact(340_000) == "৩.৪ লাখ")
        #expect(bengali.compact(5_000) == "৫ হাজার")
        #expect(NumberFormat(locale: "bn").compact(12_000_000) == "1.2 কোটি")
        let custom = NumberFormat(locale: "en", compactUnits: [.init(divisor: 1e6, suffix: " million")])
        #expect(custom.compact(2_500_000) == "2.5 million")
        #expect(custom.compact(25_000) == "25,000")
    }

    @Test func amountsPlaceCurrencySymbolsInFrontAndUnitsAfter() {
        #expect(india.amount(1_250_000, unit: "BDT") == "12,50,000 BDT")
        #expect(us.amount(1250.5, unit: "$") == "$1,250.50")
        #expect(us.amount(-500, unit: "৳") == minus + "৳500")
        #expect(us.amount(3.5, unit: "tonnes") == "3.50 tonnes")
        #expect(us.amount(42, unit: "") == "42")
        #expect(us.amount(-0.001, unit: "$") == "$0.00")
    }

    @Test func signedChangesAlwaysShowTheirSign() {
        #expect(us.signed(1200) == "+1,200")
        #expect(us.signed(-300) == minus + "300")
        #expect(us.signed(0) == "0")
        #expect(us.signed(2.5) == "+2.5")
        #expect(us.signed(0.04) == "0.0")
        #expect(india.signed(150_000) == "+1,50,000")
        #expect(bengali.signed(1200) == "+১,২০০")
    }

    @Test func templatesFillKnownPlaceholdersAndKeepUnknownOnes() {
        #expect(fillTemplate("{a} and {b}", ["a": "1", "b": "2"]) == "1 and 2")
        #expect(fillTemplate("{a} {typo} {", ["a": "x"]) == "x {typo} {")
        #expect(fillTemplate("{a}", ["a": "{a}"]) == "{a}")  // values are not filled again
        // Names of the same length told apart byte by byte; names in any script; an empty name.
        #expect(fillTemplate("{ab}{ba}{aa}", ["aa": "1", "ab": "2", "ba": "3"]) == "231")
        #expect(fillTemplate("{মান} = {ಮೌಲ್ಯ}.", ["মান": "৩৫", "ಮೌಲ್ಯ": "೩೫"]) == "৩৫ = ೩೫.")
        #expect(fillTemplate("{}{x}", ["": "empty", "x": "1"]) == "empty1")
        #expect(fillTemplate("no placeholders", ["a": "1"]) == "no placeholders")
        #expect(fillTemplate("", ["a": "1"]) == "")
        #expect(fillTemplate("{a{b}} {a}}{", ["a": "1", "b": "2"]) == "{a2} 1}{")
        #expect(fillTemplate("{a}", ["a": "first", "a": "second"]) == "first")  // a literal list: the first name wins
        let long = String(repeating: "ঢাকা ", count: 20)
        #expect(fillTemplate("«{x}» {y}", ["x": long, "y": ""]) == "«" + long + "» ")
        let values: KeyValuePairs = ["a": "1", "মান": "৩৫"]
        #expect(fillTemplate("{a}, {মান}, {b}", values) == "1, ৩৫, {b}")
        let labels = Labels(language: "en", translations: ["en": ["k": "{n} of {total}"]])
        #expect(labels.format("k", values) == "{n} of {total}")
        #expect(labels.format("k", ["total": "4", "n": "3"]) == "3 of 4")
    }

    /// `concatenated` writes its parts into one String: short and long, in any script, empty parts left out.
    @Test func partsAreConcatenatedInOrder() {
        #expect(concatenated("c-", "2026-Q3") == "c-2026-Q3")
        #expect(concatenated("", "", "") == "")
        let link = "../../indicators/women-trained/index.html"
        #expect(concatenated(link, "#", "c-2026-Q3") == link + "#c-2026-Q3")
        #expect(concatenated("৩৫%", " ", "(৩৫ of ১০০)") == "৩৫% (৩৫ of ১০০)")
        #expect(concatenated(String(repeating: "ಕ", count: 30), "", "x").unicodeScalars.count == 31)
        // Short results are small Strings, ASCII or not; parts of every length around the 15 bytes a small String holds.
        #expect(concatenated("+", "3,890") == "+3,890")
        #expect(concatenated("\u{2212}", "1.2 points") == "\u{2212}1.2 points")
        #expect(concatenated("Not reported", " ", "(was On track)") == "Not reported (was On track)")
        let parts = ["", "a", "fifteen bytes!!", "sixteen bytes!!!", "৳", "১২,৩৪৫", link]
        for first in parts {
            for second in parts {
                for third in parts {
                    let made = concatenated(first, second, third)
                    #expect(made == first + second + third && Array(made.utf8) == Array((first + second + third).utf8))
                }
            }
        }
        // A part made from a slice is copied the same way.
        let sliced = String(link.dropFirst(6))
        #expect(concatenated(sliced, "#x") == "indicators/women-trained/index.html#x")
    }

    /// `joinedTexts` writes what `joined(separator:)` makes, in one String: no part, one, several, empty parts,
    /// any script, short and long.
    @Test func textsAreJoinedWithTheirSeparator() {
        let samples: [[String]] = [[], ["a"], ["3,600", "11,800", "4,200"], ["", "x", ""],
                                   ["৳500", "ಕನ್ನಡ", String(repeating: "long", count: 10)]]
        for parts in samples {
            for separator in [" + ", ", ", "", "—"] {
                #expect(joinedTexts(parts, separator: separator) == parts.joined(separator: separator))
            }
        }
        #expect(joinedTexts(["190", "60", "95"], separator: " + ") == "190 + 60 + 95")
    }

    /// `makeString` builds a short ASCII text in the String's own words: it must be exactly the String the standard
    /// library makes of the same bytes (the same two words), and behave as one; longer or non-ASCII texts too.
    @Test func shortASCIITextsAreTheStringsTheStandardLibraryMakes() {
        var generator = SystemRandomNumberGenerator()
        var samples: [[UInt8]] = (0...40).map { length in (0..<length).map { _ in UInt8.random(in: 0x20...0x7E, using: &generator) } }
        samples += ["", "0", "1,250", "62%", "−300", "৳500", "১,২০০", "c-2026-Q3", "fifteen bytes!!", "sixteen bytes!!!"].map { Array($0.utf8) }
        for bytes in samples {
            let made = makeString(count: bytes.count) { out in
                for (index, byte) in bytes.enumerated() { out[index] = byte }
                return bytes.count
            }
            let expected = String(decoding: bytes, as: UTF8.self)
            #expect(made == expected)
            #expect(Array(made.utf8) == bytes)
            #expect(made.utf8.count == bytes.count && made.count == expected.count)
            #expect(made.hashValue == expected.hashValue)
            #expect(made + "x" == expected + "x" && "x" + made == "x" + expected)
            #expect(Set([made, expected]).count == 1)
            if bytes.count <= 15, bytes.allSatisfy({ $0 < 0x80 }), MemoryLayout<String>.size == 16 {
                let (a, b) = unsafeBitCast(made, to: (UInt64, UInt64).self)
                let (c, d) = unsafeBitCast(expected, to: (UInt64, UInt64).self)
                #expect(a == c && b == d, "\(expected)")
            }
        }
    }

    /// A figure's text written from its last character in the words of a small String (`SmallText`) is the String
    /// those bytes make, up to 15 of them; the same text written from the right into a buffer (`TextInBuffer`) reads
    /// the same. Longer texts have no small String.
    @Test func textsWrittenFromTheRightAreTheStringsOfTheirBytes() {
        var samples = ["", "0", "7", "1,250", "62%", "0.25", "12,34,567.89", "123,456,789,012", "fifteen bytes!!",
                       "sixteen bytes!!!", "9,223,372,036,854,775,807"].map { Array($0.utf8) }
        var random = SplitMix64(seed: 42)
        for length in 0...20 { samples.append((0..<length).map { _ in UInt8(0x20 + random.next() % 0x5F) }) }
        for bytes in samples {
            var small = SmallText()
            let expected = String(decoding: bytes, as: UTF8.self)
            let inBuffer = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
                var text = TextInBuffer(buffer)
                for byte in bytes.reversed() {
                    small.prepend(byte)
                    text.prepend(byte)
                }
                return String(decoding: text.written, as: UTF8.self)
            }
            #expect(inBuffer == expected)
            guard bytes.count <= 15 else {
                #expect(small.string == nil, "\(expected)")
                continue
            }
            guard let made = small.string else {
                Issue.record("no small String for \(expected)")
                continue
            }
            #expect(made == expected && Array(made.utf8) == bytes && made.hashValue == expected.hashValue)
            if MemoryLayout<String>.size == 16 {
                let (a, b) = unsafeBitCast(made, to: (UInt64, UInt64).self)
                let (c, d) = unsafeBitCast(expected, to: (UInt64, UInt64).self)
                #expect(a == c && b == d, "\(expected)")
            }
        }
    }

    /// Numbers are written in one pass into one String (`render`, `finish`); this checks that pass against the rules
    /// spelled out the slow way: the digits grouped from the right, the minus sign, the point, the script's digits.
    @Test func numbersWrittenInPlaceFollowTheRulesSpelledOut() {
        let kannada = NumberFormat(locale: "kn-IN", nativeDigits: true)
        func reference(_ v: Int, indian: Bool, zero: UInt32?) -> String {
            var digits = Array(String(v.magnitude))
            var grouped: [Character] = []
            var size = 3
            while digits.count > size {
                grouped.insert(contentsOf: [","] + digits.suffix(size), at: 0)
                digits.removeLast(size)
                if indian { size = 2 }
            }
            let text = (v < 0 ? "\u{2212}" : "") + String(digits + grouped)
            guard let zero else { return text }
            return String(String.UnicodeScalarView(text.unicodeScalars.map {
                ("0"..."9").contains($0) ? Unicode.Scalar(zero + $0.value - 0x30)! : $0
            }))
        }
        var generator = SystemRandomNumberGenerator()
        var values = [0, 1, -1, 9, 10, 99, 100, 999, 1_000, -1_000, 9_999, 10_000, 99_999, 100_000, 999_999, 1_000_000,
                      12_345_678, Int.max, Int.min + 1]
        for _ in 0..<2_000 { values.append(Int.random(in: -1_000_000_000_000...1_000_000_000_000, using: &generator) >> Int.random(in: 0...40, using: &generator)) }
        for value in values {
            #expect(us.integer(value) == reference(value, indian: false, zero: nil))
            #expect(india.integer(value) == reference(value, indian: true, zero: nil))
            #expect(bengali.integer(value) == reference(value, indian: true, zero: 0x09E6))
            #expect(kannada.integer(value) == reference(value, indian: true, zero: 0x0CE6))
            // A fraction part: the grouped integer, the point, the digits (in the script's digits too).
            #expect(india.decimal(Double(value) + (value < 0 ? -0.25 : 0.25), digits: 2) == reference(value, indian: true, zero: nil) + ".25"
                    || Double(value).magnitude >= 1e13)
            #expect(bengali.percent(Double(value), digits: 0) == reference(value, indian: true, zero: 0x09E6) + "%"
                    || Double(value).magnitude >= 1e15)
        }
        // Affixes around the number: the minus first, a symbol in front, a unit after a space, a compact suffix.
        #expect(kannada.amount(-1_234_567, unit: "₹") == minus + "₹೧೨,೩೪,೫೬೭")
        #expect(bengali.amount(1_250_000.5, unit: "BDT") == "১২,৫০,০০০.৫০ BDT")
        #expect(kannada.compact(340_000) == "೩.೪ ಲಕ್ಷ")
        #expect(bengali.share(-0.004) == "০%")
        #expect(us.amount(-0.004, unit: "US$") == "US$0.00")
        #expect(us.amount(-5, unit: "Rs") == minus + "Rs5")
        #expect(us.amount(5, unit: "USD") == "5 USD")
        #expect(us.amount(5, unit: "TK") == "5 TK")
        #expect(us.amount(5, unit: "Tk") == "Tk5")
    }

    /// A unit after the figure is written with its space into the figure's own String (`render`'s `spaced`): the
    /// same text as the number and `" " + unit`, for units short and long, ASCII or not, whole and cents, negative,
    /// near a tie (the decimal expansion's path), and beyond the 15 bytes of a small String.
    @Test func unitsAfterAnAmountAreTheNumberASpaceAndTheUnit() {
        let units = ["t", "BDT", "people", "units", "tonnes", "tonnes of CO2 equivalent", "টন", "ಜನರು", "a b"]
        let values: [Double] = [0, 5, -5, 42, 1_250, -1_250, 2.675, 1.005, 12_345_678.9, 1_234_567_890, 99_999.995,
                                0.004, -0.004, 3.5]
        for format in [us, india, bengali] {
            for unit in units {
                for value in values {
                    let digits = NumberFormat.isWhole(value) ? 0 : 2
                    let number = format.decimal(value, digits: digits)
                    #expect(format.amount(value, unit: unit) == number + " " + unit, "\(value) \(unit)")
                }
            }
        }
        #expect(us.amount(12_345, unit: "units") == "12,345 units")
        #expect(india.amount(1_234_567.5, unit: "people") == "12,34,567.50 people")
        #expect(us.amount(-3, unit: "units") == minus + "3 units")
    }

    /// The binary fast path must print exactly what the decimal expansion prints, ties and all.
    @Test func theFastPathPrintsWhatTheDecimalExpansionPrints() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, 0.5, 1.5, 2.5, 0.145, 0.125, 2.675, 1.005, 0.015, 0.035, 99.995, 999_999.5, 0.3 + 0.6,
                                1e-9, 4.35, 0.285, 1_234_567.125, 1e14 + 0.5, 2.0e15, 9_007_199_254_740_993, 0.1 + 0.2]
        for _ in 0..<4_000 {
            let magnitude = Double.random(in: -9...15, using: &generator)
            values.append(Double.random(in: 0..<1, using: &generator) * pow(10, magnitude))
            // Exact ties at every number of digits: k / 2 / 10^d.
            let digits = Int.random(in: 0...4, using: &generator)
            values.append(Double(Int.random(in: 0...2_000_000, using: &generator) * 2 + 1) / 2 / pow(10, Double(digits)))
        }
        var checked = 0
        for format in [us, india, bengali] {
            for value in values + values.map({ -$0 }) {
                for digits in 0...3 {
                    #expect(format.decimal(value, digits: digits) == format.exactDecimal(value, digits: digits),
                            "decimal(\(value), digits: \(digits))")
                    #expect(format.decimal(value, digits: digits, trimZeros: true)
                            == format.exactDecimal(value, digits: digits, trimZeros: true))
                    #expect(format.share(value, digits: digits) == format.exactShare(value, digits: digits),
                            "share(\(value), digits: \(digits))")
                    checked += 1
                }
            }
        }
        #expect(checked > 80_000)
    }

    /// A value rounded as it prints (`roundedMagnitude`, `roundsToZero`: a change since the period before is the
    /// difference of two such) is the value of its rounded decimal digits, on and off the binary fast path: random
    /// values of every size, exact ties, and values just beside a tie.
    @Test func roundingAsPrintedIsTheValueOfThePrintedDigits() {
        var random = SplitMix64(seed: 5)
        func unit() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
        var values: [Double] = [0, 0.5, 2.5, 0.145, 2.675, 1.005, 99.995, 34.83, 1e-12, 0.05, 9_007_199_254_740_993, 2e15]
        for _ in 0..<4_000 {
            values.append(unit() * pow(10, Double(Int(random.next() % 24)) - 9))
            let tie = Double(Int(random.next() % 2_000_000) * 2 + 1) / 2 / pow(10, Double(random.next() % 5))
            values += [tie, tie.nextUp, tie.nextDown]
        }
        for value in values {
            for digits in 0...3 {
                let decimal = DecimalDigits.rounded(value, fractionDigits: digits)
                #expect(NumberFormat.roundedMagnitude(value, fractionDigits: digits) == decimal.value, "\(value), \(digits)")
                #expect(NumberFormat.roundsToZero(value, fractionDigits: digits) == decimal.isZero, "\(value), \(digits)")
                #expect(NumberFormat.roundsToZero(-value, fractionDigits: digits) == decimal.isZero)
            }
        }
    }
}
