/// How often an initiative reports.
public enum PeriodKind: String, Sendable, Hashable, CaseIterable {
    case quarter, month, year
}

/// A reporting period: `2025-Q3`, `2025-07` or `2025`.
/// Ordered in time; `ordinal` counts periods of the same kind, so the distance between two is a subtraction.
public struct Period: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let kind: PeriodKind
    public let year: Int
    /// 1...4 for quarters, 1...12 for months, 1 for years.
    public let index: Int

    public init?(kind: PeriodKind, year: Int, index: Int) {
        guard (1000...9999).contains(year) else { return nil }
        switch kind {
        case .quarter: guard (1...4).contains(index) else { return nil }
        case .month: guard (1...12).contains(index) else { return nil }
        case .year: guard index == 1 else { return nil }
        }
        self.kind = kind
        self.year = year
        self.index = index
    }

    /// Parses `2025-Q3`, `2025-07` or `2025`. Returns nil for anything else.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        func digits(_ slice: ArraySlice<UInt8>) -> Int? {
            guard !slice.isEmpty, slice.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return slice.reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        guard bytes.count >= 4, let year = digits(bytes[0..<4]) else { return nil }
        if bytes.count == 4 {
            self.init(kind: .year, year: year, index: 1)
        } else if bytes.count == 7, bytes[4] == UInt8(ascii: "-"), bytes[5] == UInt8(ascii: "Q") || bytes[5] == UInt8(ascii: "q"),
                  let q = digits(bytes[6..<7]) {
            self.init(kind: .quarter, year: year, index: q)
        } else if bytes.count == 7, bytes[4] == UInt8(ascii: "-"), let m = digits(bytes[5..<7]) {
            self.init(kind: .month, year: year, index: m)
        } else {
            return nil
        }
    }

    public var periodsPerYear: Int {
        switch kind {
        case .quarter: 4
        case .month: 12
        case .year: 1
        }
    }

    /// A running count of periods of this kind since year 0; differences give distances.
    public var ordinal: Int { year * periodsPerYear + (index - 1) }

    public init(kind: PeriodKind, ordinal: Int) {
        let perYear: Int
        switch kind {
        case .quarter: perYear = 4
        case .month: perYear = 12
        case .year: perYear = 1
        }
        self.kind = kind
        self.year = ordinal / perYear
        self.index = ordinal % perYear + 1
    }

    /// The period of `kind` that contains this one (2025-07 → 2025-Q3 → 2025), or its first when this one is
    /// longer (2025 → 2025-Q1 → 2025-01).
    public func converted(to kind: PeriodKind) -> Period {
        guard kind != self.kind else { return self }
        let month = self.kind == .month ? index : self.kind == .quarter ? (index - 1) * 3 + 1 : 1
        switch kind {
        case .year: return Period(kind: .year, ordinal: year)
        case .quarter: return Period(kind: .quarter, ordinal: year * 4 + (month - 1) / 3)
        case .month: return Period(kind: .month, ordinal: year * 12 + month - 1)
        }
    }

    public var next: Period { Period(kind: kind, ordinal: ordinal + 1) }
    public var previous: Period { Period(kind: kind, ordinal: ordinal - 1) }

    /// Number of periods from `self` to `other` (positive when `other` is later). Same kind only.
    public func distance(to other: Period) -> Int { other.ordinal - ordinal }

    /// "2025-Q3", "2025-07" or "2025". Pages and open data name periods tens of thousands of times per build: the
    /// periods of `namedYears` are named once (`names`), the others written as bytes each time.
    public var description: String {
        let offset = year - Self.namedYears.lowerBound
        guard offset >= 0, offset < Self.namedYears.count else { return writtenDescription }
        return Self.names[offset * Self.namesPerYear + Self.nameSlot(kind, index)]
    }

    /// Years whose periods' names are made once, in `names`: 17 per year, the year's, its quarters', its months'.
    static let namedYears = 1990..<2070
    private static let namesPerYear = 17
    private static let names: [String] = {
        var names: [String] = []
        names.reserveCapacity(namedYears.count * namesPerYear)
        for year in namedYears {
            names.append(Period(kind: .year, ordinal: year).writtenDescription)
            for quarter in 0..<4 { names.append(Period(kind: .quarter, ordinal: year * 4 + quarter).writtenDescription) }
            for month in 0..<12 { names.append(Period(kind: .month, ordinal: year * 12 + month).writtenDescription) }
        }
        return names
    }()

    /// Where the name of the period of `kind` with `index` is among its year's in `names`.
    private static func nameSlot(_ kind: PeriodKind, _ index: Int) -> Int {
        switch kind {
        case .year: 0
        case .quarter: index
        case .month: 4 + index
        }
    }

    /// `description` written as bytes into a small string (no allocation).
    var writtenDescription: String {
        // A period made from an ordinal can lie outside the four-digit years `init?` accepts.
        guard (1000...9999).contains(year), (1...12).contains(index) else { return interpolatedDescription }
        let length = kind == .year ? 4 : 7
        return String(unsafeUninitializedCapacity: length) { bytes in
            var rest = year
            for position in (0..<4).reversed() {
                bytes[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            guard kind != .year else { return 4 }
            bytes[4] = UInt8(ascii: "-")
            if kind == .quarter {
                bytes[5] = UInt8(ascii: "Q")
                bytes[6] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: index)
            } else {
                bytes[5] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: index / 10)
                bytes[6] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: index % 10)
            }
            return 7
        }
    }

    /// `description` by string interpolation: the general case, and what the fast path must equal.
    var interpolatedDescription: String {
        switch kind {
        case .quarter: "\(year)-Q\(index)"
        case .month: index < 10 ? "\(year)-0\(index)" : "\(year)-\(index)"
        case .year: "\(year)"
        }
    }

    public static func < (a: Period, b: Period) -> Bool {
        if a.kind == b.kind { return a.ordinal < b.ordinal }
        return (a.year, a.kind.rawValue, a.index) < (b.year, b.kind.rawValue, b.index)
    }

    /// Every period from `self` through `last`, inclusive.
    public func through(_ last: Period) -> [Period] {
        guard kind == last.kind, ordinal <= last.ordinal else { return [] }
        return (ordinal...last.ordinal).map { Period(kind: kind, ordinal: $0) }
    }
}

extension Period {
    /// Whether this period comes after `left`, the last period a partner took part in (nil, or a period of another
    /// kind, never does): a partner is not expected to report for it.
    public func isAfter(leaving left: Period?) -> Bool {
        guard let left, left.kind == kind else { return false }
        return ordinal > left.ordinal
    }
}

extension Period {
    /// The last day of the period (year, month, day): when its figures can first be complete.
    public var lastDay: (year: Int, month: Int, day: Int) {
        let month = index * 12 / periodsPerYear
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (year, month, days[month - 1])
    }

    /// Whether this period comes before `joined`, the first period a partner took part in (nil, or a period of
    /// another kind, never does).
    public func isBefore(joining joined: Period?) -> Bool {
        guard let joined, joined.kind == kind else { return false }
        return ordinal < joined.ordinal
    }

    /// The last period of `kind` within this one (2025 → 2025-Q4 or 2025-12; 2025-Q3 → 2025-09), or this one
    /// when it is not longer: `left: 2025` in a quarterly initiative means through 2025's last quarter.
    public func lastConverted(to kind: PeriodKind) -> Period {
        guard kind != self.kind, self.kind != .month, kind != .year else { return converted(to: kind) }
        return next.converted(to: kind).previous
    }
}
