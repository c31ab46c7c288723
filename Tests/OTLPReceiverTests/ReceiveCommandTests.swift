import AsyncHTTPClient
import Foundation
import Testing

/// The `otel-harness receive` contract other tools rely on (DESIGN.md): ephemeral ports, the
/// port file, /health, and a clean exit on SIGTERM.
@Suite("otel-harness receive")
struct ReceiveCommandTests {
    static var executable: URL {
        PythonExporter.repository.appendingPathComponent(".build/debug/otel-harness")
    }

    @Test("writes the port file once listening, serves /health, exits 0 on SIGTERM")
    func contract() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("receive-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let portFile = folder.appendingPathComponent("ports.json")

        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["receive", "--grpc-port", "0", "--http-port", "0", "--port-file", portFile.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { exited.continuation.yield($0.terminationStatus); exited.continuation.finish() }
        try process.run()
        defer { if process.isRunning { process.interrupt(); process.terminate() } }

        // Poll for the port file against a deadline.
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        var ports: [String: Int]?
        while ports == nil, ContinuousClock.now < deadline {
            if let data = try? Data(contentsOf: portFile) {
                ports = try JSONSerialization.jsonObject(with: data) as? [String: Int]
            } else {
                try await Task.sleep(for: .milliseconds(20))  // poll interval
            }
        }
        let http = try #require(ports?["http"], "no port file within 30 s")
        #expect((ports?["grpc"] ?? 0) > 0 && http > 0)

        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(http)/health"), timeout: .seconds(10))
        #expect(response.status == .ok)

        process.terminate()  // SIGTERM
        let stopped = Task {
            for await status in exited.stream { return status }
            return -1
        }
        let watchdog = Task {
            try await Task.sleep(for: .seconds(30))  // deadline for a clean shutdown
            stopped.cancel()
        }
        defer { watchdog.cancel() }
        #expect(await stopped.value == 0)
    }

    @Test("invalid options exit with a usage error naming the option")
    func invalidOptions() async throws {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["receive", "--grpc-port", "70000"]
        let error = Pipe()
        process.standardError = error
        process.standardOutput = FileHandle.nullDevice
        try await ProcessExit.run(process)
        let text = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 64)
        #expect(text.contains("--grpc-port must be between 0 and 65535, not 70000"))
    }
}
