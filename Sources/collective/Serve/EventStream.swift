import CollectiveSite
import FlyingFox
import FlyingSocks

/// The body of a `text/event-stream` response: bytes that arrive whenever a build finishes.
///
/// FlyingFox sends a body without a length chunk by chunk as it is produced, so a never-ending body is a
/// Server-Sent Events stream. The subscription lives as long as the iterator FlyingFox makes: when the tab
/// goes away, the next write fails, FlyingFox drops the iterator, and the subscriber is removed.
struct EventStream: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let live: LiveSite

    func makeAsyncIterator() -> Iterator {
        let (id, events) = live.subscribe()
        return Iterator(ticket: Ticket(live: live, id: id), events: events.makeAsyncIterator())
    }

    /// Unsubscribes when the last copy of the iterator is released.
    final class Ticket: Sendable {
        let live: LiveSite
        let id: Int
        init(live: LiveSite, id: Int) { self.live = live; self.id = id }
        deinit { live.unsubscribe(id) }
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        let ticket: Ticket
        var events: AsyncStream<[UInt8]>.Iterator
        /// Bytes of the current event not yet handed out.
        var pending: ArraySlice<UInt8> = []

        mutating func next() async throws -> UInt8? {
            guard let buffer = try await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> ArraySlice<UInt8>? {
            if pending.isEmpty {
                guard let event = await events.next() else { return nil }
                pending = event[...]
            }
            let chunk = pending.prefix(Swift.max(1, count))
            pending = pending.dropFirst(chunk.count)
            return chunk
        }
    }
}
