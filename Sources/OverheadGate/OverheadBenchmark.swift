import Foundation
import HarnessSupport
import Histogram
import TelemetryModel

/// The overhead gate: rounds of one baseline and one instrumented segment in random order,
/// the per-round log ratio of a latency percentile, and a sequential decision against the
/// budget (see ``SequentialPlan``).
public struct OverheadBenchmark: Sendable {
    /// The gate's settings.
    public struct Settings: Sendable, Hashable, Codable {
        /// The latency percentile compared, for example 0.95.
        public var percentile: Double = 0.95
        /// The budget: how much slower the instrumented percentile may be (0.05 is 5 %).
        public var budget: Double = 0.05
        /// When to decide, and the overall error rate.
        public var plan = SequentialPlan()
        /// The seed of the arms' order within rounds.
        public var seed: UInt64 = 1
        /// Rounds run first and left out of the statistics: the first segments after start-up
        /// (the sink's first connections, cold caches) are slower for reasons that are not the
        /// instrumentation's, and one such outlier widens every interval after it.
        public var warmUpRounds = 1

        /// The defaults: p95, 5 %, looks after 10, 20 and 30 rounds, α = 0.05.
        public init() {}
    }

    /// The settings.
    public var settings: Settings

    /// A gate with `settings`.
    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// Runs rounds on `workload` until the plan decides, and reports; `progress` hears of
    /// each round and look.
    public func run(_ workload: any OverheadWorkload, progress: @Sendable (String) -> Void = { _ in }) async throws -> OverheadReport {
        let clock = ContinuousClock()
        let start = clock.now
        let preparation: String
        do {
            preparation = try await workload.prepare()
        } catch {
            await workload.finish()
            throw error
        }
        progress(preparation)
        for round in 0..<max(0, settings.warmUpRounds) {
            for arm in Arm.allCases {
                do {
                    _ = try await workload.measure(arm)
                } catch {
                    await workload.finish()
                    throw error
                }
            }
            progress("warm-up round \(round + 1) done (not counted)")
        }
        var generator = SplitMix64(seed: settings.seed)
        var report = OverheadReport(settings: settings, workload: await workload.summary, preparation: preparation)
        var histograms: [Arm: Histogram<UInt64>] = [:]
        var logRatios: [Double] = []

        rounds: for round in 1...max(1, settings.plan.maximumRounds) {
            if Task.isCancelled {
                report.finish(.invalid, reason: "interrupted after \(logRatios.count) rounds")
                break
            }
            let order = Arm.allCases.shuffled(using: &generator)
            var percentiles: [Arm: Double] = [:]
            for arm in order {
                let segment: SegmentMeasurement
                do {
                    segment = try await workload.measure(arm)
                } catch {
                    let cause = Task.isCancelled ? "interrupted" : "\(error)"
                    report.finish(.invalid, reason: "round \(round), \(arm.rawValue): \(cause)")
                    break rounds
                }
                if let invalidity = segment.invalidity {
                    report.finish(.invalid, reason: "round \(round), \(arm.rawValue): \(invalidity)")
                    break rounds
                }
                let failed = segment.failures.values.reduce(0, +)
                if failed > 0 || segment.latencies.isEmpty {
                    let causes = segment.failures.sorted { $0.value > $1.value }.map { "\($0.value) × \($0.key)" }.joined(separator: ", ")
                    report.finish(.invalid, reason: "round \(round), \(arm.rawValue): \(failed) of \(segment.attempts) requests failed (\(causes))")
                    break rounds
                }
                var histogram = histograms[arm] ?? Self.emptyHistogram()
                for latency in segment.latencies { _ = histogram.record(UInt64(max(1, (latency * 1e6).rounded()))) }
                histograms[arm] = histogram
                percentiles[arm] = Self.percentile(settings.percentile, of: segment.latencies)
                report.requests[arm.rawValue, default: 0] += segment.attempts
            }
            let baseline = percentiles[.baseline] ?? .nan
            let instrumented = percentiles[.instrumented] ?? .nan
            let logRatio = log(instrumented / baseline)
            logRatios.append(logRatio)
            report.rounds.append(
                .init(round: round, order: order.map(\.rawValue), baseline: baseline, instrumented: instrumented, logRatio: logRatio)
            )
            progress(
                String(
                    format: "round %d (%@): p%g baseline %.3f ms, instrumented %.3f ms, ratio %.4f",
                    round,
                    order.map(\.rawValue).joined(separator: " then "),
                    settings.percentile * 100,
                    baseline * 1e3,
                    instrumented * 1e3,
                    exp(logRatio)
                )
            )

            if let decision = settings.plan.decision(logRatios: logRatios, budget: settings.budget) {
                report.looks.append(.init(decision, rounds: round))
                let look = report.looks[report.looks.count - 1]
                progress(
                    String(
                        format: "look after %d rounds: ratio %.4f, %.1f %% interval %.4f…%.4f: %@",
                        round,
                        look.interval.ratio,
                        look.interval.confidence * 100,
                        look.interval.ratioInterval.lowerBound,
                        look.interval.ratioInterval.upperBound,
                        look.decision
                    )
                )
                switch decision {
                case .pass(let interval):
                    report.finish(.pass, reason: reason(.pass, interval))
                    break rounds
                case .fail(let interval):
                    report.finish(.fail, reason: reason(.fail, interval))
                    break rounds
                case .inconclusive(let interval):
                    report.finish(.inconclusive, reason: reason(.inconclusive, interval))
                    break rounds
                case .continue: continue
                }
            }
        }
        if report.verdict == nil { report.finish(.inconclusive, reason: "the run stopped after \(logRatios.count) rounds, before a decision") }
        await workload.finish()
        for (arm, histogram) in histograms { report.arms[arm.rawValue] = .init(histogram) }
        report.wallTime = Self.seconds(clock.now - start)
        return report
    }

    private func reason(_ verdict: Verdict, _ interval: LogRatioInterval) -> String {
        let range = interval.ratioInterval
        let budget = String(format: "%.4f", 1 + settings.budget)
        let ends = String(format: "%.4f…%.4f", range.lowerBound, range.upperBound)
        let confidence = String(format: "%.1f %%", interval.confidence * 100)
        let p = "p\(Self.format(settings.percentile * 100))"
        switch verdict {
        case .pass: return "the \(p) ratio's \(confidence) interval \(ends) lies below the budget \(budget) after \(interval.count) rounds"
        case .fail: return "the \(p) ratio's \(confidence) interval \(ends) lies above the budget \(budget) after \(interval.count) rounds"
        default:
            return "the \(p) ratio's \(confidence) interval \(ends) still contains the budget \(budget) after \(interval.count) rounds, the last look"
        }
    }

    static func emptyHistogram() -> Histogram<UInt64> {
        // Microseconds, from 1 µs to 100 s, three significant digits.
        Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 100_000_000, numberOfSignificantValueDigits: .three)
    }

    /// The nearest-rank percentile of `values`.
    static func percentile(_ p: Double, of values: [Double]) -> Double {
        values.isEmpty ? .nan : Percentile.nearestRank(p, ofSorted: values.sorted())
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func format(_ value: Double) -> String { String(format: "%g", value) }
}
