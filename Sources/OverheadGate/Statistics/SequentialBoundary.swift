import Foundation
import HarnessSupport
import TelemetryModel

/// How a sequential plan spends its error rate over its looks.
///
/// Each look compares the standardized mean log ratio, t = (mean − ln(1 + budget)) / (s/√n), with
/// a critical value c: FAIL when t > c, PASS when t < −c. The boundaries differ in how c varies
/// with the look:
/// - ``bonferroni``: every look at the two-sided t quantile 1 − α/(2K). Simple, and conservative:
///   the looks are strongly correlated, so the overall error rate is well below α.
/// - ``pocock``: the same c at every look, the smallest constant that keeps the overall error
///   rate at α.
/// - ``obrienFleming``: c shrinking as √(n_K / n_k), strict early and close to the fixed-sample
///   value at the last look, where most of the power is.
///
/// For ``pocock`` and ``obrienFleming`` the constant is found by simulating the t statistics
/// of normal rounds under the null (mean exactly at the budget). The t statistic does not depend
/// on the spread of the rounds, so the boundary holds whatever that spread is.
public enum SequentialBoundary: String, Sendable, Hashable, Codable, CaseIterable {
    /// A t interval at confidence 1 − α/K at each of K looks.
    case bonferroni
    /// One critical value at every look.
    case pocock
    /// Critical values falling as √(n_K / n_k).
    case obrienFleming = "obrien-fleming"

    /// The simulated sequences that calibrate ``pocock`` and ``obrienFleming``.
    public static let calibrationSequences = 40_000

    /// The critical value of each look, for `looks` (ascending round counts) and overall error
    /// rate `errorRate` (split evenly between the two wrong decisions).
    public func criticalValues(looks: [Int], errorRate: Double) -> [Double] {
        guard let last = looks.last, !looks.isEmpty else { return [] }
        switch self {
        case .bonferroni:
            let probability = 1 - errorRate / (2 * Double(looks.count))
            return looks.map { StudentT.quantile(probability, degreesOfFreedom: Double($0 - 1)) }
        case .pocock, .obrienFleming:
            let shape = looks.map { self == .pocock ? 1 : (Double(last) / Double($0)).squareRoot() }
            let constant = Self.calibratedConstant(looks: looks, shape: shape, tailProbability: errorRate / 2)
            return shape.map { constant * $0 }
        }
    }

    /// The smallest C with P(t_k > C · shape_k at some look k) ≤ `tailProbability` for rounds
    /// drawn from a normal distribution whose mean is the budget: the (1 − tail) quantile of
    /// max_k t_k / shape_k over simulated sequences (fixed seed: the same plan every run).
    static func calibratedConstant(looks: [Int], shape: [Double], tailProbability: Double) -> Double {
        guard let last = looks.last else { return 0 }
        var normal = NormalSampler(seed: 0x5EED_B0DA)
        var maxima: [Double] = []
        maxima.reserveCapacity(calibrationSequences)
        for _ in 0..<calibrationSequences {
            var sum = 0.0
            var sumOfSquares = 0.0
            var lookIndex = 0
            var largest = -Double.infinity
            for round in 1...last {
                let value = normal.next()
                sum += value
                sumOfSquares += value * value
                guard round == looks[lookIndex] else { continue }
                let n = Double(round)
                let mean = sum / n
                let variance = max((sumOfSquares - n * mean * mean) / (n - 1), .leastNonzeroMagnitude)
                largest = max(largest, mean / (variance / n).squareRoot() / shape[lookIndex])
                lookIndex += 1
            }
            maxima.append(largest)
        }
        maxima.sort()
        let index = min(maxima.count - 1, Int((Double(maxima.count) * (1 - tailProbability)).rounded(.up)))
        return maxima[index]
    }
}

/// Standard normal draws from `SplitMix64` by the Box–Muller transform: reproducible for a seed.
public struct NormalSampler: Sendable {
    private var generator: SplitMix64
    private var spare: Double?

    /// A sampler starting from `seed`.
    public init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    /// A uniform draw in (0, 1) from 53 random bits.
    private mutating func uniform() -> Double {
        (Double(generator.next() >> 11) + 0.5) / 9_007_199_254_740_992
    }

    /// The next draw from N(0, 1).
    public mutating func next() -> Double {
        if let spare {
            self.spare = nil
            return spare
        }
        let radius = (-2 * log(uniform())).squareRoot()
        let angle = 2 * Double.pi * uniform()
        spare = radius * sin(angle)
        return radius * cos(angle)
    }

    /// The next draw from N(mean, standardDeviation²).
    public mutating func next(mean: Double = 0, standardDeviation: Double) -> Double {
        mean + standardDeviation * next()
    }
}
