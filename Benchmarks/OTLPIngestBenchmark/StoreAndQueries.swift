import AsyncHTTPClient
import BenchmarkSupport
import Foundation
import HarnessSupport
import NIOCore
import OTLPReceiver
import OTLPWire
import TelemetryModel

/// The store's memory and its queries: resident bytes per stored span, the query API's latency
/// with `spans` spans stored (20 services, 8 spans a trace), and the byte cap while `largeRequests`
/// valid requests of about 60 MiB arrive: in `otel-harness receive` as a process of its own when
/// `harness` is given (its resident memory is then the receiver's alone), else in this process.
struct StoreAndQueries {
    struct Result {
        var spans: Int
        var residentPerSpan: Double
        var estimatedPerSpan: Double
        var services: [Double]
        var traceByID: [Double]
        var search: [Double]
        var largeRequests: Int
        var largeRequestBytes: Int
        var cap: Int
        var capUsage: ReceiverStorageUsage
        var acceptedSpans: Int
        var residentBeforeCap: Int
        var peakResidentUnderCap: Int
        /// Whether the cap was measured in a receiver process of its own.
        var capInOwnProcess: Bool
        var capSeconds: Double
        var largeTraceSpans: Int
        var largeTraceBytes: Int
        var largeTraceFirstByte: Double
        var largeTraceSeconds: Double
        var largeTraceResidentGrowth: Int
    }

    var spans: Int
    var largeRequests: Int
    var cap: Int = 1 << 30
    /// The `otel-harness` executable, to run the receiver under the cap as a process of its own.
    var harness: String?
    /// Spans of the one trace asked for whole in the streamed-answer stage (0 leaves it out).
    var largeTraceSpans = 0

    func run(progress: @Sendable (String) -> Void) async throws -> Result {
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        do {
            let result = try await measure(with: http, progress: progress)
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    private func measure(with http: HTTPClient, progress: @Sendable (String) -> Void) async throws -> Result {
        var result = Result(
            spans: 0,
            residentPerSpan: 0,
            estimatedPerSpan: 0,
            services: [],
            traceByID: [],
            search: [],
            largeRequests: 0,
            largeRequestBytes: 0,
            cap: cap,
            capUsage: ReceiverStorageUsage(storedRequests: 0, storedItems: 0, storedBytes: 0, evictedRequests: 0, evictedItems: 0, evictedBytes: 0),
            acceptedSpans: 0,
            residentBeforeCap: 0,
            peakResidentUnderCap: 0,
            capInOwnProcess: false,
            capSeconds: 0,
            largeTraceSpans: 0,
            largeTraceBytes: 0,
            largeTraceFirstByte: 0,
            largeTraceSeconds: 0,
            largeTraceResidentGrowth: 0
        )
        if largeTraceSpans > 0 { try await oneLargeTrace(with: http, into: &result, progress: progress) }
        if spans > 0 { try await storeAndQuery(with: http, into: &result, progress: progress) }
        if largeRequests > 0 { try await capUnderLargeRequests(with: http, into: &result, progress: progress) }
        return result
    }

    /// Resident bytes per stored span, and the query API's latency with them stored.
    private func storeAndQuery(with http: HTTPClient, into result: inout Result, progress: @Sendable (String) -> Void) async throws {
        // 1. Resident bytes per stored span: `spans` spans in requests of 512, nothing evicted.
        let receiver = try await OTLPReceiver.start(
            OTLPReceiverConfiguration(maximumStoredRequests: 1_000_000, maximumStoredItems: spans, maximumStoredBytes: 1 << 40)
        )
        let requestCount = spans / 512
        let before = Measure.residentBytes ?? 0
        for index in 0..<requestCount {
            let traces = RealisticRequest.traces(
                spanCount: 512,
                attributesPerSpan: 10,
                service: "service-\(index % 20)",
                firstTrace: UInt64(index) * 64
            )
            try await Self.post(OTLPProtobuf.encode(traces), to: receiver.httpEndpoint, with: http)
            if index % 200 == 0 { progress("stored \(index * 512) spans") }
        }
        let after = Measure.residentBytes ?? 0
        let usage = receiver.storageUsage
        guard usage.storedItems == requestCount * 512 else {
            throw BenchmarkError("stored \(usage.storedItems) spans, expected \(requestCount * 512)")
        }

        // 2. Queries with them stored.
        let endpoint = receiver.httpEndpoint
        let services = try await Self.time(50) { try await Self.get(endpoint + "/api/services", with: http) }
        let traceByID = try await Self.time(50) { index in
            let id = String(format: "0af7651916cd43dd%016llx", UInt64(index * 7919 % (requestCount * 64)))
            try await Self.get(endpoint + "/api/traces/\(id)", with: http)
        }
        let search = try await Self.time(5) { index in
            try await Self.get(endpoint + "/api/traces?service=service-\(index)&limit=20&start=1767225600000000&end=1767225601000000", with: http)
        }
        await receiver.stop()
        result.spans = usage.storedItems
        result.residentPerSpan = Double(after - before) / Double(usage.storedItems)
        result.estimatedPerSpan = Double(usage.storedBytes) / Double(usage.storedItems)
        result.services = services
        result.traceByID = traceByID
        result.search = search
    }

    /// One trace of `largeTraceSpans` spans asked for whole: the time to the answer's head and to
    /// its last byte, its size, and how much the process grew while answering (the answer is
    /// streamed; before, it was rendered whole and copied once more into the response).
    private func oneLargeTrace(with http: HTTPClient, into result: inout Result, progress: @Sendable (String) -> Void) async throws {
        let receiver = try await OTLPReceiver.start(
            OTLPReceiverConfiguration(maximumStoredRequests: 1_000_000, maximumStoredItems: largeTraceSpans, maximumStoredBytes: 1 << 40)
        )
        let traceID = TraceID(high: 0x0BAD_CAFE_0000_0001, low: 1)
        let template = RealisticRequest.traces(spanCount: 512, attributesPerSpan: 10)
        for request in 0..<(largeTraceSpans / 512) {
            var traces = template
            for index in traces.resourceSpans[0].scopeSpans[0].spans.indices {
                traces.resourceSpans[0].scopeSpans[0].spans[index].traceID = traceID
                traces.resourceSpans[0].scopeSpans[0].spans[index].spanID = SpanID(UInt64(request * 512 + index + 1))
            }
            try await Self.post(OTLPProtobuf.encode(traces), to: receiver.httpEndpoint, with: http)
            if request % 400 == 0 { progress("large trace: stored \(request * 512) spans") }
        }
        let before = Measure.residentBytes ?? 0
        let sampler = Task {
            var peak = before
            while !Task.isCancelled {
                peak = max(peak, Measure.residentBytes ?? 0)
                try? await Task.sleep(for: .milliseconds(20))
            }
            return peak
        }
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await http.execute(
            HTTPClientRequest(url: receiver.httpEndpoint + "/api/traces/\(traceID.hex)"),
            timeout: .seconds(600)
        )
        let firstByte = Measure.seconds(clock.now - start)
        var bytes = 0
        for try await piece in response.body { bytes += piece.readableBytes }
        let seconds = Measure.seconds(clock.now - start)
        sampler.cancel()
        let peak = await sampler.value
        await receiver.stop()
        guard response.status == .ok else { throw BenchmarkError("the large trace answered \(response.status)") }
        result.largeTraceSpans = (largeTraceSpans / 512) * 512
        result.largeTraceBytes = bytes
        result.largeTraceFirstByte = firstByte
        result.largeTraceSeconds = seconds
        result.largeTraceResidentGrowth = peak - before
    }

    /// The byte cap under large valid requests of about 60 MiB, 4 at a time.
    private func capUnderLargeRequests(with http: HTTPClient, into result: inout Result, progress: @Sendable (String) -> Void) async throws {
        let bytesPerSpan = Double(OTLPProtobuf.encode(RealisticRequest.traces(spanCount: 512, attributesPerSpan: 10)).count) / 512
        let spansPerLarge = Int(Double(60 << 20) / bytesPerSpan)
        let large = OTLPProtobuf.encode(RealisticRequest.traces(spanCount: spansPerLarge, attributesPerSpan: 10))
        let receiver = try await CappedReceiver.start(cap: cap, harness: harness)
        defer { receiver.stopLeftovers() }
        let residentBeforeCap = receiver.resident
        var peak = residentBeforeCap
        let clock = ContinuousClock()
        let start = clock.now
        var sent = 0
        while sent < largeRequests {
            let batch = min(4, largeRequests - sent)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<batch { group.addTask { try await Self.post(large, to: receiver.endpoint, with: http) } }
                try await group.waitForAll()
            }
            sent += batch
            let resident = receiver.resident
            peak = max(peak, resident, receiver.peakResident)
            let stored = try await receiver.usage(with: http).storedBytes
            progress(
                "large requests: \(sent) of \(largeRequests), resident \(resident >> 20) MiB now, \(peak >> 20) MiB at peak, stored \(stored >> 20) MiB"
            )
        }
        let capSeconds = Measure.seconds(clock.now - start)
        result.capUsage = try await receiver.usage(with: http)
        peak = max(peak, receiver.peakResident)
        await receiver.stop()

        result.largeRequests = largeRequests
        result.largeRequestBytes = large.count
        result.acceptedSpans = largeRequests * spansPerLarge
        result.residentBeforeCap = residentBeforeCap
        result.peakResidentUnderCap = peak
        result.capInOwnProcess = harness != nil
        result.capSeconds = capSeconds
    }

    /// The receiver under the byte cap: in this process, or `otel-harness receive` in its own.
    private enum CappedReceiver {
        case inProcess(OTLPReceiver)
        case ownProcess(ServiceProcess)

        static func start(cap: Int, harness: String?) async throws -> CappedReceiver {
            guard let harness else {
                return .inProcess(
                    try await OTLPReceiver.start(
                        OTLPReceiverConfiguration(maximumRequestBodySize: 64 << 20, maximumStoredItems: 100_000_000, maximumStoredBytes: cap)
                    )
                )
            }
            return .ownProcess(
                try await ServiceProcess.start(
                    .path(harness),
                    arguments: [
                        "receive", "--grpc-port", "0", "--http-port", "0", "--port-file", "{port-file}", "--max-body-size", "\(64 << 20)",
                        "--max-stored-items", "100000000", "--max-stored-bytes", "\(cap)",
                    ],
                    environment: [:],
                    readiness: .portFile
                )
            )
        }

        var endpoint: String {
            switch self {
            case .inProcess(let receiver): receiver.httpEndpoint
            case .ownProcess(let service): service.url
            }
        }

        /// The receiver's resident bytes now (this whole process's, when it runs in it).
        var resident: Int {
            switch self {
            case .inProcess: Measure.residentBytes ?? 0
            case .ownProcess(let service): service.process.residentMemory ?? 0
            }
        }

        /// The most resident bytes the receiver's process has had.
        var peakResident: Int {
            switch self {
            case .inProcess: Measure.residentBytes ?? 0
            case .ownProcess(let service): service.process.peakResidentMemory ?? 0
            }
        }

        func usage(with http: HTTPClient) async throws -> ReceiverStorageUsage {
            switch self {
            case .inProcess(let receiver): return receiver.storageUsage
            case .ownProcess(let service):
                let response = try await http.execute(HTTPClientRequest(url: service.url + "/storage"), timeout: .seconds(30))
                let body = try await response.body.collect(upTo: 1 << 20)
                return try JSONDecoder().decode(ReceiverStorageUsage.self, from: Data(buffer: body))
            }
        }

        func stop() async {
            switch self {
            case .inProcess(let receiver): await receiver.stop()
            case .ownProcess(let service): _ = await service.stop(within: .seconds(10))
            }
        }

        func stopLeftovers() {
            if case .ownProcess(let service) = self { service.process.killLeftovers() }
        }
    }

    /// Posts one protobuf export and requires 200 (retrying a 503 the admission control answers).
    static func post(_ body: Data, to endpoint: String, with http: HTTPClient) async throws {
        while true {
            var request = HTTPClientRequest(url: endpoint + "/v1/traces")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-protobuf")
            request.body = .bytes(ByteBuffer(bytes: body))
            let response = try await http.execute(request, timeout: .seconds(300))
            _ = try await response.body.collect(upTo: 1 << 20)
            if response.status == .ok { return }
            guard response.status == .serviceUnavailable else { throw BenchmarkError("an export answered \(response.status)") }
            try await Task.sleep(for: .milliseconds(20))  // the receiver asks for a retry later
        }
    }

    /// GETs `url` and requires 200; returns the body's size.
    @discardableResult
    static func get(_ url: String, with http: HTTPClient) async throws -> Int {
        let response = try await http.execute(HTTPClientRequest(url: url), timeout: .seconds(300))
        let body = try await response.body.collect(upTo: 1 << 30)
        guard response.status == .ok else { throw BenchmarkError("GET \(url) answered \(response.status)") }
        return body.readableBytes
    }

    /// The latencies in seconds of `count` calls of `body`, sorted.
    static func time(_ count: Int, _ body: (Int) async throws -> Void) async throws -> [Double] {
        let clock = ContinuousClock()
        var latencies: [Double] = []
        for index in 0..<count {
            let start = clock.now
            try await body(index)
            latencies.append(Measure.seconds(clock.now - start))
        }
        return latencies.sorted()
    }

    static func time(_ count: Int, _ body: () async throws -> Void) async throws -> [Double] {
        try await time(count) { (_: Int) in try await body() }
    }
}
