import Foundation

/// Runs a sequential plan on simulated rounds: per-round log ratios drawn from a normal
/// distribution with the mean of a true overhead and a measured spread. It shows what the plan
/// decides, how often and how soon, without hours of benchmarking, and checks that the
/// false-alarm rate stays within α.
public struct PlanSimulation: Sendable {
    /// What the simulated runs decided.
    public struct Outcome: Sendable, Hashable, Codable {
        /// The plan's boundary.
        public var boundary: SequentialBoundary
        /// The true overhead of the simulated rounds (0.10 is 10 %).
        public var trueOverhead: Double
        /// Runs that passed, failed, and stayed inconclusive.
        public var pass: Int, fail: Int, inconclusive: Int
        /// The mean number of rounds to the verdict.
        public var meanRounds: Double

        /// The runs simulated.
        public var runs: Int { pass + fail + inconclusive }
    }

    /// The plan.
    public var plan: SequentialPlan
    /// The budget (0.05 is 5 %).
    public var budget: Double
    /// The standard deviation of the per-round log ratio (about 0.06 measured on the 2-core CI
    /// machine).
    public var spread: Double

    /// A simulation of `plan` against `budget` with rounds of `spread`.
    public init(plan: SequentialPlan, budget: Double, spread: Double) {
        self.plan = plan
        self.budget = budget
        self.spread = spread
    }

    /// `runs` simulated gate runs at `trueOverhead`.
    public func run(trueOverhead: Double, runs: Int, seed: UInt64 = 1) -> Outcome {
        var normal = NormalSampler(seed: seed)
        var outcome = Outcome(boundary: plan.boundary, trueOverhead: trueOverhead, pass: 0, fail: 0, inconclusive: 0, meanRounds: 0)
        let mean = log(1 + trueOverhead)
        var totalRounds = 0
        for _ in 0..<runs {
            var ratios: [Double] = []
            ratios.reserveCapacity(plan.maximumRounds)
            decided: while ratios.count < plan.maximumRounds {
                ratios.append(normal.next(mean: mean, standardDeviation: spread))
                switch plan.decision(logRatios: ratios, budget: budget) {
                case .pass:
                    outcome.pass += 1
                    break decided
                case .fail:
                    outcome.fail += 1
                    break decided
                case .inconclusive:
                    outcome.inconclusive += 1
                    break decided
                case .continue, nil:
                    continue
                }
            }
            totalRounds += ratios.count
        }
        outcome.meanRounds = runs > 0 ? Double(totalRounds) / Double(runs) : 0
        return outcome
    }

    /// The outcomes as a table: one row a boundary and true overhead, each count with its 95 %
    /// Wilson interval.
    public static func table(_ outcomes: [Outcome], budget: Double, spread: Double) -> String {
        var lines = [
            String(format: "simulated runs: per-round log-ratio spread %.3f, budget %.1f %%", spread, budget * 100),
            "boundary         true overhead   "
                + ["PASS", "FAIL", "INCONCLUSIVE"].map { $0.padding(toLength: 29, withPad: " ", startingAt: 0) }.joined() + "mean rounds",
        ]
        func cell(_ count: Int, _ runs: Int) -> String {
            (BinomialInterval(successes: count, trials: runs).description + "  ").padding(toLength: 29, withPad: " ", startingAt: 0)
        }
        for outcome in outcomes {
            lines.append(
                outcome.boundary.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0)
                    + String(format: "%+.1f %%", outcome.trueOverhead * 100).padding(toLength: 16, withPad: " ", startingAt: 0)
                    + cell(outcome.pass, outcome.runs) + cell(outcome.fail, outcome.runs) + cell(outcome.inconclusive, outcome.runs)
                    + String(format: "%.1f", outcome.meanRounds)
            )
        }
        return lines.joined(separator: "\n")
    }
}
