import Foundation
import HarnessSupport
import OTLPReceiver

/// The default driver, without Docker: the fake OTLP receiver stands in for the collector and
/// the trace backend, Debian's real Prometheus scrapes it, and the demo service exports to it;
/// everything on 127.0.0.1 with ephemeral ports.
public struct LocalStackDriver: StackDriver {
    public var name: String { "local" }

    /// How the demo service is started.
    public var demoService: DemoServiceLauncher
    /// Prometheus's scrape interval.
    public var scrapeInterval: Duration = .seconds(1)
    /// The Prometheus binary.
    public var prometheusBinary: String = "/usr/bin/prometheus"
    /// Scrape this port instead of the receiver's, to show what a wrong scrape target does.
    public var scrapePortOverride: Int?

    /// A driver starting the demo service with `demoService`.
    public init(demoService: DemoServiceLauncher) {
        self.demoService = demoService
    }

    public func start() async throws -> any RunningStack {
        let receiver = try await OTLPReceiver.start()
        do {
            let port = scrapePortOverride ?? receiver.httpPort
            let prometheus = try await LocalPrometheus.start(
                jobs: [.init(name: "otel-collector", targets: ["127.0.0.1:\(port)"], honorLabels: true)],
                scrapeInterval: scrapeInterval,
                binary: prometheusBinary
            )
            do {
                let service = try await demoService.launch(collectorOTLP: receiver.grpcEndpoint)
                return LocalStack(receiver: receiver, prometheus: prometheus, demoService: service, launcher: demoService)
            } catch {
                await prometheus.stop()
                throw error
            }
        } catch {
            await receiver.stop()
            throw error
        }
    }
}

/// A stack of the local driver.
final class LocalStack: RunningStack, @unchecked Sendable {
    let driverName = "local"
    let endpoints: StackEndpoints
    let demoServiceLauncher: DemoServiceLauncher
    private let receiver: OTLPReceiver
    private let prometheus: LocalPrometheus
    private let demoService: ServiceProcess

    init(receiver: OTLPReceiver, prometheus: LocalPrometheus, demoService: ServiceProcess, launcher: DemoServiceLauncher) {
        self.receiver = receiver
        self.prometheus = prometheus
        self.demoService = demoService
        self.demoServiceLauncher = launcher
        self.endpoints = StackEndpoints(
            collectorHealth: receiver.httpEndpoint + "/health",
            collectorOTLP: receiver.grpcEndpoint,
            prometheus: prometheus.endpoint,
            traceQuery: receiver.httpEndpoint,
            grafana: nil,
            demoService: demoService.url
        )
    }

    var demoServiceEnvironment: [String: String] { ["OTEL_EXPORTER_OTLP_ENDPOINT": receiver.grpcEndpoint] }

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

    func componentLogs() async -> [String: String] {
        let requests = receiver.requests.suffix(200).map { request in
            "#\(request.sequenceNumber) \(request.transport.rawValue) \(request.signal) \(request.path) \(request.bodySize) bytes: \(request.outcome)"
        }.joined(separator: "\n")
        return ["demo-service": demoService.output, "prometheus": prometheus.log, "receiver-requests": requests]
    }

    func tearDown() async {
        _ = await demoService.stop(within: .seconds(10))
        await prometheus.stop()
        await receiver.stop()
    }
}
