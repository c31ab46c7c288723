import Foundation
import TelemetryModel
import Testing

@testable import OTLPWire

/// The direct OTLP/JSON traces decoder against the tree reader: the same model for every request
/// it decodes, and a hand-over (nil) for everything it leaves to the tree, which decodes it or
/// names what is wrong.
@Suite("Direct OTLP/JSON decoder")
struct DirectJSONDecoderTests {
    static let strict = OTLPJSONDecoder(mode: .strict)
    static let lenient = OTLPJSONDecoder(mode: .lenient)

    @Test("generated traces decode directly to what the tree reader gives")
    func roundTrips() throws {
        var decodedDirectly = 0
        for seed in RoundTripTests.seeds {
            var generator = TelemetryGenerator(seed: seed)
            let bytes = OTLPJSONEncoder.encode(generator.traces())
            let tree = try Self.strict.decodeTracesThroughTree(bytes).value
            if let direct = Self.strict.decodeTracesDirectly(bytes) {
                // Compared as encoded bytes: a double may be a NaN, never equal to itself.
                #expect(OTLPProtobuf.encode(direct) == OTLPProtobuf.encode(tree), "seed \(seed)")
                decodedDirectly += 1
            }
        }
        // The generator's traces are all as exporters send them.
        #expect(decodedDirectly == RoundTripTests.seeds.count)
    }

    @Test("the Python SDK's request, as JSON, decodes directly, as through the tree")
    func realRequest() throws {
        let bytes = try Fixtures.data("otlp/python-sdk/traces.json")
        let direct = try #require(Self.strict.decodeTracesDirectly(bytes))
        #expect(direct == (try Self.strict.decodeTracesThroughTree(bytes).value))
        #expect(direct.spanCount > 0)
    }

    @Test("every edge case of the JSON corpus decodes, or fails, as through the tree, in both modes")
    func edgeCases() throws {
        let files = try Fixtures.names(in: JSONEdgeCaseTests.folder).filter { $0.hasSuffix(".json") }
        #expect(files.count > 10)
        for file in files {
            let bytes = try Fixtures.data("\(JSONEdgeCaseTests.folder)/\(file)")
            for decoder in [Self.strict, Self.lenient] {
                #expect(Self.outcome { try decoder.decodeTraces(bytes) } == Self.outcome { try decoder.decodeTracesThroughTree(bytes) }, "\(file)")
            }
        }
    }

    @Test("what exporters rarely send is handed to the tree, which decodes it or names it")
    func handOver() throws {
        let handedOver = [
            // A snake_case key, an enum by name, a base64 id: deviations (lenient) or errors (strict).
            Self.request(span: #""trace_id":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331""#),
            Self.request(span: Self.ids + #","kind":"SPAN_KIND_SERVER""#),
            Self.request(span: #""traceId":"CvdlGRbNQ92ESOshHIAxnA==","spanId":"b7ad6b7169203331""#),
            // An integer with a fraction, a double as a hex string, a missing span id.
            Self.request(span: Self.ids + #","startTimeUnixNano":5.0"#),
            Self.request(span: Self.ids + #","attributes":[{"key":"a","value":{"doubleValue":"0x1p3"}}]"#),
            Self.request(span: #""traceId":"0af7651916cd43dd8448eb211c80319c""#),
            // Two members of one AnyValue; JSON that is not JSON; data after the request.
            Self.request(span: Self.ids + #","attributes":[{"key":"a","value":{"stringValue":"x","intValue":1}}]"#),
            Data(#"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0af7651916cd43dd8448eb211c80319c","#.utf8),
            Self.request(span: Self.ids) + Data("x".utf8),
        ]
        for bytes in handedOver {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(Self.strict.decodeTracesDirectly(bytes) == nil, "\(text)")
            for decoder in [Self.strict, Self.lenient] {
                #expect(Self.outcome { try decoder.decodeTraces(bytes) } == Self.outcome { try decoder.decodeTracesThroughTree(bytes) }, "\(text)")
            }
        }
    }

    @Test("unknown keys, null members, escapes and integers as strings decode directly, as through the tree")
    func decodedAlike() throws {
        let decodedDirectly = [
            Self.request(span: Self.ids + #","future":{"nested":[1,2.5e3,"x\u00e9",true,null]},"name":null"#),
            Self.request(span: Self.ids + #","name":"say \"hi\"\n\u00e9\ud83d\ude00 \/ done","kind":"2""#),
            Self.request(span: Self.ids + #","startTimeUnixNano":"1700000000000000000","endTimeUnixNano":1700000000000000001"#),
            Self.request(span: Self.ids + #","parentSpanId":"","attributes":[{"key":"n","value":{"intValue":"-9223372036854775808"}}]"#),
            Self.request(
                span: Self.ids
                    + #","attributes":[{"key":"l","value":{"arrayValue":{"values":[{"boolValue":false},{"kvlistValue":{}},{}]}}},{"key":"b","value":{"bytesValue":"AAE="}}]"#
            ),
            Self.request(span: Self.ids + #","traceId":"0AF7651916CD43DD8448EB211C80319C","status":{"code":2,"message":"boom"}"#),
            Self.request(
                span: Self.ids + #","attributes":[{"key":"d","value":{"doubleValue":"-Infinity"}},{"key":"e","value":{"doubleValue":"1.5e3"}}]"#
            ),
        ]
        for bytes in decodedDirectly {
            let text = String(decoding: bytes, as: UTF8.self)
            let direct = try #require(Self.strict.decodeTracesDirectly(bytes), "\(text)")
            #expect(direct == (try Self.strict.decodeTracesThroughTree(bytes).value), "\(text)")
        }
        let escaped = try #require(Self.strict.decodeTracesDirectly(decodedDirectly[1]))
        #expect(escaped.spans.first?.name == "say \"hi\"\né😀 / done")
    }

    @Test("mutated requests: whatever the direct decoder accepts, the tree decodes alike")
    func mutations() throws {
        var generator = TelemetryGenerator(seed: 11)
        let accepted = DirectDecoderTests.agreeOnMutations(
            of: OTLPJSONEncoder.encode(generator.traces()),
            inserted: { Self.structural[Int($0.next() % UInt64(Self.structural.count))] },
            direct: Self.strict.decodeTracesDirectly,
            reference: { try? Self.strict.decodeTracesThroughTree($0).value }
        )
        #expect(accepted > 0)
    }

    @Test("repeated strings of one request share one buffer")
    func sharedStrings() throws {
        let bytes = Self.request(
            span: Self.ids + #","attributes":[{"key":"http.request.method","value":{"stringValue":"GET"}}]}"#
                + #",{"# + Self.ids + #","attributes":[{"key":"http.request.method","value":{"stringValue":"GET"}}]"#
        )
        let spans = try #require(Self.strict.decodeTracesDirectly(bytes)).spans
        let keys = spans.map { $0.attributes.pairs[0].key }
        #expect(keys == ["http.request.method", "http.request.method"])
        keys[0].utf8.withContiguousStorageIfAvailable { first in
            keys[1].utf8.withContiguousStorageIfAvailable { second in
                #expect(first.baseAddress == second.baseAddress)
            }
        }
    }

    /// Bytes that change a JSON document's structure, for the mutations.
    static let structural = Array(#"{}[]",:0a\"#.utf8)

    static let ids = #""traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331""#

    /// A request of one span whose members are `span`.
    static func request(span: String) -> Data {
        Data(
            (#"{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},"#
                + #""scopeSpans":[{"scope":{"name":"s"},"spans":[{"# + span + "}]}]}]}").utf8
        )
    }

    /// What decoding gave: the value's protobuf encoding with the deviations, or the error.
    static func outcome(_ decode: () throws -> OTLPDecoded<TracesData>) -> String {
        do {
            let decoded = try decode()
            return "\(OTLPProtobuf.encode(decoded.value).base64EncodedString()) \(decoded.deviations)"
        } catch {
            return "error: \(error)"
        }
    }
}
