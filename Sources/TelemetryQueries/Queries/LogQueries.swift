public import TelemetryModel

extension LogsData {
    /// The records whose string body contains `text`.
    public func records(containing text: String) -> [LogRecord] {
        logRecords.filter { $0.body?.stringValue?.contains(text) ?? false }
    }

    /// The records at `severity` or above.
    public func records(atLeast severity: SeverityNumber) -> [LogRecord] {
        logRecords.filter { $0.severityNumber >= severity }
    }

    /// The records emitted while `span` was active: same trace and span id.
    public func records(correlatedWith span: Span) -> [LogRecord] {
        logRecords.filter { $0.traceID == span.traceID && $0.spanID == span.spanID }
    }

    /// The records of the trace `traceID`.
    public func records(inTrace traceID: TraceID) -> [LogRecord] {
        logRecords.filter { $0.traceID == traceID }
    }
}
