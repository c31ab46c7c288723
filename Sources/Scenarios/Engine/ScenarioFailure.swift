/// Why a scenario failed: the cause, and what was last observed before its deadline.
public struct ScenarioFailure: Error, CustomStringConvertible, Sendable {
    /// The cause, in one line.
    public var message: String
    /// The last observation (may be several lines), or empty.
    public var lastObservation: String

    /// A failure with `message` and, when there is one, the last observation.
    public init(_ message: String, lastObservation: String = "") {
        self.message = message
        self.lastObservation = lastObservation
    }

    public var description: String {
        lastObservation.isEmpty ? message : "\(message)\nlast observation:\n\(lastObservation)"
    }
}

/// A scenario the stack cannot run (for example, no Docker engine answers), with the reason.
public struct ScenarioSkipped: Error, CustomStringConvertible, Sendable {
    /// Why it was skipped.
    public var reason: String

    /// A skip with `reason`.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
