import Foundation
import OTLPReceiver
import OTLPWire
import TelemetryExposition
import TelemetryModel
import Testing

/// The query API reads the requests a query needs through the store's index; its answers must
/// be those a scan of everything kept gives, also after evictions.
@Suite("Indexed trace queries")
struct IndexedQueryTests {
    /// One request of `service`'s spans, one span per trace id, started at `start` µs.
    static func request(service: String, traces: [UInt64], name: String = "work", start: UInt64 = 1_000) -> Data {
        let spans = traces.map { trace in
            Span(
                traceID: TraceID(high: 0x1000_0000_0000_0000, low: trace),
                spanID: SpanID(UInt64.random(in: 1 ... .max)),
                name: name,
                kind: .server,
                startTimeUnixNano: start * 1_000,
                endTimeUnixNano: (start + 10) * 1_000
            )
        }
        let resource = Resource(attributes: ["service.name": .string(service)])
        return OTLPProtobuf.encode(TracesData(resourceSpans: [ResourceSpans(resource: resource, scopeSpans: [ScopeSpans(spans: spans)])]))
    }

    static func json(_ answer: HTTPBehaviourTests.Answer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])
    }

    static func spanCounts(_ answer: HTTPBehaviourTests.Answer) throws -> [String: Int] {
        let traces = try json(answer)["data"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: traces.map { ($0["traceID"] as? String ?? "", ($0["spans"] as? [Any])?.count ?? 0) })
    }

    @Test("a service's search returns its traces whole, with spans other services sent in other requests")
    func wholeTraces() async throws {
        try await withOTLPReceiver { receiver in
            for body in [
                Self.request(service: "api", traces: [1, 2]),
                Self.request(service: "worker", traces: [2, 3]),
                Self.request(service: "db", traces: [3]),
                Self.request(service: "worker", traces: [1]),
            ] {
                #expect(try await HTTPBehaviourTests.post(receiver, body: body).status == 200)
            }
            let services = try Self.json(try await CollectorStandInTests.get(receiver, "/api/services"))
            #expect(services["data"] as? [String] == ["api", "db", "worker"])
            let api = try Self.spanCounts(try await CollectorStandInTests.get(receiver, "/api/traces?service=api"))
            #expect(api == ["10000000000000000000000000000001": 2, "10000000000000000000000000000002": 2])
            let worker = try Self.spanCounts(try await CollectorStandInTests.get(receiver, "/api/traces?service=worker&limit=2"))
            #expect(worker.count == 2 && worker["10000000000000000000000000000003"] == 2)
            let one = try Self.spanCounts(try await CollectorStandInTests.get(receiver, "/api/traces/10000000000000000000000000000003"))
            #expect(one == ["10000000000000000000000000000003": 2])
            let operations = try Self.json(try await CollectorStandInTests.get(receiver, "/api/services/db/operations"))
            #expect(operations["data"] as? [String] == ["work"])
            let v3 = try await CollectorStandInTests.get(receiver, "/api/v3/traces/10000000000000000000000000000001")
            let result = try Self.json(v3)["result"] as? [String: Any]
            #expect((result?["resourceSpans"] as? [Any])?.count == 2)
            #expect(try await CollectorStandInTests.get(receiver, "/api/traces/10000000000000000000000000000009").status == 404)
        }
    }

    @Test("a trace larger than one piece of an answer is sent chunked, and reads back whole and equal")
    func streamedAnswer() async throws {
        try await withOTLPReceiver { receiver in
            // 4 requests of 1,000 spans of one trace: about 1 MB of Jaeger JSON, several pieces.
            var sent: [TracesData] = []
            for part in 0..<4 {
                let spans = (0..<1_000).map { index in
                    Span(
                        traceID: TraceID(high: 0x2000_0000_0000_0000, low: 1),
                        spanID: SpanID(UInt64(part * 1_000 + index + 1)),
                        name: "work-\(index % 7)",
                        startTimeUnixNano: 1_000_000,
                        endTimeUnixNano: 2_000_000,
                        attributes: ["part": .int(Int64(part)), "index": .int(Int64(index))]
                    )
                }
                let traces = TracesData(resourceSpans: [
                    ResourceSpans(resource: Resource(attributes: ["service.name": .string("big")]), scopeSpans: [ScopeSpans(spans: spans)])
                ])
                sent.append(traces)
                #expect(try await HTTPBehaviourTests.post(receiver, body: OTLPProtobuf.encode(traces)).status == 200)
            }
            let id = "20000000000000000000000000000001"
            for (path, expected) in [
                ("/api/traces/\(id)", JaegerQueryAPI(traces: sent).trace(id: id)),
                ("/api/traces?service=big", JaegerQueryAPI(traces: sent).traces(query: [URLQueryItem(name: "service", value: "big")])),
                ("/api/v3/traces/\(id)", JaegerQueryAPIv3(traces: sent).trace(id: id)),
            ] {
                let answer = try await CollectorStandInTests.get(receiver, path)
                #expect(answer.status == 200)
                #expect(answer.headers.first(name: "transfer-encoding") == "chunked", "\(path)")
                #expect(answer.headers.first(name: "content-length") == nil)
                #expect(expected.body.count > 1 << 20)
                #expect(answer.body == expected.body, "\(path)")
            }
            #expect(try Self.spanCounts(try await CollectorStandInTests.get(receiver, "/api/traces/\(id)")) == [id: 4_000])
            // A small answer still goes out whole, with its length.
            let small = try await CollectorStandInTests.get(receiver, "/api/traces/20000000000000000000000000000009")
            #expect(small.status == 404 && small.headers.first(name: "content-length") != nil)
        }
    }

    @Test("a time range and a limit narrow a search")
    func timeRangeAndLimit() async throws {
        try await withOTLPReceiver { receiver in
            for (index, start) in [1_000, 2_000, 3_000].enumerated() {
                let body = Self.request(service: "api", traces: [UInt64(index + 1)], start: UInt64(start))
                #expect(try await HTTPBehaviourTests.post(receiver, body: body).status == 200)
            }
            let ranged = try Self.spanCounts(try await CollectorStandInTests.get(receiver, "/api/traces?service=api&start=1500&end=2500"))
            #expect(Array(ranged.keys) == ["10000000000000000000000000000002"])
            let limited = try Self.spanCounts(try await CollectorStandInTests.get(receiver, "/api/traces?service=api&limit=1"))
            #expect(Array(limited.keys) == ["10000000000000000000000000000003"])
        }
    }

    @Test("an evicted request leaves the index: its service and its spans are gone, the rest stays")
    func eviction() async throws {
        try await withOTLPReceiver(configuration: .init(maximumStoredRequests: 2)) { receiver in
            for body in [
                Self.request(service: "gone", traces: [1]),
                Self.request(service: "api", traces: [1, 2]),
                Self.request(service: "api", traces: [3]),
            ] {
                #expect(try await HTTPBehaviourTests.post(receiver, body: body).status == 200)
            }
            let services = try Self.json(try await CollectorStandInTests.get(receiver, "/api/services"))
            #expect(services["data"] as? [String] == ["api"])
            let one = try Self.spanCounts(try await CollectorStandInTests.get(receiver, "/api/traces/10000000000000000000000000000001"))
            #expect(one == ["10000000000000000000000000000001": 1])
            #expect(try await CollectorStandInTests.get(receiver, "/api/services/gone/operations").status == 200)
            let gone = try Self.json(try await CollectorStandInTests.get(receiver, "/api/services/gone/operations"))
            #expect(gone["data"] is NSNull)
            receiver.reset()
            let none = try Self.json(try await CollectorStandInTests.get(receiver, "/api/services"))
            #expect(none["data"] is NSNull)
        }
    }
}
