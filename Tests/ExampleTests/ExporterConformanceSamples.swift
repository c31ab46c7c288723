// The Swift sample of the ExporterConformance documentation
// (Sources/ExporterConformance/ExporterConformance.docc), compiled and run as a test.

import ExporterConformance
import Logging
import OTel
import ServiceLifecycle
import TelemetryTesting
import Tracing

/// Emits `count` spans through swift-otel's OTLP/HTTP protobuf trace exporter, sending to
/// `endpoint`, and shuts it down, which flushes it.
func exportSpans(_ count: Int, to endpoint: String) async throws {
    var configuration = OTel.Configuration.default
    configuration.serviceName = "exporter-sample"
    configuration.diagnosticLogLevel = .error
    configuration.metrics.enabled = false
    configuration.logs.enabled = false
    configuration.traces.otlpExporter.protocol = .httpProtobuf
    configuration.traces.otlpExporter.endpoint = endpoint
    let (tracer, service) = try OTel.makeTracingBackend(configuration: configuration)
    let group = ServiceGroup(services: [service], logger: Logger(label: "otel", factory: { _ in SwiftLogNoOpLogHandler() }))
    let running = Task { try await group.run() }
    for index in 0..<count {
        tracer.withSpan("span-\(index)") { span in span.attributes["index"] = index }
    }
    await group.triggerGracefulShutdown()
    try await running.value
}

@Suite("Documentation samples: ExporterConformance")
struct ExporterConformanceSamples {
    @Test("swift-otel in-process through two cases of the battery")
    func inProcess() async throws {
        let exporter = ExporterUnderTest.inProcess("swift-otel", transport: .httpProtobuf) { settings in
            // Configure the exporter from settings.endpoint, settings.transport and
            // settings.environment; emit settings.spans spans; shut it down (which flushes).
            try await exportSpans(settings.spans, to: settings.endpoint + "/v1/traces")
        }
        let cases = ExporterCases.all.filter { ["export-path", "user-agent"].contains($0.id) }
        let matrix = await ExporterConformance(cases: cases).run([exporter])
        #expect(!matrix.hasFailures, "\(matrix.text)")  // also matrix.markdown, matrix.json
    }
}
