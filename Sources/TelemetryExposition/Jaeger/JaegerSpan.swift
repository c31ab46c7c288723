import TelemetryModel

/// A span in Jaeger's model (`model.Span`) after the query service's per-span adjusters, with
/// its process.
struct JaegerSpan: Hashable {
    var traceID: TraceID
    var spanID: SpanID
    var flags: UInt32
    var operationName: String
    var references: [JaegerReference]
    /// The start, in nanoseconds since the Unix epoch (the JSON model writes microseconds).
    var startTimeUnixNano: UInt64
    /// The duration in nanoseconds, never negative.
    var durationNanoseconds: Int64
    var tags: [JaegerKeyValue]
    var logs: [JaegerLog]
    var process: JaegerProcess

    /// `ParentSpanID()`: the first `CHILD_OF` reference within the trace.
    var parentSpanID: SpanID? {
        references.first { $0.kind == .childOf && $0.traceID == traceID }?.spanID
    }

    /// The value of the `span.kind` tag, as Jaeger indexes operations.
    var spanKind: String {
        for tag in tags where tag.key == "span.kind" {
            if case .string(let kind) = tag.value { return kind }
        }
        return ""
    }

    /// Writes the span as `FromDomain` does, with the process as a reference into the
    /// trace's `processes`.
    func write(to writer: inout GoJSONWriter, processID: String, warnings: [String]) {
        writer.object { writer in
            writer.key("traceID")
            writer.string(JaegerID.string(traceID))
            writer.key("spanID")
            writer.string(JaegerID.string(spanID))
            if flags != 0 {
                writer.key("flags")
                writer.integer(flags)
            }
            writer.key("operationName")
            writer.string(operationName)
            writer.key("references")
            writer.array { writer in
                for reference in references { reference.write(to: &writer) }
            }
            writer.key("startTime")
            writer.integer(startTimeUnixNano / 1_000)
            writer.key("duration")
            writer.integer(durationNanoseconds / 1_000)
            writer.key("tags")
            tags.write(to: &writer)
            writer.key("logs")
            writer.array { writer in
                for log in logs { log.write(to: &writer) }
            }
            writer.key("processID")
            writer.string(processID)
            writer.key("warnings")
            if warnings.isEmpty {
                writer.null()
            } else {
                writer.array { writer in
                    for warning in warnings { writer.string(warning) }
                }
            }
        }
    }
}
