import CompressNIO
import Foundation
import HarnessSupport
import NIOCore
import OTLPReceiver
import OTLPWire
import Testing

/// The OTLP/gRPC endpoint against HTTP/2 streams written by hand: what gRPC's protocol says a
/// server answers to requests no gRPC client sends, the limits checked before a message arrives
/// whole, and the call's deadlines.
@Suite("OTLP/gRPC protocol")
struct GRPCProtocolTests {
    static let tracesPath = "/\(OTLPSignal.traces.grpcService)/Export"

    static func request() throws -> [UInt8] {
        [UInt8](try HTTPBehaviourTests.fixture("python-sdk/traces.pb"))
    }

    /// The rejected HTTP status a request was recorded with, if it was rejected.
    static func rejectedStatus(_ request: ReceivedRequest?) -> Int? {
        if case .rejected(let httpStatus, _)? = request?.outcome { httpStatus } else { nil }
    }

    /// Sends `data` as DATA frames to the traces `Export` method, by hand, with the gRPC request
    /// headers plus `extra`.
    static func export(
        _ data: [[UInt8]],
        to receiver: OTLPReceiver,
        headers extra: [(String, String)] = [],
        endStream: Bool = true
    ) async throws -> HTTP2Stream.Answer {
        let port = receiver.grpcPort
        return try await HTTP2Stream.send(
            to: port,
            headers: HTTP2Stream.grpcHeaders(path: tracesPath, port: port, extra),
            data: data,
            endStream: endStream
        )
    }

    /// Waits until no export is in flight at `receiver`: every slot and byte given back.
    static func waitUntilNothingInFlight(at receiver: OTLPReceiver, _ message: String) async throws {
        try await poll(message, within: .seconds(10), every: .milliseconds(10)) { () -> Observation<Void> in
            receiver.exportsInFlight == (0, 0) ? .done(()) : .notYet("in flight: \(receiver.exportsInFlight)")
        }
    }

    @Test("a whole call by hand: response headers, one response message, grpc-status 0 in the trailers")
    func wholeCall() async throws {
        try await withOTLPReceiver { receiver in
            let answer = try await Self.export([HTTP2Stream.framed(try Self.request())], to: receiver, headers: [("x-custom", "kept")])
            #expect(answer.headerBlocks.count == 2, "headers and trailers: \(answer.headerBlocks)")
            #expect(answer.headerBlocks.first?.first(name: ":status") == "200")
            #expect(answer.headerBlocks.first?.first(name: "content-type") == "application/grpc")
            #expect(answer.grpcStatus == 0)
            // An empty ExportTraceServiceResponse, framed: uncompressed, 0 bytes long.
            #expect(answer.data == [0, 0, 0, 0, 0])
            #expect(receiver.spans.count == 4)
            #expect(receiver.requests.first?.headers.contains { $0.name == "x-custom" && $0.value == "kept" } == true)
            #expect(receiver.requests.first?.path == Self.tracesPath)
        }
    }

    @Test("a message split across DATA frames anywhere, inside its prefix included, is read whole")
    func splitMessage() async throws {
        try await withOTLPReceiver { receiver in
            let message = HTTP2Stream.framed(try Self.request())
            let splits: [[Int]] = [[1, 2, 3, 4], [5], [3, 1000], [message.count - 1], Array(stride(from: 7, to: message.count, by: 997))]
            for cuts in splits {
                let bounds = [0] + cuts + [message.count]
                let frames = zip(bounds, bounds.dropFirst()).map { Array(message[$0..<$1]) }
                let answer = try await Self.export(frames, to: receiver)
                #expect(answer.grpcStatus == 0, "split at \(cuts): \(answer)")
            }
            #expect(receiver.spans.count == 4 * splits.count)
            #expect(receiver.requests.allSatisfy { $0.bodySize == message.count - 5 })
        }
    }

    @Test("requests no gRPC client sends get the answers gRPC's protocol gives, and are not recorded")
    func malformedRequests() async throws {
        try await withOTLPReceiver { receiver in
            let port = receiver.grpcPort
            let message = HTTP2Stream.framed(try Self.request())
            func send(_ extra: [(String, String)] = [], path: String = Self.tracesPath, data: [[UInt8]]) async throws -> HTTP2Stream.Answer {
                try await HTTP2Stream.send(to: port, headers: HTTP2Stream.grpcHeaders(path: path, port: port, extra), data: data)
            }

            let json = try await send([("content-type", "application/json")], data: [message])
            #expect(json.headerBlocks.first?.first(name: ":status") == "415")
            let grpcJSON = try await send([("content-type", "application/grpc+json")], data: [message])
            #expect(grpcJSON.headerBlocks.first?.first(name: ":status") == "415", "a codec the receiver would misread as protobuf")

            let unknown = try await send(path: "/opentelemetry.proto.collector.trace.v1.TraceService/Nope", data: [message])
            #expect(unknown.grpcStatus == 12)
            #expect(unknown.trailer("grpc-message")?.contains("unknown method") == true)

            let brotli = try await send([("grpc-encoding", "br")], data: [message])
            #expect(brotli.grpcStatus == 12)
            #expect(brotli.trailer("grpc-accept-encoding")?.contains("gzip") == true)

            let two = try await send(data: [message, message])
            #expect(two.grpcStatus == 3)
            #expect(two.trailer("grpc-message")?.contains("got more") == true)

            let none = try await send(data: [])
            #expect(none.grpcStatus == 3)
            #expect(none.trailer("grpc-message")?.contains("got none") == true)

            let cut = try await send(data: [Array(message.prefix(15))])
            #expect(cut.grpcStatus == 3)
            #expect(cut.trailer("grpc-message")?.contains("after 15 of its \(message.count) bytes") == true, "\(cut)")

            let flagged = try await send(data: [HTTP2Stream.framed(try Self.request(), compressed: true)])
            #expect(flagged.grpcStatus == 13, "a compressed message without grpc-encoding")

            #expect(receiver.requests.isEmpty)
            // The connection-level protocol is intact: a good call still goes through.
            #expect(try await send(data: [message]).grpcStatus == 0)
        }
    }

    @Test("a message declared larger than the limit is refused from its prefix, before the rest arrives")
    func tooLargeFromPrefix() async throws {
        try await withOTLPReceiver(configuration: .init(maximumRequestBodySize: 1024)) { receiver in
            // The prefix declares 10 MB; only 100 bytes follow, and the stream stays open.
            let prefix: [UInt8] = [0, 0x00, 0x98, 0x96, 0x80]
            let answer = try await Self.export([prefix + [UInt8](repeating: 0, count: 100)], to: receiver, endStream: false)
            #expect(answer.grpcStatus == 8)
            #expect(answer.trailer("grpc-message")?.contains("10000000 bytes") == true)
            #expect(receiver.requests.first?.bodySize == 10_000_000)
            #expect(Self.rejectedStatus(receiver.requests.first) == 413)
        }
    }

    @Test("a call not received whole within the receive timeout gets DEADLINE_EXCEEDED, and is recorded")
    func receiveTimeout() async throws {
        try await withOTLPReceiver(configuration: .init(requestReceiveTimeout: .milliseconds(300))) { receiver in
            let message = HTTP2Stream.framed(try Self.request())
            let answer = try await Self.export([Array(message.prefix(40))], to: receiver, endStream: false)
            #expect(answer.grpcStatus == 4)
            #expect(receiver.requests.first?.bodySize == 40)
            #expect(Self.rejectedStatus(receiver.requests.first) == 408)
            #expect(receiver.spans.isEmpty)
        }
    }

    @Test("a stalled call gets DEADLINE_EXCEEDED when its grpc-timeout passes, and the stall ends with it")
    func callTimeout() async throws {
        try await withOTLPReceiver { receiver in
            receiver.faultPlan = FaultPlan([FaultRule(.stall(limit: .seconds(600)), when: .attempts(1...1))])
            let clock = ContinuousClock()
            let start = clock.now
            let answer = try await Self.export([HTTP2Stream.framed(try Self.request())], to: receiver, headers: [("grpc-timeout", "300m")])
            #expect(answer.grpcStatus == 4)
            #expect(clock.now - start < .seconds(30))
            try await FaultInjectionTests.waitForStalledAnswers(0, at: receiver, "the stall outlived its call's deadline")
            // The request was received whole: recorded with the stall's outcome.
            #expect(receiver.requests.count == 1)
        }
    }

    @Test("gzip messages are inflated on the decoding threads; one inflating past the limit gets RESOURCE_EXHAUSTED")
    func gzipMessages() async throws {
        try await withOTLPReceiver(configuration: .init(maximumRequestBodySize: 1 << 20)) { receiver in
            let gzip = [("grpc-encoding", "gzip")]
            let gzipped = [UInt8](try HTTPBehaviourTests.gzip(Data(try Self.request())))
            let good = try await Self.export([HTTP2Stream.framed(gzipped, compressed: true)], to: receiver, headers: gzip)
            #expect(good.grpcStatus == 0)
            #expect(receiver.spans.count == 4)
            #expect(receiver.requests.first?.contentEncoding == "gzip")

            var body = ByteBuffer(bytes: try Self.request())
            let deflated = Array(try body.compress(with: .zlib()).readableBytesView)  // gRPC's deflate: the zlib format
            let deflate = [("grpc-encoding", "deflate")]
            #expect(try await Self.export([HTTP2Stream.framed(deflated, compressed: true)], to: receiver, headers: deflate).grpcStatus == 0)
            #expect(receiver.spans.count == 8)
            // A gzip stream sent as deflate is refused, naming the format.
            let mislabelled = try await Self.export([HTTP2Stream.framed(gzipped, compressed: true)], to: receiver, headers: deflate)
            #expect(mislabelled.grpcStatus == 3)
            #expect(mislabelled.trailer("grpc-message")?.contains("not valid deflate") == true, "\(mislabelled)")

            // 8 MiB of zeros: a few KiB on the wire, past the 1 MiB limit once inflated.
            let bomb = [UInt8](try HTTPBehaviourTests.gzip(Data(count: 8 << 20)))
            let refused = try await Self.export([HTTP2Stream.framed(bomb, compressed: true)], to: receiver, headers: gzip)
            #expect(refused.grpcStatus == 8)
            #expect(receiver.requests.count == 4)
            #expect(receiver.spans.count == 8)
        }
    }

    @Test("a call is admitted when its prefix announces the message: past the limits it is refused before the message is buffered")
    func admittedFromPrefix() async throws {
        let configuration = OTLPReceiverConfiguration(requestReceiveTimeout: .seconds(3), maximumConcurrentExports: 1)
        try await withOTLPReceiver(configuration: configuration) { receiver in
            let message = HTTP2Stream.framed(try Self.request())
            // A call whose client sends the prefix and a little more, then nothing: it holds the
            // one slot until its receive deadline.
            let held = Task {
                try await Self.export([Array(message.prefix(40))], to: receiver, endStream: false)
            }
            try await poll("the first call was not admitted", within: .seconds(10), every: .milliseconds(10)) { () -> Observation<Void> in
                receiver.exportsInFlight == (1, message.count - 5) ? .done(()) : .notYet("in flight: \(receiver.exportsInFlight)")
            }
            let refused = try await Self.export([message], to: receiver)
            #expect(refused.grpcStatus == 8)
            #expect(refused.trailer("grpc-message")?.contains("limit of 1 export requests in flight") == true)
            #expect(refused.trailer("grpc-status-details-bin") != nil, "RESOURCE_EXHAUSTED without RetryInfo")
            #expect(receiver.requests.contains(where: AdmissionControlTests.isOverloadRefusal))

            #expect(try await held.value.grpcStatus == 4)
            try await Self.waitUntilNothingInFlight(at: receiver, "the slot was not freed")
            #expect(try await Self.export([message], to: receiver).grpcStatus == 0)
        }
    }

    @Test("a grpc-timeout that passes while the call is still arriving is answered DEADLINE_EXCEEDED and recorded")
    func callTimeoutWhileReceiving() async throws {
        try await withOTLPReceiver { receiver in
            let message = HTTP2Stream.framed(try Self.request())
            let answer = try await Self.export([Array(message.prefix(40))], to: receiver, headers: [("grpc-timeout", "200m")], endStream: false)
            #expect(answer.grpcStatus == 4)
            #expect(Self.rejectedStatus(receiver.requests.first) == 504)
            #expect(receiver.requests.first?.bodySize == 40)
        }
    }

    @Test("a call given up by its deadline stops its work: an injected delay ends early and frees the call's slot")
    func abandonedCallStops() async throws {
        try await withOTLPReceiver { receiver in
            receiver.faultPlan = FaultPlan([FaultRule(.delay(.seconds(600)), when: .attempts(1...1))])
            let answer = try await Self.export([HTTP2Stream.framed(try Self.request())], to: receiver, headers: [("grpc-timeout", "200m")])
            #expect(answer.grpcStatus == 4)
            try await Self.waitUntilNothingInFlight(at: receiver, "the delayed call kept its slot")
            #expect(receiver.requests.count == 1)
        }
    }

    @Test("stopping closes a connection whose client never speaks HTTP/2, at most the grace period later")
    func silentConnectionDoesNotHoldStop() async throws {
        try await withOTLPReceiver { receiver in
            let silent = try RawHTTPConnection(port: receiver.grpcPort)
            let clock = ContinuousClock()
            let start = clock.now
            await receiver.stopListening()
            #expect(clock.now - start < .seconds(30), "stopping waited \(clock.now - start) for a silent connection")
            let (_, closed) = await silent.readUntilClosed(within: .seconds(10))
            #expect(closed)
        }
    }
}
