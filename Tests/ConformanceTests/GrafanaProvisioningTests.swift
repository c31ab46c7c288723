import Foundation
import StackConfiguration
import Testing

@Suite("Grafana provisioning rules")
struct GrafanaProvisioningTests {
    @Test("the project's own provisioning has no finding, three dashboards and Prometheus queries")
    func projectProvisioning() throws {
        let provisioning = try GrafanaProvisioning.load(composeFile: ConformanceFixtures.composeFile)
        #expect(provisioning.findings.isEmpty, "\(provisioning.findings)")
        #expect(provisioning.dashboards.count >= 3)
        #expect(Set(provisioning.datasources.map(\.uid)) == ["prometheus", "jaeger"])
        for dashboard in provisioning.dashboards {
            #expect(dashboard.panels.allSatisfy { ["timeseries", "stat"].contains($0.type) }, "\(dashboard.uid)")
            #expect(dashboard.panels.flatMap(\.queries).allSatisfy { !PromQL.metricNames(in: $0.expr).isEmpty })
        }
    }

    @Test("a wrapped dashboard, an Angular panel, an unknown datasource and duplicate uids are each reported at their line")
    func brokenDashboards() throws {
        let copy = try ConformanceFixtures.copyOfStack()
        defer { try? FileManager.default.removeItem(at: copy) }
        let dashboards = copy.appendingPathComponent("Fixtures/stack/grafana/dashboards")
        try Data(#"{"dashboard": {"uid": "wrapped", "title": "Wrapped", "panels": []}}"#.utf8).write(
            to: dashboards.appendingPathComponent("wrapped.json")
        )
        try Data(
            #"""
            {"uid": "demo-http-server", "title": "Old", "panels": [
              {"type": "graph", "title": "Legacy", "datasource": {"uid": "prometheus"}, "targets": [{"expr": "up"}]},
              {"type": "timeseries", "title": "Elsewhere", "datasource": {"uid": "loki"}, "targets": [{"expr": "up"}]}]}
            """#.utf8
        ).write(to: dashboards.appendingPathComponent("old.json"))
        let findings = try GrafanaProvisioning.load(composeFile: copy.appendingPathComponent("compose/docker-compose.yml")).findings
        func finding(_ rule: String, in file: String) -> Finding? { findings.first { $0.rule == rule && $0.file.hasSuffix(file) } }
        #expect(finding("grafana/wrapped-dashboard", in: "wrapped.json")?.line == 1, "\(findings)")
        let angular = finding("grafana/angular-panel", in: "old.json")
        #expect(angular?.message == "panel \"Legacy\" has type graph, an Angular panel Grafana 12 removed")
        #expect(angular?.line == 2)
        #expect(angular?.fix == "Use the `timeseries` panel.")
        #expect(
            finding("grafana/unknown-datasource", in: "old.json")?.message.contains(
                "panel \"Elsewhere\" uses datasource uid loki, which is not provisioned"
            ) == true
        )
        #expect(finding("grafana/unknown-datasource", in: "old.json")?.line == 3)
        #expect(finding("grafana/duplicate-uid", in: "old.json")?.message.contains("uid demo-http-server is also used by") == true, "\(findings)")
    }

    @Test("a provider path that is not mounted and a datasource file without apiVersion are reported")
    func unmountedProvider() throws {
        let copy = try ConformanceFixtures.copyOfStack()
        defer { try? FileManager.default.removeItem(at: copy) }
        let compose = copy.appendingPathComponent("compose/docker-compose.yml")
        let text = try String(contentsOf: compose, encoding: .utf8)
            .replacingOccurrences(
                of: "../Fixtures/stack/grafana/dashboards:/var/lib/grafana/dashboards:ro",
                with: "../Fixtures/stack/grafana/dashboards:/srv/dashboards:ro"
            )
        try Data(text.utf8).write(to: compose)
        let datasources = copy.appendingPathComponent("Fixtures/stack/grafana/provisioning/datasources/datasources.yaml")
        let yaml = try String(contentsOf: datasources, encoding: .utf8).replacingOccurrences(of: "apiVersion: 1", with: "")
        try Data(yaml.utf8).write(to: datasources)
        let findings = try GrafanaProvisioning.load(composeFile: compose).findings
        #expect(
            findings.contains {
                $0.rule == "grafana/provider-path-not-mounted"
                    && $0.message.contains("provider demo-service's path /var/lib/grafana/dashboards is not mounted into grafana")
            },
            "\(findings)"
        )
        #expect(findings.contains { $0.rule == "grafana/api-version" && $0.file.hasSuffix("datasources.yaml") }, "\(findings)")
    }
}
