import AsyncHTTPClient
import Foundation
import HarnessSupport
import HarnessTestSupport
import Testing

/// The `otel-harness receive` contract other tools rely on (DESIGN.md): ephemeral ports, the
/// port file, /health, and a clean exit on SIGTERM.
@Suite("otel-harness receive")
struct ReceiveCommandTests {
    @Test("writes the port file once listening, serves /health, exits 0 on SIGTERM")
    func contract() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("receive-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let portFile = folder.appendingPathComponent("ports.json")

        let receiver = try await ChildProcess.launch(
            .path(BuiltProducts.executable("otel-harness").path),
            arguments: ["receive", "--grpc-port", "0", "--http-port", "0", "--port-file", portFile.path, "--max-stored-bytes", "\(256 << 20)"]
        )
        let ports = try await poll("no port file", within: .seconds(30), every: .milliseconds(20)) { () -> Observation<[String: Int]> in
            guard receiver.isRunning else { return .failed("otel-harness receive exited:\n\(receiver.printed)") }
            guard let data = try? Data(contentsOf: portFile), let ports = try JSONSerialization.jsonObject(with: data) as? [String: Int]
            else { return .notYet("no port file at \(portFile.path)") }
            return .done(ports)
        }
        let http = try #require(ports["http"])
        #expect((ports["grpc"] ?? 0) > 0 && http > 0)

        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(http)/health"), timeout: .seconds(10))
        #expect(response.status == .ok)

        // The store gets what is left of the memory cap after the process's own and 1/32.
        let budget = try await poll("no store budget printed", within: .seconds(10), every: .milliseconds(20)) { () -> Observation<Int> in
            guard let match = receiver.printed.firstMatch(of: /the store may hold (\d+) of the 268435456 bytes/) else {
                return .notYet(receiver.printed)
            }
            return .done(Int(match.1) ?? 0)
        }
        #expect((128 << 20)...((256 - 8) << 20 - 1) ~= budget, "the process's own memory and 1/32 of the cap are set aside")

        let stop = await receiver.stop(grace: .seconds(30))
        #expect(stop.termination == .exited(0), "\(receiver.printed)")
    }

    @Test("invalid options exit with a usage error naming the option")
    func invalidOptions() async throws {
        let executable = try BuiltProducts.executable("otel-harness")
        let result = await CommandRunner.run([executable.path, "receive", "--grpc-port", "70000"], timeout: .seconds(60))
        #expect(result.status == 64)
        #expect(result.output.contains("--grpc-port must be between 0 and 65535, not 70000"))
    }
}
