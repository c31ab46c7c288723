import CoreMetrics
import Logging
import Tracing

/// Runs `body` with a fresh ``TelemetryCapture`` receiving every span, metric and log record
/// that the code under test emits, and returns what `body` returns.
///
/// The capture is bound to the current task and its child tasks only, so tests running in
/// parallel each see their own telemetry: it becomes ``TelemetryCapture/current``, the
/// task-local tracer (`withTracer`), metrics factory (`withMetricsFactory`) and logger
/// (`withLogger`, so `Logger.current` logs into it). With `routingProcessWideSystems` (the
/// default) the process-wide systems are bootstrapped once with handlers that route to the
/// current capture too; see ``ProcessWideTelemetryRouting`` for what that covers and what cannot
/// be routed.
///
/// ```swift
/// @Test func checkoutIsTraced() async throws {
///     try await withCapturedTelemetry { telemetry in
///         try await checkout(cart)
///         let spans = try await telemetry.waitForSpans(count: 2)
///         #expect(spans.contains { $0.name == "checkout" && $0.kind == .server })
///     }
/// }
/// ```
///
/// XCTest users call it the same way from an `async` test method.
public func withCapturedTelemetry<Result>(
    configuration: CaptureConfiguration = CaptureConfiguration(),
    routingProcessWideSystems: Bool = true,
    _ body: (TelemetryCapture) async throws -> Result
) async rethrows -> Result {
    if routingProcessWideSystems { ProcessWideTelemetryRouting.bootstrap() }
    let capture = TelemetryCapture(configuration: configuration)
    return try await capture.scope { try await body(capture) }
}

extension TelemetryCapture {
    /// Runs `body` with this capture current and installed as the task-local tracer, metrics
    /// factory and logger.
    ///
    /// The task-local tracer, factory and logger record into whichever capture is current when
    /// they record, not into this one for good: an instrument or logger created during this
    /// test and kept beyond it (a lazily initialised `static let`) then serves later tests too.
    func scope<Result>(_ body: () async throws -> Result) async rethrows -> Result {
        let logger = Logger(label: "telemetry-capture") { label in CapturingLogHandler(label: label, target: .current) }
        return try await TelemetryCapture.$current.withValue(self) {
            try await withTracer(CapturingTracer(target: .current)) {
                try await withMetricsFactory(CapturingMetricsFactory(target: .current)) {
                    try await withLogger(logger) { _ in
                        try await body()
                    }
                }
            }
        }
    }
}
