// The Swift samples of the Scenarios documentation (Sources/Scenarios/Scenarios.docc),
// compiled and run as tests: the local stack (the demo service, the fake receiver and Debian's
// Prometheus), so they need `swift build --product DemoService` and `make setup`.

import AsyncHTTPClient
import Foundation
import HarnessTestSupport
import Scenarios
import TelemetryTesting

/// A scenario of one's own: the demo service answers its readiness probe.
struct DemoReadinessScenario: Scenario {
    let name = "demo-readiness"
    let summary = "the demo service answers its readiness probe"

    func run(on stack: any RunningStack, context: ScenarioContext) async throws -> String {
        let response = try await context.client.get(url: stack.endpoints.demoService + "/health/ready").get()
        guard response.status == .ok else {
            throw ScenarioFailure("GET /health/ready answered \(response.status.code)")
        }
        return "ready"
    }
}

@Suite("Documentation samples: Scenarios")
struct ScenariosSamples {
    @Test("a scenario of the catalogue and one of ours on the local stack")
    func localStack() async throws {
        let demoService = try BuiltProducts.executable("DemoService")

        let launcher = DemoServiceLauncher(executable: demoService)
        let runner = ScenarioRunner(
            driver: LocalStackDriver(demoService: launcher),
            scenarios: [CollectorHealthScenario(), DemoReadinessScenario()]
        )
        let report = await runner.run()
        print(report.summaryTable)
        #expect(report.succeeded, "\(report.summaryTable)")
    }
}
