import Foundation
import HarnessTestSupport
import StackConfiguration
import Testing

@testable import Scenarios

/// The FastAPI example (Examples/fastapi-pair): two Python services instrumented with the
/// OpenTelemetry Python distribution, broken on purpose the way such services break, and the
/// external driver against the same processes. Needs Examples/fastapi-pair/.venv (`make setup`).
@Suite("FastAPI example", .serialized)
struct FastAPIExampleTests {
    static func plan() throws -> StackFile {
        let venv = Repository.file("Examples/fastapi-pair/.venv/bin/opentelemetry-instrument")
        guard FileManager.default.isExecutableFile(atPath: venv.path) else {
            throw ScenarioFailure("no \(venv.path): run `make setup`, which installs the example's venv")
        }
        return try StackFile.load(Repository.file("Examples/fastapi-pair/stack.yaml"))
    }

    @Test("propagation: the API's httpx client left uninstrumented breaks the trace on the edge api → worker")
    func uninstrumentedClient() async throws {
        var plan = try Self.plan()
        plan.setEnvironment("OTEL_PYTHON_DISABLED_INSTRUMENTATIONS", "httpx", services: ["api"])
        let result = await ScenarioFixtures.run(PropagationScenario(), plan: plan)
        #expect(result.status == .failed)
        #expect(result.detail.contains("the trace of request order broke on the edge api → worker"), "\(result.detail)")
        #expect(result.detail.contains("worker's server span \"POST /work\" is in trace"), "\(result.detail)")
        #expect(result.detail.contains("a trace of its own (no parent)"), "\(result.detail)")
    }

    @Test("log correlation: a record logged outside the request's context is named, with its service")
    func logWithoutContext() async throws {
        var plan = try Self.plan()
        plan.setEnvironment("WORKER_LOG_IN_EXECUTOR", "1", services: ["worker"])
        let result = await ScenarioFixtures.run(LogCorrelationScenario(), plan: plan)
        #expect(result.status == .failed)
        #expect(result.detail.contains("worker logged \"work processed for book\" without trace context"), "\(result.detail)")
    }

    @Test("scrape: a metric renamed in the service is named, with the name Prometheus has instead")
    func renamedMetric() async throws {
        var plan = try Self.plan()
        plan.setEnvironment("ORDERS_METRIC_NAME", "orders.placed", services: ["api"])
        let result = await ScenarioFixtures.run(ScrapeScenario(), plan: plan)
        #expect(result.status == .failed)
        #expect(result.detail.contains("counter orders.created (unit {order}) of service api, predicted as orders_created_total"), "\(result.detail)")
        #expect(result.detail.contains("Prometheus has no orders_created_total; nearest names: orders_placed_total"), "\(result.detail)")
    }

    @Test("the external driver, against the processes of a local run, gives the local run's verdicts")
    func externalMatchesLocal() async throws {
        let plan = try Self.plan()
        let local = try await LocalStackDriver(plan: plan, products: BuiltProducts.folder).start()
        // Resilience is left out of the comparison: the external stack skips it without
        // collector_control, and its latency budget is not for a test process sharing the cores.
        let scenarios = ScenarioCatalog.all.filter { $0.name != "resilience" }
        let localReport = await ScenarioRunner(plan: plan, driver: Borrowed(stack: local), scenarios: scenarios).run()

        // The same processes, as a team's own tooling would have started them.
        var external = plan
        for index in external.services.indices { external.services[index].url = local.serviceURLs[external.services[index].name] }
        var endpoints = ExternalSettings()
        endpoints.collectorHealth = local.endpoints.collectorHealth
        endpoints.prometheus = local.endpoints.prometheus
        endpoints.traceQuery = local.endpoints.traceQuery
        endpoints.logFile = local.endpoints.logFile?.path
        external.external = endpoints
        let externalReport = await ScenarioRunner(plan: external, driver: ExternalStackDriver(plan: external), scenarios: ScenarioCatalog.all).run()
        await local.tearDown()

        #expect(localReport.succeeded, "\(localReport.summaryTable)")
        for scenario in scenarios.map(\.name) {
            let verdicts = [localReport, externalReport].map { $0.results.first { $0.name == scenario }?.status }
            #expect(verdicts[0] == verdicts[1], "\(scenario): local \(String(describing: verdicts[0])), external \(String(describing: verdicts[1]))")
        }
        // Without commands that control its collector, the external stack skips resilience, saying why.
        let resilience = externalReport.results.first { $0.name == "resilience" }
        #expect(resilience?.status == .skipped && resilience?.detail.contains("external.collector_control") == true, "\(externalReport.summaryTable)")
    }
}

/// A driver that hands out a stack started elsewhere and leaves its tear-down to the owner.
private struct Borrowed: StackDriver {
    let stack: any RunningStack
    var name: String { stack.driverName }
    func start() async throws -> any RunningStack { Lent(stack) }
}

private final class Lent: RunningStack {
    let stack: any RunningStack
    init(_ stack: any RunningStack) { self.stack = stack }
    var driverName: String { stack.driverName }
    var endpoints: StackEndpoints { stack.endpoints }
    var serviceURLs: [String: String] { stack.serviceURLs }
    func setCollector(_ condition: CollectorCondition) async throws { try await stack.setCollector(condition) }
    func disposableServices() async throws -> DisposableServices { try await stack.disposableServices() }
    func componentLogs() async -> [String: String] { await stack.componentLogs() }
    func tearDown() async {}
}
