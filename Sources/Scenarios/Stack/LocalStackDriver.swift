public import Foundation
import HarnessSupport
import OTLPReceiver
public import StackConfiguration

/// The default driver, without Docker: the stack file's services started from their commands,
/// the fake OTLP receiver standing in for the collector, the trace backend and the log backend
/// (its file export is the collector's `file` exporter), and Debian's real Prometheus scraping
/// it; everything on 127.0.0.1 with ephemeral ports.
public struct LocalStackDriver: StackDriver {
    public var name: String { "local" }

    /// The stack to run.
    public var plan: StackFile
    /// The folder `${harness.products}` names (where `otel-harness` and the demo service were
    /// built).
    public var products: URL
    /// Prometheus's scrape interval.
    public var scrapeInterval: Duration = .seconds(1)
    /// The Prometheus binary.
    public var prometheusBinary: String = "/usr/bin/prometheus"
    /// Scrape this port instead of the receiver's, to show what a wrong scrape target does.
    public var scrapePortOverride: Int?

    /// A driver running `plan`, with `${harness.products}` naming `products`.
    public init(plan: StackFile, products: URL = LocalStackDriver.productsBesideCurrentExecutable()) {
        self.plan = plan
        self.products = products
    }

    /// The folder of the running executable (the build folder when `otel-harness` runs from
    /// `.build/<configuration>/`).
    public static func productsBesideCurrentExecutable() -> URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    public func start() async throws -> any RunningStack {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("local-stack-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let logFile = folder.appendingPathComponent("collector-file-export.jsonl")
        let receiver = try await OTLPReceiver.start(OTLPReceiverConfiguration(fileExportPath: logFile.path))
        var prometheus: LocalPrometheus?
        do {
            let port = scrapePortOverride ?? receiver.httpPort
            prometheus = try await LocalPrometheus.start(
                jobs: [.init(name: "otel-collector", targets: ["127.0.0.1:\(port)"], honorLabels: true)],
                scrapeInterval: scrapeInterval,
                binary: prometheusBinary
            )
            let launcher = LocalServices(
                collectorGRPC: receiver.grpcEndpoint,
                collectorHTTP: receiver.httpEndpoint,
                collectorHealth: receiver.httpEndpoint + "/health",
                products: products
            )
            let services = try await launcher.start(plan)
            return LocalStack(
                plan: plan,
                receiver: receiver,
                prometheus: prometheus!,
                services: services,
                launcher: launcher,
                folder: folder,
                logFile: logFile
            )
        } catch {
            await prometheus?.stop()
            await receiver.stop()
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }
}

/// A stack of the local driver.
final class LocalStack: RunningStack, Sendable {
    let driverName = "local"
    let endpoints: StackEndpoints
    let serviceURLs: [String: String]
    private let plan: StackFile
    private let receiver: OTLPReceiver
    private let prometheus: LocalPrometheus
    private let services: [(service: StackService, process: ServiceProcess)]
    private let launcher: LocalServices
    private let folder: URL

    init(
        plan: StackFile,
        receiver: OTLPReceiver,
        prometheus: LocalPrometheus,
        services: [(service: StackService, process: ServiceProcess)],
        launcher: LocalServices,
        folder: URL,
        logFile: URL
    ) {
        self.plan = plan
        self.receiver = receiver
        self.prometheus = prometheus
        self.services = services
        self.launcher = launcher
        self.folder = folder
        self.serviceURLs = Dictionary(uniqueKeysWithValues: services.map { ($0.service.name, $0.process.url) })
        self.endpoints = StackEndpoints(
            collectorHealth: receiver.httpEndpoint + "/health",
            prometheus: prometheus.endpoint,
            traceQuery: receiver.httpEndpoint,
            grafana: nil,
            logFile: logFile
        )
    }

    func setCollector(_ condition: CollectorCondition) async throws {
        switch condition {
        case .healthy:
            receiver.faultPlan = FaultPlan()
            try await receiver.resumeListening()
        case .stopped:
            receiver.faultPlan = FaultPlan()
            await receiver.stopListening()
        case .blackHole:
            try await receiver.resumeListening()
            receiver.faultPlan = FaultPlan([FaultRule(.stall())])
        case .unavailable(let retryAfter):
            try await receiver.resumeListening()
            receiver.faultPlan = FaultPlan([
                FaultRule(.status(httpStatus: 503, message: "collector unavailable", retryAfter: .seconds(Int(retryAfter.components.seconds))))
            ])
        }
    }

    func disposableServices() async throws -> DisposableServices {
        let started = try await launcher.start(plan)
        return DisposableServices(
            services: started.map { service, process in
                DisposableServices.Service(
                    name: service.name,
                    url: process.url,
                    residentMemory: { process.residentMemory },
                    stop: { bound in await process.stop(within: bound) },
                    output: { process.output }
                )
            }
        )
    }

    func componentLogs() async -> [String: String] {
        let requests = receiver.requests.suffix(200).map { request in
            "#\(request.sequenceNumber) \(request.transport.rawValue) \(request.signal) \(request.path) \(request.bodySize) bytes: \(request.outcome)"
        }.joined(separator: "\n")
        var logs = ["prometheus": prometheus.log, "receiver-requests": requests]
        for (service, process) in services { logs["service-\(service.name)"] = process.output }
        return logs
    }

    func tearDown() async {
        for (_, process) in services.reversed() { await process.stop(within: .seconds(10)) }
        await prometheus.stop()
        await receiver.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}
