import Foundation
import OTLPWire
import TelemetryModel
import Testing

/// The requests the Python OpenTelemetry SDK exporters really sent (see
/// `Fixtures/otlp/python-sdk/EXPECTED.md`), decoded from protobuf and from JSON.
@Suite("Python SDK fixtures")
struct PythonSDKFixtureTests {
    static let traceID = TraceID(hex: "0af7651916cd43dd8448eb211c80319c")!
    static let rootSpanID = SpanID(hex: "b7ad6b7169203331")!
    static let t0: UInt64 = 1_767_225_600_000_000_000

    static func traces() throws -> (protobuf: TracesData, json: OTLPDecoded<TracesData>) {
        (
            try OTLPProtobuf.decodeTraces(Fixtures.data("otlp/python-sdk/traces.pb")),
            try OTLPJSONDecoder().decodeTraces(Fixtures.data("otlp/python-sdk/traces.json"))
        )
    }

    @Test("protobuf and JSON carry the same traces, and the JSON exporter needs no leniency")
    func tracesAgree() throws {
        let (protobuf, json) = try Self.traces()
        #expect(json.deviations.isEmpty)
        #expect(protobuf == json.value)
    }

    @Test("resource, scope and schema URLs")
    func tracesResourceAndScope() throws {
        let traces = try Self.traces().protobuf
        let group = try #require(traces.resourceSpans.first)
        #expect(traces.resourceSpans.count == 1)
        #expect(group.schemaURL == "https://opentelemetry.io/schemas/1.26.0")
        #expect(
            group.resource.attributes.keys == [
                "telemetry.sdk.language", "telemetry.sdk.name", "telemetry.sdk.version",
                "service.instance.id", "service.name", "service.version", "service.namespace",
            ]
        )
        #expect(group.resource.serviceName == "fixture-service")
        #expect(group.resource.attributes["telemetry.sdk.version"] == "1.45.1")
        let scope = try #require(group.scopeSpans.first)
        #expect(
            scope.scope
                == InstrumentationScope(
                    name: "fixture.pipeline",
                    version: "1.0.0",
                    attributes: ["scope.kind": "tracer", "scope.rank": 1]
                )
        )
        #expect(scope.schemaURL == "https://opentelemetry.io/schemas/1.26.0")
        #expect(scope.spans.map(\.name) == ["transcribe", "generate", "synthesize", "POST /v1/pipeline"])
    }

    @Test("the root span, every attribute kind, its event and its link")
    func rootSpan() throws {
        let root = try #require(try Self.traces().protobuf.spans.last)
        #expect(root.traceID == Self.traceID)
        #expect(root.spanID == Self.rootSpanID)
        #expect(root.parentSpanID == nil)
        #expect(root.traceState == "fixture=root,vendor=abc123")
        #expect(root.flags == .hasIsRemote)
        #expect(root.kind == .server)
        #expect(root.startTimeUnixNano == Self.t0)
        #expect(root.endTimeUnixNano == Self.t0 + 1_000_000_000)
        #expect(root.status == .ok)
        #expect(
            root.attributes == [
                "http.request.method": "POST",
                "url.path": "/v1/pipeline",
                "http.response.status_code": 200,
                "fixture.string": "héllo, wörld ✓",
                "fixture.bool": true,
                "fixture.int": 9_007_199_254_740_993,
                "fixture.negative_int": -42,
                "fixture.double": 3.14159,
                "fixture.string_array": ["alpha", "beta", ""],
                "fixture.bool_array": [true, false, true],
                "fixture.int_array": [1, -2, .int(Int64.max)],
                "fixture.double_array": [0.5, -1.25, 1e-09],
            ]
        )
        #expect(
            root.events == [
                SpanEvent(
                    name: "request.received",
                    timeUnixNano: Self.t0 + 1_000_000,
                    attributes: ["http.request.body.size": 2048, "client.streaming": false, "client.codec": "opus"]
                )
            ]
        )
        #expect(
            root.links == [
                SpanLink(
                    traceID: TraceID(hex: "4bf92f3577b34da6a3ce929d0e0e4736")!,
                    spanID: SpanID(hex: "53995c3f42cd8ad8")!,
                    attributes: ["link.reason": "batched-from", "messaging.batch.index": 3],
                    flags: [.hasIsRemote, .isRemote]
                )
            ]
        )
    }

    @Test("a child span with an error status and a recorded exception")
    func errorSpan() throws {
        let generate = try #require(try Self.traces().protobuf.spans.first { $0.name == "generate" })
        #expect(generate.spanID == SpanID(hex: "9a4c5e2f7d3b1e08"))
        #expect(generate.parentSpanID == Self.rootSpanID)
        #expect(generate.kind == .client)
        #expect(generate.status == .error("upstream model overloaded"))
        #expect(generate.durationNanoseconds == 440_000_000)
        let exception = try #require(generate.events.first)
        #expect(exception.name == "exception")
        #expect(exception.timeUnixNano == Self.t0 + 690_000_000)
        #expect(exception.attributes["exception.type"] == "RuntimeError")
        #expect(exception.attributes["exception.escaped"] == "False")
        #expect(exception.attributes["retry.count"] == 2)
    }

    @Test("metrics: sums, histograms, exponential histograms and gauges with exact points")
    func metrics() throws {
        let protobuf = try OTLPProtobuf.decodeMetrics(Fixtures.data("otlp/python-sdk/metrics.pb"))
        let json = try OTLPJSONDecoder().decodeMetrics(Fixtures.data("otlp/python-sdk/metrics.json"))
        #expect(json.deviations.isEmpty)
        #expect(protobuf == json.value)

        let metrics = protobuf.metrics
        #expect(
            metrics.map(\.name) == [
                "pipeline.requests", "pipeline.stage.duration", "pipeline.active_requests",
                "pipeline.payload.size", "pipeline.queue.utilization",
            ]
        )
        let collected = Self.t0 + 2_000_000_000

        guard case .sum(let requests) = metrics[0].data else {
            Issue.record("requests is \(metrics[0].data.kindName)")
            return
        }
        #expect(metrics[0].unit == "{request}")
        #expect(requests.isMonotonic && requests.aggregationTemporality == .delta)
        #expect(requests.dataPoints[0].attributes == ["http.route": "/v1/pipeline", "http.request.method": "POST"])
        #expect(requests.dataPoints[0].value == .int(3))
        #expect(requests.dataPoints[0].startTimeUnixNano == Self.t0 + 5_000_000)
        #expect(requests.dataPoints[0].timeUnixNano == collected)
        #expect(
            requests.dataPoints[0].exemplars == [
                Exemplar(
                    timeUnixNano: Self.t0 + 5_000_000,
                    value: .int(1),
                    spanID: Self.rootSpanID,
                    traceID: Self.traceID
                )
            ]
        )
        #expect(requests.dataPoints[1].value == .int(1))

        guard case .histogram(let duration) = metrics[1].data else {
            Issue.record("duration is \(metrics[1].data.kindName)")
            return
        }
        #expect(duration.aggregationTemporality == .cumulative)
        let generate = duration.dataPoints[1]
        #expect(generate.attributes == ["stage": "generate"])
        #expect(generate.count == 4)
        #expect(generate.sum == 2281.95)
        #expect(generate.min == 3.2 && generate.max == 1500)
        #expect(generate.explicitBounds == [0, 5, 10, 25, 50, 100, 250, 500, 1000])
        #expect(generate.bucketCounts == [0, 1, 0, 0, 1, 0, 0, 0, 1, 1])
        #expect(duration.dataPoints[0].exemplars.first?.filteredAttributes == ["model": "whisper-small"])
        #expect(duration.dataPoints[0].exemplars.first?.value == .double(240))
        #expect(duration.dataPoints[2].sum == 0 && duration.dataPoints[2].bucketCounts.first == 1)

        guard case .sum(let active) = metrics[2].data else {
            Issue.record("active is \(metrics[2].data.kindName)")
            return
        }
        #expect(!active.isMonotonic && active.aggregationTemporality == .cumulative)
        #expect(active.dataPoints.map(\.value) == [.int(2), .int(2)])

        guard case .exponentialHistogram(let sizes) = metrics[3].data else {
            Issue.record("sizes is \(metrics[3].data.kindName)")
            return
        }
        #expect(metrics[3].unit == "By")
        let incoming = sizes.dataPoints[0]
        #expect(incoming.count == 8 && incoming.sum == 6498 && incoming.min == 0 && incoming.max == 4096)
        #expect(incoming.scale == 0 && incoming.zeroCount == 1)
        #expect(incoming.positive.offset == -1)
        #expect(incoming.positive.bucketCounts == [1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0])
        #expect(incoming.negative == .init(offset: 0, bucketCounts: [0]))
        #expect(sizes.dataPoints[1].scale == 3 && sizes.dataPoints[1].positive == .init(offset: 71, bucketCounts: [1]))

        guard case .gauge(let utilization) = metrics[4].data else {
            Issue.record("utilization is \(metrics[4].data.kindName)")
            return
        }
        #expect(metrics[4].unit == "1")
        #expect(utilization.map(\.value) == [.double(0.75), .double(0.125)])
        #expect(utilization.map(\.startTimeUnixNano) == [0, 0])
    }

    @Test("logs: severities, string and structured bodies, trace correlation, event name")
    func logs() throws {
        let protobuf = try OTLPProtobuf.decodeLogs(Fixtures.data("otlp/python-sdk/logs.pb"))
        let json = try OTLPJSONDecoder().decodeLogs(Fixtures.data("otlp/python-sdk/logs.json"))
        #expect(json.deviations.isEmpty)
        #expect(protobuf == json.value)

        let records = protobuf.logRecords
        #expect(records.map(\.severityNumber) == [.info, .warn, .error, .info2])
        #expect(records.map(\.severityText) == ["INFO", "WARN", "ERROR", "INFO2"])

        #expect(records[0].body == "pipeline started")
        #expect(records[0].traceID == Self.traceID && records[0].spanID == Self.rootSpanID && records[0].flags == 1)
        #expect(records[0].timeUnixNano == Self.t0 + 2_000_000)
        #expect(records[0].observedTimeUnixNano == Self.t0 + 3_000_000)

        #expect(records[1].eventName == "pipeline.stage.retry")
        #expect(records[1].spanID == SpanID(hex: "9a4c5e2f7d3b1e08"))
        #expect(
            records[1].body
                == .keyValueList([
                    "stage": "generate",
                    "attempt": 2,
                    "latency_ms": 431.5,
                    "fallback": true,
                    "tags": ["slow", "retry"],
                    "raw": .bytes(Data([0x00, 0x01, 0xFE, 0xFF])),
                    "upstream": .keyValueList(["host": "llm.internal", "port": 8443]),
                ])
        )
        #expect(records[1].attributes["retry.reasons"] == ["timeout", "overloaded"])

        #expect(records[2].traceID == nil && records[2].spanID == nil)
        #expect(records[2].attributes["http.response.status_code"] == 503)
        #expect(records[3].attributes == ["pipeline.duration_ms": 1000.0, "pipeline.ok": false])
    }

    @Test("re-encoding the decoded fixtures reproduces the protobuf bytes exactly")
    func protobufReencoding() throws {
        let traces = try Fixtures.data("otlp/python-sdk/traces.pb")
        let metrics = try Fixtures.data("otlp/python-sdk/metrics.pb")
        let logs = try Fixtures.data("otlp/python-sdk/logs.pb")
        #expect(OTLPProtobuf.encode(try OTLPProtobuf.decodeTraces(traces)) == traces)
        #expect(OTLPProtobuf.encode(try OTLPProtobuf.decodeMetrics(metrics)) == metrics)
        #expect(OTLPProtobuf.encode(try OTLPProtobuf.decodeLogs(logs)) == logs)
    }
}
