import AsyncHTTPClient
public import Foundation
import HarnessSupport

/// The `compose` driver (`STACK=compose`): the real stack of `compose/docker-compose.yml`
/// (collector-contrib, Prometheus 3, Jaeger 2, Grafana 12) under a project name of its own,
/// with the demo service on the host exporting to the collector's published OTLP port.
///
/// `docker compose up --wait` waits for every healthcheck; `down -v` removes the containers and
/// volumes at the end, also when a scenario failed. Without a Docker engine every scenario is
/// skipped with the reason.
public struct ComposeStackDriver: StackDriver {
    public var name: String { "compose" }

    /// The compose file.
    public var composeFile: URL
    /// How the demo service is started.
    public var demoService: DemoServiceLauncher
    /// How long `up --wait` may take (image pulls included).
    public var upTimeout: Duration = .seconds(600)

    /// A driver for `composeFile`, starting the demo service with `demoService`.
    public init(composeFile: URL, demoService: DemoServiceLauncher) {
        self.composeFile = composeFile
        self.demoService = demoService
    }

    public func start() async throws -> any RunningStack {
        let engine = await CommandRunner.run(["docker", "info", "--format", "{{.ServerVersion}}"], timeout: .seconds(20))
        guard engine.succeeded else {
            let why = engine.output.trimmingCharacters(in: .whitespacesAndNewlines)
            throw ScenarioSkipped(
                "no Docker engine answers (`docker info`: \(why.split(separator: "\n").first ?? "")); the compose driver needs one, the local driver (the default) does not"
            )
        }
        guard FileManager.default.fileExists(atPath: composeFile.path) else {
            throw ScenarioFailure("no compose file at \(composeFile.path)")
        }
        // The collector's published ports are chosen here and kept, so that they survive the
        // collector's stop and start in the resilience scenario (Docker would pick new ones).
        let ports = [
            "OTEL_HARNESS_COLLECTOR_GRPC_PORT": try FreeLocalPort.pick(),
            "OTEL_HARNESS_COLLECTOR_HEALTH_PORT": try FreeLocalPort.pick(),
        ]
        let compose = Compose(
            project: "otel-harness-\(String(UInt32.random(in: 0 ... .max), radix: 16))",
            file: composeFile,
            environment: ports.mapValues(String.init)
        )
        let waitTimeout = max(30, Int(upTimeout.components.seconds) - 30)
        let up = await compose.run(["up", "--detach", "--wait", "--wait-timeout", String(waitTimeout), "--quiet-pull"], timeout: upTimeout)
        guard up.succeeded else {
            let logs = await compose.logs()
            await compose.down()
            throw ScenarioFailure("`docker compose up --wait` failed:\n\(up.output.suffix(4000))", lastObservation: String(logs.suffix(8000)))
        }
        do {
            let endpoints = try await (
                grpc: compose.published("otel-collector", 4317), health: compose.published("otel-collector", 13133),
                prometheus: compose.published("prometheus", 9090), jaeger: compose.published("jaeger", 16686),
                grafana: compose.published("grafana", 3000)
            )
            let collectorOTLP = "http://\(endpoints.grpc)"
            let service = try await demoService.launch(collectorOTLP: collectorOTLP)
            return ComposeStack(
                compose: compose,
                demoService: service,
                launcher: demoService,
                endpoints: StackEndpoints(
                    collectorHealth: "http://\(endpoints.health)/",
                    collectorOTLP: collectorOTLP,
                    prometheus: "http://\(endpoints.prometheus)",
                    traceQuery: "http://\(endpoints.jaeger)",
                    grafana: "http://\(endpoints.grafana)",
                    demoService: service.url
                )
            )
        } catch {
            await compose.down()
            throw error
        }
    }
}

/// `docker compose` for one project.
struct Compose: Sendable {
    var project: String
    var file: URL
    var environment: [String: String]

    func run(_ arguments: [String], timeout: Duration = .seconds(120)) async -> CommandRunner.Result {
        await CommandRunner.run(command + arguments, environment: environment, timeout: timeout)
    }

    /// The host address (`127.0.0.1:N`) a service's container port is published on.
    func published(_ service: String, _ port: Int) async throws -> String {
        let result = await run(["port", service, String(port)])
        let address = result.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last.map(String.init) ?? ""
        guard result.succeeded, address.contains(":") else {
            throw ScenarioFailure("`docker compose port \(service) \(port)` gave no address: \(result.output)")
        }
        return address.replacingOccurrences(of: "0.0.0.0:", with: "127.0.0.1:")
    }

    func logs(_ service: String? = nil) async -> String {
        let result = await CommandRunner.run(
            command + ["logs", "--no-color", "--timestamps"] + (service.map { [$0] } ?? []),
            environment: environment,
            timeout: .seconds(60),
            cancellable: false
        )
        return result.output
    }

    /// `down -v`, which runs to its end even when the run was cancelled; a failure is printed,
    /// since it may leave containers behind.
    func down() async {
        let result = await CommandRunner.run(
            command + ["down", "--volumes", "--remove-orphans", "--timeout", "10"],
            environment: environment,
            timeout: .seconds(180),
            cancellable: false
        )
        if !result.succeeded {
            FileHandle.standardError.write(
                Data("`docker compose --project-name \(project) down -v` failed; remove the project's containers by hand:\n\(result.output)\n".utf8)
            )
        }
    }

    private var command: [String] { ["docker", "compose", "--project-name", project, "--file", file.path] }
}

/// A stack of the compose driver.
final class ComposeStack: RunningStack, @unchecked Sendable {
    let driverName = "compose"
    let endpoints: StackEndpoints
    let demoServiceLauncher: DemoServiceLauncher
    private let compose: Compose
    private let demoService: ServiceProcess
    static let services = ["otel-collector", "collector-health", "prometheus", "jaeger", "grafana"]

    init(compose: Compose, demoService: ServiceProcess, launcher: DemoServiceLauncher, endpoints: StackEndpoints) {
        self.compose = compose
        self.demoService = demoService
        self.demoServiceLauncher = launcher
        self.endpoints = endpoints
    }

    var demoServiceEnvironment: [String: String] { ["OTEL_EXPORTER_OTLP_ENDPOINT": endpoints.collectorOTLP] }

    func setCollector(_ condition: CollectorCondition) async throws {
        switch condition {
        case .healthy:
            // `unpause` of a running container fails harmlessly; `start` must succeed.
            _ = await compose.run(["unpause", "otel-collector"], timeout: .seconds(60))
            try await required(["start", "otel-collector"])
            _ = try await poll("the collector did not become healthy again", within: .seconds(60)) { () -> Observation<Bool> in
                let status = try await HTTPClient.shared.execute(HTTPClientRequest(url: endpoints.collectorHealth), timeout: .seconds(5)).status
                return status == .ok ? .done(true) : .notYet("health answered \(status)")
            }
        case .stopped:
            _ = await compose.run(["unpause", "otel-collector"], timeout: .seconds(60))
            try await required(["stop", "--timeout", "5", "otel-collector"])
        case .blackHole:
            // Listening first, then frozen: a paused container's kernel still completes TCP
            // handshakes and buffers what arrives; nothing ever answers.
            try await setCollector(.healthy)
            try await required(["pause", "otel-collector"])
        case .unavailable:
            throw ScenarioSkipped("the real collector cannot be made to answer 503; the local driver covers \(condition)")
        }
    }

    /// Runs a compose command that must succeed for the fault to be real.
    private func required(_ arguments: [String]) async throws {
        let result = await compose.run(arguments, timeout: .seconds(60))
        guard result.succeeded else {
            throw ScenarioFailure(
                "`docker compose \(arguments.joined(separator: " "))` failed, so the collector fault was not produced:\n\(result.output.suffix(2000))"
            )
        }
    }

    func componentLogs() async -> [String: String] {
        var logs = ["demo-service": demoService.output]
        for service in Self.services { logs[service] = await compose.logs(service) }
        return logs
    }

    func tearDown() async {
        _ = await demoService.stop(within: .seconds(10))
        await compose.down()
    }
}
