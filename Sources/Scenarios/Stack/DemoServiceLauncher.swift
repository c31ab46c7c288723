public import Foundation
public import HarnessSupport

/// Starts the demo service (the `DemoService` executable) as a child process on 127.0.0.1.
public struct DemoServiceLauncher: Sendable {
    /// The `DemoService` executable.
    public var executable: URL
    /// The environment every launch gets on top of this process's (minus any `OTEL_*`).
    public var environment: [String: String]
    /// How long a launch may take until the service listens.
    public var startTimeout: Duration = .seconds(60)

    /// A launcher of `executable` with `environment`.
    public init(executable: URL, environment: [String: String] = [:]) {
        self.executable = executable
        self.environment = environment
    }

    /// The `DemoService` next to the running executable (the same build folder), the usual
    /// place when `otel-harness` runs from `.build/<configuration>/`.
    public static func besideCurrentExecutable() -> URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("DemoService")
    }

    /// Starts a demo service exporting to the collector at `collectorOTLP`, with `overrides`
    /// on top of the launcher's environment, and returns once it listens.
    public func launch(collectorOTLP: String, overrides: [String: String] = [:]) async throws -> ServiceProcess {
        var variables = [
            "OTEL_EXPORTER_OTLP_ENDPOINT": collectorOTLP,
            "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc",
            "OTEL_SERVICE_NAME": "demo-service",
            // Short export intervals, so that scenarios see telemetry within a second.
            "OTEL_BSP_SCHEDULE_DELAY": "200",
            "OTEL_BLRP_SCHEDULE_DELAY": "200",
            "OTEL_METRIC_EXPORT_INTERVAL": "500",
            "DEMO_SHUTDOWN_TIMEOUT": "3",
        ]
        variables.merge(environment) { $1 }
        variables.merge(overrides) { $1 }
        do {
            return try await ServiceProcess.start(
                executable: executable,
                arguments: ["--host", "127.0.0.1", "--port", "0", "--port-file", "{port-file}"],
                environment: variables,
                readiness: .portFile,
                within: startTimeout
            )
        } catch let failure as ServiceProcess.Failure where !FileManager.default.isExecutableFile(atPath: executable.path) {
            throw ServiceProcess.Failure(description: "\(failure.description): build it with `swift build --product DemoService`")
        }
    }
}
