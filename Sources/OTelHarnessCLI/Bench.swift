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
            process under HTTP load (open loop by default, --closed-loop N for N clients), or \
            one run of your own benchmark (bench command), and decides with a sequential t \
            interval of the per-round log ratio of the percentile against ln(1 + budget). Exit \
            codes: 0 pass, 1 fail, 2 inconclusive, 3 invalid (requests failed or the sink got \
            fewer spans than the requests should have produced).
            """,
        subcommands: [Run.self, Command.self, Calibrate.self, Simulate.self],
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

        @OptionGroup var arms: ArmOptions

        @Option(help: "The request's method.")
        var method: String = "POST"

        @Option(help: "The request's path.")
        var path: String = "/v1/pipeline"

        @Option(help: "The request's body.")
        var body: String = "transcribe this audio clip"

        @Option(
            help: ArgumentHelp(
                "A JSON file of requests with weights, sent in proportion instead of --method/--path/--body.",
                discussion: "An array of {\"method\", \"path\", \"body\", \"headers\": {…}, \"weight\"}; only path is required."
            )
        )
        var requests: String?

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

        @OptionGroup var gate: GateOptions

        func validate() throws {
            guard warmUp >= 0, duration > 0 else { throw ValidationError("--duration must be positive, --warm-up not negative") }
        }

        var settings: OverheadBenchmark.Settings { gate.settings }

        var workload: ServiceWorkload.Configuration {
            get throws {
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
                arms.apply(to: &configuration)
                if let requests {
                    do {
                        configuration.requests = try RequestMix.load(from: URL(fileURLWithPath: requests))
                    } catch {
                        throw ValidationError("--requests: \(error)")
                    }
                } else {
                    configuration.request = HTTPLoad.Request(method: method, path: path, body: body.isEmpty ? nil : body)
                }
                configuration.rate = rate
                configuration.closedLoopConcurrency = closedLoop
                configuration.warmUp = .milliseconds(Int64(warmUp * 1000))
                configuration.measurement = .milliseconds(Int64(duration * 1000))
                return configuration
            }
        }
    }

    /// `otel-harness bench run` (the default): one gated run on a service under HTTP load.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the gate once on a service under HTTP load and exit with its verdict.")

        @OptionGroup var options: WorkloadOptions

        @OptionGroup var output: ReportOptions

        func run() async throws {
            let (settings, workload) = (options.settings, try options.workload)
            let (report, interrupted) = try await ShutdownSignal.cancellingOnInterrupt {
                try await OverheadBenchmark(settings: settings).run(ServiceWorkload(workload), progress: ReportOptions.progress)
            }
            try output.finish(report, interrupted: interrupted)
        }
    }

    /// `otel-harness bench command`: one gated run of the user's own benchmark command.
    struct Command: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "command",
            abstract: "Run the gate once on your own benchmark: a command run once per segment that writes each iteration's latency to a file.",
            discussion: """
                Everything after -- is the command. Each segment runs it to its end in the arm's \
                environment (the baseline with OTEL_SDK_DISABLED=true, the instrumented arm \
                exporting OTLP/gRPC to an acknowledging sink); it writes one latency per line to \
                {latencies-file} in its arguments (also OTEL_HARNESS_LATENCIES_FILE in its \
                environment). Blank lines and lines starting with # are skipped.
                """
        )

        @OptionGroup var arms: ArmOptions

        @Option(help: "The unit of the latencies the command writes: s, ms, us or ns.")
        var unit: UnitArgument = .s

        @Option(help: "Latencies at the start of each run left out (the benchmark's own warm-up).")
        var discard: Int = 0

        @Option(help: "How long one run of the command may take, in seconds.")
        var timeout: Double = 600

        @OptionGroup var gate: GateOptions

        @OptionGroup var output: ReportOptions

        @Argument(parsing: .postTerminator, help: "The command and its arguments, after --.")
        var command: [String] = []

        func validate() throws {
            guard !command.isEmpty else { throw ValidationError("give the benchmark command after --, for example -- ./bench.sh {latencies-file}") }
            guard discard >= 0, timeout > 0 else { throw ValidationError("--discard must not be negative, --timeout must be positive") }
        }

        func run() async throws {
            var configuration = CommandWorkload.Configuration(command: command)
            arms.apply(to: &configuration)
            configuration.unit = unit.unit
            configuration.discardedIterations = discard
            configuration.timeout = .milliseconds(Int64(timeout * 1000))
            let (settings, workload) = (gate.settings, configuration)
            let (report, interrupted) = try await ShutdownSignal.cancellingOnInterrupt {
                try await OverheadBenchmark(settings: settings).run(CommandWorkload(workload), progress: ReportOptions.progress)
            }
            try output.finish(report, interrupted: interrupted)
        }
    }

    /// The arms' environments.
    struct ArmOptions: ParsableArguments {
        @Option(name: .customLong("env"), help: "KEY=VALUE for both arms (repeatable).")
        var environment: [String] = []

        @Option(name: .customLong("baseline-env"), help: "KEY=VALUE for the baseline arm (repeatable; default OTEL_SDK_DISABLED=true).")
        var baselineEnvironment: [String] = []

        @Option(
            name: .customLong("instrumented-env"),
            help: "KEY=VALUE for the instrumented arm (repeatable); {sink} is the sink's OTLP/gRPC endpoint."
        )
        var instrumentedEnvironment: [String] = []

        func validate() throws {
            for pair in environment + baselineEnvironment + instrumentedEnvironment where !pair.contains("=") {
                throw ValidationError("environment entries are KEY=VALUE, not \(pair)")
            }
        }

        /// `--env` as both arms' environment, `--baseline-env` replacing the baseline's,
        /// `--instrumented-env` added to the instrumented arm's.
        func apply(to configuration: inout some ArmEnvironments) {
            configuration.environment = Self.pairs(environment)
            if !baselineEnvironment.isEmpty { configuration.baselineEnvironment = Self.pairs(baselineEnvironment) }
            configuration.instrumentedEnvironment.merge(Self.pairs(instrumentedEnvironment)) { $1 }
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

    /// What is compared and how it is decided: the percentile, the plan, the seed.
    struct GateOptions: ParsableArguments {
        @Option(help: "The percentile compared.")
        var percentile: Double = 95

        @OptionGroup var plan: PlanOptions

        @Option(help: "The seed of the arms' order.")
        var seed: UInt64 = 1

        @Option(help: "Rounds run first and left out of the statistics.")
        var warmUpRounds: Int = 1

        func validate() throws {
            guard (1..<100).contains(percentile) else { throw ValidationError("--percentile must be within 1…99, not \(percentile)") }
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
    }

    /// Where the report goes and what an inconclusive verdict exits with.
    struct ReportOptions: ParsableArguments {
        enum InconclusivePolicy: String, ExpressibleByArgument, CaseIterable { case pass, fail, inconclusive }

        @Option(help: "What an inconclusive verdict exits with: pass (0), fail (1) or inconclusive (2).")
        var inconclusive: InconclusivePolicy = .inconclusive

        @Option(help: "Write the report as JSON here.")
        var json: String?

        @Option(help: "Write the report as Markdown here (for a CI step summary).")
        var markdown: String?

        @Option(help: "Write the SVG plot here.")
        var svg: String?

        static let progress: @Sendable (String) -> Void = { FileHandle.standardError.write(Data("[bench] \($0)\n".utf8)) }

        /// Prints the report, writes its files, and exits with the verdict's code, or 130 when a
        /// signal `interrupted` the run.
        func finish(_ report: OverheadReport, interrupted: Bool = false) throws {
            print(report.terminalTable)
            for (path, content) in [(json, report.json), (markdown, report.markdown), (svg, report.svg)] {
                guard let path else { continue }
                let url = URL(fileURLWithPath: path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(content.utf8).write(to: url)
            }
            if interrupted { throw ExitCode(130) }
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
                "Both arms run with instrumentation off; the second arm gets DEMO_EXTRA_WORK_PERCENT (the demo service's busy-spin proportional to service time). The cases take turns (A/A, then each slowdown, then A/A again…); the table gives each verdict's count with a 95 % Wilson interval, the p95 ratio each case produced, the per-round spread and the median and longest time to a verdict."
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
            let calibration = Calibration(configuration: try options.workload, settings: options.settings, runsPerCase: runs, slowdowns: slowdowns)
            let (results, interrupted) = try await ShutdownSignal.cancellingOnInterrupt {
                try await calibration.run { FileHandle.standardError.write(Data("[calibrate] \($0)\n".utf8)) }
            }
            if interrupted { throw ExitCode(130) }
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

/// `--unit`'s values: the names of ``LatencyFile/Unit``.
enum UnitArgument: String, ExpressibleByArgument, CaseIterable {
    case s, ms, us, ns

    var unit: LatencyFile.Unit { LatencyFile.Unit(rawValue: rawValue)! }
}
