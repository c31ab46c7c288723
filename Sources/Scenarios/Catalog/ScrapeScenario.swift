import Foundation
import HarnessSupport

/// Scenario 2: Prometheus reports the collector's target up, and the demo service's metrics
/// are queryable under the names the collector's Prometheus naming predicts.
public struct ScrapeScenario: Scenario {
    public let name = "scrape"
    public let summary = "Prometheus scrapes the collector and has the demo service's metrics under their predicted names"
    /// The scrape job of the collector in the Prometheus configuration.
    public var job = "otel-collector"

    /// The scenario.
    public init() {}

    public func run(on stack: any RunningStack, context: ScenarioContext) async throws -> String {
        let prometheus = PrometheusClient(endpoint: stack.endpoints.prometheus, client: context.client)
        let clock = ContinuousClock()
        let start = clock.now
        try await DemoTraffic(url: stack.endpoints.demoService, client: context.client).some(3)

        let target = try await poll("Prometheus did not report the \(job) target up", within: context.settings.pollTimeout) {
            () -> Observation<PrometheusClient.TargetHealth> in
            let targets = try await prometheus.targets()
            guard let target = targets.first(where: { $0.job == job }) else {
                return .notYet("no target of job \(job); targets: \(targets.map { "\($0.job) \($0.url)" })")
            }
            guard target.health == "up" else {
                return .notYet(
                    "target \(job) (\(target.url)) is \(target.health): \(target.lastError.isEmpty ? "not scraped yet" : target.lastError)"
                )
            }
            return .done(target)
        }
        let up = clock.now - start

        let series = DemoServiceMetrics.predictedSeries
        try await poll("the demo service's metrics were not all queryable under their predicted names", within: context.settings.pollTimeout) {
            () -> Observation<Void> in
            var missing: [String] = []
            for (instrument, name) in series where try await prometheus.query(#"\#(name){job="demo-service"}"#).isEmpty {
                missing.append("\(name) (from \(instrument))")
            }
            guard missing.isEmpty else {
                let known = try await prometheus.metricNames().filter {
                    !$0.hasPrefix("prometheus_") && !$0.hasPrefix("go_") && !$0.hasPrefix("scrape_")
                }
                return .notYet("no series for \(missing.joined(separator: ", ")); Prometheus has: \(known.prefix(30).joined(separator: ", "))")
            }
            return .done(())
        }
        return "target \(target.url) up after \(up.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1)))); "
            + "\(series.map(\.series).joined(separator: ", ")) queryable after \((clock.now - start).formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1))))"
    }
}
