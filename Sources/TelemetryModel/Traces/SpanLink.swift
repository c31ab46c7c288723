/// A reference from a span to another span, in this trace or another (OTLP `Span.Link`).
public struct SpanLink: Sendable, Hashable, Codable {
    /// The linked span's trace.
    public var traceID: TraceID
    /// The linked span.
    public var spanID: SpanID
    /// The linked span's `tracestate`; empty when none.
    public var traceState: String
    /// Attributes of the link.
    public var attributes: Attributes
    /// How many attributes the producer dropped because of limits.
    public var droppedAttributesCount: UInt32
    /// W3C trace flags and OTLP's remote bits of the linked span context.
    public var flags: SpanFlags

    /// Creates a link.
    public init(
        traceID: TraceID,
        spanID: SpanID,
        traceState: String = "",
        attributes: Attributes = [:],
        droppedAttributesCount: UInt32 = 0,
        flags: SpanFlags = []
    ) {
        self.traceID = traceID
        self.spanID = spanID
        self.traceState = traceState
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
        self.flags = flags
    }
}
