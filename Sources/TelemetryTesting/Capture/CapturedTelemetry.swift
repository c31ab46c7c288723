public import TelemetryModel

/// A snapshot of captured (or received) telemetry: traces, metrics and logs in the shared model.
///
/// Every query and assertion of this module works on it, whether the telemetry was captured
/// in-process or received over OTLP.
public struct CapturedTelemetry: Sendable, Hashable, Codable {
    /// The spans.
    public var traces: TracesData
    /// The metrics.
    public var metrics: MetricsData
    /// The log records.
    public var logs: LogsData
    /// Spans not kept because the capture was full.
    public var droppedSpans: Int
    /// Log records not kept because the capture was full.
    public var droppedLogRecords: Int

    /// Creates a snapshot.
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

    /// Every span, in the order they ended.
    public var spans: [Span] { traces.spans }

    /// Every log record, in the order they were emitted.
    public var logRecords: [LogRecord] { logs.logRecords }
}
