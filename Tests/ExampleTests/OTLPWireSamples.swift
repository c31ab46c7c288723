// The Swift samples of the OTLPWire documentation (Sources/OTLPWire/OTLPWire.docc) and the
// TelemetryTesting sample of telemetry decoded from OTLP, compiled and run as tests.

import Foundation
import HarnessTestSupport
import OTLPWire
import TelemetryModel
import TelemetryTesting

@Suite("Documentation samples: OTLPWire")
struct OTLPWireSamples {
    @Test("decode and encode protobuf and OTLP/JSON")
    func decodeAndEncode() throws {
        let body = try Data(contentsOf: Repository.fixtures("otlp/python-sdk/traces.pb"))
        let json = try Data(contentsOf: Repository.fixtures("otlp/python-sdk/traces.json"))

        // Protobuf (application/x-protobuf, and gRPC message bodies)
        let traces: TracesData = try OTLPProtobuf.decodeTraces(body)
        let bytes: Data = OTLPProtobuf.encode(traces)

        // OTLP/JSON (application/json)
        let decoded = try OTLPJSONDecoder().decodeTraces(json)  // strict by default
        let servers = decoded.value.spans.filter { $0.kind == .server }
        let text: Data = OTLPJSONEncoder.encode(decoded.value)

        #expect(bytes == body)
        #expect(decoded.value == traces)
        #expect(servers.map(\.name) == ["POST /v1/pipeline"])
        #expect(try OTLPJSONDecoder().decodeTraces(text).value == traces)
    }

    @Test("strict mode rejects base64 ids, lenient mode reports each one")
    func lenientDecoding() throws {
        let body = try Data(contentsOf: Repository.fixtures("otlp/json-edge-cases/base64-ids.json"))

        #expect(throws: OTLPDecodingError.self) { try OTLPJSONDecoder().decodeTraces(body) }
        let decoded = try OTLPJSONDecoder(mode: .lenient).decodeTraces(body)
        let messages = decoded.deviations.map(\.description)  // one per id, five here:
        // resourceSpans[0].scopeSpans[0].spans[0].traceId: id "J4p1CdrWLScHUid0MyFyEA==" is base64; OTLP/JSON requires hex …

        #expect(messages.count == 5)
        #expect(decoded.deviations.first?.path == "resourceSpans[0].scopeSpans[0].spans[0].traceId")
        #expect(decoded.deviations.first?.reason == .base64ID(text: "J4p1CdrWLScHUid0MyFyEA=="))
    }

    @Test("telemetry decoded from OTLP answers the same queries as a capture", .capturingTelemetry)
    func receivedTelemetry() async throws {
        try await checkout(cart: ["book"])
        let telemetry = try #require(TelemetryCapture.current)
        try await telemetry.waitForSpans(count: 2)
        let body = OTLPProtobuf.encode(telemetry.data.traces)

        let received = TelemetryData(traces: try OTLPProtobuf.decodeTraces(body))
        try received.requireTrace {
            ExpectedSpan("checkout", kind: .server) { ExpectedSpan("charge card") }
        }
    }
}
