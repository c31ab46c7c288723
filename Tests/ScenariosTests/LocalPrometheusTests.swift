import AsyncHTTPClient
import Foundation
import HarnessSupport
import HarnessTestSupport
import NIOCore
import OTLPReceiver
import Scenarios
import Testing

/// The real Prometheus scraping the receiver's collector-style /metrics: the core of the
/// local driver's scrape scenario.
@Suite("Local Prometheus")
struct LocalPrometheusTests {
    @Test("Prometheus scrapes received metrics under their collector names, and reports a wrong port as down")
    func scrape() async throws {
        try await withOTLPReceiver { receiver in
            let fixture = Repository.fixtures("otlp/python-sdk/metrics.pb")
            var request = HTTPClientRequest(url: receiver.httpEndpoint + "/v1/metrics")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-protobuf")
            request.body = .bytes(ByteBuffer(bytes: try Data(contentsOf: fixture)))
            #expect(try await HTTPClient.shared.execute(request, timeout: .seconds(10)).status == .ok)

            let prometheus = try await LocalPrometheus.start(jobs: [
                .init(name: "collector", targets: ["127.0.0.1:\(receiver.httpPort)"]),
                .init(name: "wrong-port", targets: ["127.0.0.1:1"]),
            ])
            do {
                let samples = try await poll("the first scrape did not land", within: .seconds(30), every: .milliseconds(200)) {
                    () -> Observation<[PrometheusClient.Sample]> in
                    let samples = try await prometheus.query(#"pipeline_requests_total{http_route="/v1/pipeline"}"#)
                    return samples.isEmpty ? .notYet("no pipeline_requests_total series yet") : .done(samples)
                }
                #expect(samples.first?.value == 3)
                // honor_labels keeps the job the collector derived from service.namespace/service.name.
                #expect(samples.first?.labels["job"] == "fixtures/fixture-service")
                let targets = try await prometheus.targets()
                #expect(targets.first { $0.url.contains(":\(receiver.httpPort)/") }?.health == "up")
                let wrong = targets.first { $0.job == "wrong-port" }
                #expect(wrong?.health == "down" || wrong?.health == "unknown")
                if wrong?.health == "down" { #expect(wrong?.lastError.isEmpty == false) }
            } catch {
                await prometheus.stop()
                throw error
            }
            await prometheus.stop()
        }
    }
}
