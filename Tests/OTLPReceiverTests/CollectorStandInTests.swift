import AsyncHTTPClient
import Foundation
import NIOHTTP1
import OTLPReceiver
import Testing

/// The receiver standing in for the collector's prometheus exporter, the trace backend and the
/// file exporter, fed with the Python SDK's real requests.
@Suite("Collector and trace backend stand-in")
struct CollectorStandInTests {
    static func feed(_ receiver: OTLPReceiver) async throws {
        for signal in ["traces", "metrics", "logs"] {
            let answer = try await HTTPBehaviourTests.post(
                receiver,
                path: "/v1/\(signal)",
                body: HTTPBehaviourTests.fixture("python-sdk/\(signal).pb")
            )
            #expect(answer.status == 200)
        }
    }

    static func get(_ receiver: OTLPReceiver, _ path: String, accept: String? = nil) async throws -> HTTPBehaviourTests.Answer {
        try await HTTPBehaviourTests.post(receiver, path: path, method: .GET, body: Data(), headers: accept.map { [("Accept", $0)] } ?? [])
    }

    @Test("GET /metrics exposes received metrics under the collector's Prometheus names")
    func prometheus() async throws {
        try await withOTLPReceiver { receiver in
            try await Self.feed(receiver)
            let text = try await Self.get(receiver, "/metrics")
            #expect(text.status == 200)
            #expect(text.headers.first(name: "content-type")?.hasPrefix("text/plain; version=0.0.4") == true)
            let body = String(decoding: text.body, as: UTF8.self)
            #expect(body.contains("# TYPE pipeline_requests_total counter"))
            #expect(
                body.contains(
                    #"pipeline_requests_total{http_request_method="POST",http_route="/v1/pipeline",instance="instance-1",job="fixtures/fixture-service",otel_scope_name="fixture.meter",otel_scope_schema_url="https://opentelemetry.io/schemas/1.26.0",otel_scope_scope_kind="meter",otel_scope_version="3.0.0"} 3"#
                )
            )
            #expect(body.contains("pipeline_stage_duration_milliseconds_bucket{"))
            #expect(body.contains("pipeline_queue_utilization_ratio{"))
            #expect(body.contains(#"target_info{instance="instance-1",job="fixtures/fixture-service""#))
            let openMetrics = try await Self.get(receiver, "/metrics", accept: "application/openmetrics-text; version=1.0.0")
            #expect(String(decoding: openMetrics.body, as: UTF8.self).hasSuffix("# EOF\n"))
        }
    }

    @Test("the Jaeger query API, classic and v3, serves received traces")
    func jaeger() async throws {
        try await withOTLPReceiver { receiver in
            try await Self.feed(receiver)
            let services = try JSONSerialization.jsonObject(with: try await Self.get(receiver, "/api/services").body) as? [String: Any]
            #expect(services?["data"] as? [String] == ["fixture-service"])
            let traces =
                try JSONSerialization.jsonObject(with: try await Self.get(receiver, "/api/traces?service=fixture-service").body) as? [String: Any]
            let trace = (traces?["data"] as? [[String: Any]])?.first
            #expect(trace?["traceID"] as? String == "0af7651916cd43dd8448eb211c80319c")
            #expect((trace?["spans"] as? [Any])?.count == 4)
            #expect(try await Self.get(receiver, "/api/traces").status == 400)

            let v3Services = try JSONSerialization.jsonObject(with: try await Self.get(receiver, "/api/v3/services").body) as? [String: Any]
            #expect(v3Services?["services"] as? [String] == ["fixture-service"])
            let v3 = try await Self.get(receiver, "/api/v3/traces?query.service_name=fixture-service")
            #expect(v3.status == 200)
            let result = (try JSONSerialization.jsonObject(with: v3.body) as? [String: Any])?["result"] as? [String: Any]
            #expect((result?["resourceSpans"] as? [Any])?.count == 1)
            #expect(try await Self.get(receiver, "/api/v3/traces?query.service_name=nobody").status == 404)
        }
    }

    @Test("accepted telemetry is appended to the file export as OTLP/JSON lines")
    func fileExport() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UInt64.random(in: 0 ... .max)).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await withOTLPReceiver(configuration: .init(fileExportPath: path)) { receiver in
            try await Self.feed(receiver)
            _ = try await HTTPBehaviourTests.post(receiver, body: Data([0xFF]))  // rejected: not exported
            #expect(receiver.fileExportFailures == 0)
        }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix(#"{"resourceSpans":"#) == true)
        #expect(lines.dropFirst().first?.hasPrefix(#"{"resourceMetrics":"#) == true)
    }

    @Test("a file export that cannot be opened stops the receiver from starting, naming the path")
    func unwritableFileExport() async throws {
        await #expect {
            try await OTLPReceiver.start(.init(fileExportPath: "/nonexistent-dir/export.jsonl"))
        } throws: { error in
            "\(error)".contains("/nonexistent-dir/export.jsonl")
        }
    }
}
