import ExporterConformance
import Logging
import OTel
import ServiceLifecycle
import Testing
import Tracing

/// swift-otel's trace exporter run in this process through the conformance battery, configured
/// from the case's settings in code rather than through the environment.
@Suite("swift-otel in-process through the exporter battery")
struct InProcessExporterConformanceTests {
    static func swiftOTel(_ transport: OTLPTransport) -> ExporterUnderTest {
        .inProcess("swift-otel in-process", transport: transport) { settings in
            var configuration = OTel.Configuration.default
            configuration.serviceName = "exporter-probe"
            configuration.diagnosticLogLevel = .error
            configuration.metrics.enabled = false
            configuration.logs.enabled = false
            // Set in code, the endpoint is used as written: OTLP/HTTP needs the signal's path.
            configuration.traces.otlpExporter.endpoint = transport == .grpc ? settings.endpoint : settings.endpoint + "/v1/traces"
            configuration.traces.otlpExporter.protocol =
                switch transport {
                case .grpc: .grpc
                case .httpProtobuf: .httpProtobuf
                case .httpJSON: .httpJSON
                }
            if settings.environment["OTEL_EXPORTER_OTLP_COMPRESSION"] == "gzip" { configuration.traces.otlpExporter.compression = .gzip }
            configuration.traces.batchSpanProcessor.scheduleDelay = .milliseconds(200)
            let (tracer, service) = try OTel.makeTracingBackend(configuration: configuration)
            let group = ServiceGroup(services: [service], logger: Logger(label: "exporter-probe", factory: { _ in SwiftLogNoOpLogHandler() }))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                for index in 0..<settings.spans {
                    tracer.withSpan("probe-span-\(index)") { span in span.attributes["probe.index"] = index }
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }

    @Test("in-process swift-otel sends every span to /v1/traces, retries 503, and ignores gzip over HTTP")
    func battery() async throws {
        let cases = ExporterCases.all.filter { ["export-path", "retry-503", "gzip"].contains($0.id) }
        let matrix = await ExporterConformance(cases: cases).run([Self.swiftOTel(.httpProtobuf)])
        let column = "swift-otel in-process http/protobuf"
        #expect(
            matrix.verdict(for: "export-path", on: column) == .pass("/v1/traces, application/x-protobuf, 10 spans in 1 request"),
            "\(matrix.text)"
        )
        guard case .pass = matrix.verdict(for: "retry-503", on: column) else {
            Issue.record("\(matrix.text)")
            return
        }
        #expect(matrix.verdict(for: "gzip", on: column).isFailure, "\(matrix.text)")
    }
}
