import Foundation
import HarnessSupport
import HarnessTestSupport
import Testing

/// `otel-harness scenarios --check` and `scenarios init`, run as a user runs them.
@Suite("otel-harness scenarios --check and init")
struct ScenariosCommandTests {
    static func harness(_ arguments: [String]) async throws -> CommandRunner.Result {
        let executable = try BuiltProducts.executable("otel-harness")
        return await CommandRunner.run([executable.path] + arguments, timeout: .seconds(60))
    }

    @Test("--check accepts the demo's stack file and starts nothing")
    func validFile() async throws {
        let result = try await Self.harness(["scenarios", "--file", Repository.file("Fixtures/demo.stack.yaml").path, "--check"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("valid stack file \"demo\": 2 services (demo-worker, demo-service)"), "\(result.output)")
    }

    @Test("--check reports an unknown key, a wrong type and a dangling reference with file:line:column, and exits 1")
    func invalidFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stack-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("broken.yaml")
        try Data("version: 1\nservices:\n  api:\n    comand: [x]\ntraffic:\n  home: {service: web, count: many}\n".utf8).write(to: file)
        let result = try await Self.harness(["scenarios", "--file", file.path, "--check"])
        #expect(result.status == 1)
        #expect(result.output.contains("broken.yaml:4:5: error: unknown key `comand` in services.api (did you mean `command`?)"), "\(result.output)")
        #expect(result.output.contains("broken.yaml:6:31: error: traffic.home.count must be a whole number, not a string"), "\(result.output)")
        #expect(
            result.output.contains("broken.yaml:6:19: error: traffic.home.service refers to service `web`, which is not defined under services"),
            "\(result.output)"
        )
    }

    @Test("init writes a starter stack file from a compose file, roles inferred from the images, that --check accepts")
    func initFromCompose() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("init-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("stack.yaml")
        let compose = Repository.file("Examples/fastapi-pair/compose.yaml").path
        let written = try await Self.harness(["scenarios", "init", "--compose", compose, "--output", output.path])
        #expect(written.status == 0, "\(written.output)")
        let text = try String(contentsOf: output, encoding: .utf8)
        for line in [
            "  api:", "    port: 8000", "  collector: otel-collector  # inferred from its image", "  prometheus: prometheus",
            "  trace_backend: jaeger", "  grafana: grafana",
        ] {
            #expect(text.contains(line), "missing `\(line)` in:\n\(text)")
        }
        let checked = try await Self.harness(["scenarios", "--file", output.path, "--check"])
        #expect(checked.status == 0, "\(checked.output)\n\(text)")
    }
}
