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
    /// calling task is cancelled and `cancellable` is set, it gets SIGTERM; either way this
    /// returns only once the command has exited, and then kills whatever it left running in its
    /// group, so that nothing it started outlives the run (`docker compose down` passes
    /// `cancellable: false`).
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], removingPrefixes: [String] = [], timeout: Duration,
        grace: Duration = .seconds(10), cancellable: Bool = true
    ) async throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("command-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputFile = folder.appendingPathComponent("output")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: outputFile)
        defer { try? handle.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let inherited = ProcessInfo.processInfo.environment.filter { name, _ in !removingPrefixes.contains { name.hasPrefix($0) } }
        process.environment = inherited.merging(environment) { $1 }
        process.standardOutput = handle
        process.standardError = handle
        let exit = ProcessExit(process)
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        let pid = process.processIdentifier
        let (status, killed) = await withTaskCancellationHandler {
            await exit.wait(terminatingAt: start.advanced(by: timeout), grace: grace, wholeGroup: true)
        } onCancel: {
            if cancellable { kill(-pid, SIGTERM) }
        }
        // Foundation starts the child as the leader of its own process group: what it left
        // behind (a wrapper's children) is still in that group.
        kill(-pid, SIGKILL)
        let took = clock.now - start
        let output = String(decoding: (try? Data(contentsOf: outputFile)) ?? Data(), as: UTF8.self)
        return Result(status: process.terminationReason == .uncaughtSignal ? nil : status, output: output, took: took, timedOut: killed)
    }
}
