import Foundation
import Logging
import OTel
import ServiceLifecycle
import Tracing

/// `otel-exporter-probe --spans N`: swift-otel's OTLP trace exporter under test, for the
/// exporter conformance battery (`otel-harness conformance exporter`).
///
/// Every setting comes from the standard environment variables, as a user would configure
/// swift-otel: `OTEL_EXPORTER_OTLP_[TRACES_]{ENDPOINT,PROTOCOL,HEADERS,COMPRESSION,TIMEOUT}` and
/// `OTEL_BSP_*`. The probe emits N spans, then shuts the tracing backend down gracefully (in
/// swift-otel 1.6.0 that is the flush: `forceFlush()` cannot be awaited), and prints one line of
/// JSON: `{"sdk":"swift-otel","protocol":…,"shutdown_seconds":…}` (the swift-otel version is
/// whatever the package resolved; the library does not report it).
/// It exits 0 also when exporting failed (the harness judges from what the receiver saw), 2 for
/// bad arguments or a configuration swift-otel refuses.
@main
enum ExporterProbe {
    static func main() async {
        let arguments = CommandLine.arguments.dropFirst()
        guard arguments.count == 2, arguments.first == "--spans", let spans = Int(arguments.last!), spans >= 0 else {
            FileHandle.standardError.write(Data("usage: otel-exporter-probe --spans N\n".utf8))
            exit(2)
        }
        var configuration = OTel.Configuration.default
        configuration.serviceName = "exporter-probe"
        configuration.diagnosticLogLevel = .error
        configuration.metrics.enabled = false
        configuration.logs.enabled = false
        let tracer: any Tracer
        let service: any Service
        do {
            // The environment's OTEL_* variables override the configuration here.
            (tracer, service) = try OTel.makeTracingBackend(configuration: configuration)
        } catch {
            FileHandle.standardError.write(Data("otel-exporter-probe: swift-otel refuses the configuration: \(error)\n".utf8))
            exit(2)
        }
        let group = ServiceGroup(services: [service], logger: Logger(label: "exporter-probe", factory: { _ in SwiftLogNoOpLogHandler() }))
        let running = Task { try await group.run() }
        for index in 0..<spans {
            tracer.withSpan("probe-span-\(index)") { span in span.attributes["probe.index"] = index }
        }
        let clock = ContinuousClock()
        let start = clock.now
        await group.triggerGracefulShutdown()
        try? await running.value
        let seconds = (clock.now - start) / .seconds(1)
        let protocolName =
            ProcessInfo.processInfo.environment["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"]
            ?? ProcessInfo.processInfo.environment["OTEL_EXPORTER_OTLP_PROTOCOL"] ?? "http/protobuf"
        print(#"{"sdk":"swift-otel","protocol":"\#(protocolName)","shutdown_seconds":\#((seconds * 1e6).rounded() / 1e6)}"#)
    }
}
