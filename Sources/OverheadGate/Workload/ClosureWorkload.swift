/// An in-process workload for library authors: a closure per arm, called over and over
/// (closed loop), each call timed.
///
/// ```swift
/// let workload = ClosureWorkload(
///     baseline: { _ = try encoder.encode(order) },
///     instrumented: { try withSpan("encode") { _ in _ = try encoder.encode(order) } })
/// let report = try await OverheadBenchmark().run(workload)
/// ```
public struct ClosureWorkload: OverheadWorkload {
    /// The baseline arm's operation.
    public var baseline: @Sendable () async throws -> Void
    /// The instrumented arm's operation.
    public var instrumented: @Sendable () async throws -> Void
    /// Untimed calls before each segment's measurement.
    public var warmUpCalls: Int
    /// Timed calls per segment.
    public var measuredCalls: Int

    /// A workload of `baseline` against `instrumented`, `measuredCalls` timed calls a segment.
    public init(
        warmUpCalls: Int = 1_000,
        measuredCalls: Int = 10_000,
        baseline: @escaping @Sendable () async throws -> Void,
        instrumented: @escaping @Sendable () async throws -> Void
    ) {
        self.baseline = baseline
        self.instrumented = instrumented
        self.warmUpCalls = warmUpCalls
        self.measuredCalls = measuredCalls
    }

    public var summary: String { "in-process closures, \(measuredCalls) timed calls a segment after \(warmUpCalls) untimed" }

    public func prepare() async throws -> String { "closed loop, one caller" }

    public func measure(_ arm: Arm) async throws -> SegmentMeasurement {
        let operation = arm == .baseline ? baseline : instrumented
        var failures: [String: Int] = [:]
        for _ in 0..<warmUpCalls { try? await operation() }
        let clock = ContinuousClock()
        var latencies: [Double] = []
        latencies.reserveCapacity(measuredCalls)
        for _ in 0..<measuredCalls {
            let start = clock.now
            do {
                try await operation()
                let elapsed = clock.now - start
                latencies.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            } catch {
                failures[String("\(error)".prefix(120)), default: 0] += 1
            }
        }
        return SegmentMeasurement(latencies: latencies, attempts: measuredCalls, failures: failures)
    }

    public func finish() async {}
}
