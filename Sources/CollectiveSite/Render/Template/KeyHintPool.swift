import Synchronization

/// The key hints of template renders (`TemplateFields.valuePointer(_:hint:)`): one array of `count` per render in
/// progress, lent to it and given back when it ends, so that each page starts from the hints the pages before it
/// left (a page's own hints start cold: most names are asked once per page, so a fresh array per page missed).
/// A hint is only a guess, checked before it is used: any value is safe, so arrays start at zero and are shared
/// by no two renders at once (no race on them).
final class KeyHintPool: Sendable {
    let count: Int
    /// Addresses of the arrays not lent out (as integers: a pointer is not `Sendable`; each array is owned here
    /// or by the one render it is lent to).
    private let spare = Mutex<[UInt]>([])

    init(count: Int) { self.count = max(count, 1) }

    deinit {
        for address in spare.withLock({ $0 }) { UnsafeMutablePointer<UInt32>(bitPattern: address)?.deallocate() }
    }

    /// An array of `count` hints for one render: one given back before, or a new one of zeros.
    func take() -> UnsafeMutablePointer<UInt32> {
        if let address = spare.withLock({ $0.popLast() }), let hints = UnsafeMutablePointer<UInt32>(bitPattern: address) {
            return hints
        }
        let hints = UnsafeMutablePointer<UInt32>.allocate(capacity: count)
        hints.initialize(repeating: 0, count: count)
        return hints
    }

    /// Ends the lending of `hints` (from `take()`): the next render may take them.
    func giveBack(_ hints: UnsafeMutablePointer<UInt32>) {
        spare.withLock { $0.append(UInt(bitPattern: hints)) }
    }
}
