public import Instrumentation
import TelemetryModel
public import Tracing
import W3CTraceContext

/// A swift-distributed-tracing `Tracer` that records finished spans into a ``TelemetryCapture``.
///
/// Spans get real random 16-byte trace ids and 8-byte span ids. Context crosses process
/// boundaries as W3C `traceparent` and `tracestate` headers, so a span started from an
/// extracted context continues the caller's trace. Sampling follows the parent, as with
/// swift-otel's default sampler: roots are sampled, and a span whose parent is not sampled
/// (`traceparent` flags `00`) is not recorded.
public struct CapturingTracer: Tracer {
    let target: CaptureTarget

    /// Creates a tracer that records into `capture`.
    public init(capture: TelemetryCapture) {
        self.init(target: .fixed(capture))
    }

    /// Creates a tracer that starts each span in the capture `target` points at then.
    init(target: CaptureTarget) {
        self.target = target
    }

    /// Starts a span as a child of the span in `context`, or as a new trace's root.
    public func startSpan<Instant: TracerInstant>(
        _ operationName: String,
        context: @autoclosure () -> InstrumentationContext,
        ofKind kind: Tracing.SpanKind,
        at instant: @autoclosure () -> Instant,
        function: String,
        file fileID: String,
        line: UInt
    ) -> CapturingSpan {
        let parentContext = context()
        let parent = parentContext.capturedSpanContext
        let spanContext = CapturedSpanContext(
            traceID: parent?.traceID ?? IDGenerator.traceID(),
            spanID: IDGenerator.spanID(),
            traceFlags: parent?.traceFlags ?? 1,
            traceState: parent?.traceState ?? ""
        )
        return CapturingSpan(
            operationName: operationName,
            context: parentContext,
            spanContext: spanContext,
            parent: parent,
            kind: TelemetryModel.SpanKind(kind),
            startTimeUnixNano: instant().nanosecondsSinceEpoch,
            // Parent-based sampling, as swift-otel's default sampler: a span under an unsampled
            // parent propagates its context but records nothing.
            isRecording: spanContext.traceFlags & 1 == 1,
            capture: target.capture
        )
    }

    /// Does nothing: spans are recorded when they end.
    public func forceFlush() {}

    // MARK: W3C trace context propagation

    /// Writes the span context in `context` as W3C `traceparent` (and `tracestate`, when set).
    public func inject<Carrier, Inject: Injector>(
        _ context: InstrumentationContext,
        into carrier: inout Carrier,
        using injector: Inject
    ) where Carrier == Inject.Carrier {
        guard let spanContext = context.capturedSpanContext else { return }
        injector.inject(spanContext.traceParent, forKey: "traceparent", into: &carrier)
        if !spanContext.traceState.isEmpty {
            injector.inject(spanContext.traceState, forKey: "tracestate", into: &carrier)
        }
    }

    /// Reads a W3C `traceparent` (and `tracestate`) into `context`; malformed headers are ignored.
    public func extract<Carrier, Extract: Extractor>(
        _ carrier: Carrier,
        into context: inout InstrumentationContext,
        using extractor: Extract
    ) where Carrier == Extract.Carrier {
        // The traceparent alone decides: per W3C, a malformed tracestate must not cost the parent.
        guard let traceParent = extractor.extract(key: "traceparent", from: carrier),
            let parsed = try? TraceContext(traceParentHeaderValue: traceParent)
        else { return }
        context.capturedSpanContext = CapturedSpanContext(
            traceID: TraceID(bytes: withUnsafeBytes(of: parsed.traceID.bytes) { Array($0) })!,
            spanID: SpanID(bytes: withUnsafeBytes(of: parsed.spanID.bytes) { Array($0) })!,
            traceFlags: parsed.flags.rawValue,
            traceState: extractor.extract(key: "tracestate", from: carrier) ?? "",
            isRemote: true
        )
    }
}

extension CapturedSpanContext {
    /// The W3C `traceparent` header value: `00-<trace id>-<span id>-<flags>`.
    public var traceParent: String {
        let flags = String(traceFlags, radix: 16)
        return "00-\(traceID.hex)-\(spanID.hex)-\(flags.count == 1 ? "0" + flags : flags)"
    }
}

extension TelemetryModel.SpanKind {
    init(_ kind: Tracing.SpanKind) {
        switch kind {
        case .server: self = .server
        case .client: self = .client
        case .producer: self = .producer
        case .consumer: self = .consumer
        default: self = .internal
        }
    }
}
