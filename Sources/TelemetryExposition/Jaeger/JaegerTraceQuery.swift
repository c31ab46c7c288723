import TelemetryModel

/// A search for traces, as Jaeger's `TraceQueryParameters`; a trace matches when one of its
/// spans matches everything set (the in-memory store's `validSpan`).
struct JaegerTraceQuery {
    var serviceName: String
    var operationName: String = ""
    /// Bounds on a span's start, in Unix nanoseconds.
    var startTimeMinimum: Int64?
    var startTimeMaximum: Int64?
    /// Bounds on a span's duration in nanoseconds; 0 means none.
    var durationMinimum: Int64 = 0
    var durationMaximum: Int64 = 0
    /// Tags that must all be found among the span's tags, its process's tags or its log
    /// fields, compared as strings.
    var tags: [String: String] = [:]
    /// The most traces to return (the most recent ones); 0 or less means all.
    var limit: Int = 0

    func matches(_ span: JaegerSpan) -> Bool {
        guard span.process.serviceName == serviceName else { return false }
        if !operationName.isEmpty && span.operationName != operationName { return false }
        if durationMinimum != 0 && span.durationNanoseconds < durationMinimum { return false }
        if durationMaximum != 0 && span.durationNanoseconds > durationMaximum { return false }
        let start = Int64(bitPattern: span.startTimeUnixNano)
        if let startTimeMinimum, start < startTimeMinimum { return false }
        if let startTimeMaximum, start > startTimeMaximum { return false }
        if !tags.isEmpty {
            let all = span.tags + span.process.tags + span.logs.flatMap(\.fields)
            for (key, value) in tags where !all.contains(where: { $0.key == key && $0.stringValue == value }) {
                return false
            }
        }
        return true
    }
}
