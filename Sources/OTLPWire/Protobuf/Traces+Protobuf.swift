import Foundation
import TelemetryModel

extension TracesData {
    init(wire request: PBTracesRequest) throws(OTLPDecodingError) {
        var groups: [ResourceSpans] = []
        groups.reserveCapacity(request.resourceSpans.count)
        for (index, group) in request.resourceSpans.enumerated() {
            groups.append(try at("resourceSpans[\(index)]") { () throws(OTLPDecodingError) in try ResourceSpans(wire: group) })
        }
        self.init(resourceSpans: groups)
    }

    var wire: PBTracesRequest {
        var request = PBTracesRequest()
        request.resourceSpans = resourceSpans.map(\.wire)
        return request
    }
}

extension ResourceSpans {
    init(wire: PBResourceSpans) throws(OTLPDecodingError) {
        var scopes: [ScopeSpans] = []
        scopes.reserveCapacity(wire.scopeSpans.count)
        for (index, scope) in wire.scopeSpans.enumerated() {
            scopes.append(try at("scopeSpans[\(index)]") { () throws(OTLPDecodingError) in try ScopeSpans(wire: scope) })
        }
        self.init(
            resource: try at("resource") { () throws(OTLPDecodingError) in try Resource(wire: wire.resource) },
            scopeSpans: scopes,
            schemaURL: wire.schemaURL
        )
    }

    var wire: PBResourceSpans {
        var group = PBResourceSpans()
        group.resource = resource.wire
        group.scopeSpans = scopeSpans.map(\.wire)
        group.schemaURL = schemaURL
        return group
    }
}

extension ScopeSpans {
    init(wire: PBScopeSpans) throws(OTLPDecodingError) {
        var spans: [Span] = []
        spans.reserveCapacity(wire.spans.count)
        for (index, span) in wire.spans.enumerated() {
            spans.append(try at("spans[\(index)]") { () throws(OTLPDecodingError) in try Span(wire: span) })
        }
        self.init(
            scope: try at("scope") { () throws(OTLPDecodingError) in try InstrumentationScope(wire: wire.scope) },
            spans: spans,
            schemaURL: wire.schemaURL
        )
    }

    var wire: PBScopeSpans {
        var group = PBScopeSpans()
        group.scope = scope.wire
        group.spans = spans.map(\.wire)
        group.schemaURL = schemaURL
        return group
    }
}

extension Span {
    init(wire: PBSpan) throws(OTLPDecodingError) {
        var events: [SpanEvent] = []
        events.reserveCapacity(wire.events.count)
        for (index, event) in wire.events.enumerated() {
            events.append(
                try at("events[\(index)]") { () throws(OTLPDecodingError) in
                    SpanEvent(
                        name: event.name,
                        timeUnixNano: event.timeUnixNano,
                        attributes: try at("attributes") { () throws(OTLPDecodingError) in try Attributes(wire: event.attributes) },
                        droppedAttributesCount: event.droppedAttributesCount
                    )
                }
            )
        }
        var links: [SpanLink] = []
        links.reserveCapacity(wire.links.count)
        for (index, link) in wire.links.enumerated() {
            links.append(
                try at("links[\(index)]") { () throws(OTLPDecodingError) in
                    SpanLink(
                        traceID: try TraceID(wire: link.traceID, field: "traceId"),
                        spanID: try SpanID(wire: link.spanID, field: "spanId"),
                        traceState: link.traceState,
                        attributes: try at("attributes") { () throws(OTLPDecodingError) in try Attributes(wire: link.attributes) },
                        droppedAttributesCount: link.droppedAttributesCount,
                        flags: SpanFlags(rawValue: link.flags)
                    )
                }
            )
        }
        self.init(
            traceID: try TraceID(wire: wire.traceID, field: "traceId"),
            spanID: try SpanID(wire: wire.spanID, field: "spanId"),
            traceState: wire.traceState,
            parentSpanID: try SpanID.optional(wire: wire.parentSpanID, field: "parentSpanId"),
            flags: SpanFlags(rawValue: wire.flags),
            name: wire.name,
            kind: try knownEnum(wire.kind.rawValue, as: SpanKind.self, name: "SpanKind", field: "kind"),
            startTimeUnixNano: wire.startTimeUnixNano,
            endTimeUnixNano: wire.endTimeUnixNano,
            attributes: try at("attributes") { () throws(OTLPDecodingError) in try Attributes(wire: wire.attributes) },
            droppedAttributesCount: wire.droppedAttributesCount,
            events: events,
            droppedEventsCount: wire.droppedEventsCount,
            links: links,
            droppedLinksCount: wire.droppedLinksCount,
            status: SpanStatus(
                code: try knownEnum(wire.status.code.rawValue, as: SpanStatus.Code.self, name: "StatusCode", field: "status.code"),
                message: wire.status.message
            )
        )
    }

    var wire: PBSpan {
        var span = PBSpan()
        span.traceID = traceID.wire
        span.spanID = spanID.wire
        span.traceState = traceState
        if let parentSpanID { span.parentSpanID = parentSpanID.wire }
        span.flags = flags.rawValue
        span.name = name
        span.kind = PBSpan.SpanKind(rawValue: Int(kind.rawValue)) ?? .unspecified
        span.startTimeUnixNano = startTimeUnixNano
        span.endTimeUnixNano = endTimeUnixNano
        span.attributes = attributes.wire
        span.droppedAttributesCount = droppedAttributesCount
        span.events = events.map { event in
            var wire = PBSpan.Event()
            wire.timeUnixNano = event.timeUnixNano
            wire.name = event.name
            wire.attributes = event.attributes.wire
            wire.droppedAttributesCount = event.droppedAttributesCount
            return wire
        }
        span.droppedEventsCount = droppedEventsCount
        span.links = links.map { link in
            var wire = PBSpan.Link()
            wire.traceID = link.traceID.wire
            wire.spanID = link.spanID.wire
            wire.traceState = link.traceState
            wire.attributes = link.attributes.wire
            wire.droppedAttributesCount = link.droppedAttributesCount
            wire.flags = link.flags.rawValue
            return wire
        }
        span.droppedLinksCount = droppedLinksCount
        // Written even when unset, as the reference SDKs do.
        span.status = .with {
            $0.code = PBStatus.StatusCode(rawValue: Int(status.code.rawValue)) ?? .unset
            $0.message = status.message
        }
        return span
    }
}
