import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdHTTP2
import Logging
import NIOCore

/// The receiver's listening servers: OTLP/gRPC, OTLP/HTTP over HTTP/1.1, and (optionally) over
/// h2c, prior knowledge. Started together, stopped together; the store outlives them, so a
/// receiver can stop listening and listen again on the same ports.
struct ReceiverServers: Sendable {
    struct Ports: Sendable, Hashable {
        var grpc: Int
        var http: Int
        var h2c: Int?
    }

    let ports: Ports
    private let grpcServer: GRPCExportServer
    private let httpServers: [Task<Void, any Error>]

    /// Starts the servers on `ports` (0 picks a free port) and returns once all listen.
    static func start(
        configuration: OTLPReceiverConfiguration,
        ports requested: Ports,
        processor: ExportProcessor,
        store: ReceivedTelemetryStore,
        faults: FaultInjector
    ) async throws -> ReceiverServers {
        let grpcServer = try await GRPCExportServer.start(host: configuration.host, port: requested.grpc, processor: processor)
        var httpServers: [Task<Void, any Error>] = []
        func stopAll() async {
            await ReceiverServers(ports: requested, grpcServer: grpcServer, httpServers: httpServers).stop()
        }

        var ports = Ports(grpc: grpcServer.port, http: 0, h2c: nil)
        let servers: [(name: String, port: Int, transport: ReceivedRequest.Transport, builder: HTTPServerBuilder)] =
            [
                (
                    "HTTP", requested.http, .http1,
                    .http1(
                        configuration: .init(
                            additionalChannelHandlers: [
                                RequestDeadlineHandler(
                                    receiveTimeout: configuration.requestReceiveTimeout,
                                    answerTimeout: configuration.answerWriteTimeout
                                ),
                                ConnectionFaultHandler(faults: faults, processor: processor, transport: .http1),
                            ],
                            idleTimeout: configuration.idleConnectionTimeout.timeAmount
                        )
                    )
                )
            ]
            + (requested.h2c.map { port in
                [
                    (
                        "h2c", port, .http2,
                        .plaintextHTTP2(
                            configuration: .init(
                                idleTimeout: configuration.idleConnectionTimeout,
                                streamConfiguration: .init(
                                    additionalChannelHandlers: [
                                        RequestDeadlineHandler(
                                            receiveTimeout: configuration.requestReceiveTimeout,
                                            answerTimeout: configuration.answerWriteTimeout
                                        ),
                                        ConnectionFaultHandler(faults: faults, processor: processor, transport: .http2),
                                    ],
                                    idleTimeout: configuration.idleConnectionTimeout.timeAmount
                                )
                            )
                        )
                    )
                ]
            } ?? [])
        for server in servers {
            let router = Router()
            OTLPHTTPRoutes(configuration: configuration, processor: processor, transport: server.transport).register(on: router)
            CollectorStandInRoutes(configuration: configuration, store: store, pool: processor.pool).register(on: router)
            router.get("/health") { _, _ in
                Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
            }
            // What the store holds and has evicted, and the work in flight, for a receiver running
            // as a process of its own.
            router.get("/storage") { _, _ in
                let inFlight = processor.admission.current
                let answer = StorageAnswer(usage: store.usage, inFlightRequests: inFlight.requests, inFlightBytes: inFlight.bytes)
                let usage = (try? JSONEncoder().encode(answer)) ?? Data("{}".utf8)
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: usage)))
            }
            let bound = PortPromise()
            let app = Application(
                router: router,
                server: server.builder,
                configuration: .init(address: .hostname(configuration.host, port: server.port), serverName: "otel-harness"),
                onServerRunning: { channel in bound.fulfil(channel.localAddress?.port) },
                logger: Logger(label: "otel-harness.receiver", factory: { _ in SwiftLogNoOpLogHandler() })
            )
            httpServers.append(
                Task {
                    do {
                        try await app.run()
                    } catch {
                        bound.fail("\(error)")
                        throw error
                    }
                }
            )
            guard let port = await bound.value else {
                await stopAll()
                throw OTLPReceiverError.cannotListen(
                    server: server.name,
                    address: "\(configuration.host):\(server.port)",
                    underlying: bound.failure ?? "unknown"
                )
            }
            if server.transport == .http1 { ports.http = port } else { ports.h2c = port }
        }
        return ReceiverServers(ports: ports, grpcServer: grpcServer, httpServers: httpServers)
    }

    /// Stops every server and waits until they have stopped.
    func stop() async {
        for server in httpServers { server.cancel() }
        await grpcServer.stop()
        for server in httpServers { _ = await server.result }
    }
}

extension Duration {
    /// The same span as a NIO `TimeAmount`, saturating instead of trapping.
    var timeAmount: TimeAmount {
        .nanoseconds(nanoseconds)
    }
}
