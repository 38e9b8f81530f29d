import CollectiveSite
import Foundation
import ImpactDomain

/// What the server knows about the latest build: its version, and the diagnostics when it failed.
/// Shared between the build thread (which publishes) and the HTTP handlers (which read and subscribe).
final class LiveSite: @unchecked Sendable {
    private let lock = NSLock()
    /// Differs on every start of `serve`, so a tab left open across a restart reloads too.
    private let session: String
    private var number = 0
    private var failure: [Diagnostic]?
    private var building = false
    private var nextSubscriber = 0
    private var subscribers: [Int: AsyncStream<[UInt8]>.Continuation] = [:]

    init() {
        session = String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36)
    }

    /// `session-n`: the reload script compares it with the version its page was served at.
    var version: String {
        lock.withLock { "\(session)-\(number)" }
    }

    /// The diagnostics of the latest build when it failed; nil when the site is good.
    var currentFailure: [Diagnostic]? {
        lock.withLock { failure }
    }

    /// True while a build runs: the site folder may be between two renames, so a miss may be temporary.
    var isBuilding: Bool {
        lock.withLock { building }
    }

    func buildStarted() {
        lock.withLock { building = true }
    }

    var subscriberCount: Int {
        lock.withLock { subscribers.count }
    }

    /// Records a finished build and tells every open page, which then reloads (to the new site, to the
    /// error overlay, or from the overlay back to the site).
    func publish(failure newFailure: [Diagnostic]?) {
        let (version, listeners) = lock.withLock {
            number += 1
            failure = newFailure
            building = false
            return ("\(session)-\(number)", Array(subscribers.values))
        }
        let event = Array("data: \(version)\n\n".utf8)
        for listener in listeners { listener.yield(event) }
    }

    /// A stream of Server-Sent Events for one browser tab; it starts with the current version so that a page
    /// that missed a build while loading reloads at once. `unsubscribe` when the connection ends.
    func subscribe() -> (id: Int, events: AsyncStream<[UInt8]>) {
        // A slow or vanished client must not make the server hold an ever-growing queue of events.
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let (id, version) = lock.withLock {
            nextSubscriber += 1
            subscribers[nextSubscriber] = continuation
            return (nextSubscriber, "\(session)-\(number)")
        }
        // `retry`: how long the browser waits before reconnecting after the server stops.
        continuation.yield(Array("retry: 1000\ndata: \(version)\n\n".utf8))
        return (id, stream)
    }

    func unsubscribe(_ id: Int) {
        let continuation = lock.withLock { subscribers.removeValue(forKey: id) }
        continuation?.finish()
    }

    /// An SSE comment to every tab. Writing is the only way to notice a tab that was closed without
    /// a goodbye; its connection then fails and unsubscribes.
    func heartbeat() {
        let listeners = lock.withLock { Array(subscribers.values) }
        let comment = Array(": keep-alive\n\n".utf8)
        for listener in listeners { listener.yield(comment) }
    }
}
