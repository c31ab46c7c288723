import ArgumentParser
import ExporterConformance
import Foundation
import HarnessSupport
import SemanticConventionChecks
import TelemetryExposition

/// `otel-harness conformance …`: exporter behaviour and semantic conventions.
struct ConformanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conformance",
        abstract: "Check OTLP exporters' behaviour and telemetry's semantic conventions.",
        subcommands: [ExporterBattery.self, SemanticConventions.self]
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
                recorded.append(try OTLPJSONFile.read(URL(fileURLWithPath: path)))
            } catch {
                throw ValidationError(error.message)
            }
        }
        let findings = SemanticConventionChecker(maximumDistinctValues: maxDistinctValues)
            .check(traces: recorded.traces, metrics: recorded.metrics, logs: recorded.logs)
        switch format {
        case .json:
            print(PrettyJSON.string(findings, fallback: "[]"))
        default:
            for finding in findings { print("\(finding)\n    fix: \(finding.fix)") }
            let errors = findings.filter { $0.severity == .error }.count
            print(
                "\(errors) error\(errors == 1 ? "" : "s"), \(findings.count - errors) other finding\(findings.count - errors == 1 ? "" : "s") in \(recorded.traces.spanCount) spans, \(recorded.metrics.metrics.count) metrics, \(recorded.logs.logRecords.count) log records"
            )
        }
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}

/// `otel-harness conformance exporter`: OTLP exporters through the battery, against the fake receiver.
struct ExporterBattery: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exporter",
        abstract: "Run OTLP trace exporters through the conformance battery and print the compliance matrix.",
        discussion: """
            Each exporter is a command that emits N spans through its OTLP trace exporter, shuts \
            it down and exits; it is configured only by the standard OTEL_EXPORTER_OTLP_* variables \
            (its own OTEL_* environment is removed). In the command, {protocol} and {spans} are \
            replaced. Every case runs against a fresh fake receiver on 127.0.0.1. Exits 1 when any \
            case fails or cannot run.
            """
    )

    @Option(
        name: .customLong("exporter"),
        help:
            "NAME=COMMAND, the command split on spaces (repeatable), e.g. python=.venv/bin/python scripts/exporter_probe.py --protocol {protocol} --spans {spans}"
    )
    var exporters: [String] = []

    @Option(
        name: .customLong("protocol"),
        help: "The transports to run each exporter with: grpc, http/protobuf, http/json (repeatable; default all three)."
    )
    var protocols: [String] = []

    @Option(name: .customLong("only"), help: "Run only this case (repeatable).")
    var only: [String] = []

    @Option(help: "How many cases run at once.")
    var concurrency: Int = 4

    @Option(help: "Write the matrix as Markdown here.")
    var markdown: String?

    @Option(help: "Write the matrix as JSON here.")
    var json: String?

    @Flag(help: "List the cases and exit.")
    var list = false

    func validate() throws {
        guard list || !exporters.isEmpty else { throw ValidationError("Name at least one --exporter NAME=COMMAND.") }
        for exporter in exporters where !exporter.contains("=") { throw ValidationError("--exporter \(exporter) is not NAME=COMMAND.") }
        for name in protocols where OTLPTransport(rawValue: name) == nil {
            throw ValidationError("--protocol \(name) is not grpc, http/protobuf or http/json.")
        }
        let known = Set(ExporterCases.all.map(\.id))
        for id in only where !known.contains(id) { throw ValidationError("--only \(id) is not a case; --list shows them.") }
        guard concurrency > 0 else { throw ValidationError("--concurrency must be positive.") }
    }

    func run() async throws {
        if list {
            for exporterCase in ExporterCases.all {
                print("\(exporterCase.id) [\(exporterCase.transports.map(\.rawValue).sorted().joined(separator: ", "))]: \(exporterCase.requirement)")
            }
            return
        }
        let transports = protocols.isEmpty ? OTLPTransport.allCases : protocols.compactMap(OTLPTransport.init(rawValue:))
        let underTest = exporters.flatMap { text -> [ExporterUnderTest] in
            let name = String(text.prefix { $0 != "=" })
            let words = text.dropFirst(name.count + 1).split(separator: " ").map(String.init)
            return transports.map { ExporterUnderTest.command(name, transport: $0, arguments: words) }
        }
        let cases = only.isEmpty ? ExporterCases.all : ExporterCases.all.filter { only.contains($0.id) }
        let matrix = await ExporterConformance(cases: cases, concurrency: concurrency).run(underTest) { caseID, column, verdict in
            print("\(verdict.mark) \(caseID) on \(column)\(verdict.detail.isEmpty ? "" : ": \(verdict.detail)")")
        }
        print("")
        print(matrix.text)
        if let markdown { try Data((matrix.markdown + "\n").utf8).write(to: URL(fileURLWithPath: markdown)) }
        if let json { try Data((matrix.json + "\n").utf8).write(to: URL(fileURLWithPath: json)) }
        if matrix.hasFailures { throw ExitCode(1) }
    }
}
