import ImpactDomain

/// Reading typed values from text written by people in spreadsheets and front matter. Each parser returns the
/// value or a message and hint that say what is wrong and how to write it instead; callers add the location.
public enum ValueParsing {
    public struct Problem: Error, Hashable, Sendable {
        public var message: String
        public var hint: String?
    }

    // MARK: Numbers

    /// A plain decimal number: optional sign, digits, optional `.fraction`, optional exponent. Nothing else:
    /// no thousands separators, no `%`, no currency, no `N/A`. Parsed from bytes without building a String.
    public static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? { parsedNumber(bytes)?.value }

    /// `number`, and whether it was written as plain digits: then it has no exponent, and there is nothing for
    /// `CSVReader.warnIfScientific` to find in it.
    static func parsedNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> (value: Double, plain: Bool)? {
        var start = 0, end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        var i = start
        var negative = false
        if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { negative = bytes[i] == UInt8(ascii: "-"); i += 1 }
        var mantissa: UInt64 = 0, digits = 0, fractionDigits = 0, sawDot = false
        while i < end {
            let byte = bytes[i]
            if byte >= 48, byte <= 57 {
                guard digits < 18 else { return slowNumber(bytes, start, end).map { ($0, false) } }
                mantissa = mantissa * 10 + UInt64(byte - 48)
                digits += 1
                if sawDot { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !sawDot {
                sawDot = true
            } else {
                return slowNumber(bytes, start, end).map { ($0, false) }
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        // Exact: the mantissa (< 2^53) and the power of ten are both exact doubles, so one division rounds once
        // (none for an integer: dividing by 1 changes nothing).
        guard mantissa < 1 << 53 else { return slowNumber(bytes, start, end).map { ($0, false) } }
        let value = fractionDigits == 0 ? Double(mantissa) : Double(mantissa) / powerOfTen(fractionDigits)
        return (negative ? -value : value, true)
    }

    /// 10^`exponent` for 1...22 (at most 18 digits reach here), exact as a Double; a switch, not a global
    /// table, which would be checked for its one-time initialisation on every call.
    private static func powerOfTen(_ exponent: Int) -> Double {
        switch exponent {
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    public static func number(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { number($0) }
    }

    /// Exponents and very long numbers go through the standard library; hex, `inf` and `nan` are refused.
    private static func slowNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        guard bytes[start..<end].allSatisfy({ numberBytes.contains($0) }) else { return nil }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    private static let numberBytes: Set<UInt8> = Set("0123456789.+-eE".utf8)

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// Why `text` is not a number, in words a spreadsheet user can act on.
    public static func numberProblem(_ text: String, column: String) -> Problem {
        let trimmed = text.trimmingSpaces
        let shown = "`\(trimmed)`"
        let placeholders: Set<String> = ["", "n/a", "na", "-", "—", "–", "null", "none", "nil", "?", "nan", "#n/a", "..", "..."]
        if placeholders.contains(trimmed.lowercased()) {
            return Problem(message: trimmed.isEmpty ? "`\(column)` is empty; a number is required"
                                                    : "\(shown) is not a number in column `\(column)`",
                           hint: "write the number; if nothing was reported for this period, leave the row out")
        }
        if trimmed.hasSuffix("%"), number(String(trimmed.dropLast())) != nil {
            return Problem(message: "\(shown) is not a number in column `\(column)`",
                           hint: "drop the `%`: write \(trimmed.dropLast().trimmingSpaces)")
        }
        if trimmed.contains(",") {
            let parts = trimmed.split(separator: ",", omittingEmptySubsequences: false)
            let undotted = parts.dropFirst().allSatisfy { $0.count == 3 && $0.allSatisfy(\.isASCIIDigit) }
            let lastHasDecimals = parts.last.map { part in
                part.count > 3 && part.prefix(3).allSatisfy(\.isASCIIDigit) && part.dropFirst(3).first == "."
            } ?? false
            let headOK = parts.first.map { !$0.isEmpty && $0.count <= 3 && $0.drop(while: { $0 == "-" }).allSatisfy(\.isASCIIDigit) } ?? false
            let joined = parts.joined()
            if parts.count == 2, undotted, headOK {
                return Problem(message: "\(shown) in column `\(column)` is ambiguous: a thousands separator (\(joined)) or a decimal comma (\(parts[0]).\(parts[1])), depending on the locale",
                               hint: "write numbers without thousands separators and with a dot for decimals: \(joined) or \(parts[0]).\(parts[1])")
            }
            if headOK, parts.dropFirst().dropLast().allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isASCIIDigit) }),
               undotted || lastHasDecimals {
                return Problem(message: "\(shown) in column `\(column)` has thousands separators",
                               hint: "write numbers without separators: \(joined)")
            }
            if parts.count == 2, number(String(parts[0])) != nil, parts[1].allSatisfy(\.isASCIIDigit), !parts[1].isEmpty {
                return Problem(message: "\(shown) in column `\(column)` uses a decimal comma",
                               hint: "write decimals with a dot: \(parts[0]).\(parts[1])")
            }
        }
        if trimmed.contains(" "), number(trimmed.filter { $0 != " " }) != nil {
            return Problem(message: "\(shown) in column `\(column)` contains spaces",
                           hint: "write numbers without spaces: \(trimmed.filter { $0 != " " })")
        }
        let localDigits = trimmed.map { character -> Character in
            if !character.isASCII, let digit = character.wholeNumberValue, character.isNumber {
                return Character(String(digit))
            }
            return character
        }
        let converted = String(localDigits)
        if converted != trimmed, number(converted) != nil {
            return Problem(message: "\(shown) in column `\(column)` is not written with the digits 0–9",
                           hint: "write \(converted)")
        }
        return Problem(message: "\(shown) is not a number in column `\(column)`",
                       hint: "write a plain number such as 1234 or 12.5, without units, currency or separators")
    }

    // MARK: Periods

    /// `2025-Q3`, `2025-07` or `2025`, from bytes (surrounding spaces allowed).
    public static func period(_ bytes: UnsafeBufferPointer<UInt8>) -> Period? {
        var start = 0, end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        func digit(_ i: Int) -> Int? {
            let byte = bytes[i]
            return byte >= 48 && byte <= 57 ? Int(byte - 48) : nil
        }
        let length = end - start
        guard length == 4 || length == 7,
              let y0 = digit(start), let y1 = digit(start + 1), let y2 = digit(start + 2), let y3 = digit(start + 3)
        else { return nil }
        let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
        if length == 4 { return Period(kind: .year, year: year, index: 1) }
        guard bytes[start + 4] == UInt8(ascii: "-") else { return nil }
        if bytes[start + 5] == UInt8(ascii: "Q") || bytes[start + 5] == UInt8(ascii: "q") {
            guard let q = digit(start + 6) else { return nil }
            return Period(kind: .quarter, year: year, index: q)
        }
        guard let m0 = digit(start + 5), let m1 = digit(start + 6) else { return nil }
        return Period(kind: .month, year: year, index: m0 * 10 + m1)
    }

    public static func period(_ text: String) -> Period? {
        var text = text
        return text.withUTF8 { period($0) }
    }

    public static let periodForms = "write periods as `2025-Q3` (a quarter), `2025-07` (a month) or `2025` (a year)"

    /// Why `text` is not a period, with the accepted forms and, where it can guess, the intended one.
    public static func periodProblem(_ text: String, column: String) -> Problem {
        let trimmed = text.trimmingSpaces
        let message = trimmed.isEmpty ? "`\(column)` is empty; a period is required"
                                      : "`\(trimmed)` is not a period in column `\(column)`"
        let upper = trimmed.uppercased()
        let pieces = upper.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" || $0 == "_" })
        // "Q3 2025", "2025 Q3", "2025Q3", "Q3-2025"
        let yearPiece = pieces.first { $0.count == 4 && $0.allSatisfy(\.isASCIIDigit) }
        let quarterPiece = pieces.first { $0.hasPrefix("Q") && $0.count == 2 }
            ?? (upper.count == 6 && upper.dropFirst(4).first == "Q" ? Substring(upper.dropFirst(4)) : nil)
        let compactYear = upper.count == 6 && upper.prefix(4).allSatisfy(\.isASCIIDigit) ? Substring(upper.prefix(4)) : nil
        if let year = yearPiece ?? compactYear, let quarter = quarterPiece, let q = quarter.last?.wholeNumberValue {
            if (1...4).contains(q) {
                return Problem(message: message, hint: "did you mean `\(year)-Q\(q)`? \(periodForms)")
            }
            return Problem(message: message, hint: "a year has quarters Q1 to Q4; \(periodForms)")
        }
        if pieces.count == 2, let year = yearPiece, year == pieces[0], let month = Int(pieces[1]) {
            if (1...12).contains(month) {
                return Problem(message: message, hint: "did you mean `\(year)-\(month < 10 ? "0" : "")\(month)`? \(periodForms)")
            }
            return Problem(message: message, hint: "months run from 01 to 12; \(periodForms)")
        }
        if pieces.count == 3, yearPiece == pieces[0] {
            return Problem(message: message, hint: "write the period, not a date: \(periodForms)")
        }
        // What a spreadsheet shows or saves after turning `2024-07` into a date: `Jul-24`, `Jul 2024`,
        // `01/07/2024`, or the date's serial number `45474` (days since 1899-12-30).
        let monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        let namesAMonth = pieces.contains { piece in monthNames.contains { piece.hasPrefix($0) } && piece.allSatisfy(\.isLetter) }
        let allDigits = !pieces.isEmpty && pieces.allSatisfy { $0.allSatisfy(\.isASCIIDigit) }
        if (namesAMonth && pieces.count >= 2) || (allDigits && pieces.count == 3 && upper.contains("/")) {
            return Problem(message: message, hint: "a spreadsheet turned the period into a date: format the `\(column)` column as Text, then write the period again; \(periodForms)")
        }
        // Serial numbers of the days from 2000 to 2050: a report's period, not any five-digit number.
        if pieces.count == 1, allDigits, let serial = Int(pieces[0]), (36_526...54_789).contains(serial) {
            let (year, month, day) = civilDate(daysSince1970: serial - 25_569)
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            let date = "\(year)-\(two(month))-\(two(day))"
            return Problem(message: message, hint: "this looks like a spreadsheet's number for the date \(date): format the `\(column)` column as Text, then write the period again (`\(date.prefix(7))` for its month); \(periodForms)")
        }
        return Problem(message: message, hint: periodForms)
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civilDate(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    // MARK: Names and ids

    /// Ids and slugs become file names and web addresses: ASCII letters, digits, `-` and `_` only, which
    /// also rules out `..`, `/` and absolute paths.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 100 && id.utf8.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }

    public static func idProblem(_ id: String, what: String) -> Problem {
        Problem(message: id.isEmpty ? "\(what) is empty" : "`\(id)` is not a valid \(what)",
                hint: "\(what)s become file names and web addresses: use only letters a–z, digits, `-` and `_`")
    }

    /// A value from a fixed vocabulary, matched ignoring case and surrounding spaces.
    public static func choice<T: RawRepresentable & CaseIterable>(_ text: String, _ type: T.Type) -> T?
    where T.RawValue == String {
        // Text already trimmed and lowercase (printable ASCII without capitals, as nearly every cell is) is its
        // own key: no trimming and case mapping over Unicode scalars.
        let isKey = text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && !($0 >= 0x41 && $0 <= 0x5A) }
        return T(rawValue: isKey ? text : text.trimmingSpaces.lowercased())
    }

    public static func choiceProblem<T: RawRepresentable & CaseIterable>(_ text: String, _ type: T.Type, column: String)
        -> Problem where T.RawValue == String {
        let allowed = T.allCases.map(\.rawValue)
        let trimmed = text.trimmingSpaces
        var hint = "use one of: \(allowed.joined(separator: ", "))"
        if let close = closestMatch(to: trimmed, in: allowed) { hint = "did you mean `\(close)`? " + hint }
        if trimmed.isEmpty { return Problem(message: "`\(column)` is empty", hint: hint) }
        return Problem(message: "`\(trimmed)` is not a valid \(column)", hint: hint)
    }

    /// `a; b ;c` → [a, b, c].
    public static func list(_ text: String) -> [String] {
        text.split(separator: ";").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// An ISO date `YYYY-MM-DD` (a real day: no 31 April, 29 February only in leap years); returns its year.
    public static func dateYear(_ text: String) -> Int? {
        let parts = text.trimmingSpaces.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1 else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days ? year : nil
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
