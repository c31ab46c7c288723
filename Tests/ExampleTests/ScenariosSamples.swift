// The Swift samples of the Scenarios documentation (Sources/Scenarios/Scenarios.docc),
// compiled and run as tests: the local stack of the demo's stack file (two demo services, the
// fake receiver and Debian's Prometheus), so they need `swift build --product DemoService` and
// `make setup`.

import AsyncHTTPClient
import Foundation
import HarnessTestSupport
import Scenarios
import StackConfiguration
import TelemetryTesting

/// A scenario of one's own: every service of the stack answers its readiness probe.
struct ReadinessScenario: Scenario {
    let name = "readiness"
    let summary = "every service answers its readiness probe"

    func run(on stack: any RunningStack, context: ScenarioContext) async throws -> String {
        for (service, url) in stack.serviceURLs.sorted(by: { $0.key < $1.key }) {
            let response = try await context.client.get(url: url + "/health/ready").get()
            guard response.status == .ok else {
                throw ScenarioFailure("\(service): GET /health/ready answered \(response.status.code)")
            }
        }
        return "\(stack.serviceURLs.count) services ready"
    }
}

@Suite("Documentation samples: Scenarios")
struct ScenariosSamples {
    @Test("a scenario of the catalogue and one of ours on the local stack")
    func localStack() async throws {
        let plan = try StackFile.load(Repository.file("Fixtures/demo.stack.yaml"))
        let runner = ScenarioRunner(
            plan: plan,
            driver: LocalStackDriver(plan: plan, products: BuiltProducts.folder),
            scenarios: [CollectorHealthScenario(), ReadinessScenario()]
        )
        let report = await runner.run()
        print(report.summaryTable)
        #expect(report.succeeded, "\(report.summaryTable)")
    }
}
