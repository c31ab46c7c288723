import Foundation
import Testing
@testable import Scenarios

@Suite("Grafana provisioning rules")
struct GrafanaProvisioningTests {
    @Test("the project's own provisioning has no problem, three dashboards and Prometheus queries")
    func projectProvisioning() throws {
        let provisioning = try GrafanaProvisioning.load(composeFile: ScenarioFixtures.composeFile)
        #expect(provisioning.problems.isEmpty, "\(provisioning.problems)")
        #expect(provisioning.dashboards.count >= 3)
        #expect(Set(provisioning.datasources.map(\.uid)) == ["prometheus", "jaeger"])
        for dashboard in provisioning.dashboards {
            #expect(dashboard.panels.allSatisfy { ["timeseries", "stat"].contains($0.type) }, "\(dashboard.uid)")
            #expect(dashboard.panels.flatMap(\.queries).allSatisfy { !PanelQuery.metricNames(in: $0.expr).isEmpty })
        }
    }

    @Test("a wrapped dashboard, an Angular panel, an unknown datasource and duplicate uids are each reported")
    func brokenDashboards() throws {
        let copy = try ScenarioFixtures.copyOfGrafanaProvisioning()
        defer { try? FileManager.default.removeItem(at: copy) }
        let dashboards = copy.appendingPathComponent("Fixtures/stack/grafana/dashboards")
        try Data(#"{"dashboard": {"uid": "wrapped", "title": "Wrapped", "panels": []}}"#.utf8).write(to: dashboards.appendingPathComponent("wrapped.json"))
        try Data(#"""
            {"uid": "demo-http-server", "title": "Old", "panels": [
              {"type": "graph", "title": "Legacy", "datasource": {"uid": "prometheus"}, "targets": [{"expr": "up"}]},
              {"type": "timeseries", "title": "Elsewhere", "datasource": {"uid": "loki"}, "targets": [{"expr": "up"}]}]}
            """#.utf8).write(to: dashboards.appendingPathComponent("old.json"))
        let problems = try GrafanaProvisioning.load(composeFile: copy.appendingPathComponent("compose/docker-compose.yml")).problems.map(\.description)
        #expect(problems.contains { $0.hasPrefix("wrapped.json: is wrapped as {\"dashboard\": …}") }, "\(problems)")
        #expect(problems.contains { $0.contains("panel \"Legacy\" has type graph, an Angular panel Grafana 12 removed") }, "\(problems)")
        #expect(problems.contains { $0.contains("panel \"Elsewhere\" uses datasource uid loki, which is not provisioned") }, "\(problems)")
        #expect(problems.contains { $0.contains("share the uid demo-http-server") }, "\(problems)")
    }

    @Test("a provider path that is not mounted and a datasource file without apiVersion are reported")
    func unmountedProvider() throws {
        let copy = try ScenarioFixtures.copyOfGrafanaProvisioning()
        defer { try? FileManager.default.removeItem(at: copy) }
        let compose = copy.appendingPathComponent("compose/docker-compose.yml")
        let text = try String(contentsOf: compose, encoding: .utf8)
            .replacingOccurrences(of: "../Fixtures/stack/grafana/dashboards:/var/lib/grafana/dashboards:ro", with: "../Fixtures/stack/grafana/dashboards:/srv/dashboards:ro")
        try Data(text.utf8).write(to: compose)
        let datasources = copy.appendingPathComponent("Fixtures/stack/grafana/provisioning/datasources/datasources.yaml")
        let yaml = try String(contentsOf: datasources, encoding: .utf8).replacingOccurrences(of: "apiVersion: 1", with: "")
        try Data(yaml.utf8).write(to: datasources)
        let problems = try GrafanaProvisioning.load(composeFile: compose).problems.map(\.description)
        #expect(problems.contains { $0.contains("provider demo-service's path /var/lib/grafana/dashboards is not mounted into grafana") }, "\(problems)")
        #expect(problems.contains { $0 == "datasources.yaml: needs `apiVersion: 1` (Grafana skips the file)" }, "\(problems)")
    }
}
