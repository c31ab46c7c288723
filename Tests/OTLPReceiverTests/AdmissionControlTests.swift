import AsyncHTTPClient
import Foundation
import GRPCCore
import HarnessSupport
import NIOCore
import OTLPReceiver
import OTLPWire
import Testing

/// The limits on work in flight: past them, the retryable refusal an OTLP exporter backs off
/// from, recorded; within them, nothing accepted is lost.
@Suite("Admission control")
struct AdmissionControlTests {
    static let json = [("Content-Type", "application/json")]

    /// Whether `request` was refused for the limits: 503, RESOURCE_EXHAUSTED with a 1 s retry delay.
    static func isOverloadRefusal(_ request: ReceivedRequest) -> Bool {
        guard case .rejected(503, let status) = request.outcome else { return false }
        return status.code == .resourceExhausted && status.retryDelay == .seconds(1)
    }

    @Test("past the concurrent-export limit: HTTP 503 with Retry-After, gRPC RESOURCE_EXHAUSTED, both recorded; the slot frees once answered")
    func concurrentExports() async throws {
        try await withOTLPReceiver(configuration: .init(maximumConcurrentExports: 1)) { receiver in
            // The one slot is held by a stalled answer.
            receiver.faultPlan = FaultPlan([FaultRule(.stall(limit: .seconds(60)), on: [.traces], when: .attempts(1...1))])
            let body = try HTTPBehaviourTests.fixture("python-sdk/traces.pb")
            let held = Task { try await HTTPBehaviourTests.post(receiver, body: body) }
            try await FaultInjectionTests.waitForStalledAnswers(1, at: receiver, "the stall did not begin")
            let refused = try await HTTPBehaviourTests.post(receiver, path: "/v1/logs", body: Data("{}".utf8), headers: Self.json)
            #expect(refused.status == 503)
            #expect(refused.headers.first(name: "retry-after") == "1")
            #expect(String(decoding: refused.body, as: UTF8.self).contains("limit of 1 export requests in flight"))
            #expect(try await GRPCBehaviourTests.export([UInt8](body), to: receiver) == .resourceExhausted)
            #expect(receiver.requests.filter(Self.isOverloadRefusal).map(\.transport) == [.http1, .grpc])

            // The client of the stalled request gives up: its slot is free again.
            held.cancel()
            _ = await held.result
            try await poll("the slot was not freed", within: .seconds(10), every: .milliseconds(20)) { () -> Observation<Void> in
                let status = try await HTTPBehaviourTests.post(receiver, path: "/v1/logs", body: Data("{}".utf8), headers: Self.json).status
                return status == 200 ? .done(()) : .notYet("answered \(status)")
            }
        }
    }

    @Test("past the bytes in flight: a request is refused before its body is read, and the bytes free with their requests")
    func bytesInFlight() async throws {
        // The byte limit is never below twice the body limit: 2 × 64 KiB + 1.
        try await withOTLPReceiver(configuration: .init(maximumRequestBodySize: 64 * 1024, maximumInFlightBytes: 1)) { receiver in
            // Two clients announce 64 KiB bodies and send nothing more: 128 KiB are counted.
            var holders = [try RawHTTPConnection(port: receiver.httpPort), try RawHTTPConnection(port: receiver.httpPort)]
            for holder in holders { holder.sendHead(contentLength: 64 * 1024) }
            try await poll("the announced bodies were not counted", within: .seconds(30), every: .milliseconds(20)) { () -> Observation<Void> in
                let inFlight = receiver.exportsInFlight
                return inFlight == (2, 128 * 1024) ? .done(()) : .notYet("\(inFlight.requests) requests, \(inFlight.bytes) bytes in flight")
            }
            let refused = try await HTTPBehaviourTests.post(receiver, path: "/v1/logs", body: Data("{}".utf8), headers: Self.json)
            #expect(refused.status == 503)
            let refusal = try #require(receiver.requests.last { Self.isOverloadRefusal($0) })
            guard case .rejected(_, let status) = refusal.outcome else { return }
            #expect(status.message.contains("limit of 131073 bytes"), "\(status.message)")

            // The holders go away: their requests end, and the bytes are free again.
            holders.removeAll()
            try await poll("the bytes were not freed", within: .seconds(10), every: .milliseconds(20)) { () -> Observation<Void> in
                let status = try await HTTPBehaviourTests.post(receiver, path: "/v1/logs", body: Data("{}".utf8), headers: Self.json).status
                return status == 200 ? .done(()) : .notYet("answered \(status)")
            }
        }
    }

    @Test("a recorded request's body stays in flight until it is answered; the copy kept moves to the store")
    func decodedBytesStayInFlightUntilFreed() async throws {
        try await withOTLPReceiver { receiver in
            receiver.faultPlan = FaultPlan([FaultRule(.stall(limit: .seconds(600)), when: .attempts(1...1))])
            let body = try HTTPBehaviourTests.fixture("python-sdk/traces.pb")
            var request = HTTPClientRequest(url: receiver.httpEndpoint + "/v1/traces")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-protobuf")
            request.body = .bytes(ByteBuffer(bytes: body))
            let client = Task { try await HTTPBehaviourTests.client.execute(request, timeout: .seconds(60)) }
            try await FaultInjectionTests.waitForStalledAnswers(1, at: receiver, within: .seconds(30), "the stall did not begin")
            // Recorded, but its body and decoded telemetry are still held: the body counts in
            // flight (the decoding estimate too, for the store's cap only); the copy kept, in the
            // store.
            #expect(receiver.exportsInFlight == (1, body.count))
            #expect(receiver.storageUsage.storedBytes >= body.count)
            client.cancel()
            _ = await client.result
            try await poll("the request's bytes stayed in flight", within: .seconds(10), every: .milliseconds(10)) { () -> Observation<Void> in
                let inFlight = receiver.exportsInFlight
                return inFlight == (0, 0) ? .done(()) : .notYet("\(inFlight.requests) requests, \(inFlight.bytes) bytes in flight")
            }
        }
    }

    @Test("under concurrency with evictions, every request is recorded once and every accepted span is stored or counted as evicted")
    func nothingAcceptedIsLost() async throws {
        let configuration = OTLPReceiverConfiguration(maximumConcurrentExports: 4, maximumStoredItems: 8)
        try await withOTLPReceiver(configuration: configuration) { receiver in
            // Each accepted request holds its place 50 ms, so that 8 clients overrun 4 places.
            receiver.faultPlan = FaultPlan([FaultRule(.delay(.milliseconds(50)))])
            let body = try HTTPBehaviourTests.fixture("python-sdk/traces.pb")  // 4 spans
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<64 {
                    group.addTask { try await HTTPBehaviourTests.post(receiver, body: body).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(Set(statuses) == [200, 503], "\(statuses)")
            let accepted = statuses.filter { $0 == 200 }.count
            #expect(receiver.requests.count + receiver.evictions.requests == statuses.count)
            #expect(receiver.requests.filter { !$0.outcome.isAccepted }.allSatisfy(Self.isOverloadRefusal))
            #expect(receiver.spans.count + receiver.evictions.items == accepted * 4)
            #expect(receiver.evictions.items > 0)
            let usage = receiver.storageUsage
            #expect(usage.storedItems == receiver.spans.count && usage.evictedItems == receiver.evictions.items)
        }
    }
}
