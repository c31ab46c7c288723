import AsyncHTTPClient
import Foundation
import HarnessSupport
import HarnessTestSupport
import NIOHTTP1
import OTLPReceiver
import OTLPWire
import TelemetryModel
import TelemetryTesting
import Testing

/// The demo service, a real process instrumented with swift-otel, against the fake receiver.
@Suite("Demo service")
struct DemoServiceTests {
    static func start(exportingTo receiver: OTLPReceiver, environment: [String: String] = [:]) async throws -> (ServiceProcess, Int) {
        var variables = [
            "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.grpcEndpoint,
            "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc",
            "OTEL_BSP_SCHEDULE_DELAY": "100",
            "OTEL_BLRP_SCHEDULE_DELAY": "100",
            "OTEL_METRIC_EXPORT_INTERVAL": "500",
            "DEMO_SHUTDOWN_TIMEOUT": "3",
        ]
        variables.merge(environment) { $1 }
        let service = try await ServiceProcess.start(
            executable: BuiltProducts.executable("DemoService"),
            arguments: ["--port", "0", "--port-file", "{port-file}"],
            environment: variables
        )
        let port = try #require(URLComponents(string: service.url)?.port)
        return (service, port)
    }

    static func request(_ port: Int, _ path: String, method: HTTPMethod = .GET) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        if method == .POST { request.body = .bytes(.init(string: "transcribe this audio")) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body))
    }

    @Test("a pipeline request yields the expected trace, metrics and correlated logs at the collector")
    func pipelineIsObservable() async throws {
        try await withOTLPReceiver { receiver in
            let (service, port) = try await Self.start(exportingTo: receiver)
            #expect(try await Self.request(port, "/v1/pipeline", method: .POST).0 == 200)

            let root = await receiver.expectTrace(timeout: .seconds(30)) {
                ExpectedSpan("/v1/pipeline", kind: .server, attributes: ["http.request.method": "POST", "http.response.status_code": 200]) {
                    ExpectedSpan("transcribe", attributes: ["pipeline.stage": "transcribe"])
                    ExpectedSpan("generate", attributes: ["pipeline.stage": "generate"])
                    ExpectedSpan("synthesize", attributes: ["pipeline.stage": "synthesize"])
                }
            }
            let telemetry = try await receiver.wait(for: "metrics and logs", timeout: .seconds(30)) { telemetry in
                telemetry.total(of: "pipeline.requests") != nil
                    && telemetry.logRecords.contains { $0.body == "pipeline finished" } ? telemetry : nil
            }
            #expect(telemetry.traces.resourceSpans.first?.resource.serviceName == "demo-service")
            #expect(telemetry.total(of: "pipeline.requests", where: ["outcome": "ok"]) == 1)
            #expect(telemetry.total(of: "pipeline.stage.completed", where: ["stage": "generate"]) == 1)
            #expect(telemetry.histogram("pipeline.stage.duration", where: ["stage": "synthesize"])?.count == 1)
            let started = try #require(telemetry.logRecords.first { $0.body == "pipeline started" })
            #expect(started.traceID == root?.traceID)
            #expect(await service.stop(within: .seconds(30)).termination == .exited(0))
        }
    }

    @Test("with the collector gone, the service answers every request and still stops in time")
    func collectorDown() async throws {
        try await withOTLPReceiver { receiver in
            let (service, port) = try await Self.start(exportingTo: receiver)
            await receiver.stopListening()
            for _ in 0..<5 {
                #expect(try await Self.request(port, "/health/live").0 == 200)
                #expect(try await Self.request(port, "/health/ready").0 == 200)
                #expect(try await Self.request(port, "/v1/pipeline", method: .POST).0 == 200)
            }
            let stop = await service.stop(within: .seconds(30))
            #expect(stop.termination == .exited(0), "did not exit in time:\n\(service.output)")
        }
    }

    /// swift-otel 1.6.0's gRPC exporter never finishes shutting down against a collector that
    /// accepts connections and never answers (DESIGN.md); the service's own deadline ends it.
    @Test("against a black hole, the shutdown deadline ends the service")
    func blackHole() async throws {
        try await withOTLPReceiver { receiver in
            receiver.faultPlan = FaultPlan([FaultRule(.stall())])
            let (service, port) = try await Self.start(exportingTo: receiver, environment: ["DEMO_SHUTDOWN_TIMEOUT": "2"])
            #expect(try await Self.request(port, "/v1/pipeline", method: .POST).0 == 200)
            _ = try await receiver.wait(for: "a stalled export", timeout: .seconds(30)) { _ in receiver.requests.isEmpty ? nil : true }
            let stop = await service.stop(within: .seconds(20))
            #expect(stop.termination == .exited(0), "did not exit within 20 s:\n\(service.output)")
            #expect(stop.took < .seconds(10))
        }
    }
}
