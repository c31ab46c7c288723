/// The role of a span in a trace (OTLP `Span.SpanKind`).
public enum SpanKind: Int32, Sendable, Hashable, Codable, CaseIterable {
    /// Not specified by the producer.
    case unspecified = 0
    /// An operation internal to an application.
    case `internal` = 1
    /// The server side of a synchronous remote call.
    case server = 2
    /// The client side of a synchronous remote call.
    case client = 3
    /// The sending side of an asynchronous message.
    case producer = 4
    /// The receiving side of an asynchronous message.
    case consumer = 5
}
