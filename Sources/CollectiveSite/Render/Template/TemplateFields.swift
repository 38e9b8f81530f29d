/// A template key with its hash computed once: templates hash their names when they are compiled, page models
/// when they are built, so a lookup compares integers and only compares text when the hashes agree.
public struct TemplateKey: Sendable, Hashable {
    public let text: String
    let hash: UInt64

    public init(_ text: String) {
        self.text = text
        hash = Self.hash(text)
    }

    /// A multiplicative hash over the UTF-8 bytes, eight at a time: a few nanoseconds for a key, where the standard
    /// library's seeded SipHash (built for untrusted keys in hash tables) cost 6 % of a large build. Keys are
    /// template names written by the theme and the code, not input; a collision only costs a text comparison.
    static func hash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
            var index = 0
            let raw = UnsafeRawBufferPointer(bytes)
            while index + 8 <= bytes.count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0x9e37_79b9_7f4a_7c15
                hash ^= hash >> 29
                index += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count {
                tail |= UInt64(bytes[index]) << shift
                shift += 8
                index += 1
            }
            hash = (hash ^ tail) &* 0x9e37_79b9_7f4a_7c15
            return hash ^ (hash >> 32)
        }
    }

    public static func == (lhs: TemplateKey, rhs: TemplateKey) -> Bool { lhs.hash == rhs.hash && lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}

/// The fields of a template object: a small array kept sorted by key hash. Page-model objects have a handful of
/// keys and are built once and read a few times, so building one is an array append (no hash table to allocate)
/// and a lookup is a scan over integers (a binary search in large objects such as the interface labels).
public struct TemplateFields: Sendable, ExpressibleByDictionaryLiteral {
    private var entries: [(key: TemplateKey, value: TemplateValue)]

    public init() { entries = [] }

    public init(dictionaryLiteral elements: (String, TemplateValue)...) { self.init(literal: elements) }

    /// Appended in order, then put in hash order by an insertion sort in place (literals are short; this runs for
    /// every object of every page model). A repeated key keeps its last value.
    init(literal elements: [(String, TemplateValue)]) {
        entries = []
        entries.reserveCapacity(elements.count)
        for (text, value) in elements { entries.append((TemplateKey(text), value)) }
        guard entries.count > 1 else { return }
        var repeated = false
        entries.withUnsafeMutableBufferPointer { buffer in
            for index in 1..<buffer.count {
                var probe = index
                // Stable: an equal hash stays after the earlier entry, so the later of two equal keys is last.
                while probe > 0, buffer[probe - 1].key.hash > buffer[probe].key.hash {
                    buffer.swapAt(probe - 1, probe)
                    probe -= 1
                }
                if probe > 0, buffer[probe - 1].key.hash == buffer[probe].key.hash { repeated = true }
            }
        }
        if repeated { removeRepeatedKeys() }
    }

    /// Keeps the last of entries with the same key (entries are sorted by hash, equal keys in the order given).
    private mutating func removeRepeatedKeys() {
        var kept: [(key: TemplateKey, value: TemplateValue)] = []
        kept.reserveCapacity(entries.count)
        for entry in entries {
            var start = kept.count
            while start > 0, kept[start - 1].key.hash == entry.key.hash { start -= 1 }
            if let same = kept[start...].firstIndex(where: { $0.key.text == entry.key.text }) {
                kept[same].value = entry.value
            } else {
                kept.append(entry)
            }
        }
        entries = kept
    }

    public init<S: Sequence>(_ pairs: S) where S.Element == (key: String, value: TemplateValue) {
        entries = []
        entries.reserveCapacity(pairs.underestimatedCount)
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { entries.count }
    /// The field names, in no particular order (strict mode's "did you mean").
    public var keys: [String] { entries.map(\.key.text) }
    public var isEmpty: Bool { entries.isEmpty }

    public subscript(key: String) -> TemplateValue? {
        get { self[TemplateKey(key)] }
        set { self[TemplateKey(key)] = newValue }
    }

    public subscript(key: TemplateKey) -> TemplateValue? {
        get {
            let index = position(of: key)
            return index.found ? entries[index.at].value : nil
        }
        set {
            let index = position(of: key)
            switch (index.found, newValue) {
            case (true, let value?): entries[index.at].value = value
            case (true, nil): entries.remove(at: index.at)
            case (false, let value?): entries.insert((key, value), at: index.at)
            case (false, nil): break
            }
        }
    }

    /// Where `key` is, or where it would be inserted to keep the entries sorted by hash.
    private func position(of key: TemplateKey) -> (found: Bool, at: Int) {
        var low = 0
        if entries.count <= 16 {
            while low < entries.count, entries[low].key.hash < key.hash { low += 1 }
        } else {
            var high = entries.count
            while low < high {
                let middle = (low + high) / 2
                if entries[middle].key.hash < key.hash { low = middle + 1 } else { high = middle }
            }
        }
        var index = low
        while index < entries.count, entries[index].key.hash == key.hash {
            if entries[index].key.text == key.text { return (true, index) }
            index += 1
        }
        return (false, low)
    }
}
