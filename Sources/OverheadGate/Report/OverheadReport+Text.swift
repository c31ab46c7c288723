import Foundation

extension OverheadReport {
    private var percentileLabel: String { "p" + OverheadBenchmark.format(settings.percentile * 100) }

    /// The report for a terminal: per-arm percentiles, the ratio with its interval, the verdict
    /// and why.
    public var terminalTable: String {
        var lines: [String] = []
        lines.append("workload:  \(workload)")
        lines.append("prepared:  \(preparation)")
        lines.append(
            String(
                format: "plan:      %@ against a budget of %.1f %%, looks after %@ rounds, α = %.3g, %@ boundary (looks at %@ %% confidence)",
                percentileLabel,
                settings.budget * 100,
                settings.plan.looks.map(String.init).joined(separator: ", "),
                settings.plan.errorRate,
                settings.plan.boundary.rawValue,
                settings.plan.looks.indices.map { String(format: "%.2f", settings.plan.confidence(atLook: $0) * 100) }.joined(separator: ", ")
            )
        )
        lines.append("")
        func column(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        lines.append("arm           " + column("requests", 10) + ["p50", "p95", "p99", "max"].map { column($0, 12) }.joined())
        for arm in Arm.allCases {
            guard let summary = arms[arm.rawValue] else { continue }
            lines.append(
                arm.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0) + column("\(requests[arm.rawValue] ?? 0)", 10)
                    + [summary.p50, summary.p95, summary.p99, summary.max].map { column(ms($0), 12) }.joined()
            )
        }
        lines.append("")
        if let interval = finalInterval {
            lines.append(
                String(
                    format: "%@ ratio (instrumented / baseline, mean of %d rounds' log ratios): %.4f, %.2f %% interval %.4f … %.4f, budget %.4f",
                    percentileLabel,
                    interval.count,
                    interval.ratio,
                    interval.confidence * 100,
                    interval.ratioInterval.lowerBound,
                    interval.ratioInterval.upperBound,
                    1 + settings.budget
                )
            )
            lines.append(
                String(
                    format:
                        "spread:    per-round log ratio sd %.4f (`otel-harness bench simulate --spread %.3f` shows what each boundary decides at it)",
                    interval.standardDeviation,
                    interval.standardDeviation
                )
            )
            if let diagnostics = roundDiagnostics { lines.append("rounds:    \(diagnostics)") }
        } else {
            lines.append("\(rounds.count) rounds measured; no look reached")
        }
        lines.append("verdict:   \(verdict?.rawValue ?? "NONE") — \(reason)")
        lines.append(String(format: "wall time: %.1f s", wallTime))
        return lines.joined(separator: "\n")
    }

    /// The report as Markdown, for a CI step summary.
    public var markdown: String {
        var text = "### Overhead gate: **\(verdict?.rawValue ?? "NONE")**\n\n\(reason).\n\n"
        text += "| arm | requests | p50 | p95 | p99 | max |\n|---|---:|---:|---:|---:|---:|\n"
        for arm in Arm.allCases {
            guard let summary = arms[arm.rawValue] else { continue }
            text +=
                "| \(arm.rawValue) | \(requests[arm.rawValue] ?? 0) | \(ms(summary.p50)) | \(ms(summary.p95)) | \(ms(summary.p99)) | \(ms(summary.max)) |\n"
        }
        if let interval = finalInterval {
            text += String(
                format: "\n%@ ratio %.4f, %.2f %% interval %.4f … %.4f after %d rounds; budget %.4f.\n",
                percentileLabel,
                interval.ratio,
                interval.confidence * 100,
                interval.ratioInterval.lowerBound,
                interval.ratioInterval.upperBound,
                interval.count,
                1 + settings.budget
            )
        }
        text += "\n<details><summary>Looks and settings</summary>\n\n"
        text += "| after rounds | ratio | interval | decision |\n|---:|---:|---|---|\n"
        for look in looks {
            text += String(
                format: "| %d | %.4f | %.4f … %.4f | %@ |\n",
                look.rounds,
                look.interval.ratio,
                look.interval.ratioInterval.lowerBound,
                look.interval.ratioInterval.upperBound,
                look.decision
            )
        }
        if let interval = finalInterval {
            text += String(format: "\nPer-round log ratio spread %.4f", interval.standardDeviation)
            text += roundDiagnostics.map { "; \($0)" } ?? ""
            text += ".\n"
        }
        text += "\nWorkload: \(workload). \(preparation). Wall time \(String(format: "%.0f", wallTime)) s.\n\n</details>\n"
        return text
    }

    /// What the rounds say about the interval's assumptions, in words; `nil` with too few rounds.
    private var roundDiagnostics: String? {
        RoundDiagnostics(logRatios: rounds.map(\.logRatio)).map { diagnostics in
            String(
                format: "lag-1 autocorrelation %.2f (%@ with independent rounds: |r| ≤ %.2f), skewness %.2f, excess kurtosis %.2f",
                diagnostics.lag1Autocorrelation,
                diagnostics.looksIndependent ? "consistent" : "NOT consistent",
                diagnostics.independenceBound,
                diagnostics.skewness,
                diagnostics.excessKurtosis
            )
        }
    }

    private func ms(_ seconds: Double) -> String { String(format: "%.3f ms", seconds * 1e3) }
}
