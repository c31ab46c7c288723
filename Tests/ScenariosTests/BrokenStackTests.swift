import Foundation
import HarnessSupport
import Testing

@testable import Scenarios

/// Each scenario broken on purpose once: it must fail, with a message that names the cause.
@Suite("Scenarios fail for the right reason")
struct BrokenStackTests {
    @Test("scrape: Prometheus pointed at the wrong port reports the target down and why")
    func wrongScrapePort() async throws {
        var driver = LocalStackDriver(demoService: ScenarioFixtures.launcher)
        let wrongPort = try FreeLocalPort.pick()
        driver.scrapePortOverride = wrongPort
        let result = await ScenarioFixtures.run(ScrapeScenario(), driver: driver)
        #expect(result.status == .failed)
        #expect(result.detail.contains("Prometheus did not report the otel-collector target up"), "\(result.detail)")
        #expect(result.detail.contains("127.0.0.1:\(wrongPort)/metrics) is down"), "\(result.detail)")
        #expect(result.detail.contains("connection refused"), "\(result.detail)")
    }

    @Test("resilience: a service whose requests need the collector fails with the collector stopped")
    func serviceNotCoping() async throws {
        var scenario = ResilienceScenario()
        scenario.faults = [.stopped]
        scenario.serviceDependsOnCollector = true
        let result = await ScenarioFixtures.run(scenario)
        #expect(result.status == .failed)
        #expect(result.detail.contains("with the collector stopped,"), "\(result.detail)")
        #expect(result.detail.contains("requests failed: "), "\(result.detail)")
        #expect(result.detail.contains("status 503"), "\(result.detail)")
        // With the collector healthy, the same service answered.
        #expect(!result.detail.contains("with the collector healthy"), "\(result.detail)")
    }

    @Test("resilience: a service without a shutdown deadline does not stop against a black-holed collector")
    func noShutdownDeadline() async throws {
        var scenario = ResilienceScenario()
        scenario.faults = []
        scenario.demoServiceOverrides = ["DEMO_SHUTDOWN_TIMEOUT": "0"]
        var settings = ScenarioFixtures.quickSettings
        settings.shutdownBound = .seconds(4)
        let result = await ScenarioFixtures.run(scenario, settings: settings)
        #expect(result.status == .failed)
        #expect(result.detail.contains("did not shut down within 4.0 seconds of SIGTERM with the collector black-holed"), "\(result.detail)")
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
        let scenario = DashboardProvisioningScenario(composeFile: copy.appendingPathComponent("compose/docker-compose.yml"))
        let result = await ScenarioFixtures.run(scenario)
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
        // A demo service exporting nowhere: no trace can reach the backend.
        let launcher = DemoServiceLauncher(executable: ScenarioFixtures.launcher.executable, environment: ["OTEL_TRACES_EXPORTER": "none"])
        let result = await ScenarioFixtures.run(TraceFlowScenario(), driver: LocalStackDriver(demoService: launcher))
        #expect(result.status == .failed)
        #expect(result.detail.contains("did not reach the trace backend with the expected span tree within"), "\(result.detail)")
        #expect(result.detail.contains("the backend has no span of trace"), "\(result.detail)")
    }
}
