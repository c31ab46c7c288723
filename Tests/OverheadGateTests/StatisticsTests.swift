import Foundation
import HarnessSupport
import TelemetryModel
import Testing

@testable import OverheadGate

/// A seeded normal generator for the tests (Box–Muller over SplitMix64, one draw per pair:
/// the synthetic workloads' expectations were set with these sequences).
struct Normal {
    var generator: SplitMix64
    init(seed: UInt64) { generator = SplitMix64(seed: seed) }
    mutating func next(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        let u1 = max(Double(generator.next() >> 11) / Double(1 << 53), 1e-300)
        let u2 = Double(generator.next() >> 11) / Double(1 << 53)
        return mean + standardDeviation * (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}

@Suite("Student's t")
struct StudentTTests {
    @Test(
        "quantiles match the tables",
        arguments: [
            (0.975, 10.0, 2.228139), (0.975, 29.0, 2.045230), (0.995, 5.0, 4.032143), (0.95, 1.0, 6.313752), (0.99583, 9.0, 3.5),
        ]
    )
    func quantiles(probability: Double, degreesOfFreedom: Double, expected: Double) {
        if probability == 0.99583 {
            // Round trip instead of a table value.
            #expect(
                abs(
                    StudentT.cdf(StudentT.quantile(probability, degreesOfFreedom: degreesOfFreedom), degreesOfFreedom: degreesOfFreedom) - probability
                ) < 1e-9
            )
        } else {
            #expect(abs(StudentT.quantile(probability, degreesOfFreedom: degreesOfFreedom) - expected) < 1e-5)
        }
    }

    @Test("the CDF is symmetric around 0")
    func symmetry() {
        #expect(StudentT.cdf(0, degreesOfFreedom: 7) == 0.5)
        #expect(abs(StudentT.cdf(-1.3, degreesOfFreedom: 7) + StudentT.cdf(1.3, degreesOfFreedom: 7) - 1) < 1e-12)
        #expect(StudentT.quantile(0.025, degreesOfFreedom: 10) == -StudentT.quantile(0.975, degreesOfFreedom: 10))
    }
}

@Suite("Log-ratio intervals")
struct LogRatioIntervalTests {
    @Test("a 95 % interval covers the true mean in about 95 % of 4,000 samples of 10")
    func coverage() {
        var normal = Normal(seed: 42)
        var covered = 0
        let trials = 4_000
        for _ in 0..<trials {
            let sample = (0..<10).map { _ in normal.next(mean: 0.03, standardDeviation: 0.05) }
            let interval = LogRatioInterval(logRatios: sample, confidence: 0.95)!
            if interval.lower <= 0.03 && 0.03 <= interval.upper { covered += 1 }
        }
        let rate = Double(covered) / Double(trials)
        #expect(rate > 0.935 && rate < 0.965, "coverage \(rate)")
    }

    @Test("known values: mean, standard deviation, ends")
    func known() throws {
        let interval = try #require(LogRatioInterval(logRatios: [0.1, 0.2, 0.3], confidence: 0.95))
        #expect(abs(interval.mean - 0.2) < 1e-12)
        #expect(abs(interval.standardDeviation - 0.1) < 1e-12)
        // t(0.975, 2) = 4.302653; half-width 4.302653 × 0.1 / √3.
        #expect(abs(interval.upper - (0.2 + 4.302653 * 0.1 / 3.0.squareRoot())) < 1e-6)
        #expect(LogRatioInterval(logRatios: [0.1], confidence: 0.95) == nil)
    }
}

@Suite("Sequential plan")
struct SequentialPlanTests {
    let plan = SequentialPlan(looks: [10, 20, 30], errorRate: 0.05)

    func ratios(_ n: Int, mean: Double, sd: Double, seed: UInt64) -> [Double] {
        var normal = Normal(seed: seed)
        return (0..<n).map { _ in normal.next(mean: mean, standardDeviation: sd) }
    }

    @Test("each look uses confidence 1 − α/K")
    func confidence() {
        #expect(abs(plan.confidencePerLook - (1 - 0.05 / 3)) < 1e-12)
    }

    @Test("no decision between looks")
    func betweenLooks() {
        #expect(plan.decision(logRatios: ratios(9, mean: 0, sd: 0.01, seed: 1), budget: 0.05) == nil)
        #expect(plan.decision(logRatios: ratios(11, mean: 0, sd: 0.01, seed: 1), budget: 0.05) == nil)
    }

    @Test("well below the budget passes, well above fails, at the first look")
    func clearCases() {
        guard case .pass = plan.decision(logRatios: ratios(10, mean: log(1.01), sd: 0.02, seed: 2), budget: 0.05) else {
            Issue.record("1 % overhead did not pass")
            return
        }
        guard case .fail = plan.decision(logRatios: ratios(10, mean: log(1.10), sd: 0.02, seed: 3), budget: 0.05) else {
            Issue.record("10 % overhead did not fail")
            return
        }
    }

    @Test("at the budget: continue at the early looks, inconclusive at the last")
    func atBudget() {
        let sample = ratios(30, mean: log(1.05), sd: 0.03, seed: 4)
        guard case .continue = plan.decision(logRatios: Array(sample.prefix(10)), budget: 0.05),
            case .continue = plan.decision(logRatios: Array(sample.prefix(20)), budget: 0.05),
            case .inconclusive = plan.decision(logRatios: sample, budget: 0.05)
        else {
            Issue.record("a ratio at the budget was decided")
            return
        }
    }

    @Test("A/A: over 2,000 simulated runs the plan never fails and rarely stays undecided")
    func falseAlarms() {
        var fails = 0
        var passes = 0
        for seed in 0..<2_000 {
            let sample = ratios(30, mean: 0, sd: 0.04, seed: UInt64(seed) + 100)
            for look in plan.looks {
                switch plan.decision(logRatios: Array(sample.prefix(look)), budget: 0.05) {
                case .fail: fails += 1
                case .pass: passes += 1
                default: continue
                }
                break
            }
        }
        #expect(fails == 0)
        #expect(passes > 1_900, "\(passes) of 2,000 passed")
    }
}

@Suite("Sequential boundaries")
struct SequentialBoundaryTests {
    @Test("Bonferroni keeps its t quantiles; Pocock is flat; O'Brien–Fleming falls, ending below Bonferroni's last value")
    func shapes() {
        let looks = [10, 20, 30]
        let bonferroni = SequentialPlan(looks: looks, errorRate: 0.05)
        #expect(abs(bonferroni.confidence(atLook: 1) - (1 - 0.05 / 3)) < 1e-9)
        let pocock = SequentialPlan(looks: looks, errorRate: 0.05, boundary: .pocock)
        #expect(Set(pocock.criticalValues.map { ($0 * 1e9).rounded() }).count == 1)
        let obf = SequentialPlan(looks: looks, errorRate: 0.05, boundary: .obrienFleming)
        #expect(obf.criticalValues == obf.criticalValues.sorted(by: >))
        #expect(obf.criticalValues[2] < bonferroni.criticalValues[2])
        // The last look of O'Brien–Fleming sits near the fixed-sample t quantile t(0.975, 29) = 2.045.
        #expect(obf.criticalValues[2] > 2.0 && obf.criticalValues[2] < 2.2, "\(obf.criticalValues)")
    }

    @Test("at the budget, every boundary fails at most α/2 of the runs, and passes at most α/2", arguments: SequentialBoundary.allCases)
    func errorRate(_ boundary: SequentialBoundary) {
        // Another seed than the boundary's own calibration; 4,000 runs: ±0.7 % at 2 standard errors.
        let plan = SequentialPlan(looks: [10, 20, 30], errorRate: 0.05, boundary: boundary)
        let outcome = PlanSimulation(plan: plan, budget: 0.05, spread: 0.06).run(trueOverhead: 0.05, runs: 4_000, seed: 77)
        #expect(Double(outcome.fail) / 4_000 < 0.025 + 0.007, "\(outcome)")
        #expect(Double(outcome.pass) / 4_000 < 0.025 + 0.007, "\(outcome)")
    }

    @Test("with the measured spread, O'Brien–Fleming catches a 10 % slowdown more often than Bonferroni and never fails an A/A run")
    func power() {
        func outcome(_ boundary: SequentialBoundary, _ overhead: Double) -> PlanSimulation.Outcome {
            let plan = SequentialPlan(looks: [10, 20, 30], errorRate: 0.05, boundary: boundary)
            return PlanSimulation(plan: plan, budget: 0.05, spread: 0.06).run(trueOverhead: overhead, runs: 2_000, seed: 5)
        }
        #expect(outcome(.obrienFleming, 0.10).fail > outcome(.bonferroni, 0.10).fail)
        #expect(outcome(.obrienFleming, 0).fail == 0)
    }

    @Test("a plan written before boundaries existed decodes as Bonferroni")
    func decodesOldPlans() throws {
        let plan = try JSONDecoder().decode(SequentialPlan.self, from: Data(#"{"looks": [10, 20, 30], "errorRate": 0.05}"#.utf8))
        #expect(plan == SequentialPlan(looks: [10, 20, 30], errorRate: 0.05))
    }

    @Test("Wilson intervals: 9 of 10 is 60–98 %, 0 of 10 up to 28 %")
    func wilson() {
        let nine = BinomialInterval(successes: 9, trials: 10)
        #expect(abs(nine.lower - 0.596) < 0.001 && abs(nine.upper - 0.982) < 0.001, "\(nine)")
        #expect(BinomialInterval(successes: 0, trials: 10).upper > 0.27 && BinomialInterval(successes: 0, trials: 10).upper < 0.28)
    }
}

@Suite("The rounds' diagnostics")
struct RoundDiagnosticsTests {
    @Test("independent normal rounds: small lag-1 autocorrelation, skewness and excess kurtosis near 0")
    func independentNormal() throws {
        var normal = Normal(seed: 11)
        let rounds = (0..<1000).map { _ in normal.next(mean: 0.01, standardDeviation: 0.06) }
        let diagnostics = try #require(RoundDiagnostics(logRatios: rounds))
        #expect(diagnostics.looksIndependent, "lag-1 \(diagnostics.lag1Autocorrelation)")
        #expect(abs(diagnostics.skewness) < 0.3 && abs(diagnostics.excessKurtosis) < 0.6, "\(diagnostics)")
    }

    @Test("rounds that drift, or alternate, are flagged as not independent")
    func dependentRounds() throws {
        let drifting = (0..<30).map { Double($0) * 0.002 }
        let alternating = (0..<30).map { $0.isMultiple(of: 2) ? 0.05 : -0.05 }
        #expect(try #require(RoundDiagnostics(logRatios: drifting)).lag1Autocorrelation > 0.8)
        #expect(try #require(RoundDiagnostics(logRatios: alternating)).lag1Autocorrelation < -0.9)
        #expect(try !#require(RoundDiagnostics(logRatios: alternating)).looksIndependent)
    }

    @Test("a right-skewed sample has positive skewness; too few or constant rounds have no diagnostics")
    func skewAndEdges() throws {
        let skewed = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.3]
        #expect(try #require(RoundDiagnostics(logRatios: skewed)).skewness > 2)
        #expect(RoundDiagnostics(logRatios: [0.1, 0.2]) == nil)
        #expect(RoundDiagnostics(logRatios: [0.1, 0.1, 0.1]) == nil)
    }
}

@Suite("The calibration table")
struct CalibrationTableTests {
    static func run(_ verdict: Verdict, ratio: Double, seconds: Double) -> Calibration.Run {
        Calibration.Run(verdict: verdict, rounds: 20, ratio: ratio, interval: nil, wallTime: seconds, spread: 0.05)
    }

    @Test("counts carry Wilson intervals; the ratio produced, the median and the longest time are shown")
    func table() {
        let aa = Calibration.CaseResult(
            calibrationCase: .init(name: "A/A", slowdownPercent: 0),
            runs: Array(repeating: Self.run(.pass, ratio: 1.0, seconds: 100), count: 9) + [Self.run(.inconclusive, ratio: 1.04, seconds: 330)]
        )
        let slow = Calibration.CaseResult(
            calibrationCase: .init(name: "+15 %", slowdownPercent: 15),
            runs: (0..<10).map { Self.run(.fail, ratio: 1.09 + Double($0) * 0.002, seconds: 60) }
        )
        let table = Calibration.table([aa, slow], budget: 0.05)
        #expect(table.contains("9/10 (60–98 %)"), "\(table)")
        #expect(table.contains("0/10 (0–28 %)"))
        #expect(table.contains("100 s / 330 s"))
        #expect(table.contains("+15 % injected (median p95 ratio produced 1.099): FAILed 10/10 (72–100 %)"), "\(table)")
        #expect(aa.count(of: .pass).successes == 9 && aa.longestWallTime == 330)
    }
}
