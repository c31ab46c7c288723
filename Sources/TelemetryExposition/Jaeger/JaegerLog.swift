/// A span log (`model.Log`): an OTLP span event.
struct JaegerLog: Hashable {
    /// Microseconds since the Unix epoch.
    var timestamp: UInt64
    var fields: [JaegerKeyValue]

    func write(to writer: inout GoJSONWriter) {
        writer.object { writer in
            writer.key("timestamp")
            writer.integer(timestamp)
            writer.key("fields")
            fields.write(to: &writer)
        }
    }
}
