import Foundation
import HarnessSupport
import StackConfiguration
import TelemetryModel

/// Scenario 6: with the collector stopped, black-holed and answering 503 with Retry-After, the
/// services answer every request of the stack file's resilience request under steady load,
/// the p95 stays within the budget of the healthy p95, memory stays bounded, each service shuts
/// down within the bound, and when the collector returns telemetry flows again.
///
/// Method: services the driver can stop (fresh copies, in the local stack) take open-loop load at
/// a constant rate. For each fault, healthy and faulty segments alternate (so that drift of the
/// machine hits both alike); the faulty p95 fails the budget only when it is above it with 95 %
/// confidence (a bootstrap bound), so one noisy segment cannot fail the scenario. The shutdown is
/// timed with the collector black-holed, the case where swift-otel's own graceful shutdown never
/// ends.
public struct ResilienceScenario: Scenario {
    public let name = "resilience"
    public let summary = "the services cope with the collector stopped, black-holed and answering 503, and recover"

    /// The scenario.
    public init() {}

    public func run(on stack: any RunningStack, context: ScenarioContext) async throws -> String {
        guard let planned = context.plan.resilience else {
            throw ScenarioSkipped("the stack file has no resilience section (resilience.request names the request to load)")
        }
        let settings = context.settings.resilienceOverrides.applied(to: planned)
        guard let request = context.plan.request(settings.request) else {
            throw ScenarioFailure("resilience.request names request \(settings.request), which is not under traffic")
        }
        let faults = settings.faults.map(CollectorCondition.init(stackFileName:))
        let services = try await stack.disposableServices()
        do {
            let summary = try await exercise(services, request: request, faults: faults, settings: settings, on: stack, context: context)
            try await stack.setCollector(.healthy)
            await services.restore()
            return summary
        } catch {
            await services.stopAll(within: .seconds(1))
            try? await stack.setCollector(.healthy)
            await services.restore()
            throw error
        }
    }

    private func exercise(
        _ services: DisposableServices,
        request: TrafficRequest,
        faults: [CollectorCondition],
        settings: ResilienceSettings,
        on stack: any RunningStack,
        context: ScenarioContext
    ) async throws -> String {
        let traffic = TrafficSender(serviceURLs: services.urls, client: context.client, ledger: context.ledger)
        let load = try traffic.load(request, rate: settings.rate)
        let backend = stack.endpoints.traceQuery.map { TraceBackendClient(endpoint: $0, client: context.client) }
        func memory() -> Int { services.services.compactMap { $0.residentMemory() }.reduce(0, +) }
        try await stack.setCollector(.healthy)
        _ = await load.run(for: .seconds(1), client: context.client)  // warm-up
        let baselineMemory = memory()
        var peakMemory = baselineMemory
        var failures: [String] = []
        var lines: [String] = []

        for fault in faults {
            var healthy = HTTPLoad.Result()
            var faulty = HTTPLoad.Result()
            do {
                for _ in 0..<max(1, settings.pairs) {
                    try await stack.setCollector(.healthy)
                    healthy.merge(await load.run(for: settings.segment, client: context.client))
                    try await stack.setCollector(fault)
                    faulty.merge(await load.run(for: settings.segment, client: context.client))
                    peakMemory = max(peakMemory, memory())
                }
            } catch let skipped as ScenarioSkipped {
                lines.append("\(fault): skipped (\(skipped.reason))")
                continue
            }
            try await stack.setCollector(.healthy)
            lines.append(contentsOf: judge(fault: fault, healthy: healthy, faulty: faulty, budget: settings.latencyBudget, failures: &failures))

            // Recovery: a request after the collector's return must reach the trace backend.
            guard let backend else { continue }
            do {
                let returned = ContinuousClock.now
                let sent = try await traffic.send(request)
                try await poll(
                    "after the collector returned (it had been \(fault)), trace \(sent.traceID.hex) did not reach the trace backend",
                    within: context.settings.pollTimeout
                ) { () -> Observation<Void> in
                    try await backend.trace(sent.traceID) != nil ? .done(()) : .notYet("the backend has no span of trace \(sent.traceID.hex)")
                }
                lines.append("after \(fault): telemetry flowed again within \(format(ContinuousClock.now - returned))")
            } catch let failure as PollFailure {
                failures.append(failure.description)
            } catch let failure as ScenarioFailure {
                failures.append(failure.description)
            }
        }

        let growth = peakMemory - baselineMemory
        if baselineMemory > 0 {
            lines.append("memory \(baselineMemory >> 20) MiB healthy, peak \(peakMemory >> 20) MiB")
            if growth > settings.memoryGrowthLimit {
                failures.append(
                    "resident memory grew by \(growth >> 20) MiB while the collector was down, above the \(settings.memoryGrowthLimit >> 20) MiB limit"
                )
            }
        }

        // Shutdown with the collector black-holed, after some telemetry is waiting for it.
        try await stack.setCollector(.blackHole)
        _ = await load.run(for: .milliseconds(500), client: context.client)
        for service in services.services.reversed() {
            guard let stop = await service.stop(settings.shutdownBound) else {
                lines.append("shutdown of \(service.name): not measured by this driver")
                continue
            }
            if !stop.killed {
                lines.append("shutdown of \(service.name) with the collector black-holed: \(format(stop.took)) (\(stop.termination))")
            } else {
                failures.append(
                    "\(service.name) did not shut down within \(settings.shutdownBound) of SIGTERM with the collector black-holed (killed); output:\n\(service.output().suffix(2000))"
                )
            }
        }
        try await stack.setCollector(.healthy)

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
