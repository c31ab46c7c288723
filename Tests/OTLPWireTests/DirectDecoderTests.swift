import Foundation
import TelemetryModel
import Testing

@testable import OTLPWire

/// The direct protobuf decoder against the generated messages: the same model for every request
/// it decodes, and a hand-over (nil) for everything it leaves to them.
@Suite("Direct protobuf decoder")
struct DirectDecoderTests {
    @Test("generated traces decode directly to the model they were encoded from, as through the generated messages")
    func roundTrips() throws {
        var decodedDirectly = 0
        for seed in RoundTripTests.seeds {
            var generator = TelemetryGenerator(seed: seed)
            let traces = generator.traces()
            let bytes = OTLPProtobuf.encode(traces)
            let generated = try OTLPProtobuf.decodeTracesThroughGeneratedMessages(bytes)
            #expect(generated == traces, "seed \(seed)")
            if let direct = OTLPProtobuf.decodeTracesDirectly(bytes) {
                #expect(direct == generated, "seed \(seed)")
                decodedDirectly += 1
            }
        }
        // The generator's traces are all as exporters send them.
        #expect(decodedDirectly == RoundTripTests.seeds.count)
    }

    @Test("the Python SDK's request decodes directly, as through the generated messages")
    func realRequest() throws {
        let bytes = try Fixtures.data("otlp/python-sdk/traces.pb")
        let direct = try #require(OTLPProtobuf.decodeTracesDirectly(bytes))
        #expect(direct == (try OTLPProtobuf.decodeTracesThroughGeneratedMessages(bytes)))
    }

    @Test("unusual requests are handed to the generated messages, which decode or name them")
    func handOver() throws {
        var generator = TelemetryGenerator(seed: 7)
        let bytes = OTLPProtobuf.encode(generator.traces())
        // A resource given twice is merged by protobuf: the generated messages decide.
        let resourceSpans = Self.wrap(field: 1, Self.wrap(field: 1, Self.wrap(field: 1, Self.keyValue("a", "b"))) + Self.wrap(field: 1, Data()))
        #expect(OTLPProtobuf.decodeTracesDirectly(resourceSpans) == nil)
        #expect(try OTLPProtobuf.decodeTraces(resourceSpans) == OTLPProtobuf.decodeTracesThroughGeneratedMessages(resourceSpans))
        // A tag of 6 bytes (an over-long field number, found by the fuzzer): SwiftProtobuf refuses
        // it, so the direct decoder hands it over.
        let longTag = Data([0xF8, 0x9F, 0xF5, 0xFF, 0x8A, 0x00, 0x00])
        #expect(OTLPProtobuf.decodeTracesDirectly(longTag) == nil)
        #expect(throws: OTLPDecodingError.self) { try OTLPProtobuf.decodeTraces(longTag) }
        // Unknown fields are skipped by both.
        let unknown = bytes + Data([0xA8, 0x1F, 0x05])  // field 501, varint 5
        #expect(try #require(OTLPProtobuf.decodeTracesDirectly(unknown)) == OTLPProtobuf.decodeTracesThroughGeneratedMessages(unknown))
        // Invalid UTF-8 in a key, and a span id of 3 bytes: the errors of the generated path.
        let badKey = Self.wrap(field: 1, Self.wrap(field: 1, Self.wrap(field: 1, Self.wrap(field: 1, Data([0xFF, 0xFE])))))
        #expect(OTLPProtobuf.decodeTracesDirectly(badKey) == nil)
        #expect(throws: OTLPDecodingError.self) { try OTLPProtobuf.decodeTraces(badKey) }
        let shortID = Self.wrap(
            field: 1,
            Self.wrap(field: 2, Self.wrap(field: 2, Self.wrap(field: 1, Data(count: 16)) + Self.wrap(field: 2, Data(count: 3))))
        )
        #expect(OTLPProtobuf.decodeTracesDirectly(shortID) == nil)
        #expect {
            try OTLPProtobuf.decodeTraces(shortID)
        } throws: { error in
            (error as? OTLPDecodingError)?.description.contains("spanId") == true
        }
    }

    @Test("mutated requests: whatever the direct decoder accepts, the generated messages decode alike")
    func mutations() throws {
        var generator = TelemetryGenerator(seed: 11)
        let accepted = Self.agreeOnMutations(
            of: OTLPProtobuf.encode(generator.traces()),
            inserted: { UInt8(truncatingIfNeeded: $0.next()) },
            direct: OTLPProtobuf.decodeTracesDirectly,
            reference: { try? OTLPProtobuf.decodeTracesThroughGeneratedMessages($0) }
        )
        #expect(accepted > 0)
    }

    @Test("long strings, ASCII or not, decode as through the generated messages; invalid UTF-8 is handed over")
    func longStrings() throws {
        let name = "ünïcødé span name, longer than fifteen bytes ✓"
        let span = Span(traceID: TraceID(high: 1, low: 1), spanID: SpanID(1), name: name, attributes: ["a.long.attribute.key": .string(name)])
        let bytes = OTLPProtobuf.encode(TracesData(resourceSpans: [ResourceSpans(scopeSpans: [ScopeSpans(spans: [span, span])])]))
        let direct = try #require(OTLPProtobuf.decodeTracesDirectly(bytes))
        #expect(direct == (try OTLPProtobuf.decodeTracesThroughGeneratedMessages(bytes)))
        #expect(direct.spans.map(\.name) == [name, name])
        // 20 bytes of which one is a lone continuation byte, as a span name.
        var invalid = [UInt8](repeating: UInt8(ascii: "a"), count: 20)
        invalid[10] = 0x80
        let badName = Self.wrap(
            field: 1,
            Self.wrap(
                field: 2,
                Self.wrap(field: 2, Self.wrap(field: 1, Data(count: 16)) + Self.wrap(field: 2, Data(count: 8)) + Self.wrap(field: 5, Data(invalid)))
            )
        )
        #expect(OTLPProtobuf.decodeTracesDirectly(badName) == nil)
        #expect(throws: OTLPDecodingError.self) { try OTLPProtobuf.decodeTraces(badName) }
    }

    @Test("repeated strings of one request share one buffer")
    func sharedStrings() throws {
        let span = { (id: UInt64) in
            Span(traceID: TraceID(high: 1, low: 1), spanID: SpanID(id), name: "GET /api/v1/users/{id}", attributes: ["http.request.method": "GET"])
        }
        let traces = TracesData(resourceSpans: [ResourceSpans(scopeSpans: [ScopeSpans(spans: [span(1), span(2)])])])
        let decoded = try #require(OTLPProtobuf.decodeTracesDirectly(OTLPProtobuf.encode(traces)))
        let spans = decoded.resourceSpans[0].scopeSpans[0].spans
        let keys = spans.map { $0.attributes.pairs[0].key }
        #expect(keys[0] == "http.request.method")
        keys[0].utf8.withContiguousStorageIfAvailable { first in
            keys[1].utf8.withContiguousStorageIfAvailable { second in
                #expect(first.baseAddress == second.baseAddress)
            }
        }
    }

    /// 3,000 mutations of `original` (one to three bytes changed, removed, or inserted, an
    /// inserted byte drawn by `inserted`): wherever `direct` decodes one, `reference` must decode
    /// it alike, compared as encoded bytes (a mutated double may be a NaN, never equal to itself).
    /// Returns how many `direct` decoded.
    static func agreeOnMutations(
        of original: Data,
        inserted: (inout SplitMix64) -> UInt8,
        direct: (Data) -> TracesData?,
        reference: (Data) -> TracesData?
    ) -> Int {
        var random = SplitMix64(seed: 11)
        var accepted = 0
        for _ in 0..<3000 {
            var bytes = [UInt8](original)
            for _ in 0...Int(random.next() % 3) where !bytes.isEmpty {
                let index = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 3 {
                case 0: bytes[index] = UInt8(truncatingIfNeeded: random.next())
                case 1: bytes.remove(at: index)
                default: bytes.insert(inserted(&random), at: index)
                }
            }
            let data = Data(bytes)
            if let decoded = direct(data) {
                #expect(reference(data).map(OTLPProtobuf.encode) == OTLPProtobuf.encode(decoded))
                accepted += 1
            }
        }
        return accepted
    }

    static func wrap(field: UInt64, _ payload: Data) -> Data {
        var data = varint(field << 3 | 2)
        data += varint(UInt64(payload.count))
        return data + payload
    }

    static func keyValue(_ key: String, _ value: String) -> Data {
        wrap(field: 1, Data(key.utf8)) + wrap(field: 2, wrap(field: 1, Data(value.utf8)))
    }

    static func varint(_ value: UInt64) -> Data {
        var value = value
        var data = Data()
        while value >= 0x80 {
            data.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        data.append(UInt8(value))
        return data
    }
}
