import Foundation
import OTLPWire
import Synchronization
import TelemetryExposition
public import TelemetryQueries

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
    /// The port the OTLP/HTTP server (HTTP/1.1) listens on.
    public let httpPort: Int
    /// The port OTLP/HTTP over h2c (HTTP/2 with prior knowledge) listens on, when enabled.
    public let h2cPort: Int?

    let store: ReceivedTelemetryStore
    private let faults: FaultInjector
    private let stalls: StallRelease
    private let processor: ExportProcessor
    private let servers: Mutex<ReceiverServers?>
    private let stopped = Mutex(false)
    /// Serialises stop, stopListening and resumeListening.
    private let lifecycle = AsyncLock()

    private init(
        configuration: OTLPReceiverConfiguration,
        store: ReceivedTelemetryStore,
        faults: FaultInjector,
        stalls: StallRelease,
        processor: ExportProcessor,
        servers: ReceiverServers
    ) {
        self.configuration = configuration
        self.store = store
        self.faults = faults
        self.stalls = stalls
        self.processor = processor
        self.grpcPort = servers.ports.grpc
        self.httpPort = servers.ports.http
        self.h2cPort = servers.ports.h2c
        self.servers = Mutex(servers)
    }

    /// Starts the servers and returns once they listen.
    ///
    /// - Throws: ``OTLPReceiverError/cannotListen(server:address:underlying:)`` when a port
    ///   cannot be bound, ``OTLPReceiverError/cannotWriteFileExport(path:underlying:)`` when the
    ///   file export cannot be opened.
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
        let processor = ExportProcessor(
            configuration: configuration,
            store: store,
            faults: faults,
            stalls: stalls,
            pool: DecodingPool(threadCount: configuration.decodingThreads),
            admission: AdmissionControl(
                maximumRequests: configuration.maximumConcurrentExports,
                // One request of the largest size (its body, and as much again inflated) always fits.
                maximumBytes: max(configuration.maximumInFlightBytes, 2 * configuration.maximumRequestBodySize + 1),
                // The byte cap covers what is kept and what is in flight together.
                growth: { inFlightBytes in store.makeRoom(forInFlight: inFlightBytes) }
            )
        )
        let servers = try await ReceiverServers.start(
            configuration: configuration,
            ports: .init(grpc: configuration.grpcPort, http: configuration.httpPort, h2c: configuration.h2cPort),
            processor: processor,
            store: store,
            faults: faults
        )
        return OTLPReceiver(
            configuration: configuration,
            store: store,
            faults: faults,
            stalls: stalls,
            processor: processor,
            servers: servers
        )
    }

    /// Stops the servers and waits until they have stopped, releasing stalled answers. Safe to
    /// call more than once and concurrently: every call returns once the servers are down.
    ///
    /// A receiver that is never stopped keeps its ports and tasks until the process ends.
    public func stop() async {
        await lifecycle.withLock {
            let first = stopped.withLock { stopped in
                defer { stopped = true }
                return !stopped
            }
            guard first else { return }
            stalls.releaseAll()
            await takeServers()?.stop()
            await processor.pool.shutDown()
            try? store.fileExport?.close()
        }
    }

    /// Closes the listening sockets, so that connections are refused, keeping everything
    /// received; stalled answers are released. ``resumeListening()`` listens again on the same
    /// ports.
    public func stopListening() async {
        await lifecycle.withLock {
            stalls.releaseCurrent()
            await takeServers()?.stop()
        }
    }

    /// Listens again on the same ports after ``stopListening()``; does nothing while listening
    /// or after ``stop()``.
    ///
    /// - Throws: ``OTLPReceiverError/cannotListen(server:address:underlying:)`` when a port was
    ///   taken in the meantime.
    public func resumeListening() async throws {
        try await lifecycle.withLock {
            guard servers.withLock({ $0 == nil }), !stopped.withLock({ $0 }) else { return }
            let restarted = try await ReceiverServers.start(
                configuration: configuration,
                ports: .init(grpc: grpcPort, http: httpPort, h2c: h2cPort),
                processor: processor,
                store: store,
                faults: faults
            )
            servers.withLock { $0 = restarted }
        }
    }

    /// Refuses connections for `duration`, then listens again on the same ports: a collector
    /// that is down for a while. The receiver listens again also when the task is cancelled.
    public func refuseConnections(for duration: Duration) async throws {
        await stopListening()
        try? await Task.sleep(for: duration)  // the outage: an intended delay, not a wait for anything
        try await resumeListening()
    }

    private func takeServers() -> ReceiverServers? {
        servers.withLock { servers in
            defer { servers = nil }
            return servers
        }
    }

    /// The OTLP/HTTP base URL, for `OTEL_EXPORTER_OTLP_ENDPOINT` (the exporter appends `/v1/…`).
    public var httpEndpoint: String { "http://\(configuration.host):\(httpPort)" }

    /// The OTLP/gRPC endpoint URL.
    public var grpcEndpoint: String { "http://\(configuration.host):\(grpcPort)" }

    /// The OTLP/HTTP base URL over h2c, when enabled.
    public var h2cEndpoint: String? { h2cPort.map { "http://\(configuration.host):\($0)" } }

    /// The export requests being received, inflated, decoded or answered now, and the bytes of
    /// their bodies (as received and inflated) counted against
    /// ``OTLPReceiverConfiguration/maximumInFlightBytes``.
    public var exportsInFlight: (requests: Int, bytes: Int) { processor.admission.current }

    /// How many answers a ``Fault/stall(limit:)`` withholds now. A stalled answer ends when its
    /// limit passes, the receiver stops, or its client disconnects.
    public var stalledAnswers: Int { stalls.holding }

    /// The faults injected from now on; setting a plan restarts its attempt counts.
    public var faultPlan: FaultPlan {
        get { faults.plan }
        set { faults.plan = newValue }
    }

    // MARK: What was received

    /// Everything accepted so far, over all sessions.
    public var data: TelemetryData { store.telemetry(session: nil) }

    /// Signalled after each request.
    public var changes: TelemetryChanges { store.changes }

    /// Every request kept, oldest first.
    public var requests: [ReceivedRequest] { store.requests }

    /// Requests and items evicted to stay within the configured caps.
    public var evictions: (requests: Int, items: Int) { store.evictions }

    /// What the store holds and has evicted: requests, items and bytes (see ``ReceiverStorageUsage``).
    public var storageUsage: ReceiverStorageUsage { store.usage }

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
    public var data: TelemetryData { store.telemetry(session: name) }
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
