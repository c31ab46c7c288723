import NIOCore
import NIOExtras
import NIOHTTP2
import NIOPosix
import OTLPWire

/// The OTLP/gRPC endpoint: the three unary `Export` methods over HTTP/2 (plaintext, prior
/// knowledge), on swift-nio-http2 directly.
///
/// A general gRPC server (grpc-swift) runs each call as a task reading and writing async
/// sequences, several thread hops per call; under load that cost the receiver a sixth of its
/// gRPC throughput against OTLP/HTTP. Here a call is received and answered on its event loop and
/// leaves it once, to be decoded. Connections are managed by swift-nio-http2's
/// `NIOHTTP2ServerConnectionManagementHandler`: idle ones close after
/// ``OTLPReceiverConfiguration/idleConnectionTimeout``, and stopping closes each gracefully
/// (GOAWAY, then close once its calls are answered, or after a grace period: see
/// ``GoAwayDeadlineHandler``).
final class GRPCExportServer: Sendable {
    /// The port it listens on.
    let port: Int
    private let channel: any Channel
    private let quiescing: ServerQuiescingHelper
    private let calls: GRPCCallsInFlight

    /// How long stopping waits for calls in flight before it closes their connections.
    static let gracePeriod = TimeAmount.seconds(10)

    private init(port: Int, channel: any Channel, quiescing: ServerQuiescingHelper, calls: GRPCCallsInFlight) {
        self.port = port
        self.channel = channel
        self.quiescing = quiescing
        self.calls = calls
    }

    /// Listens on `host`:`port` (0 picks a free port).
    ///
    /// - Throws: ``OTLPReceiverError/cannotListen(server:address:underlying:)`` when it cannot.
    static func start(host: String, port: Int, processor: ExportProcessor) async throws -> GRPCExportServer {
        let group = MultiThreadedEventLoopGroup.singleton
        let quiescing = ServerQuiescingHelper(group: group)
        let calls = GRPCCallsInFlight()
        let configuration = processor.configuration
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try configurePipeline(channel, configuration: configuration, processor: processor, calls: calls)
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: host, port: port).get()
        } catch {
            throw OTLPReceiverError.cannotListen(server: "gRPC", address: "\(host):\(port)", underlying: "\(error)")
        }
        guard let bound = channel.localAddress?.port else {
            try? await channel.close()
            throw OTLPReceiverError.cannotListen(server: "gRPC", address: "\(host):\(port)", underlying: "no local address")
        }
        return GRPCExportServer(port: bound, channel: channel, quiescing: quiescing, calls: calls)
    }

    /// An HTTP/2 connection: flow control sized for export requests of hundreds of KiB, a stream
    /// handler per call.
    private static func configurePipeline(
        _ channel: any Channel,
        configuration: OTLPReceiverConfiguration,
        processor: ExportProcessor,
        calls: GRPCCallsInFlight
    ) throws {
        // Export requests are hundreds of KiB: with HTTP/2's default 64 KiB window and 16 KiB
        // frames a client stops for a window update several times per request.
        let window = 8 << 20
        var connection = NIOHTTP2Handler.ConnectionConfiguration()
        connection.targetWindowSize = window
        connection.initialSettings = [
            HTTP2Setting(parameter: .initialWindowSize, value: window),
            HTTP2Setting(parameter: .maxFrameSize, value: 1 << 20),
            HTTP2Setting(parameter: .maxConcurrentStreams, value: 1024),
            HTTP2Setting(parameter: .maxHeaderListSize, value: 16 << 10),
        ]
        var stream = NIOHTTP2Handler.StreamConfiguration()
        stream.targetWindowSize = window
        let manager = NIOHTTP2ServerConnectionManagementHandler(
            eventLoop: channel.eventLoop,
            configuration: .init(
                maxIdleTime: configuration.idleConnectionTimeout.timeAmount,
                maxAge: nil,
                maxGraceTime: gracePeriod,
                keepalive: nil
            )
        )
        let http2 = NIOHTTP2Handler(
            mode: .server,
            eventLoop: channel.eventLoop,
            connectionConfiguration: connection,
            streamConfiguration: stream,
            streamDelegate: manager.http2StreamDelegate
        ) { stream in
            stream.eventLoop.makeCompletedFuture {
                try stream.pipeline.syncOperations.addHandler(GRPCExportStreamHandler(processor: processor, calls: calls))
            }
        }
        try channel.pipeline.syncOperations.addHandler(http2)
        try channel.pipeline.syncOperations.addHandler(GoAwayDeadlineHandler(grace: gracePeriod))
        try channel.pipeline.syncOperations.addHandler(manager)
    }

    /// Stops listening, closes every connection once its calls are answered (at most
    /// ``gracePeriod`` after its GOAWAY, whatever its client does), and returns when all are
    /// closed and the calls still being processed have ended.
    func stop() async {
        let closed = channel.eventLoop.makePromise(of: Void.self)
        quiescing.initiateShutdown(promise: closed)
        try? await closed.futureResult.get()
        await calls.drained()
    }
}
