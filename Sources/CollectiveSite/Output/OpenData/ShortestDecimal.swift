/// The shortest decimal text that reads back as the same Double, written as `Double.description` writes it, for
/// the numbers the open data holds most: figures that are not whole, from 0.0001 up to 2^53 (shares, progress,
/// averages: `0.021518350930115636`, `21.818181818181817`). `OpenData.withNumber` asks the standard library's
/// formatter for anything else.
///
/// Ryū's digit search (Ulf Adams, 2018: the shortest digits in the interval of decimals that read back as the
/// value, the closest to it among them, an exact half to even), which in this range needs no table: the scale
/// factor is 5^i with i ≤ 23, a 64-bit number, so each bound is the value's 55-bit mantissa times it, shifted,
/// computed exactly in 128 bits. Its text is the standard library's decimal form: a sign, the integer digits (or
/// `0.` and zeros), a point and the rest. `shortestDecimalsAreWhatDoubleDescriptionWrites` compares the two over
/// millions of values.
enum ShortestDecimal {
    /// Writes the text of `value` at `out` and returns its length (at most 24 bytes; it may write any of the first 64,
    /// which `out` must have room for); nil when `value` is whole, or
    /// below 2^-14 or from 2^53 on in magnitude (or not finite), or its text would have an exponent (below 0.0001).
    static func write(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int? {
        let bits = value.bitPattern
        let biasedExponent = Int(truncatingIfNeeded: (bits >> 52) & 0x7FF)
        guard biasedExponent >= 1023 - 14, biasedExponent < 1023 + 53 else { return nil }
        let fraction = bits & (1 << 52 - 1)
        let mantissa = fraction | 1 << 52
        // value = mantissa × 2^(e2 + 2); the interval of decimals that read back as it is (mv - 1 - mmShift ... mv + 2)
        // × 2^e2, its ends included when the mantissa is even. Below a power of two the lower neighbour is half as far.
        let e2 = biasedExponent - 1023 - 52 - 2  // -68 ... -2
        let mv = mantissa << 2
        let mmShift: UInt64 = fraction != 0 ? 1 : 0
        let acceptBounds = mantissa & 1 == 0
        // The bounds × 10^-e10, as integers: × 5^i, ÷ 2^q (q ≤ 46, i ≤ 23).
        let q = (-e2 * 732_923) >> 20 - 1
        let e10 = q + e2
        let power = fiveTo(-e2 - q)
        @inline(__always) func scaled(_ m: UInt64) -> UInt64 {
            let (high, low) = m.multipliedFullWidth(by: power)
            return q == 0 ? low : low &>> UInt64(q) | high &<< UInt64(64 - q)
        }
        var vr = scaled(mv), vp = scaled(mv + 2), vm = scaled(mv - 1 - mmShift)
        var vrIsTrailingZeros = false, vmIsTrailingZeros = false
        if q <= 1 {
            // The products are whole: vr and vp are the exact ends.
            vrIsTrailingZeros = true
            if acceptBounds { vmIsTrailingZeros = mmShift == 1 } else { vp -= 1 }
        } else {
            vrIsTrailingZeros = mv & (1 << UInt64(q) - 1) == 0
        }

        // The fewest digits: remove them while the bounds still differ, rounding the value's own digits.
        var removed = 0
        var output: UInt64
        if vmIsTrailingZeros || vrIsTrailingZeros {
            var lastRemovedDigit: UInt64 = 0
            while vp / 10 > vm / 10 {
                vmIsTrailingZeros = vmIsTrailingZeros && vm % 10 == 0
                vrIsTrailingZeros = vrIsTrailingZeros && lastRemovedDigit == 0
                lastRemovedDigit = vr % 10
                vr /= 10; vp /= 10; vm /= 10
                removed += 1
            }
            if vmIsTrailingZeros {
                while vm % 10 == 0 {
                    vrIsTrailingZeros = vrIsTrailingZeros && lastRemovedDigit == 0
                    lastRemovedDigit = vr % 10
                    vr /= 10; vp /= 10; vm /= 10
                    removed += 1
                }
            }
            // An exact half rounds to even.
            if vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0 { lastRemovedDigit = 4 }
            let outside = vr == vm && (!acceptBounds || !vmIsTrailingZeros)
            output = vr + (outside || lastRemovedDigit >= 5 ? 1 : 0)
        } else {
            var roundUp = false
            if vp / 100 > vm / 100 {
                roundUp = vr % 100 >= 50
                vr /= 100; vp /= 100; vm /= 100
                removed += 2
            }
            while vp / 10 > vm / 10 {
                roundUp = vr % 10 >= 5
                vr /= 10; vp /= 10; vm /= 10
                removed += 1
            }
            output = vr + (vr == vm || roundUp ? 1 : 0)
        }

        // value ≈ output × 10^exponent; `before` digits come before the point (≤ 0: `0.` and zeros first).
        let exponent = e10 + removed
        let length = digitCount(output)
        let before = length + exponent
        guard before >= -3, before < length else { return nil }  // an exponent, or a whole number
        // The 17 digits of `output` (leading zeros included) in a buffer on the stack, each run copied from there as
        // two 16-byte words: the significant ones start at `17 - length`.
        let zeros = SIMD32<UInt8>(repeating: UInt8(ascii: "0"))
        var digits = (zeros, zeros)
        let sign = Int(truncatingIfNeeded: bits >> 63)
        return withUnsafeMutableBytes(of: &digits) { scratch in
            let first = output / 10_000_000_000_000_000, rest = output - first * 10_000_000_000_000_000
            let middle = rest / 100_000_000
            scratch.storeBytes(of: UInt8(truncatingIfNeeded: first) + UInt8(ascii: "0"), as: UInt8.self)
            scratch.storeBytes(of: eightDigits(middle).littleEndian, toByteOffset: 1, as: UInt64.self)
            scratch.storeBytes(of: eightDigits(rest - middle * 100_000_000).littleEndian, toByteOffset: 9, as: UInt64.self)
            let significant = UnsafeRawPointer(scratch.baseAddress! + (17 - length))
            let to = UnsafeMutableRawPointer(out)
            @inline(__always) func copy32(from: UnsafeRawPointer, to: UnsafeMutableRawPointer) {
                to.storeBytes(of: from.loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self), toByteOffset: 16,
                              as: SIMD16<UInt8>.self)
            }
            to.storeBytes(of: UInt8(ascii: "-"), as: UInt8.self)  // overwritten when positive
            if before <= 0 {
                // "0.", up to three zeros (`before` ≥ -3), the digits.
                let zeroPoint: StaticString = "0.000"
                (to + sign).copyMemory(from: zeroPoint.utf8Start, byteCount: 5)
                let at = sign + 2 - before
                copy32(from: significant, to: to + at)
                return at + length
            }
            copy32(from: significant, to: to + sign)
            copy32(from: significant + before, to: to + sign + before + 1)
            to.storeBytes(of: UInt8(ascii: "."), toByteOffset: sign + before, as: UInt8.self)
            return sign + length + 1
        }
    }

    // The tables below are switches over literals (which the compiler makes constant tables): a `static let`
    // array would be checked for its one-time initialization at each use.

    /// 5^power, for power 0 … 26.
    @inline(__always)
    private static func fiveTo(_ power: Int) -> UInt64 {
        switch power {
        case 0: 1
        case 1: 5
        case 2: 25
        case 3: 125
        case 4: 625
        case 5: 3_125
        case 6: 15_625
        case 7: 78_125
        case 8: 390_625
        case 9: 1_953_125
        case 10: 9_765_625
        case 11: 48_828_125
        case 12: 244_140_625
        case 13: 1_220_703_125
        case 14: 6_103_515_625
        case 15: 30_517_578_125
        case 16: 152_587_890_625
        case 17: 762_939_453_125
        case 18: 3_814_697_265_625
        case 19: 19_073_486_328_125
        case 20: 95_367_431_640_625
        case 21: 476_837_158_203_125
        case 22: 2_384_185_791_015_625
        case 23: 11_920_928_955_078_125
        case 24: 59_604_644_775_390_625
        case 25: 298_023_223_876_953_125
        case 26: 1_490_116_119_384_765_625
        default: preconditionFailure("5^\(power) is not in the table")
        }
    }

    /// 10^power, for power 0 … 17.
    @inline(__always)
    private static func tenTo(_ power: Int) -> UInt64 {
        switch power {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1_000
        case 4: 10_000
        case 5: 100_000
        case 6: 1_000_000
        case 7: 10_000_000
        case 8: 100_000_000
        case 9: 1_000_000_000
        case 10: 10_000_000_000
        case 11: 100_000_000_000
        case 12: 1_000_000_000_000
        case 13: 10_000_000_000_000
        case 14: 100_000_000_000_000
        case 15: 1_000_000_000_000_000
        case 16: 10_000_000_000_000_000
        case 17: 100_000_000_000_000_000
        default: preconditionFailure("10^\(power) is not in the table")
        }
    }

    /// How many digits `number` (below 10^17) has; most figures here have 16 or 17.
    @inline(__always)
    private static func digitCount(_ number: UInt64) -> Int {
        var count = 17
        while count > 1, number < tenTo(count - 1) { count -= 1 }
        return count
    }

    /// The 8 digits of `number` (below 10^8, leading zeros included) as ASCII in a word, the first in its lowest
    /// byte: split in halves, quarters and digits in the word's lanes at once (each division a multiplication and a
    /// shift, exact for the lanes' ranges: below 10^4 for ÷ 100, below 100 for ÷ 10).
    @inline(__always)
    static func eightDigits(_ number: UInt64) -> UInt64 {
        let high = number / 10_000
        var lanes = high | (number - high * 10_000) << 32
        let hundreds = (lanes &* 10_486) >> 20 & 0x0000_007F_0000_007F
        lanes = hundreds | (lanes &- hundreds &* 100) << 16
        let tens = (lanes &* 103) >> 10 & 0x000F_000F_000F_000F
        lanes = tens | (lanes &- tens &* 10) << 8
        return lanes | 0x3030_3030_3030_3030
    }
}
