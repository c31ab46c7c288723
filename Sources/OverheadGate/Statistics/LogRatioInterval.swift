import Foundation
import HarnessSupport

/// A two-sided t confidence interval for the mean of per-round log ratios
/// r = ln(p_instrumented / p_baseline).
public struct LogRatioInterval: Sendable, Hashable, Codable {
    /// How many rounds.
    public var count: Int
    /// The mean log ratio.
    public var mean: Double
    /// The sample standard deviation of the log ratios.
    public var standardDeviation: Double
    /// The confidence level, for example 0.983.
    public var confidence: Double
    /// The interval's lower end.
    public var lower: Double
    /// The interval's upper end.
    public var upper: Double

    /// The interval for `logRatios` at `confidence`; `nil` with fewer than two values.
    public init?(logRatios: [Double], confidence: Double) {
        guard logRatios.count >= 2, confidence > 0, confidence < 1 else { return nil }
        let critical = StudentT.quantile(1 - (1 - confidence) / 2, degreesOfFreedom: Double(logRatios.count - 1))
        self.init(logRatios: logRatios, critical: critical, confidence: confidence)
    }

    /// The interval whose half-width is `critical` standard errors, which has `confidence`;
    /// `nil` with fewer than two values.
    init?(logRatios: [Double], critical: Double, confidence: Double) {
        guard logRatios.count >= 2 else { return nil }
        let n = Double(logRatios.count)
        let mean = logRatios.reduce(0, +) / n
        let variance = logRatios.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let standardDeviation = variance.squareRoot()
        let halfWidth = critical * standardDeviation / n.squareRoot()
        self.count = logRatios.count
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.confidence = confidence
        self.lower = mean - halfWidth
        self.upper = mean + halfWidth
    }

    /// The mean as a ratio, `exp(mean)`.
    public var ratio: Double { exp(mean) }
    /// The interval's ends as ratios.
    public var ratioInterval: ClosedRange<Double> { exp(lower)...exp(upper) }
}
