import Foundation

/// A child process for a test: started with arguments and environment, stopped (SIGTERM, then
/// SIGKILL at a deadline) by ``stop(within:)``, and killed when the test drops it.
final class ServiceProcess: @unchecked Sendable {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let process = Process()
    let output: URL
    private let exited: AsyncStream<Int32>
    private let folder: URL

    /// Starts `.build/debug/<product>` with `arguments`, the current environment without any
    /// `OTEL_*` variable, plus `environment`.
    init(product: String, arguments: [String], environment: [String: String]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(product)-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        output = folder.appendingPathComponent("output.log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.executableURL = Self.repository.appendingPathComponent(".build/debug/\(product)")
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("OTEL_") }
        merged.merge(environment) { $1 }
        process.environment = merged
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        exited = stream
        process.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: folder)
    }

    /// A file path inside this process's temporary folder.
    func file(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// What the process printed so far.
    var printed: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

    /// Waits for a JSON object of ports in `path`, polling against a deadline.
    func ports(in path: String, within timeout: Duration = .seconds(60)) async throws -> [String: Int] {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if let data = FileManager.default.contents(atPath: path),
               let ports = try? JSONSerialization.jsonObject(with: data) as? [String: Int] {
                return ports
            }
            guard process.isRunning else { throw Failure(description: "exited before listening:\n\(printed)") }
            try await Task.sleep(for: .milliseconds(20))  // poll interval
        }
        throw Failure(description: "no port file within \(timeout):\n\(printed)")
    }

    /// Sends SIGTERM and waits for the exit, at most `timeout` (then SIGKILL). Returns the exit
    /// status and how long the shutdown took.
    func stop(within timeout: Duration) async -> (status: Int32?, took: Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        process.terminate()
        let watchdog = Task {
            try await Task.sleep(for: timeout)  // the shutdown deadline
            kill(process.processIdentifier, SIGKILL)
        }
        var status: Int32?
        for await code in exited { status = code }
        watchdog.cancel()
        let took = clock.now - start
        return (took < timeout ? status : nil, took)
    }
}
