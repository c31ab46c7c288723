/// One log entry (OTLP `LogRecord`). Times are Unix epoch nanoseconds, 0 when unknown.
public struct LogRecord: Sendable, Hashable, Codable {
    /// When the event happened, by the producer's clock.
    public var timeUnixNano: UInt64
    /// When the record was observed by the collection system.
    public var observedTimeUnixNano: UInt64
    /// The normalised severity.
    public var severityNumber: SeverityNumber
    /// The severity as the source spelled it, for example `warning`.
    public var severityText: String
    /// The message or structured body; `nil` when absent.
    public var body: AttributeValue?
    /// Attributes of the record.
    public var attributes: Attributes
    /// How many attributes the producer dropped because of limits.
    public var droppedAttributesCount: UInt32
    /// W3C trace flags of the correlated span context.
    public var flags: UInt32
    /// The trace the record belongs to, if any.
    public var traceID: TraceID?
    /// The span the record belongs to, if any.
    public var spanID: SpanID?
    /// The name of the event this record represents, if any (OTLP `event_name`).
    public var eventName: String

    /// Creates a log record.
    public init(
        timeUnixNano: UInt64 = 0,
        observedTimeUnixNano: UInt64 = 0,
        severityNumber: SeverityNumber = .unspecified,
        severityText: String = "",
        body: AttributeValue? = nil,
        attributes: Attributes = [:],
        droppedAttributesCount: UInt32 = 0,
        flags: UInt32 = 0,
        traceID: TraceID? = nil,
        spanID: SpanID? = nil,
        eventName: String = ""
    ) {
        self.timeUnixNano = timeUnixNano
        self.observedTimeUnixNano = observedTimeUnixNano
        self.severityNumber = severityNumber
        self.severityText = severityText
        self.body = body
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
        self.flags = flags
        self.traceID = traceID
        self.spanID = spanID
        self.eventName = eventName
    }
}
