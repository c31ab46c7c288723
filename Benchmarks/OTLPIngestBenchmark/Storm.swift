import AsyncHTTPClient
import BenchmarkSupport
import CompressNIO
import Foundation
import NIOCore
import OTLPReceiver
import OTLPWire
import Synchronization

/// How the receiver answers while a storm of gzip bombs is being refused: `GET /health` and a
/// small valid export, each timed from a client of its own while `bombs` requests are in flight at
/// once (half inflate to 60 MiB of zeros, which is no export request: 400; half to 80 MiB, over
/// the 64 MiB limit: 413).
struct Storm {
    /// The answers' latencies in seconds, and what the bombs were answered.
    struct Result {
        var health: [Double]
        var smallExports: [Double]
        var bombAnswers: [UInt: Int]
        var seconds: Double
        var peakResident: Int
    }

    var bombs: Int

    func run() async throws -> Result {
        let receiver = try await OTLPReceiver.start(OTLPReceiverConfiguration(maximumRequestBodySize: 64 << 20))
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = bombs
        let stormClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let probeClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        var zeros = ByteBuffer(repeating: 0, count: 60 << 20)
        let refusedAsInvalid = try zeros.compress(with: .gzip())
        zeros = ByteBuffer(repeating: 0, count: 80 << 20)
        let refusedAsTooLarge = try zeros.compress(with: .gzip())
        let small = ByteBuffer(bytes: OTLPProtobuf.encode(RealisticRequest.traces(spanCount: 8, attributesPerSpan: 10)))
        let endpoint = receiver.httpEndpoint

        let clock = ContinuousClock()
        let start = clock.now
        let over = Flag()
        let storm = Task {
            defer { over.raise() }
            return try await withThrowingTaskGroup(of: UInt.self) { group in
                for index in 0..<bombs {
                    group.addTask {
                        let response = try await stormClient.execute(
                            Self.export(to: endpoint, body: index.isMultiple(of: 2) ? refusedAsInvalid : refusedAsTooLarge, gzip: true),
                            timeout: .seconds(600)
                        )
                        _ = try await response.body.collect(upTo: 1 << 20)
                        return response.status.code
                    }
                }
                return try await group.reduce(into: [UInt: Int]()) { $0[$1, default: 0] += 1 }
            }
        }
        var health: [Double] = []
        var smallExports: [Double] = []
        var peak = Measure.residentBytes ?? 0
        // Probe until the storm is over: health every 50 ms, a small export every fourth time.
        var probes = 0
        while !over.isRaised {
            let began = clock.now
            let answer = try await probeClient.execute(HTTPClientRequest(url: endpoint + "/health"), timeout: .seconds(120))
            _ = try await answer.body.collect(upTo: 1 << 16)
            health.append(Measure.seconds(clock.now - began))
            if probes % 4 == 0 {
                let began = clock.now
                let exported = try await probeClient.execute(Self.export(to: endpoint, body: small, gzip: false), timeout: .seconds(120))
                _ = try await exported.body.collect(upTo: 1 << 16)
                guard exported.status == .ok else { throw BenchmarkError("a small export during the storm answered \(exported.status)") }
                smallExports.append(Measure.seconds(clock.now - began))
            }
            probes += 1
            peak = max(peak, Measure.residentBytes ?? 0)
            try await Task.sleep(for: .milliseconds(50))
        }
        let answers = try await storm.value
        let seconds = Measure.seconds(clock.now - start)
        try await stormClient.shutdown()
        try await probeClient.shutdown()
        await receiver.stop()
        return Result(health: health, smallExports: smallExports, bombAnswers: answers, seconds: seconds, peakResident: peak)
    }

    private static func export(to endpoint: String, body: ByteBuffer, gzip: Bool) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: endpoint + "/v1/traces")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-protobuf")
        if gzip { request.headers.add(name: "Content-Encoding", value: "gzip") }
        request.body = .bytes(body)
        return request
    }
}

/// A flag one task raises and another reads.
private final class Flag: Sendable {
    private let raised = Atomic(false)

    func raise() { raised.store(true, ordering: .releasing) }

    var isRaised: Bool { raised.load(ordering: .acquiring) }
}
