import HarnessSupport
import Testing

@Suite("Polling")
struct PollTests {
    @Test("a poll that never succeeds fails at its deadline with the last observation")
    func deadline() async {
        let counter = Counter()
        await #expect {
            _ = try await poll("never", within: .milliseconds(200), every: .milliseconds(20)) { () -> Observation<Int> in
                .notYet("look \(await counter.next())")
            }
        } throws: { error in
            guard let failure = error as? PollFailure else { return false }
            return failure.message == "never within 0.2 seconds" && failure.lastObservation.hasPrefix("look ")
                && failure.lastObservation != "look 1"
        }
    }

    @Test("errors count as observations until the value arrives")
    func errorsThenValue() async throws {
        let counter = Counter()
        let value = try await poll("x", within: .seconds(60), every: .milliseconds(10)) { () -> Observation<Int> in
            let n = await counter.next()
            if n < 3 { throw NotUp() }
            return .done(n)
        }
        #expect(value == 3)
    }

    struct NotUp: Error {}

    actor Counter {
        var value = 0
        func next() -> Int {
            value += 1
            return value
        }
    }
}
