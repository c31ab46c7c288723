public import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Hummingbird
import Logging
import NIOCore
public import OTLPWire
import Synchronization
import TelemetryExposition
public import TelemetryTesting

/// A fake OpenTelemetry Collector for tests: it serves OTLP/gRPC and OTLP/HTTP (protobuf and
/// JSON, gzip), answers as the OTLP specification requires, and records every request and the
/// telemetry it carried, for assertions with the same queries as in-process captures.
///
/// ```swift
/// try await withOTLPReceiver { receiver in
///     // point the exporter under test at receiver.httpEndpoint or receiver.grpcEndpoint
///     let spans = try await receiver.waitForSpans(count: 3)
/// }
/// ```
///
/// Both servers bind 127.0.0.1 on free ports by default. ``stop()`` shuts them down;
/// ``withOTLPReceiver(configuration:_:)`` does so also when its body throws.
public final class OTLPReceiver: TelemetrySource {
    /// How the receiver listens and what it keeps.
    public let configuration: OTLPReceiverConfiguration
    /// The port the OTLP/gRPC server listens on.
    public let grpcPort: Int
    /// The port the OTLP/HTTP server listens on.
    public let httpPort: Int

    let store: ReceivedTelemetryStore
    private let faults: FaultInjector
    private let stalls: StallRelease
    private let httpServer: Task<Void, any Error>
    private let grpcServer: GRPCServer<HTTP2ServerTransport.Posix>
    private let grpcServing: Task<Void, any Error>
    private let stopped = Mutex(false)

    private init(
        configuration: OTLPReceiverConfiguration, store: ReceivedTelemetryStore, faults: FaultInjector, stalls: StallRelease,
        httpPort: Int, grpcPort: Int,
        httpServer: Task<Void, any Error>, grpcServer: GRPCServer<HTTP2ServerTransport.Posix>, grpcServing: Task<Void, any Error>
    ) {
        self.configuration = configuration
        self.store = store
        self.faults = faults
        self.stalls = stalls
        self.httpPort = httpPort
        self.grpcPort = grpcPort
        self.httpServer = httpServer
        self.grpcServer = grpcServer
        self.grpcServing = grpcServing
    }

    /// Starts both servers and returns once they listen.
    ///
    /// - Throws: ``OTLPReceiverError/cannotListen(server:address:underlying:)`` when a port
    ///   cannot be bound.
    public static func start(_ configuration: OTLPReceiverConfiguration = OTLPReceiverConfiguration()) async throws -> OTLPReceiver {
        var fileExport: OTLPJSONLinesWriter?
        if let path = configuration.fileExportPath {
            do {
                fileExport = try OTLPJSONLinesWriter(path: path)
            } catch {
                throw OTLPReceiverError.cannotWriteFileExport(path: path, underlying: error.description)
            }
        }
        let store = ReceivedTelemetryStore(configuration: configuration, fileExport: fileExport)
        let faults = FaultInjector()
        let stalls = StallRelease()
        let processor = ExportProcessor(configuration: configuration, store: store, faults: faults, stalls: stalls)

        // gRPC
        let grpcServer = GRPCServer(
            transport: .http2NIOPosix(
                address: .ipv4(host: configuration.host, port: configuration.grpcPort),
                transportSecurity: .plaintext,
                config: .defaults { config in
                    config.compression.enabledAlgorithms = .all
                    config.rpc.maxRequestPayloadSize = configuration.maximumRequestBodySize
                }),
            services: [OTLPGRPCService(processor: processor)])
        let grpcServing = Task { try await grpcServer.serve() }
        let grpcPort: Int
        do {
            guard let port = try await grpcServer.transport.listeningAddress.ipv4?.port else {
                throw OTLPReceiverError.cannotListen(server: "gRPC", address: configuration.host, underlying: "no IPv4 address")
            }
            grpcPort = port
        } catch {
            grpcServer.beginGracefulShutdown()
            _ = await grpcServing.result
            throw OTLPReceiverError.cannotListen(
                server: "gRPC", address: "\(configuration.host):\(configuration.grpcPort)", underlying: "\(error)")
        }

        // HTTP
        let router = Router()
        OTLPHTTPRoutes(configuration: configuration, processor: processor).register(on: router)
        CollectorStandInRoutes(configuration: configuration, store: store).register(on: router)
        router.get("/health") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        let bound = PortPromise()
        let app = Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .seconds(30))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.httpPort), serverName: "otel-harness"),
            onServerRunning: { channel in bound.fulfil(channel.localAddress?.port) },
            logger: Logger(label: "otel-harness.receiver"))
        let httpServer = Task {
            do {
                try await app.run()
            } catch {
                bound.fail("\(error)")
                throw error
            }
        }
        guard let httpPort = await bound.value else {
            httpServer.cancel()
            _ = await httpServer.result
            grpcServer.beginGracefulShutdown()
            _ = await grpcServing.result
            throw OTLPReceiverError.cannotListen(
                server: "HTTP", address: "\(configuration.host):\(configuration.httpPort)", underlying: bound.failure ?? "unknown")
        }
        return OTLPReceiver(
            configuration: configuration, store: store, faults: faults, stalls: stalls, httpPort: httpPort, grpcPort: grpcPort,
            httpServer: httpServer, grpcServer: grpcServer, grpcServing: grpcServing)
    }

    /// Stops both servers and waits until they have stopped. Safe to call more than once.
    public func stop() async {
        let first = stopped.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        stalls.releaseAll()
        httpServer.cancel()
        grpcServer.beginGracefulShutdown()
        _ = await httpServer.result
        _ = await grpcServing.result
        try? store.fileExport?.close()
    }

    /// The OTLP/HTTP base URL, for `OTEL_EXPORTER_OTLP_ENDPOINT` (the exporter appends `/v1/…`).
    public var httpEndpoint: String { "http://\(configuration.host):\(httpPort)" }

    /// The OTLP/gRPC endpoint URL.
    public var grpcEndpoint: String { "http://\(configuration.host):\(grpcPort)" }

    /// The faults injected from now on; setting a plan restarts its attempt counts.
    public var faultPlan: FaultPlan {
        get { faults.plan }
        set { faults.plan = newValue }
    }

    // MARK: What was received

    /// Everything accepted so far, over all sessions.
    public var telemetry: CapturedTelemetry { store.telemetry(session: nil) }

    /// Signalled after each request.
    public var changes: TelemetryChanges { store.changes }

    /// Every request kept, oldest first.
    public var requests: [ReceivedRequest] { store.requests }

    /// Requests and items evicted to stay within the configured caps.
    public var evictions: (requests: Int, items: Int) { store.evictions }

    /// How many accepted requests could not be appended to the file export.
    public var fileExportFailures: Int { store.fileExportFailures }

    /// The telemetry and requests of one session: requests whose session header names it, and
    /// telemetry whose resource carries it in the session resource attribute.
    public func session(_ name: String) -> ReceiverSession {
        ReceiverSession(name: name, store: store)
    }

    /// Forgets every request and the eviction counts.
    public func reset() {
        store.reset()
    }
}

/// The part of a receiver's telemetry that belongs to one session, so that concurrent tests
/// sharing one receiver each see only their own data.
public struct ReceiverSession: TelemetrySource {
    /// The session's name.
    public let name: String
    let store: ReceivedTelemetryStore

    /// The session's accepted telemetry.
    public var telemetry: CapturedTelemetry { store.telemetry(session: name) }
    /// Signalled after each request to the receiver.
    public var changes: TelemetryChanges { store.changes }
    /// The session's requests, oldest first.
    public var requests: [ReceivedRequest] { store.requests(session: name) }
}

/// Why a receiver could not start.
public enum OTLPReceiverError: Error, CustomStringConvertible {
    /// A server could not bind its address.
    case cannotListen(server: String, address: String, underlying: String)
    /// The file export could not be opened for writing.
    case cannotWriteFileExport(path: String, underlying: String)

    /// What failed, and where.
    public var description: String {
        switch self {
        case .cannotListen(let server, let address, let underlying):
            "the \(server) server cannot listen on \(address): \(underlying)"
        case .cannotWriteFileExport(let path, let underlying):
            "cannot write the file export \(path): \(underlying)"
        }
    }
}

/// Runs `body` with a started receiver and stops it afterwards, also when `body` throws.
public func withOTLPReceiver<Result>(
    configuration: OTLPReceiverConfiguration = OTLPReceiverConfiguration(),
    _ body: (OTLPReceiver) async throws -> Result
) async throws -> Result {
    let receiver = try await OTLPReceiver.start(configuration)
    do {
        let result = try await body(receiver)
        await receiver.stop()
        return result
    } catch {
        await receiver.stop()
        throw error
    }
}

/// The HTTP server's bound port, delivered once from its start-up callback.
final class PortPromise: Sendable {
    private let state = Mutex<(port: Int??, failure: String?, waiter: CheckedContinuation<Int?, Never>?)>((nil, nil, nil))

    func fulfil(_ port: Int?) { resolve(port, failure: nil) }
    func fail(_ failure: String) { resolve(nil, failure: failure) }

    var failure: String? { state.withLock { $0.failure } }

    private func resolve(_ port: Int?, failure: String?) {
        let waiter = state.withLock { state -> CheckedContinuation<Int?, Never>? in
            guard state.port == nil else { return nil }
            state.port = .some(port)
            state.failure = failure
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: port)
    }

    var value: Int? {
        get async {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> Int?? in
                    if let port = state.port { return port }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}
