import Foundation

/// A running demo service: its URL, its output, its memory, and a bounded stop.
public final class DemoServiceProcess: @unchecked Sendable {
    /// Why the demo service could not be started.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, with the service's output.
        public var description: String
    }

    /// Where it answers, for example `http://127.0.0.1:41234`.
    public let url: String
    /// Its process identifier.
    public let processIdentifier: Int32
    private let process: Process
    private let folder: URL
    private let exited: AsyncStream<Int32>

    private init(url: String, process: Process, folder: URL, exited: AsyncStream<Int32>) {
        self.url = url
        self.process = process
        self.processIdentifier = process.processIdentifier
        self.folder = folder
        self.exited = exited
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: folder)
    }

    static func start(executable: URL, environment: [String: String], within timeout: Duration) async throws -> DemoServiceProcess {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw Failure(description: "no DemoService executable at \(executable.path): build it with `swift build --product DemoService`")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-service-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let output = folder.appendingPathComponent("output.log")
        let portFile = folder.appendingPathComponent("port.json")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)

        let process = Process()
        process.executableURL = executable
        process.arguments = ["--host", "127.0.0.1", "--port", "0", "--port-file", portFile.path]
        var merged = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("OTEL_") && !$0.key.hasPrefix("DEMO_") }
        merged.merge(environment) { $1 }
        process.environment = merged
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
        try process.run()

        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline, process.isRunning {
            if let data = FileManager.default.contents(atPath: portFile.path),
               let ports = try? JSONSerialization.jsonObject(with: data) as? [String: Int], let port = ports["http"] {
                return DemoServiceProcess(url: "http://127.0.0.1:\(port)", process: process, folder: folder, exited: stream)
            }
            try await Task.sleep(for: .milliseconds(20))  // poll interval
        }
        let printed = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: folder)
        throw Failure(description: "the demo service did not listen within \(timeout):\n\(printed.suffix(4000))")
    }

    /// What the service printed so far.
    public var output: String {
        (try? String(contentsOf: folder.appendingPathComponent("output.log"), encoding: .utf8)) ?? ""
    }

    /// Whether the process still runs.
    public var isRunning: Bool { process.isRunning }

    /// Its resident memory in bytes (`VmRSS` of `/proc/<pid>/status`), `nil` once it exited.
    public var residentMemory: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kilobytes * 1024
    }

    /// How a stop went.
    public struct Stop: Sendable {
        /// The exit status, `nil` when the process had to be killed at the deadline.
        public var status: Int32?
        /// How long it took from SIGTERM to the exit (or the kill).
        public var took: Duration
    }

    /// Sends SIGTERM and waits for the exit; kills it with SIGKILL when `bound` passes.
    public func stop(within bound: Duration) async -> Stop {
        let clock = ContinuousClock()
        let start = clock.now
        guard process.isRunning else { return Stop(status: process.terminationStatus, took: .zero) }
        process.terminate()
        let pid = processIdentifier
        let watchdog = Task {
            try await Task.sleep(for: bound)  // the shutdown bound
            kill(pid, SIGKILL)
        }
        var status: Int32?
        for await code in exited { status = code }
        let killed = watchdog.isCancelled == false && clock.now - start >= bound
        watchdog.cancel()
        return Stop(status: killed ? nil : status, took: clock.now - start)
    }
}
