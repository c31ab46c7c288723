import AsyncHTTPClient
import Dispatch
import Foundation
import HarnessSupport
import HarnessTestSupport
import OTLPReceiver
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Connections rather than requests: HTTP/2 without TLS, an outage, a client that stops mid-request.
@Suite("Connections")
struct ConnectionBehaviourTests {
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
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            #expect(socket >= 0)
            defer { close(socket) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(receiver.httpPort).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            #expect(connected == 0)
            let head = "POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\nContent-Length: 1000\r\n\r\n"
            _ = head.withCString { send(socket, $0, strlen($0), 0) }
            // Wait at most 40 s for the server to close; recv returns 0 at end of stream.
            var timeout = timeval(tv_sec: 40, tv_usec: 0)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let clock = ContinuousClock()
            let start = clock.now
            // recv blocks until the server closes: on a thread of its own, not the test's.
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                DispatchQueue.global().async {
                    var buffer = [UInt8](repeating: 0, count: 4096)
                    while recv(socket, &buffer, buffer.count, 0) > 0 {}
                    continuation.resume()
                }
            }
            #expect(clock.now - start < .seconds(30), "the connection stayed open past the idle timeout")
            // The attempt is recorded, refused: its body never came.
            let request = try await receiver.wait(for: "the abandoned request", timeout: .seconds(30)) { _ in receiver.requests.first }
            guard case .rejected(400, let status) = request.outcome else {
                Issue.record("recorded as \(request.outcome)")
                return
            }
            #expect(status.message.hasPrefix("the request body could not be read"))
        }
    }
}
