import Foundation
import HarnessSupport
import TelemetryModel
import Testing

@testable import Scenarios

@Suite("Paired percentile comparison")
struct PairedPercentileComparisonTests {
    /// 120 latencies around `median` seconds, spread ±20 %, from `generator`.
    static func segment(median: Double, using generator: inout SplitMix64) -> [Double] {
        (0..<120).map { _ in median * (0.8 + 0.4 * Double(generator.next() % 10_000) / 10_000) }
    }

    /// A normal draw (Box–Muller).
    static func normal(_ generator: inout SplitMix64) -> Double {
        let u1 = (Double(generator.next() >> 11) + 1) / 9_007_199_254_740_993
        let u2 = Double(generator.next() >> 11) / 9_007_199_254_740_992
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    @Test("one pair 21 % slower among unchanged ones is not a regression")
    func oneNoisyPair() throws {
        // The CI run that failed the old pooled bootstrap: one black-holed segment at ×1.21.
        var comparison = PairedPercentileComparison()
        var generator = SplitMix64(seed: 11)
        for factor in [1.01, 1.21, 0.97] {
            let healthy = Self.segment(median: 0.040, using: &generator)
            comparison.append(healthy: healthy, faulty: healthy.map { $0 * factor })
        }
        #expect(comparison.pairs.count == 3)
        #expect(comparison.verdict(budget: 0.05) != .above)
        #expect(try #require(comparison.ratioLowerBound) < 1.05)
        #expect(!comparison.wantsAnotherPair(budget: 0.10, minimum: 3, maximum: 6))
    }

    @Test("a consistent slowdown is above the budget after three pairs")
    func consistentSlowdown() throws {
        var comparison = PairedPercentileComparison()
        var generator = SplitMix64(seed: 12)
        for factor in [1.45, 1.55, 1.5] {
            comparison.append(
                healthy: Self.segment(median: 0.040, using: &generator),
                faulty: Self.segment(median: 0.040 * factor, using: &generator)
            )
        }
        #expect(comparison.verdict(budget: 0.05) == .above)
        #expect(try #require(comparison.ratio) > 1.3)
        #expect(try #require(comparison.ratioLowerBound) > 1.05)
        #expect(!comparison.wantsAnotherPair(budget: 0.05, minimum: 3, maximum: 6))
    }

    @Test("a ratio above the budget but not shown to be asks for more pairs, up to the maximum")
    func suspected() {
        var comparison = PairedPercentileComparison()
        var generator = SplitMix64(seed: 13)
        for factor in [1.02, 1.20, 1.06] {
            let healthy = Self.segment(median: 0.040, using: &generator)
            comparison.append(healthy: healthy, faulty: healthy.map { $0 * factor })
        }
        #expect(comparison.verdict(budget: 0.05) == .suspected)
        #expect(comparison.wantsAnotherPair(budget: 0.05, minimum: 3, maximum: 6))
        #expect(!comparison.wantsAnotherPair(budget: 0.05, minimum: 3, maximum: 3))
        #expect(comparison.wantsAnotherPair(budget: 0.20, minimum: 4, maximum: 4))
        #expect(!comparison.wantsAnotherPair(budget: 0.20, minimum: 3, maximum: 6))
    }

    @Test("one pair has a ratio but no bound; empty segments add nothing")
    func edges() {
        var comparison = PairedPercentileComparison()
        #expect(comparison.ratio == nil && comparison.verdict(budget: 0.05) == .within)
        let added = [
            comparison.append(healthy: [], faulty: [0.1]),
            comparison.append(healthy: [0.1], faulty: [0]),
            comparison.append(healthy: [0.1, 0.2], faulty: [0.4, 0.4]),
        ]
        #expect(added == [false, false, true])
        #expect(comparison.ratio == 2 && comparison.ratioLowerBound == nil)
        #expect(comparison.verdict(budget: 0.05) == .suspected)
    }

    @Test("simulated: a ratio of 1 almost never fails a 5 % budget, one at the budget rarely, one of 1.5 almost always")
    func simulatedErrorRates() {
        // Pair noise of 13 % in the log ratio: what the FastAPI example's pairs of 60 requests
        // show on a 2-core machine. Looks at 4 to 8 pairs, as the scenario's defaults.
        var generator = SplitMix64(seed: 14)
        func failRate(_ trueRatio: Double, runs: Int = 2000) -> Double {
            var failed = 0
            for _ in 0..<runs {
                var comparison = PairedPercentileComparison()
                while comparison.wantsAnotherPair(budget: 0.05, minimum: 4, maximum: 8) {
                    comparison.append(healthy: [0.04], faulty: [0.04 * exp(log(trueRatio) + 0.13 * Self.normal(&generator))])
                }
                if comparison.verdict(budget: 0.05) == .above { failed += 1 }
            }
            return Double(failed) / Double(runs)
        }
        #expect(failRate(1.0) < 0.01)
        #expect(failRate(1.05) < 0.04)
        #expect(failRate(1.5) > 0.98)
        #expect(failRate(2.0) > 0.999)
    }
}
