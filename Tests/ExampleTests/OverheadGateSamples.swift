// The Swift sample of the OverheadGate documentation (Sources/OverheadGate/OverheadGate.docc),
// compiled and run as a test.

import Foundation
import OverheadGate
import TelemetryTesting
import Tracing

/// What the sample encodes.
struct Order: Codable, Sendable {
    var id: Int
    var items: [String]
}

@Suite("Documentation samples: OverheadGate")
struct OverheadGateSamples {
    @Test("a span around an encoding does not fail the 5 % budget")
    func closureWorkload() async throws {
        let order = Order(id: 42, items: Array(repeating: "book", count: 2_000))

        let workload = ClosureWorkload(
            warmUpCalls: 10,
            measuredCalls: 200,
            baseline: { _ = try JSONEncoder().encode(order) },
            instrumented: { try withSpan("encode") { _ in _ = try JSONEncoder().encode(order) } }
        )
        let report = try await OverheadBenchmark().run(workload)
        #expect(report.verdict != .fail, "\(report.terminalTable)")
    }
}
