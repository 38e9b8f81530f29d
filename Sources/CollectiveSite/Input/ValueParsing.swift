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
        let (start, end) = trimmed(bytes)
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

    /// The bounds of `bytes` without the spaces around it: ASCII spaces and tabs, and the Unicode spaces that look
    /// the same in a spreadsheet (no-break space U+00A0, which a copy from a web page, Word or a PDF brings along,
    /// U+2000–U+200A, the narrow no-break space U+202F that French-locale Excel groups thousands with, U+205F,
    /// U+3000, U+1680). A cell `caif` followed by a no-break space must read as `caif`, as it does followed by a
    /// space: otherwise it is an unknown partner whose name looks right, or a breakdown category of its own that
    /// looks like another.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> (start: Int, end: Int) {
        var start = 0, end = bytes.count
        while start < end {
            if isSpace(bytes[start]) { start += 1 } else if let length = unicodeSpace(bytes, at: start) { start += length } else { break }
        }
        while end > start {
            if isSpace(bytes[end - 1]) { end -= 1; continue }
            // The spaces above are 2 or 3 bytes long: try the sequence that would end at `end`.
            guard bytes[end - 1] >= 0x80 else { break }
            if end - 2 >= start, unicodeSpace(bytes, at: end - 2) == 2 { end -= 2 }
            else if end - 3 >= start, unicodeSpace(bytes, at: end - 3) == 3 { end -= 3 }
            else { break }
        }
        return (start, end)
    }

    /// The length in bytes of the Unicode space (see `trimmed`) that starts at `i`, or nil.
    @inline(__always)
    static func unicodeSpace(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let lead = bytes[i]
        guard lead >= 0xC2 else { return nil }
        if lead == 0xC2 { return i + 1 < bytes.count && bytes[i + 1] == 0xA0 ? 2 : nil }
        guard lead == 0xE1 || lead == 0xE2 || lead == 0xE3, i + 2 < bytes.count else { return nil }
        switch (lead, bytes[i + 1], bytes[i + 2]) {
        case (0xE2, 0x80, 0x80...0x8A), (0xE2, 0x80, 0xAF), (0xE2, 0x81, 0x9F), (0xE3, 0x80, 0x80), (0xE1, 0x9A, 0x80): return 3
        default: return nil
        }
    }

    /// Whether `character` is one of the spaces `trimmed` removes (any Unicode space, the ordinary one included).
    static func isAnySpace(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .spaceSeparator || $0 == "\t" }
    }

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
        // What a spreadsheet shows, and saves, for a formula that failed.
        let formulaErrors = ["#DIV/0!": "it divides by zero", "#VALUE!": "it uses a cell of the wrong type",
                             "#REF!": "it refers to a cell that was deleted", "#NAME?": "it names a function or range that does not exist",
                             "#NUM!": "its result is not a number it can compute", "#NULL!": "two of its ranges do not meet",
                             "#SPILL!": "its result has no room", "#CALC!": "it cannot be calculated"]
        if let why = formulaErrors[trimmed.uppercased()] {
            return Problem(message: "\(shown) in column `\(column)` is a spreadsheet's error for a formula that failed: \(why)",
                           hint: "correct the formula in this cell, or type the figure, then save again")
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
            if parts.count == 2, !parts[0].contains("."), number(String(parts[0])) != nil, parts[1].allSatisfy(\.isASCIIDigit),
               !parts[1].isEmpty {
                return Problem(message: "\(shown) in column `\(column)` uses a decimal comma",
                               hint: "write decimals with a dot: \(parts[0]).\(parts[1])")
            }
        }
        if trimmed.contains(" "), number(trimmed.filter { $0 != " " }) != nil {
            return Problem(message: "\(shown) in column `\(column)` contains spaces",
                           hint: "write numbers without spaces: \(trimmed.filter { $0 != " " })")
        }
        let converted = String(trimmed.map(asciiDigit))
        if converted != trimmed, number(converted) != nil {
            return Problem(message: "\(shown) in column `\(column)` is not written with the digits 0–9",
                           hint: "write \(converted)")
        }
        if let (readings, faults) = intendedNumber(trimmed), !faults.isEmpty {
            return Problem(message: "\(shown) in column `\(column)` \(faults.joined(separator: " and "))",
                           hint: "write \(readings.joined(separator: " or "))")
        }
        return Problem(message: "\(shown) is not a number in column `\(column)`",
                       hint: "write a plain number such as 1234 or 12.5, without units, currency or separators")
    }

    /// A digit of another script (Bengali ৩, Kannada ೩, Arabic-Indic ٣, full-width ３) as its ASCII digit.
    private static func asciiDigit(_ character: Character) -> Character {
        if !character.isASCII, let digit = character.wholeNumberValue, character.isNumber { return Character(String(digit)) }
        return character
    }

    /// The number(s) `text` was meant to be, undoing one by one what spreadsheets and people add to figures, with
    /// what each step undid (for the message): a currency sign or code (`৳1000`, `₹ 500`, `USD 20`), a minus sign
    /// that is not `-`, an invisible character (a zero-width space), digits of another script, spaces of any kind between the digits (`9 400` with a no-break
    /// or narrow no-break space, as French-locale Excel groups thousands), apostrophes (`'940` typed to keep a
    /// cell as text, Swiss `9'400`), dots between thousands with a decimal comma (`1.234,5`), and thousands
    /// separators in lakhs (`1,00,000`, as Indian-locale Excel groups them) or in threes. A lone comma before
    /// three digits (`1,000`) could be either separator: both readings are given. Nil when no such reading is a
    /// number.
    static func intendedNumber(_ text: String) -> (readings: [String], faults: [String])? {
        var rest = Substring(text)
        var faults: [String] = []
        func trim() {
            while let first = rest.first, isAnySpace(first) { rest = rest.dropFirst() }
            while let last = rest.last, isAnySpace(last) { rest = rest.dropLast() }
        }
        // A currency: symbols (`$`, `৳`, `₹`, `€`) or a code (`USD`, `Tk`, `Rs.`) before or after the figure.
        func isCurrencyCode(_ word: Substring) -> Bool {
            let bare = word.hasSuffix(".") ? word.dropLast() : word
            return (bare.count == 3 && bare.allSatisfy { $0.isASCII && $0.isUppercase })
                || ["tk", "rs"].contains(bare.lowercased())
        }
        func isCurrencySymbol(_ character: Character) -> Bool {
            character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .currencySymbol }
        }
        var currency = false
        while let first = rest.first, isCurrencySymbol(first) { rest = rest.dropFirst(); currency = true }
        while let last = rest.last, isCurrencySymbol(last) { rest = rest.dropLast(); currency = true }
        trim()
        let words = rest.split(whereSeparator: isAnySpace)
        if words.count >= 2, isCurrencyCode(words[0]) { rest = rest.dropFirst(words[0].count); currency = true }
        else if words.count >= 2, let last = words.last, isCurrencyCode(last) { rest = rest.dropLast(last.count); currency = true }
        trim()
        if currency { faults.append("has a currency sign (the figure alone belongs in the cell)") }
        // A minus sign (U+2212) or a dash in place of the hyphen-minus.
        if let first = rest.first, ["\u{2212}", "\u{2013}", "\u{2012}", "\u{FE63}", "\u{FF0D}"].contains(first) {
            rest = "-" + rest.dropFirst()
            faults.append("starts with `\(first)`, which is not the minus sign `-`")
        }
        // A zero-width space or a byte-order mark, pasted along with the figure.
        let invisible = { (c: Character) in c.unicodeScalars.contains { $0.properties.generalCategory == .format } }
        if rest.contains(where: invisible) {
            rest = Substring(rest.filter { !invisible($0) })
            faults.append("contains an invisible character")
        }
        let ascii = String(rest.map(asciiDigit))
        if ascii != String(rest) { faults.append("is not written with the digits 0–9") }
        rest = Substring(ascii)
        if rest.contains(where: isAnySpace) {
            rest = Substring(rest.filter { !isAnySpace($0) })
            faults.append("contains spaces")
        }
        if rest.first == "'" || rest.first == "\u{2019}" {
            rest = rest.dropFirst()
            faults.append("starts with an apostrophe")
        }
        if rest.contains("'") || rest.contains("\u{2019}") {
            let groups = rest.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "'" || $0 == "\u{2019}" })
            guard groups.dropFirst().allSatisfy({ $0.prefix(3).count == 3 && $0.prefix(3).allSatisfy(\.isASCIIDigit) }) else { return nil }
            rest = Substring(groups.joined())
            faults.append("has apostrophes between thousands")
        }
        // Separators. The sign and the digits before the first separator, then groups.
        let sign = rest.first == "-" || rest.first == "+" ? String(rest.first!) : ""
        let body = rest.dropFirst(sign.count)
        func digits(_ part: Substring) -> Bool { !part.isEmpty && part.allSatisfy(\.isASCIIDigit) }
        var readings: [String] = []
        if body.contains(","), body.contains(".") {
            let lastComma = body.lastIndex(of: ",")!, lastDot = body.lastIndex(of: ".")!
            let (grouping, decimal): (Character, Character) = lastComma > lastDot ? (".", ",") : (",", ".")
            let halves = body.split(separator: decimal, omittingEmptySubsequences: false)
            guard halves.count == 2, digits(halves[1]) else { return nil }
            let groups = halves[0].split(separator: grouping, omittingEmptySubsequences: false)
            guard groups.count >= 2, digits(groups[0]), groups[0].count <= 3,
                  groups.dropFirst().allSatisfy({ $0.count == 3 && digits($0) }) else { return nil }
            readings = [sign + groups.joined() + "." + halves[1]]
            faults.append(decimal == "," ? "uses dots between thousands and a decimal comma" : "has thousands separators")
        } else if body.contains(",") || body.filter({ $0 == "." }).count > 1 {
            let separator: Character = body.contains(",") ? "," : "."
            let groups = body.split(separator: separator, omittingEmptySubsequences: false)
            guard groups.allSatisfy(digits) else { return nil }
            if separator == ",", groups.count == 2, groups[1].count != 3 {
                readings = [sign + groups[0] + "." + groups[1]]
                faults.append("uses a decimal comma")
                guard readings.allSatisfy({ number($0) != nil }) else { return nil }
                return (readings, faults)
            }
            guard groups[0].count <= 3, let last = groups.last, last.count == 3 else { return nil }
            let middle = groups.dropFirst().dropLast()
            let threes = middle.allSatisfy { $0.count == 3 }
            // Lakhs and crores: 1,00,000 and 2,40,00,000 (the first group of one or two digits, then pairs).
            let lakhs = !middle.isEmpty && middle.allSatisfy { $0.count == 2 } && groups[0].count <= 2
            guard threes || lakhs else { return nil }
            let joined = sign + groups.joined()
            if separator == ",", groups.count == 2 {
                readings = [joined, sign + groups[0] + "." + groups[1]]
                faults.append("has a comma that may separate thousands or decimals")
            } else {
                readings = [joined]
                faults.append(separator == "." ? "uses dots between thousands" : "has thousands separators")
            }
        } else {
            readings = [sign + body]
        }
        guard readings.allSatisfy({ number($0) != nil }) else { return nil }
        return (readings, faults)
    }

    // MARK: Periods

    /// `2025-Q3`, `2025-07` or `2025`, from bytes (surrounding spaces allowed).
    public static func period(_ bytes: UnsafeBufferPointer<UInt8>) -> Period? {
        let (start, end) = trimmed(bytes)
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
        // `0224-Q3`: every other part is right, and "did you mean `0224-Q3`?" would repeat it.
        if let year = yearPiece ?? compactYear, let value = Int(year), value < 1000 {
            return Problem(message: message, hint: "`\(year)` is not a year: check its first digits; \(periodForms)")
        }
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
