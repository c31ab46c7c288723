public import TelemetryModel

/// Telemetry that can be queried: ``TelemetryData``, or a ``TelemetrySource`` read at the
/// moment of each query.
///
/// The queries are the same on both, so a test reads a live capture and a stored value alike:
/// `telemetry.spans(.named("checkout"))`, `telemetry.total(of: "orders")`,
/// `telemetry.logRecords(containing: "paid")`.
public protocol TelemetryQueryable: Sendable {
    /// The telemetry as it is now.
    var data: TelemetryData { get }
}

extension TelemetryQueryable {
    // MARK: Spans

    /// Every span, in the order they were recorded.
    public var spans: [Span] { data.traces.spans }

    /// The spans matching `query`, in the order they were recorded.
    public func spans(_ query: SpanQuery) -> [Span] { data.traces.spans(query) }

    /// The first span matching `query`.
    public func span(_ query: SpanQuery) -> Span? { data.traces.span(query) }

    /// The spans arranged as one tree per trace.
    public var traceTrees: [TraceTree] { data.traces.traceTrees }

    // MARK: Logs

    /// Every log record, in the order they were emitted.
    public var logRecords: [LogRecord] { data.logs.logRecords }

    /// The log records whose string body contains `text`.
    public func logRecords(containing text: String) -> [LogRecord] { data.logs.records(containing: text) }

    /// The log records at `severity` or above.
    public func logRecords(atLeast severity: SeverityNumber) -> [LogRecord] { data.logs.records(atLeast: severity) }

    /// The log records emitted while `span` was active: same trace and span id.
    public func logRecords(correlatedWith span: Span) -> [LogRecord] { data.logs.records(correlatedWith: span) }

    /// The log records of the trace `traceID`.
    public func logRecords(inTrace traceID: TraceID) -> [LogRecord] { data.logs.records(inTrace: traceID) }

    // MARK: Metrics

    /// Every metric (one per instrument, resource and scope), in the order they were reported.
    public var allMetrics: [Metric] { data.metrics.metrics }

    /// The metrics named `name` (one per resource and scope that reported it).
    public func metrics(named name: String) -> [Metric] { data.metrics.metrics(named: name) }

    /// The total of the sum (counter) `name` over the series whose attributes include
    /// `attributes`; `nil` when no such sum exists or no point matches. See
    /// `MetricsData.total(of:where:)`.
    public func total(of name: String, where attributes: Attributes = [:]) -> Double? {
        data.metrics.total(of: name, where: attributes)
    }

    /// The value of the gauge `name` at the latest point whose attributes include `attributes`.
    public func gaugeValue(of name: String, where attributes: Attributes = [:]) -> Double? {
        data.metrics.gaugeValue(of: name, where: attributes)
    }

    /// The histogram `name` merged over the series whose attributes include `attributes`.
    public func histogram(_ name: String, where attributes: Attributes = [:]) -> HistogramSummary? {
        data.metrics.histogram(name, where: attributes)
    }
}
