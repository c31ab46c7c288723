import Synchronization
public import Tracing
public import Instrumentation
public import TelemetryModel

/// A span of a ``CapturingTracer``: records into its ``TelemetryCapture`` when it ends.
///
/// All mutable state sits behind one lock, and the model `Span` is built once, at the end.
public final class CapturingSpan: Tracing.Span {
    struct State {
        var operationName: String
        var attributes: SpanAttributes = [:]
        var events: [TelemetryModel.SpanEvent] = []
        var links: [TelemetryModel.SpanLink] = []
        var status: TelemetryModel.SpanStatus = .unset
        var isRecording = true
    }

    /// The context that carries this span's ``CapturedSpanContext``.
    public let context: InstrumentationContext
    /// This span's identity.
    public let spanContext: CapturedSpanContext
    /// The parent's id; `nil` for a root span.
    public let parentSpanID: SpanID?
    /// Whether the parent was extracted from a remote caller.
    let parentIsRemote: Bool
    let kind: TelemetryModel.SpanKind
    let startTimeUnixNano: UInt64
    let capture: TelemetryCapture
    let state: Mutex<State>

    init(
        operationName: String,
        context: InstrumentationContext,
        spanContext: CapturedSpanContext,
        parent: CapturedSpanContext?,
        kind: TelemetryModel.SpanKind,
        startTimeUnixNano: UInt64,
        capture: TelemetryCapture
    ) {
        var context = context
        context.capturedSpanContext = spanContext
        self.context = context
        self.spanContext = spanContext
        self.parentSpanID = parent?.spanID
        self.parentIsRemote = parent?.isRemote ?? false
        self.kind = kind
        self.startTimeUnixNano = startTimeUnixNano
        self.capture = capture
        self.state = Mutex(State(operationName: operationName))
    }

    public var operationName: String {
        get { state.withLock { $0.operationName } }
        set { state.withLock { if $0.isRecording { $0.operationName = newValue } } }
    }

    public var attributes: SpanAttributes {
        get { state.withLock { $0.attributes } }
        set { state.withLock { if $0.isRecording { $0.attributes = newValue } } }
    }

    public var isRecording: Bool { state.withLock { $0.isRecording } }

    public func setStatus(_ status: Tracing.SpanStatus) {
        let model = TelemetryModel.SpanStatus(code: status.code == .ok ? .ok : .error, message: status.message ?? "")
        state.withLock { state in
            // Per the OpenTelemetry spec, Ok is final and a message belongs only to Error.
            guard state.isRecording, state.status.code != .ok else { return }
            state.status = model.code == .ok ? .ok : model
        }
    }

    public func addEvent(_ event: Tracing.SpanEvent) {
        let model = TelemetryModel.SpanEvent(
            name: event.name, timeUnixNano: event.nanosecondsSinceEpoch, attributes: Attributes(event.attributes))
        state.withLock { if $0.isRecording { $0.events.append(model) } }
    }

    public func recordError<Instant: TracerInstant>(
        _ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant
    ) {
        var eventAttributes: Attributes = [
            "exception.type": .string(String(reflecting: type(of: error))),
            "exception.message": .string(String(describing: error)),
        ]
        eventAttributes.pairs.append(contentsOf: Attributes(attributes).pairs)
        let event = TelemetryModel.SpanEvent(
            name: "exception", timeUnixNano: instant().nanosecondsSinceEpoch, attributes: eventAttributes)
        state.withLock { if $0.isRecording { $0.events.append(event) } }
    }

    public func addLink(_ link: Tracing.SpanLink) {
        guard let other = link.context.capturedSpanContext else { return }
        let model = TelemetryModel.SpanLink(
            traceID: other.traceID, spanID: other.spanID, traceState: other.traceState,
            attributes: Attributes(link.attributes),
            flags: SpanFlags(rawValue: UInt32(other.traceFlags)).union(other.isRemote ? [.hasIsRemote, .isRemote] : .hasIsRemote))
        state.withLock { if $0.isRecording { $0.links.append(model) } }
    }

    public func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        let endTime = instant().nanosecondsSinceEpoch
        let finished: State? = state.withLock { state in
            guard state.isRecording else { return nil }
            state.isRecording = false
            return state
        }
        guard let finished else { return }
        var flags = SpanFlags(rawValue: UInt32(spanContext.traceFlags)).union(.hasIsRemote)
        if parentIsRemote { flags.insert(.isRemote) }
        capture.record(TelemetryModel.Span(
            traceID: spanContext.traceID,
            spanID: spanContext.spanID,
            traceState: spanContext.traceState,
            parentSpanID: parentSpanID,
            flags: flags,
            name: finished.operationName,
            kind: kind,
            startTimeUnixNano: startTimeUnixNano,
            endTimeUnixNano: endTime,
            attributes: Attributes(finished.attributes),
            events: finished.events,
            links: finished.links,
            status: finished.status
        ))
    }
}
