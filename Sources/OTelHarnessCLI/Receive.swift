import ArgumentParser
import Foundation
import HarnessSupport
import OTLPReceiver
import OTLPWire

/// `otel-harness receive`: serves the fake OTLP receiver until SIGINT or SIGTERM.
struct Receive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve a fake OTLP collector (gRPC and HTTP) until SIGINT or SIGTERM.",
        discussion: """
            The HTTP port also serves GET /health (200 when ready), GET /metrics (Prometheus \
            exposition of received metrics), and Jaeger's query API for received traces \
            (/api/services, /api/traces?service=NAME, /api/v3/services, /api/v3/traces). With \
            --port-file, the bound ports are written as {"grpc":N,"http":N} once both servers listen.
            """
    )

    @Option(help: "The OTLP/gRPC port (0 picks a free one).")
    var grpcPort: Int = 4317

    @Option(help: "The OTLP/HTTP port (0 picks a free one).")
    var httpPort: Int = 4318

    @Option(help: "Also serve OTLP/HTTP over h2c (HTTP/2 with prior knowledge) on this port (0 picks a free one).")
    var h2cPort: Int?

    @Option(help: "The address to bind.")
    var host: String = "127.0.0.1"

    @Option(help: "Write {\"grpc\":N,\"http\":N} to this file once listening.")
    var portFile: String?

    @Option(help: "OTLP/JSON decoding: strict (reject base64 ids, snake_case keys, enum names) or lenient (accept and record them).")
    var json: JSONMode = .strict

    @Option(help: "The largest request body accepted after decompression, in bytes.")
    var maxBodySize: Int = 64 * 1024 * 1024

    @Option(help: "The most export requests in flight; past it, HTTP 503 with Retry-After or gRPC RESOURCE_EXHAUSTED with RetryInfo.")
    var maxConcurrentExports: Int = 128

    @Option(help: "The most bytes of request bodies (as received and inflated) in flight; past it, the same refusal.")
    var maxInFlightBytes: Int = 512 * 1024 * 1024

    @Option(help: "The most requests kept; older ones are evicted first and counted.")
    var maxStoredRequests: Int = 100_000

    @Option(help: "The most telemetry items (spans, data points, log records) kept; older requests are evicted first.")
    var maxStoredItems: Int = 1_000_000

    @Option(
        help: """
            The most resident memory of this process, in bytes: the store keeps requests, and makes room for requests in \
            flight, within what is left after the process's own memory and 1/32 for the allocator; older requests are \
            evicted first.
            """
    )
    var maxStoredBytes: Int = 1 << 30

    @Option(help: "Seconds a client may take to send a whole request (408 after).")
    var requestReceiveTimeout: Int = 30

    @Option(help: "Seconds writing one answer may take; a slower reader has its connection closed.")
    var answerWriteTimeout: Int = 60

    @Option(help: "Threads that inflate and decode request bodies, apart from those that answer (default: one per core).")
    var decodingThreads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Prefix of the metric names GET /metrics exposes (the collector prometheus exporter's namespace).")
    var prometheusNamespace: String = ""

    @Option(help: "Also append accepted telemetry to this file as OTLP/JSON lines (the collector's file exporter).")
    var fileExport: String?

    enum ReceiveError: Error, CustomStringConvertible {
        case portFile(path: String, reason: String)

        var description: String {
            switch self {
            case .portFile(let path, let reason): "cannot write the port file \(path): \(reason)"
            }
        }
    }

    enum JSONMode: String, ExpressibleByArgument, CaseIterable {
        case strict, lenient
    }

    func validate() throws {
        for (name, port) in [("--grpc-port", grpcPort), ("--http-port", httpPort), ("--h2c-port", h2cPort ?? 0)] where !(0...65535).contains(port) {
            throw ValidationError("\(name) must be between 0 and 65535, not \(port)")
        }
        for (name, value) in [
            ("--max-body-size", maxBodySize), ("--max-concurrent-exports", maxConcurrentExports),
            ("--max-in-flight-bytes", maxInFlightBytes), ("--request-receive-timeout", requestReceiveTimeout),
            ("--max-stored-requests", maxStoredRequests), ("--max-stored-items", maxStoredItems), ("--max-stored-bytes", maxStoredBytes),
            ("--answer-write-timeout", answerWriteTimeout),
            ("--decoding-threads", decodingThreads),
        ] where value <= 0 {
            throw ValidationError("\(name) must be positive, not \(value)")
        }
    }

    func run() async throws {
        let stop = ShutdownSignal.install([SIGINT, SIGTERM])
        // A port file left by an earlier run must not be mistaken for this one's.
        if let portFile { try? FileManager.default.removeItem(atPath: portFile) }
        let storeBytes = Self.storeBudget(cap: maxStoredBytes, resident: ProcessMemory.ownSize("VmRSS") ?? 0)
        let receiver = try await OTLPReceiver.start(
            OTLPReceiverConfiguration(
                host: host,
                grpcPort: grpcPort,
                httpPort: httpPort,
                h2cPort: h2cPort,
                requestReceiveTimeout: .seconds(requestReceiveTimeout),
                answerWriteTimeout: .seconds(answerWriteTimeout),
                maximumRequestBodySize: maxBodySize,
                maximumConcurrentExports: maxConcurrentExports,
                maximumInFlightBytes: maxInFlightBytes,
                jsonMode: json == .strict ? .strict : .lenient,
                maximumStoredRequests: maxStoredRequests,
                maximumStoredItems: maxStoredItems,
                maximumStoredBytes: storeBytes,
                prometheusNamespace: prometheusNamespace,
                fileExportPath: fileExport,
                decodingThreads: decodingThreads
            )
        )
        if let portFile {
            do {
                let h2c = receiver.h2cPort.map { #","h2c":\#($0)"# } ?? ""
                let text = #"{"grpc":\#(receiver.grpcPort),"http":\#(receiver.httpPort)\#(h2c)}"#
                // Written whole or not at all, so a reader never sees half a file.
                try Data(text.utf8).write(to: URL(fileURLWithPath: portFile), options: .atomic)
            } catch {
                await receiver.stop()
                throw ReceiveError.portFile(path: portFile, reason: error.localizedDescription)
            }
        }
        FileHandle.standardOutput.write(
            Data(
                """
                otel-harness receive: gRPC on \(host):\(receiver.grpcPort), HTTP on \(host):\(receiver.httpPort); \
                the store may hold \(storeBytes) of the \(maxStoredBytes) bytes of --max-stored-bytes

                """.utf8
            )
        )
        await stop.wait()
        await receiver.stop()
    }

    /// The store's share of `--max-stored-bytes`, so that the whole process stays under it: the
    /// cap less the process's `resident` bytes before it serves and 1/32 of the cap for what the
    /// allocator holds beyond the bytes the store counts (free lists, fragmentation); never less
    /// than half the cap.
    static func storeBudget(cap: Int, resident: Int) -> Int {
        max(cap / 2, cap - resident - cap / 32)
    }
}
