import Synchronization

/// Values a chart makes that other charts of the build make again with the same inputs (an axis, a tooltip
/// template): each is made by the first chart that asks, on whichever core, and kept for the others. A site has a
/// few distinct ones; past `limit` the kept ones are dropped, so an unusual site cannot make it grow without end.
final class KeptPerBuild<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let kept = Mutex<[Key: Value]>([:])
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    /// The value kept for `key`, or `make()`'s, now kept. Made outside the lock: two cores asking at once may
    /// both make it, and the values they make are the same.
    func value(_ key: Key, make: () -> Value) -> Value {
        if let known = kept.withLock({ $0[key] }) { return known }
        let made = make()
        kept.withLock { kept in
            if kept.count >= limit { kept.removeAll() }
            kept[key] = made
        }
        return made
    }

    /// How many values are kept.
    var count: Int { kept.withLock { $0.count } }
}
