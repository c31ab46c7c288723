public import TelemetryModel
public import TelemetryQueries
public import Testing

// Every check comes twice: `expect…` records a failure and lets the test go on (returning `nil`),
// `require…` records it and ends the test by throwing, so that a value it returns is never `nil`.
// A failure names what was expected and shows everything there was; the telemetry is attached.

extension TelemetryQueryable {
    /// Expects a span tree of the shape `expected`; on failure records an issue that shows the
    /// nearest span field by field and every trace.
    ///
    /// - Returns: The top span of the match, or `nil` after recording the failure.
    @discardableResult
    public func expectTrace(
        renderer: TraceRenderer = TraceRenderer(),
        sourceLocation: SourceLocation = #_sourceLocation,
        _ expected: () -> ExpectedSpan
    ) -> Span? {
        let telemetry = data
        return expecting(telemetry.matchTrace(expected(), renderer: renderer), in: telemetry, sourceLocation)
    }

    /// Requires a span tree of the shape `expected`; see ``expectTrace(renderer:sourceLocation:_:)``.
    ///
    /// - Returns: The top span of the match.
    /// - Throws: The error `#require` throws, after recording the failure.
    @discardableResult
    public func requireTrace(
        renderer: TraceRenderer = TraceRenderer(),
        sourceLocation: SourceLocation = #_sourceLocation,
        _ expected: () -> ExpectedSpan
    ) throws -> Span {
        let telemetry = data
        return try FailureRecording.require(
            telemetry.matchTrace(expected(), renderer: renderer),
            telemetry: telemetry,
            sourceLocation: sourceLocation
        )
    }

    /// Expects a span matching `query`.
    @discardableResult
    public func expectSpan(_ query: SpanQuery, sourceLocation: SourceLocation = #_sourceLocation) -> Span? {
        let telemetry = data
        return expecting(telemetry.matchSpan(query), in: telemetry, sourceLocation)
    }

    /// Requires a span matching `query`.
    @discardableResult
    public func requireSpan(_ query: SpanQuery, sourceLocation: SourceLocation = #_sourceLocation) throws -> Span {
        let telemetry = data
        return try FailureRecording.require(telemetry.matchSpan(query), telemetry: telemetry, sourceLocation: sourceLocation)
    }

    /// Expects the counter (sum) `name`, over the points whose attributes include `attributes`,
    /// to total `expected`.
    public func expectTotal(
        of name: String,
        where attributes: Attributes = [:],
        equals expected: Double,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let telemetry = data
        _ = expecting(telemetry.matchTotal(of: name, where: attributes, equals: expected), in: telemetry, sourceLocation)
    }

    /// Expects a log record matching `predicate` (described by `awaited`).
    @discardableResult
    public func expectLogRecord(
        _ awaited: String,
        sourceLocation: SourceLocation = #_sourceLocation,
        where predicate: (LogRecord) -> Bool
    ) -> LogRecord? {
        let telemetry = data
        return expecting(telemetry.matchLogRecord(awaited, where: predicate), in: telemetry, sourceLocation)
    }

    /// Requires a log record matching `predicate` (described by `awaited`).
    @discardableResult
    public func requireLogRecord(
        _ awaited: String,
        sourceLocation: SourceLocation = #_sourceLocation,
        where predicate: (LogRecord) -> Bool
    ) throws -> LogRecord {
        let telemetry = data
        return try FailureRecording.require(telemetry.matchLogRecord(awaited, where: predicate), telemetry: telemetry, sourceLocation: sourceLocation)
    }

    private func expecting<Value>(_ result: Result<Value, TelemetryMismatch>, in telemetry: TelemetryData, _ sourceLocation: SourceLocation) -> Value?
    {
        switch result {
        case .success(let value):
            return value
        case .failure(let mismatch):
            FailureRecording.record(mismatch, telemetry: telemetry, sourceLocation: sourceLocation)
            return nil
        }
    }
}

extension TelemetrySource {
    /// Waits until a span tree of the shape `expected` has been recorded, up to `timeout`; on
    /// timeout records the failure of ``TelemetryQueryable/expectTrace(renderer:sourceLocation:_:)``
    /// for the last observation.
    @discardableResult
    public func expectTrace(
        timeout: Duration = .seconds(5),
        renderer: TraceRenderer = TraceRenderer(),
        sourceLocation: SourceLocation = #_sourceLocation,
        _ expected: () -> ExpectedSpan
    ) async -> Span? {
        let expectation = expected()
        if let span = await awaitTrace(expectation, timeout: timeout, renderer: renderer) { return span }
        if Task.isCancelled { return nil }  // the test is ending anyway
        return data.expectTrace(renderer: renderer, sourceLocation: sourceLocation) { expectation }
    }

    /// Waits until a span tree of the shape `expected` has been recorded, up to `timeout`; on
    /// timeout records the failure and throws.
    @discardableResult
    public func requireTrace(
        timeout: Duration = .seconds(5),
        renderer: TraceRenderer = TraceRenderer(),
        sourceLocation: SourceLocation = #_sourceLocation,
        _ expected: () -> ExpectedSpan
    ) async throws -> Span {
        let expectation = expected()
        if let span = await awaitTrace(expectation, timeout: timeout, renderer: renderer) { return span }
        try Task.checkCancellation()
        return try data.requireTrace(renderer: renderer, sourceLocation: sourceLocation) { expectation }
    }

    /// The match, once there is one before `timeout`; `nil` at the deadline or on cancellation.
    private func awaitTrace(_ expectation: ExpectedSpan, timeout: Duration, renderer: TraceRenderer) async -> Span? {
        try? await wait(for: "a span tree \"\(expectation.name)\"", timeout: timeout) {
            $0.traces.match(expectation, renderer: renderer).span
        }
    }
}
