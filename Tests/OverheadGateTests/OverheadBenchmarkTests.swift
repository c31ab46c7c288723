import Foundation
import Testing

@testable import OverheadGate

/// A workload with known latencies: baseline around 1 ms, instrumented `factor` times it,
/// each segment shifted by a random drift common to... nothing: drift per segment, as a noisy
/// machine gives.
actor SyntheticWorkload: OverheadWorkload {
    let factor: Double
    let drift: Double
    var normal: Normal
    var invalidAfter: Int?
    var segments = 0
    var orders: [Arm] = []

    init(factor: Double, drift: Double = 0.02, seed: UInt64 = 9, invalidAfter: Int? = nil) {
        self.factor = factor
        self.drift = drift
        self.normal = Normal(seed: seed)
        self.invalidAfter = invalidAfter
    }

    var summary: String { "synthetic, factor \(factor)" }
    func prepare() async throws -> String { "nothing to prepare" }
    func finish() async {}

    func measure(_ arm: Arm) async throws -> SegmentMeasurement {
        segments += 1
        orders.append(arm)
        let scale = exp(normal.next(standardDeviation: drift)) * (arm == .instrumented ? factor : 1)
        let latencies = (0..<400).map { _ in 0.001 * scale * exp(normal.next(standardDeviation: 0.3)) }
        var segment = SegmentMeasurement(latencies: latencies, attempts: latencies.count)
        if let invalidAfter, segments > invalidAfter { segment.invalidity = "the sink received 10 spans, fewer than 1600" }
        return segment
    }
}

@Suite("Overhead gate on synthetic workloads")
struct OverheadBenchmarkTests {
    @Test("no overhead passes at the first look")
    func passes() async throws {
        let report = try await OverheadBenchmark().run(SyntheticWorkload(factor: 1.0, drift: 0.01))
        #expect(report.verdict == .pass, "\(report.reason)")
        #expect(report.rounds.count == 10)
        #expect(report.reason.contains("lies below the budget 1.0500 after 10 rounds"))
        #expect(report.arms["baseline"]?.count == 4_000)  // 10 rounds; the warm-up round is not counted
    }

    @Test("15 % overhead fails, and the arms' order is random within rounds")
    func fails() async throws {
        let workload = SyntheticWorkload(factor: 1.15)
        let report = try await OverheadBenchmark().run(workload)
        #expect(report.verdict == .fail, "\(report.reason)")
        #expect(Verdict.fail.exitCode == 1)
        let orders = Set(report.rounds.map(\.order))
        #expect(orders == [["baseline", "instrumented"], ["instrumented", "baseline"]])
        #expect(report.finalInterval?.ratioInterval.contains(1.15) == true, "\(String(describing: report.finalInterval))")
    }

    @Test("overhead at the budget with noise runs every look and ends inconclusive")
    func inconclusive() async throws {
        let report = try await OverheadBenchmark().run(SyntheticWorkload(factor: 1.05, drift: 0.05))
        #expect(report.verdict == .inconclusive, "\(report.reason)")
        #expect(report.rounds.count == 30)
        #expect(report.looks.map(\.decision) == ["continue", "continue", "inconclusive"])
        #expect(Verdict.inconclusive.exitCode == 2)
    }

    @Test("dropped telemetry makes the run invalid at once, naming the segment")
    func invalid() async throws {
        let report = try await OverheadBenchmark().run(SyntheticWorkload(factor: 1.0, invalidAfter: 5))
        #expect(report.verdict == .invalid)
        #expect(report.reason.hasPrefix("round 2, "))  // segments 1–2: the warm-up round
        #expect(report.reason.contains("the sink received 10 spans, fewer than 1600"))
        #expect(Verdict.invalid.exitCode == 3)
    }

    @Test("the reports: JSON decodes, Markdown and the table state the verdict, the SVG has both panels")
    func reports() async throws {
        let report = try await OverheadBenchmark().run(SyntheticWorkload(factor: 1.15))
        let decoded = try JSONDecoder().decode(OverheadReport.self, from: Data(report.json.utf8))
        #expect(decoded.verdict == .fail)
        #expect(decoded.rounds.count == report.rounds.count)
        #expect(report.markdown.hasPrefix("### Overhead gate: **FAIL**"))
        #expect(report.terminalTable.contains("verdict:   FAIL — the p95 ratio's 98.3 % interval"))
        #expect(report.terminalTable.contains("instrumented"))
        // The synthetic rounds are independent draws: the diagnostics say so, in both reports.
        #expect(report.terminalTable.contains("rounds:    lag-1 autocorrelation"))
        #expect(report.terminalTable.contains("consistent with independent rounds"))
        #expect(report.markdown.contains("Per-round log ratio spread"))
        let svg = report.svg
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.components(separatedBy: "<polyline").count == 3)
        #expect(svg.components(separatedBy: "<circle").count == report.rounds.count + 1)
        #expect(svg.contains("budget 1.050"))
    }
}
