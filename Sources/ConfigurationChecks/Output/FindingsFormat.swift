import Foundation
import HarnessSupport
import StackConfiguration

/// How `otel-harness check` prints a report.
public enum FindingsFormat: String, Sendable, CaseIterable {
    /// `file:line:column: severity: message [rule]` with the fix below, then a summary.
    case text
    /// An array of `{rule, severity, file, line, column, message, fix}`.
    case json
    /// SARIF 2.1.0, for code-scanning tools.
    case sarif

    /// The report in this format.
    public func render(_ report: CheckReport) -> String {
        switch self {
        case .text: Self.text(report)
        case .json: Self.json(report.findings)
        case .sarif: SARIFLog(report: report).rendered
        }
    }

    private static func text(_ report: CheckReport) -> String {
        var lines: [String] = []
        for finding in report.findings {
            lines.append(finding.description)
            lines.append("    fix: \(finding.fix)")
        }
        let counts = [Severity.error, .warning, .info].map { severity -> String in
            let count = report.count(severity)
            return "\(count) \(severity.rawValue)\(count == 1 || severity == .info ? "" : "s")"
        }
        var summary = "\(counts.joined(separator: ", ")) in \(report.checkedFiles.count) file\(report.checkedFiles.count == 1 ? "" : "s")"
        if !report.skippedFiles.isEmpty { summary += " (\(report.skippedFiles.count) other YAML/JSON files skipped)" }
        if !report.suppressed.isEmpty { summary += "; \(report.suppressed.count) suppressed" }
        lines.append(summary)
        return lines.joined(separator: "\n")
    }

    private static func json(_ findings: [Finding]) -> String {
        PrettyJSON.string(findings, fallback: "[]")
    }
}
