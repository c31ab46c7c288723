import AsyncHTTPClient
import Foundation
import HarnessSupport
public import StackConfiguration

/// The `external` driver: a stack that is already running, brought up by the team's own tooling
/// on one machine or a cluster, reached through the endpoints the stack file gives. Nothing is
/// started or stopped; the collector faults run only where `external.collector_control` names
/// the commands that produce them, and are skipped with the reason otherwise.
public struct ExternalStackDriver: StackDriver {
    public var name: String { "external" }

    /// The stack to reach.
    public var plan: StackFile

    /// A driver reaching `plan`'s external endpoints.
    public init(plan: StackFile) {
        self.plan = plan
    }

    public func start() async throws -> any RunningStack {
        guard let external = plan.external else {
            throw ScenarioSkipped("the stack file has no external section (external.* gives the endpoints of the running stack)")
        }
        var urls: [String: String] = [:]
        var missing: [String] = []
        for service in plan.services {
            if let url = service.url { urls[service.name] = url } else { missing.append(service.name) }
        }
        guard missing.isEmpty else {
            throw ScenarioFailure(
                "the external driver reaches services by URL; give services.\(missing[0]).url (missing for \(missing.joined(separator: ", ")))"
            )
        }
        return ExternalStack(
            endpoints: StackEndpoints(
                collectorHealth: external.collectorHealth,
                prometheus: external.prometheus,
                traceQuery: external.traceQuery,
                grafana: external.grafana,
                logFile: external.logFile.map(plan.resolve)
            ),
            serviceURLs: urls,
            control: external.collectorControl,
            folder: plan.folder
        )
    }
}

/// A stack of the external driver.
final class ExternalStack: RunningStack, Sendable {
    let driverName = "external"
    let endpoints: StackEndpoints
    let serviceURLs: [String: String]
    private let control: CollectorControl?
    private let folder: URL

    init(endpoints: StackEndpoints, serviceURLs: [String: String], control: CollectorControl?, folder: URL) {
        self.endpoints = endpoints
        self.serviceURLs = serviceURLs
        self.control = control
        self.folder = folder
    }

    func setCollector(_ condition: CollectorCondition) async throws {
        guard let control else {
            throw ScenarioSkipped("the external stack's collector cannot be controlled: give external.collector_control's stop and restore commands")
        }
        let command: [String]?
        switch condition {
        case .healthy: command = control.restore
        case .stopped: command = control.stop
        case .blackHole: command = control.blackHole
        case .unavailable: command = control.unavailable
        }
        guard let command, !command.isEmpty else {
            throw ScenarioSkipped("external.collector_control gives no command for the collector \(condition)")
        }
        let result = await CommandRunner.run(command, timeout: .seconds(120))
        guard result.succeeded else {
            throw ScenarioFailure(
                "`\(command.joined(separator: " "))` (external.collector_control, collector \(condition)) failed:\n\(result.output.suffix(2000))"
            )
        }
        if condition == .healthy { try await CollectorHealth.waitUntilHealthy(endpoints.collectorHealth, within: .seconds(120)) }
    }

    func disposableServices() async throws -> DisposableServices {
        guard control != nil else {
            throw ScenarioSkipped("the external stack's collector cannot be controlled: give external.collector_control's stop and restore commands")
        }
        // Its services are the team's to stop: load them, never stop them.
        return DisposableServices(
            services: serviceURLs.sorted { $0.key < $1.key }.map { name, url in
                .init(name: name, url: url, residentMemory: { nil }, stop: { _ in nil }, output: { "" })
            }
        )
    }

    func componentLogs() async -> [String: String] { [:] }

    func tearDown() async {}
}
