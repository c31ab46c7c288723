import Foundation

/// Checks of what the t interval assumes about the per-round log ratios: that rounds are
/// independent (no autocorrelation) and that their mean is close to normal (no strong skew).
public struct RoundDiagnostics: Sendable, Hashable, Codable {
    /// Rounds.
    public var count: Int
    /// The lag-1 autocorrelation of the log ratios in round order.
    public var lag1Autocorrelation: Double
    /// The sample skewness of the log ratios.
    public var skewness: Double
    /// The sample excess kurtosis (0 for a normal distribution).
    public var excessKurtosis: Double

    /// The diagnostics of `logRatios`; `nil` with fewer than three values or no spread.
    public init?(logRatios: [Double]) {
        guard logRatios.count >= 3, logRatios.contains(where: { $0 != logRatios[0] }) else { return nil }
        let n = Double(logRatios.count)
        let mean = logRatios.reduce(0, +) / n
        let deviations = logRatios.map { $0 - mean }
        let squares = deviations.reduce(0) { $0 + $1 * $1 }
        guard squares > 0 else { return nil }
        let variance = squares / n
        count = logRatios.count
        lag1Autocorrelation = zip(deviations, deviations.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 } / squares
        skewness = deviations.reduce(0) { $0 + $1 * $1 * $1 } / n / pow(variance, 1.5)
        excessKurtosis = deviations.reduce(0) { $0 + $1 * $1 * $1 * $1 } / n / (variance * variance) - 3
    }

    /// The lag-1 autocorrelation's approximate 95 % bound for independent rounds, 2/√n.
    public var independenceBound: Double { 2 / Double(count).squareRoot() }

    /// Whether the lag-1 autocorrelation is within ``independenceBound``.
    public var looksIndependent: Bool { abs(lag1Autocorrelation) <= independenceBound }
}
