import Foundation

/// Measures the gate itself on a service: A/A runs (both arms identical) give the false-alarm
/// rate, runs with a known slowdown injected into one arm (`DEMO_EXTRA_WORK_PERCENT`, a
/// busy-spin proportional to the service time) give the power.
public struct Calibration: Sendable {
    /// One calibration case: the slowdown injected into the "instrumented" arm.
    public struct Case: Sendable, Hashable, Codable {
        /// The name, for example `A/A` or `+10 %`.
        public var name: String
        /// The extra service time in percent; 0 for A/A.
        public var slowdownPercent: Double
    }

    /// The outcome of one run.
    public struct Run: Sendable, Codable {
        /// The verdict.
        public var verdict: Verdict
        /// Rounds measured.
        public var rounds: Int
        /// The final ratio and its interval, if a look was reached.
        public var ratio: Double?
        /// The interval's ends.
        public var interval: [Double]?
        /// Wall time to the verdict, in seconds.
        public var wallTime: Double
        /// The standard deviation of the per-round log ratios at the last look, if one was reached.
        public var spread: Double?
    }

    /// All runs of a case.
    public struct CaseResult: Sendable, Codable {
        /// The case.
        public var calibrationCase: Case
        /// Each run.
        public var runs: [Run]

        /// The fraction of runs with `verdict`.
        public func rate(of verdict: Verdict) -> Double { count(of: verdict).proportion }

        /// How many runs ended with `verdict`, with a 95 % Wilson interval of the rate.
        public func count(of verdict: Verdict) -> BinomialInterval {
            BinomialInterval(successes: runs.filter { $0.verdict == verdict }.count, trials: runs.count)
        }

        /// The longest wall time to a verdict, in seconds.
        public var longestWallTime: Double { runs.map(\.wallTime).max() ?? 0 }

        /// The median wall time to a verdict, in seconds.
        public var medianWallTime: Double { Calibration.median(runs.map(\.wallTime)) ?? 0 }
    }

    /// The service and its load (the arms' environments are set per case).
    public var configuration: ServiceWorkload.Configuration
    /// The gate's settings.
    public var settings: OverheadBenchmark.Settings
    /// Runs per case.
    public var runsPerCase: Int
    /// The cases.
    public var cases: [Case]

    /// A calibration of `configuration` with A/A and each of `slowdowns` (in percent).
    public init(configuration: ServiceWorkload.Configuration, settings: OverheadBenchmark.Settings, runsPerCase: Int, slowdowns: [Double] = [3, 10]) {
        self.configuration = configuration
        self.settings = settings
        self.runsPerCase = runsPerCase
        self.cases = [Case(name: "A/A", slowdownPercent: 0)] + slowdowns.map { Case(name: "+\(OverheadBenchmark.format($0)) %", slowdownPercent: $0) }
    }

    /// Runs every case `runsPerCase` times (different seeds), the arrival rate calibrated once.
    /// The cases take turns (A/A, +3 %, +10 %, A/A, …), so that a machine that gets noisier
    /// during the calibration weighs on every case alike.
    public func run(progress: @Sendable (String) -> Void = { _ in }) async throws -> [CaseResult] {
        var base = configuration
        base.instrumentedEnvironment = base.baselineEnvironment
        base.spansPerRequest = 0
        if base.rate == nil, base.closedLoopConcurrency == nil {
            let probe = ServiceWorkload(base)
            progress(try await probe.prepare())
            base.rate = await probe.rate
            await probe.finish()
        }
        var results = cases.map { CaseResult(calibrationCase: $0, runs: []) }
        for index in 0..<runsPerCase {
            for (caseIndex, calibrationCase) in cases.enumerated() {
                try Task.checkCancellation()
                var configuration = base
                configuration.instrumentedEnvironment["DEMO_EXTRA_WORK_PERCENT"] = OverheadBenchmark.format(calibrationCase.slowdownPercent)
                var settings = self.settings
                settings.seed = settings.seed &+ UInt64(index) &* 7919 &+ UInt64(caseIndex) &* 104_729
                let report = try await OverheadBenchmark(settings: settings).run(ServiceWorkload(configuration))
                let run = Run(
                    verdict: report.verdict ?? .inconclusive,
                    rounds: report.rounds.count,
                    ratio: report.finalInterval?.ratio,
                    interval: report.finalInterval.map { [$0.ratioInterval.lowerBound, $0.ratioInterval.upperBound] },
                    wallTime: report.wallTime,
                    spread: report.finalInterval?.standardDeviation
                )
                progress(
                    String(
                        format: "%@ run %d/%d: %@ after %d rounds, ratio %@, spread %@, %.0f s",
                        calibrationCase.name,
                        index + 1,
                        runsPerCase,
                        run.verdict.rawValue,
                        run.rounds,
                        run.ratio.map { String(format: "%.4f", $0) } ?? "-",
                        run.spread.map { String(format: "%.3f", $0) } ?? "-",
                        run.wallTime
                    )
                )
                results[caseIndex].runs.append(run)
            }
        }
        return results
    }

    /// The median of `values` (the mean of the middle two of an even count); `nil` without values.
    static func median(_ values: [Double]) -> Double? {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// A table of the calibration: each verdict's count with a 95 % Wilson interval of its
    /// rate, the ratio the case produced, the per-round spread and the times to a verdict.
    public static func table(_ results: [CaseResult], budget: Double) -> String {
        func column(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        let headers = ["PASS", "FAIL", "INCONCLUSIVE", "INVALID", "median ratio (min…max)", "spread", "time median/max", "rounds"]
        let widths = [18, 18, 18, 18, 26, 8, 17, 8]
        var lines = ["case    " + zip(headers, widths).map { column($0, $1) }.joined()]
        for result in results {
            let ratios = result.runs.compactMap(\.ratio).sorted()
            let ratioText = median(ratios).map { String(format: "%.4f (%.4f…%.4f)", $0, ratios.first!, ratios.last!) } ?? "-"
            let cells = [
                result.count(of: .pass).description, result.count(of: .fail).description,
                result.count(of: .inconclusive).description, result.count(of: .invalid).description,
                ratioText,
                median(result.runs.compactMap(\.spread)).map { String(format: "%.3f", $0) } ?? "-",
                String(format: "%.0f s / %.0f s", result.medianWallTime, result.longestWallTime),
                median(result.runs.map { Double($0.rounds) }).map { OverheadBenchmark.format($0) } ?? "-",
            ]
            lines.append(
                result.calibrationCase.name.padding(toLength: 8, withPad: " ", startingAt: 0) + zip(cells, widths).map { column($0, $1) }.joined()
            )
        }
        lines.append(
            "budget \(OverheadBenchmark.format(budget * 100)) %; counts are runs, with the 95 % Wilson interval of the rate; "
                + "spread is the per-round log ratio's standard deviation (median over runs)"
        )
        if let aa = results.first(where: { $0.calibrationCase.slowdownPercent == 0 }) {
            lines.append("false-alarm rate (A/A runs that FAILed): \(aa.count(of: .fail).description)")
        }
        for result in results where result.calibrationCase.slowdownPercent > 0 {
            let ratio = median(result.runs.compactMap(\.ratio)).map { String(format: "%.3f", $0) } ?? "-"
            lines.append(
                "\(result.calibrationCase.name) injected (median p95 ratio produced \(ratio)): FAILed \(result.count(of: .fail).description)"
            )
        }
        return lines.joined(separator: "\n")
    }
}
