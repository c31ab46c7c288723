import ArgumentParser
import Foundation
import Scenarios
import StackConfiguration

/// `otel-harness scenarios`: reads a stack file, brings its stack up with a driver, runs the
/// integration scenarios against it, tears it down, and reports.
struct RunScenarios: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "Run the integration scenarios against a stack described by a stack file.",
        discussion: """
            Scenarios: collector-health, scrape, trace-flow, propagation, log-correlation, resilience, \
            dashboard-provisioning. The local driver (the default) starts the stack file's services \
            from their commands, with the fake receiver as collector, trace and log backend and \
            Debian's Prometheus, on 127.0.0.1; compose runs its compose files (skipped when no Docker \
            engine answers); external reaches a stack that is already running. Prints a summary \
            table, writes JUnit XML (and JSON with --json), and exits 1 when a scenario fails.
            """,
        subcommands: [InitStackFile.self]
    )

    enum Stack: String, ExpressibleByArgument, CaseIterable {
        case local, compose, external
    }

    @Option(help: "The stack file.")
    var file: String = "stack.yaml"

    @Option(help: "The stack driver: local, compose or external.")
    var stack: Stack = .local

    @Flag(help: "Validate the stack file, print what it describes, and exit (1 when invalid); starts nothing.")
    var check = false

    @Option(name: .customLong("only"), help: "Run only this scenario (repeatable).")
    var only: [String] = []

    @Flag(help: "List the scenarios and exit.")
    var list = false

    @Option(help: "Write JUnit XML here.")
    var junit: String = ".build/reports/integration-observability.xml"

    @Option(help: "Write the report as JSON here: every scenario's verdict, time, last observation and trace ids.")
    var json: String?

    @Option(help: "Save the components' logs of failed scenarios under this folder.")
    var logs: String = ".build/reports/integration-observability-logs"

    @Option(help: "How long a scenario polls for what it waits for, in seconds.")
    var pollTimeout: Int = 30

    @Option(help: "Override the stack file's resilience budget: how much the p95 may grow while the collector is down, in percent.")
    var budget: Double?

    @Option(help: "Override the stack file's shutdown bound, in seconds.")
    var shutdownBound: Int?

    @Option(help: "Override the stack file's resilience load, in requests per second.")
    var rate: Double?

    func validate() throws {
        let known = ScenarioCatalog.names
        for name in only where !known.contains(name) {
            throw ValidationError("no scenario \(name); the scenarios are \(known.joined(separator: ", "))")
        }
        guard (budget ?? 1) > 0, (rate ?? 1) > 0, pollTimeout > 0, (shutdownBound ?? 1) > 0 else {
            throw ValidationError("--budget, --rate, --poll-timeout and --shutdown-bound must be positive")
        }
    }

    func run() async throws {
        if list {
            for scenario in ScenarioCatalog.all { print("\(scenario.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(scenario.summary)") }
            return
        }
        let plan: StackFile
        do {
            plan = try StackFile.load(URL(fileURLWithPath: file))
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(1)
        }
        if check {
            print(
                "\(file): valid stack file \"\(plan.name)\": \(plan.services.count) services (\(plan.services.map(\.name).joined(separator: ", "))), "
                    + "\(plan.traffic.count) requests, \(plan.expectations.traces.count) traces, \(plan.expectations.metrics.count) metrics and "
                    + "\(plan.expectations.logs.count) log expectations"
                    + (plan.resilience == nil ? "" : ", resilience") + (plan.dashboards == nil ? "" : ", dashboards")
                    + (plan.compose == nil ? "" : ", compose") + (plan.external == nil ? "" : ", external")
            )
            return
        }
        let scenarios = only.isEmpty ? ScenarioCatalog.all : ScenarioCatalog.all.filter { only.contains($0.name) }
        let driver: any StackDriver =
            switch stack {
            case .local: LocalStackDriver(plan: plan)
            case .compose: ComposeStackDriver(plan: plan)
            case .external: ExternalStackDriver(plan: plan)
            }
        var settings = ScenarioSettings()
        settings.pollTimeout = .seconds(pollTimeout)
        settings.resilienceOverrides.latencyBudget = budget.map { $0 / 100 }
        settings.resilienceOverrides.shutdownBound = shutdownBound.map { .seconds($0) }
        settings.resilienceOverrides.rate = rate
        let runner = ScenarioRunner(plan: plan, driver: driver, scenarios: scenarios, settings: settings, logsFolder: URL(fileURLWithPath: logs))

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
        try write(report.junitXML, to: junit)
        print("JUnit XML: \(junit)")
        if let json {
            try write(report.json, to: json)
            print("JSON: \(json)")
        }
        if signals.hasArrived {
            FileHandle.standardError.write(Data("[scenarios] interrupted: the stack was torn down\n".utf8))
            throw ExitCode(130)
        }
        if !report.succeeded { throw ExitCode(1) }
    }

    private func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((text + (text.hasSuffix("\n") ? "" : "\n")).utf8).write(to: url)
    }
}

/// `otel-harness scenarios init --compose FILE`: a starter stack file for a compose project.
struct InitStackFile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter stack file for an existing compose file, roles inferred from the images."
    )

    @Option(help: "The compose file.")
    var compose: String

    @Option(help: "Write the stack file here (default: standard output).")
    var output: String?

    func run() throws {
        let composeURL = URL(fileURLWithPath: compose)
        let destination = output.map { URL(fileURLWithPath: $0) }
        let folder = destination?.deletingLastPathComponent() ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let text: String
        do {
            text = try StackFileTemplate.fromCompose(composeURL, relativeTo: folder)
        } catch {
            throw ValidationError(error.description)
        }
        if let destination {
            guard !FileManager.default.fileExists(atPath: destination.path) else {
                throw ValidationError("\(destination.path) exists; remove it or name another --output")
            }
            try Data(text.utf8).write(to: destination)
            print("wrote \(destination.path)")
        } else {
            print(text, terminator: "")
        }
    }
}
