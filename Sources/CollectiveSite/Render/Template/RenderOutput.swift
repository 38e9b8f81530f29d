/// The bytes a template renders, appended in place: a copy of each run with no per-append array bookkeeping
/// (`Array.append(contentsOf:)` cost ≈ 90 instructions a call, and a page makes thousands of them). Noncopyable, so
/// the memory has one owner that frees it; `bytes()` hands out the finished page as an array.
///
/// It may also write into memory it is given (`init(into:)`): the uninitialized storage of the array the page will
/// be, so that the finished page is not copied again on its way out. When that is full it moves to memory of its
/// own, and `isInGivenMemory` tells the owner of the given memory that what it holds is not the page.
struct RenderOutput: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// False while writing into memory given to `init(into:)`, which is not this output's to free.
    private var ownsMemory = true

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    /// Writes into `memory` (which must outlive this output, or its use of it: until the first growth) until it is
    /// full.
    init(into memory: UnsafeMutableBufferPointer<UInt8>) {
        if let base = memory.baseAddress, memory.count >= 16 {
            start = base
            capacity = memory.count
            ownsMemory = false
        } else {
            capacity = 16
            start = .allocate(capacity: capacity)
        }
    }

    deinit { if ownsMemory { start.deallocate() } }

    /// Whether every byte written so far is in the memory given to `init(into:)`, from its start.
    var isInGivenMemory: Bool { !ownsMemory }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if bytes.count > capacity - count { grow(toHold: count + bytes.count) }
        (start + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    /// The first `count` (at most 16) bytes of two words, in memory order: two stores instead of a call to memcpy,
    /// for the short texts most values and template texts between tags are. The bytes after `count` are written
    /// too (room is made for them) and overwritten by the next append.
    mutating func append(words: (UInt64, UInt64), count: Int) {
        if 16 > capacity - self.count { grow(toHold: self.count + 16) }
        let at = UnsafeMutableRawPointer(start + self.count)
        at.storeBytes(of: words.0, as: UInt64.self)
        at.storeBytes(of: words.1, toByteOffset: 8, as: UInt64.self)
        self.count += count
    }

    mutating func append(_ text: String) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ append($0) }) { return done }
        var text = text
        text.withUTF8 { append($0) }
    }

    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Doubles (at least) the room, keeping what was written.
    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        larger.initialize(from: start, count: count)
        if ownsMemory { start.deallocate() }
        start = larger
        capacity = newCapacity
        ownsMemory = true
    }

    /// What was written, as an array.
    func bytes() -> [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }
}

extension RenderOutput: ByteOutput {
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) { append(bytes) }
}
