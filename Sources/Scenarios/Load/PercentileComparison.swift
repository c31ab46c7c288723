import HarnessSupport
import TelemetryModel

/// Compares a percentile of two latency samples: the ratio of the faulty to the healthy one,
/// with a one-sided bootstrap bound, so that a verdict "above budget" needs evidence and not
/// just one noisy segment.
public struct PercentileComparison: Sendable, Hashable {
    /// The percentile, for example 0.95.
    public var percentile: Double
    /// The percentile of the healthy sample, in seconds.
    public var healthy: Double
    /// The percentile of the faulty sample, in seconds.
    public var faulty: Double
    /// `faulty / healthy`.
    public var ratio: Double
    /// The lower end of the one-sided 95 % bootstrap interval of the ratio: the ratio is above
    /// this with 95 % confidence.
    public var ratioLowerBound: Double

    /// Compares `faulty` to `healthy` at `percentile`, with `resamples` bootstrap resamples
    /// drawn from a generator seeded with `seed` (the result is reproducible).
    public init?(healthy: [Double], faulty: [Double], percentile: Double = 0.95, resamples: Int = 1000, seed: UInt64 = 0x5EED) {
        guard !healthy.isEmpty, !faulty.isEmpty else { return nil }
        let healthySorted = healthy.sorted()
        let faultySorted = faulty.sorted()
        self.percentile = percentile
        self.healthy = Self.percentile(percentile, of: healthySorted)
        self.faulty = Self.percentile(percentile, of: faultySorted)
        self.ratio = self.faulty / self.healthy
        var generator = SplitMix64(seed: seed)
        var ratios: [Double] = []
        ratios.reserveCapacity(resamples)
        for _ in 0..<resamples {
            let faultyDraw = Self.resampledPercentile(percentile, of: faultySorted, using: &generator)
            let healthyDraw = Self.resampledPercentile(percentile, of: healthySorted, using: &generator)
            ratios.append(faultyDraw / healthyDraw)
        }
        ratios.sort()
        self.ratioLowerBound = ratios[Int(Double(resamples - 1) * 0.05)]
    }

    /// Whether the faulty percentile is above `budget` (0.05 is 5 %) with 95 % confidence.
    public func exceeds(budget: Double) -> Bool {
        ratioLowerBound > 1 + budget
    }

    /// The percentile of a bootstrap resample of an ascending sample, without sorting the
    /// resample: draw as many indices as there are values, count the draws per index, and walk
    /// the counts to the percentile's rank (the resample's k-th smallest value is the original's
    /// value at the index where the running count reaches k). O(n) per resample.
    static func resampledPercentile(_ p: Double, of sorted: [Double], using generator: inout SplitMix64) -> Double {
        let count = sorted.count
        var draws = [Int](repeating: 0, count: count)
        for _ in 0..<count { draws[Int(generator.next() % UInt64(count))] += 1 }
        let rank = min(count, max(1, Int((p * Double(count)).rounded(.up))))
        var seen = 0
        for index in 0..<count {
            seen += draws[index]
            if seen >= rank { return sorted[index] }
        }
        return sorted[count - 1]
    }

    /// The nearest-rank percentile of an ascending sample.
    static func percentile(_ p: Double, of sorted: [Double]) -> Double {
        Percentile.nearestRank(p, ofSorted: sorted)
    }
}
