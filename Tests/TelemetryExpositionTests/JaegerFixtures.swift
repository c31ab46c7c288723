import Foundation
import TelemetryModel

/// A three-span checkout trace: a server root, an internal child with an event, and a failing
/// client child with a link to another trace.
enum JaegerFixtures {
    static let traceID = TraceID(hex: "0102030405060708090a0b0c0d0e0f10")!
    static let linkedTraceID = TraceID(hex: "ffeeddccbbaa99887766554433221100")!
    static let start: UInt64 = 1_700_000_000_000_000_000
    static let resource = Resource(attributes: [
        "service.name": "frontend", "telemetry.sdk.language": "swift", "host.name": "web-1",
    ])
    static let scope = InstrumentationScope(name: "frontend-tracer", version: "0.1")

    static let spans: [Span] = [
        Span(
            traceID: traceID,
            spanID: SpanID(0x1111_1111_1111_1111),
            flags: .sampled,
            name: "GET /checkout",
            kind: .server,
            startTimeUnixNano: start,
            endTimeUnixNano: start + 25_500_000,
            attributes: [
                "http.method": "GET", "http.status_code": 200, "retry": false, "ratio": 0.75,
                "payload": .bytes(Data([0xDE, 0xAD])), "big": 9_007_199_254_740_993,
            ],
            status: .ok
        ),
        Span(
            traceID: traceID,
            spanID: SpanID(0x2222_2222_2222_2222),
            parentSpanID: SpanID(0x1111_1111_1111_1111),
            name: "load cart",
            kind: .internal,
            startTimeUnixNano: start + 1_000_000,
            endTimeUnixNano: start + 11_000_000,
            events: [SpanEvent(name: "cache miss", timeUnixNano: start + 2_000_000, attributes: ["cache.key": "cart:42"])]
        ),
        Span(
            traceID: traceID,
            spanID: SpanID(0x3333_3333_3333_3333),
            parentSpanID: SpanID(0x1111_1111_1111_1111),
            name: "charge",
            kind: .client,
            startTimeUnixNano: start + 12_000_000,
            endTimeUnixNano: start + 20_000_000,
            links: [SpanLink(traceID: linkedTraceID, spanID: SpanID(0x4444_4444_4444_4444))],
            status: .error("card declined")
        ),
    ]

    static let traces = TracesData(resourceSpans: [
        ResourceSpans(resource: resource, scopeSpans: [ScopeSpans(scope: scope, spans: spans)])
    ])

    /// The trace as Jaeger's classic API writes it.
    static let traceJSON =
        #"{"traceID":"0102030405060708090a0b0c0d0e0f10","spans":["#
        + #"{"traceID":"0102030405060708090a0b0c0d0e0f10","spanID":"1111111111111111","flags":1,"operationName":"GET /checkout","#
        + #""references":[],"startTime":1700000000000000,"duration":25500,"tags":["#
        + #"{"key":"big","type":"int64","value":"9007199254740993"},"#
        + #"{"key":"http.method","type":"string","value":"GET"},"#
        + #"{"key":"http.status_code","type":"int64","value":200},"#
        + #"{"key":"otel.scope.name","type":"string","value":"frontend-tracer"},"#
        + #"{"key":"otel.scope.version","type":"string","value":"0.1"},"#
        + #"{"key":"otel.status_code","type":"string","value":"OK"},"#
        + #"{"key":"payload","type":"binary","value":"3q0="},"#
        + #"{"key":"ratio","type":"float64","value":0.75},"#
        + #"{"key":"retry","type":"bool","value":false},"#
        + #"{"key":"span.kind","type":"string","value":"server"}],"#
        + #""logs":[],"processID":"p1","warnings":null},"#
        + #"{"traceID":"0102030405060708090a0b0c0d0e0f10","spanID":"2222222222222222","operationName":"load cart","#
        + #""references":[{"refType":"CHILD_OF","traceID":"0102030405060708090a0b0c0d0e0f10","spanID":"1111111111111111"}],"#
        + #""startTime":1700000000001000,"duration":10000,"tags":["#
        + #"{"key":"otel.scope.name","type":"string","value":"frontend-tracer"},"#
        + #"{"key":"otel.scope.version","type":"string","value":"0.1"},"#
        + #"{"key":"span.kind","type":"string","value":"internal"}],"#
        + #""logs":[{"timestamp":1700000000002000,"fields":[{"key":"event","type":"string","value":"cache miss"},"#
        + #"{"key":"cache.key","type":"string","value":"cart:42"}]}],"processID":"p1","warnings":null},"#
        + #"{"traceID":"0102030405060708090a0b0c0d0e0f10","spanID":"3333333333333333","operationName":"charge","#
        + #""references":[{"refType":"CHILD_OF","traceID":"0102030405060708090a0b0c0d0e0f10","spanID":"1111111111111111"},"#
        + #"{"refType":"FOLLOWS_FROM","traceID":"ffeeddccbbaa99887766554433221100","spanID":"4444444444444444"}],"#
        + #""startTime":1700000000012000,"duration":8000,"tags":["#
        + #"{"key":"error","type":"bool","value":true},"#
        + #"{"key":"otel.scope.name","type":"string","value":"frontend-tracer"},"#
        + #"{"key":"otel.scope.version","type":"string","value":"0.1"},"#
        + #"{"key":"otel.status_code","type":"string","value":"ERROR"},"#
        + #"{"key":"otel.status_description","type":"string","value":"card declined"},"#
        + #"{"key":"span.kind","type":"string","value":"client"}],"#
        + #""logs":[],"processID":"p1","warnings":null}],"#
        + #""processes":{"p1":{"serviceName":"frontend","tags":["#
        + #"{"key":"host.name","type":"string","value":"web-1"},"#
        + #"{"key":"telemetry.sdk.language","type":"string","value":"swift"}]}},"#
        + #""warnings":null}"#
}
