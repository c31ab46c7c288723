import Foundation
import OTLPReceiver
import OTLPWire
import TelemetryModel
import TelemetryTesting
import Testing

/// The real Python OpenTelemetry SDK exporters (PyPI, in the project's venv) send to the
/// receiver, and the tests assert exactly what arrived.
@Suite("Python SDK exporters against the receiver")
struct PythonInteroperabilityTests {
    /// Each transport with the compressions its exporters offer (grpcio's deflate is the zlib format).
    static let transports: [(name: String, compression: String?)] = [
        ("http/protobuf", nil), ("http/protobuf", "gzip"), ("grpc", nil), ("grpc", "gzip"), ("grpc", "deflate"),
    ]

    @Test("traces, metrics and logs arrive intact", arguments: 0..<5)
    func intact(case index: Int) async throws {
        let (transport, compression) = Self.transports[index]
        try await withOTLPReceiver { receiver in
            let endpoint = transport == "grpc" ? receiver.grpcEndpoint : receiver.httpEndpoint
            try await PythonExporter.send(endpoint: endpoint, protocol: transport, compression: compression)

            let root = await receiver.expectTrace(timeout: .seconds(30)) {
                ExpectedSpan(
                    "GET /checkout",
                    kind: .server,
                    attributes: [
                        "http.request.method": "GET", "http.route": "/checkout", "http.response.status_code": 200,
                    ]
                ) {
                    ExpectedSpan("load cart", kind: .internal, attributes: ["cart.items": 3])
                    ExpectedSpan("charge card", kind: .internal, status: .error)
                }
            }
            let telemetry = try await receiver.wait(for: "metrics and logs", timeout: .seconds(30)) {
                $0.total(of: "checkout.requests") != nil && !$0.logRecords.isEmpty ? $0 : nil
            }
            #expect(telemetry.traces.resourceSpans.first?.resource.serviceName == "python-checkout")
            #expect(telemetry.span(.named("charge card"))?.status == .error("card declined"))
            #expect(telemetry.total(of: "checkout.requests", where: ["route": "/checkout"]) == 2)
            #expect(telemetry.metrics(named: "checkout.requests").first?.unit == "{request}")
            let duration = try #require(telemetry.histogram("checkout.duration"))
            #expect(duration.count == 1 && duration.sum == 0.25)
            let log = try #require(telemetry.logRecords.first)
            #expect(log.body == "card declined" && log.severityNumber == .warn && log.severityText == "WARNING")
            #expect(log.attributes["payment.provider"] == "acme")
            #expect(log.traceID == root?.traceID)
            #expect(log.spanID == telemetry.span(.named("charge card"))?.spanID)

            let requests = receiver.requests
            #expect(Set(requests.map(\.signal)) == [.traces, .metrics, .logs])
            #expect(requests.allSatisfy { $0.outcome == .accepted && $0.encoding == .protobuf })
            #expect(requests.allSatisfy { $0.transport == (transport == "grpc" ? .grpc : .http1) })
            if transport == "grpc" {
                #expect(requests.allSatisfy { $0.path.hasPrefix("/opentelemetry.proto.collector.") && $0.path.hasSuffix("/Export") })
                #expect(requests.allSatisfy { $0.userAgent?.contains("grpc-python") == true })
                // grpcio names the compression in grpc-encoding; its messages arrive compressed
                // and are inflated by the receiver.
                #expect(requests.allSatisfy { $0.contentEncoding == compression })
                if compression != nil {
                    #expect(
                        requests.allSatisfy { ($0.decompressedSize ?? 0) > $0.bodySize },
                        "\(requests.map { ($0.bodySize, $0.decompressedSize) })"
                    )
                }
            } else {
                #expect(Set(requests.map(\.path)) == ["/v1/traces", "/v1/metrics", "/v1/logs"])
                #expect(requests.allSatisfy { $0.userAgent == "OTel-OTLP-Exporter-Python/1.45.1" })
                #expect(requests.allSatisfy { $0.contentEncoding == compression })
                if compression != nil {
                    #expect(requests.allSatisfy { ($0.decompressedSize ?? 0) > $0.bodySize })
                }
            }
        }
    }

    @Test("two clients sharing a receiver each see only their own session")
    func sessions() async throws {
        try await withOTLPReceiver { receiver in
            async let first: Void = PythonExporter.send(endpoint: receiver.httpEndpoint, protocol: "http/protobuf", session: "first")
            async let second: Void = PythonExporter.send(
                endpoint: receiver.grpcEndpoint,
                protocol: "grpc",
                headers: ["x-otel-harness-session": "second"]
            )
            _ = try await (first, second)

            let firstSession = receiver.session("first")
            let secondSession = receiver.session("second")
            try await firstSession.waitForSpans(count: 3, timeout: .seconds(30))
            try await secondSession.waitForSpans(count: 3, timeout: .seconds(30))
            #expect(firstSession.spans.count == 3)
            #expect(secondSession.spans.count == 3)
            #expect(Set(firstSession.spans.map(\.traceID)).isDisjoint(with: secondSession.spans.map(\.traceID)))
            #expect(firstSession.requests.allSatisfy { $0.transport == .http1 })
            #expect(secondSession.requests.allSatisfy { $0.transport == .grpc })
            #expect(receiver.spans.count == 6)
        }
    }
}
