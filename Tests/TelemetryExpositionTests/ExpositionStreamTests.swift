import Foundation
import TelemetryExposition
import TelemetryModel
import Testing

/// Streamed answers are written piece by piece; the pieces must join to the whole answer, the
/// one the golden tests of both query APIs check, whatever the piece size.
@Suite("Streamed query answers")
struct ExpositionStreamTests {
    /// Three traces of `spansPerTrace` spans, each sent by two services in two requests.
    static func traces(spansPerTrace: Int) -> [TracesData] {
        (1...3).flatMap { trace in
            ["api", "worker"].map { service in
                TracesData(resourceSpans: [
                    ResourceSpans(
                        resource: Resource(attributes: ["service.name": .string(service)]),
                        scopeSpans: [
                            ScopeSpans(
                                spans: (0..<spansPerTrace).map { index in
                                    Span(
                                        traceID: TraceID(high: 7, low: UInt64(trace)),
                                        spanID: SpanID(UInt64(trace << 20 | index << 1 | (service == "api" ? 0 : 1))),
                                        name: "op-\(index % 3)",
                                        startTimeUnixNano: 1_000_000,
                                        endTimeUnixNano: 2_000_000,
                                        attributes: ["index": .int(Int64(index)), "text": .string("a <quoted> \"value\"")]
                                    )
                                }
                            )
                        ]
                    )
                ])
            }
        }
    }

    /// The pieces of `stream` of at least `minimumBytes`, checking that only the last is shorter.
    static func pieces(_ stream: ExpositionStream, minimumBytes: Int) -> [[UInt8]] {
        var stream = stream
        var pieces: [[UInt8]] = []
        while let piece = stream.nextPiece(minimumBytes: minimumBytes) { pieces.append(piece) }
        #expect(pieces.dropLast().allSatisfy { $0.count >= minimumBytes })
        #expect(stream.nextPiece(minimumBytes: minimumBytes) == nil, "a finished stream stays finished")
        return pieces
    }

    @Test("v1 and v3 trace answers join to the whole answer, in pieces of any size", arguments: [1, 700, 1 << 20])
    func piecesJoinToTheWhole(minimumBytes: Int) throws {
        let traces = Self.traces(spansPerTrace: 40)
        let v1 = JaegerQueryAPI(traces: traces)
        let v3 = JaegerQueryAPIv3(traces: traces)
        let service = [URLQueryItem(name: "service", value: "api")]
        let worker = [URLQueryItem(name: "query.service_name", value: "worker")]
        // With 1-byte pieces: v1 gives a piece per span, v3 one per received resource.
        let answers: [(ExpositionStream, ExpositionResponse, finestPieces: Int)] = [
            (v1.streamedTraces(query: service), v1.traces(query: service), 2 + 3 * (80 + 2)),
            (v1.streamedTrace(id: "00000000000000070000000000000002"), v1.trace(id: "00000000000000070000000000000002"), 2 + 80 + 2),
            (v3.streamedTraces(query: worker), v3.traces(query: worker), 2 + 6),
            (v3.streamedTrace(id: "00000000000000070000000000000003"), v3.trace(id: "00000000000000070000000000000003"), 2 + 2),
        ]
        for (stream, whole, finestPieces) in answers {
            #expect(whole.statusCode == 200)
            #expect(stream.statusCode == whole.statusCode && stream.contentType == whole.contentType)
            let pieces = Self.pieces(stream, minimumBytes: minimumBytes)
            #expect(Data(pieces.joined()) == whole.body)
            if minimumBytes == 1 { #expect(pieces.count == finestPieces) }
            if minimumBytes == 1 << 20 { #expect(pieces.count == 1) }
        }
        let v1Whole = try #require(try JSONSerialization.jsonObject(with: answers[0].1.body) as? [String: Any])
        let data = try #require(v1Whole["data"] as? [[String: Any]])
        #expect(data.map { ($0["spans"] as? [Any])?.count } == [80, 80, 80])
    }

    @Test("an error answer is one piece, the same as the whole answer")
    func errorsAreOnePiece() {
        let api = JaegerQueryAPI(traces: Self.traces(spansPerTrace: 2))
        for (stream, whole) in [
            (api.streamedTrace(id: "zz"), api.trace(id: "zz")),
            (api.streamedTrace(id: "00000000000000070000000000000009"), api.trace(id: "00000000000000070000000000000009")),
            (api.streamedTraces(query: []), api.traces(query: [])),
        ] {
            #expect(stream.statusCode == whole.statusCode && whole.statusCode >= 400)
            #expect(Self.pieces(stream, minimumBytes: 1).map { Data($0) } == [whole.body])
        }
    }
}
