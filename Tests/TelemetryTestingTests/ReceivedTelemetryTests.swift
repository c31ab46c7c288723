import Foundation
import HarnessTestSupport
import OTLPWire
import TelemetryModel
import TelemetryTesting
import Testing

/// The same queries, assertions and renderings work on telemetry decoded from OTLP: here the
/// requests the real Python SDK exporters sent (Fixtures/otlp/python-sdk).
@Suite("Queries on received OTLP telemetry")
struct ReceivedTelemetryTests {
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: Repository.fixtures("otlp/python-sdk/\(name)"))
    }

    @Test("the Python SDK's pipeline trace matches the tree DSL and renders deterministically")
    func pythonTrace() throws {
        let telemetry = TelemetryData(
            traces: try OTLPProtobuf.decodeTraces(Self.fixture("traces.pb")),
            metrics: try OTLPProtobuf.decodeMetrics(Self.fixture("metrics.pb")),
            logs: try OTLPProtobuf.decodeLogs(Self.fixture("logs.pb"))
        )
        let root = telemetry.expectTrace {
            ExpectedSpan(
                "POST /v1/pipeline",
                kind: .server,
                status: .ok,
                attributes: ["http.request.method": "POST"],
                events: ["request.received"]
            ) {
                ExpectedSpan("transcribe", kind: .internal)
                ExpectedSpan("generate", kind: .client, status: .error, events: ["exception"])
                ExpectedSpan("synthesize")
            }
        }
        let span = try #require(root)
        #expect(telemetry.logRecords(correlatedWith: span).map(\.body) == ["pipeline started"])
        #expect(telemetry.total(of: "pipeline.requests", where: ["http.request.method": "POST"]) == 3)
        #expect(telemetry.histogram("pipeline.stage.duration", where: ["stage": "generate"])?.count == 4)
        #expect(telemetry.gaugeValue(of: "pipeline.queue.utilization", where: ["queue": "text"]) == 0.125)
        telemetry.expectTraceSnapshot(named: "python-sdk-pipeline")
    }
}
