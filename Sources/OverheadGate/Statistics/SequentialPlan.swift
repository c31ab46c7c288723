import Foundation
import HarnessSupport

/// When the gate looks at the rounds so far and decides, and with what error rate each time.
///
/// Group-sequential: with K looks and an overall error rate α, each look compares the
/// standardized mean log ratio with a critical value chosen by the ``SequentialBoundary`` so
/// that the chance of any wrong decision over all looks stays at most α (α/2 for a FAIL when the
/// overhead is within budget, α/2 for a PASS when it is not). At each look: FAIL when the whole
/// interval lies above the budget, PASS when it lies below, otherwise continue; INCONCLUSIVE at
/// the last look. The interval of look k is the t interval at the confidence its critical value
/// gives (``confidence(atLook:)``).
public struct SequentialPlan: Sendable, Hashable, Codable {
    /// The round counts at which to decide, ascending, for example `[10, 20, 30]`.
    public var looks: [Int]
    /// The overall error rate α across all looks.
    public var errorRate: Double
    /// How α is spent over the looks.
    public var boundary: SequentialBoundary
    /// The critical value of each look's t statistic.
    public private(set) var criticalValues: [Double]
    /// The two-sided confidence of each look's interval.
    public private(set) var confidences: [Double]

    /// A plan deciding after each of `looks` rounds with overall error rate `errorRate`, spent
    /// by `boundary` (Bonferroni by default).
    public init(looks: [Int] = [10, 20, 30], errorRate: Double = 0.05, boundary: SequentialBoundary = .bonferroni) {
        self.looks = looks.sorted()
        self.errorRate = errorRate
        self.boundary = boundary
        let criticalValues = boundary.criticalValues(looks: self.looks, errorRate: errorRate)
        self.criticalValues = criticalValues
        self.confidences = zip(self.looks, criticalValues).map { look, critical in
            2 * StudentT.cdf(critical, degreesOfFreedom: Double(max(1, look - 1))) - 1
        }
    }

    private enum CodingKeys: String, CodingKey {
        case looks, errorRate, boundary, criticalValues, confidences
    }

    /// Decodes a plan; one written before boundaries existed is a Bonferroni plan.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            looks: try container.decode([Int].self, forKey: .looks),
            errorRate: try container.decode(Double.self, forKey: .errorRate),
            boundary: try container.decodeIfPresent(SequentialBoundary.self, forKey: .boundary) ?? .bonferroni
        )
    }

    /// The two-sided confidence of each look's interval under the Bonferroni boundary,
    /// 1 − α/K.
    public var confidencePerLook: Double { 1 - errorRate / Double(max(1, looks.count)) }

    /// The two-sided confidence of the interval at look `index` (0-based), whose half-width is
    /// the look's critical value times the standard error.
    public func confidence(atLook index: Int) -> Double {
        confidences.indices.contains(index) ? confidences[index] : confidencePerLook
    }

    /// The most rounds the plan runs.
    public var maximumRounds: Int { looks.last ?? 0 }

    /// What the rounds so far say, when `rounds` is one of the looks; `nil` otherwise.
    public func decision(logRatios: [Double], budget: Double) -> Decision? {
        guard let index = looks.firstIndex(of: logRatios.count),
            let interval = LogRatioInterval(logRatios: logRatios, critical: criticalValues[index], confidence: confidences[index])
        else {
            return nil
        }
        let logBudget = log(1 + budget)
        if interval.lower > logBudget { return .fail(interval) }
        if interval.upper < logBudget { return .pass(interval) }
        return logRatios.count >= maximumRounds ? .inconclusive(interval) : .continue(interval)
    }

    /// A look's outcome.
    public enum Decision: Sendable, Hashable {
        /// The interval lies below the budget.
        case pass(LogRatioInterval)
        /// The interval lies above the budget.
        case fail(LogRatioInterval)
        /// The interval contains the budget and there are looks left.
        case `continue`(LogRatioInterval)
        /// The interval contains the budget at the last look.
        case inconclusive(LogRatioInterval)
    }
}
