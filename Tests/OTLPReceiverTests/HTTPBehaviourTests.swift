import AsyncHTTPClient
import CompressNIO
import Foundation
import HarnessSupport
import HarnessTestSupport
import NIOCore
import NIOHTTP1
import OTLPReceiver
import OTLPWire
import TelemetryModel
import Testing

/// How the OTLP/HTTP endpoint answers, request by request, as the OTLP specification requires.
@Suite("OTLP/HTTP answers")
struct HTTPBehaviourTests {
    /// The bytes a receiver's store counts for one request of `body`.
    static func storedBytes(of body: Data) async throws -> Int {
        try await withOTLPReceiver { receiver in
            _ = try await Self.post(receiver, body: body)
            return receiver.storageUsage.storedBytes
        }
    }

    /// `data` gzip-compressed.
    static func gzip(_ data: Data) throws -> Data {
        var buffer = ByteBuffer(bytes: data)
        return Data(buffer: try buffer.compress(with: .gzip()))
    }

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: Repository.fixtures("otlp/\(name)"))
    }

    /// A client that leaves response bodies as they arrive (the shared one inflates gzip).
    static let client = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: .init(decompression: .disabled)
    )

    struct Answer {
        var status: Int
        var headers: HTTPHeaders
        var body: Data
    }

    static func post(
        _ receiver: OTLPReceiver,
        path: String = "/v1/traces",
        method: HTTPMethod = .POST,
        body: Data,
        headers: [(String, String)] = [("Content-Type", "application/x-protobuf")]
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: receiver.httpEndpoint + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 1 << 24)
        return Answer(status: Int(response.status.code), headers: response.headers, body: Data(buffer: buffer))
    }

    @Test("a protobuf export is answered 200 with an ExportTraceServiceResponse and recorded")
    func protobufExport() async throws {
        try await withOTLPReceiver { receiver in
            let answer = try await Self.post(receiver, body: Self.fixture("python-sdk/traces.pb"))
            #expect(answer.status == 200)
            #expect(answer.headers.first(name: "content-type") == "application/x-protobuf")
            #expect(answer.body.isEmpty)  // a full success: an empty response message
            #expect(receiver.spans.count == 4)
            let request = try #require(receiver.requests.first)
            #expect(request.sequenceNumber == 1 && request.signal == .traces && request.bodySize == 1952)
        }
    }

    @Test("a JSON export is answered in JSON")
    func jsonExport() async throws {
        try await withOTLPReceiver { receiver in
            let answer = try await Self.post(
                receiver,
                path: "/v1/logs",
                body: Self.fixture("python-sdk/logs.json"),
                headers: [("Content-Type", "application/json; charset=utf-8")]
            )
            #expect(answer.status == 200)
            #expect(answer.headers.first(name: "content-type") == "application/json")
            #expect(String(decoding: answer.body, as: UTF8.self) == "{}")
            #expect(receiver.logRecords.count == 4)
        }
    }

    @Test("undecodable data is answered 400 with a google.rpc.Status naming the field")
    func undecodable() async throws {
        try await withOTLPReceiver { receiver in
            let truncated = try Self.fixture("python-sdk/traces.pb").prefix(1500)
            let answer = try await Self.post(receiver, body: Data(truncated))
            #expect(answer.status == 400)
            let text = String(decoding: answer.body, as: UTF8.self)
            #expect(text.contains("resourceSpans[0].scopeSpans[0].spans["))
            let json = try await Self.post(
                receiver,
                body: Data(
                    #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"J4p1CdrWLScHUid0MyFyEA==","spanId":"0102030405060708","name":"x"}]}]}]}"#
                        .utf8
                ),
                headers: [("Content-Type", "application/json")]
            )
            #expect(json.status == 400)
            let status = try JSONSerialization.jsonObject(with: json.body) as? [String: Any]
            #expect(status?["code"] as? Int == 3)
            #expect((status?["message"] as? String)?.contains("spans[0].traceId") == true)
            #expect(receiver.spans.isEmpty)
            #expect(
                receiver.requests.map(\.decodingError?.path) == [
                    receiver.requests.first?.decodingError?.path, "resourceSpans[0].scopeSpans[0].spans[0].traceId",
                ]
            )
        }
    }

    @Test("lenient JSON accepts base64 ids and records the deviation")
    func lenientJSON() async throws {
        try await withOTLPReceiver(configuration: .init(jsonMode: .lenient)) { receiver in
            let body =
                #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"J4p1CdrWLScHUid0MyFyEA==","spanId":"0102030405060708","name":"x"}]}]}]}"#
            let answer = try await Self.post(receiver, body: Data(body.utf8), headers: [("Content-Type", "application/json")])
            #expect(answer.status == 200)
            #expect(receiver.requests.first?.deviations.map(\.path) == ["resourceSpans[0].scopeSpans[0].spans[0].traceId"])
            #expect(receiver.spans.first?.traceID.hex == "278a7509dad62d270752277433217210")
        }
    }

    @Test("wrong content types, encodings, methods and paths are refused")
    func refusals() async throws {
        try await withOTLPReceiver { receiver in
            let body = try Self.fixture("python-sdk/traces.pb")
            #expect(try await Self.post(receiver, body: body, headers: [("Content-Type", "text/plain")]).status == 415)
            #expect(try await Self.post(receiver, body: body, headers: []).status == 415)
            #expect(
                try await Self.post(
                    receiver,
                    body: body,
                    headers: [("Content-Type", "application/x-protobuf"), ("Content-Encoding", "br")]
                ).status == 415
            )
            let get = try await Self.post(receiver, method: .GET, body: Data(), headers: [])
            #expect(get.status == 405 && get.headers.first(name: "allow") == "POST")
            #expect(try await Self.post(receiver, path: "/v1/spans", body: body).status == 404)
            // The three refused exports are recorded with their answers; 405 and 404 are no exports.
            #expect(receiver.requests.map { if case .rejected(let status, _) = $0.outcome { status } else { 0 } } == [415, 415, 415])
            #expect(receiver.requests.last?.contentEncoding == "br")
        }
    }

    @Test("gzip bodies are inflated; a gzip bomb and an oversized body get 413; truncated gzip 400")
    func compression() async throws {
        try await withOTLPReceiver(configuration: .init(maximumRequestBodySize: 64 * 1024)) { receiver in
            var plain = ByteBuffer(bytes: try Self.fixture("python-sdk/traces.pb"))
            let gzipped = Data(buffer: try plain.compress(with: .gzip()))
            let headers = [("Content-Type", "application/x-protobuf"), ("Content-Encoding", "gzip")]
            let ok = try await Self.post(receiver, body: gzipped, headers: headers)
            #expect(ok.status == 200)
            #expect(receiver.requests.last?.decompressedSize == 1952)

            var zeros = ByteBuffer(repeating: 0, count: 10 * 1024 * 1024)
            let bomb = Data(buffer: try zeros.compress(with: .gzip()))
            #expect(bomb.count < 64 * 1024)
            #expect(try await Self.post(receiver, body: bomb, headers: headers).status == 413)
            #expect(try await Self.post(receiver, body: Data(count: 100 * 1024)).status == 413)
            #expect(try await Self.post(receiver, body: gzipped.prefix(gzipped.count / 2), headers: headers).status == 400)
            // Cut just before the trailer, or nothing but the 10-byte header: refused, not read as less.
            #expect(try await Self.post(receiver, body: gzipped.dropLast(8), headers: headers).status == 400)
            #expect(try await Self.post(receiver, body: gzipped.prefix(10), headers: headers).status == 400)
            #expect(try await Self.post(receiver, body: Data(), headers: headers).status == 400)
            #expect(receiver.spans.count == 4)
        }
    }

    @Test("gzip: the trailer is checked, concatenated members are one body, the limit is exact")
    func gzipStreams() async throws {
        try await withOTLPReceiver(configuration: .init(maximumRequestBodySize: 64 * 1024)) { receiver in
            let headers = [("Content-Type", "application/x-protobuf"), ("Content-Encoding", "gzip")]
            let plain = try Self.fixture("python-sdk/traces.pb")
            // One flipped bit in the stored CRC-32: zlib's check refuses it, and the answer says so.
            var corrupted = try Self.gzip(plain)
            corrupted[corrupted.count - 8] ^= 0x01
            let refused = try await Self.post(receiver, body: corrupted, headers: headers)
            #expect(refused.status == 400)
            guard case .rejected(_, let status)? = receiver.requests.last?.outcome else {
                Issue.record("not recorded as rejected: \(receiver.requests.last?.outcome as Any)")
                return
            }
            #expect(status.message.contains("incorrect data check"), "\(status.message)")
            // Two members (the protobuf split anywhere) inflate to the whole body.
            let members = try Self.gzip(plain.prefix(700)) + Self.gzip(plain.dropFirst(700))
            #expect(try await Self.post(receiver, body: members, headers: headers).status == 200)
            #expect(receiver.requests.last?.decompressedSize == plain.count)
            #expect(receiver.spans.count == 4)
            // Anything else after the stream is refused, not ignored.
            #expect(try await Self.post(receiver, body: try Self.gzip(plain) + Data(repeating: 0, count: 20), headers: headers).status == 400)
            // A JSON body of exactly the limit inflates; one byte more is 413.
            let json = [("Content-Type", "application/json"), ("Content-Encoding", "gzip")]
            let exact = Data(#"{"resourceSpans":[]}"#.utf8) + Data(repeating: 0x20, count: 64 * 1024 - 20)
            #expect(try await Self.post(receiver, path: "/v1/traces", body: try Self.gzip(exact), headers: json).status == 200)
            #expect(try await Self.post(receiver, path: "/v1/traces", body: try Self.gzip(exact + Data([0x20])), headers: json).status == 413)
        }
    }

    @Test("answers are gzip-compressed when the client accepts gzip")
    func gzipAnswers() async throws {
        try await withOTLPReceiver { receiver in
            let answer = try await Self.post(
                receiver,
                path: "/v1/logs",
                body: Data("{}".utf8),
                headers: [("Content-Type", "application/json"), ("Accept-Encoding", "gzip")]
            )
            #expect(answer.status == 200)
            #expect(answer.headers.first(name: "content-encoding") == "gzip")
            var buffer = ByteBuffer(bytes: answer.body)
            #expect(String(buffer: try buffer.decompress(with: .gzip())) == "{}")
        }
    }

    @Test("storage is bounded: the oldest requests are evicted and counted")
    func eviction() async throws {
        try await withOTLPReceiver(configuration: .init(maximumStoredRequests: 2)) { receiver in
            let body = try Self.fixture("python-sdk/traces.pb")
            // Read after each request: what is assembled grows with each one and starts over
            // after an eviction.
            var counts: [Int] = []
            for _ in 0..<5 {
                _ = try await Self.post(receiver, body: body)
                counts.append(receiver.spans.count)
            }
            #expect(counts == [4, 8, 8, 8, 8])
            #expect(receiver.requests.map(\.sequenceNumber) == [4, 5])
            #expect(receiver.evictions.requests == 3 && receiver.evictions.items == 12)
            #expect(receiver.spans.count == 8)
        }
    }

    @Test("storage is bounded in bytes: the oldest requests are evicted, and a request above the cap alone is kept without its telemetry")
    func byteCap() async throws {
        let body = try Self.fixture("python-sdk/traces.pb")
        let perRequest = try await Self.storedBytes(of: body)
        #expect(perRequest > 1000, "a request of 4 spans with attributes holds more than 1000 bytes: \(perRequest)")
        try await withOTLPReceiver(configuration: .init(maximumStoredBytes: perRequest * 5 / 2)) { receiver in
            for _ in 0..<5 { _ = try await Self.post(receiver, body: body) }
            let usage = receiver.storageUsage
            // At most two fit; fewer when a request in flight needed the room (the cap covers both).
            #expect((1...2).contains(usage.storedRequests) && usage.storedRequests + usage.evictedRequests == 5)
            #expect(usage.storedBytes == usage.storedRequests * perRequest && usage.evictedBytes == usage.evictedRequests * perRequest)
            #expect(usage.storedItems + usage.evictedItems == 5 * 4)
            #expect(receiver.spans.count == usage.storedItems)
            #expect(receiver.requests.map(\.sequenceNumber) == Array((6 - usage.storedRequests)...5))
        }
        try await withOTLPReceiver(configuration: .init(maximumStoredBytes: perRequest / 2)) { receiver in
            let answer = try await Self.post(receiver, body: body)
            #expect(answer.status == 200)
            let usage = receiver.storageUsage
            #expect(usage.storedRequests == 1 && usage.storedItems == 0 && usage.evictedItems == 4)
            #expect(usage.storedBytes < perRequest / 2 && usage.storedBytes + usage.evictedBytes == perRequest)
            #expect(receiver.requests.first?.payload == nil && receiver.spans.isEmpty)
        }
    }

    @Test("the byte cap covers requests in flight: kept requests are evicted to make room for one being decoded")
    func byteCapMakesRoomForRequestsInFlight() async throws {
        let body = try Self.fixture("python-sdk/traces.pb")
        let perRequest = try await Self.storedBytes(of: body)
        // Room for two kept requests, not for two and one being decoded (its body, the copy to
        // keep and its decoded telemetry).
        try await withOTLPReceiver(configuration: .init(maximumStoredBytes: perRequest * 2 + perRequest / 4)) { receiver in
            for _ in 0..<2 { _ = try await Self.post(receiver, body: body) }
            let evictedBefore = receiver.storageUsage.evictedRequests
            // The third request is decoded, then held by a delay before it is recorded: the bytes
            // it holds meanwhile push older requests out.
            receiver.faultPlan = FaultPlan([FaultRule(.delay(.seconds(3)))])
            let answer = Task { try await Self.post(receiver, body: body) }
            try await poll("no request was evicted for the one in flight", within: .seconds(10), every: .milliseconds(10)) {
                () -> Observation<Void> in
                receiver.storageUsage.evictedRequests > evictedBefore ? .done(()) : .notYet("usage \(receiver.storageUsage)")
            }
            #expect(!receiver.requests.map(\.sequenceNumber).contains(3), "evicted before the third was recorded")
            #expect(try await answer.value.status == 200)
            let usage = receiver.storageUsage
            #expect(receiver.requests.last?.sequenceNumber == 3)
            #expect(usage.storedRequests + usage.evictedRequests == 3 && usage.storedBytes <= perRequest * 2 + perRequest / 4)
            #expect(usage.storedBytes + usage.evictedBytes == 3 * perRequest && usage.storedItems + usage.evictedItems == 3 * 4)
        }
    }

    @Test("a decoded body is kept as its bytes, counted exactly, and reads back as the telemetry it decoded to")
    func keptAsBytes() async throws {
        let body = try Self.fixture("python-sdk/traces.pb")
        try await withOTLPReceiver { receiver in
            _ = try await Self.post(receiver, body: body)
            _ = try await Self.post(
                receiver,
                body: try Self.gzip(body),
                headers: [("Content-Type", "application/x-protobuf"), ("Content-Encoding", "gzip")]
            )
            let usage = receiver.storageUsage
            let expected = try OTLPPayload.decodeProtobuf(.traces, from: body)
            #expect(receiver.requests.map(\.payload) == [expected, expected])
            #expect(receiver.requests.map(\.itemCount) == [4, 4])
            // The body itself and the request's record (headers, path): far less than decoded.
            #expect(usage.storedBytes >= 2 * body.count && usage.storedBytes < 2 * (body.count + 2_000), "\(usage) for \(body.count) bytes")
            #expect(receiver.spans.count == 8)
        }
        // JSON is kept as JSON, and read back through the same decoder.
        let json = try Self.fixture("python-sdk/traces.json")
        try await withOTLPReceiver { receiver in
            _ = try await Self.post(receiver, body: json, headers: [("Content-Type", "application/json")])
            #expect(receiver.requests.first?.payload == .traces(try OTLPJSONDecoder().decodeTraces(json).value))
            #expect(receiver.storageUsage.storedBytes >= json.count)
        }
    }

    @Test("GET /storage answers what the store holds and has evicted, as JSON")
    func storageEndpoint() async throws {
        try await withOTLPReceiver(configuration: .init(maximumStoredRequests: 1)) { receiver in
            let body = try Self.fixture("python-sdk/traces.pb")
            for _ in 0..<2 { _ = try await Self.post(receiver, body: body) }
            let answer = try await Self.post(receiver, path: "/storage", method: .GET, body: Data(), headers: [])
            #expect(answer.status == 200)
            let usage = try JSONDecoder().decode(ReceiverStorageUsage.self, from: answer.body)
            #expect(usage == receiver.storageUsage)
            #expect(usage.storedRequests == 1 && usage.evictedRequests == 1 && usage.storedItems == 4 && usage.evictedItems == 4)
            #expect(try Self.inFlight(answer.body) == [0, 0])

            // A stalled answer keeps its request, and its body, in flight.
            receiver.faultPlan = FaultPlan([FaultRule(.stall(limit: .seconds(60)), when: .attempts(1...1))])
            let stalled = Task { try await Self.post(receiver, body: body) }
            try await FaultInjectionTests.waitForStalledAnswers(1, at: receiver, "the stall did not begin")
            let during = try await Self.post(receiver, path: "/storage", method: .GET, body: Data(), headers: [])
            #expect(try Self.inFlight(during.body) == [1, body.count])
            stalled.cancel()
            _ = await stalled.result
        }
    }

    /// `inFlightRequests` and `inFlightBytes` of a `GET /storage` answer.
    static func inFlight(_ answer: Data) throws -> [Int?] {
        let object = try JSONSerialization.jsonObject(with: answer) as? [String: Any]
        return [object?["inFlightRequests"] as? Int, object?["inFlightBytes"] as? Int]
    }

    @Test("health answers 200")
    func health() async throws {
        try await withOTLPReceiver { receiver in
            let answer = try await Self.post(receiver, path: "/health", method: .GET, body: Data(), headers: [])
            #expect(answer.status == 200)
        }
    }
}
