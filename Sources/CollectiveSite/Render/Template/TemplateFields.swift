/// A template key with its hash computed once: templates hash their names when they are compiled, page models
/// when they are built, so a lookup compares integers and only compares text when the hashes agree.
public struct TemplateKey: Sendable, Hashable {
    public let text: String
    let hash: UInt64

    public init(_ text: String) {
        self.text = text
        hash = Self.hash(text)
    }

    /// FNV-1a over the UTF-8 bytes: a few nanoseconds for a short key, where the standard library's seeded
    /// SipHash (built for untrusted keys in hash tables) cost 6 % of a large build. Keys are template names
    /// written by the theme and the code, not input; a collision only costs a text comparison.
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
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

    public init(minimumCapacity: Int) {
        entries = []
        entries.reserveCapacity(minimumCapacity)
    }

    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        entries = []
        entries.reserveCapacity(elements.count)
        for (key, value) in elements { self[key] = value }
    }

    public init<S: Sequence>(_ pairs: S) where S.Element == (key: String, value: TemplateValue) {
        entries = []
        entries.reserveCapacity(pairs.underestimatedCount)
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    /// The keys in no particular order (hash order).
    public var keys: [String] { entries.map(\.key.text) }

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
