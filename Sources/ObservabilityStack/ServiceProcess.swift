public import Foundation
import AsyncHTTPClient

/// A service under test run as a child process on 127.0.0.1: started with arguments and
/// environment, ready once it listens, stopped within a bound, and killed when dropped.
public final class ServiceProcess: @unchecked Sendable {
    /// Why a service could not be started.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, with the service's output.
        public var description: String

        /// A failure described by `description`.
        public init(description: String) { self.description = description }
    }

    /// How to learn that the service listens, and where.
    public enum Readiness: Sendable {
        /// The service is given a file path through `{port-file}` in its arguments and writes
        /// `{"http":N}` there once it listens (as `DemoService --port 0 --port-file F` does).
        case portFile
        /// A free port is chosen and given through `{port}` in the arguments and environment
        /// values (and `PORT`); the service is ready when `GET healthPath` answers 200.
        case port(healthPath: String)
    }

    /// Where it answers, for example `http://127.0.0.1:41234`.
    public let url: String
    /// Its process identifier.
    public let processIdentifier: Int32
    private let process: Process
    private let folder: URL
    private let exit: ProcessExit

    private init(url: String, process: Process, folder: URL, exit: ProcessExit) {
        self.url = url
        self.process = process
        self.processIdentifier = process.processIdentifier
        self.folder = folder
        self.exit = exit
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Starts `executable` with `arguments` and this process's environment (without any
    /// `OTEL_*` or `DEMO_*` variable) plus `environment`, and returns once it is ready.
    public static func start(
        executable: URL, arguments: [String], environment: [String: String], readiness: Readiness = .portFile,
        within timeout: Duration = .seconds(60)
    ) async throws -> ServiceProcess {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw Failure(description: "no executable at \(executable.path)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("service-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let output = folder.appendingPathComponent("output.log")
        let portFile = folder.appendingPathComponent("port.json")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)

        var placeholders = ["{port-file}": portFile.path]
        var fixedPort: Int?
        if case .port = readiness {
            let port = try FreeLocalPort.pick()
            placeholders["{port}"] = String(port)
            fixedPort = port
        }
        func substituted(_ text: String) -> String {
            placeholders.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments.map(substituted)
        var merged = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("OTEL_") && !$0.key.hasPrefix("DEMO_") }
        merged.merge(environment.mapValues(substituted)) { $1 }
        if let fixedPort { merged["PORT"] = String(fixedPort) }
        process.environment = merged
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        let exit = ProcessExit(process)
        try process.run()

        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline, process.isRunning {
            switch readiness {
            case .portFile:
                if let data = FileManager.default.contents(atPath: portFile.path),
                   let ports = try? JSONSerialization.jsonObject(with: data) as? [String: Int], let port = ports["http"] {
                    return ServiceProcess(url: "http://127.0.0.1:\(port)", process: process, folder: folder, exit: exit)
                }
            case .port(let healthPath):
                let url = "http://127.0.0.1:\(fixedPort ?? 0)"
                if let response = try? await HTTPClient.shared.execute(HTTPClientRequest(url: url + healthPath), timeout: .seconds(2)),
                   response.status.code == 200 {
                    return ServiceProcess(url: url, process: process, folder: folder, exit: exit)
                }
            }
            try await Task.sleep(for: .milliseconds(20))  // poll interval
        }
        let printed = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: folder)
        throw Failure(description: "\(executable.lastPathComponent) did not become ready within \(timeout):\n\(printed.suffix(4000))")
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

    /// Sends SIGTERM and waits for the exit; kills it with SIGKILL when `bound` passes.
    public func stop(within bound: Duration) async -> ProcessExit.Stop {
        guard process.isRunning else { return ProcessExit.Stop(status: process.terminationStatus, took: .zero) }
        return await exit.stop(within: bound)
    }
}
