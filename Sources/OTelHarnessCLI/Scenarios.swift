import ArgumentParser
import Foundation
import Scenarios

/// `otel-harness scenarios`: brings the observability stack up, runs the integration
/// scenarios against it, tears it down, and reports.
struct RunScenarios: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "Run the integration scenarios against an observability stack.",
        discussion: """
            Scenarios: collector-health, scrape, trace-flow, resilience, dashboard-provisioning. \
            The local stack (the default) runs the demo service, the fake receiver as collector and \
            trace backend, and Debian's Prometheus on 127.0.0.1; the compose stack runs \
            compose/docker-compose.yml and is skipped when no Docker engine answers. Prints a \
            summary table, writes JUnit XML, and exits 1 when a scenario fails.
            """
    )

    enum Stack: String, ExpressibleByArgument, CaseIterable {
        case local, compose
    }

    @Option(help: "The stack driver: local or compose.")
    var stack: Stack = .local

    @Option(name: .customLong("only"), help: "Run only this scenario (repeatable).")
    var only: [String] = []

    @Flag(help: "List the scenarios and exit.")
    var list = false

    @Option(help: "Write JUnit XML here.")
    var junit: String = ".build/reports/integration-observability.xml"

    @Option(help: "Save the components' logs of failed scenarios under this folder.")
    var logs: String = ".build/reports/integration-observability-logs"

    @Option(help: "The compose file (its grafana service's mounts also locate the dashboards).")
    var composeFile: String = "compose/docker-compose.yml"

    @Option(help: "The DemoService executable (default: next to this executable).")
    var demoService: String?

    @Option(help: "How long a scenario polls for what it waits for, in seconds.")
    var pollTimeout: Int = 30

    @Option(help: "The resilience budget: how much the p95 may grow while the collector is down, in percent.")
    var budget: Double = 5

    @Option(help: "How long the demo service may take to shut down, in seconds.")
    var shutdownBound: Int = 10

    @Option(help: "The resilience scenario's load, in requests per second.")
    var rate: Double = 50

    func validate() throws {
        let known = Set(ScenarioCatalog.all(composeFile: URL(fileURLWithPath: composeFile)).map(\.name))
        for name in only where !known.contains(name) {
            throw ValidationError("no scenario \(name); the scenarios are \(known.sorted().joined(separator: ", "))")
        }
        guard budget > 0, rate > 0, pollTimeout > 0, shutdownBound > 0 else {
            throw ValidationError("--budget, --rate, --poll-timeout and --shutdown-bound must be positive")
        }
    }

    func run() async throws {
        let composeURL = URL(fileURLWithPath: composeFile)
        var scenarios = ScenarioCatalog.all(composeFile: composeURL)
        if list {
            for scenario in scenarios { print("\(scenario.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(scenario.summary)") }
            return
        }
        if !only.isEmpty { scenarios = scenarios.filter { only.contains($0.name) } }

        let launcher = DemoServiceLauncher(
            executable: demoService.map { URL(fileURLWithPath: $0) } ?? DemoServiceLauncher.besideCurrentExecutable()
        )
        let driver: any StackDriver =
            switch stack {
            case .local: LocalStackDriver(demoService: launcher)
            case .compose: ComposeStackDriver(composeFile: composeURL, demoService: launcher)
            }
        var settings = ScenarioSettings()
        settings.pollTimeout = .seconds(pollTimeout)
        settings.latencyBudget = budget / 100
        settings.shutdownBound = .seconds(shutdownBound)
        settings.requestRate = rate
        let runner = ScenarioRunner(driver: driver, scenarios: scenarios, settings: settings, logsFolder: URL(fileURLWithPath: logs))

        // SIGINT/SIGTERM cancel the run; the runner still tears the stack down.
        let signals = ShutdownSignal.install([SIGINT, SIGTERM])
        let run = Task { await runner.run { line in FileHandle.standardError.write(Data("[scenarios] \(line)\n".utf8)) } }
        let watcher = Task {
            await signals.wait()
            run.cancel()
        }
        let report = await run.value
        watcher.cancel()

        print(report.summaryTable)
        let junitURL = URL(fileURLWithPath: junit)
        try FileManager.default.createDirectory(at: junitURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(report.junitXML.utf8).write(to: junitURL)
        print("JUnit XML: \(junit)")
        if !report.succeeded { throw ExitCode(1) }
    }
}
