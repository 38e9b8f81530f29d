import Synchronization

/// A template key with its hash computed once: templates hash their names when they are compiled, page models
/// when they are built, so a lookup compares integers and only compares text when the hashes agree.
///
/// A key holds its text's two words (the String's own bits) without a reference count, so that a key, and a
/// page model's field, copy and end with no retain or release (a page model's teardown released the key of every
/// field it had). Those bits stay valid for the life of the program: a small string (at most 15 bytes, nearly every
/// key) holds its bytes in them, a literal's storage is part of the program (both are what the standard library
/// calls immortal), and any other text is kept in `lasting`, once per distinct text.
public struct TemplateKey: Sendable, Hashable {
    private let words: (UInt64, UInt64)
    let hash: UInt64

    public init(_ text: String) {
        hash = Self.hash(text)
        words = Self.lastingWords(text)
    }

    public var text: String { unsafeBitCast(words, to: String.self) }

    /// Texts of keys that are neither small nor literals (labels read from a language file, names read from a
    /// template): kept for the life of the program, so that a key may hold their bits. One per distinct text.
    private static let lasting = Mutex<Set<String>>([])

    /// The words of `text`, or of an equal text that lives as long as the program.
    private static func lastingWords(_ text: String) -> (UInt64, UInt64) {
        precondition(MemoryLayout<String>.size == 16, "TemplateKey holds a String's two words")
        // The top bit of the second word marks an immortal string (the standard library's String layout on 64-bit
        // platforms, part of its ABI): a small one, or a literal. Its bits are valid forever.
        let words = unsafeBitCast(text, to: (UInt64, UInt64).self)
        if words.1 & (1 << 63) != 0 { return words }
        // A short text held in heap storage is made small (made from its bytes, a text of at most 15 is).
        if text.utf8.count <= 15 {
            let small = String(decoding: Array(text.utf8), as: UTF8.self)
            let smallWords = unsafeBitCast(small, to: (UInt64, UInt64).self)
            if smallWords.1 & (1 << 63) != 0 { return smallWords }
        }
        return lasting.withLock { texts in
            unsafeBitCast(texts.insert(text).memberAfterInsert, to: (UInt64, UInt64).self)
        }
    }

    /// The same text: the same bits (nearly always, when the hashes agree), or texts that compare equal.
    @inline(__always)
    func sameText(_ other: TemplateKey) -> Bool { words == other.words || text == other.text }

    /// A multiplicative hash over the UTF-8 bytes, eight at a time: a few nanoseconds for a key, where the standard
    /// library's seeded SipHash (built for untrusted keys in hash tables) cost 6 % of a large build. Keys are
    /// template names written by the theme and the code, not input; a collision only costs a text comparison.
    /// A text of at most 15 bytes (nearly every key) is hashed as two words, its bytes in memory order followed by
    /// zeros, and its length.
    static func hash(_ text: String) -> UInt64 {
        // A small string (at most 15 bytes) is hashed from its own two words (`smallStringBytes`), without asking
        // for its UTF-8 (which copies the bytes out and calls a closure: as long as the hashing itself).
        // `hashesOfShortTextsDoNotDependOnTheirForm` checks that this gives what the bytes give.
        if let small = smallStringBytes(text) { return hash(count: small.count, small.words.0, small.words.1) }
        // Read in place (a native string is contiguous): no copy of the string to retain and release.
        if let hash = text.utf8.withContiguousStorageIfAvailable(hash(bytes:)) { return hash }
        var text = text
        return text.withUTF8(hash(bytes:))
    }

    @inline(__always)
    private static func hash(count: Int, _ first: UInt64, _ second: UInt64) -> UInt64 {
        var hash = (0xcbf2_9ce4_8422_2325 ^ UInt64(count) ^ first) &* 0x9e37_79b9_7f4a_7c15
        hash ^= hash >> 29
        hash = (hash ^ second) &* 0x9e37_79b9_7f4a_7c15
        return hash ^ (hash >> 32)
    }

    static func hash(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        if bytes.count <= 15 {
            let first = min(bytes.count, 8)
            return hash(count: bytes.count, load(raw, 0, first), load(raw, first, bytes.count - first))
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
        var index = 0
        while index + 8 <= bytes.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0x9e37_79b9_7f4a_7c15
            hash ^= hash >> 29
            index += 8
        }
        hash = (hash ^ load(raw, index, bytes.count - index)) &* 0x9e37_79b9_7f4a_7c15
        return hash ^ (hash >> 32)
    }

    /// `count` (0-8) bytes from `offset` as a little-endian number, read eight, four, two and one at a time.
    @inline(__always)
    private static func load(_ raw: UnsafeRawBufferPointer, _ offset: Int, _ count: Int) -> UInt64 {
        if count == 8 { return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        var index = offset
        var value: UInt64 = 0
        var shift: UInt64 = 0
        if count & 4 != 0 {
            value = UInt64(raw.loadUnaligned(fromByteOffset: index, as: UInt32.self).littleEndian)
            index += 4
            shift = 32
        }
        if count & 2 != 0 {
            value |= UInt64(raw.loadUnaligned(fromByteOffset: index, as: UInt16.self).littleEndian) << shift
            index += 2
            shift += 16
        }
        if count & 1 != 0 { value |= UInt64(raw[index]) << shift }
        return value
    }

    public static func == (lhs: TemplateKey, rhs: TemplateKey) -> Bool { lhs.hash == rhs.hash && lhs.sameText(rhs) }
    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}

/// The fields of a template object: a small array kept sorted by key hash. Page-model objects have a handful of
/// keys and are built once and read a few times, so building one is an append (no hash table to allocate) and a
/// lookup is a scan over integers (a binary search in large objects such as the interface labels).
///
/// The entries are kept in a `FieldStorage` (one allocation: count, capacity, entries) rather than an `Array`. A
/// page model holds thousands of these objects, and an array was made through the standard library's generic growth
/// path and destroyed through its generic code: `swift_arrayDestroy` calling the entry's value witness, which called
/// the value's destroy, for every field of every page. The storage's own `deinit` destroys its entries with direct
/// code. (`@unchecked Sendable`: a storage is shared by copies only to be read; one is changed only by the value
/// that holds it alone.)
public struct TemplateFields: @unchecked Sendable, ExpressibleByDictionaryLiteral {
    struct Entry {
        let key: TemplateKey
        var value: TemplateValue
    }

    /// nil for no fields. Shared by copies; a change copies it first unless this value alone holds it.
    private var storage: FieldStorage?

    public init() { storage = nil }

    public init(dictionaryLiteral elements: (String, TemplateValue)...) { self.init(literal: elements) }

    /// The entries, read in place: valid while these fields are alive and not mutated.
    @inline(__always)
    private var entries: UnsafeBufferPointer<Entry> {
        guard let storage else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: storage.base, count: storage.counts.pointee.count)
    }

    /// Moved out of the literal's array last first (it is not used again: copying each value would retain it, and
    /// freeing the literal release it again), then put in hash order by an insertion sort in place (literals are
    /// short; this runs for every object of every page model). A repeated key keeps its last value.
    init(literal elements: consuming [(String, TemplateValue)]) {
        let count = elements.count
        guard count > 0 else {
            storage = nil
            return
        }
        let storage = FieldStorage.make(capacity: count)
        let base = storage.base
        var written = 0
        while let (text, value) = elements.popLast() {
            (base + written).initialize(to: Entry(key: TemplateKey(text), value: value))
            written += 1
        }
        storage.counts.pointee.count = written
        self.storage = storage
        guard count > 1 else { return }
        var repeated = false
        for index in 1..<count {
            // The entries are in reverse order of writing: each moves before any equal hash, which puts entries
            // with equal hashes back in the order written, the later of two equal keys last. The entry is
            // moved out once and the ones it passes shifted up by one (a swap per step moved it each time).
            let hash = base[index].key.hash
            var probe = index
            while probe > 0, base[probe - 1].key.hash >= hash { probe -= 1 }
            guard probe < index else { continue }
            let entry = (base + index).move()
            (base + probe + 1).moveInitialize(from: base + probe, count: index - probe)
            (base + probe).initialize(to: entry)
            if base[probe + 1].key.hash == hash { repeated = true }
        }
        if repeated { removeRepeatedKeys() }
    }

    /// Keeps the last of entries with the same key (entries are sorted by hash, equal keys in the order given).
    private mutating func removeRepeatedKeys() {
        let entries = self.entries
        let kept = FieldStorage.make(capacity: entries.count)
        let out = kept.base
        for entry in entries {
            var start = kept.counts.pointee.count
            while start > 0, out[start - 1].key.hash == entry.key.hash { start -= 1 }
            if let same = (start..<kept.counts.pointee.count).first(where: { out[$0].key.sameText(entry.key) }) {
                out[same].value = entry.value
            } else {
                (out + kept.counts.pointee.count).initialize(to: entry)
                kept.counts.pointee.count += 1
            }
        }
        storage = kept
    }

    /// Fields from pairs whose keys are all different (a Dictionary's), sorted once: for large objects such as the
    /// interface labels, where inserting each in order would move half the entries every time.
    init(unique pairs: [(String, TemplateValue)]) {
        guard !pairs.isEmpty else {
            storage = nil
            return
        }
        let storage = FieldStorage.make(capacity: pairs.count)
        for (index, pair) in pairs.enumerated() {
            (storage.base + index).initialize(to: Entry(key: TemplateKey(pair.0), value: pair.1))
        }
        storage.counts.pointee.count = pairs.count
        var sorted = UnsafeMutableBufferPointer(start: storage.base, count: pairs.count)
        sorted.sort { $0.key.hash < $1.key.hash }
        self.storage = storage
    }

    public init<S: Sequence>(_ pairs: S) where S.Element == (key: String, value: TemplateValue) {
        storage = nil
        let expected = pairs.underestimatedCount
        if expected > 0 { storage = FieldStorage.make(capacity: expected) }
        for (key, value) in pairs { self[key] = value }
    }

    /// These fields with `other`'s added, `other`'s value winning for a key both have: the two sorted arrays merged
    /// in one pass (the page frame adds its shared fields to every page's model this way).
    func overriding(with other: TemplateFields) -> TemplateFields {
        let entries = self.entries, others = other.entries
        let merged = FieldStorage.make(capacity: entries.count + others.count + 4)
        var written = 0
        func append(_ entry: Entry) {
            (merged.base + written).initialize(to: entry)
            written += 1
        }
        var mine = 0, theirs = 0
        while mine < entries.count, theirs < others.count {
            let left = entries[mine].key, right = others[theirs].key
            if left.hash < right.hash {
                append(entries[mine])
                mine += 1
            } else if right.hash < left.hash {
                append(others[theirs])
                theirs += 1
            } else if left.sameText(right) {
                append(others[theirs])
                mine += 1
                theirs += 1
            } else {
                // Two keys with one hash: rare enough to take the general path.
                merged.counts.pointee.count = written
                var slow = self
                for entry in others { slow[entry.key] = entry.value }
                return slow
            }
        }
        for entry in entries[mine...] { append(entry) }
        for entry in others[theirs...] { append(entry) }
        merged.counts.pointee.count = written
        return TemplateFields(storage: merged)
    }

    private init(storage: FieldStorage?) { self.storage = storage }

    public var count: Int { storage?.counts.pointee.count ?? 0 }
    /// The field names, in no particular order (strict mode's "did you mean").
    public var keys: [String] { entries.map(\.key.text) }
    public var isEmpty: Bool { count == 0 }

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
            case (true, let value?):
                let base = uniqueEntries(capacity: count).base
                base[index.at].value = value
            case (true, nil): remove(at: index.at)
            case (false, let value?): insert(Entry(key: key, value: value), at: index.at)
            case (false, nil): break
            }
        }
    }

    /// The entries and counts of the storage, held by this value alone, with room for `needed` entries: copied when
    /// shared, grown to exactly `needed` when smaller. Pointers, not the storage itself (returning it retained it):
    /// valid while these fields hold it, unchanged by anything else.
    private mutating func uniqueEntries(capacity needed: Int)
        -> (base: UnsafeMutablePointer<Entry>, counts: UnsafeMutablePointer<FieldCounts>) {
        let unique = isKnownUniquelyReferenced(&storage)
        if unique, let counts = storage?.counts, counts.pointee.capacity >= needed { return (storage.unsafelyUnwrapped.base, counts) }
        let grown = FieldStorage.make(capacity: needed)
        if let old = storage {
            let count = old.counts.pointee.count
            if unique {
                grown.base.moveInitialize(from: old.base, count: count)
                old.counts.pointee.count = 0
            } else {
                grown.base.initialize(from: old.base, count: count)
            }
            grown.counts.pointee.count = count
        }
        storage = grown
        return (grown.base, grown.counts)
    }

    /// Inserts `entry` at `index`, moving the entries after it up by one (a memory move: no copy, no retain).
    private mutating func insert(_ entry: consuming Entry, at index: Int) {
        let count = self.count
        let room = (storage?.counts.pointee.capacity ?? 0) > count
        let (base, counts) = uniqueEntries(capacity: room ? count + 1 : Swift.max(4, count * 2))
        (base + index + 1).moveInitialize(from: base + index, count: count - index)
        (base + index).initialize(to: entry)
        counts.pointee.count = count + 1
    }

    private mutating func remove(at index: Int) {
        let count = self.count
        let (base, counts) = uniqueEntries(capacity: count)
        FieldStorage.destroy(base + index)
        (base + index).moveInitialize(from: base + index + 1, count: count - index - 1)
        counts.pointee.count = count - 1
    }

    /// Where `key` is, or where it would be inserted to keep the entries sorted by hash.
    private func position(of key: TemplateKey) -> (found: Bool, at: Int) { Self.position(of: key, in: entries) }

    /// Over a buffer pointer: no bounds check or array access per step (this runs for every template lookup).
    @inline(__always)
    private static func position(of key: TemplateKey, in entries: UnsafeBufferPointer<Entry>) -> (found: Bool, at: Int) {
        let hash = key.hash
        var low = 0
        if entries.count <= 16 {
            while low < entries.count, entries[low].key.hash < hash { low += 1 }
        } else {
            var high = entries.count
            while low < high {
                let middle = (low &+ high) >> 1
                if entries[middle].key.hash < hash { low = middle &+ 1 } else { high = middle }
            }
        }
        var index = low
        while index < entries.count, entries[index].key.hash == hash {
            if entries[index].key.sameText(key) { return (true, index) }
            index += 1
        }
        return (false, low)
    }

    /// Where the value of `key` is in memory, read in place: the template renderer borrows the page model's values
    /// rather than copying them (each copy of a text or list retained it, and its end released it again, on memory
    /// both cores touch). The pointer is valid while these fields are alive and not mutated: the renderer holds the
    /// page model, whole and unchanged, for as long as it renders.
    func valuePointer(_ key: TemplateKey) -> UnsafePointer<TemplateValue>? {
        let entries = self.entries
        let index = Self.position(of: key, in: entries)
        guard index.found, let base = entries.baseAddress else { return nil }
        return Self.value(at: base + index.at)
    }

    /// `valuePointer(key)`, trying first the entry at `hint.pointee` and leaving there where the key was found. One
    /// place of a template nearly always asks the same kind of object (a row of one table, the labels): the entry
    /// is where it was last time, and checking it is a few comparisons where the search was dozens (a lookup was
    /// ≈ 80 instructions, a fifth of the renderer's time). A wrong hint only costs the search.
    /// The storage is read once, first, and only its entries after: the renderer reads these fields in place, and
    /// a later read of the storage (after a call such as a text comparison) made it copy the value first, a retain
    /// and a release.
    @inline(__always)
    func valuePointer(_ key: TemplateKey, hint: UnsafeMutablePointer<UInt32>) -> UnsafePointer<TemplateValue>? {
        let entries = self.entries
        if let hinted = Self.hintedValuePointer(key, hint: hint, in: entries) { return hinted }
        guard let base = entries.baseAddress else { return nil }
        let index = Self.position(of: key, in: entries)
        guard index.found else { return nil }
        hint.pointee = UInt32(truncatingIfNeeded: index.at)
        return Self.value(at: base + index.at)
    }

    /// The value of `key` if it is in the entry at `hint.pointee`, else nil (it may be elsewhere): the first check of
    /// `valuePointer(_:hint:)` alone, small enough for the renderer to make inline for the name it is about to show.
    @inline(__always)
    func hintedValuePointer(_ key: TemplateKey, hint: UnsafePointer<UInt32>) -> UnsafePointer<TemplateValue>? {
        Self.hintedValuePointer(key, hint: hint, in: entries)
    }

    @inline(__always)
    private static func hintedValuePointer(_ key: TemplateKey, hint: UnsafePointer<UInt32>,
                                           in entries: UnsafeBufferPointer<Entry>) -> UnsafePointer<TemplateValue>? {
        let guess = Int(hint.pointee)
        guard guess < entries.count, let base = entries.baseAddress, base[guess].key.hash == key.hash,
              base[guess].key.sameText(key)
        else { return nil }
        return value(at: base + guess)
    }

    @inline(__always)
    private static func value(at entry: UnsafePointer<Entry>) -> UnsafePointer<TemplateValue> {
        (UnsafeRawPointer(entry) + MemoryLayout<Entry>.offset(of: \Entry.value)!).assumingMemoryBound(to: TemplateValue.self)
    }
}

/// The count and capacity of a `FieldStorage`.
private struct FieldCounts {
    var count: Int
    let capacity: Int
}

/// The entries of a `TemplateFields` with their count, in one allocation. Entries up to `count` are initialized.
private final class FieldStorage: ManagedBuffer<FieldCounts, TemplateFields.Entry> {
    /// A storage with room for `capacity` entries, none yet.
    static func make(capacity: Int) -> FieldStorage {
        unsafeDowncast(create(minimumCapacity: capacity) { _ in FieldCounts(count: 0, capacity: capacity) }, to: FieldStorage.self)
    }

    /// The first entry's place (the storage's memory, alive as long as it is).
    @inline(__always)
    var base: UnsafeMutablePointer<TemplateFields.Entry> { withUnsafeMutablePointerToElements { $0 } }

    /// The count and capacity, through a pointer: the `header` property is a class's stored property, and each
    /// access to it was checked for exclusivity at run time (`swift_beginAccess`).
    @inline(__always)
    var counts: UnsafeMutablePointer<FieldCounts> { withUnsafeMutablePointerToHeader { $0 } }

    /// Ends the entry at `entry`: a direct destroy of its value, skipping the call for values that hold nothing.
    @inline(__always)
    static func destroy(_ entry: UnsafeMutablePointer<TemplateFields.Entry>) {
        switch entry.pointee.value {
        case .null, .bool: return
        case .text, .list, .object: _ = entry.move()
        }
    }

    deinit {
        let base = self.base
        for index in 0..<counts.pointee.count { Self.destroy(base + index) }
    }
}

extension TemplateFields {
    /// A fixed list of field names, hashed and put in hash order once, for objects built many times with the same
    /// fields (a row of a table): `TemplateFields(shape, values)` places each value where it belongs, with no key to
    /// hash and no sort (a literal of fifteen fields spent most of its time on those).
    struct Shape: Sendable {
        /// The names, in the order `values` come.
        let names: [String]
        /// The keys in hash order, and the position in `names` of each.
        fileprivate let keys: [TemplateKey]
        fileprivate let order: [Int]

        /// `names` must differ from each other.
        init(_ names: [String]) {
            precondition(Set(names).count == names.count, "a template shape names a field twice: \(names)")
            self.names = names
            order = names.indices.sorted { TemplateKey(names[$0]).hash < TemplateKey(names[$1]).hash }
            keys = order.map { TemplateKey(names[$0]) }
        }
    }

    /// The fields of `shape` with `values` given in the order of its names. `values` is an `InlineArray` (the call's
    /// literal, nothing to allocate to make it), and each value is moved out of it, not copied (a copy would retain
    /// it, and the literal's end release it again). The entries are written in hash order into storage made for them.
    /// The literal is moved whole into stack memory, and each value moved out of that: the memory is then given back
    /// holding nothing, with nothing to destroy. The end of an `InlineArray` of `TemplateValue` goes through its
    /// generic value witness, which calls `TemplateValue`'s for every slot: when the literal itself was left holding
    /// `.null` in each slot, that cost a call per field of every row. The literal reaches the memory through an
    /// optional, emptied there: the closure can only copy a value it captures, not consume it.
    /// The shape is borrowed (an initializer's arguments are otherwise owned: its three arrays were retained by the
    /// caller and released here, for every row).
    @inline(__always)
    init<let size: Int>(_ shape: borrowing Shape, _ values: consuming InlineArray<size, TemplateValue>) {
        precondition(size == shape.keys.count, "\(size) values for the fields \(shape.names)")
        var literal = Optional(consume values)
        self = withUnsafeTemporaryAllocation(of: InlineArray<size, TemplateValue>.self, capacity: 1) { slot in
            slot.initializeElement(at: 0, to: literal.take().unsafelyUnwrapped)
            // An `InlineArray` is its elements, one after another.
            let first = UnsafeMutableRawPointer(slot.baseAddress!).assumingMemoryBound(to: TemplateValue.self)
            return TemplateFields(shape) { (first + $0).move() }
        }
    }

    /// The same from an array of values (copied), for a shape whose size is known only when it runs.
    init(_ shape: borrowing Shape, contentsOf values: [TemplateValue]) {
        precondition(values.count == shape.keys.count, "\(values.count) values for the fields \(shape.names)")
        self.init(shape) { values[$0] }
    }

    /// The fields of `shape`, the value of the name at each position taken from `take`.
    private init(_ shape: borrowing Shape, taking take: (Int) -> TemplateValue) {
        let count = shape.keys.count
        guard count > 0 else {
            self.init()
            return
        }
        let storage = FieldStorage.make(capacity: count)
        let base = storage.base
        shape.keys.withUnsafeBufferPointer { keys in
            shape.order.withUnsafeBufferPointer { order in
                for slot in 0..<count { (base + slot).initialize(to: Entry(key: keys[slot], value: take(order[slot]))) }
            }
        }
        storage.counts.pointee.count = count
        self.init(storage: storage)
    }
}
