import Glibc

/// Formats numbers for a report's locale, byte-identically on every machine.
///
/// Foundation's `NumberFormatter` asks ICU, whose data differs between macOS, Linux and ICU versions (the
/// Indian grouping and compact forms in particular); a published figure must not change with the machine
/// that built the site, so the rules are written out here and tested with concrete strings.
///
/// Rules (each one has a test in `NumberFormatTests`):
/// - Grouping: locales whose language is `bn`, `hi` or `kn`, or whose region is `IN` or `BD` (`en-IN`, `en-BD`,
///   `bn`, `bn-BD`, `hi`, `kn`) group the Indian way — the last three digits, then pairs: 1,00,000 and 12,34,567.
///   Every other locale groups by threes: 100,000 and 1,234,567. The separator is always `,`.
/// - The decimal point is always `.` (also in Bengali, which uses it).
/// - Digits are ASCII unless `nativeDigits` is set for a `bn` locale (then ০১২৩৪৫৬৭৮৯) or a `kn` one (೦೧೨೩೪೫೬೭೮೯).
///   Which languages use their own digits is a site setting (`native_digits`; CLDR's default: Bengali digits for
///   `bn`, Latin digits for `kn`).
/// - Negative numbers carry a real minus sign, U+2212 (`−300`), never a hyphen. A value that rounds to zero
///   has no sign (`−0.04` with one decimal is `0.0`).
/// - Rounding is half away from zero on the number's shortest decimal form (what Swift prints), so 2.675
///   rounds to 2.68 and 0.145 as a share is 15%, as a reader doing it by hand would get, not the binary
///   neighbour's 2.67.
/// - NaN and infinities, which no computation should hand over, print as `—` rather than a fake number.
public struct NumberFormat: Sendable, Hashable {
    /// One step of the compact scale: values from `divisor` up print as value ÷ divisor followed by `suffix`.
    public struct CompactUnit: Sendable, Hashable {
        public var divisor: Double
        /// Printed right after the number, so it carries its own space where the language wants one
        /// (`"K"` → `1.2K`, `" lakh"` → `3.4 lakh`).
        public var suffix: String
        public init(divisor: Double, suffix: String) { self.divisor = divisor; self.suffix = suffix }
    }

    public enum Grouping: String, Sendable, Hashable {
        /// 1,234,567
        case thousands
        /// 12,34,567
        case indian
    }

    /// The locale as given, e.g. `en-IN`.
    public let locale: String
    public let grouping: Grouping
    /// The script's digit zero when digits print in the language's own script (U+09E6 Bengali, U+0CE6 Kannada).
    public let digitZero: UInt32?
    /// True when digits print as Bengali digits.
    public var usesBengaliDigits: Bool { digitZero == Self.nativeDigitZero["bn"] }
    /// Languages whose own digits the formatter can print, by their digit zero.
    static let nativeDigitZero: [String: UInt32] = ["bn": 0x09E6, "kn": 0x0CE6]
    /// Ascending by divisor.
    public let compactUnits: [CompactUnit]

    /// - Parameters:
    ///   - locale: a BCP 47 tag such as `en`, `en-US`, `en-IN`, `bn-BD`; `_` is accepted for `-`.
    ///   - nativeDigits: print the language's own digits for `bn` and `kn` locales (ignored for other languages).
    ///   - compactUnits: overrides the compact scale (`K`/`M`/`B`/`T`, or `K`/` lakh`/` crore` for Indian
    ///     grouping, or হাজার/লাখ/কোটি for `bn`).
    public init(locale: String, nativeDigits: Bool = false, compactUnits: [CompactUnit]? = nil) {
        self.locale = locale
        let parts = locale.split(whereSeparator: { $0 == "-" || $0 == "_" })
        let language = parts.first.map { $0.lowercased() } ?? ""
        let region = parts.dropFirst().first { $0.count == 2 }.map { $0.uppercased() } ?? ""
        let indian = ["bn", "hi", "kn"].contains(language) || ["IN", "BD"].contains(region)
        self.grouping = indian ? .indian : .thousands
        self.digitZero = nativeDigits ? Self.nativeDigitZero[language] : nil
        if let compactUnits {
            self.compactUnits = compactUnits.sorted { $0.divisor < $1.divisor }
        } else if language == "bn" {
            self.compactUnits = [.init(divisor: 1e3, suffix: " হাজার"), .init(divisor: 1e5, suffix: " লাখ"),
                                 .init(divisor: 1e7, suffix: " কোটি")]
        } else if language == "kn" {
            self.compactUnits = [.init(divisor: 1e3, suffix: " ಸಾವಿರ"), .init(divisor: 1e5, suffix: " ಲಕ್ಷ"),
                                 .init(divisor: 1e7, suffix: " ಕೋಟಿ")]
        } else if language == "hi" {
            self.compactUnits = [.init(divisor: 1e3, suffix: " हज़ार"), .init(divisor: 1e5, suffix: " लाख"),
                                 .init(divisor: 1e7, suffix: " करोड़")]
        } else if indian {
            self.compactUnits = [.init(divisor: 1e3, suffix: "K"), .init(divisor: 1e5, suffix: " lakh"),
                                 .init(divisor: 1e7, suffix: " crore")]
        } else {
            self.compactUnits = [.init(divisor: 1e3, suffix: "K"), .init(divisor: 1e6, suffix: "M"),
                                 .init(divisor: 1e9, suffix: "B"), .init(divisor: 1e12, suffix: "T")]
        }
    }

    /// U+2212 MINUS SIGN.
    public static let minus = "\u{2212}"
    /// Printed for NaN and infinities.
    public static let notANumber = "—"

    // MARK: Public formats

    /// `1234567` → `1,234,567` (en-US) or `12,34,567` (en-IN); `-300` → `−300`.
    public func integer(_ v: Int) -> String {
        render(magnitude: v.magnitude, negative: v < 0, fractionDigits: 0, trimZeros: false)
    }

    /// Rounds to a whole number first (half away from zero): `2.5` → `3`, `-2.5` → `−3`.
    public func integer(_ v: Double) -> String { decimal(v, digits: 0) }

    /// Exactly `digits` decimals, rounded half away from zero: `decimal(1234.5, digits: 2)` → `1,234.50`.
    /// With `trimZeros`, trailing zeros (and a bare point) are dropped: `1234.50` → `1,234.5`, `2.00` → `2`.
    public func decimal(_ v: Double, digits: Int, trimZeros: Bool = false) -> String {
        guard v.isFinite else { return Self.notANumber }
        return decimal(v.magnitude, negative: v < 0, digits: digits, trimZeros: trimZeros)
    }

    /// `decimal` of a finite `magnitude`, signed when `negative` and it does not round to zero, between
    /// `before` (after the sign) and `after` (after a space when `spaced`), in one String.
    private func decimal(_ magnitude: Double, negative: Bool, digits: Int, trimZeros: Bool = false,
                         percentSign: Bool = false, before: String = "", after: String = "", spaced: Bool = false) -> String {
        let digits = max(0, digits)
        if let scaled = Self.unambiguouslyScaled(magnitude, shift: digits) {
            return render(magnitude: UInt(scaled), negative: negative, fractionDigits: digits, trimZeros: trimZeros,
                          percentSign: percentSign, before: before, after: after, spaced: spaced)
        }
        return render(DecimalDigits(magnitude), negative: negative, fractionDigits: digits, trimZeros: trimZeros,
                      before: before, after: (percentSign ? "%" : "") + (spaced ? " " : "") + after)
    }

    /// The decimal expansion of the shortest text that reads back as `v`, rounded there: the rule every
    /// format follows (`2.675` → `2.68`, though the binary value is a little below 2.675).
    func exactDecimal(_ v: Double, digits: Int, trimZeros: Bool = false) -> String {
        guard v.isFinite else { return Self.notANumber }
        return render(DecimalDigits(v.magnitude), negative: v < 0, fractionDigits: max(0, digits), trimZeros: trimZeros)
    }

    /// Counts of people, events, things: no decimals when whole (`1200` → `1,200`), otherwise exactly one
    /// (`12.25` → `12.3`, `12.04` → `12.0` — the decimal shows the figure is not a whole count).
    public func count(_ v: Double) -> String {
        // Fast path for whole numbers (most counts): exact in Int, no decimal expansion needed.
        if Self.isWhole(v), v.magnitude < 1e15 { return integer(Int(v)) }
        return decimal(v, digits: Self.isWhole(v) ? 0 : 1)
    }

    /// A value already in percentage points: `percent(15)` → `15%`, `percent(62.5, digits: 1)` → `62.5%`.
    public func percent(_ v: Double, digits: Int = 0) -> String {
        guard v.isFinite else { return Self.notANumber }
        return decimal(v.magnitude, negative: v < 0, digits: digits, percentSign: true)
    }

    /// A fraction of one as a percentage: `share(0.254)` → `25%`, `share(0.145)` → `15%`.
    /// The ×100 is a shift of the decimal point, so no binary rounding creeps in.
    public func share(_ fraction: Double, digits: Int = 0) -> String {
        guard fraction.isFinite else { return Self.notANumber }
        let digits = max(0, digits)
        if let scaled = Self.unambiguouslyScaled(fraction.magnitude, shift: digits + 2) {
            return render(magnitude: UInt(scaled), negative: fraction < 0, fractionDigits: digits, trimZeros: false,
                          percentSign: true)
        }
        return exactShare(fraction, digits: digits)
    }

    func exactShare(_ fraction: Double, digits: Int = 0) -> String {
        guard fraction.isFinite else { return Self.notANumber }
        var d = DecimalDigits(fraction.magnitude)
        d.point += 2
        return render(d, negative: fraction < 0, fractionDigits: max(0, digits), trimZeros: false, after: "%")
    }

    /// A percentage with the counts behind it: `ratio(numerator: 15, denominator: 100)` → `15% (15 of 100)`.
    /// `template` carries the words and order for other languages; placeholders `{percent}`, `{numerator}`,
    /// `{denominator}`. A zero denominator has no percentage: `— (0 of 0)`.
    public func ratio(numerator: Double, denominator: Double, digits: Int = 0,
                      template: String = "{percent} ({numerator} of {denominator})") -> String {
        let percentText = denominator == 0 ? Self.notANumber : share(numerator / denominator, digits: digits)
        return fillTemplate(template, ["percent": percentText, "numerator": count(numerator),
                                       "denominator": count(denominator)])
    }

    /// Short axis labels. Below the first unit (1,000): up to two decimals, trailing zeros dropped (`250`,
    /// `0.25`). From there: one decimal under 10 of a unit, none from 10 (`1.2K`, `12K`, `3.4 lakh`, `3.4M`),
    /// trailing `.0` dropped (`2K`). A value that rounds up to the next unit moves to it (`99,999` in en-IN
    /// is `1 lakh`, not `100K`); beyond the last unit the number is grouped (`12,345 crore`).
    public func compact(_ v: Double) -> String {
        guard v.isFinite else { return Self.notANumber }
        let a = v.magnitude
        guard let firstUnit = compactUnits.first,
              Self.roundedMagnitude(a, fractionDigits: 2) >= firstUnit.divisor else {
            return decimal(v, digits: 2, trimZeros: true)
        }
        var index = compactUnits.lastIndex { a >= $0.divisor } ?? 0  // 0 when 999.999 rounds up to 1,000
        while true {
            let unit = compactUnits[index]
            let m = a / unit.divisor
            // Promote when rounding reached the next unit (e.g. 999.96K → 1M).
            if index + 1 < compactUnits.count {
                let next = compactUnits[index + 1]
                let rounded = Self.roundedMagnitude(m, fractionDigits: m < 10 ? 1 : 0)
                if rounded * unit.divisor >= next.divisor { index += 1; continue }
            }
            return render(DecimalDigits(m), negative: v < 0, fractionDigits: m < 10 ? 1 : 0, trimZeros: true,
                          after: unit.suffix)
        }
    }

    /// A quantity with its unit: count rules, but two decimals when not whole (money). Currency symbols go
    /// in front without a space (`$1,250`, `−৳500`); any other unit follows after a space (`12,50,000 BDT`,
    /// `3.5 tonnes`). An empty unit gives the number alone.
    public func amount(_ v: Double, unit: String) -> String {
        guard v.isFinite else { return Self.notANumber }
        let digits = Self.isWhole(v) ? 0 : 2
        // The minus goes before a symbol in front, and only when the amount does not round to zero.
        if unit.isEmpty { return decimal(v.magnitude, negative: v < 0, digits: digits) }
        if Self.isPrefixSymbol(unit) { return decimal(v.magnitude, negative: v < 0, digits: digits, before: unit) }
        // The space is put by `render`, not joined to the unit here: a short unit goes into the figure's own small
        // String with it, and no String is made for " " + unit on every call.
        return decimal(v.magnitude, negative: v < 0, digits: digits, after: unit, spaced: true)
    }

    /// A change with its sign always shown: `+1,200`, `−300`, `0`; count rules for decimals.
    public func signed(_ v: Double) -> String {
        let text = count(v)
        guard v > 0, !Self.roundsToZero(v, fractionDigits: Self.isWhole(v) ? 0 : 1) else { return text }
        return "+" + text
    }

    // MARK: Rules shared by the formats

    static let prefixSymbols: Set<String> = ["$", "US$", "£", "€", "₹", "৳", "¥", "Rs", "Tk"]

    /// Whether `unit` is one of `prefixSymbols`. Every amount asks, and most units are ISO codes (`BDT`) or
    /// words (`tonnes`): a unit longer than three bytes, or of capital letters only, is none of them and is
    /// answered without hashing it.
    static func isPrefixSymbol(_ unit: String) -> Bool {
        let utf8 = unit.utf8
        guard utf8.count <= 3, !utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return false }
        return prefixSymbols.contains(unit)
    }

    static func isWhole(_ v: Double) -> Bool { v.isFinite && v == v.rounded(.towardZero) }

    private static let powersOfTen: [Double] = (0...8).map { power in (0..<power).reduce(1.0) { value, _ in value * 10 } }

    /// `magnitude × 10^shift` rounded to a whole number, when binary arithmetic cannot round it differently from
    /// the decimal rule: the scaled value is below 2^50 and not within a margin of a half (the margin covers
    /// the difference between the binary value and its shortest decimal text, and the multiplication's own
    /// rounding). Near a tie, or for larger numbers, nil: the caller expands the decimal digits instead. Most
    /// figures are nowhere near a tie, so most formats skip the text round trip (a tenth of a large build).
    static func unambiguouslyScaled(_ magnitude: Double, shift: Int) -> Int? {
        guard shift >= 0, shift < powersOfTen.count else { return nil }
        let scaled = magnitude * powersOfTen[shift]
        guard scaled < 1_125_899_906_842_624 else { return nil }  // 2^50
        let whole = scaled.rounded(.down)
        let margin = 1e-9 + scaled * 1e-15
        guard abs(scaled - whole - 0.5) > margin else { return nil }
        return Int(scaled - whole < 0.5 ? whole : whole + 1)
    }

    /// Grouped, signed, localized text of `magnitude / 10^fractionDigits` (signed when `negative` and not zero),
    /// then `after`, after a space when `spaced` (an amount's unit).
    /// The text is written from the right (`writeDigits`): a plain one (no sign, nothing before it, ASCII digits,
    /// an ASCII `after` of a small String) of at most 15 bytes, most figures, straight into the words of its small
    /// String (`SmallText`); any other into a buffer on the stack (a UInt has at most 20 digits), to which `finish`
    /// adds sign and affixes. `percentSign` puts a `%` right after the digits in that same pass (a percentage is
    /// then a plain text).
    func render(magnitude: UInt, negative: Bool, fractionDigits: Int, trimZeros: Bool, percentSign: Bool = false,
                before: String = "", after: String = "", spaced: Bool = false) -> String {
        if digitZero == nil, !negative || magnitude == 0, before.isEmpty {
            var text = SmallText()
            var plain = after.isEmpty
            // A unit after a space (an amount's): its bytes go in first, when they are a small String's, and ASCII.
            if spaced, let unit = smallStringBytes(after), isASCII(unit.words) {
                text.prepend(unit.words, count: unit.count)
                text.prepend(UInt8(ascii: " "))
                plain = true
            }
            if plain {
                writeDigits(magnitude, fractionDigits: fractionDigits, trimZeros: trimZeros, percentSign: percentSign, to: &text)
                if let string = text.string { return string }
            }
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: fractionDigits + 48) { buffer in
            var text = TextInBuffer(buffer)
            writeDigits(magnitude, fractionDigits: fractionDigits, trimZeros: trimZeros, percentSign: percentSign, to: &text)
            return finish(text.written, negative: negative && magnitude != 0, before: before,
                          after: spaced ? " " + after : after)
        }
    }

    /// `render`'s ASCII text, from its last character to its first.
    @inline(__always)
    private func writeDigits<Text: TextFromTheRight>(_ magnitude: UInt, fractionDigits: Int, trimZeros: Bool,
                                                     percentSign: Bool, to text: inout Text) {
        if percentSign { text.prepend(UInt8(ascii: "%")) }
        var rest = magnitude
        var fraction = fractionDigits
        if trimZeros { while fraction > 0, rest % 10 == 0 { rest /= 10; fraction -= 1 } }
        if fraction > 0 {
            for _ in 0..<fraction {
                text.prepend(0x30 &+ UInt8(truncatingIfNeeded: rest % 10))
                rest /= 10
            }
            text.prepend(UInt8(ascii: "."))
        }
        // The integer part, at least "0", a separator after the first three digits and then every group.
        var inGroup = 0, groupEnd = 3
        let groupSize = grouping == .indian ? 2 : 3
        repeat {
            if inGroup == groupEnd {
                text.prepend(UInt8(ascii: ","))
                inGroup = 0
                groupEnd = groupSize
            }
            text.prepend(0x30 &+ UInt8(truncatingIfNeeded: rest % 10))
            rest /= 10
            inGroup += 1
        } while rest > 0
    }

    /// Whether `v` prints as zero with `fractionDigits` decimals.
    static func roundsToZero(_ v: Double, fractionDigits: Int) -> Bool {
        if let scaled = unambiguouslyScaled(v.magnitude, shift: fractionDigits) { return scaled == 0 }
        return DecimalDigits.rounded(v.magnitude, fractionDigits: fractionDigits).isZero
    }

    /// `m` (not negative) rounded as it prints with `fractionDigits` decimals, as a number: 34.83 → 35 with none.
    /// Away from a tie, the whole number `unambiguouslyScaled` gives divided by the power of ten is the double
    /// nearest the printed decimal (one correctly rounded division), as reading the printed digits back gives.
    static func roundedMagnitude(_ m: Double, fractionDigits: Int) -> Double {
        if let scaled = unambiguouslyScaled(m, shift: fractionDigits) { return Double(scaled) / powersOfTen[fractionDigits] }
        return DecimalDigits.rounded(m, fractionDigits: fractionDigits).value
    }

    /// Digits → grouped, signed, localized text.
    func render(_ digits: DecimalDigits, negative: Bool, fractionDigits: Int, trimZeros: Bool,
                before: String = "", after: String = "") -> String {
        var d = digits
        d.round(fractionDigits: fractionDigits)
        var (integerPart, fractionPart) = d.parts(fractionDigits: fractionDigits)
        if trimZeros {
            while fractionPart.last == "0" { fractionPart.removeLast() }
        }
        return integerPart.withUTF8 { integer in
            fractionPart.withUTF8 { fraction in
                compose(negative: negative && !d.isZero, integer: integer, fraction: fraction, before: before, after: after)
            }
        }
    }

    /// The finished text of a number from its ASCII digits: `integer` with `,` by the locale's grouping (after the
    /// first three from the right, then every three or, Indian, every two), `.` and `fraction` when there are any,
    /// signed and between `before` and `after` (`finish`).
    func compose(negative: Bool, integer: UnsafeBufferPointer<UInt8>, fraction: UnsafeBufferPointer<UInt8>,
                 before: String = "", after: String = "") -> String {
        let groupSize = grouping == .indian ? 2 : 3
        let separators = integer.count > 3 ? 1 + (integer.count - 4) / groupSize : 0
        let count = integer.count + separators + (fraction.isEmpty ? 0 : 1 + fraction.count)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
            let out = buffer.baseAddress!
            var at = 0
            for index in 0..<integer.count {
                let fromRight = integer.count - index
                if index > 0, fromRight >= 3, (fromRight - 3) % groupSize == 0 { out[at] = UInt8(ascii: ","); at += 1 }
                out[at] = integer[index]
                at += 1
            }
            if !fraction.isEmpty {
                out[at] = UInt8(ascii: ".")
                at += 1
                (out + at).update(from: fraction.baseAddress!, count: fraction.count)
            }
            return finish(UnsafeBufferPointer(buffer), negative: negative, before: before, after: after)
        }
    }

    /// The finished text of a number whose grouped ASCII text is `text`: the minus sign when `negative`, `before`,
    /// `text` with its digits in the language's own script when `digitZero` says so, then `after`, written into one
    /// String of exactly its length (a plain number's bytes as they are, `makeString`). No intermediate String or
    /// array: this runs for every figure on every page.
    func finish(_ text: UnsafeBufferPointer<UInt8>, negative: Bool, before: String, after: String) -> String {
        let native = digitZero.flatMap(Unicode.Scalar.init)
        if native == nil, !negative, before.isEmpty, after.isEmpty {
            return makeString(count: text.count) { out in
                out.update(from: text.baseAddress!, count: text.count)
                return text.count
            }
        }
        let digitWidth = native.map { UTF8.width($0) } ?? 1
        var digits = 0
        if digitWidth > 1 { for byte in text where byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { digits += 1 } }
        let sign: StaticString = "\u{2212}"  // `minus`
        let count = (negative ? sign.utf8CodeUnitCount : 0) + before.utf8.count + text.count + digits * (digitWidth - 1)
            + after.utf8.count
        // Plain loops over a pointer with one index (no nested functions: a captured, mutated index is boxed
        // and checked for exclusive access on every byte).
        return String(unsafeUninitializedCapacity: count) { buffer in
            let out = buffer.baseAddress!
            var at = 0
            if negative {
                out.update(from: sign.utf8Start, count: sign.utf8CodeUnitCount)
                at += sign.utf8CodeUnitCount
            }
            copyUTF8(before, to: out, at: &at)
            if let native {
                for byte in text {
                    // Digits in the script; the separators and a percent sign as they are.
                    guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { out[at] = byte; at += 1; continue }
                    for unit in UTF8.encode(Unicode.Scalar(native.value + UInt32(byte - 0x30))!)! { out[at] = unit; at += 1 }
                }
            } else {
                (out + at).update(from: text.baseAddress!, count: text.count)
                at += text.count
            }
            copyUTF8(after, to: out, at: &at)
            return at
        }
    }
}

/// `text`'s UTF-8 written at `out + at`, `at` moved past it: how a number's affixes and a placeholder's value go
/// into the String being written (`NumberFormat.finish`, `fillTemplate`, `concatenated`, `CountsWords`).
/// A small String's bytes are taken from its own two words (`smallStringBytes`), a longer one's from its contiguous
/// storage: copying from the UTF-8 view as a sequence made an iterator (retaining the text) and cost some hundred
/// instructions a part, for every part of every number, placeholder and joined text.
@inline(__always)
func copyUTF8(_ text: String, to out: UnsafeMutablePointer<UInt8>, at: inout Int) {
    if let small = smallStringBytes(text) {
        withUnsafeBytes(of: small.words) { words in
            (out + at).update(from: words.baseAddress!.assumingMemoryBound(to: UInt8.self), count: small.count)
        }
        at += small.count
        return
    }
    let count = text.utf8.count
    guard count > 0 else { return }
    let copied: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
        (out + at).update(from: bytes.baseAddress!, count: count)
    }
    if copied == nil { _ = UnsafeMutableBufferPointer(start: out + at, count: count).initialize(from: text.utf8) }
    at += count
}

/// `first`, `second` and `third` in one String of exactly their length: each `+` or `append` of a part grew the
/// String it was added to (a link with its anchor, a value with its counts, on every row of every table).
/// Parts that are all small ASCII Strings of at most 15 bytes together ("+3,890", "c-2026-Q3") are joined in the two
/// words of a small String (`SmallText`), with no String made and checked; any others are written into one.
func concatenated(_ first: String, _ second: String, _ third: String = "") -> String {
    if let a = smallStringBytes(first), let b = smallStringBytes(second), let c = smallStringBytes(third),
       a.count + b.count + c.count <= 15,
       isASCII(a.words), isASCII(b.words), isASCII(c.words) {
        var text = SmallText()
        text.prepend(c.words, count: c.count)
        text.prepend(b.words, count: b.count)
        text.prepend(a.words, count: a.count)
        if let string = text.string { return string }
    }
    return String(unsafeUninitializedCapacity: first.utf8.count + second.utf8.count + third.utf8.count) { buffer in
        var at = 0
        copyUTF8(first, to: buffer.baseAddress!, at: &at)
        copyUTF8(second, to: buffer.baseAddress!, at: &at)
        copyUTF8(third, to: buffer.baseAddress!, at: &at)
        return at
    }
}

/// `parts` with `separator` between each two, in one String of exactly their length: `joined(separator:)` grew its
/// String part by part (a working's formula joins a term per partner, on every indicator page).
func joinedTexts(_ parts: [String], separator: String) -> String {
    guard parts.count > 1 else { return parts.first ?? "" }
    var count = separator.utf8.count * (parts.count - 1)
    for index in parts.indices { count += parts[index].utf8.count }
    return String(unsafeUninitializedCapacity: count) { buffer in
        var at = 0
        for index in parts.indices {
            if index > 0 { copyUTF8(separator, to: buffer.baseAddress!, at: &at) }
            copyUTF8(parts[index], to: buffer.baseAddress!, at: &at)
        }
        return at
    }
}

/// A String of the `count` bytes of valid UTF-8 that `write` puts at the pointer it is given (it returns how many it
/// wrote, `count`).
///
/// Most figures are short ASCII ("1,250", "3.4"). A String of at most 15 bytes is stored in its own two
/// words, with no allocation: the bytes in memory order, then in the top byte of the second word its count and the
/// flags small (0x20), ASCII (0x40) and immortal (0x80). That is the standard library's layout on 64-bit
/// little-endian platforms (part of its ABI; `TemplateKey.hash` and the renderer read it too), so a short ASCII text
/// is written straight into those words: `String(decoding:)` or `String(unsafeUninitializedCapacity:)` would check
/// the bytes and pack them the same way, at several times the cost (the check is ~150 instructions of each figure).
/// `shortASCIITextsAreTheStringsTheStandardLibraryMakes` compares the two for every length. Anything else, or
/// another layout, is made by `String(unsafeUninitializedCapacity:)`.
func makeString(count: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) -> String {
    #if _endian(little) && _pointerBitWidth(_64)
    if count <= 15 {
        var words: (UInt64, UInt64) = (0, 0)
        let written = withUnsafeMutableBytes(of: &words) { write($0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
        precondition(written == count, "makeString: \(written) bytes written of \(count)")
        if isASCII(words), let string = smallASCIIString(words, count: count) {
            return string
        }
        return withUnsafeBytes(of: words) { String(decoding: $0.prefix(count), as: UTF8.self) }
    }
    #endif
    return String(unsafeUninitializedCapacity: count) { write($0.baseAddress!) }
}

/// The String of the `count` (at most 15) ASCII bytes in `words`, in memory order, the bytes after them zero: those
/// words with the count and flags in the top byte (`makeString`); nil on a platform of another layout.
@inline(__always)
func smallASCIIString(_ words: (UInt64, UInt64), count: Int) -> String? {
    #if _endian(little) && _pointerBitWidth(_64)
    assert(count <= 15 && isASCII(words) && words.1 >> 56 == 0,
           "a small ASCII String holds up to 15 bytes")
    // The words are stored into a String's own memory, which is then returned: `unsafeBitCast` made a copy of the
    // cast value, for which the compiler called the runtime to retain it (nothing to retain in a small String, but a
    // call for every figure).
    var string = ""
    withUnsafeMutableBytes(of: &string) { bytes in
        bytes.storeBytes(of: words.0, as: UInt64.self)
        bytes.storeBytes(of: words.1 | UInt64(0xE0 | count) << 56, toByteOffset: 8, as: UInt64.self)
    }
    return string
    #else
    return nil
    #endif
}

/// No byte of the two words (a small String's, `smallStringBytes`, or `SmallText`'s) is beyond ASCII.
@inline(__always)
func isASCII(_ words: (UInt64, UInt64)) -> Bool { (words.0 | words.1) & 0x8080_8080_8080_8080 == 0 }

/// The bytes of a small String (at most 15, held in the String's own two words: the bytes in memory order, followed
/// by zeros, and in the top byte the count and flags), read back from those words: the words with the top byte
/// cleared, and the count; nil for a longer String or another layout. The reverse of `smallASCIIString`: the
/// renderer's `TextBytes`, `TemplateKey.hash` and `SVGWriter.escaped` take short texts this way rather than asking
/// the String for its UTF-8, which copies the bytes out and calls a closure.
@inline(__always)
func smallStringBytes(_ text: String) -> (words: (UInt64, UInt64), count: Int)? {
    guard MemoryLayout<String>.size == 16 else { return nil }
    let words = unsafeBitCast(text, to: (UInt64, UInt64).self)
    guard words.1 & (1 << 61) != 0 else { return nil }  // the "small" flag (0x20 in the top byte)
    return ((words.0, words.1 & 0x00FF_FFFF_FFFF_FFFF), Int((words.1 >> 56) & 0xF))
}

/// A text written from its last character to its first (`NumberFormat.render`).
protocol TextFromTheRight {
    mutating func prepend(_ byte: UInt8)
}

/// Up to 15 ASCII bytes, written from the last, in the two words of a small String (`smallASCIIString`): each byte
/// goes in at the low end and moves those after it up, so the first ends in the lowest byte, the String's first.
struct SmallText: TextFromTheRight {
    private var low: UInt64 = 0, high: UInt64 = 0
    private var count = 0

    @inline(__always)
    mutating func prepend(_ byte: UInt8) {
        high = high << 8 | low >> 56
        low = low << 8 | UInt64(byte)
        count += 1
    }

    /// The `count` bytes of `words` (`smallStringBytes`), prepended from the last.
    @inline(__always)
    mutating func prepend(_ words: (UInt64, UInt64), count: Int) {
        var index = count
        while index > 8 {
            index -= 1
            prepend(UInt8(truncatingIfNeeded: words.1 >> UInt64(8 * (index - 8))))
        }
        while index > 0 {
            index -= 1
            prepend(UInt8(truncatingIfNeeded: words.0 >> UInt64(8 * index)))
        }
    }

    /// The String of the bytes prepended; nil when there are more than 15 (the first ones were pushed out).
    var string: String? { count <= 15 ? smallASCIIString((low, high), count: count) : nil }
}

/// A text written from the end of `buffer` towards its start (which it must not reach).
struct TextInBuffer: TextFromTheRight {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private var start: Int

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
        start = buffer.count
    }

    @inline(__always)
    mutating func prepend(_ byte: UInt8) {
        start -= 1
        buffer[start] = byte
    }

    /// The bytes prepended, in order.
    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: buffer[start...]) }
}

/// Fills `{name}` placeholders; unknown placeholders stay as they are so a translator's typo is visible.
/// The names and values are the call's literal list (`fillTemplate(text, ["period": name])`), searched in order:
/// no Dictionary is built and hashed for a call (this runs a few times for every figure on every page). A
/// placeholder's name is compared with the keys as bytes, and the text is written into one String of its length.
///
/// One pass over the bytes finds the placeholders (memchr for each `{` and its `}`) and adds up the length, noting
/// each as three integers on the stack (where it opens, where it ends, which value): no closure, no String kept on
/// the side; a second pass writes the text between them and their values. A template without a known placeholder
/// is returned as it is.
func fillTemplate(_ template: String, _ values: KeyValuePairs<String, String>) -> String {
    var template = template
    let filled = template.withUTF8 { bytes -> String? in
        guard let base = bytes.baseAddress else { return nil }
        let end = bytes.count
        // Each `{` may open a placeholder: room on the stack for that many.
        var braces = 0
        var search = 0
        while search < end, let open = memchr(base + search, Int32(UInt8(ascii: "{")), end - search) {
            braces += 1
            search = base.distance(to: open.assumingMemoryBound(to: UInt8.self)) + 1
        }
        guard braces > 0 else { return nil }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * braces) { found -> String? in
            var placeholders = 0
            var length = end
            var search = 0
            while search < end, let openPointer = memchr(base + search, Int32(UInt8(ascii: "{")), end - search) {
                let open = base.distance(to: openPointer.assumingMemoryBound(to: UInt8.self))
                let nameStart = open + 1
                guard let closePointer = memchr(base + nameStart, Int32(UInt8(ascii: "}")), end - nameStart) else { break }
                let close = base.distance(to: closePointer.assumingMemoryBound(to: UInt8.self))
                guard let index = valueIndex(values, name: base + nameStart, count: close - nameStart) else {
                    search = nameStart
                    continue
                }
                found[3 * placeholders] = open
                found[3 * placeholders + 1] = close + 1
                found[3 * placeholders + 2] = index
                placeholders += 1
                length += values[index].value.utf8.count - (close + 1 - open)
                search = close + 1
            }
            guard placeholders > 0 else { return nil }
            return String(unsafeUninitializedCapacity: length) { buffer in
                let out = buffer.baseAddress!
                var at = 0
                var from = 0
                for placeholder in 0..<placeholders {
                    let open = found[3 * placeholder]
                    (out + at).update(from: base + from, count: open - from)
                    at += open - from
                    copyUTF8(values[found[3 * placeholder + 2]].value, to: out, at: &at)
                    from = found[3 * placeholder + 1]
                }
                (out + at).update(from: base + from, count: end - from)
                return at + end - from
            }
        }
    }
    return filled ?? template
}

/// The offset in `values` of the first key whose bytes are the `count` bytes at `name`; nil when none is.
private func valueIndex(_ values: KeyValuePairs<String, String>, name: UnsafePointer<UInt8>, count: Int) -> Int? {
    for index in values.indices {
        let key = values[index].key
        guard key.utf8.count == count else { continue }
        if count == 0 { return index }
        let same = key.utf8.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, name, count) == 0 }
            ?? key.utf8.elementsEqual(UnsafeBufferPointer(start: name, count: count))
        if same { return index }
    }
    return nil
}

/// A non-negative decimal number as digits and a point position: value = 0.d₀d₁d₂… × 10^point.
/// Built from Swift's shortest round-trip text of the Double, which is the same on every platform.
struct DecimalDigits: Hashable {
    /// 0…9; no leading zeros; empty for zero.
    var digits: [UInt8]
    /// Number of digits before the decimal point (≤ 0 for values below 0.1).
    var point: Int

    init(_ magnitude: Double) {
        digits = []
        point = 0
        guard magnitude.isFinite, magnitude != 0 else { return }
        // "1234.5", "0.001", "1e-05", "1.2345e+16": read over the bytes of the shortest round-trip text.
        var text = String(describing: magnitude.magnitude)
        var all: [UInt8] = []
        all.reserveCapacity(20)
        var integerCount = 0
        var exponent = 0
        text.withUTF8 { bytes in
            var seenPoint = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= 0x30 && byte <= 0x39 {
                    all.append(byte - 0x30)
                    if !seenPoint { integerCount += 1 }
                } else if byte == UInt8(ascii: ".") {
                    seenPoint = true
                } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                    var sign = 1
                    var cursor = index + 1
                    if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") { sign = -1; cursor += 1 }
                    else if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "+") { cursor += 1 }
                    var value = 0
                    while cursor < bytes.count, bytes[cursor] >= 0x30, bytes[cursor] <= 0x39 {
                        value = value * 10 + Int(bytes[cursor] - 0x30)
                        cursor += 1
                    }
                    exponent = sign * value
                    break
                }
                index += 1
            }
        }
        var point = integerCount + exponent
        var leading = 0
        while leading < all.count, all[leading] == 0 { leading += 1; point -= 1 }
        var end = all.count
        while end > leading, all[end - 1] == 0 { end -= 1 }
        if leading == end { point = 0 }
        self.digits = leading == 0 && end == all.count ? all : Array(all[leading..<end])
        self.point = point
    }

    var isZero: Bool { digits.allSatisfy { $0 == 0 } }

    var value: Double {
        var v = 0.0
        for d in digits { v = v * 10 + Double(d) }
        let shift = point - digits.count
        var scale = 1.0
        for _ in 0..<abs(shift) { scale *= 10 }
        return shift >= 0 ? v * scale : v / scale
    }

    /// The digits of `magnitude` rounded half away from zero to `fractionDigits` decimals.
    static func rounded(_ magnitude: Double, fractionDigits: Int) -> DecimalDigits {
        var digits = DecimalDigits(magnitude)
        digits.round(fractionDigits: fractionDigits)
        return digits
    }

    /// Rounds half away from zero to `fractionDigits` decimals.
    mutating func round(fractionDigits: Int) {
        let keep = point + fractionDigits
        guard keep < digits.count else { return }
        if keep < 0 { digits = []; point = 0; return }
        let roundUp = digits[keep] >= 5
        digits = Array(digits.prefix(keep))
        guard roundUp else {
            if digits.isEmpty { point = 0 }
            return
        }
        var i = keep - 1
        while i >= 0 && digits[i] == 9 { digits[i] = 0; i -= 1 }
        if i < 0 { digits.insert(1, at: 0); point += 1 } else { digits[i] += 1 }
    }

    /// ASCII integer digits (at least "0") and exactly `fractionDigits` fraction digits.
    func parts(fractionDigits: Int) -> (String, String) {
        var integerBytes: [UInt8] = []
        if point <= 0 || isZero {
            integerBytes = [0x30]
        } else {
            integerBytes.reserveCapacity(point)
            for i in 0..<point { integerBytes.append(0x30 + (i < digits.count ? digits[i] : 0)) }
        }
        var fractionBytes: [UInt8] = []
        fractionBytes.reserveCapacity(fractionDigits)
        for j in 0..<fractionDigits {
            let index = point + j
            fractionBytes.append(0x30 + (index >= 0 && index < digits.count ? digits[index] : 0))
        }
        return (String(decoding: integerBytes, as: UTF8.self), String(decoding: fractionBytes, as: UTF8.self))
    }
}
