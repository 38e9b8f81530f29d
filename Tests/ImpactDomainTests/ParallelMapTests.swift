import Testing
@testable import ImpactDomain

@Suite struct ParallelMapTests {
    final class Token: Sendable {
        let value: Int
        init(_ value: Int) { self.value = value }
    }

    @Test func keepsInputOrder() {
        let squares = parallelMap(Array(0..<200)) { $0 * $0 }
        #expect(squares == (0..<200).map { $0 * $0 })
        #expect(parallelMap([7]) { "\($0)" } == ["7"])
        #expect(parallelMap([Int]()) { $0 }.isEmpty)
    }

    /// The results are handed over, not left behind: once the caller drops them, they are freed. (They used to
    /// stay retained for ever, so `serve` leaked a changed initiative's computed results on every rebuild.)
    @Test func resultsAreFreedWhenTheCallerDropsThem() {
        final class Weak: @unchecked Sendable { weak var token: Token? }
        var watchers: [Weak] = []
        do {
            let tokens = parallelMap(Array(0..<8)) { Token($0) }
            withExtendedLifetime(tokens) {
                #expect(tokens.map(\.value) == Array(0..<8))
                for token in tokens {
                    let watcher = Weak()
                    watcher.token = token
                    watchers.append(watcher)
                }
                #expect(watchers.allSatisfy { $0.token != nil })
            }
        }
        #expect(watchers.count == 8)
        #expect(watchers.allSatisfy { $0.token == nil })
    }
}
