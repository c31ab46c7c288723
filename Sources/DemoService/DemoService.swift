// The system under test of the integration scenarios and the overhead gate: a Hummingbird
// service instrumented with swift-otel (traces, metrics, logs), configured through the
// standard OTEL_* environment variables.
//
//   DemoService [--host H] [--port P] [--port-file F]
//
// Environment:
//   OTEL_* (swift-otel 1.6.0's: OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL,
//     OTEL_SERVICE_NAME, OTEL_SDK_DISABLED=true for no instrumentation, …)
//   DEMO_SHUTDOWN_TIMEOUT  seconds the graceful shutdown may take before the process exits
//     anyway (default 5): swift-otel's gRPC exporter never finishes shutting down against a
//     collector that accepts connections and never answers. 0 switches the deadline off (a
//     service without one, for the resilience scenario to catch).
//   DEMO_STAGE_WORK        iterations of CPU work per pipeline stage and input byte (default 200)
//   DEMO_EXTRA_WORK_PERCENT  busy-spin this percentage of each request's service time (default
//     0): a known slowdown, for calibrating the overhead gate
//   DEMO_COLLECTOR_DEPENDENCY_URL  a URL every pipeline request checks first, failing with 503
//     when it does not answer: a service that does not cope without its collector, for the
//     resilience scenario to catch (unset by default)
//   DEMO_DOWNSTREAM_URL    the base URL of another demo service that does the generate stage
//     (POST /v1/generate), called with the trace context propagated (unset by default: one
//     process, as the overhead gate measures it)

import Foundation
import Hummingbird
import Logging
import OTel
import ServiceLifecycle

@main
struct DemoService {
    static func main() async throws {
        let options = try Options.parse(CommandLine.arguments.dropFirst())
        let environment = ProcessInfo.processInfo.environment
        let shutdownTimeout = Double(environment["DEMO_SHUTDOWN_TIMEOUT"] ?? "") ?? 5
        let stageWork = Int(environment["DEMO_STAGE_WORK"] ?? "") ?? 200

        var configuration = OTel.Configuration.default
        configuration.serviceName = "demo-service"
        configuration.diagnosticLogLevel = .error
        let observability = try OTel.bootstrap(configuration: configuration)

        let logger = Logger(label: "demo-service")
        let router = PipelineRouter.make(
            stageWork: stageWork,
            collectorDependency: environment["DEMO_COLLECTOR_DEPENDENCY_URL"].flatMap { $0.isEmpty ? nil : $0 },
            extraWorkPercent: Double(environment["DEMO_EXTRA_WORK_PERCENT"] ?? "") ?? 0,
            downstream: environment["DEMO_DOWNSTREAM_URL"].flatMap { $0.isEmpty ? nil : $0 }
        )
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "demo-service"),
            onServerRunning: { channel in
                guard let port = channel.localAddress?.port else { return }
                logger.info("listening", metadata: ["port": "\(port)"])
                if let portFile = options.portFile {
                    try? Data(#"{"http":\#(port)}"#.utf8).write(to: URL(fileURLWithPath: portFile), options: .atomic)
                }
            },
            logger: logger
        )

        let group = ServiceGroup(
            services: [observability, application],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        // The deadline on shutdown: once a signal starts the graceful shutdown, the process
        // ends within DEMO_SHUTDOWN_TIMEOUT whether or not telemetry could be flushed.
        if shutdownTimeout > 0 { ShutdownDeadline.arm(after: shutdownTimeout, logger: logger) }
        try await group.run()
    }
}

/// Command-line options.
struct Options {
    var host = "127.0.0.1"
    var port = 8080
    var portFile: String?

    static func parse(_ arguments: ArraySlice<String>) throws -> Options {
        var options = Options()
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--host": options.host = try value(of: argument, iterator.next())
            case "--port":
                let text = try value(of: argument, iterator.next())
                guard let port = Int(text), (0...65535).contains(port) else { throw UsageError("--port takes 0…65535, not \(text)") }
                options.port = port
            case "--port-file": options.portFile = try value(of: argument, iterator.next())
            default: throw UsageError("unknown option \(argument); usage: DemoService [--host H] [--port P] [--port-file F]")
            }
        }
        return options
    }

    private static func value(of option: String, _ value: String?) throws -> String {
        guard let value else { throw UsageError("\(option) needs a value") }
        return value
    }
}

struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
