import Foundation
import Histogram

/// Everything a gate run found: the verdict and why, each round, each look, and each arm's
/// latency distribution. Codable: `--json` writes it.
public struct OverheadReport: Sendable, Codable {
    /// One round's measurements.
    public struct Round: Sendable, Codable {
        /// 1, 2, …
        public var round: Int
        /// The arms in the order they ran.
        public var order: [String]
        /// The baseline's percentile, in seconds.
        public var baseline: Double
        /// The instrumented arm's percentile, in seconds.
        public var instrumented: Double
        /// ln(instrumented / baseline).
        public var logRatio: Double
    }

    /// One look of the sequential plan.
    public struct Look: Sendable, Codable {
        /// Rounds so far.
        public var rounds: Int
        /// The interval of the log ratio.
        public var interval: LogRatioInterval
        /// `pass`, `fail`, `continue` or `inconclusive`.
        public var decision: String

        init(_ decision: SequentialPlan.Decision, rounds: Int) {
            self.rounds = rounds
            switch decision {
            case .pass(let interval): (self.interval, self.decision) = (interval, "pass")
            case .fail(let interval): (self.interval, self.decision) = (interval, "fail")
            case .continue(let interval): (self.interval, self.decision) = (interval, "continue")
            case .inconclusive(let interval): (self.interval, self.decision) = (interval, "inconclusive")
            }
        }
    }

    /// An arm's latency distribution over all its measured segments (from an HDR histogram).
    public struct ArmSummary: Sendable, Codable {
        /// Measured operations.
        public var count: UInt64
        /// Percentiles in seconds.
        public var p50: Double, p90: Double, p95: Double, p99: Double, p999: Double, max: Double
        /// The distribution for plotting: (percentile, seconds) pairs, ascending.
        public var distribution: [[Double]]

        init(_ histogram: Histogram<UInt64>) {
            func at(_ p: Double) -> Double { Double(histogram.valueAtPercentile(p)) / 1e6 }
            count = histogram.totalCount
            p50 = at(50)
            p90 = at(90)
            p95 = at(95)
            p99 = at(99)
            p999 = at(99.9)
            max = Double(histogram.max) / 1e6
            distribution = [0, 10, 25, 50, 75, 90, 95, 97.5, 99, 99.5, 99.9, 99.95, 99.99].map { [$0, at($0)] }
        }
    }

    /// The settings of the run.
    public var settings: OverheadBenchmark.Settings
    /// What was measured.
    public var workload: String
    /// What preparing the workload decided (the calibrated rate…).
    public var preparation: String
    /// The verdict; `nil` until the run ends.
    public var verdict: Verdict?
    /// Why.
    public var reason = ""
    /// Each round.
    public var rounds: [Round] = []
    /// Each look.
    public var looks: [Look] = []
    /// Each arm's distribution, by arm name.
    public var arms: [String: ArmSummary] = [:]
    /// Operations attempted per arm.
    public var requests: [String: Int] = [:]
    /// The run's wall time, in seconds.
    public var wallTime: Double = 0

    init(settings: OverheadBenchmark.Settings, workload: String, preparation: String) {
        self.settings = settings
        self.workload = workload
        self.preparation = preparation
    }

    mutating func finish(_ verdict: Verdict, reason: String) {
        self.verdict = verdict
        self.reason = reason
    }

    /// The last look's interval, if any.
    public var finalInterval: LogRatioInterval? { looks.last?.interval }

    /// The report as pretty-printed JSON.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
