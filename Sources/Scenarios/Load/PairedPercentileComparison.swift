import Foundation
import HarnessSupport

/// Compares a latency percentile of faulty segments with the healthy segments they alternate
/// with, pair by pair.
///
/// Each pair's ratio, faulty percentile over healthy percentile, is one observation. Pooling the
/// requests of all segments and treating them as independent (a bootstrap over requests) would
/// be wrong on a shared machine: one slow segment moves dozens of requests at once, and the
/// pooled bound then calls a single noisy segment a regression. Here the noise is what the
/// pairs show: the verdict "above budget" needs the one-sided lower bound of the mean log ratio
/// (Student's t over the pairs) above the budget.
///
/// The resilience scenario looks after each pair from `ResilienceSettings.pairs` on and adds
/// pairs, up to `ResilienceSettings.maximumPairs`, only while the ratio is above the budget but
/// not shown to be (``Verdict/suspected``). With looks at 4 to 8 pairs and 99.5 % per look, and
/// pair noise of 13 % (what the FastAPI example's pairs of 60 requests show on a 2-core machine),
/// a 5 % budget is failed by a ratio of 1 about 0.2 % of the time, by a ratio right at the budget
/// about 1.5 %, by 1.3 about 86 % and by 1.5 about 99.9 % (simulated; with neighbouring pairs
/// correlated at 0.5, 2.5 %, 9 %, 85 % and 99.6 %). Noise of 13 % cannot resolve 5 %: the
/// reported interval says what a stack's pairs can resolve.
public struct PairedPercentileComparison: Sendable, Hashable {
    /// One healthy segment and the faulty segment next to it.
    public struct Pair: Sendable, Hashable {
        /// The healthy segment's percentile, in seconds.
        public var healthy: Double
        /// The faulty segment's percentile, in seconds.
        public var faulty: Double
        /// `faulty / healthy`.
        public var ratio: Double { faulty / healthy }
    }

    /// What the pairs so far say about a budget.
    public enum Verdict: Sendable, Hashable {
        /// The ratio is above the budget with the comparison's confidence.
        case above
        /// The ratio is above the budget, but not with the comparison's confidence: more pairs
        /// would tell.
        case suspected
        /// The ratio is within the budget.
        case within
    }

    /// The percentile, for example 0.95.
    public let percentile: Double
    /// The one-sided confidence of each look, for example 0.995 (the lower end of a two-sided
    /// 99 % interval).
    public let confidence: Double
    /// The pairs so far, in the order they ran.
    public private(set) var pairs: [Pair] = []

    /// A comparison of `percentile` with one-sided `confidence` per look.
    public init(percentile: Double = 0.95, confidence: Double = 0.995) {
        precondition(percentile > 0 && percentile <= 1, "a percentile is in (0, 1]")
        precondition(confidence > 0.5 && confidence < 1, "a one-sided confidence is in (0.5, 1)")
        self.percentile = percentile
        self.confidence = confidence
    }

    /// Adds a pair of segments' latencies, in seconds; returns `false` and adds nothing when
    /// either segment has no latency or a percentile of zero.
    @discardableResult
    public mutating func append(healthy: [Double], faulty: [Double]) -> Bool {
        guard !healthy.isEmpty, !faulty.isEmpty else { return false }
        let pair = Pair(
            healthy: Percentile.nearestRank(percentile, ofSorted: healthy.sorted()),
            faulty: Percentile.nearestRank(percentile, ofSorted: faulty.sorted())
        )
        guard pair.healthy > 0, pair.faulty > 0 else { return false }
        pairs.append(pair)
        return true
    }

    /// The geometric mean of the pairs' ratios; `nil` without pairs.
    public var ratio: Double? {
        guard !pairs.isEmpty else { return nil }
        return exp(meanLogRatio)
    }

    /// The one-sided lower bound of the ratio: the ratio is above it with ``confidence``; `nil`
    /// with fewer than two pairs.
    public var ratioLowerBound: Double? { bound(below: true) }

    /// The one-sided upper bound of the ratio: the ratio is below it with ``confidence``; `nil`
    /// with fewer than two pairs. With ``ratioLowerBound``, what the pairs can resolve.
    public var ratioUpperBound: Double? { bound(below: false) }

    private func bound(below: Bool) -> Double? {
        guard pairs.count >= 2 else { return nil }
        let n = Double(pairs.count)
        let mean = meanLogRatio
        let variance = pairs.reduce(0) { $0 + (log($1.ratio) - mean) * (log($1.ratio) - mean) } / (n - 1)
        let halfWidth = StudentT.quantile(confidence, degreesOfFreedom: n - 1) * variance.squareRoot() / n.squareRoot()
        return exp(below ? mean - halfWidth : mean + halfWidth)
    }

    /// The verdict on `budget` (0.05 is 5 %).
    public func verdict(budget: Double) -> Verdict {
        guard let ratio, ratio > 1 + budget else { return .within }
        if let ratioLowerBound, ratioLowerBound > 1 + budget { return .above }
        return .suspected
    }

    /// Whether another pair should run: fewer than `minimum` pairs so far, or fewer than
    /// `maximum` and the ratio above `budget` but not shown to be.
    public func wantsAnotherPair(budget: Double, minimum: Int, maximum: Int) -> Bool {
        pairs.count < minimum || (pairs.count < maximum && verdict(budget: budget) == .suspected)
    }

    private var meanLogRatio: Double {
        pairs.reduce(0) { $0 + log($1.ratio) } / Double(pairs.count)
    }
}
