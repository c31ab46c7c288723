public import Instrumentation
public import TelemetryModel

/// The identity of a span recorded by a ``CapturingTracer``, as it travels in an
/// `InstrumentationContext` (and over the wire as W3C `traceparent`/`tracestate`).
public struct CapturedSpanContext: Sendable, Hashable {
    /// The trace.
    public var traceID: TraceID
    /// The span.
    public var spanID: SpanID
    /// The W3C trace flags (bit 0: sampled).
    public var traceFlags: UInt8
    /// The W3C `tracestate` value; empty when none.
    public var traceState: String
    /// Whether this context was extracted from a remote caller.
    public var isRemote: Bool

    /// Creates a span context.
    public init(traceID: TraceID, spanID: SpanID, traceFlags: UInt8 = 1, traceState: String = "", isRemote: Bool = false) {
        self.traceID = traceID
        self.spanID = spanID
        self.traceFlags = traceFlags
        self.traceState = traceState
        self.isRemote = isRemote
    }
}

enum CapturedSpanContextKey: InstrumentationContextKey {
    typealias Value = CapturedSpanContext
    static let nameOverride: String? = "otel-harness-span-context"
}

extension InstrumentationContext {
    /// The span context a ``CapturingTracer`` stored, if any.
    public var capturedSpanContext: CapturedSpanContext? {
        get { self[CapturedSpanContextKey.self] }
        set { self[CapturedSpanContextKey.self] = newValue }
    }
}
