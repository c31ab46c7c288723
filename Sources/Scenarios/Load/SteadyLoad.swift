import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Open-loop load at a constant arrival rate: request `i` is due at `start + i / rate` whatever
/// happened to the ones before, and its latency counts from that due time, so that a stalled
/// service shows in the latencies instead of slowing the load down (coordinated omission).
struct SteadyLoad: Sendable {
    /// What a load segment observed.
    struct Result: Sendable {
        /// The latency of every answered request, in seconds, due time to last byte.
        var latencies: [Double] = []
        /// Requests that failed, by cause (`status 503`, a transport error…), with a count.
        var failures: [String: Int] = [:]
        /// How many requests were due.
        var sent = 0

        var failureCount: Int { failures.values.reduce(0, +) }

        /// The failures, most frequent first, for a message.
        var failureSummary: String {
            failures.sorted { $0.value > $1.value }.map { "\($0.value) × \($0.key)" }.joined(separator: ", ")
        }

        mutating func merge(_ other: Result) {
            latencies += other.latencies
            failures.merge(other.failures, uniquingKeysWith: +)
            sent += other.sent
        }
    }

    var url: String
    var rate: Double
    var body = "transcribe this audio clip"
    /// A request unanswered after this long counts as failed.
    var requestTimeout: Duration = .seconds(10)

    func run(for duration: Duration, client: HTTPClient) async -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let count = max(1, Int((Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18) * rate))
        let interval = Duration.seconds(1 / rate)
        return await withTaskGroup(of: Result.self) { group in
            for index in 0..<count {
                let due = start.advanced(by: interval * index)
                try? await Task.sleep(until: due, clock: clock)  // the arrival schedule
                group.addTask { await send(dueAt: due, clock: clock, client: client) }
            }
            var total = Result()
            for await one in group { total.merge(one) }
            return total
        }
    }

    private func send(dueAt due: ContinuousClock.Instant, clock: ContinuousClock, client: HTTPClient) async -> Result {
        var result = Result(sent: 1)
        var request = HTTPClientRequest(url: url + "/v1/pipeline")
        request.method = .POST
        request.body = .bytes(ByteBuffer(string: body))
        do {
            let response = try await client.execute(request, timeout: .init(requestTimeout))
            _ = try await response.body.collect(upTo: 1 << 20)
            if response.status == .ok {
                let elapsed = clock.now - due
                result.latencies.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            } else {
                result.failures["status \(response.status.code)", default: 0] += 1
            }
        } catch {
            result.failures["\(error)".prefix(120).description, default: 0] += 1
        }
        return result
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        self = .nanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }
}
