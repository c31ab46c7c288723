import Foundation
public import TelemetryModel

/// A request shaped like what an instrumented HTTP service exports.
public enum RealisticRequest {
    /// `spanCount` HTTP server and internal spans (8 per trace) with `attributesPerSpan` attributes,
    /// of `service`, with trace ids from `firstTrace` on.
    public static func traces(spanCount: Int, attributesPerSpan: Int, service: String = "checkout", firstTrace: UInt64 = 0) -> TracesData {
        var spans: [Span] = []
        let base: UInt64 = 1_767_225_600_000_000_000
        for index in 0..<spanCount {
            let trace = TraceID(high: 0x0AF7_6519_16CD_43DD, low: firstTrace + UInt64(index / 8))
            var attributes: Attributes = [
                "http.request.method": "GET",
                "url.path": .string("/api/v1/users/\(index)"),
                "url.scheme": "https",
                "http.route": "/api/v1/users/{id}",
                "http.response.status_code": 200,
                "server.address": "api.example.com",
                "server.port": 8443,
                "network.protocol.version": "1.1",
                "user_agent.original": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36",
                "client.address": "10.0.0.42",
            ]
            attributes.pairs = Array(attributes.pairs.prefix(attributesPerSpan))
            spans.append(
                Span(
                    traceID: trace,
                    spanID: SpanID(UInt64(index) &* 0x9E37_79B9_7F4A_7C15 | 1),
                    parentSpanID: index % 8 == 0 ? nil : SpanID(UInt64(index - index % 8) &* 0x9E37_79B9_7F4A_7C15 | 1),
                    flags: [.sampled],
                    name: "GET /api/v1/users/{id}",
                    kind: index % 8 == 0 ? .server : .internal,
                    startTimeUnixNano: base + UInt64(index) * 1_000_000,
                    endTimeUnixNano: base + UInt64(index) * 1_000_000 + 250_000,
                    attributes: attributes,
                    status: .unset
                )
            )
        }
        return TracesData(resourceSpans: [
            ResourceSpans(
                resource: Resource(attributes: [
                    "service.name": .string(service), "service.version": "1.4.2", "service.instance.id": "c0ffee-1",
                    "telemetry.sdk.name": "opentelemetry", "telemetry.sdk.language": "swift",
                ]),
                scopeSpans: [ScopeSpans(scope: InstrumentationScope(name: "swift-otel", version: "1.6.0"), spans: spans)]
            )
        ])
    }
}
