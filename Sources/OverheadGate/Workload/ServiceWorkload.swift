import AsyncHTTPClient
public import Foundation
public import HarnessSupport
import OTLPReceiver

/// A service started from a command, under HTTP load, once per segment: the baseline arm with
/// instrumentation off, the instrumented arm exporting OTLP to an acknowledging sink (the fake
/// receiver) that counts the spans, so that a run which dropped telemetry is found out.
public actor ServiceWorkload: OverheadWorkload {
    /// How the service is run and loaded.
    public struct Configuration: Sendable, ArmEnvironments {
        /// The service's executable.
        public var executable: URL
        /// Its arguments; `{port-file}` or `{port}` are replaced (see `readiness`).
        public var arguments: [String]
        /// How to learn where it listens.
        public var readiness: ServiceProcess.Readiness
        /// Environment for both arms.
        public var environment: [String: String] = [:]
        /// Environment of the baseline arm, on top (default: `OTEL_SDK_DISABLED=true`).
        public var baselineEnvironment = Self.defaultBaselineEnvironment
        /// Environment of the instrumented arm, on top; `{sink}` is the sink's OTLP/gRPC endpoint.
        public var instrumentedEnvironment = Self.defaultInstrumentedEnvironment
        /// The requests sent, in their proportions (the demo service's pipeline request by default).
        public var requests = RequestMix(single: .demoPipeline)
        /// The request sent, when the mix is one request; setting it makes the mix that one request.
        public var request: HTTPLoad.Request {
            get { requests.entries[0].request }
            set { requests = RequestMix(single: newValue) }
        }
        /// Open loop at this rate (requests per second); `nil` calibrates it at `rateFraction`
        /// of the baseline's capacity.
        public var rate: Double?
        /// The fraction of the measured capacity the calibrated rate is set at.
        public var rateFraction: Double = 0.5
        /// Closed loop with this many clients instead of open loop.
        public var closedLoopConcurrency: Int?
        /// Load before the measurement, in each segment.
        public var warmUp: Duration = .seconds(1)
        /// The measured load, in each segment.
        public var measurement: Duration = .seconds(3)
        /// Spans each request must produce at the sink; 0 skips the check.
        public var spansPerRequest: Int = 4
        /// How long the service may take to stop (and flush) after SIGTERM.
        public var shutdownBound: Duration = .seconds(15)

        /// A configuration for `executable` with `arguments`.
        public init(executable: URL, arguments: [String], readiness: ServiceProcess.Readiness) {
            self.executable = executable
            self.arguments = arguments
            self.readiness = readiness
        }

        /// The demo service at `executable`, with its pipeline request.
        public static func demoService(_ executable: URL) -> Configuration {
            Configuration(executable: executable, arguments: ["--port", "0", "--port-file", "{port-file}"], readiness: .portFile)
        }
    }

    /// The configuration.
    public let configuration: Configuration
    private var sink: OTLPReceiver?
    /// The open-loop arrival rate: configured, or calibrated by ``prepare()``.
    public private(set) var rate: Double?
    private let client = HTTPClient.untraced()

    /// A workload run as `configuration` says.
    public init(_ configuration: Configuration) {
        self.configuration = configuration
        self.rate = configuration.rate
    }

    public var summary: String {
        let load =
            configuration.closedLoopConcurrency.map { "closed loop, \($0) \($0 == 1 ? "client" : "clients")" }
            ?? "open loop at \(rate.map { String(format: "%.0f", $0) } ?? "?") requests/s"
        return "\(configuration.executable.lastPathComponent): \(configuration.requests.summary), \(load), "
            + "\(Self.seconds(configuration.warmUp)) s warm-up + \(Self.seconds(configuration.measurement)) s measured per segment, a fresh process each"
    }

    public func prepare() async throws -> String {
        let sink = try await OTLPReceiver.start(OTLPReceiverConfiguration(maximumStoredItems: 5_000_000))
        self.sink = sink
        if let clients = configuration.closedLoopConcurrency { return "closed loop with \(clients): no capacity run" }
        if let rate { return String(format: "open loop at the given %.0f requests/s: no capacity run", rate) }
        // Capacity: the baseline, closed loop with 16 clients, after a warm-up.
        let service = try await start(.baseline)
        let load = HTTPLoad(url: service.url, requests: configuration.requests, mode: .closedLoop(concurrency: 16))
        _ = await load.run(for: configuration.warmUp, client: client)
        let measured = await load.run(for: .seconds(3), client: client)
        _ = await service.stop(within: configuration.shutdownBound)
        guard measured.failureCount == 0, !measured.latencies.isEmpty else {
            throw ServiceProcess.Failure(description: "capacity run failed: \(measured.failureSummary)\n\(service.output.suffix(2000))")
        }
        let capacity = Double(measured.latencies.count) / 3
        rate = max(1, capacity * configuration.rateFraction)
        return String(format: "capacity %.0f requests/s (baseline, 16 clients); rate set to %.0f requests/s", capacity, rate ?? 0)
    }

    public func measure(_ arm: Arm) async throws -> SegmentMeasurement {
        let service = try await start(arm)
        let mode: HTTPLoad.Mode = configuration.closedLoopConcurrency.map { .closedLoop(concurrency: $0) } ?? .openLoop(rate: rate ?? 100)
        let load = HTTPLoad(url: service.url, requests: configuration.requests, mode: mode)
        let warm = await load.run(for: configuration.warmUp, client: client)
        let measured = await load.run(for: configuration.measurement, client: client)
        let stop = await service.stop(within: configuration.shutdownBound)
        defer { sink?.reset() }
        var segment = SegmentMeasurement(latencies: measured.latencies, attempts: measured.sent, failures: measured.failures)
        if stop.killed {
            segment.invalidity = "the \(arm.rawValue) service did not stop within \(configuration.shutdownBound)"
        } else if arm == .instrumented, configuration.spansPerRequest > 0, warm.failureCount + measured.failureCount == 0, let sink {
            // (Failed requests make the run invalid anyway, and need not produce every span.)
            let expected = (warm.sent + measured.sent) * configuration.spansPerRequest
            let received = await spans(at: sink, atLeast: expected)
            if received < expected {
                segment.invalidity =
                    "the sink received \(received) spans, fewer than the \(expected) that \(warm.sent + measured.sent) requests × \(configuration.spansPerRequest) should have produced: dropped telemetry hides its cost"
            }
        }
        return segment
    }

    public func finish() async {
        await sink?.stop()
        try? await client.shutdown()
    }

    private func start(_ arm: Arm) async throws -> ServiceProcess {
        try await ServiceProcess.start(
            executable: configuration.executable,
            arguments: configuration.arguments,
            environment: configuration.environment(for: arm, sinkEndpoint: sink?.grpcEndpoint),
            readiness: configuration.readiness
        )
    }

    /// The spans the sink accepted, once they are at least `expected` or stop growing for a
    /// second. Counted from the recorded requests, without assembling the telemetry.
    private func spans(at sink: OTLPReceiver, atLeast expected: Int) async -> Int {
        func accepted() -> Int {
            sink.requests.reduce(0) { $0 + ($1.signal == .traces && $1.outcome.isAccepted ? $1.itemCount : 0) }
        }
        let clock = ContinuousClock()
        var count = accepted()
        var changed = clock.now
        let settled = try? await poll("spans kept arriving", within: .seconds(3600), every: .milliseconds(50)) { () -> Observation<Int> in
            let now = accepted()
            if now != count { (count, changed) = (now, clock.now) }
            return count >= expected || clock.now - changed >= .seconds(1) ? .done(count) : .notYet("\(count) spans so far")
        }
        return settled ?? count
    }

    private static func seconds(_ duration: Duration) -> String {
        String(format: "%g", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
