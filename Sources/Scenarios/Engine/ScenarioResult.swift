/// How one scenario went.
public struct ScenarioResult: Sendable {
    /// Passed, failed or skipped.
    public enum Status: String, Sendable, Hashable {
        /// It passed.
        case passed
        /// It failed; ``ScenarioResult/detail`` says why.
        case failed
        /// It could not run here; ``ScenarioResult/detail`` says why.
        case skipped
    }

    /// The scenario's name.
    public var name: String
    /// What it proves.
    public var summary: String
    /// The outcome.
    public var status: Status
    /// How long it ran.
    public var duration: Duration
    /// What it observed (passed), why it failed (with the last observation), or why it was
    /// skipped.
    public var detail: String
    /// Component log files saved because it failed.
    public var savedLogs: [String] = []
    /// The traces it started (W3C trace ids, hex), to look up in a trace backend.
    public var traceIDs: [String] = []

    /// A result as given.
    public init(
        name: String,
        summary: String,
        status: Status,
        duration: Duration,
        detail: String,
        savedLogs: [String] = [],
        traceIDs: [String] = []
    ) {
        self.name = name
        self.summary = summary
        self.status = status
        self.duration = duration
        self.detail = detail
        self.savedLogs = savedLogs
        self.traceIDs = traceIDs
    }
}

/// The outcome of a run of scenarios on one driver.
public struct ScenarioReport: Sendable {
    /// The driver's name.
    public var driver: String
    /// Each scenario's result, in the order they ran.
    public var results: [ScenarioResult]
    /// How long bringing the stack up took.
    public var startup: Duration
    /// How long the whole run took, tear-down included.
    public var duration: Duration

    /// Whether no scenario failed.
    public var succeeded: Bool { !results.contains { $0.status == .failed } }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
