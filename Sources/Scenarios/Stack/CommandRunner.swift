import Foundation

/// Runs a command to its end, with a deadline, and keeps what it printed.
enum CommandRunner {
    struct Result: Sendable {
        /// The exit status; `nil` when it was killed at the deadline.
        var status: Int32?
        /// Standard output and standard error, interleaved.
        var output: String
        var succeeded: Bool { status == 0 }
    }

    /// Runs `arguments` (the first is looked up in `PATH`), killing it when `timeout` passes.
    static func run(_ arguments: [String], environment: [String: String] = [:], timeout: Duration) async throws -> Result {
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
        let (exited, continuation) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
        try process.run()
        let pid = process.processIdentifier
        let watchdog = Task {
            try await Task.sleep(for: timeout)  // the command's deadline
            kill(pid, SIGKILL)
            return true
        }
        var status: Int32?
        for await code in exited { status = code }
        watchdog.cancel()
        let killed = (try? await watchdog.value) ?? false
        let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        return Result(status: killed ? nil : status, output: output)
    }
}
