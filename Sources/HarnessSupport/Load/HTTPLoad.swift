public import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// HTTP load against a service: open-loop at a constant arrival rate, or closed-loop with a
/// fixed number of clients.
///
/// Open loop: request `i` is due at `start + i / rate` whatever happened to the ones before,
/// and its latency counts from that due time, so a stalled service shows in the latencies
/// instead of slowing the load down (no coordinated omission). Closed loop: each client sends
/// its next request when the previous one is answered; latency counts from the send.
public struct HTTPLoad: Sendable {
    /// The request sent, again and again.
    public struct Request: Sendable {
        /// `GET`, `POST`, …
        public var method: String
        /// The path, for example `/v1/pipeline`.
        public var path: String
        /// The body, if any.
        public var body: String?
        /// Extra headers.
        public var headers: [(name: String, value: String)]

        /// A request as given.
        public init(method: String = "GET", path: String, body: String? = nil, headers: [(name: String, value: String)] = []) {
            self.method = method
            self.path = path
            self.body = body
            self.headers = headers
        }

        /// The demo service's pipeline request.
        public static let demoPipeline = Request(method: "POST", path: "/v1/pipeline", body: "transcribe this audio clip")
    }

    /// How requests are paced.
    public enum Mode: Sendable, Hashable {
        /// A constant arrival rate, in requests per second.
        case openLoop(rate: Double)
        /// This many clients, each sending as soon as its previous request is answered.
        case closedLoop(concurrency: Int)
    }

    /// What a load run observed.
    public struct Result: Sendable {
        /// The latency of every answered request with a 2xx status, in seconds.
        public var latencies: [Double] = []
        /// Requests that failed, by cause (`status 503`, a transport error…), with a count.
        public var failures: [String: Int] = [:]
        /// How many requests were sent (due, in open loop).
        public var sent = 0

        /// An empty result.
        public init() {}

        /// How many requests failed.
        public var failureCount: Int { failures.values.reduce(0, +) }

        /// The failures, most frequent first, for a message.
        public var failureSummary: String {
            failures.sorted { $0.value > $1.value }.map { "\($0.value) × \($0.key)" }.joined(separator: ", ")
        }

        /// Adds `other`'s observations to these.
        public mutating func merge(_ other: Result) {
            latencies += other.latencies
            failures.merge(other.failures, uniquingKeysWith: +)
            sent += other.sent
        }
    }

    /// The service's base URL, for example `http://127.0.0.1:8080`.
    public var url: String
    /// The requests sent, in their proportions.
    public var requests: RequestMix
    /// The request, when the mix is one request; setting it makes the mix that one request.
    public var request: Request {
        get { requests.entries[0].request }
        set { requests = RequestMix(single: newValue) }
    }
    /// The pacing.
    public var mode: Mode
    /// A request unanswered after this long counts as failed.
    public var requestTimeout: Duration = .seconds(10)

    /// Load on `url` with `request`, paced by `mode`.
    public init(url: String, request: Request, mode: Mode) {
        self.init(url: url, requests: RequestMix(single: request), mode: mode)
    }

    /// Load on `url` with the requests of `requests`, paced by `mode`.
    public init(url: String, requests: RequestMix, mode: Mode) {
        self.url = url
        self.requests = requests
        self.mode = mode
    }

    /// Sends load for `duration` and returns once every request sent is answered or failed.
    public func run(for duration: Duration, client: HTTPClient) async -> Result {
        switch mode {
        case .openLoop(let rate): await openLoop(rate: rate, duration: duration, client: client)
        case .closedLoop(let concurrency): await closedLoop(concurrency: concurrency, duration: duration, client: client)
        }
    }

    private func openLoop(rate: Double, duration: Duration, client: HTTPClient) async -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let count = max(1, Int(Self.seconds(duration) * rate))
        let interval = Duration.seconds(1 / rate)
        return await withTaskGroup(of: Result.self) { group in
            for index in 0..<count {
                let due = start.advanced(by: interval * index)
                try? await Task.sleep(until: due, clock: clock)  // the arrival schedule
                let request = requests.request(at: index)
                group.addTask { await send(request, from: due, clock: clock, client: client) }
            }
            var total = Result()
            for await one in group { total.merge(one) }
            return total
        }
    }

    private func closedLoop(concurrency: Int, duration: Duration, client httpClient: HTTPClient) async -> Result {
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: duration)
        return await withTaskGroup(of: Result.self) { group in
            let clients = max(1, concurrency)
            for client in 0..<clients {
                group.addTask {
                    var result = Result()
                    // Client c sends requests c, c + clients, c + 2 × clients, … of the mix.
                    var index = client
                    while clock.now < end {
                        result.merge(await send(requests.request(at: index), from: clock.now, clock: clock, client: httpClient))
                        index += clients
                    }
                    return result
                }
            }
            var total = Result()
            for await one in group { total.merge(one) }
            return total
        }
    }

    private func send(_ request: Request, from start: ContinuousClock.Instant, clock: ContinuousClock, client: HTTPClient) async -> Result {
        var result = Result()
        result.sent = 1
        var outgoing = HTTPClientRequest(url: url + request.path)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(string: body)) }
        do {
            let response = try await client.execute(outgoing, timeout: .nanoseconds(Self.nanoseconds(requestTimeout)))
            _ = try await response.body.collect(upTo: 16 << 20)
            if (200..<300).contains(response.status.code) {
                result.latencies.append(Self.seconds(clock.now - start))
            } else {
                result.failures["status \(response.status.code)", default: 0] += 1
            }
        } catch {
            result.failures[String("\(error)".prefix(120)), default: 0] += 1
        }
        return result
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}
