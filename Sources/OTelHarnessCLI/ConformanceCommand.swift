import ArgumentParser
import Conformance
import Foundation

/// `otel-harness conformance …`: exporter behaviour and semantic conventions.
struct ConformanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conformance",
        abstract: "Check OTLP exporters' behaviour and telemetry's semantic conventions.",
        subcommands: [SemanticConventions.self]
    )
}

/// `otel-harness conformance semconv FILE…`: recorded telemetry against the semantic conventions.
struct SemanticConventions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "semconv",
        abstract: "Check recorded telemetry (OTLP/JSON, or the JSON lines `receive --file-export` writes) against the semantic conventions.",
        discussion: "Exits 1 when any finding is an error."
    )

    @Argument(help: "OTLP/JSON files: one export request each, or JSON lines of them.")
    var files: [String]

    @Option(help: "Output format: text or json (an array of {rule, severity, subject, message, fix}).")
    var format: Check.Format = .text

    @Option(help: "The most distinct values a metric attribute may take before it is reported as unbounded.")
    var maxDistinctValues: Int = 100

    func validate() throws {
        guard format != .sarif else { throw ValidationError("semconv findings have no file and line: use text or json.") }
        guard maxDistinctValues > 0 else { throw ValidationError("--max-distinct-values must be positive.") }
    }

    func run() throws {
        var recorded = OTLPJSONFile()
        for path in files {
            do {
                let file = try OTLPJSONFile.read(URL(fileURLWithPath: path))
                recorded.traces.resourceSpans += file.traces.resourceSpans
                recorded.metrics.resourceMetrics += file.metrics.resourceMetrics
                recorded.logs.resourceLogs += file.logs.resourceLogs
            } catch {
                throw ValidationError(error.message)
            }
        }
        let findings = SemanticConventionChecker(maximumDistinctValues: maxDistinctValues)
            .check(traces: recorded.traces, metrics: recorded.metrics, logs: recorded.logs)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(findings), as: UTF8.self))
        default:
            for finding in findings { print("\(finding)\n    fix: \(finding.fix)") }
            let errors = findings.filter { $0.severity == .error }.count
            print("\(errors) error\(errors == 1 ? "" : "s"), \(findings.count - errors) other finding\(findings.count - errors == 1 ? "" : "s") in \(recorded.traces.spanCount) spans, \(recorded.metrics.metrics.count) metrics, \(recorded.logs.logRecords.count) log records")
        }
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
