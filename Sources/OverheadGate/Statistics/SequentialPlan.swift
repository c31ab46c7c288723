import Foundation

/// When the gate looks at the rounds so far and decides, and with what error rate each time.
///
/// Group-sequential with a Bonferroni split: with K looks and an overall error rate α, each
/// look uses a two-sided interval at confidence 1 − α/K, so that the chance of any wrong
/// decision over all looks stays at most α. At each look: FAIL when the whole interval lies
/// above the budget, PASS when it lies below, otherwise continue; INCONCLUSIVE at the last look.
public struct SequentialPlan: Sendable, Hashable, Codable {
    /// The round counts at which to decide, ascending, for example `[10, 20, 30]`.
    public var looks: [Int]
    /// The overall error rate α across all looks.
    public var errorRate: Double

    /// A plan deciding after each of `looks` rounds with overall error rate `errorRate`.
    public init(looks: [Int] = [10, 20, 30], errorRate: Double = 0.05) {
        self.looks = looks.sorted()
        self.errorRate = errorRate
    }

    /// The confidence level of each look's interval.
    public var confidencePerLook: Double { 1 - errorRate / Double(max(1, looks.count)) }

    /// The most rounds the plan runs.
    public var maximumRounds: Int { looks.last ?? 0 }

    /// What the rounds so far say, when `rounds` is one of the looks; `nil` otherwise.
    public func decision(logRatios: [Double], budget: Double) -> Decision? {
        guard looks.contains(logRatios.count), let interval = LogRatioInterval(logRatios: logRatios, confidence: confidencePerLook) else {
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
