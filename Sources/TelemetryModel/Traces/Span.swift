/// One operation in a trace (OTLP `Span`). Times are Unix epoch nanoseconds.
public struct Span: Sendable, Hashable, Codable {
    /// The trace this span belongs to.
    public var traceID: TraceID
    /// This span's id, unique within the trace.
    public var spanID: SpanID
    /// The W3C `tracestate` header value; empty when none.
    public var traceState: String
    /// The parent's id; `nil` for a root span.
    public var parentSpanID: SpanID?
    /// W3C trace flags and OTLP's remote-parent bits.
    public var flags: SpanFlags
    /// The operation name, for example `GET /users/{id}`.
    public var name: String
    /// The span's role.
    public var kind: SpanKind
    /// When the operation started.
    public var startTimeUnixNano: UInt64
    /// When the operation ended.
    public var endTimeUnixNano: UInt64
    /// Attributes describing the operation.
    public var attributes: Attributes
    /// How many attributes the producer dropped because of limits.
    public var droppedAttributesCount: UInt32
    /// Timestamped events, for example recorded exceptions.
    public var events: [SpanEvent]
    /// How many events the producer dropped because of limits.
    public var droppedEventsCount: UInt32
    /// Links to other spans.
    public var links: [SpanLink]
    /// How many links the producer dropped because of limits.
    public var droppedLinksCount: UInt32
    /// The outcome.
    public var status: SpanStatus

    /// Creates a span.
    public init(
        traceID: TraceID,
        spanID: SpanID,
        traceState: String = "",
        parentSpanID: SpanID? = nil,
        flags: SpanFlags = [],
        name: String,
        kind: SpanKind = .internal,
        startTimeUnixNano: UInt64 = 0,
        endTimeUnixNano: UInt64 = 0,
        attributes: Attributes = [:],
        droppedAttributesCount: UInt32 = 0,
        events: [SpanEvent] = [],
        droppedEventsCount: UInt32 = 0,
        links: [SpanLink] = [],
        droppedLinksCount: UInt32 = 0,
        status: SpanStatus = .unset
    ) {
        self.traceID = traceID
        self.spanID = spanID
        self.traceState = traceState
        self.parentSpanID = parentSpanID
        self.flags = flags
        self.name = name
        self.kind = kind
        self.startTimeUnixNano = startTimeUnixNano
        self.endTimeUnixNano = endTimeUnixNano
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
        self.events = events
        self.droppedEventsCount = droppedEventsCount
        self.links = links
        self.droppedLinksCount = droppedLinksCount
        self.status = status
    }

    /// Whether the span has no parent.
    public var isRoot: Bool { parentSpanID == nil }

    /// The span's duration in nanoseconds; zero when the end precedes the start.
    public var durationNanoseconds: UInt64 {
        endTimeUnixNano >= startTimeUnixNano ? endTimeUnixNano - startTimeUnixNano : 0
    }
}
