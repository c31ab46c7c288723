public import TelemetryModel

/// Why telemetry did not hold what was looked for: the expectation and everything there was,
/// in words, for a test failure or a scenario's report.
public struct TelemetryMismatch: Error, Sendable, CustomStringConvertible {
    /// The explanation, over several lines.
    public var description: String

    /// A mismatch explained by `description`.
    public init(_ description: String) { self.description = description }
}

extension TelemetryQueryable {
    /// Looks for a span tree of the shape `expected` (at any depth of any trace).
    ///
    /// - Returns: The top span of the match, or a mismatch showing the nearest span field by field
    ///   and every trace there was.
    public func matchTrace(_ expected: ExpectedSpan, renderer: TraceRenderer = TraceRenderer()) -> Result<Span, TelemetryMismatch> {
        switch data.traces.match(expected, renderer: renderer) {
        case .matched(let span): .success(span)
        case .notMatched(let report): .failure(TelemetryMismatch(report.description))
        }
    }

    /// Looks for a span matching `query`.
    public func matchSpan(_ query: SpanQuery, renderer: TraceRenderer = TraceRenderer()) -> Result<Span, TelemetryMismatch> {
        let telemetry = data
        if let span = telemetry.span(query) { return .success(span) }
        let traces = renderer.render(telemetry.traces)
        return .failure(
            TelemetryMismatch(
                "no span is \(query); there were \(telemetry.spans.count):\n" + (traces.isEmpty ? "  (none)" : traces)
            )
        )
    }

    /// Checks that the counter (sum) `name`, over the points whose attributes include
    /// `attributes`, totals `expected`.
    public func matchTotal(of name: String, where attributes: Attributes = [:], equals expected: Double) -> Result<Double, TelemetryMismatch> {
        let telemetry = data
        let total = telemetry.total(of: name, where: attributes)
        if let total, total == expected { return .success(total) }
        return .failure(
            TelemetryMismatch(
                "sum \(name) where \(attributes): expected total \(expected), found \(total.map { String($0) } ?? "no matching sum")\n"
                    + telemetry.describeMetric(name)
            )
        )
    }

    /// Looks for a log record matching `predicate`, described as `awaited` in the mismatch.
    public func matchLogRecord(_ awaited: String, where predicate: (LogRecord) -> Bool) -> Result<LogRecord, TelemetryMismatch> {
        let records = logRecords
        if let record = records.first(where: predicate) { return .success(record) }
        let lines = records.map { "  [\($0.severityText)] \($0.body?.description ?? "") trace=\($0.traceID?.hex ?? "-")" }
        return .failure(TelemetryMismatch("no log record is \(awaited); there were \(records.count):\n" + lines.joined(separator: "\n")))
    }

    /// Every data point of the metric `name`, or the names of the metrics there are.
    public func describeMetric(_ name: String) -> String {
        let telemetry = data
        let found = telemetry.metrics(named: name)
        guard !found.isEmpty else {
            return "no metric named \(name); there were: \(telemetry.allMetrics.map(\.name).joined(separator: ", "))"
        }
        return found.map { metric in
            "\(metric.name) (\(metric.data.kindName)):\n" + metric.pointSummaries.map { "  \($0)" }.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

extension Metric {
    /// One line per data point: attributes and value.
    var pointSummaries: [String] {
        switch data {
        case .gauge(let points):
            return points.map { "\($0.attributes) = \($0.value.map { String($0.doubleValue) } ?? "none")" }
        case .sum(let sum):
            return sum.dataPoints.map { "\($0.attributes) = \($0.value.map { String($0.doubleValue) } ?? "none")" }
        case .histogram(let histogram):
            return histogram.dataPoints.map { "\($0.attributes) count=\($0.count) sum=\($0.sum ?? 0) buckets=\($0.bucketCounts)" }
        case .exponentialHistogram(let histogram):
            return histogram.dataPoints.map { "\($0.attributes) count=\($0.count) sum=\($0.sum ?? 0)" }
        case .summary(let points):
            return points.map { "\($0.attributes) count=\($0.count) sum=\($0.sum)" }
        }
    }
}
