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
/// a constant rate. For each fault, healthy and faulty segments alternate in pairs (healthy
/// first, then faulty first, so that a drift of the machine hits both sides alike), and each
/// pair's p95 ratio is one observation: the budget fails only when the ratios put it above the
/// budget with 99.5 % confidence at one of up to five looks (``PairedPercentileComparison``), so
/// one noisy segment cannot fail the scenario. Pairs beyond `pairs` run only while the ratio is
/// above the budget but not shown to be. The shutdown is timed with the collector black-holed,
/// the case where swift-otel's own graceful shutdown never ends.
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

        var condition = CollectorCondition.healthy
        func set(_ wanted: CollectorCondition) async throws {
            if wanted != condition { try await stack.setCollector(wanted) }
            condition = wanted
        }

        for fault in faults {
            var comparison = PairedPercentileComparison(percentile: 0.95, confidence: Self.confidencePerLook)
            var healthy = HTTPLoad.Result()
            var faulty = HTTPLoad.Result()
            do {
                // Pairs in the order healthy-faulty, faulty-healthy, …: a drift that is linear in
                // time hits the two sides of two pairs alike, and the collector changes state once
                // a pair. A pair whose segments answered nothing adds no ratio but still counts.
                var pair = 0
                while pair < max(settings.pairs, settings.maximumPairs),
                    comparison.wantsAnotherPair(budget: settings.latencyBudget, minimum: settings.pairs, maximum: settings.maximumPairs)
                {
                    var segments: [CollectorCondition: HTTPLoad.Result] = [:]
                    for segment in pair.isMultiple(of: 2) ? [CollectorCondition.healthy, fault] : [fault, .healthy] {
                        try await set(segment)
                        segments[segment] = await load.run(for: settings.segment, client: context.client)
                        peakMemory = max(peakMemory, memory())
                    }
                    let pairHealthy = segments[.healthy] ?? HTTPLoad.Result()
                    let pairFaulty = segments[fault] ?? HTTPLoad.Result()
                    comparison.append(healthy: pairHealthy.latencies, faulty: pairFaulty.latencies)
                    healthy.merge(pairHealthy)
                    faulty.merge(pairFaulty)
                    pair += 1
                }
            } catch let skipped as ScenarioSkipped {
                lines.append("\(fault): skipped (\(skipped.reason))")
                try await set(.healthy)
                continue
            }
            try await set(.healthy)
            lines.append(
                contentsOf: judge(
                    fault: fault,
                    comparison: comparison,
                    healthy: healthy,
                    faulty: faulty,
                    budget: settings.latencyBudget,
                    failures: &failures
                )
            )

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

    /// The one-sided confidence of each look at the pairs (see ``PairedPercentileComparison``).
    static let confidencePerLook = 0.995

    /// The verdicts on one fault: every request answered, p95 within budget.
    private func judge(
        fault: CollectorCondition,
        comparison: PairedPercentileComparison,
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
        guard let ratio = comparison.ratio else {
            return ["\(fault): no answered requests to compare"]
        }
        let pairs = comparison.pairs.map { "\(milliseconds($0.healthy)) → \(milliseconds($0.faulty))" }.joined(separator: ", ")
        var interval = ""
        if let lower = comparison.ratioLowerBound, let upper = comparison.ratioUpperBound {
            interval = ", \(percent(2 * comparison.confidence - 1)) interval ×\(String(format: "%.3f", lower))–×\(String(format: "%.3f", upper))"
        }
        let estimate = "×\(String(format: "%.3f", ratio))\(interval) over \(comparison.pairs.count) pairs"
        let budgetText = "\(percent(budget)) budget"
        switch comparison.verdict(budget: budget) {
        case .above:
            failures.append(
                "with the collector \(fault), p95 latency grew \(estimate), above the \(budgetText) (p95 per pair, healthy → \(fault): \(pairs))"
            )
        case .suspected:
            return [
                "\(fault): p95 \(pairs) (\(estimate): above the \(budgetText), but not shown to be), \(faulty.failureCount)/\(faulty.sent) failed"
            ]
        case .within:
            break
        }
        return ["\(fault): p95 \(pairs) (\(estimate)), \(faulty.failureCount)/\(faulty.sent) failed"]
    }

    private func percent(_ fraction: Double) -> String {
        let text = String(format: "%.1f", fraction * 100)
        return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + " %"
    }
    private func milliseconds(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }
    private func format(_ duration: Duration) -> String {
        String(format: "%.2f s", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
