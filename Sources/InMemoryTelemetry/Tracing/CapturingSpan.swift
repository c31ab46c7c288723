import Foundation
public import Instrumentation
public import TelemetryModel
public import Tracing

/// A span of a ``CapturingTracer``: records into its ``TelemetryCapture`` when it ends.
///
/// All mutable state sits behind one lock, attributes are changed in place (no copy of the
/// whole attribute dictionary per `span.attributes[key] = value`), and the conversion of the
/// attributes to the model waits until the capture is read, off the instrumented code's path.
public final class CapturingSpan: Tracing.Span, @unchecked Sendable {
    // Guarded by `lock`: every access to the variables below holds it.
    private let lock = NSLock()
    private var _operationName: String
    private var _attributes: SpanAttributes = [:]
    private var events: [FinishedSpan.Event] = []
    private var links: [TelemetryModel.SpanLink] = []
    private var status: TelemetryModel.SpanStatus = .unset
    private var _isRecording = true

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

    init(
        operationName: String,
        context: InstrumentationContext,
        spanContext: CapturedSpanContext,
        parent: CapturedSpanContext?,
        kind: TelemetryModel.SpanKind,
        startTimeUnixNano: UInt64,
        isRecording: Bool,
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
        self._operationName = operationName
        self._isRecording = isRecording
        // Most spans get a handful of attributes; growing from empty would rehash several times.
        self._attributes.reserveCapacity(8)
    }

    // `lock()`/`unlock()` rather than `NSLock.withLock`: that generic method is not specialised
    // across modules, and instantiating its result type's metadata costs more than the work.

    /// The span's name; changes after the end are ignored.
    public var operationName: String {
        get {
            lock.lock()
            defer { lock.unlock() }
            return _operationName
        }
        set {
            lock.lock()
            defer { lock.unlock() }
            if _isRecording { _operationName = newValue }
        }
    }

    /// The span's attributes, changed in place; changes after the end are ignored.
    public var attributes: SpanAttributes {
        get {
            lock.lock()
            defer { lock.unlock() }
            return _attributes
        }
        set {
            lock.lock()
            defer { lock.unlock() }
            if _isRecording { _attributes = newValue }
        }
        _modify {
            lock.lock()
            defer { lock.unlock() }
            if _isRecording {
                yield &_attributes
            } else {
                var discarded = _attributes
                yield &discarded
            }
        }
    }

    /// Whether the span is sampled and has not ended.
    public var isRecording: Bool {
        lock.lock()
        defer { lock.unlock() }
        return _isRecording
    }

    /// Sets the status; `ok` is final, as the OpenTelemetry specification requires.
    public func setStatus(_ status: Tracing.SpanStatus) {
        let model = TelemetryModel.SpanStatus(code: status.code == .ok ? .ok : .error, message: status.message ?? "")
        lock.lock()
        defer { lock.unlock() }
        // Per the OpenTelemetry spec, Ok is final and a message belongs only to Error.
        guard _isRecording, self.status.code != .ok else { return }
        self.status = model.code == .ok ? .ok : model
    }

    /// Adds an event.
    public func addEvent(_ event: Tracing.SpanEvent) {
        lock.lock()
        defer { lock.unlock() }
        if _isRecording { events.append(.event(event)) }
    }

    /// Records an `exception` event with `exception.type` and `exception.message`, as swift-otel does.
    public func recordError<Instant: TracerInstant>(
        _ error: any Error,
        attributes: SpanAttributes,
        at instant: @autoclosure () -> Instant
    ) {
        let event = FinishedSpan.Event.error(
            type: String(describing: type(of: error)),
            message: String(describing: error),
            attributes: attributes,
            timeUnixNano: instant().nanosecondsSinceEpoch
        )
        lock.lock()
        defer { lock.unlock() }
        if _isRecording { events.append(event) }
    }

    /// Links to the span in `link`'s context, when a ``CapturingTracer`` started it.
    public func addLink(_ link: Tracing.SpanLink) {
        guard let other = link.context.capturedSpanContext else { return }
        var flags = SpanFlags(rawValue: UInt32(other.traceFlags)).union(.hasIsRemote)
        if other.isRemote { flags.insert(.isRemote) }
        let model = TelemetryModel.SpanLink(
            traceID: other.traceID,
            spanID: other.spanID,
            traceState: other.traceState,
            attributes: Attributes(link.attributes),
            flags: flags
        )
        lock.lock()
        defer { lock.unlock() }
        if _isRecording { links.append(model) }
    }

    /// Ends the span and records it; later calls do nothing.
    public func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        let endTime = instant().nanosecondsSinceEpoch
        lock.lock()
        guard _isRecording else {
            lock.unlock()
            return
        }
        _isRecording = false
        let (name, attributes, events, links, status) = (_operationName, _attributes, events, links, status)
        lock.unlock()
        var flags = SpanFlags(rawValue: UInt32(spanContext.traceFlags)).union(.hasIsRemote)
        if parentIsRemote { flags.insert(.isRemote) }
        // The attributes are converted to the model when the capture is read, not here.
        capture.record(
            FinishedSpan(
                span: TelemetryModel.Span(
                    traceID: spanContext.traceID,
                    spanID: spanContext.spanID,
                    traceState: spanContext.traceState,
                    parentSpanID: parentSpanID,
                    flags: flags,
                    name: name,
                    kind: kind,
                    startTimeUnixNano: startTimeUnixNano,
                    endTimeUnixNano: endTime,
                    links: links,
                    status: status
                ),
                attributes: attributes,
                events: events
            )
        )
    }
}
