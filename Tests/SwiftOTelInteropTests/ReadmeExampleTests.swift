// README's "Receive OTLP in tests" example, verbatim, so that it keeps compiling and passing.

import Logging
import Metrics
import OTLPReceiver
import OTel
import ServiceLifecycle
import TelemetryTesting
import Testing
import Tracing

@Test func checkoutReachesTheCollector() async throws {
    try await withOTLPReceiver { receiver in  // stopped afterwards, also on failure
        var configuration = OTel.Configuration.default
        configuration.serviceName = "swift-checkout"
        configuration.traces.otlpExporter.protocol = .httpProtobuf
        configuration.traces.otlpExporter.endpoint = receiver.httpEndpoint + "/v1/traces"
        let (tracer, service) = try OTel.makeTracingBackend(configuration: configuration)
        let group = ServiceGroup(services: [service], logger: Logger(label: "otel"))
        let running = Task { try await group.run() }

        tracer.withSpan("GET /checkout", ofKind: .server) { span in
            span.attributes["http.response.status_code"] = 200
            tracer.withSpan("charge card") { $0.setStatus(.init(code: .error)) }
        }
        await group.triggerGracefulShutdown()  // flushes the exporter
        try await running.value

        await receiver.expectTrace {
            ExpectedSpan("GET /checkout", kind: .server, attributes: ["http.response.status_code": 200]) {
                ExpectedSpan("charge card", status: .error)
            }
        }
        #expect(receiver.requests.allSatisfy { $0.userAgent == "OTel-OTLP-Exporter-Swift/1.0.0" })
    }
}
