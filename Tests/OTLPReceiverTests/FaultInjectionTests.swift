import AsyncHTTPClient
import Foundation
import HarnessSupport
import NIOCore
import OTLPReceiver
import OTLPWire
import Testing

/// Faults, request by request, as a client sees them.
@Suite("Fault injection")
struct FaultInjectionTests {
    static func traces() throws -> Data { try HTTPBehaviourTests.fixture("python-sdk/traces.pb") }

    /// Waits until `receiver` withholds exactly `count` answers (a stall began, or ended), or
    /// fails with `failure`.
    static func waitForStalledAnswers(
        _ count: Int,
        at receiver: OTLPReceiver,
        within timeout: Duration = .seconds(10),
        _ failure: String
    ) async throws {
        try await poll(failure, within: timeout, every: .milliseconds(10)) { () -> Observation<Void> in
            receiver.stalledAnswers == count ? .done(()) : .notYet("\(receiver.stalledAnswers) stalled")
        }
    }

    @Test("503 with Retry-After in seconds on the first two attempts, then success")
    func retryAfterSeconds() async throws {
        try await withOTLPReceiver { receiver in
            receiver.faultPlan = FaultPlan([
                FaultRule(.status(httpStatus: 503, message: "overloaded", retryAfter: .seconds(3)), on: [.traces], when: .attempts(1...2))
            ])
            let first = try await HTTPBehaviourTests.post(receiver, body: Self.traces())
            #expect(first.status == 503 && first.headers.first(name: "retry-after") == "3")
            #expect(String(decoding: first.body, as: UTF8.self).contains("overloaded"))
            #expect(try await HTTPBehaviourTests.post(receiver, body: Self.traces()).status == 503)
            #expect(try await HTTPBehaviourTests.post(receiver, body: Self.traces()).status == 200)
            // Other signals are not affected.
            #expect(
                try await HTTPBehaviourTests.post(
                    receiver,
                    path: "/v1/logs",
                    body: Data("{}".utf8),
                    headers: [("Content-Type", "application/json")]
                ).status == 200
            )
            #expect(receiver.requests.map(\.outcome.isAccepted) == [false, false, true, true])
            #expect(receiver.spans.count == 4)  // only the accepted attempt counts
        }
    }

    @Test("429 with Retry-After as an HTTP-date")
    func retryAfterDate() async throws {
        try await withOTLPReceiver { receiver in
            let date = Date(timeIntervalSince1970: 1_795_000_000)
            receiver.faultPlan = FaultPlan([FaultRule(.status(httpStatus: 429, retryAfter: .httpDate(date)))])
            let answer = try await HTTPBehaviourTests.post(receiver, body: Self.traces())
            #expect(answer.status == 429)
            #expect(answer.headers.first(name: "retry-after") == "Wed, 18 Nov 2026 11:06:40 GMT")
        }
    }

    @Test("a gRPC code on an HTTP request maps to its HTTP status; partial success is reported in the body")
    func grpcCodesAndPartialSuccess() async throws {
        try await withOTLPReceiver { receiver in
            receiver.faultPlan = FaultPlan([
                FaultRule(.grpcStatus(.unavailable, retryDelay: .milliseconds(1500)), when: .attempts(1...1)),
                FaultRule(.partialSuccess(rejected: 2, message: "2 spans too old"), when: .attempts(2...2)),
            ])
            let unavailable = try await HTTPBehaviourTests.post(receiver, body: Self.traces())
            #expect(unavailable.status == 503 && unavailable.headers.first(name: "retry-after") == "2")
            let partial = try await HTTPBehaviourTests.post(
                receiver,
                body: Self.traces(),
                headers: [("Content-Type", "application/x-protobuf")]
            )
            #expect(partial.status == 200)
            #expect(partial.body == OTLPExportResponse(signal: .traces, rejectedCount: 2, errorMessage: "2 spans too old").protobuf)
            #expect(!partial.body.isEmpty)
            guard case .partiallyAccepted(2, "2 spans too old") = receiver.requests.last?.outcome else {
                Issue.record("not recorded as a partial success: \(String(describing: receiver.requests.last?.outcome))")
                return
            }
        }
    }

    @Test("a delay holds the answer; a garbage body answers 200 with bytes that are no response")
    func delayAndGarbage() async throws {
        try await withOTLPReceiver { receiver in
            receiver.faultPlan = FaultPlan([
                FaultRule(.delay(.milliseconds(300), jitter: .milliseconds(100)), when: .attempts(1...1)),
                FaultRule(.garbageBody, when: .attempts(2...2)),
            ])
            let clock = ContinuousClock()
            let start = clock.now
            #expect(try await HTTPBehaviourTests.post(receiver, body: Self.traces()).status == 200)
            #expect(clock.now - start >= .milliseconds(300))
            let garbage = try await HTTPBehaviourTests.post(receiver, body: Self.traces())
            #expect(garbage.status == 200 && !garbage.body.isEmpty)
        }
    }

    @Test("a stalled answer is released when the receiver stops")
    func stallReleasedOnStop() async throws {
        let receiver = try await OTLPReceiver.start()
        receiver.faultPlan = FaultPlan([FaultRule(.stall())])
        let answer = Task { try await HTTPBehaviourTests.post(receiver, body: Self.traces()) }
        _ = try await receiver.wait(for: "the stalled request", timeout: .seconds(10)) { _ in
            receiver.requests.isEmpty ? nil : true
        }
        let clock = ContinuousClock()
        let start = clock.now
        await receiver.stop()
        #expect(clock.now - start < .seconds(10))
        _ = await answer.result
    }

    @Test("a stalled answer is released when its client disconnects, not held for the rest of its limit")
    func stallReleasedOnDisconnect() async throws {
        try await withOTLPReceiver { receiver in
            receiver.faultPlan = FaultPlan([FaultRule(.stall(limit: .seconds(600)), when: .attempts(1...1))])
            var request = HTTPClientRequest(url: receiver.httpEndpoint + "/v1/traces")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-protobuf")
            request.body = .bytes(ByteBuffer(bytes: try Self.traces()))
            let client = Task { try await HTTPBehaviourTests.client.execute(request, timeout: .seconds(60)) }
            try await Self.waitForStalledAnswers(1, at: receiver, "the stall did not begin")
            // The client gives up and closes its connection.
            client.cancel()
            _ = await client.result
            try await Self.waitForStalledAnswers(0, at: receiver, "the stall outlived its client")
            // The receiver answers the next attempt normally.
            #expect(try await HTTPBehaviourTests.post(receiver, body: Self.traces()).status == 200)
        }
    }

    @Test("probabilistic faults repeat from run to run with the same seed")
    func probability() async throws {
        func outcomes() async throws -> [Int] {
            try await withOTLPReceiver { receiver in
                receiver.faultPlan = FaultPlan([FaultRule(.status(httpStatus: 503), when: .probability(0.5, seed: 42))])
                var statuses: [Int] = []
                for _ in 0..<12 { statuses.append(try await HTTPBehaviourTests.post(receiver, body: Self.traces()).status) }
                return statuses
            }
        }
        let first = try await outcomes()
        #expect(first == (try await outcomes()))
        #expect(first.contains(503) && first.contains(200))
    }

    @Test("attempts and draws count per session: parallel tests sharing a receiver each see the plan from their first request")
    func perSession() async throws {
        try await withOTLPReceiver { receiver in
            receiver.faultPlan = FaultPlan([
                FaultRule(.status(httpStatus: 503), on: [.traces], when: .attempts(1...1)),
                FaultRule(.status(httpStatus: 429), on: [.logs], when: .probability(0.5, seed: 9)),
            ])
            func post(_ session: String?, _ signal: OTLPSignal = .traces) async throws -> Int {
                var headers = [("Content-Type", signal == .traces ? "application/x-protobuf" : "application/json")]
                if let session { headers.append(("x-otel-harness-session", session)) }
                let body = signal == .traces ? try Self.traces() : Data("{}".utf8)
                return try await HTTPBehaviourTests.post(receiver, path: signal.httpPath, body: body, headers: headers).status
            }
            // Interleaved as parallel tests interleave: each session's first attempt is refused.
            #expect(try await post("test-a") == 503)
            #expect(try await post("test-b") == 503)
            #expect(try await post("test-a") == 200)
            #expect(try await post(nil) == 503)
            #expect(try await post("test-b") == 200)
            #expect(try await post(nil) == 200)
            // The seeded draws repeat within a session whatever another session sends between them.
            var alone: [Int] = []
            for _ in 0..<8 { alone.append(try await post("draws-1", .logs)) }
            var interleaved: [Int] = []
            for _ in 0..<8 {
                interleaved.append(try await post("draws-2", .logs))
                _ = try await post("noise", .logs)
            }
            #expect(alone == interleaved)
            #expect(alone.contains(429) && alone.contains(200))
        }
    }
}

/// Connections closed on purpose: the client gets no answer at all.
@Suite("Closed connections")
struct ClosedConnectionTests {
    @Test(
        "a connection closed after the headers, or mid-body, leaves the client without an answer",
        arguments: [
            Fault.ConnectionClose.afterHeaders, .midBody,
        ]
    )
    func closed(when close: Fault.ConnectionClose) async throws {
        try await withOTLPReceiver { receiver in
            receiver.faultPlan = FaultPlan([FaultRule(.closeConnection(close), on: [.traces], when: .attempts(1...1))])
            let body = try HTTPBehaviourTests.fixture("python-sdk/traces.pb")
            await #expect(throws: (any Error).self) { try await HTTPBehaviourTests.post(receiver, body: body) }
            #expect(try await HTTPBehaviourTests.post(receiver, body: body).status == 200)
            let outcomes = receiver.requests.map(\.outcome)
            #expect(outcomes.count == 2)
            guard case .dropped(let reason) = outcomes.first else {
                Issue.record("the closed attempt was not recorded as dropped: \(outcomes)")
                return
            }
            #expect(reason == (close == .afterHeaders ? "connection closed after the headers" : "connection closed mid-body"))
            #expect(outcomes.last?.isAccepted == true)
            #expect(receiver.spans.count == 4)
        }
    }
}

/// Each request is decided once, whichever way it comes.
@Suite("Fault decisions per request")
struct FaultDecisionTests {
    @Test("attempts are counted across transports: the second traces attempt is closed, even over HTTP after gRPC")
    func acrossTransports() async throws {
        try await withOTLPReceiver { receiver in
            receiver.faultPlan = FaultPlan([FaultRule(.closeConnection(.afterHeaders), on: [.traces], when: .attempts(2...2))])
            let body = try HTTPBehaviourTests.fixture("python-sdk/traces.pb")
            #expect(try await GRPCBehaviourTests.export([UInt8](body), to: receiver) == nil)  // attempt 1, over gRPC
            await #expect(throws: (any Error).self) {  // attempt 2, over HTTP, with a query string
                try await HTTPBehaviourTests.post(receiver, path: "/v1/traces?tenant=a", body: body)
            }
            #expect(try await HTTPBehaviourTests.post(receiver, body: body).status == 200)  // attempt 3
            #expect(receiver.requests.map(\.transport) == [.grpc, .http1, .http1])
            #expect(receiver.requests.map(\.outcome.isAccepted) == [true, false, true])
            #expect(receiver.requests.allSatisfy { $0.header(FaultInjectorHeader.name) == nil })
        }
    }

    @Test("a request refused before decoding still counts as an attempt, and leaves no decision behind")
    func refusedRequestsCount() async throws {
        try await withOTLPReceiver { receiver in
            receiver.faultPlan = FaultPlan([FaultRule(.status(httpStatus: 503), on: [.traces], when: .attempts(2...2))])
            let body = try HTTPBehaviourTests.fixture("python-sdk/traces.pb")
            #expect(try await HTTPBehaviourTests.post(receiver, body: body, headers: [("Content-Type", "text/plain")]).status == 415)
            #expect(try await HTTPBehaviourTests.post(receiver, body: body).status == 503)
            #expect(try await HTTPBehaviourTests.post(receiver, body: body).status == 200)
        }
    }
}

enum FaultInjectorHeader {
    static let name = "x-otel-harness-fault-decision"
}

@Suite("Fault plans with impossible values")
struct ImpossibleFaultTests {
    @Test("an HTTP status that does not exist is answered 500 with a message saying so, not a crash")
    func impossibleStatus() async throws {
        try await withOTLPReceiver(configuration: .init(idleConnectionTimeout: .seconds(Int64.max))) { receiver in
            receiver.faultPlan = FaultPlan([FaultRule(.status(httpStatus: 1234))])
            let answer = try await HTTPBehaviourTests.post(receiver, body: HTTPBehaviourTests.fixture("python-sdk/traces.pb"))
            #expect(answer.status == 500)
            #expect(String(decoding: answer.body, as: UTF8.self).contains("HTTP status 1234"))
        }
    }
}
