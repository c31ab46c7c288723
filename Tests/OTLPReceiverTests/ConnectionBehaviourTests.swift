import AsyncHTTPClient
import Dispatch
import Foundation
import HarnessSupport
import HarnessTestSupport
import OTLPReceiver
import OTLPWire
import TelemetryModel
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Connections rather than requests: HTTP/2 without TLS, an outage, a client that stops mid-request.
@Suite("Connections")
struct ConnectionBehaviourTests {
    /// The message of the first request's rejection, once it is recorded; `nil` (and an issue)
    /// when it was recorded otherwise than rejected with `status`.
    static func firstRejection(at receiver: OTLPReceiver, status: Int) async throws -> String? {
        let request = try await receiver.wait(for: "the first request's record", timeout: .seconds(30)) { _ in receiver.requests.first }
        guard case .rejected(status, let answer) = request.outcome else {
            Issue.record("recorded as \(request.outcome)")
            return nil
        }
        return answer.message
    }

    @Test("OTLP/HTTP over h2c (HTTP/2 with prior knowledge) is served and recorded as HTTP/2")
    func h2c() async throws {
        try await withOTLPReceiver(configuration: .init(h2cPort: 0)) { receiver in
            let endpoint = try #require(receiver.h2cEndpoint)
            let fixture = Repository.fixtures("otlp/python-sdk/traces.pb").path
            let curl = await CommandRunner.run(
                [
                    "curl", "--http2-prior-knowledge", "--silent", "--max-time", "20", "--output", "/dev/null",
                    "--write-out", "%{http_version} %{http_code}", "--header", "Content-Type: application/x-protobuf",
                    "--data-binary", "@\(fixture)", endpoint + "/v1/traces",
                ],
                timeout: .seconds(60)
            )
            #expect(curl.output == "2 200")
            #expect(receiver.requests.first?.transport == .http2)
            #expect(receiver.spans.count == 4)
        }
    }

    @Test("while not listening, connections are refused; afterwards the same ports serve again")
    func outage() async throws {
        try await withOTLPReceiver { receiver in
            let body = try HTTPBehaviourTests.fixture("python-sdk/traces.pb")
            await receiver.stopListening()
            await #expect(throws: (any Error).self) { try await HTTPBehaviourTests.post(receiver, body: body) }
            try await receiver.resumeListening()
            #expect(try await HTTPBehaviourTests.post(receiver, body: body).status == 200)
            #expect(receiver.requests.count == 1)
        }
    }

    @Test("a client that sends headers and then nothing is disconnected after the idle timeout")
    func headerTimeout() async throws {
        try await withOTLPReceiver(configuration: .init(idleConnectionTimeout: .seconds(1))) { receiver in
            let connection = try RawHTTPConnection(port: receiver.httpPort)
            connection.sendHead(contentLength: 1000)
            let clock = ContinuousClock()
            let start = clock.now
            let (_, closed) = await connection.readUntilClosed(within: .seconds(40))
            #expect(closed && clock.now - start < .seconds(30), "the connection stayed open past the idle timeout")
            // The attempt is recorded, refused: its body never came.
            let message = try await Self.firstRejection(at: receiver, status: 400)
            #expect(message?.hasPrefix("the request body could not be read") == true, "\(message ?? "")")
        }
    }

    @Test("a client that trickles its body is answered 408 at the receive deadline, and the connection closes")
    func trickledBody() async throws {
        try await withOTLPReceiver(configuration: .init(requestReceiveTimeout: .seconds(1))) { receiver in
            let connection = try RawHTTPConnection(port: receiver.httpPort)
            connection.sendHead(contentLength: 1000)
            let clock = ContinuousClock()
            let start = clock.now
            // One byte every 200 ms, each of which resets the idle timeout.
            let (answer, closed) = await connection.readUntilClosed(within: .seconds(20)) { $0.send("x") }
            #expect(closed && clock.now - start < .seconds(15), "the connection stayed open while the body trickled")
            #expect(answer.hasPrefix("HTTP/1.1 408"), "answered: \(answer.prefix(200))")
            let message = try await Self.firstRejection(at: receiver, status: 408)
            #expect(message?.contains("not received whole within") == true, "\(message ?? "")")
        }
    }

    @Test("a client that reads a large answer slower than the answer timeout has its connection closed, the answer cut short")
    func slowReader() async throws {
        try await withOTLPReceiver(configuration: .init(answerWriteTimeout: .seconds(1))) { receiver in
            // One trace of 20,000 spans with a 500-character attribute each: an answer of tens of MB,
            // far more than the loopback's socket buffers hold.
            let long = String(repeating: "x", count: 500)
            let spans = (1...20_000).map { index in
                Span(traceID: TraceID(high: 1, low: 1), spanID: SpanID(UInt64(index)), name: "span", attributes: ["payload": .string(long)])
            }
            let traces = TracesData(resourceSpans: [
                ResourceSpans(resource: Resource(attributes: ["service.name": "big"]), scopeSpans: [ScopeSpans(spans: spans)])
            ])
            #expect(try await HTTPBehaviourTests.post(receiver, body: OTLPProtobuf.encode(traces)).status == 200)

            // A 4 KiB receive window: the answer waits in the receiver's socket buffer (at most a
            // few MB), not in the client's.
            let connection = try RawHTTPConnection(port: receiver.httpPort, receiveBufferSize: 4096)
            connection.send("GET /api/traces?service=big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            // Read nothing until the receiver has given up on this reader and closed its end,
            // then everything there is.
            try await poll("the receiver kept writing to a reader that reads nothing", within: .seconds(30), every: .milliseconds(50)) {
                () -> Observation<Void> in
                connection.isClosedByServer(serverPort: receiver.httpPort) ? .done(()) : .notYet("the receiver's end is still open")
            }
            let (answer, closed) = await connection.readUntilClosed(within: .seconds(30))
            #expect(closed, "the connection stayed open")
            // The answer is streamed (chunked): cut short, it lacks the last, empty chunk.
            let head = (answer.range(of: "\r\n\r\n").map { answer[..<$0.lowerBound] } ?? answer[...]).lowercased()
            #expect(head.hasPrefix("http/1.1 200") && head.contains("transfer-encoding: chunked"), "answered: \(answer.prefix(300))")
            #expect(answer.utf8.count > 64 << 10 && !answer.hasSuffix("\r\n0\r\n\r\n"), "the answer was not cut short: \(answer.utf8.count) bytes")
        }
    }
}
