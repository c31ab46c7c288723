import Foundation
import HarnessSupport
import HarnessTestSupport

/// Runs `scripts/send_otlp.py` with the project's venv: the real Python OpenTelemetry SDK
/// exporters sending a known set of telemetry (see the script's docstring).
enum PythonExporter {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends and waits for the script to exit (it flushes before exiting), at most `timeout`;
    /// the process is terminated at the deadline, also when the caller's test fails.
    static func send(
        endpoint: String,
        protocol transport: String,
        compression: String? = nil,
        session: String? = nil,
        headers: [String: String] = [:],
        timeout: Duration = .seconds(60)
    ) async throws {
        let python = Repository.file(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw Failure(description: "no Python venv at \(python.path): run `make setup` (make test does) first")
        }
        var arguments = [python.path, Repository.file("scripts/send_otlp.py").path, "--endpoint", endpoint, "--protocol", transport]
        if let compression { arguments += ["--compression", compression] }
        if let session { arguments += ["--session", session] }
        for (key, value) in headers.sorted(by: { $0.key < $1.key }) { arguments += ["--header", "\(key)=\(value)"] }
        let result = await CommandRunner.run(arguments, removingPrefixes: ["OTEL_"], timeout: timeout)
        guard result.succeeded else {
            throw Failure(
                description: "send_otlp.py \(transport) ended with \(result.status.map { "status \($0)" } ?? "a signal"):\n\(result.output)"
            )
        }
    }
}
