/// What one look at the stack found: done with a value, or not yet, with what was seen.
public enum Observation<Value: Sendable>: Sendable {
    /// The condition holds.
    case done(Value)
    /// Not yet; the text says what was observed, for the failure message.
    case notYet(String)
}

/// Looks at the stack every `interval` until `observe` is done or `timeout` passes, then fails
/// with `failure` and the last observation. An error thrown by `observe` counts as an
/// observation (the stack may not be up yet) and is reported if it is the last one.
///
/// - Throws: ``ScenarioFailure`` at the deadline.
public func poll<Value: Sendable>(
    _ failure: String, within timeout: Duration, every interval: Duration = .milliseconds(250),
    _ observe: () async throws -> Observation<Value>
) async throws -> Value {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    var last = "nothing was observed"
    while true {
        do {
            switch try await observe() {
            case .done(let value): return value
            case .notYet(let observation): last = observation
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            last = "error: \(error)"
        }
        guard clock.now.advanced(by: interval) < deadline else {
            throw ScenarioFailure("\(failure) within \(timeout)", lastObservation: last)
        }
        try await Task.sleep(for: interval)  // poll interval
    }
}
