import ArgumentParser
import ConfigurationChecks
import Foundation
import StackConfiguration

/// `otel-harness check PATH…`: the conformance checks of the stack's configuration files.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check compose, collector, Prometheus and Grafana configuration files.",
        discussion: """
            Each PATH is a file or a folder (searched for .yaml, .yml and .json files). A compose \
            file brings in the collector, Prometheus and Grafana files it mounts, checked against \
            each other. Prints each finding with its rule id, severity, file, line and fix, and \
            exits 1 when any finding is an error. `--list-rules` prints the rules.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif
    }

    @Argument(help: "Files and folders to check.")
    var paths: [String] = []

    @Option(help: "Output format: text, json (an array of {rule, severity, file, line, column, message, fix}) or sarif (2.1.0).")
    var format: Format = .text

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(
        help:
            "OTLP/JSON metrics the service emits (one export request, or JSON lines as `receive --file-export` writes): every dashboard query must select one of them."
    )
    var metrics: String?

    @Option(help: "The namespace of the collector's prometheus exporter, prefixed to the metrics' names.")
    var metricsNamespace: String = ""

    @Option(
        help:
            "The collector version for collector files not run by a compose file with a versioned image (default: the checker's component lists, \(CollectorTarget.knownVersion))."
    )
    var collectorVersion: String?

    @Option(
        help:
            "The collector distribution for those files: core, contrib, k8s, otlp, ebpf-profiler, jaeger, or custom (components not checked). Without it, a component contrib lacks is reported only when its name is close to one contrib has."
    )
    var collectorDistribution: String?

    @Option(
        help:
            "A suppressions file: one `rule file[:line] reason` a line (paths relative to it). Default: \(Check.defaultSuppressionsFile) in the working directory, when there is one."
    )
    var suppressions: String?

    @Option(help: "The largest file read, in bytes.")
    var maxFileSize: Int = ConfigurationChecker.defaultMaximumFileSize

    @Option(help: "The most files read from the folders given.")
    var maxFiles: Int = 10_000

    @Flag(help: "Print the rules (id, severity, what, why, fix) and exit.")
    var listRules = false

    func validate() throws {
        guard listRules || !paths.isEmpty else { throw ValidationError("Name at least one file or folder to check.") }
        if let collectorVersion, SemanticVersion(lenient: collectorVersion) == nil {
            throw ValidationError("--collector-version \(collectorVersion) is not a version like 0.159.0.")
        }
        if let collectorDistribution, CollectorDistribution(rawValue: collectorDistribution) == nil {
            let names = CollectorDistribution.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--collector-distribution must be one of \(names), not \(collectorDistribution).")
        }
        if let suppressions, !FileManager.default.fileExists(atPath: suppressions) {
            throw ValidationError("--suppressions \(suppressions) does not exist.")
        }
        guard maxFileSize > 0, maxFiles > 0 else { throw ValidationError("--max-file-size and --max-files must be positive.") }
    }

    /// The suppressions file read from the working directory when `--suppressions` is not given.
    static let defaultSuppressionsFile = ".otel-harness-ignore"

    func run() throws {
        if listRules {
            for rule in ConfigRules.all {
                print(
                    "\(rule.id) (\(rule.severity.rawValue)): \(rule.summary)\n    why: \(rule.rationale)\n    fix: \(rule.fix)\n    severity: \(rule.severityReason)"
                )
            }
            return
        }
        var options = ConfigurationChecker.Options(maximumFileSize: maxFileSize, maximumFiles: maxFiles)
        if let metrics {
            do {
                options.metricInventory = try MetricInventory.load(URL(fileURLWithPath: metrics), namespace: metricsNamespace)
            } catch {
                throw ValidationError("--metrics: \(error.message)")
            }
        }
        if let path = suppressions ?? (FileManager.default.fileExists(atPath: Check.defaultSuppressionsFile) ? Check.defaultSuppressionsFile : nil) {
            options.suppressionsFile = URL(fileURLWithPath: path)
        }
        if collectorVersion != nil || collectorDistribution != nil {
            options.collectorTarget = CollectorTarget(
                distribution: collectorDistribution.flatMap(CollectorDistribution.init(rawValue:)) ?? .contrib,
                version: collectorVersion.flatMap(SemanticVersion.init(lenient:)) ?? CollectorTarget.current.version
            )
        }
        let report = ConfigurationChecker(options: options).check(paths.map { URL(fileURLWithPath: $0) })
        let rendered = ConfigurationChecks.FindingsFormat(rawValue: format.rawValue)!.render(report)
        if let output {
            try Data((rendered + "\n").utf8).write(to: URL(fileURLWithPath: output))
            if format != .text { print(ConfigurationChecks.FindingsFormat.text.render(report)) }
        } else {
            print(rendered)
        }
        if report.hasErrors { throw ExitCode(1) }
    }
}
