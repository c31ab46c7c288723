import TelemetryModel

extension JSONReader {
    mutating func traces(_ value: JSONValue) throws(OTLPDecodingError) -> TracesData {
        var traces = TracesData()
        for member in try members(of: value, known: ["resourceSpans"]) {
            traces.resourceSpans = try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                try reader.elements(of: member.value) { (reader: inout JSONReader, element) throws(OTLPDecodingError) in
                    try reader.resourceSpans(element)
                }
            }
        }
        return traces
    }

    private mutating func resourceSpans(_ value: JSONValue) throws(OTLPDecodingError) -> ResourceSpans {
        var group = ResourceSpans()
        for member in try members(of: value, known: ["resource", "scopeSpans", "schemaUrl"]) {
            try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                switch member.key {
                case "resource": group.resource = try reader.resource(member.value)
                case "scopeSpans":
                    group.scopeSpans = try reader.elements(of: member.value) { (reader: inout JSONReader, element) throws(OTLPDecodingError) in
                        try reader.scopeSpans(element)
                    }
                default: group.schemaURL = try reader.string(member.value)
                }
            }
        }
        return group
    }

    private mutating func scopeSpans(_ value: JSONValue) throws(OTLPDecodingError) -> ScopeSpans {
        var group = ScopeSpans()
        for member in try members(of: value, known: ["scope", "spans", "schemaUrl"]) {
            try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                switch member.key {
                case "scope": group.scope = try reader.scope(member.value)
                case "spans":
                    group.spans = try reader.elements(of: member.value) { (reader: inout JSONReader, element) throws(OTLPDecodingError) in
                        try reader.span(element)
                    }
                default: group.schemaURL = try reader.string(member.value)
                }
            }
        }
        return group
    }

    private static let spanKeys = [
        "traceId", "spanId", "traceState", "parentSpanId", "flags", "name", "kind", "startTimeUnixNano",
        "endTimeUnixNano", "attributes", "droppedAttributesCount", "events", "droppedEventsCount", "links",
        "droppedLinksCount", "status",
    ]
    static let spanKindNames = [
        "SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT",
        "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER",
    ]
    static let statusCodeNames = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"]

    private mutating func span(_ value: JSONValue) throws(OTLPDecodingError) -> Span {
        var span = Span(traceID: .zero, spanID: .zero, name: "", kind: .unspecified)
        var sawTraceID = false
        var sawSpanID = false
        for member in try members(of: value, known: Self.spanKeys) {
            try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                switch member.key {
                case "traceId":
                    span.traceID = try reader.traceID(member.value)
                    sawTraceID = true
                case "spanId":
                    span.spanID = try reader.spanID(member.value)
                    sawSpanID = true
                case "traceState": span.traceState = try reader.string(member.value)
                case "parentSpanId": span.parentSpanID = try reader.optionalSpanID(member.value)
                case "flags": span.flags = SpanFlags(rawValue: try reader.integer(member.value))
                case "name": span.name = try reader.string(member.value)
                case "kind": span.kind = try reader.enumeration(member.value, as: SpanKind.self, name: "SpanKind", names: Self.spanKindNames)
                case "startTimeUnixNano": span.startTimeUnixNano = try reader.integer(member.value)
                case "endTimeUnixNano": span.endTimeUnixNano = try reader.integer(member.value)
                case "attributes": span.attributes = try reader.attributes(member.value)
                case "droppedAttributesCount": span.droppedAttributesCount = try reader.integer(member.value)
                case "events":
                    span.events = try reader.elements(of: member.value) { (reader: inout JSONReader, element) throws(OTLPDecodingError) in
                        try reader.spanEvent(element)
                    }
                case "droppedEventsCount": span.droppedEventsCount = try reader.integer(member.value)
                case "links":
                    span.links = try reader.elements(of: member.value) { (reader: inout JSONReader, element) throws(OTLPDecodingError) in
                        try reader.spanLink(element)
                    }
                case "droppedLinksCount": span.droppedLinksCount = try reader.integer(member.value)
                default: span.status = try reader.status(member.value)
                }
            }
        }
        if !sawTraceID {
            throw descendError("traceId", .wrongIDLength(expectedBytes: TraceID.byteCount, foundBytes: 0))
        }
        if !sawSpanID {
            throw descendError("spanId", .wrongIDLength(expectedBytes: SpanID.byteCount, foundBytes: 0))
        }
        return span
    }

    /// An error for a missing member of the current object.
    func descendError(_ key: String, _ reason: OTLPDecodingError.Reason) -> OTLPDecodingError {
        let base = pathString
        return OTLPDecodingError(path: base.isEmpty ? key : base + "." + key, reason: reason)
    }

    private mutating func spanEvent(_ value: JSONValue) throws(OTLPDecodingError) -> SpanEvent {
        var event = SpanEvent(name: "")
        for member in try members(of: value, known: ["timeUnixNano", "name", "attributes", "droppedAttributesCount"]) {
            try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                switch member.key {
                case "timeUnixNano": event.timeUnixNano = try reader.integer(member.value)
                case "name": event.name = try reader.string(member.value)
                case "attributes": event.attributes = try reader.attributes(member.value)
                default: event.droppedAttributesCount = try reader.integer(member.value)
                }
            }
        }
        return event
    }

    private mutating func spanLink(_ value: JSONValue) throws(OTLPDecodingError) -> SpanLink {
        var link = SpanLink(traceID: .zero, spanID: .zero)
        var sawTraceID = false
        var sawSpanID = false
        let known = ["traceId", "spanId", "traceState", "attributes", "droppedAttributesCount", "flags"]
        for member in try members(of: value, known: known) {
            try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                switch member.key {
                case "traceId":
                    link.traceID = try reader.traceID(member.value)
                    sawTraceID = true
                case "spanId":
                    link.spanID = try reader.spanID(member.value)
                    sawSpanID = true
                case "traceState": link.traceState = try reader.string(member.value)
                case "attributes": link.attributes = try reader.attributes(member.value)
                case "droppedAttributesCount": link.droppedAttributesCount = try reader.integer(member.value)
                default: link.flags = SpanFlags(rawValue: try reader.integer(member.value))
                }
            }
        }
        if !sawTraceID {
            throw descendError("traceId", .wrongIDLength(expectedBytes: TraceID.byteCount, foundBytes: 0))
        }
        if !sawSpanID {
            throw descendError("spanId", .wrongIDLength(expectedBytes: SpanID.byteCount, foundBytes: 0))
        }
        return link
    }

    private mutating func status(_ value: JSONValue) throws(OTLPDecodingError) -> SpanStatus {
        var status = SpanStatus()
        for member in try members(of: value, known: ["message", "code"]) {
            try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                switch member.key {
                case "message": status.message = try reader.string(member.value)
                default:
                    status.code = try reader.enumeration(
                        member.value,
                        as: SpanStatus.Code.self,
                        name: "StatusCode",
                        names: Self.statusCodeNames
                    )
                }
            }
        }
        return status
    }
}
