import Foundation
import HarnessSupport
import StackConfiguration
import TelemetryExposition
import TelemetryModel

/// Scenario 2: after the stack file's traffic, Prometheus has every expected metric: an
/// instrument under the name the collector's Prometheus naming gives it (with its service as the
/// job), or a PromQL expression whose samples satisfy a comparison.
public struct ScrapeScenario: Scenario {
    public let name = "scrape"
    public let summary = "Prometheus has every expected metric under its predicted name after traffic"

    /// The scenario.
    public init() {}

    /// One check against Prometheus: the query, and what it means in the stack file's words.
    struct Check {
        var query: String
        var description: String
        /// The Prometheus metric name an instrument is predicted under.
        var predictedName: String?
        var comparison: (operator: String, value: Double)?
    }

    public func run(on stack: any RunningStack, context: ScenarioContext) async throws -> String {
        let expectations = context.plan.expectations.metrics
        guard !expectations.isEmpty else { throw ScenarioSkipped("the stack file expects no metrics (expect.metrics)") }
        let prometheus = PrometheusClient(endpoint: try stack.endpoints.require(\.prometheus, "Prometheus"), client: context.client)
        let checks = try expectations.map(Self.check)
        let clock = ContinuousClock()
        let start = clock.now
        try await context.traffic(on: stack).sendAll(context.plan.traffic)

        try await poll("not every expected metric reached Prometheus", within: context.settings.pollTimeout) { () -> Observation<Void> in
            var missing: [String] = []
            for check in checks {
                let samples = try await prometheus.query(check.query)
                if samples.isEmpty {
                    missing.append("\(check.description): no series for `\(check.query)`")
                } else if let comparison = check.comparison,
                    let failing = samples.first(where: { !Self.holds($0.value, comparison) })
                {
                    missing.append(
                        "\(check.description): `\(check.query)` is \(failing.value) for \(failing.labels), not \(comparison.operator) \(comparison.value)"
                    )
                }
            }
            guard !missing.isEmpty else { return .done(()) }
            return .notYet(try await explain(missing, checks: checks, prometheus: prometheus))
        }
        return "\(checks.count) expected metrics in Prometheus after \(format(clock.now - start)): "
            + checks.map { $0.predictedName ?? $0.query }.joined(separator: ", ")
    }

    /// The query for one expectation.
    static func check(_ expectation: MetricExpectation) throws -> Check {
        switch expectation.check {
        case .promQL(let query, let comparison):
            return Check(query: query, description: "`\(query)` \(comparison)", comparison: StackFileComparison.parse(comparison))
        case .instrument(let name, let kind, let unit, let service):
            let data: MetricData =
                switch kind {
                case "histogram": .histogram(.init(dataPoints: [], aggregationTemporality: .cumulative))
                case "gauge": .gauge([])
                case "updowncounter": .sum(.init(dataPoints: [], aggregationTemporality: .cumulative, isMonotonic: false))
                default: .sum(.init(dataPoints: [], aggregationTemporality: .cumulative, isMonotonic: true))
                }
            guard let predicted = PrometheusNaming.metricName(for: Metric(name: name, unit: unit ?? "", data: data)) else {
                throw ScenarioFailure("instrument \(name) has no valid Prometheus name: the collector's prometheus exporter drops it")
            }
            let series = kind == "histogram" ? predicted + "_count" : predicted
            // The exporter's job label is service.namespace/service.name, or service.name alone.
            let selector = service.map { #"{job=~"(.+/)?\#(NSRegularExpression.escapedPattern(for: $0))"}"# } ?? ""
            let described = "\(kind) \(name)" + (unit.map { " (unit \($0))" } ?? "") + (service.map { " of service \($0)" } ?? "")
            return Check(query: series + selector, description: "\(described), predicted as \(predicted)", predictedName: predicted)
        }
    }

    static func holds(_ value: Double, _ comparison: (operator: String, value: Double)) -> Bool {
        switch comparison.operator {
        case ">": value > comparison.value
        case ">=": value >= comparison.value
        case "<": value < comparison.value
        case "<=": value <= comparison.value
        case "!=": value != comparison.value
        default: value == comparison.value
        }
    }

    /// The missing metrics, with the scrape targets' health and, for each predicted name
    /// Prometheus lacks, the names it has that come nearest.
    private func explain(_ missing: [String], checks: [Check], prometheus: PrometheusClient) async throws -> String {
        var lines = missing
        let targets = try await prometheus.targets()
        lines.append(
            "scrape targets: "
                + (targets.isEmpty
                    ? "none"
                    : targets.map { "\($0.job) \($0.url) \($0.health)\($0.lastError.isEmpty ? "" : " (\($0.lastError))")" }.joined(separator: "; "))
        )
        let known = try await prometheus.metricNames().filter { !$0.hasPrefix("prometheus_") && !$0.hasPrefix("go_") && !$0.hasPrefix("scrape_") }
        for check in checks {
            guard let predicted = check.predictedName, !known.contains(predicted), !known.contains(predicted + "_count") else { continue }
            let nearest = known.sorted { Suggestion.distance($0, predicted) < Suggestion.distance($1, predicted) }.prefix(3)
            lines.append("Prometheus has no \(predicted); nearest names: \(nearest.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n")
    }

    private func format(_ duration: Duration) -> String {
        duration.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1)))
    }
}
