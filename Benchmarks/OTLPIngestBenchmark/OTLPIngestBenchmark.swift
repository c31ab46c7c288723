// Ingest throughput of the fake OTLP receiver, next to protobuf decode-only throughput measured
// in the same run, and its memory while 1 million spans stream through a bounded store.
//
//   make bench-ingest        (release build)
//   otlp-ingest-benchmark [--seconds S] [--concurrency C] [--million-spans N] [--storm-bombs N]
//                         [--store-spans N] [--large-requests N] [--store-cap BYTES] [--large-trace-spans N] [--store-only]
//                         [--harness PATH --rotel PATH [--rounds N]]
//
// --store-spans N stores N spans (20 services) and times the query API over them;
// --large-requests N then sends N valid requests of about 60 MiB to a store capped at
// --store-cap bytes (1 GiB, the default cap) and reports its resident memory. 0 skips either;
// --store-only runs just these, in a fresh process (--store-spans 0 then measures the cap alone).
// With --harness (an otel-harness executable) the cap is measured in `otel-harness receive`, a
// process of its own, so that its resident memory is the receiver's alone.
//
// With --harness and --rotel (rotel's rotel-agent), it also runs `otel-harness receive` and rotel
// (blackhole exporter) as processes of their own under the same wrk load, in alternating rounds,
// and prints their ratio.
//
// The requests are the decode benchmark's realistic ones: 512 spans with 10 attributes.
// Client and receiver share this process (and the machine's cores), as in a test.

import AsyncHTTPClient
import BenchmarkSupport
import CompressNIO
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import NIOCore
import OTLPReceiver
import OTLPWire

@main
struct OTLPIngestBenchmark {
    static func main() async throws {
        var seconds = 5.0
        var concurrency = 4
        var millionSpans = 1_000_000
        var stormBombs = 100
        var harness: String?
        var rotel: String?
        var rounds = 3
        var storeSpans = 1_000_000
        var largeRequests = 200
        var storeCap = 1 << 30
        var storeOnly = false
        var largeTraceSpans = 1_000_000
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let argument = arguments.next() {
            switch argument {
            case "--seconds": seconds = Double(arguments.next() ?? "") ?? seconds
            case "--concurrency": concurrency = Int(arguments.next() ?? "") ?? concurrency
            case "--million-spans": millionSpans = Int(arguments.next() ?? "") ?? millionSpans
            case "--storm-bombs": stormBombs = Int(arguments.next() ?? "") ?? stormBombs
            case "--harness": harness = arguments.next()
            case "--rotel": rotel = arguments.next()
            case "--rounds": rounds = Int(arguments.next() ?? "") ?? rounds
            case "--store-spans": storeSpans = Int(arguments.next() ?? "") ?? storeSpans
            case "--large-requests": largeRequests = Int(arguments.next() ?? "") ?? largeRequests
            case "--store-cap": storeCap = Int(arguments.next() ?? "") ?? storeCap
            case "--store-only": storeOnly = true
            case "--large-trace-spans": largeTraceSpans = Int(arguments.next() ?? "") ?? largeTraceSpans
            default:
                FileHandle.standardError.write(
                    Data(
                        "usage: otlp-ingest-benchmark [--seconds S] [--concurrency C] [--million-spans N] [--storm-bombs N] [--store-spans N] [--large-requests N] [--store-cap BYTES] [--store-only] [--harness PATH --rotel PATH [--rounds N]]\n"
                            .utf8
                    )
                )
                exit(64)
            }
        }
        let storeStages = StoreAndQueries(
            spans: storeSpans,
            largeRequests: largeRequests,
            cap: storeCap,
            harness: harness,
            largeTraceSpans: largeTraceSpans
        )
        @Sendable func storeProgress(_ line: String) { FileHandle.standardError.write(Data("[store] \(line)\n".utf8)) }
        if storeOnly {
            // The store alone, in a fresh process: what its caps hold the resident size to.
            Self.report(try await storeStages.run(progress: storeProgress))
            return
        }
        let body = OTLPProtobuf.encode(RealisticRequest.traces(spanCount: 512, attributesPerSpan: 10))

        // Decode-only, the reference.
        let decodeRate = rate(seconds: seconds) { _ = try! OTLPProtobuf.decodeTraces(body).spanCount }

        // Ingest over HTTP and gRPC, into a store that keeps at most 200,000 spans.
        let configuration = OTLPReceiverConfiguration(
            maximumRequestBodySize: 4 * 1024 * 1024,
            maximumStoredRequests: 10_000,
            maximumStoredItems: 200_000
        )
        let receiver = try await OTLPReceiver.start(configuration)
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        let httpRate = try await ingest(seconds: seconds, concurrency: concurrency) {
            var request = HTTPClientRequest(url: receiver.httpEndpoint + "/v1/traces")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-protobuf")
            request.body = .bytes(ByteBuffer(bytes: body))
            let response = try await http.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .ok else { throw BenchmarkError("HTTP answered \(response.status)") }
        }
        let grpcRate = try await withGRPCClient(
            transport: .http2NIOPosix(target: .ipv4(address: "127.0.0.1", port: receiver.grpcPort), transportSecurity: .plaintext)
        ) { client in
            let method = MethodDescriptor(
                service: ServiceDescriptor(fullyQualifiedService: OTLPSignal.traces.grpcService),
                method: "Export"
            )
            return try await ingest(seconds: seconds, concurrency: concurrency) {
                try await client.unary(
                    request: ClientRequest(message: [UInt8](body)),
                    descriptor: method,
                    serializer: Bytes(),
                    deserializer: Bytes(),
                    options: .defaults
                ) { response in _ = try response.message }
            }
        }

        // Memory: a million spans through the bounded store.
        receiver.reset()
        let before = Measure.residentBytes ?? 0
        var peak = before
        var sent = 0
        while sent < millionSpans {
            var request = HTTPClientRequest(url: receiver.httpEndpoint + "/v1/traces")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-protobuf")
            request.body = .bytes(ByteBuffer(bytes: body))
            _ = try await http.execute(request, timeout: .seconds(30)).body.collect(upTo: 1 << 20)
            sent += 512
            if sent % (512 * 100) == 0 { peak = max(peak, Measure.residentBytes ?? 0) }
        }
        peak = max(peak, Measure.residentBytes ?? 0)
        let stored = receiver.data.traces.spanCount
        let evictions = receiver.evictions

        // Bad input: two equal bursts of garbage, truncated gzip, gzip bombs and wrong content
        // types. The store is full after the first, so growth during the second would be a leak.
        let bad = try BadInput()
        let burst = 10_000
        for _ in 0..<burst { try await bad.send(to: receiver, with: http) }
        let afterFirstBurst = Measure.residentBytes ?? 0
        for _ in 0..<burst { try await bad.send(to: receiver, with: http) }
        let afterSecondBurst = Measure.residentBytes ?? 0
        try await http.shutdown()
        await receiver.stop()

        // Responsiveness: health and small exports while gzip bombs are refused.
        let storm = stormBombs > 0 ? try await Storm(bombs: stormBombs).run() : nil

        // The store: bytes per span, queries over many spans, the byte cap under large requests.
        let store =
            storeSpans > 0 || largeRequests > 0 || largeTraceSpans > 0
            ? try await storeStages.run(progress: storeProgress) : nil

        // The receiver next to a production collector, each in a process of its own.
        var sideBySide: SideBySide.Result?
        if let harness, let rotel {
            sideBySide = try await SideBySide(
                harness: harness,
                rotel: rotel,
                body: body,
                spansPerRequest: 512,
                seconds: max(1, Int(seconds.rounded())),
                connections: 8,
                rounds: rounds
            ).run { FileHandle.standardError.write(Data("[side by side] \($0)\n".utf8)) }
        }

        print("request: 512 spans x 10 attributes (\(body.count) bytes); \(concurrency) concurrent clients; ~\(seconds) s per measurement")
        print(String(format: "decode only (protobuf -> model)   %10.0f spans/s", decodeRate))
        print(String(format: "ingest over HTTP (protobuf)        %10.0f spans/s   %.2f x decode-only", httpRate, httpRate / decodeRate))
        print(String(format: "ingest over gRPC                   %10.0f spans/s   %.2f x decode-only", grpcRate, grpcRate / decodeRate))
        print("memory: \(sent) spans sent with a cap of \(configuration.maximumStoredItems) stored spans")
        print("  stored at the end: \(stored) spans; evicted: \(evictions.items) spans in \(evictions.requests) requests")
        print(String(format: "  resident: %.0f MiB before, %.0f MiB at peak", Double(before) / 1_048_576, Double(peak) / 1_048_576))
        print("bad input: 2 bursts of \(burst) requests (garbage, truncated gzip, 10 MiB gzip bombs, wrong content types)")
        print(
            String(
                format: "  resident after the first burst %.1f MiB, after the second %.1f MiB (growth %+.1f MiB)",
                Double(afterFirstBurst) / 1_048_576,
                Double(afterSecondBurst) / 1_048_576,
                Double(afterSecondBurst - afterFirstBurst) / 1_048_576
            )
        )
        if let storm {
            print(
                "storm: \(stormBombs) gzip bombs at once (60 MiB: 400, 80 MiB: 413), answered \(storm.bombAnswers.sorted { $0.key < $1.key }.map { "\($0.value) x \($0.key)" }.joined(separator: ", ")) in \(String(format: "%.1f", storm.seconds)) s"
            )
            for (name, latencies) in [("GET /health", storm.health), ("8-span export", storm.smallExports)] {
                let sorted = latencies.sorted()
                print(
                    String(
                        format: "  %@ during the storm: %d answers, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                        name,
                        sorted.count,
                        Measure.quantile(0.5, ofSorted: sorted) * 1e3,
                        Measure.quantile(0.99, ofSorted: sorted) * 1e3,
                        (sorted.last ?? .nan) * 1e3
                    )
                )
            }
            print(String(format: "  resident at peak during the storm: %.0f MiB", Double(storm.peakResident) / 1_048_576))
        }
        if let store { Self.report(store) }
        if let sideBySide {
            func median(_ values: [Double]) -> Double { Measure.quantile(0.5, ofSorted: values.sorted()) }
            func list(_ values: [Double], _ format: String) -> String { values.map { String(format: format, $0) }.joined(separator: ", ") }
            print(
                "side by side over OTLP/HTTP: wrk -t1 -c8, the same 512-span request, \(rounds) alternating rounds of \(max(1, Int(seconds.rounded()))) s"
            )
            print(
                String(
                    format: "  otel-harness receive        median %8.0f spans/s  (%@)",
                    median(sideBySide.receiver),
                    list(sideBySide.receiver, "%.0f")
                )
            )
            print(
                String(format: "  rotel, blackhole exporter   median %8.0f spans/s  (%@)", median(sideBySide.rotel), list(sideBySide.rotel, "%.0f"))
            )
            print(
                String(format: "  receiver / rotel            median %8.2f         (%@)", median(sideBySide.ratios), list(sideBySide.ratios, "%.2f"))
            )
            print(
                "the receiver's gRPC next to its OTLP/HTTP: h2load -c8 -m1 (HTTP/1.1 with --h1; gRPC over HTTP/2), \(rounds) alternating rounds"
            )
            print(
                String(
                    format: "  OTLP/HTTP (HTTP/1.1)        median %8.0f spans/s  (%@)",
                    median(sideBySide.h2loadHTTP),
                    list(sideBySide.h2loadHTTP, "%.0f")
                )
            )
            print(
                String(
                    format: "  OTLP/gRPC                   median %8.0f spans/s  (%@)",
                    median(sideBySide.h2loadGRPC),
                    list(sideBySide.h2loadGRPC, "%.0f")
                )
            )
            print(
                String(
                    format: "  gRPC / HTTP                 median %8.2f         (%@)",
                    median(sideBySide.grpcRatios),
                    list(sideBySide.grpcRatios, "%.2f")
                )
            )
        }
    }

    static func report(_ store: StoreAndQueries.Result) {
        func mib(_ bytes: Int) -> String { String(format: "%.0f MiB", Double(bytes) / 1_048_576) }
        func latencies(_ sorted: [Double]) -> String {
            String(
                format: "p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d calls)",
                Measure.quantile(0.5, ofSorted: sorted) * 1e3,
                Measure.quantile(0.99, ofSorted: sorted) * 1e3,
                (sorted.last ?? .nan) * 1e3,
                sorted.count
            )
        }
        if store.largeTraceSpans > 0 {
            let times = String(format: "head after %.2f s, last byte after %.2f s", store.largeTraceFirstByte, store.largeTraceSeconds)
            print(
                "one trace of \(store.largeTraceSpans) spans, GET /api/traces/{id} (streamed): \(times), \(mib(store.largeTraceBytes)); process grew \(mib(store.largeTraceResidentGrowth)) meanwhile"
            )
        }
        if store.spans > 0 {
            print("store: \(store.spans) spans of 10 attributes stored (20 services, 8 spans a trace)")
            print(
                String(
                    format: "  resident per stored span %.0f bytes; the store's estimate %.0f bytes",
                    store.residentPerSpan,
                    store.estimatedPerSpan
                )
            )
            print("  GET /api/services             \(latencies(store.services))")
            print("  GET /api/traces/{id}          \(latencies(store.traceByID))")
            print("  GET /api/traces?service&limit=20&start&end   \(latencies(store.search))")
        }
        if store.largeRequests > 0 {
            let usage = store.capUsage
            print(
                "byte cap \(mib(store.cap)): \(store.largeRequests) valid requests of \(mib(store.largeRequestBytes)) in \(String(format: "%.0f", store.capSeconds)) s, 4 at a time"
            )
            let whose = store.capInOwnProcess ? "the receiver's process (otel-harness receive)" : "this process (receiver and client)"
            print(
                "  resident, \(whose): \(mib(store.residentBeforeCap)) before, \(mib(store.peakResidentUnderCap)) at peak; stored \(mib(usage.storedBytes)) (\(usage.storedRequests) requests)"
            )
            print(
                "  accepted \(store.acceptedSpans) spans = stored \(usage.storedItems) + evicted \(usage.evictedItems): \(store.acceptedSpans == usage.storedItems + usage.evictedItems ? "holds" : "DOES NOT HOLD")"
            )
        }
    }

    /// Spans per second of `body` (one 512-span request) run repeatedly for `seconds`.
    static func rate(seconds: Double, _ body: () -> Void) -> Double {
        for _ in 0..<3 { body() }
        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        while Measure.seconds(clock.now - start) < seconds {
            body()
            count += 1
        }
        return Double(count * 512) / Measure.seconds(clock.now - start)
    }

    /// Spans per second accepted with `concurrency` clients sending for `seconds`.
    static func ingest(seconds: Double, concurrency: Int, _ send: @escaping @Sendable () async throws -> Void) async throws -> Double {
        for _ in 0..<3 { try await send() }
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start.advanced(by: .milliseconds(Int64(seconds * 1000)))
        let requests = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var count = 0
                    while clock.now < deadline {
                        try await send()
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        return Double(requests * 512) / Measure.seconds(clock.now - start)
    }
}

/// Requests the receiver must refuse, in turn.
final class BadInput: @unchecked Sendable {
    private let bodies: [(contentType: String, encoding: String?, body: ByteBuffer, expected: UInt)]
    private var next = 0  // used from one task at a time

    init() throws {
        var zeros = ByteBuffer(repeating: 0, count: 10 * 1024 * 1024)
        let bomb = try zeros.compress(with: .gzip())
        var valid = ByteBuffer(bytes: OTLPProtobuf.encode(RealisticRequest.traces(spanCount: 8, attributesPerSpan: 10)))
        let gzipped = try valid.compress(with: .gzip())
        bodies = [
            ("application/x-protobuf", nil, ByteBuffer(repeating: 0xFF, count: 1024), 400),
            ("application/x-protobuf", "gzip", gzipped.getSlice(at: 0, length: gzipped.readableBytes / 2)!, 400),
            ("application/x-protobuf", "gzip", bomb, 413),
            ("text/plain", nil, ByteBuffer(string: "hello"), 415),
            ("application/json", nil, ByteBuffer(string: #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"xyz"}]}]}]}"#), 400),
        ]
    }

    func send(to receiver: OTLPReceiver, with http: HTTPClient) async throws {
        let (contentType, encoding, body, expected) = bodies[next % bodies.count]
        next += 1
        var request = HTTPClientRequest(url: receiver.httpEndpoint + "/v1/traces")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: contentType)
        if let encoding { request.headers.add(name: "Content-Encoding", value: encoding) }
        request.body = .bytes(body)
        let response = try await http.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        guard response.status.code == expected else {
            throw BenchmarkError("bad input answered \(response.status.code), expected \(expected)")
        }
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Message bytes passed through untouched.
struct Bytes: MessageSerializer, MessageDeserializer {
    func serialize<Output: GRPCContiguousBytes>(_ message: [UInt8]) throws -> Output { Output(message) }
    func deserialize<Input: GRPCContiguousBytes>(_ serializedMessageBytes: Input) throws -> [UInt8] {
        serializedMessageBytes.withUnsafeBytes { Array($0) }
    }
}
