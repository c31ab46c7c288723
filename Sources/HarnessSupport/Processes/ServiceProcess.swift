import AsyncHTTPClient
public import Foundation

/// A service under test run as a child process on 127.0.0.1: started with arguments and
/// environment, ready once it listens, stopped within a bound, and killed when dropped.
public final class ServiceProcess: Sendable {
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
    /// The process.
    public let process: ChildProcess
    private let folder: URL

    /// Its process identifier.
    public var processIdentifier: Int32 { process.processIdentifier }

    private init(url: String, process: ChildProcess, folder: URL) {
        self.url = url
        self.process = process
        self.folder = folder
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The environment a service starts with: this process's, without any `OTEL_*` or `DEMO_*`
    /// variable (so the harness's own settings do not leak into the service).
    public static var baseEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("OTEL_") && !$0.key.hasPrefix("DEMO_") }
    }

    /// Starts `executable` with `arguments` and ``baseEnvironment`` plus `environment`, and
    /// returns once it is ready.
    ///
    /// - Throws: ``Failure`` with what the service printed when it does not become ready within
    ///   `timeout` or exits first.
    public static func start(
        executable: URL,
        arguments: [String],
        environment: [String: String],
        readiness: Readiness = .portFile,
        within timeout: Duration = .seconds(60)
    ) async throws -> ServiceProcess {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw Failure(description: "no executable at \(executable.path)")
        }
        return try await start(
            .path(executable.path),
            arguments: arguments,
            environment: environment,
            readiness: readiness,
            within: timeout
        )
    }

    /// Starts `executable` (a path, or a name looked up in `PATH`) with `arguments`, in
    /// `workingDirectory`, with ``baseEnvironment`` plus `environment`, and returns once it is
    /// ready. `{port}` and `{port-file}` in the arguments and environment values are replaced as
    /// ``Readiness`` says.
    ///
    /// - Throws: ``Failure`` with what the service printed when it cannot start, does not become
    ///   ready within `timeout`, or exits first.
    public static func start(
        _ executable: ChildProcess.Executable,
        arguments: [String],
        environment: [String: String],
        workingDirectory: URL? = nil,
        readiness: Readiness = .portFile,
        within timeout: Duration = .seconds(60)
    ) async throws -> ServiceProcess {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("service-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let portFile = folder.appendingPathComponent("port.json")

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
        var merged = baseEnvironment
        merged.merge(environment.mapValues(substituted)) { $1 }
        if let fixedPort { merged["PORT"] = String(fixedPort) }
        let process: ChildProcess
        do {
            process = try await ChildProcess.launch(
                executable,
                arguments: arguments.map(substituted),
                environment: merged,
                workingDirectory: workingDirectory
            )
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw Failure(description: "\(error)")
        }

        let name = URL(fileURLWithPath: executable.description).lastPathComponent
        do {
            let url = try await poll("\(name) did not become ready", within: timeout, every: .milliseconds(20)) { () -> Observation<String> in
                guard process.isRunning else { return .failed("\(name) exited (\(await process.wait())) before it was ready") }
                switch readiness {
                case .portFile:
                    guard let data = FileManager.default.contents(atPath: portFile.path),
                        let ports = try? JSONSerialization.jsonObject(with: data) as? [String: Int], let port = ports["http"]
                    else { return .notYet("no port in \(portFile.path) yet") }
                    return .done("http://127.0.0.1:\(port)")
                case .port(let healthPath):
                    let url = "http://127.0.0.1:\(fixedPort ?? 0)"
                    let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url + healthPath), timeout: .seconds(2))
                    return response.status.code == 200 ? .done(url) : .notYet("GET \(healthPath) answered \(response.status.code)")
                }
            }
            return ServiceProcess(url: url, process: process, folder: folder)
        } catch {
            await process.stop(signal: SIGKILL, grace: .zero)
            try? FileManager.default.removeItem(at: folder)
            throw Failure(description: "\(error)\n\(process.printed.suffix(4000))")
        }
    }

    /// What the service printed so far.
    public var output: String { process.printed }

    /// Whether the process still runs.
    public var isRunning: Bool { process.isRunning }

    /// Its resident memory in bytes, `nil` once it exited.
    public var residentMemory: Int? { process.residentMemory }

    /// Sends SIGTERM and waits for the exit; kills it with SIGKILL when `bound` passes.
    @discardableResult
    public func stop(within bound: Duration) async -> ChildProcess.Stop {
        await process.stop(grace: bound)
    }
}
