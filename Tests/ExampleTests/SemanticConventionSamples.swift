// The Swift sample of the SemanticConventionChecks documentation
// (Sources/SemanticConventionChecks/SemanticConventionChecks.docc), compiled and run as a test.

import Hummingbird
import HummingbirdTesting
import SemanticConventionChecks
import TelemetryTesting

@Suite("Documentation samples: SemanticConventionChecks")
struct SemanticConventionSamples {
    @Test("the user route's telemetry against the semantic conventions", .capturingTelemetry)
    func userRoute() async throws {
        let app = Application(router: makeUserRouter())
        try await app.test(.router) { client in
            try await client.execute(uri: "/users/42", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
        let telemetry = try #require(TelemetryCapture.current)
        try await telemetry.waitForSpans(count: 2)

        let findings = SemanticConventionChecker(maximumDistinctValues: 100)
            .check(traces: telemetry.data.traces, metrics: telemetry.data.metrics, logs: telemetry.data.logs)
        let errors = findings.filter { $0.severity == .error }

        // Hummingbird 2.28.1's middleware deviates from the conventions in three ways.
        #expect(
            Set(errors.map(\.rule)) == ["semconv/http-server-span-name", "semconv/http-server-attributes", "semconv/http-server-duration"],
            "\(findings)"
        )
    }
}
