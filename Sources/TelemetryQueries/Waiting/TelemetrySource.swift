public import TelemetryModel

/// Telemetry that grows while a test runs and can be awaited: an in-memory capture, or what a
/// fake OTLP receiver has received. Its ``TelemetryQueryable/data`` is the telemetry so far.
public protocol TelemetrySource: TelemetryQueryable {
    /// Signalled whenever ``TelemetryQueryable/data`` may have changed.
    var changes: TelemetryChanges { get }
}

/// A wait for telemetry that did not arrive before its deadline.
public struct TelemetryWaitTimeout: Error, CustomStringConvertible {
    /// What was awaited, in words.
    public var awaited: String
    /// How long the wait lasted.
    public var timeout: Duration
    /// The telemetry there was when the deadline passed: the last observation.
    public var lastObservation: TelemetryData

    /// What was awaited, for how long, and the last observation's traces and counts.
    public var description: String {
        "timed out after \(timeout) waiting for \(awaited); there was by then:\n"
            + TraceRenderer().render(lastObservation.traces)
            + "\(lastObservation.spans.count) spans, \(lastObservation.allMetrics.count) metrics, "
            + "\(lastObservation.logRecords.count) log records"
    }
}

extension TelemetrySource {
    /// Waits until `probe` finds what it looks for in the telemetry, re-checking each time
    /// something new arrives, until `timeout` passes. Nothing polls: the wait sleeps until a
    /// change or its deadline.
    ///
    /// - Parameters:
    ///   - awaited: What is awaited, for the timeout's message (for example `"3 spans"`).
    ///   - timeout: How long to wait at most.
    ///   - probe: Returns the awaited value, or `nil` while it is not there yet.
    /// - Returns: The first non-`nil` result of `probe`.
    /// - Throws: ``TelemetryWaitTimeout`` with the last observation when the deadline passes,
    ///   or `CancellationError` when the task is cancelled.
    public func wait<Value>(
        for awaited: String,
        timeout: Duration = .seconds(5),
        until probe: (TelemetryData) -> Value?
    ) async throws -> Value {
        let (stream, continuation, stop) = changes.listen()
        defer { stop() }
        // At most a year: Instant arithmetic traps on overflow.
        let deadline = ContinuousClock.now.advanced(by: min(timeout, .seconds(31_536_000)))
        let timer = Task {
            try? await Task.sleep(until: deadline, clock: .continuous)
            continuation.finish()
        }
        defer { timer.cancel() }

        if let value = probe(data) { return value }
        for await _ in stream {
            if let value = probe(data) { return value }
        }
        try Task.checkCancellation()
        let last = data
        if let value = probe(last) { return value }
        throw TelemetryWaitTimeout(awaited: awaited, timeout: timeout, lastObservation: last)
    }

    /// Waits until at least `count` spans have ended.
    @discardableResult
    public func waitForSpans(count: Int, timeout: Duration = .seconds(5)) async throws -> [Span] {
        try await wait(for: "\(count) spans", timeout: timeout) { $0.spans.count >= count ? $0.spans : nil }
    }

    /// Waits until a span matching `query` has ended.
    @discardableResult
    public func waitForSpan(_ query: SpanQuery, timeout: Duration = .seconds(5)) async throws -> Span {
        try await wait(for: "a span \(query)", timeout: timeout) { $0.span(query) }
    }

    /// Waits until a log record satisfying `predicate` has been emitted.
    @discardableResult
    public func waitForLogRecord(
        _ awaited: String = "a matching log record",
        timeout: Duration = .seconds(5),
        where predicate: (LogRecord) -> Bool
    ) async throws -> LogRecord {
        try await wait(for: awaited, timeout: timeout) { $0.logRecords.first(where: predicate) }
    }

    /// Waits until the metric `name` has a data point whose attributes include `attributes`.
    @discardableResult
    public func waitForMetric(
        _ name: String,
        attributes: Attributes = [:],
        timeout: Duration = .seconds(5)
    ) async throws -> Metric {
        try await wait(for: "metric \(name) with \(attributes)", timeout: timeout) { telemetry in
            telemetry.allMetrics.first { $0.name == name && $0.hasPoint(matching: attributes) }
        }
    }
}
