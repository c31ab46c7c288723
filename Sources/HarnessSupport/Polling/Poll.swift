/// What one look found: done with a value, or not yet, with what was seen.
public enum Observation<Value: Sendable>: Sendable {
    /// The condition holds.
    case done(Value)
    /// Not yet; the text says what was observed, for the failure message.
    case notYet(String)
    /// Never: what was observed rules the condition out (the process being waited for exited),
    /// so the poll fails at once.
    case failed(String)
}

/// A condition that did not hold before its deadline (or that an observation ruled out), with
/// the last thing observed.
public struct PollFailure: Error, CustomStringConvertible, Sendable {
    /// What did not happen, and within what time.
    public var message: String
    /// The last observation (may be several lines).
    public var lastObservation: String

    /// A timeout of `message` after `lastObservation`.
    public init(_ message: String, lastObservation: String) {
        self.message = message
        self.lastObservation = lastObservation
    }

    /// The message and, on the following lines, the last observation.
    public var description: String {
        lastObservation.isEmpty ? message : "\(message)\nlast observation:\n\(lastObservation)"
    }
}

/// Looks every `interval` until `observe` is done or `timeout` passes, then fails with
/// `failure` and the last observation: the one way the harness waits for something it cannot
/// be told about (a port, a file, a series in Prometheus). An error thrown by `observe` counts as
/// an observation (the thing may not be up yet) and is reported if it is the last one.
///
/// ```swift
/// let port = try await poll("the service wrote no port file", within: .seconds(30)) { () -> Observation<Int> in
///     guard let text = try? String(contentsOfFile: path, encoding: .utf8), let port = Int(text) else {
///         return .notYet("no port file at \(path)")
///     }
///     return .done(port)
/// }
/// ```
///
/// - Throws: ``PollFailure`` at the deadline or on a ``Observation/failed(_:)`` observation; `CancellationError` when the task is cancelled.
public func poll<Value: Sendable>(
    _ failure: String,
    within timeout: Duration,
    every interval: Duration = .milliseconds(250),
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
            case .failed(let observation): throw PollFailure(failure, lastObservation: observation)
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch let failure as PollFailure {
            throw failure
        } catch {
            last = "error: \(error)"
        }
        guard clock.now.advanced(by: interval) < deadline else {
            throw PollFailure("\(failure) within \(timeout)", lastObservation: last)
        }
        try await Task.sleep(for: interval)  // poll interval
    }
}
