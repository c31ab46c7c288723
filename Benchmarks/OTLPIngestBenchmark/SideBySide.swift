import AsyncHTTPClient
import Foundation
import HarnessSupport

/// OTLP/HTTP ingest of `otel-harness receive` next to rotel's (a Rust OpenTelemetry collector with
/// its blackhole exporter), each a process of its own, under the same `wrk` load with the same
/// request, in alternating rounds of one run: the ratio is what the goal compares.
struct SideBySide {
    /// One server's spans per second in each round.
    struct Result {
        var receiver: [Double]
        var rotel: [Double]
        /// The receiver's rate over rotel's, per round.
        var ratios: [Double] { zip(receiver, rotel).map { $0 / $1 } }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The `otel-harness` executable.
    var harness: String
    /// rotel's `rotel-agent` executable.
    var rotel: String
    /// The request body (protobuf), and the spans it holds.
    var body: Data
    var spansPerRequest: Int
    var seconds: Int
    var connections: Int
    var rounds: Int

    func run(progress: @Sendable (String) -> Void) async throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bodyFile = folder.appendingPathComponent("request.pb")
        try body.write(to: bodyFile)
        let script = folder.appendingPathComponent("post.lua")
        try Data(
            """
            local file = io.open("\(bodyFile.path)", "rb")
            wrk.method = "POST"
            wrk.body = file:read("*a")
            file:close()
            wrk.headers["Content-Type"] = "application/x-protobuf"
            """.utf8
        ).write(to: script)

        let receiver = try await startReceiver(portFile: folder.appendingPathComponent("ports.json"))
        let rotelPorts = (grpc: try FreeLocalPort.pick(), http: try FreeLocalPort.pick())
        let rotel = try await startRotel(ports: rotelPorts)
        defer {
            receiver.process.killLeftovers()
            rotel.killLeftovers()
        }
        var result = Result(receiver: [], rotel: [])
        for round in 1...rounds {
            // Alternate who goes first, so that neither always meets the warmer machine.
            let order = round.isMultiple(of: 2) ? ["rotel", "receiver"] : ["receiver", "rotel"]
            for name in order {
                let url = name == "rotel" ? "http://127.0.0.1:\(rotelPorts.http)/v1/traces" : receiver.url + "/v1/traces"
                let rate = try await wrk(url: url, script: script) * Double(spansPerRequest)
                if name == "rotel" { result.rotel.append(rate) } else { result.receiver.append(rate) }
                progress(String(format: "round %d, %@: %.0f spans/s", round, name, rate))
            }
        }
        await receiver.process.stop(grace: .seconds(10))
        await rotel.stop(grace: .seconds(10))
        return result
    }

    /// Requests per second `wrk` got from `url`, refusing a run with errors or non-2xx answers.
    private func wrk(url: String, script: URL) async throws -> Double {
        let run = await CommandRunner.run(
            ["wrk", "-t1", "-c\(connections)", "-d\(seconds)s", "-s", script.path, url],
            timeout: .seconds(Int64(seconds) + 60)
        )
        guard run.succeeded else { throw Failure(description: "wrk failed (\(run.status.map(String.init) ?? "signal")):\n\(run.output)") }
        let lines = run.output.split(separator: "\n")
        if let errors = lines.first(where: { $0.contains("Non-2xx or 3xx responses") || $0.contains("Socket errors") }) {
            throw Failure(description: "\(url): \(errors.trimmingCharacters(in: .whitespaces))\n\(run.output)")
        }
        guard let line = lines.first(where: { $0.hasPrefix("Requests/sec:") }),
            let rate = Double(line.dropFirst("Requests/sec:".count).trimmingCharacters(in: .whitespaces))
        else { throw Failure(description: "no Requests/sec in wrk's output:\n\(run.output)") }
        return rate
    }

    private func startReceiver(portFile: URL) async throws -> ServiceProcess {
        try await ServiceProcess.start(
            .path(harness),
            arguments: ["receive", "--grpc-port", "0", "--http-port", "0", "--port-file", "{port-file}"],
            environment: [:],
            readiness: .portFile
        )
    }

    private func startRotel(ports: (grpc: Int, http: Int)) async throws -> ChildProcess {
        guard FileManager.default.isExecutableFile(atPath: rotel) else {
            throw Failure(description: "no rotel-agent at \(rotel) (make setup installs rotel into .venv)")
        }
        var environment = ProcessInfo.processInfo.environment
        environment["RUST_LOG"] = "warn"
        let process = try await ChildProcess.launch(
            .path(rotel),
            arguments: [
                "start", "--exporter", "blackhole", "--otlp-grpc-endpoint", "127.0.0.1:\(ports.grpc)",
                "--otlp-http-endpoint", "127.0.0.1:\(ports.http)", "--log-format", "json",
            ],
            environment: environment
        )
        // rotel has no health endpoint: any HTTP answer (404 for GET /) means it listens.
        try await poll("rotel did not start listening", within: .seconds(30), every: .milliseconds(50)) { () -> Observation<Void> in
            guard process.isRunning else { return .failed("rotel exited (\(await process.wait())):\n\(process.printed)") }
            do {
                _ = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(ports.http)/"), timeout: .seconds(2))
                return .done(())
            } catch {
                return .notYet("no answer on port \(ports.http) yet: \(error)")
            }
        }
        return process
    }
}
