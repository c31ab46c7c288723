import TelemetryModel

/// A reference from a span to another (`model.SpanRef`).
struct JaegerReference: Hashable {
    enum Kind: String, Hashable {
        case childOf = "CHILD_OF"
        case followsFrom = "FOLLOWS_FROM"
    }

    var kind: Kind
    var traceID: TraceID
    var spanID: SpanID

    func write(to writer: inout GoJSONWriter) {
        writer.object { writer in
            writer.key("refType")
            writer.string(kind.rawValue)
            writer.key("traceID")
            writer.string(JaegerID.string(traceID))
            writer.key("spanID")
            writer.string(JaegerID.string(spanID))
        }
    }
}
