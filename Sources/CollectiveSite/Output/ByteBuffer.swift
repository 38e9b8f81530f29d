import Glibc

/// A growable run of bytes written in place: every page the template renderer writes, and the open data's largest
/// files (each indicator's rows of results.csv and its entry of results.json, `ResultsBothSink`). A few bytes are
/// copied with no per-append array bookkeeping (`Array.append(contentsOf:)` costs ≈ 90 instructions a call, and a
/// page makes thousands of them, a million-row file tens of millions). Noncopyable, so its memory has one owner that
/// frees it; `array()` hands out what was written. It may also write into memory it is given (`init(into:)`): the
/// uninitialized storage of the array the bytes will be (`ByteBuffer.array(capacity:_:)`, the renderer's page), so
/// they are not copied again at the end; when that is full it moves to memory of its own, and `isInGivenMemory`
/// tells the owner of the given memory whether it holds what was written.
struct ByteBuffer: ~Copyable {
    /// `capacity` bytes, the first `count` of them written. Only this type touches them, and never past `capacity`:
    /// every write first makes room (`reserve`).
    private var start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// Whether `start` is this buffer's own allocation (freed when it grows or ends), or memory given to
    /// `init(into:)`, which is not this buffer's to free.
    private var owned = true

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        start = .allocate(capacity: self.capacity)
    }

    /// Writes into `memory` (which must outlive this buffer, or its use of it: until the first growth) until it is
    /// full. Memory of fewer than 16 bytes is not used (`append(words:count:)` writes 16 at a time).
    init(into memory: UnsafeMutableBufferPointer<UInt8>) {
        if let base = memory.baseAddress, memory.count >= 16 {
            start = base
            capacity = memory.count
            owned = false
        } else {
            capacity = 64
            start = .allocate(capacity: capacity)
        }
    }

    deinit { if owned { start.deallocate() } }

    /// Whether every byte written so far is in the memory given to `init(into:)`, from its start.
    var isInGivenMemory: Bool { !owned }

    /// An array of what `body` writes, written in the array's own memory while `capacity` bytes hold it (else
    /// copied once at the end from where the buffer grew to). The buffer lives only inside this call: `body` gets it
    /// `inout` and, being noncopyable, it cannot be kept.
    static func array(capacity: Int, _ body: (inout ByteBuffer) -> Void) -> [UInt8] {
        var grown: [UInt8]?
        let written = [UInt8](unsafeUninitializedCapacity: max(capacity, 64)) { memory, initialized in
            var buffer = ByteBuffer(into: memory)
            body(&buffer)
            if buffer.isInGivenMemory { initialized = buffer.count } else { grown = buffer.array() }
        }
        return grown ?? written
    }

    /// Room for `more` bytes after those written.
    @inline(__always) mutating func reserve(_ more: Int) {
        if more > capacity - count { grow(toHold: count + more) }
    }

    /// Doubles (at least) the room, keeping what was written.
    private mutating func grow(toHold needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: start, count: count)
        if owned { start.deallocate() }
        start = moved
        capacity = larger
        owned = true
    }

    @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        Self.copy(from: source, count: bytes.count, to: start + count)
        count += bytes.count
    }

    /// Most of what is appended is a few bytes (a key, a figure, a comma and a space): up to 16 are copied as two
    /// words that overlap (or four bytes, or byte by byte) rather than by a call to memcpy. Each load is within
    /// `source..<source + count` and each store within the room made for them.
    @inline(__always)
    private static func copy(from source: UnsafePointer<UInt8>, count: Int, to target: UnsafeMutablePointer<UInt8>) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
        switch count {
        case 8...16:
            let head = from.loadUnaligned(as: UInt64.self), tail = from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
        case 4..<8:
            let head = from.loadUnaligned(as: UInt32.self), tail = from.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
        case 0..<4:
            for index in 0..<count { target[index] = source[index] }
        default:
            target.update(from: source, count: count)
        }
    }

    /// A short run (at most 32 bytes: a JSON key, a figure's digits) from memory that may be read for 32 bytes from
    /// its start (`ColumnNames`' keys and `OpenData.withNumber`'s digits are followed by padding): copied as two
    /// 16-byte words whatever its length, with no branch on it. The bytes read past `bytes.count` are written too,
    /// in the room made for them, and overwritten by the next append.
    @inline(__always) mutating func append(padded bytes: UnsafeBufferPointer<UInt8>) {
        precondition(bytes.count <= 32, "a padded run is at most 32 bytes")
        guard let source = bytes.baseAddress else { return }
        reserve(32)
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(start + count)
        to.storeBytes(of: from.loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
        to.storeBytes(of: from.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self), toByteOffset: 16,
                      as: SIMD16<UInt8>.self)
        count += bytes.count
    }

    @inline(__always) mutating func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    /// `byte` `times` times (a run of empty CSV cells' commas): up to 16 as two words, in the room made for 16.
    @inline(__always) mutating func append(_ byte: UInt8, times: Int) {
        guard times > 0 else { return }
        guard times <= 16 else { return appendLong(byte, times: times) }
        reserve(16)
        let word = UInt64(byte) &* 0x0101_0101_0101_0101
        let to = UnsafeMutableRawPointer(start + count)
        to.storeBytes(of: word, as: UInt64.self)
        to.storeBytes(of: word, toByteOffset: 8, as: UInt64.self)
        count += times
    }

    private mutating func appendLong(_ byte: UInt8, times: Int) {
        reserve(times)
        (start + count).update(repeating: byte, count: times)
        count += times
    }

    /// The first `count` (at most 16) bytes of two words, in memory order: two stores instead of a call to memcpy,
    /// for the short texts most values and template texts between tags are. The bytes after `count` are written
    /// too (room is made for them) and overwritten by the next append.
    @inline(__always) mutating func append(words: (UInt64, UInt64), count: Int) {
        reserve(16)
        let at = UnsafeMutableRawPointer(start + self.count)
        at.storeBytes(of: words.0, as: UInt64.self)
        at.storeBytes(of: words.1, toByteOffset: 8, as: UInt64.self)
        self.count += count
    }

    /// A String's bytes. (Labelled, so that a literal, `append("null")`, still takes the `StaticString` overload.)
    mutating func append(string text: String) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ append($0) }) { return done }
        var text = text
        text.withUTF8 { append($0) }
    }

    @inline(__always) mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { append($0) } }

    /// Another buffer's bytes (those in `range`, or all), after these.
    mutating func append(_ other: borrowing ByteBuffer, _ range: Range<Int>? = nil) {
        other.withBytes(range ?? 0..<other.count) { append($0) }
    }

    /// `bytes` put in at `offset`, the bytes from there on moved after them.
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) {
        precondition(offset >= 0 && offset <= count, "an insertion point lies within the bytes written")
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        memmove(start + offset + bytes.count, start + offset, count - offset)  // memmove: the two runs overlap
        (start + offset).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Another buffer's bytes put in at `offset`.
    mutating func insert(_ other: borrowing ByteBuffer, at offset: Int) {
        other.withBytes(0..<other.count) { insert($0, at: offset) }
    }

    /// The bytes in `range` (of those written), read in place.
    func withBytes<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "a range lies within the bytes written")
        return body(UnsafeBufferPointer(start: start + range.lowerBound, count: range.count))
    }

    /// Forgets what was written, keeping the room.
    mutating func removeAll() { count = 0 }

    /// What was written, as an array.
    func array() -> [UInt8] {
        Array(unsafeUninitializedCapacity: count) { array, initialized in
            if let target = array.baseAddress { target.initialize(from: start, count: count) }
            initialized = count
        }
    }
}

extension ByteBuffer: ByteOutput {
    @inline(__always) mutating func append(bytes: UnsafeBufferPointer<UInt8>) { append(bytes) }
}
