import NIOCore
import NIOHPACK
import NIOHTTP2
import NIOPosix

/// One HTTP/2 stream sent by hand over h2c (prior knowledge): what no gRPC client sends, such as
/// a wrong content type, two messages in one unary call, or a message cut short.
enum HTTP2Stream {
    /// What came back on the stream.
    struct Answer: Sendable {
        /// Every header block, in order: the response headers, then the trailers (one block for
        /// a trailers-only answer).
        var headerBlocks: [HPACKHeaders] = []
        var data: [UInt8] = []
        /// Whether the receiver reset the stream (before or after its answer).
        var wasReset = false

        /// The value of `name` in the last header block: the gRPC status lives there.
        func trailer(_ name: String) -> String? { headerBlocks.last?.first(name: name) }

        /// The gRPC status code, when there is one.
        var grpcStatus: Int? { trailer("grpc-status").flatMap { Int($0) } }
    }

    /// gRPC request headers for `path` on the receiver at `port`, plus `extra`.
    static func grpcHeaders(path: String, port: Int, _ extra: [(String, String)] = []) -> HPACKHeaders {
        var headers: HPACKHeaders = [
            ":method": "POST", ":scheme": "http", ":path": path, ":authority": "127.0.0.1:\(port)",
            "content-type": "application/grpc", "te": "trailers",
        ]
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        return headers
    }

    /// `message` with gRPC's 5-byte prefix.
    static func framed(_ message: [UInt8], compressed: Bool = false) -> [UInt8] {
        let length = UInt32(message.count)
        return [compressed ? 1 : 0, UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + message
    }

    /// Opens a connection to `port`, sends `headers` and then each of `data` as a DATA frame (the
    /// last one ending the stream when `endStream`), and returns what came back once the stream
    /// closed. With `endStream` false the stream stays open on the client's side until the
    /// receiver answers or resets it.
    static func send(to port: Int, headers: HPACKHeaders, data: [[UInt8]], endStream: Bool = true) async throws -> Answer {
        // HTTP/2 is set up before the connection is made: the receiver's SETTINGS may arrive at
        // once, and bytes read before the handler is in place would be lost.
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    _ = try channel.pipeline.syncOperations.configureHTTP2Pipeline(
                        mode: .client,
                        connectionConfiguration: .init(),
                        streamConfiguration: .init()
                    ) { $0.eventLoop.makeSucceededVoidFuture() }
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        // A receiver that never answers fails the test instead of hanging it: the connection
        // closes, and the stream ends with what came so far.
        let deadline = channel.eventLoop.scheduleTask(in: .seconds(30)) { channel.close(promise: nil) }
        defer { deadline.cancel() }
        do {
            let answer = try await exchange(on: channel, headers: headers, data: data, endStream: endStream)
            try? await channel.close()
            return answer
        } catch {
            try? await channel.close()
            throw error
        }
    }

    private static func exchange(on channel: any Channel, headers: HPACKHeaders, data: [[UInt8]], endStream: Bool) async throws -> Answer {
        let answered = channel.eventLoop.makePromise(of: Answer.self)
        let stream = try await channel.eventLoop.flatSubmit {
            do {
                let multiplexer = try channel.pipeline.syncOperations.handler(type: NIOHTTP2Handler.self).syncMultiplexer()
                return multiplexer.createStreamChannel { stream in
                    stream.eventLoop.makeCompletedFuture { try stream.pipeline.syncOperations.addHandler(Collector(answered)) }
                }
            } catch {
                return channel.eventLoop.makeFailedFuture(error)
            }
        }.get()
        let frames: [HTTP2Frame.FramePayload] =
            [.headers(.init(headers: headers, endStream: endStream && data.isEmpty))]
            + data.enumerated().map { index, bytes in
                .data(.init(data: .byteBuffer(ByteBuffer(bytes: bytes)), endStream: endStream && index == data.count - 1))
            }
        for frame in frames { stream.write(frame, promise: nil) }
        stream.flush()
        return try await answered.futureResult.get()
    }

    /// Collects a stream's frames until it closes.
    private final class Collector: ChannelInboundHandler {
        typealias InboundIn = HTTP2Frame.FramePayload

        private let answered: EventLoopPromise<Answer>
        private var answer = Answer()

        init(_ answered: EventLoopPromise<Answer>) {
            self.answered = answered
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .headers(let block): answer.headerBlocks.append(block.headers)
            case .data(let frame): if case .byteBuffer(let bytes) = frame.data { answer.data += Array(bytes.readableBytesView) }
            case .rstStream: answer.wasReset = true
            default: break
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            if error is NIOHTTP2Errors.StreamClosed { answer.wasReset = true }
        }

        func channelInactive(context: ChannelHandlerContext) {
            answered.succeed(answer)
        }
    }
}
