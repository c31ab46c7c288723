import Foundation
import HarnessSupport
import HarnessTestSupport
import StackConfiguration
import Testing

@testable import Scenarios

/// Each scenario broken on purpose once, on the demo's stack file: it must fail, with a message
/// that names the cause.
@Suite("Scenarios fail for the right reason")
struct BrokenStackTests {
    @Test("scrape: Prometheus pointed at the wrong port reports the target down and why")
    func wrongScrapePort() async throws {
        let plan = try ScenarioFixtures.demoPlan()
        var driver = LocalStackDriver(plan: plan, products: BuiltProducts.folder)
        let wrongPort = try FreeLocalPort.pick()
        driver.scrapePortOverride = wrongPort
        let result = await ScenarioFixtures.run(ScrapeScenario(), plan: plan, driver: driver)
        #expect(result.status == .failed)
        #expect(result.detail.contains("not every expected metric reached Prometheus"), "\(result.detail)")
        #expect(result.detail.contains("counter pipeline.requests of service demo-service, predicted as pipeline_requests_total"), "\(result.detail)")
        #expect(result.detail.contains("otel-collector http://127.0.0.1:\(wrongPort)/metrics down"), "\(result.detail)")
        #expect(result.detail.contains("connection refused"), "\(result.detail)")
    }

    @Test("scrape: an instrument the service does not emit is named, with the nearest names Prometheus has")
    func renamedMetric() async throws {
        var plan = try ScenarioFixtures.demoPlan()
        plan.expectations.metrics = [
            MetricExpectation(check: .instrument(name: "pipeline.request", kind: "counter", unit: nil, service: "demo-service"), location: .start)
        ]
        let result = await ScenarioFixtures.run(ScrapeScenario(), plan: plan)
        #expect(result.status == .failed)
        #expect(result.detail.contains("counter pipeline.request of service demo-service, predicted as pipeline_request_total"), "\(result.detail)")
        #expect(result.detail.contains("Prometheus has no pipeline_request_total; nearest names: pipeline_requests_total"), "\(result.detail)")
    }

    @Test("resilience: a service whose requests need the collector fails with the collector stopped")
    func serviceNotCoping() async throws {
        var plan = try ScenarioFixtures.demoPlan()
        plan.resilience?.faults = ["stopped"]
        plan.setEnvironment("DEMO_COLLECTOR_DEPENDENCY_URL", "${collector.health}", services: ["demo-service"])
        let result = await ScenarioFixtures.run(ResilienceScenario(), plan: plan)
        #expect(result.status == .failed)
        #expect(result.detail.contains("with the collector stopped,"), "\(result.detail)")
        #expect(result.detail.contains("requests failed: "), "\(result.detail)")
        #expect(result.detail.contains("status 503"), "\(result.detail)")
        // With the collector healthy, the same service answered.
        #expect(!result.detail.contains("with the collector healthy"), "\(result.detail)")
    }

    @Test("resilience: a service without a shutdown deadline does not stop against a black-holed collector")
    func noShutdownDeadline() async throws {
        var plan = try ScenarioFixtures.demoPlan()
        plan.resilience?.faults = []
        plan.setEnvironment("DEMO_SHUTDOWN_TIMEOUT", "0", services: ["demo-service"])
        var settings = ScenarioFixtures.quickSettings
        settings.resilienceOverrides.shutdownBound = .seconds(4)
        let result = await ScenarioFixtures.run(ResilienceScenario(), plan: plan, settings: settings)
        #expect(result.status == .failed)
        #expect(
            result.detail.contains("demo-service did not shut down within 4.0 seconds of SIGTERM with the collector black-holed"),
            "\(result.detail)"
        )
    }

    @Test("dashboard provisioning: a panel querying a metric that does not exist names the metric")
    func dashboardWithMissingMetric() async throws {
        let copy = try ScenarioFixtures.copyOfGrafanaProvisioning()
        defer { try? FileManager.default.removeItem(at: copy) }
        let dashboard = """
            {"uid": "broken", "title": "Broken", "schemaVersion": 41, "panels": [{"id": 1, "type": "stat", "title": "Bogus rate",
              "datasource": {"type": "prometheus", "uid": "prometheus"},
              "targets": [{"refId": "A", "expr": "sum(rate(pipeline_bogus_total{job=\\"demo-service\\"}[$__rate_interval]))"}]}]}
            """
        try Data(dashboard.utf8).write(to: copy.appendingPathComponent("Fixtures/stack/grafana/dashboards/broken.json"))
        var plan = try ScenarioFixtures.demoPlan()
        plan.dashboards = DashboardSettings(composeFile: copy.appendingPathComponent("compose/docker-compose.yml").path)
        let result = await ScenarioFixtures.run(DashboardProvisioningScenario(), plan: plan)
        #expect(result.status == .failed)
        #expect(result.detail.contains("not every panel query returned data from Prometheus"), "\(result.detail)")
        #expect(
            result.detail.contains("metric pipeline_bogus_total does not exist in Prometheus (used by broken.json panel \"Bogus rate\")"),
            "\(result.detail)"
        )
        // The project's own dashboards' queries did return data.
        #expect(!result.detail.contains("demo-pipeline-overview.json"), "\(result.detail)")
    }

    @Test("trace flow: a backend without the trace reports what it has")
    func traceFlowWithoutTrace() async throws {
        // Services exporting no traces: no trace can reach the backend.
        var plan = try ScenarioFixtures.demoPlan()
        plan.setEnvironment("OTEL_TRACES_EXPORTER", "none")
        let result = await ScenarioFixtures.run(TraceFlowScenario(), plan: plan)
        #expect(result.status == .failed)
        #expect(result.detail.contains("did not reach the trace backend with the expected span tree within"), "\(result.detail)")
        #expect(result.detail.contains("the backend has no span of trace"), "\(result.detail)")
        #expect(result.traceIDs.count == 1, "the trace the scenario started is reported")
    }
}
