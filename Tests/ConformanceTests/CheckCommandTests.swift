import Foundation
import HarnessSupport
import HarnessTestSupport
import Testing

/// The `otel-harness check` contract other tools rely on (DESIGN.md): exit 1 when any finding is
/// an error, 0 otherwise, and `--format json` as an array of {rule, severity, file, line, message}.
@Suite("otel-harness check")
struct CheckCommandTests {
    static let executable = BuiltProducts.path("otel-harness")

    @Test("a broken configuration exits 1 and prints JSON findings; the project's stack exits 0")
    func exitStatusAndJSON() async throws {
        let broken = ConformanceFixtures.corpus.appendingPathComponent("broken/collector-removed-components").path
        let result = await CommandRunner.run([Self.executable, "check", broken, "--format", "json"], timeout: .seconds(60))
        #expect(result.status == 1, "\(result.output)")
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])
        #expect(findings.count == 3)
        #expect(findings.allSatisfy { ["rule", "severity", "file", "line", "message"].allSatisfy($0.keys.contains) })

        let repository = ConformanceFixtures.repository.path
        let good = await CommandRunner.run(
            [Self.executable, "check", repository + "/compose", repository + "/Fixtures/stack"],
            timeout: .seconds(60)
        )
        #expect(good.status == 0, "\(good.output)")
        #expect(good.output.hasSuffix("0 errors, 0 warnings, 0 info in 8 files\n"))
    }

    @Test("warnings alone exit 0")
    func warningsPass() async throws {
        let warnings = ConformanceFixtures.corpus.appendingPathComponent("broken/prometheus-missing-honor-labels").path
        let result = await CommandRunner.run([Self.executable, "check", warnings], timeout: .seconds(60))
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("[prometheus/missing-honor-labels]"))
    }
}
