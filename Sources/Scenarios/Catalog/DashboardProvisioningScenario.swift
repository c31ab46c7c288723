import Foundation
import HarnessSupport
import StackConfiguration

/// Scenario 7: every dashboard loads under Grafana's provisioning rules, every datasource it
/// references is provisioned, and every panel query returns data from Prometheus after traffic
/// (with Grafana in the stack, also through Grafana's API).
public struct DashboardProvisioningScenario: Scenario {
    public let name = "dashboard-provisioning"
    public let summary = "every provisioned dashboard loads and every panel query returns data"
    /// The scenario.
    public init() {}

    /// A panel query, where it comes from and what Prometheus receives.
    struct Query {
        var place: String
        var expr: String
        var datasourceUID: String
        var promQL: String { PromQL.substitutingGrafanaVariables(expr) }
    }

    public func run(on stack: any RunningStack, context: ScenarioContext) async throws -> String {
        guard let dashboards = context.plan.dashboards else {
            throw ScenarioSkipped("the stack file has no dashboards section (dashboards.compose_file locates Grafana's provisioning)")
        }
        let composeFile = context.plan.resolve(dashboards.composeFile)
        let provisioning: GrafanaProvisioning
        do {
            provisioning = try GrafanaProvisioning.load(composeFile: composeFile, service: dashboards.grafanaService)
        } catch {
            throw ScenarioFailure(error.message)
        }
        guard provisioning.errors.isEmpty else {
            throw ScenarioFailure(
                "Grafana would not provision the dashboards as written:\n" + provisioning.errors.map { "  - \($0)" }.joined(separator: "\n")
            )
        }
        let prometheusUIDs = Set(provisioning.datasources.filter { $0.type == "prometheus" }.map(\.uid))
        let queries = provisioning.dashboards.flatMap { dashboard in
            dashboard.panels.flatMap { panel in
                panel.queries.compactMap { query -> Query? in
                    guard let uid = query.datasourceUID, prometheusUIDs.contains(uid) else { return nil }
                    return Query(place: "\(dashboard.file.lastPathComponent) panel \"\(panel.title)\"", expr: query.expr, datasourceUID: uid)
                }
            }
        }
        guard !queries.isEmpty else { throw ScenarioFailure("the dashboards have no Prometheus query to check") }

        let prometheus = PrometheusClient(endpoint: try stack.endpoints.require(\.prometheus, "Prometheus"), client: context.client)
        try await context.traffic(on: stack).sendAll(context.plan.traffic)
        try await poll("not every panel query returned data from Prometheus", within: context.settings.pollTimeout) { () -> Observation<Void> in
            var empty: [String] = []
            for query in queries {
                do {
                    if try await prometheus.query(query.promQL).isEmpty { empty.append("\(query.place): `\(query.expr)` returned no data") }
                } catch {
                    empty.append("\(query.place): `\(query.expr)` failed: \(error)")
                }
            }
            guard empty.isEmpty else { return .notYet(try await explain(empty, queries: queries, prometheus: prometheus)) }
            return .done(())
        }

        if let grafana = stack.endpoints.grafana {
            try await checkThroughGrafana(GrafanaClient(endpoint: grafana, client: context.client), provisioning, queries, context)
        }
        let panels = provisioning.dashboards.map(\.panels.count).reduce(0, +)
        return "\(provisioning.dashboards.count) dashboards, \(panels) panels, \(queries.count) queries returned data"
            + (stack.endpoints.grafana == nil
                ? " (from Prometheus; no Grafana in the \(stack.driverName) stack)" : " (from Prometheus and through Grafana)")
    }

    /// The empty queries, with the metric names in them that Prometheus has never seen.
    private func explain(_ empty: [String], queries: [Query], prometheus: PrometheusClient) async throws -> String {
        let known = Set(try await prometheus.metricNames())
        var lines = empty
        var users: [String: [String]] = [:]
        for query in queries {
            for name in PromQL.metricNames(in: query.promQL) where !known.contains(name) { users[name, default: []].append(query.place) }
        }
        for (name, places) in users.sorted(by: { $0.key < $1.key }) {
            lines.append("metric \(name) does not exist in Prometheus (used by \(places.joined(separator: ", ")))")
        }
        return lines.joined(separator: "\n")
    }

    private func checkThroughGrafana(
        _ grafana: GrafanaClient,
        _ provisioning: GrafanaProvisioning,
        _ queries: [Query],
        _ context: ScenarioContext
    ) async throws {
        try await poll("Grafana did not serve every provisioned dashboard and datasource", within: context.settings.pollTimeout) {
            () -> Observation<Void> in
            var missing: [String] = []
            for dashboard in provisioning.dashboards where try await grafana.dashboardStatus(dashboard.uid) != 200 {
                missing.append("dashboard \(dashboard.uid)")
            }
            for datasource in provisioning.datasources where try await grafana.datasourceStatus(datasource.uid) != 200 {
                missing.append("datasource \(datasource.uid)")
            }
            return missing.isEmpty ? .done(()) : .notYet("Grafana does not have: \(missing.joined(separator: ", "))")
        }
        try await poll("not every panel query returned data through Grafana", within: context.settings.pollTimeout) { () -> Observation<Void> in
            var empty: [String] = []
            for query in queries {
                do {
                    if try await grafana.valueCount(expr: query.expr, datasourceUID: query.datasourceUID) == 0 {
                        empty.append("\(query.place): `\(query.expr)` returned no data through Grafana")
                    }
                } catch {
                    empty.append("\(query.place): `\(query.expr)` failed through Grafana: \(error)")
                }
            }
            return empty.isEmpty ? .done(()) : .notYet(empty.joined(separator: "\n"))
        }
    }
}
