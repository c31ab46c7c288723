import ArgumentParser

/// `otel-harness`: the harness's command line. Other tools depend on its contract (see
/// DESIGN.md): subcommands, options, output files and exit codes.
@main
struct OTelHarness: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "otel-harness",
        abstract: "Proves a service's OpenTelemetry works.",
        subcommands: [Receive.self, RunScenarios.self, Bench.self, Check.self, ConformanceCommand.self]
    )
}
