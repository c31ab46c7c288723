// The XCTest sample of the TelemetryTesting documentation (XCTestUsage.md), run by `swift test`
// next to the Swift Testing tests.

import TelemetryTesting
import XCTest

final class CheckoutTests: XCTestCase {
    func testCheckoutIsTraced() async throws {
        try await withCapturedTelemetry { telemetry in
            try await checkout(cart: ["book"])
            try await telemetry.requireTrace {
                ExpectedSpan("checkout", kind: .server) { ExpectedSpan("charge card") }
            }
            telemetry.expectTotal(of: "checkouts", equals: 1)
        }
    }
}
