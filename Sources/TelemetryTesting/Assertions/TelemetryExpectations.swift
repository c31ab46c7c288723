import Foundation
public import Testing
public import TelemetryModel

extension CapturedTelemetry {
    /// Expects a span tree of the shape `expected` among these traces; on failure records an
    /// issue that shows the nearest span field by field and every captured trace, and attaches
    /// this telemetry as JSON.
    ///
    /// - Returns: The top span of the match, or `nil` after recording the failure.
    @discardableResult
    public func expectTrace(
        renderer: TraceRenderer = TraceRenderer(),
        sourceLocation: SourceLocation = #_sourceLocation,
        _ expected: () -> ExpectedSpan
    ) -> Span? {
        switch traces.match(expected(), renderer: renderer) {
        case .matched(let span):
            return span
        case .notMatched(let report):
            recordFailure(report.description, sourceLocation: sourceLocation)
            return nil
        }
    }

    /// Expects the counter (sum) `name`, over the points whose attributes include `attributes`,
    /// to total `expected`.
    public func expectTotal(
        of name: String, where attributes: Attributes = [:], equals expected: Double,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let total = metrics.total(of: name, where: attributes)
        guard total != expected else { return }
        recordFailure(
            "sum \(name) where \(attributes): expected total \(expected), found \(total.map { String($0) } ?? "no matching sum")\n"
                + describeMetric(name),
            sourceLocation: sourceLocation)
    }

    /// Expects a log record matching `predicate` (described by `awaited`).
    @discardableResult
    public func expectLogRecord(
        _ awaited: String, sourceLocation: SourceLocation = #_sourceLocation, where predicate: (LogRecord) -> Bool
    ) -> LogRecord? {
        if let record = logRecords.first(where: predicate) { return record }
        let lines = logRecords.map { "  [\($0.severityText)] \($0.body?.description ?? "") trace=\($0.traceID?.hex ?? "-")" }
        recordFailure(
            "no log record is \(awaited); captured \(logRecords.count):\n" + lines.joined(separator: "\n"),
            sourceLocation: sourceLocation)
        return nil
    }

    /// Every data point of `name`, for failure messages.
    func describeMetric(_ name: String) -> String {
        let found = metrics.metrics(named: name)
        guard !found.isEmpty else {
            return "no metric named \(name); captured: \(metrics.metrics.map(\.name).joined(separator: ", "))"
        }
        return found.map { metric in
            "\(metric.name) (\(metric.data.kindName)):\n" + metric.pointSummaries.map { "  \($0)" }.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// Records an issue and attaches this telemetry as JSON.
    func recordFailure(_ message: String, sourceLocation: SourceLocation) {
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        if let json = jsonText {
            Attachment.record(json, named: "captured-telemetry.json", sourceLocation: sourceLocation)
        }
    }

    /// This telemetry as pretty-printed JSON (the model's `Codable` form).
    public var jsonText: String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) }
    }
}

extension TelemetrySource {
    /// Waits until a span tree of the shape `expected` has been captured, up to `timeout`; on
    /// timeout records the same failure as ``CapturedTelemetry/expectTrace(renderer:sourceLocation:_:)``
    /// for the last observation.
    @discardableResult
    public func expectTrace(
        timeout: Duration = .seconds(5),
        renderer: TraceRenderer = TraceRenderer(),
        sourceLocation: SourceLocation = #_sourceLocation,
        _ expected: () -> ExpectedSpan
    ) async -> Span? {
        let expectation = expected()
        do {
            return try await wait(for: "a span tree \"\(expectation.name)\"", timeout: timeout) {
                $0.traces.match(expectation, renderer: renderer).span
            }
        } catch is TelemetryWaitTimeout {
            return telemetry.expectTrace(renderer: renderer, sourceLocation: sourceLocation) { expectation }
        } catch {
            return nil  // cancelled: the test is ending anyway
        }
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
