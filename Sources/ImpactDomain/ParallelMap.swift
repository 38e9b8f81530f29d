import Dispatch

// The one concurrency helper of the project, here in the lowest module so the domain can use it too.
// It changes when work runs, never what it computes: the domain stays pure.

/// Maps in parallel across cores; results keep the input order, so output is deterministic.
public func parallelMap<T, R>(_ items: [T], _ transform: (T) -> R) -> [R] {
    if items.count < 2 { return items.map(transform) }
    return withoutActuallyEscaping(transform) { transform in
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let shared = results
        nonisolated(unsafe) let work = transform
        items.withUnsafeBufferPointer { input in
            nonisolated(unsafe) let input = input
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                shared[index] = work(input[index])
            }
        }
        // Moved out, not copied: the buffer is freed without deinitializing, so a copy would leave every result
        // retained for ever (in `serve`, a changed initiative's results leaked on every rebuild).
        return results.indices.map { (results.baseAddress! + $0).move()! }
    }
}
