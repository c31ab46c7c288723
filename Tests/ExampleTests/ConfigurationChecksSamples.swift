// The Swift samples of the ConfigurationChecks documentation
// (Sources/ConfigurationChecks/ConfigurationChecks.docc), compiled and run as tests.

import AsyncHTTPClient
import ConfigurationChecks
import Foundation
import HarnessTestSupport
import OTLPReceiver
import Scenarios
import TelemetryTesting

@Suite("Documentation samples: ConfigurationChecks")
struct ConfigurationChecksSamples {
    /// The folder of the project's compose file, which mounts the collector, Prometheus and
    /// Grafana files of `Fixtures/stack`.
    static let stackFolder = Repository.file("compose")

    @Test("the project's stack has no error")
    func projectStack() {
        let stackFolder = Self.stackFolder

        let report = ConfigurationChecker().check([stackFolder])
        #expect(!report.hasErrors, "\(FindingsFormat.text.render(report))")
    }

    @Test("the project's dashboards select only series the demo service emits")
    func dashboardsAgainstReceivedMetrics() async throws {
        let stackFolder = Self.stackFolder
        try await withOTLPReceiver { receiver in
            try await Self.runDemoService(exportingTo: receiver)

            let inventory = MetricInventory(metrics: receiver.allMetrics)
            let report = ConfigurationChecker(options: .init(metricInventory: inventory)).check([stackFolder])
            #expect(!report.hasErrors, "\(FindingsFormat.text.render(report))")
        }
    }

    /// Runs the demo service exporting to `receiver`, sends it a few pipeline requests, and
    /// stops it once its metrics have arrived.
    static func runDemoService(exportingTo receiver: OTLPReceiver) async throws {
        let launcher = DemoServiceLauncher(executable: try BuiltProducts.executable("DemoService"))
        let service = try await launcher.launch(collectorOTLP: receiver.grpcEndpoint)
        for _ in 0..<3 {
            var request = HTTPClientRequest(url: service.url + "/v1/pipeline")
            request.method = .POST
            request.body = .bytes(Array("transcribe this audio clip".utf8))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
        }
        let wanted: Set = ["pipeline.requests", "pipeline.stage.duration", "http.server.request.duration"]
        _ = try await receiver.wait(for: "the demo service's metrics", timeout: .seconds(30)) { data in
            Set(data.allMetrics.map(\.name)).isSuperset(of: wanted) ? true : nil
        }
        _ = await service.stop(within: .seconds(10))
    }
}
