import Foundation
import ObservabilityStack

/// Runs a command to its end, with a deadline, and keeps what it printed.
enum CommandRunner {
    struct Result: Sendable {
        /// The exit status; `nil` when a signal ended it (the deadline, or cancellation).
        var status: Int32?
        /// Standard output and standard error, interleaved.
        var output: String
        var succeeded: Bool { status == 0 }
    }

    /// Runs `arguments` (the first is looked up in `PATH`). At `timeout` the command gets
    /// SIGTERM, and SIGKILL 10 s later. When the calling task is cancelled and `cancellable`
    /// is set, the command gets SIGTERM; either way this returns only once it has exited, so
    /// that no command outlives the run (`docker compose down` passes `cancellable: false`).
    static func run(_ arguments: [String], environment: [String: String] = [:], timeout: Duration, cancellable: Bool = true) async throws -> Result {
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
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = handle
        process.standardError = handle
        let exit = ProcessExit(process)
        try process.run()
        let pid = process.processIdentifier
        let (status, _) = await withTaskCancellationHandler {
            await exit.wait(terminatingAt: .now.advanced(by: timeout))
        } onCancel: {
            if cancellable { kill(pid, SIGTERM) }
        }
        let output = String(decoding: (try? Data(contentsOf: outputFile)) ?? Data(), as: UTF8.self)
        return Result(status: process.terminationReason == .uncaughtSignal ? nil : status, output: output)
    }
}
