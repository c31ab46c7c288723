public import TelemetryModel

/// Telemetry as data at one moment: traces, metrics and logs in the shared model, captured
/// in-process or received over OTLP.
///
/// Every query works on it, and on any ``TelemetrySource`` (which answers from its data at the
/// moment of the query), through ``TelemetryQueryable``:
/// ```swift
/// let checkout = telemetry.span(.named("checkout").kind(.server))
/// let lookups = telemetry.total(of: "users.lookups", where: ["source": "cache"])
/// ```
public struct TelemetryData: Sendable, Hashable, Codable {
    /// The spans, grouped by resource and scope as OTLP groups them.
    public var traces: TracesData
    /// The metrics, grouped by resource and scope.
    public var metrics: MetricsData
    /// The log records, grouped by resource and scope.
    public var logs: LogsData
    /// Spans not kept because the capture was full.
    public var droppedSpans: Int
    /// Log records not kept because the capture was full.
    public var droppedLogRecords: Int

    /// Creates telemetry data.
    public init(
        traces: TracesData = TracesData(),
        metrics: MetricsData = MetricsData(),
        logs: LogsData = LogsData(),
        droppedSpans: Int = 0,
        droppedLogRecords: Int = 0
    ) {
        self.traces = traces
        self.metrics = metrics
        self.logs = logs
        self.droppedSpans = droppedSpans
        self.droppedLogRecords = droppedLogRecords
    }
}

extension TelemetryData: TelemetryQueryable {
    /// The data itself.
    public var data: TelemetryData { self }
}
