import Foundation

/// Runs a command to its end, with a deadline, and keeps what it printed.
public enum CommandRunner {
    /// How a command ended.
    public struct Result: Sendable {
        /// The exit status; `nil` when a signal ended it (the deadline, or cancellation).
        public var status: Int32?
        /// Standard output and standard error, interleaved.
        public var output: String
        /// How long it ran.
        public var took: Duration
        /// Whether the deadline ended it.
        public var timedOut: Bool
        /// Whether it exited with status 0.
        public var succeeded: Bool { status == 0 }
    }

    /// Runs `arguments` (the first is looked up in `PATH`) with this process's environment,
    /// minus the variables whose names start with one of `removingPrefixes`, plus `environment`.
    /// At `timeout` the command's process group gets SIGTERM, and SIGKILL `grace` later. When the
    /// calling task is cancelled and `cancellable` is set, it gets the same; either way this
    /// returns only once the command has exited, and then kills whatever it left running in its
    /// group, so that nothing it started outlives the run (`docker compose down` passes
    /// `cancellable: false`).
    ///
    /// A command that cannot be started (not found, not executable) ends as a shell reports it:
    /// status 127, with the reason as its output.
    public static func run(
        _ arguments: [String],
        environment: [String: String] = [:],
        removingPrefixes: [String] = [],
        timeout: Duration,
        grace: Duration = .seconds(10),
        cancellable: Bool = true
    ) async -> Result {
        guard let command = arguments.first else { return Result(status: 127, output: "no command to run\n", took: .zero, timedOut: false) }
        let inherited = ProcessInfo.processInfo.environment.filter { name, _ in !removingPrefixes.contains { name.hasPrefix($0) } }
        let clock = ContinuousClock()
        let start = clock.now
        let child: ChildProcess
        do {
            child = try await ChildProcess.launch(
                command.contains("/") ? .path(command) : .name(command),
                arguments: Array(arguments.dropFirst()),
                environment: inherited.merging(environment) { $1 }
            )
        } catch {
            return Result(status: 127, output: "\(error)\n", took: clock.now - start, timedOut: false)
        }
        let (termination, timedOut) = await withTaskCancellationHandler {
            await child.wait(terminatingAt: start.advanced(by: timeout), grace: grace)
        } onCancel: {
            if cancellable { Task { await child.stop(grace: grace) } }
        }
        child.killLeftovers()
        return Result(status: termination.exitStatus, output: child.printed, took: clock.now - start, timedOut: timedOut)
    }
}
