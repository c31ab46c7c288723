import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import HarnessSupport
import OTLPReceiver
import OTLPWire
import Testing

/// How the OTLP/gRPC endpoint answers bad input, request by request.
@Suite("OTLP/gRPC answers")
struct GRPCBehaviourTests {
    struct RawBytes: MessageSerializer, MessageDeserializer {
        func serialize<Bytes: GRPCContiguousBytes>(_ message: [UInt8]) throws -> Bytes { Bytes(message) }
        func deserialize<Bytes: GRPCContiguousBytes>(_ bytes: Bytes) throws -> [UInt8] { bytes.withUnsafeBytes { Array($0) } }
    }

    /// Sends `message` to the traces Export method and returns the status code it got.
    static func export(_ message: [UInt8], to receiver: OTLPReceiver) async throws -> RPCError.Code? {
        try await withGRPCClient(
            transport: .http2NIOPosix(target: .ipv4(address: "127.0.0.1", port: receiver.grpcPort), transportSecurity: .plaintext)
        ) { client in
            try await export(message, with: client)
        }
    }

    /// Sends `message` to the traces Export method over `client` and returns the status code it got.
    static func export(_ message: [UInt8], with client: GRPCClient<HTTP2ClientTransport.Posix>) async throws -> RPCError.Code? {
        let method = MethodDescriptor(service: ServiceDescriptor(fullyQualifiedService: OTLPSignal.traces.grpcService), method: "Export")
        do {
            try await client.unary(
                request: ClientRequest(message: message),
                descriptor: method,
                serializer: RawBytes(),
                deserializer: RawBytes(),
                options: .defaults
            ) { response in _ = try response.message }
            return nil
        } catch let error as RPCError {
            return error.code
        }
    }

    @Test("undecodable bytes get INVALID_ARGUMENT with the field path in the message")
    func invalidArgument() async throws {
        try await withOTLPReceiver { receiver in
            let truncated = [UInt8](try HTTPBehaviourTests.fixture("python-sdk/traces.pb").prefix(1500))
            #expect(try await Self.export(truncated, to: receiver) == .invalidArgument)
            #expect(receiver.requests.first?.decodingError?.path.hasPrefix("resourceSpans[0].scopeSpans[0].spans[") == true)
            #expect(try await Self.export([UInt8](try HTTPBehaviourTests.fixture("python-sdk/traces.pb")), to: receiver) == nil)
        }
    }

    @Test("a message above the size limit gets RESOURCE_EXHAUSTED")
    func resourceExhausted() async throws {
        try await withOTLPReceiver(configuration: .init(maximumRequestBodySize: 1024)) { receiver in
            let body = [UInt8](try HTTPBehaviourTests.fixture("python-sdk/traces.pb"))
            let code = try await Self.export(body, to: receiver)
            #expect(code == .resourceExhausted, "got \(String(describing: code))")
            #expect(receiver.spans.isEmpty)
            #expect(receiver.requests.first?.bodySize == body.count)
        }
    }

    @Test("a stalled answer is released when its gRPC client gives up, not held for the rest of its limit")
    func stallReleasedOnCancel() async throws {
        try await withOTLPReceiver { receiver in
            receiver.faultPlan = FaultPlan([FaultRule(.stall(limit: .seconds(600)), when: .attempts(1...1))])
            let body = [UInt8](try HTTPBehaviourTests.fixture("python-sdk/traces.pb"))
            let client = Task { try await Self.export(body, to: receiver) }
            try await FaultInjectionTests.waitForStalledAnswers(1, at: receiver, within: .seconds(30), "the stall did not begin")
            // The client gives up: its RPC is cancelled.
            client.cancel()
            _ = await client.result
            try await FaultInjectionTests.waitForStalledAnswers(0, at: receiver, "the stall outlived its RPC")
            #expect(try await Self.export(body, to: receiver) == nil)
        }
    }

    @Test("stopping closes open gRPC connections at once and refuses new ones; listening again serves the same port")
    func outage() async throws {
        try await withOTLPReceiver { receiver in
            let body = [UInt8](try HTTPBehaviourTests.fixture("python-sdk/traces.pb"))
            try await withGRPCClient(
                transport: .http2NIOPosix(target: .ipv4(address: "127.0.0.1", port: receiver.grpcPort), transportSecurity: .plaintext)
            ) { client in
                let first = try await Self.export(body, with: client)
                #expect(first == nil)
                // The client's connection stays open, idle: stopping closes it (GOAWAY), not
                // waiting out the grace period.
                let clock = ContinuousClock()
                let start = clock.now
                await receiver.stopListening()
                #expect(clock.now - start < .seconds(5), "stopping waited for an idle connection")
            }
            await #expect(throws: (any Error).self) {
                try await GRPCProtocolTests.export([HTTP2Stream.framed(body)], to: receiver)
            }
            try await receiver.resumeListening()
            #expect(try await Self.export(body, to: receiver) == nil)
            #expect(receiver.spans.count == 8)
        }
    }
}
