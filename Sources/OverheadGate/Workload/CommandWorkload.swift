import Foundation
import HarnessSupport
import OTLPReceiver

/// The user's own benchmark as the workload: a command run once per segment, in each arm's
/// environment, that writes the latency of every iteration it timed to a file; the gate
/// compares the arms' percentiles of those latencies.
///
/// The file's path is `{latencies-file}` in the arguments, and `OTEL_HARNESS_LATENCIES_FILE` in
/// the environment; the format is ``LatencyFile``. The baseline arm runs with
/// `OTEL_SDK_DISABLED=true`, the instrumented arm exports OTLP/gRPC to an acknowledging sink
/// (`{sink}` in environment values), as with ``ServiceWorkload``.
public actor CommandWorkload: OverheadWorkload {
    /// How the benchmark is run and read.
    public struct Configuration: Sendable, ArmEnvironments {
        /// The command and its arguments; the first is a path, or a name looked up in `PATH`.
        public var command: [String]
        /// Environment for both arms.
        public var environment: [String: String] = [:]
        /// Environment of the baseline arm, on top (default: `OTEL_SDK_DISABLED=true`).
        public var baselineEnvironment = Self.defaultBaselineEnvironment
        /// Environment of the instrumented arm, on top; `{sink}` is the sink's OTLP/gRPC endpoint.
        public var instrumentedEnvironment = Self.defaultInstrumentedEnvironment
        /// The unit of the numbers in the latencies file.
        public var unit: LatencyFile.Unit = .seconds
        /// Latencies at the start of each run left out, as the benchmark's own warm-up.
        public var discardedIterations = 0
        /// How long one run of the command may take.
        public var timeout: Duration = .seconds(600)
        /// The largest latencies file read, in bytes.
        public var maximumFileBytes = 256 << 20

        /// A configuration running `command`.
        public init(command: [String]) {
            self.command = command
        }
    }

    /// The configuration.
    public let configuration: Configuration
    private var sink: OTLPReceiver?
    private let folder: URL

    /// A workload run as `configuration` says.
    public init(_ configuration: Configuration) {
        self.configuration = configuration
        self.folder = FileManager.default.temporaryDirectory.appendingPathComponent("otel-harness-bench-\(UUID().uuidString)")
    }

    public var summary: String {
        let discarded = configuration.discardedIterations > 0 ? ", the first \(configuration.discardedIterations) of each run left out" : ""
        return
            "the command \(configuration.command.joined(separator: " ")), run once per segment, its latencies in \(configuration.unit.rawValue)\(discarded)"
    }

    public func prepare() async throws -> String {
        guard !configuration.command.isEmpty else { throw ServiceProcess.Failure(description: "no benchmark command to run") }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        sink = try await OTLPReceiver.start(OTLPReceiverConfiguration(maximumStoredItems: 1_000_000))
        return "each segment runs the command to its end (at most \(configuration.timeout))"
    }

    public func measure(_ arm: Arm) async throws -> SegmentMeasurement {
        let file = folder.appendingPathComponent("\(arm.rawValue)-\(UUID().uuidString).txt")
        defer {
            try? FileManager.default.removeItem(at: file)
            sink?.reset()
        }
        var environment = configuration.environment(for: arm, sinkEndpoint: sink?.grpcEndpoint)
        environment["OTEL_HARNESS_LATENCIES_FILE"] = file.path
        let arguments = configuration.command.map { $0.replacingOccurrences(of: "{latencies-file}", with: file.path) }
        let result = await CommandRunner.run(arguments, environment: environment, removingPrefixes: ["OTEL_"], timeout: configuration.timeout)
        let tail = String(result.output.suffix(2000))
        if result.timedOut {
            return SegmentMeasurement(latencies: [], attempts: 0, invalidity: "the command did not end within \(configuration.timeout): \(tail)")
        }
        guard result.succeeded else {
            let status = result.status.map { "exited with status \($0)" } ?? "was ended by a signal"
            return SegmentMeasurement(latencies: [], attempts: 0, invalidity: "the \(arm.rawValue) command \(status): \(tail)")
        }
        let latencies = try LatencyFile.read(file, unit: configuration.unit, maximumBytes: configuration.maximumFileBytes)
        let kept = Array(latencies.dropFirst(configuration.discardedIterations))
        guard !kept.isEmpty else {
            return SegmentMeasurement(
                latencies: [],
                attempts: 0,
                invalidity:
                    "the \(arm.rawValue) command wrote \(latencies.count) latencies to \(file.lastPathComponent), none left after the first \(configuration.discardedIterations)"
            )
        }
        return SegmentMeasurement(latencies: kept, attempts: kept.count)
    }

    public func finish() async {
        await sink?.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}
