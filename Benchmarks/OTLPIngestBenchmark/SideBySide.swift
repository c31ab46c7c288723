import AsyncHTTPClient
import Foundation
import HarnessSupport
import NIOCore
import OTLPReceiver

/// OTLP/HTTP ingest of `otel-harness receive` next to rotel's (a Rust OpenTelemetry collector with
/// its blackhole exporter), each a process of its own, under the same `wrk` load with the same
/// request, in alternating rounds of one run: the ratio is what the goal compares.
///
/// Then the receiver's gRPC ingest next to its OTLP/HTTP ingest, both under `h2load` (nghttp2's
/// load generator, a process of its own: HTTP/1.1 with `--h1`, gRPC as HTTP/2 POSTs of a framed
/// message), in alternating rounds, so that neither protocol's client shares the cores with the
/// receiver in this process.
struct SideBySide {
    /// One server's spans per second in each round.
    struct Result {
        var receiver: [Double]
        var rotel: [Double]
        /// The receiver's rate over rotel's, per round.
        var ratios: [Double] { zip(receiver, rotel).map { $0 / $1 } }
        /// The receiver's spans per second under `h2load`, over OTLP/HTTP (HTTP/1.1) and gRPC.
        var h2loadHTTP: [Double] = []
        var h2loadGRPC: [Double] = []
        /// gRPC's rate over HTTP's, per round.
        var grpcRatios: [Double] { zip(h2loadGRPC, h2loadHTTP).map { $0 / $1 } }
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

        let grpcPort = try FreeLocalPort.pick()
        let receiver = try await startReceiver(grpcPort: grpcPort)
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
        await rotel.stop(grace: .seconds(10))

        // gRPC next to HTTP, one load generator for both.
        let grpcBody = folder.appendingPathComponent("request.grpc")
        var framed = Data([0])
        withUnsafeBytes(of: UInt32(body.count).bigEndian) { framed.append(contentsOf: $0) }
        try (framed + body).write(to: grpcBody)
        for round in 1...rounds {
            let order = round.isMultiple(of: 2) ? ["gRPC", "HTTP"] : ["HTTP", "gRPC"]
            for name in order {
                let rate: Double
                if name == "HTTP" {
                    rate = try await h2load(
                        receiver.url + "/v1/traces",
                        body: bodyFile,
                        headers: ["content-type: application/x-protobuf"],
                        http1: true,
                        receiver: receiver.url
                    )
                    result.h2loadHTTP.append(rate * Double(spansPerRequest))
                } else {
                    rate = try await h2load(
                        "http://127.0.0.1:\(grpcPort)/opentelemetry.proto.collector.trace.v1.TraceService/Export",
                        body: grpcBody,
                        headers: ["content-type: application/grpc", "te: trailers"],
                        http1: false,
                        receiver: receiver.url
                    )
                    result.h2loadGRPC.append(rate * Double(spansPerRequest))
                }
                progress(String(format: "h2load round %d, %@: %.0f spans/s", round, name, rate * Double(spansPerRequest)))
            }
        }
        await receiver.process.stop(grace: .seconds(10))
        return result
    }

    /// Requests per second `h2load` got from `url` posting `body`, refusing a run with a failed or
    /// errored request. gRPC answers HTTP 200 even when it refuses a call, so the receiver's own
    /// count of accepted spans is checked too.
    private func h2load(_ url: String, body: URL, headers: [String], http1: Bool, receiver: String) async throws -> Double {
        let spansBefore = try await Self.acceptedSpans(at: receiver)
        var arguments = ["h2load", "-D", "\(seconds)", "-c", "\(connections)", "-m", "1", "-d", body.path]
        if http1 { arguments.append("--h1") }
        for header in headers { arguments += ["-H", header] }
        let run = await CommandRunner.run(arguments + [url], timeout: .seconds(Int64(seconds) + 60))
        guard run.succeeded else {
            throw Failure(
                description: "h2load failed (\(run.status.map(String.init) ?? "signal")); `make setup` installs nghttp2-client:\n\(run.output)"
            )
        }
        // "requests: 900 total, 900 started, 900 done, 900 succeeded, 0 failed, 0 errored, 0 timeout"
        let lines = run.output.split(separator: "\n")
        guard let requests = lines.first(where: { $0.hasPrefix("requests:") }),
            let succeeded = Self.count("succeeded", in: requests), Self.count("failed", in: requests) == 0,
            Self.count("errored", in: requests) == 0,
            let finished = lines.first(where: { $0.hasPrefix("finished in") }),
            let seconds = Double(finished.dropFirst("finished in ".count).prefix { $0 != "s" })
        else { throw Failure(description: "\(url): h2load's run did not succeed whole:\n\(run.output)") }
        // Requests in flight when h2load's timing ends are accepted too, but not all counted by it
        // (about one per connection).
        let accepted = try await Self.acceptedSpans(at: receiver) - spansBefore
        let started = Self.count("started", in: requests) ?? succeeded
        guard (succeeded * spansPerRequest...(max(started, succeeded) + connections) * spansPerRequest).contains(accepted) else {
            throw Failure(
                description: "\(url): \(succeeded) of \(started) requests succeeded, but the receiver accepted \(accepted) spans:\n\(run.output)"
            )
        }
        return Double(succeeded) / seconds
    }

    /// The count before `label` in h2load's "requests:" line.
    private static func count(_ label: String, in line: Substring) -> Int? {
        let words = line.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) }
        guard let index = words.firstIndex(of: label), index > 0 else { return nil }
        return Int(words[index - 1])
    }

    /// The spans the receiver at `url` accepted so far: stored and evicted.
    private static func acceptedSpans(at url: String) async throws -> Int {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url + "/storage"), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        let usage = try JSONDecoder().decode(ReceiverStorageUsage.self, from: Data(body.readableBytesView))
        return usage.storedItems + usage.evictedItems
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

    private func startReceiver(grpcPort: Int) async throws -> ServiceProcess {
        try await ServiceProcess.start(
            .path(harness),
            arguments: ["receive", "--grpc-port", "\(grpcPort)", "--http-port", "0", "--port-file", "{port-file}"],
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
