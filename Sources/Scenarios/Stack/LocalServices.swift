import Foundation
import HarnessSupport
import StackConfiguration

/// Starts a stack file's services as processes on 127.0.0.1, each after the services it refers
/// to, with their placeholders filled in.
struct LocalServices {
    /// Where the services' telemetry goes.
    var collectorGRPC: String
    var collectorHTTP: String
    var collectorHealth: String
    /// The folder of the running `otel-harness` (its build products), for `${harness.products}`.
    var products: URL

    /// `services` (every service of `plan` by default), started in dependency order, each able to
    /// refer to the ones started before it and to `urls` of services that run elsewhere; on a
    /// failure the ones already started are stopped.
    func start(
        _ plan: StackFile,
        services: [StackService]? = nil,
        urls: [String: String] = [:]
    ) async throws -> [(service: StackService, process: ServiceProcess)] {
        var started: [(service: StackService, process: ServiceProcess)] = []
        var urls = urls
        do {
            for service in try Self.order(services ?? plan.services) {
                let process = try await start(service, plan: plan, urls: urls)
                started.append((service, process))
                urls[service.name] = process.url
            }
            return started
        } catch {
            for (_, process) in started.reversed() { await process.stop(within: .seconds(5)) }
            throw error
        }
    }

    /// One service, with `urls` of the services it may refer to.
    func start(_ service: StackService, plan: StackFile, urls: [String: String]) async throws -> ServiceProcess {
        guard let command = service.command.first else {
            throw ScenarioFailure("service \(service.name) has no command: the local driver starts services from services.\(service.name).command")
        }
        func filled(_ text: String) -> String {
            var text = text
            for (name, url) in urls { text = text.replacingOccurrences(of: "${services.\(name).url}", with: url) }
            return text.replacingOccurrences(of: "${collector.otlp_grpc}", with: collectorGRPC)
                .replacingOccurrences(of: "${collector.otlp_http}", with: collectorHTTP)
                .replacingOccurrences(of: "${collector.health}", with: collectorHealth)
                .replacingOccurrences(of: "${harness.products}", with: products.path)
        }
        let directory = service.workingDirectory.map(plan.resolve) ?? plan.folder
        let executable = filled(command)
        let resolved: ChildProcess.Executable =
            executable.hasPrefix("/")
            ? .path(executable)
            : executable.contains("/") ? .path(directory.appendingPathComponent(executable).standardizedFileURL.path) : .name(executable)
        var environment = [
            "OTEL_EXPORTER_OTLP_ENDPOINT": collectorGRPC,
            "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc",
            "OTEL_SERVICE_NAME": service.name,
            // Short export intervals, so that scenarios see telemetry within a second.
            "OTEL_BSP_SCHEDULE_DELAY": "200",
            "OTEL_BLRP_SCHEDULE_DELAY": "200",
            "OTEL_METRIC_EXPORT_INTERVAL": "500",
        ]
        environment.merge(service.environment.mapValues(filled)) { $1 }
        let readiness: ServiceProcess.Readiness =
            switch service.readiness {
            case .healthPath(let path): .port(healthPath: path)
            case .portFile: .portFile
            }
        do {
            return try await ServiceProcess.start(
                resolved,
                arguments: service.command.dropFirst().map(filled),
                environment: environment,
                workingDirectory: directory,
                readiness: readiness,
                within: service.startTimeout
            )
        } catch {
            throw ScenarioFailure("service \(service.name) did not start: \(error)")
        }
    }

    /// The services, each after the ones it refers to.
    ///
    /// - Throws: ``ScenarioFailure`` naming the services of a reference cycle.
    static func order(_ services: [StackService]) throws -> [StackService] {
        var ordered: [StackService] = []
        var placed = Set<String>()
        var remaining = services
        while !remaining.isEmpty {
            let ready = remaining.filter { service in
                references(of: service).allSatisfy { name in placed.contains(name) || !services.contains { $0.name == name } }
            }
            guard !ready.isEmpty else {
                throw ScenarioFailure("services refer to each other's URLs in a cycle: \(remaining.map(\.name).joined(separator: ", "))")
            }
            ordered += ready
            placed.formUnion(ready.map(\.name))
            remaining.removeAll { placed.contains($0.name) }
        }
        return ordered
    }

    private static func references(of service: StackService) -> Set<String> {
        Set((service.command + service.environment.values).flatMap(StackService.references(in:)))
    }
}
