import Foundation

/// Runs `scripts/send_otlp.py` with the project's venv: the real Python OpenTelemetry SDK
/// exporters sending a known set of telemetry (see the script's docstring).
enum PythonExporter {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends and waits for the script to exit (it flushes before exiting), at most `timeout`;
    /// the process is terminated at the deadline, also when the caller's test fails.
    static func send(
        endpoint: String, protocol transport: String, gzip: Bool = false, session: String? = nil,
        headers: [String: String] = [:], timeout: Duration = .seconds(60)
    ) async throws {
        let python = repository.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw Failure(description: "no Python venv at \(python.path): run `make setup` (make test does) first")
        }
        var arguments = [repository.appendingPathComponent("scripts/send_otlp.py").path,
                         "--endpoint", endpoint, "--protocol", transport]
        if gzip { arguments.append("--gzip") }
        if let session { arguments += ["--session", session] }
        for (key, value) in headers.sorted(by: { $0.key < $1.key }) { arguments += ["--header", "\(key)=\(value)"] }

        let process = Process()
        process.executableURL = python
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("OTEL_") { environment[key] = nil }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { exited.continuation.yield($0.terminationStatus); exited.continuation.finish() }
        try process.run()
        let deadline = Task {
            try await Task.sleep(for: timeout)  // the deadline of the whole run, not a fixed wait
            process.terminate()
        }
        defer { deadline.cancel() }
        var status: Int32 = -1
        for await code in exited.stream { status = code }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard status == 0 else {
            throw Failure(description: "send_otlp.py \(transport) exited with \(status):\n\(text)")
        }
    }
}
