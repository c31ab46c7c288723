import AsyncHTTPClient
import ConfigurationChecks
import Foundation
import HarnessSupport
import HarnessTestSupport
import OTLPReceiver
import Scenarios
import StackConfiguration
import TelemetryQueries
import Testing

/// The project's dashboards against the metrics the real demo service sends to the fake
/// receiver: every query selects a series the collector's prometheus exporter would expose.
@Suite("Dashboards against received metrics")
struct DashboardInventoryTests {
    static let launcher = DemoServiceLauncher(executable: BuiltProducts.folder.appendingPathComponent("DemoService"))

    /// The metrics the demo service exports after some traffic, once the instruments every
    /// dashboard needs have arrived (or the deadline passes).
    static func receivedInventory() async throws -> MetricInventory {
        let receiver = try await OTLPReceiver.start()
        do {
            let service = try await launcher.launch(collectorOTLP: receiver.grpcEndpoint)
            let failures = try await ConformanceFixtures.sendPipelineRequests(to: service.url, count: 5)
            #expect(failures.isEmpty, "statuses: \(failures)")
            let wanted: Set<String> = ["pipeline.requests", "pipeline.stage.duration", "http.server.request.duration"]
            // Woken by each export the receiver records, until the instruments are all there.
            let arrived = try? await receiver.wait(for: "the metrics \(wanted.sorted())", timeout: .seconds(60)) { telemetry in
                Set(telemetry.allMetrics.map(\.name)).isSuperset(of: wanted) ? true : nil
            }
            _ = await service.stop(within: .seconds(10))
            #expect(arrived == true, "received only \(Set(receiver.allMetrics.map(\.name)).sorted())")
            let inventory = MetricInventory(metrics: receiver.allMetrics)
            await receiver.stop()
            return inventory
        } catch {
            await receiver.stop()
            throw error
        }
    }

    @Test("every query of the project's dashboards selects a series the demo service emits, and a bogus one is caught")
    func projectDashboards() async throws {
        let inventory = try await Self.receivedInventory()
        let report = ConfigurationChecker(options: .init(metricInventory: inventory)).check([
            ConformanceFixtures.repository.appendingPathComponent("compose")
        ])
        #expect(report.findings.isEmpty, "\(report.findings.map(\.description).joined(separator: "\n"))")

        let copy = try ConformanceFixtures.copyOfStack()
        defer { try? FileManager.default.removeItem(at: copy) }
        let dashboard = copy.appendingPathComponent("Fixtures/stack/grafana/dashboards/bogus.json")
        try Data(
            #"""
            {"uid": "bogus", "title": "Bogus", "panels": [
              {"type": "timeseries", "title": "Requests", "datasource": {"uid": "prometheus"},
               "targets": [{"expr": "sum(rate(pipeline_request_total[$__rate_interval]))"}]}]}
            """#.utf8
        ).write(to: dashboard)
        let broken = ConfigurationChecker(options: .init(metricInventory: inventory)).check([copy.appendingPathComponent("compose")])
        #expect(broken.findings.map(\.rule) == ["dashboard/unknown-metric"])
        #expect(
            broken.findings.first?.message
                == #"panel "Requests" queries pipeline_request_total, which the service does not emit; the closest series is pipeline_requests_total"#
        )
        #expect(broken.findings.first?.line == 3)
    }
}
