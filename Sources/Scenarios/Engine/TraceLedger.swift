import Synchronization
public import TelemetryModel

/// The traces a scenario started (each request it sent under a `traceparent` of its own), for
/// the reports: a failing trace can be looked up in the team's own backend.
public final class TraceLedger: Sendable {
    private let traces = Mutex<[TraceID]>([])

    /// An empty ledger.
    public init() {}

    /// Notes that `traceID` was started.
    public func record(_ traceID: TraceID) {
        traces.withLock { $0.append(traceID) }
    }

    /// The traces started, in order.
    public var traceIDs: [TraceID] { traces.withLock { $0 } }
}
