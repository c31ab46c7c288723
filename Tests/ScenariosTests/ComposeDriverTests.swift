import Foundation
import HarnessSupport
import HarnessTestSupport
import StackConfiguration
import Testing

@testable import Scenarios

/// The compose driver without a Docker engine: the roles it reads from a compose project, and
/// the skip it reports when no engine answers.
@Suite("Compose driver")
struct ComposeDriverTests {
    @Test("roles come from the images when the stack file names none, and from the file when it does")
    func roles() throws {
        let compose = Repository.file("Examples/fastapi-pair/compose.yaml")
        let inferred = try ComposeRoles(settings: ComposeSettings(files: ["compose.yaml"]), files: [compose])
        #expect(inferred.collector == ComposeRole(service: "otel-collector", port: 4317))
        #expect(inferred.collectorHealth == ComposeRole(service: "otel-collector", port: 13133))
        #expect(inferred.prometheus == ComposeRole(service: "prometheus", port: 9090))
        #expect(inferred.traceBackend == ComposeRole(service: "jaeger", port: 16686))
        #expect(inferred.grafana == ComposeRole(service: "grafana", port: 3000))
        #expect(inferred.composeServices.isSuperset(of: ["api", "worker"]))

        var settings = ComposeSettings(files: ["compose.yaml"])
        settings.prometheus = ComposeRole(service: "prometheus", port: 9091)
        #expect(try ComposeRoles(settings: settings, files: [compose]).prometheus?.port == 9091)
        settings.grafana = ComposeRole(service: "grafana-oss")
        #expect(throws: ScenarioFailure.self) { try ComposeRoles(settings: settings, files: [compose]) }
    }

    @Test("without a Docker engine every scenario is skipped with the reason")
    func skipsWithoutDocker() async throws {
        let engine = await HarnessSupportProbe.dockerEngineAnswers()
        try #require(!engine, "a Docker engine answers here; this test covers the machines without one")
        let plan = try StackFile.load(Repository.file("Examples/fastapi-pair/stack.yaml"))
        let report = await ScenarioRunner(plan: plan, driver: ComposeStackDriver(plan: plan, products: BuiltProducts.folder)).run()
        #expect(report.succeeded)
        #expect(report.results.count == 7 && report.results.allSatisfy { $0.status == .skipped }, "\(report.summaryTable)")
        #expect(report.results.first?.detail.contains("no Docker engine answers") == true, "\(report.summaryTable)")
    }
}

enum HarnessSupportProbe {
    static func dockerEngineAnswers() async -> Bool {
        await HarnessSupport.CommandRunner.run(["docker", "info", "--format", "{{.ServerVersion}}"], timeout: .seconds(20)).succeeded
    }
}
