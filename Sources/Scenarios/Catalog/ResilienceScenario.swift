import Foundation
import HarnessSupport
import TelemetryModel

/// Scenario 4: with the collector stopped, black-holed and answering 503 with Retry-After,
/// the demo service answers every request under steady load, its p95 stays within the budget
/// of the healthy p95, its memory stays bounded, it shuts down within the bound, and when the
/// collector returns its telemetry flows again.
///
/// Method: a fresh demo service takes open-loop load at a constant rate. For each fault, healthy
/// and faulty segments alternate (so that drift of the machine hits both alike); the faulty
/// p95 fails the budget only when it is above it with 95 % confidence (a bootstrap bound), so
/// one noisy segment cannot fail the scenario. The shutdown is timed with the collector
/// black-holed, the case where swift-otel's own graceful shutdown never ends.
public struct ResilienceScenario: Scenario {
    public let name = "resilience"
    public let summary = "the demo service copes with the collector stopped, black-holed and answering 503, and recovers"
    /// The collector faults, in order.
    public var faults: [CollectorCondition] = CollectorCondition.faults
    /// Extra environment for the demo service under test.
    public var demoServiceOverrides: [String: String] = [:]
    /// Runs a demo service whose every request first checks the collector's health and fails
    /// without it: a service that does not cope, which this scenario must fail.
    public var serviceDependsOnCollector = false

    /// The scenario, with every fault.
    public init() {}

    public func run(on stack: any RunningStack, context: ScenarioContext) async throws -> String {
        var overrides = demoServiceOverrides
        if serviceDependsOnCollector { overrides["DEMO_COLLECTOR_DEPENDENCY_URL"] = stack.endpoints.collectorHealth }
        let service = try await stack.demoServiceLauncher.launch(collectorOTLP: stack.endpoints.collectorOTLP, overrides: overrides)
        do {
            let summary = try await exercise(service, on: stack, context: context)
            try await stack.setCollector(.healthy)
            return summary
        } catch {
            _ = await service.stop(within: .seconds(1))
            try? await stack.setCollector(.healthy)
            throw error
        }
    }

    private func exercise(_ service: ServiceProcess, on stack: any RunningStack, context: ScenarioContext) async throws -> String {
        let settings = context.settings
        let load = HTTPLoad(url: service.url, request: .demoPipeline, mode: .openLoop(rate: settings.requestRate))
        let traffic = DemoTraffic(url: service.url, client: context.client)
        let backend = TraceBackendClient(endpoint: stack.endpoints.traceQuery, client: context.client)
        try await stack.setCollector(.healthy)
        _ = await load.run(for: .seconds(1), client: context.client)  // warm-up
        let baselineMemory = service.residentMemory ?? 0
        var peakMemory = baselineMemory
        var failures: [String] = []
        var lines: [String] = []

        for fault in faults {
            var healthy = HTTPLoad.Result()
            var faulty = HTTPLoad.Result()
            do {
                for _ in 0..<max(1, settings.segmentPairs) {
                    try await stack.setCollector(.healthy)
                    healthy.merge(await load.run(for: settings.segmentDuration, client: context.client))
                    try await stack.setCollector(fault)
                    faulty.merge(await load.run(for: settings.segmentDuration, client: context.client))
                    peakMemory = max(peakMemory, service.residentMemory ?? 0)
                }
            } catch let skipped as ScenarioSkipped {
                lines.append("\(fault): skipped (\(skipped.reason))")
                continue
            }
            try await stack.setCollector(.healthy)
            lines.append(contentsOf: judge(fault: fault, healthy: healthy, faulty: faulty, budget: settings.latencyBudget, failures: &failures))

            // Recovery: a request after the collector's return must reach the trace backend.
            do {
                let returned = ContinuousClock.now
                let (traceID, _) = try await traffic.pipeline()
                try await poll(
                    "after the collector returned (it had been \(fault)), trace \(traceID.hex) did not reach the trace backend",
                    within: settings.pollTimeout
                ) { () -> Observation<Void> in
                    try await backend.trace(traceID) != nil ? .done(()) : .notYet("the backend has no span of trace \(traceID.hex)")
                }
                lines.append("after \(fault): telemetry flowed again within \(format(ContinuousClock.now - returned))")
            } catch let failure as PollFailure {
                failures.append(failure.description)
            } catch let failure as ScenarioFailure {
                failures.append(failure.description)
            }
        }

        let growth = peakMemory - baselineMemory
        lines.append("memory \(baselineMemory >> 20) MiB healthy, peak \(peakMemory >> 20) MiB")
        if growth > settings.memoryGrowthLimit {
            failures.append(
                "resident memory grew by \(growth >> 20) MiB while the collector was down, above the \(settings.memoryGrowthLimit >> 20) MiB limit"
            )
        }

        // Shutdown with the collector black-holed, after some telemetry is waiting for it.
        try await stack.setCollector(.blackHole)
        _ = await load.run(for: .milliseconds(500), client: context.client)
        let stop = await service.stop(within: settings.shutdownBound)
        try await stack.setCollector(.healthy)
        if !stop.killed {
            lines.append("shutdown with the collector black-holed: \(format(stop.took)) (\(stop.termination))")
        } else {
            failures.append(
                "the demo service did not shut down within \(settings.shutdownBound) of SIGTERM with the collector black-holed (killed); output:\n\(service.output.suffix(2000))"
            )
        }

        guard failures.isEmpty else {
            throw ScenarioFailure(failures.joined(separator: "\n"), lastObservation: lines.joined(separator: "\n"))
        }
        return lines.joined(separator: "; ")
    }

    /// The verdicts on one fault: every request answered, p95 within budget.
    private func judge(
        fault: CollectorCondition,
        healthy: HTTPLoad.Result,
        faulty: HTTPLoad.Result,
        budget: Double,
        failures: inout [String]
    ) -> [String] {
        if faulty.failureCount > 0 {
            failures.append("with the collector \(fault), \(faulty.failureCount) of \(faulty.sent) requests failed: \(faulty.failureSummary)")
        }
        if healthy.failureCount > 0 {
            failures.append(
                "with the collector healthy (between \(fault) segments), \(healthy.failureCount) of \(healthy.sent) requests failed: \(healthy.failureSummary)"
            )
        }
        guard let comparison = PercentileComparison(healthy: healthy.latencies, faulty: faulty.latencies) else {
            return ["\(fault): no answered requests to compare"]
        }
        let line =
            "\(fault): p95 \(milliseconds(comparison.healthy)) → \(milliseconds(comparison.faulty)) (×\(String(format: "%.3f", comparison.ratio)), ≥ ×\(String(format: "%.3f", comparison.ratioLowerBound)) at 95 %), \(faulty.failureCount)/\(faulty.sent) failed"
        if comparison.exceeds(budget: budget) {
            failures.append(
                "with the collector \(fault), p95 latency grew from \(milliseconds(comparison.healthy)) to \(milliseconds(comparison.faulty)) (×\(String(format: "%.3f", comparison.ratio)); at least ×\(String(format: "%.3f", comparison.ratioLowerBound)) with 95 % confidence), above the \(Int((budget * 100).rounded())) % budget"
            )
        }
        return [line]
    }

    private func milliseconds(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }
    private func format(_ duration: Duration) -> String {
        String(format: "%.2f s", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
