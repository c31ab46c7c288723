/// The two arms the gate compares.
public enum Arm: String, Sendable, Hashable, Codable, CaseIterable {
    /// Instrumentation off.
    case baseline
    /// Instrumentation on, exporting to the sink.
    case instrumented
}

/// What one segment (one arm, once) measured.
public struct SegmentMeasurement: Sendable {
    /// Each measured operation's latency, in seconds.
    public var latencies: [Double]
    /// How many operations were attempted.
    public var attempts: Int
    /// Failed operations by cause.
    public var failures: [String: Int]
    /// Why the segment cannot be trusted (telemetry dropped…), if it cannot.
    public var invalidity: String?

    /// A measurement as given.
    public init(latencies: [Double], attempts: Int, failures: [String: Int] = [:], invalidity: String? = nil) {
        self.latencies = latencies
        self.attempts = attempts
        self.failures = failures
        self.invalidity = invalidity
    }
}

/// Something whose latency the gate measures in two arms: a service under HTTP load, or a
/// closure in this process.
public protocol OverheadWorkload: Sendable {
    /// What is measured, in one line, for the reports.
    var summary: String { get async }
    /// Readies the workload (for example, measures capacity to set the arrival rate); returns
    /// what it decided, for the reports.
    func prepare() async throws -> String
    /// Measures one segment of `arm`: a warm-up, then the measurement.
    func measure(_ arm: Arm) async throws -> SegmentMeasurement
    /// Releases what the workload holds (the sink…).
    func finish() async
}
