import ArgumentParser
import Foundation
import HarnessSupport
import OverheadGate

/// `otel-harness bench`: the overhead gate. Exits 0 pass, 1 fail, 2 inconclusive, 3 invalid.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Gate on instrumentation overhead: is the instrumented p95 within budget of the baseline's?",
        discussion: """
            Runs rounds of one baseline segment (OTEL_SDK_DISABLED=true) and one instrumented \
            segment (OTLP/gRPC to an acknowledging sink) in random order, each a fresh service \
            process under open-loop load, and decides with a sequential t interval of the \
            per-round log ratio of the percentile against ln(1 + budget). Exit codes: 0 pass, \
            1 fail, 2 inconclusive, 3 invalid (requests failed or the sink got fewer spans than \
            the requests should have produced).
            """,
        subcommands: [Run.self, Calibrate.self, Simulate.self],
        defaultSubcommand: Run.self
    )

    /// The decision plan: budget, looks, error rate and boundary.
    struct PlanOptions: ParsableArguments {
        @Option(help: "The budget, in percent.")
        var budget: Double = 5

        @Option(help: "Round counts at which to decide, comma-separated.")
        var looks: String = "10,20,30"

        @Option(help: "The overall error rate α, spent across the looks.")
        var errorRate: Double = 0.05

        @Option(
            help:
                "How α is spent across the looks: bonferroni (α/K each), pocock (one critical value) or obrien-fleming (strict early, close to the fixed-sample value at the last look)."
        )
        var boundary: BoundaryArgument = .bonferroni

        func validate() throws {
            guard budget > 0 else { throw ValidationError("--budget must be positive") }
            guard errorRate > 0, errorRate < 1 else { throw ValidationError("--error-rate must be within (0, 1)") }
            _ = try parsedLooks()
        }

        func parsedLooks() throws -> [Int] {
            let looks = self.looks.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !looks.isEmpty, looks.allSatisfy({ ($0 ?? 0) >= 2 }) else {
                throw ValidationError("--looks takes round counts of at least 2, comma-separated, not \(self.looks)")
            }
            return looks.compactMap { $0 }.sorted()
        }

        var sequentialPlan: SequentialPlan {
            SequentialPlan(looks: (try? parsedLooks()) ?? [10, 20, 30], errorRate: errorRate, boundary: boundary.boundary)
        }
    }

    /// `otel-harness bench simulate`: the plan on simulated rounds of a given spread.
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the decision plan on simulated rounds: how often it passes, fails or cannot decide, and how soon.",
            discussion:
                "Per-round log ratios are drawn from a normal distribution with the true overhead's mean and --spread (the standard deviation `bench` reports for the per-round log ratio). Each boundary is simulated with the same seed."
        )

        @OptionGroup var plan: PlanOptions

        @Option(help: "The standard deviation of the per-round log ratio.")
        var spread: Double = 0.06

        @Option(help: "True overheads to simulate, in percent, comma-separated.")
        var trueOverheads: String = "0,3,10"

        @Option(help: "Runs per boundary and overhead.")
        var runs: Int = 10_000

        @Option(help: "The seed of the simulated rounds.")
        var seed: UInt64 = 1

        func validate() throws {
            guard spread > 0 else { throw ValidationError("--spread must be positive") }
            guard runs > 0 else { throw ValidationError("--runs must be positive") }
            guard !overheads.isEmpty else { throw ValidationError("--true-overheads takes percentages, comma-separated, not \(trueOverheads)") }
        }

        var overheads: [Double] {
            trueOverheads.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }.map { $0 / 100 }
        }

        func run() throws {
            var outcomes: [PlanSimulation.Outcome] = []
            for boundary in BoundaryArgument.allCases {
                var options = plan
                options.boundary = boundary
                let simulation = PlanSimulation(plan: options.sequentialPlan, budget: plan.budget / 100, spread: spread)
                for overhead in overheads { outcomes.append(simulation.run(trueOverhead: overhead, runs: runs, seed: seed)) }
            }
            print(PlanSimulation.table(outcomes, budget: plan.budget / 100, spread: spread))
        }
    }

    /// Options shared by `run` and `calibrate`: the workload and the plan.
    struct WorkloadOptions: ParsableArguments {
        @Option(help: "The service's executable (default: the demo service next to this executable).")
        var command: String?

        @Option(
            name: .customLong("arg"),
            parsing: .unconditionalSingleValue,
            help: "An argument of the command (repeatable); {port} is a free port, {port-file} a file to write {\"http\":N} to."
        )
        var arguments: [String] = []

        @Option(help: "With --command and {port}: the path that answers 200 once the service is ready.")
        var healthPath: String = "/health"

        @Option(name: .customLong("env"), help: "KEY=VALUE for both arms (repeatable).")
        var environment: [String] = []

        @Option(name: .customLong("baseline-env"), help: "KEY=VALUE for the baseline arm (repeatable; default OTEL_SDK_DISABLED=true).")
        var baselineEnvironment: [String] = []

        @Option(
            name: .customLong("instrumented-env"),
            help: "KEY=VALUE for the instrumented arm (repeatable); {sink} is the sink's OTLP/gRPC endpoint."
        )
        var instrumentedEnvironment: [String] = []

        @Option(help: "The request's method.")
        var method: String = "POST"

        @Option(help: "The request's path.")
        var path: String = "/v1/pipeline"

        @Option(help: "The request's body.")
        var body: String = "transcribe this audio clip"

        @Option(help: "Open-loop arrival rate in requests/s (default: half the baseline's measured capacity).")
        var rate: Double?

        @Option(help: "Closed loop with this many clients instead of open loop.")
        var closedLoop: Int?

        @Option(help: "Warm-up per segment, in seconds.")
        var warmUp: Double = 1

        @Option(help: "Measurement per segment, in seconds.")
        var duration: Double = 3

        @Option(help: "Spans each request must produce at the sink (0: no check; default 4 for the demo service, 1 otherwise).")
        var spansPerRequest: Int?

        @Option(help: "The percentile compared.")
        var percentile: Double = 95

        @OptionGroup var plan: PlanOptions

        @Option(help: "The seed of the arms' order.")
        var seed: UInt64 = 1

        @Option(help: "Rounds run first and left out of the statistics.")
        var warmUpRounds: Int = 1

        func validate() throws {
            guard (1..<100).contains(percentile) else { throw ValidationError("--percentile must be within 1…99, not \(percentile)") }
            guard warmUp >= 0, duration > 0 else { throw ValidationError("--duration must be positive, --warm-up not negative") }
            for pair in environment + baselineEnvironment + instrumentedEnvironment where !pair.contains("=") {
                throw ValidationError("environment entries are KEY=VALUE, not \(pair)")
            }
        }

        var settings: OverheadBenchmark.Settings {
            var settings = OverheadBenchmark.Settings()
            settings.percentile = percentile / 100
            settings.budget = plan.budget / 100
            settings.plan = plan.sequentialPlan
            settings.seed = seed
            settings.warmUpRounds = warmUpRounds
            return settings
        }

        var workload: ServiceWorkload.Configuration {
            var configuration: ServiceWorkload.Configuration
            if let command {
                let arguments = self.arguments
                configuration = ServiceWorkload.Configuration(
                    executable: URL(fileURLWithPath: command),
                    arguments: arguments,
                    readiness: arguments.contains { $0.contains("{port-file}") } ? .portFile : .port(healthPath: healthPath)
                )
                configuration.spansPerRequest = spansPerRequest ?? 1
            } else {
                let demo = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
                    .deletingLastPathComponent().appendingPathComponent("DemoService")
                configuration = .demoService(demo)
                configuration.spansPerRequest = spansPerRequest ?? 4
            }
            configuration.environment = Self.pairs(environment)
            if !baselineEnvironment.isEmpty { configuration.baselineEnvironment = Self.pairs(baselineEnvironment) }
            configuration.instrumentedEnvironment.merge(Self.pairs(instrumentedEnvironment)) { $1 }
            configuration.request = HTTPLoad.Request(method: method, path: path, body: body.isEmpty ? nil : body)
            configuration.rate = rate
            configuration.closedLoopConcurrency = closedLoop
            configuration.warmUp = .milliseconds(Int64(warmUp * 1000))
            configuration.measurement = .milliseconds(Int64(duration * 1000))
            return configuration
        }

        static func pairs(_ entries: [String]) -> [String: String] {
            Dictionary(
                entries.map { entry in
                    let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
                }
            ) { $1 }
        }
    }

    /// `otel-harness bench run` (the default): one gated run.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the gate once and exit with its verdict.")

        @OptionGroup var options: WorkloadOptions

        enum InconclusivePolicy: String, ExpressibleByArgument, CaseIterable { case pass, fail, inconclusive }

        @Option(help: "What an inconclusive verdict exits with: pass (0), fail (1) or inconclusive (2).")
        var inconclusive: InconclusivePolicy = .inconclusive

        @Option(help: "Write the report as JSON here.")
        var json: String?

        @Option(help: "Write the report as Markdown here (for a CI step summary).")
        var markdown: String?

        @Option(help: "Write the SVG plot here.")
        var svg: String?

        func run() async throws {
            let progress: @Sendable (String) -> Void = { FileHandle.standardError.write(Data("[bench] \($0)\n".utf8)) }
            let report = try await OverheadBenchmark(settings: options.settings).run(ServiceWorkload(options.workload), progress: progress)
            print(report.terminalTable)
            for (path, content) in [(json, report.json), (markdown, report.markdown), (svg, report.svg)] {
                guard let path else { continue }
                let url = URL(fileURLWithPath: path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(content.utf8).write(to: url)
            }
            let verdict = report.verdict ?? .inconclusive
            var code = verdict.exitCode
            if verdict == .inconclusive {
                switch inconclusive {
                case .pass: code = 0
                case .fail: code = 1
                case .inconclusive: code = 2
                }
            }
            throw ExitCode(code)
        }
    }

    /// `otel-harness bench calibrate`: the gate's false-alarm rate and power on this machine.
    struct Calibrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure the gate: A/A runs (false alarms) and runs with an injected slowdown (power).",
            discussion:
                "Both arms run with instrumentation off; the second arm gets DEMO_EXTRA_WORK_PERCENT (the demo service's busy-spin proportional to service time)."
        )

        @OptionGroup var options: WorkloadOptions

        @Option(help: "Runs per case.")
        var runs: Int = 5

        @Option(help: "Injected slowdowns in percent, comma-separated.")
        var slowdowns: String = "3,10"

        @Option(help: "Write the results as JSON here.")
        var json: String?

        func run() async throws {
            let slowdowns = slowdowns.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            let calibration = Calibration(configuration: options.workload, settings: options.settings, runsPerCase: runs, slowdowns: slowdowns)
            let results = try await calibration.run { FileHandle.standardError.write(Data("[calibrate] \($0)\n".utf8)) }
            print(Calibration.table(results, budget: options.settings.budget))
            if let json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                try encoder.encode(results).write(to: URL(fileURLWithPath: json))
            }
        }
    }
}

/// `--boundary`'s values: the names of ``SequentialBoundary``.
enum BoundaryArgument: String, ExpressibleByArgument, CaseIterable {
    case bonferroni, pocock
    case obrienFleming = "obrien-fleming"

    var boundary: SequentialBoundary { SequentialBoundary(rawValue: rawValue)! }
}
