import Foundation
import OTLPWire
import TelemetryModel
import Testing

/// Model → wire → model must give back exactly the model, for every generated value.
@Suite("Round trips over generated telemetry")
struct RoundTripTests {
    /// 300 seeds per signal and encoding; a failure names its seed, so it can be replayed alone.
    static let seeds: [UInt64] = Array(1...300)

    @Test("traces survive protobuf and OTLP/JSON unchanged")
    func traces() throws {
        for seed in Self.seeds {
            var generator = TelemetryGenerator(seed: seed)
            let traces = generator.traces()
            #expect(try OTLPProtobuf.decodeTraces(OTLPProtobuf.encode(traces)) == traces, "seed \(seed), protobuf")
            let json = try OTLPJSONDecoder().decodeTraces(OTLPJSONEncoder.encode(traces))
            #expect(json.value == traces, "seed \(seed), JSON")
            #expect(json.deviations.isEmpty, "seed \(seed): our own JSON needs no leniency")
        }
    }

    @Test("metrics survive protobuf and OTLP/JSON unchanged")
    func metrics() throws {
        for seed in Self.seeds {
            var generator = TelemetryGenerator(seed: seed)
            let metrics = generator.metrics()
            #expect(try OTLPProtobuf.decodeMetrics(OTLPProtobuf.encode(metrics)) == metrics, "seed \(seed), protobuf")
            let json = try OTLPJSONDecoder().decodeMetrics(OTLPJSONEncoder.encode(metrics))
            #expect(json.value == metrics, "seed \(seed), JSON")
            #expect(json.deviations.isEmpty, "seed \(seed): our own JSON needs no leniency")
        }
    }

    @Test("logs survive protobuf and OTLP/JSON unchanged")
    func logs() throws {
        for seed in Self.seeds {
            var generator = TelemetryGenerator(seed: seed)
            let logs = generator.logs()
            #expect(try OTLPProtobuf.decodeLogs(OTLPProtobuf.encode(logs)) == logs, "seed \(seed), protobuf")
            let json = try OTLPJSONDecoder().decodeLogs(OTLPJSONEncoder.encode(logs))
            #expect(json.value == logs, "seed \(seed), JSON")
            #expect(json.deviations.isEmpty, "seed \(seed): our own JSON needs no leniency")
        }
    }

    @Test("the model's own Codable form round-trips too")
    func codable() throws {
        for seed in Self.seeds.prefix(50) {
            var generator = TelemetryGenerator(seed: seed)
            let logs = generator.logs()
            let encoder = JSONEncoder()
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")
            #expect(try decoder.decode(LogsData.self, from: encoder.encode(logs)) == logs, "seed \(seed)")
        }
    }

    @Test("OTLP/JSON output follows the mapping: hex ids, integer enums, 64-bit integers as strings")
    func jsonShape() throws {
        let span = Span(
            traceID: TraceID(hex: "0AF7651916CD43DD8448EB211C80319C")!,
            spanID: SpanID(hex: "B7AD6B7169203331")!,
            name: "n",
            kind: .server,
            startTimeUnixNano: 1_767_225_600_000_000_001,
            attributes: ["big": .int(Int64.max)],
            status: .error("x")
        )
        let text = String(
            decoding: OTLPJSONEncoder.encode(TracesData(resourceSpans: [ResourceSpans(scopeSpans: [ScopeSpans(spans: [span])])])),
            as: UTF8.self
        )
        #expect(text.contains(#""traceId":"0af7651916cd43dd8448eb211c80319c""#))
        #expect(text.contains(#""spanId":"b7ad6b7169203331""#))
        #expect(text.contains(#""kind":2"#))
        #expect(text.contains(#""startTimeUnixNano":"1767225600000000001""#))
        #expect(text.contains(#""intValue":"9223372036854775807""#))
        #expect(text.contains(#""status":{"message":"x","code":2}"#))
    }
}
