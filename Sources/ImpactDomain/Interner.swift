// Small integer ids for repeated strings (indicator, partner, dimension, category), so that keys built from a
// million rows hash a few integers instead of several strings.

struct Interner {
    private var ids: [String: Int32] = [:]
    private(set) var strings: [String] = []
    // Rows repeat the previous row's id most of the time; comparing with it first (equal strings that share
    // storage compare in one step) skips most of the hashing.
    private var last = ""
    private var lastID: Int32 = -1

    init(_ initial: [String] = []) {
        for string in initial { _ = id(string) }
    }

    mutating func id(_ string: String) -> Int32 {
        if lastID >= 0, string == last { return lastID }
        let found: Int32
        if let existing = ids[string] {
            found = existing
        } else {
            found = Int32(strings.count)
            ids[string] = found
            strings.append(string)
        }
        last = string
        lastID = found
        return found
    }

    func existing(_ string: String) -> Int32? { ids[string] }
}
