import AsyncHTTPClient
public import Foundation
import HarnessSupport
public import StackConfiguration

/// The `compose` driver: the stack file's compose files under a project name of its own, its
/// application services as the compose services that run them (or, for a service the compose
/// files do not have, as a process on the host exporting to the collector's published port),
/// and faults applied to the service that plays the collector.
///
/// Roles (collector, its health endpoint, Prometheus, the trace backend, Grafana) come from the
/// stack file's `compose` section, or from the images of the compose files when it names none.
/// `docker compose up --wait` waits for every healthcheck; `down -v` removes the containers and
/// volumes at the end, also when a scenario failed. Without a Docker engine every scenario is
/// skipped with the reason.
public struct ComposeStackDriver: StackDriver {
    public var name: String { "compose" }

    /// The stack to run.
    public var plan: StackFile
    /// The folder `${harness.products}` names, for services run on the host.
    public var products: URL
    /// How long `up --wait` may take (image pulls included).
    public var upTimeout: Duration = .seconds(600)

    /// A driver running `plan`'s compose project.
    public init(plan: StackFile, products: URL = LocalStackDriver.productsBesideCurrentExecutable()) {
        self.plan = plan
        self.products = products
    }

    public func start() async throws -> any RunningStack {
        guard let settings = plan.compose else {
            throw ScenarioSkipped("the stack file has no compose section (compose.files names the compose files)")
        }
        let engine = await CommandRunner.run(["docker", "info", "--format", "{{.ServerVersion}}"], timeout: .seconds(20))
        guard engine.succeeded else {
            let why = engine.output.trimmingCharacters(in: .whitespacesAndNewlines)
            throw ScenarioSkipped(
                "no Docker engine answers (`docker info`: \(why.split(separator: "\n").first ?? "")); the compose driver needs one, the local driver (the default) does not"
            )
        }
        let files = settings.files.map(plan.resolve)
        for file in files where !FileManager.default.fileExists(atPath: file.path) {
            throw ScenarioFailure("no compose file at \(file.path) (compose.files)")
        }
        let roles = try ComposeRoles(settings: settings, files: files)
        // The collector's published ports are chosen here and kept, so that they survive the
        // collector's stop and start in the resilience scenario (Docker would pick new ones).
        let ports = [
            "OTEL_HARNESS_COLLECTOR_GRPC_PORT": try FreeLocalPort.pick(),
            "OTEL_HARNESS_COLLECTOR_HEALTH_PORT": try FreeLocalPort.pick(),
        ]
        let compose = Compose(
            project: "otel-harness-\(String(UInt32.random(in: 0 ... .max), radix: 16))",
            files: files,
            environment: ports.mapValues(String.init)
        )
        let waitTimeout = max(30, Int(upTimeout.components.seconds) - 30)
        let up = await compose.run(["up", "--detach", "--wait", "--wait-timeout", String(waitTimeout), "--quiet-pull"], timeout: upTimeout)
        guard up.succeeded else {
            let logs = await compose.logs()
            await compose.down()
            throw ScenarioFailure("`docker compose up --wait` failed:\n\(up.output.suffix(4000))", lastObservation: String(logs.suffix(8000)))
        }
        var hostServices: [(service: StackService, process: ServiceProcess)] = []
        do {
            func address(_ role: ComposeRole?) async throws -> String? {
                guard let role, let port = role.port else { return nil }
                return "http://" + (try await compose.published(role.service, port))
            }
            let collectorGRPC = try await address(roles.collector)
            let health = try await address(roles.collectorHealth)
            var urls: [String: String] = [:]
            let inCompose = plan.services.filter { roles.composeServices.contains($0.composeService) }
            for service in inCompose {
                guard let port = service.containerPort else {
                    throw ScenarioFailure(
                        "service \(service.name) runs in compose service \(service.composeService); give its container port as services.\(service.name).port"
                    )
                }
                urls[service.name] = "http://" + (try await compose.published(service.composeService, port))
            }
            let onHost = plan.services.filter { !roles.composeServices.contains($0.composeService) }
            if !onHost.isEmpty {
                guard let collectorGRPC else {
                    throw ScenarioFailure(
                        "services \(onHost.map(\.name).joined(separator: ", ")) run on the host, but no collector role with an OTLP port is known"
                    )
                }
                let launcher = LocalServices(
                    collectorGRPC: collectorGRPC,
                    collectorHTTP: (try await address(roles.collectorHTTP)) ?? collectorGRPC,
                    collectorHealth: health ?? "",
                    products: products
                )
                hostServices = try await launcher.start(plan, services: onHost, urls: urls)
                for (service, process) in hostServices { urls[service.name] = process.url }
            }
            let endpoints = StackEndpoints(
                collectorHealth: health.map { $0 + "/" },
                prometheus: try await address(roles.prometheus),
                traceQuery: try await address(roles.traceBackend),
                grafana: try await address(roles.grafana),
                logFile: settings.logFile.map(plan.resolve)
            )
            return ComposeStack(compose: compose, roles: roles, endpoints: endpoints, serviceURLs: urls, hostServices: hostServices, plan: plan)
        } catch {
            for (_, process) in hostServices.reversed() { await process.stop(within: .seconds(5)) }
            await compose.down()
            throw error
        }
    }
}

/// Which compose service plays each part of the stack, and on which container port.
struct ComposeRoles: Sendable {
    var collector: ComposeRole?
    var collectorHTTP: ComposeRole?
    var collectorHealth: ComposeRole?
    var prometheus: ComposeRole?
    var traceBackend: ComposeRole?
    var grafana: ComposeRole?
    /// Every service of the compose files.
    var composeServices: Set<String>

    /// The roles the stack file names, and for the others the service whose image is the
    /// well-known one (the collector's OTLP/gRPC 4317, OTLP/HTTP 4318 and health_check 13133,
    /// Prometheus 9090, Jaeger's query 16686, Grafana 3000).
    init(settings: ComposeSettings, files: [URL]) throws {
        var loader = FileLoader()
        var services: [ComposeProject.Service] = []
        for file in files {
            guard let loaded = loader.load(file) else {
                throw ScenarioFailure("cannot read compose file \(file.path): \(loader.findings.map(\.description).joined(separator: "; "))")
            }
            services += ComposeProject(loaded).services
        }
        composeServices = Set(services.map(\.name))
        func first(_ matches: (ImageKind) -> Bool) -> String? { services.first { matches($0.kind) }?.name }
        let collectorService = settings.collector?.service ?? first { if case .collector = $0 { true } else { false } }
        collector = collectorService.map { ComposeRole(service: $0, port: settings.collector?.port ?? 4317) }
        collectorHTTP = collectorService.map { ComposeRole(service: $0, port: 4318) }
        collectorHealth = settings.collectorHealth ?? collectorService.map { ComposeRole(service: $0, port: 13133) }
        if collectorHealth?.port == nil, let service = collectorHealth?.service { collectorHealth = ComposeRole(service: service, port: 13133) }
        prometheus = Self.role(settings.prometheus, default: first { $0 == .prometheus }, port: 9090)
        traceBackend = Self.role(settings.traceBackend, default: first { $0 == .jaeger }, port: 16686)
        grafana = Self.role(settings.grafana, default: first { $0 == .grafana }, port: 3000)
        for role in [collector, collectorHealth, prometheus, traceBackend, grafana].compactMap({ $0 }) where !composeServices.contains(role.service) {
            throw ScenarioFailure(
                "the stack file names compose service \(role.service), which the compose files do not define; they define \(composeServices.sorted().joined(separator: ", "))"
            )
        }
    }

    private static func role(_ given: ComposeRole?, default service: String?, port: Int) -> ComposeRole? {
        if let given { return ComposeRole(service: given.service, port: given.port ?? port, location: given.location) }
        return service.map { ComposeRole(service: $0, port: port) }
    }
}

/// `docker compose` for one project.
struct Compose: Sendable {
    var project: String
    var files: [URL]
    var environment: [String: String]

    func run(_ arguments: [String], timeout: Duration = .seconds(120)) async -> CommandRunner.Result {
        await CommandRunner.run(command + arguments, environment: environment, timeout: timeout)
    }

    /// The host address (`127.0.0.1:N`) a service's container port is published on.
    func published(_ service: String, _ port: Int) async throws -> String {
        let result = await run(["port", service, String(port)])
        let address = result.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last.map(String.init) ?? ""
        guard result.succeeded, address.contains(":") else {
            throw ScenarioFailure("`docker compose port \(service) \(port)` gave no address (is the port published?): \(result.output)")
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

    private var command: [String] { ["docker", "compose", "--project-name", project] + files.flatMap { ["--file", $0.path] } }
}

/// A stack of the compose driver.
final class ComposeStack: RunningStack, Sendable {
    let driverName = "compose"
    let endpoints: StackEndpoints
    let serviceURLs: [String: String]
    private let compose: Compose
    private let roles: ComposeRoles
    private let hostServices: [(service: StackService, process: ServiceProcess)]
    private let plan: StackFile

    init(
        compose: Compose,
        roles: ComposeRoles,
        endpoints: StackEndpoints,
        serviceURLs: [String: String],
        hostServices: [(service: StackService, process: ServiceProcess)],
        plan: StackFile
    ) {
        self.compose = compose
        self.roles = roles
        self.endpoints = endpoints
        self.serviceURLs = serviceURLs
        self.hostServices = hostServices
        self.plan = plan
    }

    func setCollector(_ condition: CollectorCondition) async throws {
        guard let collector = roles.collector?.service else { throw ScenarioSkipped("the compose files have no collector service") }
        switch condition {
        case .healthy:
            // `unpause` of a running container fails harmlessly; `start` must succeed.
            _ = await compose.run(["unpause", collector], timeout: .seconds(60))
            try await required(["start", collector])
            try await CollectorHealth.waitUntilHealthy(endpoints.collectorHealth, within: .seconds(60))
        case .stopped:
            _ = await compose.run(["unpause", collector], timeout: .seconds(60))
            try await required(["stop", "--timeout", "5", collector])
        case .blackHole:
            // Listening first, then frozen: a paused container's kernel still completes TCP
            // handshakes and buffers what arrives; nothing ever answers.
            try await setCollector(.healthy)
            try await required(["pause", collector])
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

    func disposableServices() async throws -> DisposableServices {
        let compose = self.compose
        var services: [DisposableServices.Service] = []
        for service in plan.services {
            guard let url = serviceURLs[service.name] else { continue }
            if let host = hostServices.first(where: { $0.service.name == service.name })?.process {
                services.append(
                    .init(
                        name: service.name,
                        url: url,
                        residentMemory: { host.residentMemory },
                        stop: { bound in await host.stop(within: bound) },
                        output: { host.output }
                    )
                )
            } else {
                let name = service.composeService
                services.append(
                    .init(
                        name: service.name,
                        url: url,
                        residentMemory: { nil },
                        stop: { bound in
                            // `docker compose stop` sends SIGTERM and SIGKILL after the timeout;
                            // a stop that takes the whole timeout was a kill.
                            let clock = ContinuousClock()
                            let start = clock.now
                            let seconds = max(1, Int(bound.components.seconds))
                            let result = await compose.run(["stop", "--timeout", String(seconds), name], timeout: bound + .seconds(30))
                            let took = clock.now - start
                            return ChildProcess.Stop(
                                termination: took >= .seconds(seconds) || !result.succeeded ? .signalled(9) : .exited(0),
                                took: took
                            )
                        },
                        output: { "" }
                    )
                )
            }
        }
        let onHost = Set(hostServices.map(\.service.name))
        let names = plan.services.filter { serviceURLs[$0.name] != nil && !onHost.contains($0.name) }.map(\.composeService)
        return DisposableServices(services: services) {
            _ = await compose.run(["start"] + names, timeout: .seconds(120))
        }
    }

    func componentLogs() async -> [String: String] {
        var logs: [String: String] = [:]
        for (service, process) in hostServices { logs["service-\(service.name)"] = process.output }
        for service in roles.composeServices.sorted() { logs[service] = await compose.logs(service) }
        return logs
    }

    func tearDown() async {
        for (_, process) in hostServices.reversed() { await process.stop(within: .seconds(10)) }
        await compose.down()
    }
}
