import Foundation
import HarnessSupport
import HarnessTestSupport
import TelemetryTesting
import Tracing
import XCTest

/// The expectations of TelemetryTesting in an XCTest test case: a failed one fails the case, with
/// the same message as under Swift Testing.
final class XCTestFailureTests: XCTestCase {
    /// The environment variable under which ``testProbeFailsItsExpectation()`` fails on purpose.
    static let probeVariable = "OTEL_HARNESS_XCTEST_PROBE"

    /// Fails its expectation on purpose, when run alone by ``testAFailedExpectationFailsTheXCTestCase()``;
    /// otherwise passes without checking anything.
    func testProbeFailsItsExpectation() async throws {
        guard ProcessInfo.processInfo.environment[Self.probeVariable] == "1" else { return }
        try await withCapturedTelemetry { telemetry in
            withSpan("checkout") { _ in }
            _ = try await telemetry.waitForSpans(count: 1)
            await telemetry.expectTrace(timeout: .milliseconds(100)) { ExpectedSpan("payment") }
        }
    }

    /// Runs the probe as a test of its own, in a process of its own, and reads the verdict.
    func testAFailedExpectationFailsTheXCTestCase() async throws {
        let bundle = try BuiltProducts.executable("swift-otel-harnessPackageTests.xctest")
        let result = await CommandRunner.run(
            [bundle.path, "TelemetryXCTestTests.XCTestFailureTests/testProbeFailsItsExpectation"],
            environment: [Self.probeVariable: "1"],
            timeout: .seconds(120)
        )
        XCTAssertNotEqual(result.status, 0, "the probe passed although its expectation failed:\n\(result.output)")
        XCTAssertTrue(result.output.contains("no captured span tree matches"), result.output)
        XCTAssertTrue(result.output.contains("\"payment\""), result.output)
        XCTAssertTrue(result.output.contains("Executed 1 test, with 1 failure"), result.output)
    }
}
