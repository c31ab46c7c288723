import TelemetryModel
import Tracing

/// A span that has ended, with its attributes and events still in swift-distributed-tracing's
/// form: converting them to the model waits until the capture is read.
struct FinishedSpan: Sendable {
    /// An event as recorded.
    enum Event: Sendable {
        case event(Tracing.SpanEvent)
        /// A recorded error, already described (the error itself need not be `Sendable`).
        case error(type: String, message: String, attributes: SpanAttributes, timeUnixNano: UInt64)

        var model: TelemetryModel.SpanEvent {
            switch self {
            case .event(let event):
                return TelemetryModel.SpanEvent(
                    name: event.name,
                    timeUnixNano: event.nanosecondsSinceEpoch,
                    attributes: Attributes(event.attributes)
                )
            case .error(let type, let message, let attributes, let time):
                // The caller's attributes win over the derived ones, as in swift-otel.
                var eventAttributes: Attributes = ["exception.type": .string(type), "exception.message": .string(message)]
                for pair in Attributes(attributes) { eventAttributes[pair.key] = pair.value }
                return TelemetryModel.SpanEvent(name: "exception", timeUnixNano: time, attributes: eventAttributes)
            }
        }
    }

    /// Everything but the attributes and events, already in the model.
    var span: TelemetryModel.Span
    var attributes: SpanAttributes
    var events: [Event]

    /// The span with its attributes (sorted by key, so captures are deterministic) and events.
    var modelSpan: TelemetryModel.Span {
        var span = span
        span.attributes = Attributes(attributes)
        span.events = events.map(\.model)
        return span
    }
}
