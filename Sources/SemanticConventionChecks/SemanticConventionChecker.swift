import StackConfiguration
import TelemetryExposition
public import TelemetryModel

/// Checks telemetry (received by the fake receiver, captured in a test, or read from a file)
/// against the OpenTelemetry semantic conventions for HTTP servers, resources and metrics.
///
/// ```swift
/// let findings = SemanticConventionChecker().check(traces: receiver.data.traces, metrics: receiver.data.metrics)
/// #expect(findings.filter { $0.severity == .error }.isEmpty, "\(findings)")
/// ```
///
/// Findings of the same kind are reported once, with the number of spans or data points that
/// have them, so a thousand requests give one finding, not a thousand.
public struct SemanticConventionChecker: Sendable {
    /// The most distinct values an attribute of one metric may take before it is reported as
    /// unbounded.
    public var maximumDistinctValues: Int

    /// Creates a checker.
    public init(maximumDistinctValues: Int = 100) {
        self.maximumDistinctValues = maximumDistinctValues
    }

    private typealias Name = SemanticConventionRules.Name

    /// The findings in `traces`, `metrics` and `logs`, errors first.
    public func check(traces: TracesData = TracesData(), metrics: MetricsData = MetricsData(), logs: LogsData = LogsData()) -> [TelemetryFinding] {
        var collector = FindingCollector()
        for resourceSpans in traces.resourceSpans {
            checkResource(resourceSpans.resource, what: "spans", count: resourceSpans.scopeSpans.reduce(0) { $0 + $1.spans.count }, into: &collector)
        }
        for resourceMetrics in metrics.resourceMetrics {
            checkResource(
                resourceMetrics.resource,
                what: "metrics",
                count: resourceMetrics.scopeMetrics.reduce(0) { $0 + $1.metrics.count },
                into: &collector
            )
        }
        for resourceLogs in logs.resourceLogs {
            checkResource(
                resourceLogs.resource,
                what: "log records",
                count: resourceLogs.scopeLogs.reduce(0) { $0 + $1.logRecords.count },
                into: &collector
            )
        }
        for span in traces.spans { checkSpan(span, into: &collector) }
        for metric in metrics.metrics where metric.name == "http.server.request.duration" { checkDuration(metric, into: &collector) }
        checkCardinality(metrics.metrics, into: &collector)
        return collector.findings
    }

    // MARK: Resources

    private func checkResource(_ resource: Resource, what: String, count: Int, into collector: inout FindingCollector) {
        let rule = SemanticConventionRules.serviceName
        guard let name = resource.attributes[Name.serviceName]?.stringValue, !name.isEmpty else {
            collector.add(rule, "the resource has no `service.name`", about: "resource of \(what)", count: count)
            return
        }
        if name.hasPrefix("unknown_service") {
            collector.add(
                rule,
                "`service.name` is `\(name)`, the SDK's default when no name is configured",
                about: "resource of \(what)",
                count: count
            )
        }
    }

    // MARK: HTTP server spans

    private func checkSpan(_ span: Span, into collector: inout FindingCollector) {
        let deprecated = span.attributes.keys.filter { SemanticConventionRules.deprecatedNames[$0] != nil }
        let subject = "span \"\(span.name)\""
        for key in deprecated {
            collector.add(
                SemanticConventionRules.deprecatedAttribute,
                "attribute `\(key)` is replaced by `\(SemanticConventionRules.deprecatedNames[key]!)`",
                about: subject
            )
        }
        guard span.kind == .server, let method = (span.attributes[Name.method] ?? span.attributes["http.method"])?.stringValue else { return }
        let route = span.attributes[Name.route]?.stringValue
        let methodName = method == "_OTHER" ? "HTTP" : method
        let expected = route.map { "\(methodName) \($0)" } ?? methodName
        if span.name != expected {
            // Grouped by the expected name: spans named by their raw URL (one name per request)
            // give one finding, with an example.
            collector.add(
                SemanticConventionRules.httpServerSpanName,
                "server spans that the conventions name `\(expected)` are named otherwise, e.g. `\(span.name)`",
                about: "spans \"\(expected)\"",
                fix: "Name the span `\(expected)`.",
                groupedBy: expected
            )
        }
        let missing = [Name.method, Name.urlPath, Name.urlScheme, Name.statusCode].filter { span.attributes[$0] == nil }
        if !missing.isEmpty {
            collector.add(
                SemanticConventionRules.httpServerAttributes,
                "the server span has no \(missing.map { "`\($0)`" }.joined(separator: ", "))",
                about: subject
            )
        }
        let status = span.attributes[Name.statusCode]?.intValue ?? span.attributes["http.status_code"]?.intValue
        if let status, status >= 500, span.status.code != .error {
            collector.add(
                SemanticConventionRules.httpServerErrorStatus,
                "status code \(status) but span status \(span.status.code)",
                about: subject,
                fix: "Set the span status to Error (and `error.type` to the status code)."
            )
        } else if let status, (400..<500).contains(status), span.status.code == .error {
            collector.add(
                SemanticConventionRules.httpServerErrorStatus,
                "status code \(status) with span status error: a server leaves 4xx unset",
                about: subject,
                fix: "Leave the span status unset for 4xx responses."
            )
        }
    }

    // MARK: Metrics

    private func checkDuration(_ metric: Metric, into collector: inout FindingCollector) {
        let subject = "metric \(metric.name)"
        let kind: String? =
            switch metric.data {
            case .histogram, .exponentialHistogram: nil
            case .gauge: "a gauge"
            case .sum: "a sum"
            case .summary: "a summary"
            }
        if let kind {
            collector.add(SemanticConventionRules.httpServerDuration, "is \(kind), not a histogram", about: subject)
        }
        if metric.unit != "s" {
            let written = metric.unit.isEmpty ? "has no unit" : "has unit `\(metric.unit)`"
            var seconds = metric
            seconds.unit = "s"
            let suffix = kind == nil ? "_bucket" : ""
            let exposed = (PrometheusNaming.metricName(for: metric) ?? metric.name) + suffix
            let expected = (PrometheusNaming.metricName(for: seconds) ?? metric.name) + suffix
            collector.add(
                SemanticConventionRules.httpServerDuration,
                "\(written), not `s`: the collector exposes it as \(exposed) instead of \(expected)",
                about: subject,
                fix: "Create the histogram with unit `s` (and record seconds)."
            )
        }
    }

    private func checkCardinality(_ metrics: [Metric], into collector: inout FindingCollector) {
        var values: [String: [String: Set<AttributeValue>]] = [:]
        for metric in metrics {
            for attributes in Self.pointAttributes(metric.data) {
                for attribute in attributes.pairs where (values[metric.name]?[attribute.key]?.count ?? 0) <= maximumDistinctValues {
                    values[metric.name, default: [:]][attribute.key, default: []].insert(attribute.value)
                }
            }
        }
        for (metric, keys) in values.sorted(by: { $0.key < $1.key }) {
            for (key, seen) in keys.sorted(by: { $0.key < $1.key }) {
                let examples = seen.prefix(3).map { "\($0)" }.sorted().joined(separator: ", ")
                if SemanticConventionRules.unboundedMetricAttributes.contains(key) {
                    collector.add(
                        SemanticConventionRules.metricCardinality,
                        "attribute `\(key)` has unbounded values (\(seen.count > maximumDistinctValues ? "over \(maximumDistinctValues)" : "\(seen.count)") seen, e.g. \(examples))",
                        about: "metric \(metric)"
                    )
                } else if seen.count > maximumDistinctValues {
                    collector.add(
                        SemanticConventionRules.metricCardinality,
                        "attribute `\(key)` has over \(maximumDistinctValues) distinct values (e.g. \(examples))",
                        about: "metric \(metric)"
                    )
                }
            }
        }
    }

    private static func pointAttributes(_ data: MetricData) -> [Attributes] {
        switch data {
        case .gauge(let points): points.map(\.attributes)
        case .sum(let sum): sum.dataPoints.map(\.attributes)
        case .histogram(let histogram): histogram.dataPoints.map(\.attributes)
        case .exponentialHistogram(let histogram): histogram.dataPoints.map(\.attributes)
        case .summary(let points): points.map(\.attributes)
        }
    }
}

/// Findings grouped by rule, subject and message, with how often each occurred.
private struct FindingCollector {
    private var order: [String] = []
    private var entries: [String: (finding: TelemetryFinding, count: Int)] = [:]

    /// Adds a finding, or counts it again when one with the same rule, subject and `group`
    /// (the message, unless given) exists: the first occurrence's message is kept.
    mutating func add(_ rule: Rule, _ message: String, about subject: String, count: Int = 1, fix: String? = nil, groupedBy group: String? = nil) {
        let key = "\(rule.id)\u{0}\(subject)\u{0}\(group ?? message)"
        if entries[key] == nil {
            order.append(key)
            entries[key] = (rule.finding(message, about: subject, fix: fix), 0)
        }
        entries[key]!.count += count
    }

    var findings: [TelemetryFinding] {
        order.map { key in
            var (finding, count) = entries[key]!
            if count > 1, finding.subject.hasPrefix("span") { finding.subject += " (\(count) spans)" }
            return finding
        }.sorted { ($0.severity != $1.severity) ? $0.severity > $1.severity : ($0.rule, $0.subject, $0.message) < ($1.rule, $1.subject, $1.message) }
    }
}
