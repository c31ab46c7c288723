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
    }

    /// All runs of a case.
    public struct CaseResult: Sendable, Codable {
        /// The case.
        public var calibrationCase: Case
        /// Each run.
        public var runs: [Run]

        /// The fraction of runs with `verdict`.
        public func rate(of verdict: Verdict) -> Double {
            runs.isEmpty ? 0 : Double(runs.filter { $0.verdict == verdict }.count) / Double(runs.count)
        }

        /// The median wall time to a verdict, in seconds.
        public var medianWallTime: Double {
            let times = runs.map(\.wallTime).sorted()
            guard !times.isEmpty else { return 0 }
            return times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        }
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
        var results: [CaseResult] = []
        for calibrationCase in cases {
            var result = CaseResult(calibrationCase: calibrationCase, runs: [])
            for index in 0..<runsPerCase {
                var configuration = base
                configuration.instrumentedEnvironment["DEMO_EXTRA_WORK_PERCENT"] = OverheadBenchmark.format(calibrationCase.slowdownPercent)
                var settings = self.settings
                settings.seed = settings.seed &+ UInt64(index) &* 7919 &+ UInt64(results.count) &* 104_729
                let report = try await OverheadBenchmark(settings: settings).run(ServiceWorkload(configuration))
                let run = Run(
                    verdict: report.verdict ?? .inconclusive,
                    rounds: report.rounds.count,
                    ratio: report.finalInterval?.ratio,
                    interval: report.finalInterval.map { [$0.ratioInterval.lowerBound, $0.ratioInterval.upperBound] },
                    wallTime: report.wallTime
                )
                progress(
                    String(
                        format: "%@ run %d/%d: %@ after %d rounds, ratio %@, %.0f s",
                        calibrationCase.name,
                        index + 1,
                        runsPerCase,
                        run.verdict.rawValue,
                        run.rounds,
                        run.ratio.map { String(format: "%.4f", $0) } ?? "-",
                        run.wallTime
                    )
                )
                result.runs.append(run)
            }
            results.append(result)
        }
        return results
    }

    /// A table of the calibration: verdict counts, false-alarm rate, power, intervals, times.
    public static func table(_ results: [CaseResult], budget: Double) -> String {
        func column(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        var lines = [
            "case    "
                + ["runs", "PASS", "FAIL", "INCONCL", "INVALID", "median ratio", "ratios (min…max)", "median time", "median rounds"]
                .map { column($0, $0.count + 2) }.joined()
        ]
        for result in results {
            let ratios = result.runs.compactMap(\.ratio).sorted()
            let rounds = result.runs.map(\.rounds).sorted()
            func count(_ verdict: Verdict) -> Int { result.runs.filter { $0.verdict == verdict }.count }
            let cells = [
                column("\(result.runs.count)", 6), column("\(count(.pass))", 6), column("\(count(.fail))", 6),
                column("\(count(.inconclusive))", 9), column("\(count(.invalid))", 9),
                column(ratios.isEmpty ? "-" : String(format: "%.4f", ratios[ratios.count / 2]), 14),
                column(ratios.isEmpty ? "-" : String(format: "%.4f…%.4f", ratios.first!, ratios.last!), 18),
                column(String(format: "%.0f s", result.medianWallTime), 13),
                column("\(rounds.isEmpty ? 0 : rounds[rounds.count / 2])", 15),
            ]
            lines.append(result.calibrationCase.name.padding(toLength: 8, withPad: " ", startingAt: 0) + cells.joined())
        }
        if let aa = results.first(where: { $0.calibrationCase.slowdownPercent == 0 }) {
            lines.append(String(format: "false-alarm rate (A/A runs that FAILed): %.0f %%", aa.rate(of: .fail) * 100))
        }
        for result in results where result.calibrationCase.slowdownPercent > budget * 100 {
            lines.append(String(format: "power at %@ (runs that FAILed): %.0f %%", result.calibrationCase.name, result.rate(of: .fail) * 100))
        }
        return lines.joined(separator: "\n")
    }
}
