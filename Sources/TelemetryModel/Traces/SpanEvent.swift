/// A timestamped annotation on a span (OTLP `Span.Event`), for example an `exception`.
public struct SpanEvent: Sendable, Hashable, Codable {
    /// When the event happened, in Unix epoch nanoseconds.
    public var timeUnixNano: UInt64
    /// The event's name.
    public var name: String
    /// Attributes of the event.
    public var attributes: Attributes
    /// How many attributes the producer dropped because of limits.
    public var droppedAttributesCount: UInt32

    /// Creates an event.
    public init(name: String, timeUnixNano: UInt64 = 0, attributes: Attributes = [:], droppedAttributesCount: UInt32 = 0) {
        self.timeUnixNano = timeUnixNano
        self.name = name
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
    }
}
