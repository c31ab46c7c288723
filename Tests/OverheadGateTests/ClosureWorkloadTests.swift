import Testing

@testable import OverheadGate

/// The gate over two in-process closures, as a library author uses it.
@Suite("Overhead gate on closures")
struct ClosureWorkloadTests {
    /// CPU work of `rounds` FNV-1a steps, kept from being optimised away.
    @inline(never)
    static func work(_ rounds: Int) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for index in 0..<rounds { hash = (hash ^ UInt64(truncatingIfNeeded: index)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    @Test("an instrumented closure doing 50 % more work fails the 5 % budget")
    func slowerFails() async throws {
        let workload = ClosureWorkload(
            warmUpCalls: 200,
            measuredCalls: 2_000,
            baseline: { _ = Self.work(20_000) },
            instrumented: { _ = Self.work(30_000) }
        )
        let report = try await OverheadBenchmark().run(workload)
        #expect(report.verdict == .fail, "\(report.terminalTable)")
        #expect((report.finalInterval?.ratio ?? 0) > 1.2)
    }

    @Test("identical closures do not fail")
    func identicalDoesNotFail() async throws {
        let workload = ClosureWorkload(
            warmUpCalls: 200,
            measuredCalls: 2_000,
            baseline: { _ = Self.work(20_000) },
            instrumented: { _ = Self.work(20_000) }
        )
        let report = try await OverheadBenchmark().run(workload)
        #expect(report.verdict != .fail, "\(report.terminalTable)")
        #expect(report.verdict != .invalid)
    }
}
