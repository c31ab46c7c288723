public import Logging
import TelemetryModel
import Tracing

/// A swift-log `LogHandler` that records log records into a ``TelemetryCapture``.
///
/// Records are shaped as swift-otel 1.6.0 shapes them: the severity number from the level
/// (`notice` → INFO2, `critical` → ERROR2), the level's name as severity text, the message as
/// the body, the handler's and the call's metadata and the code location (`code.file.path`,
/// `code.function.name`, `code.line.number`) as attributes sorted by key, and the trace and
/// span id of the active span, when a ``CapturingTracer`` started it. Like swift-otel, the
/// handler records `info` and above unless the logger's level is lowered.
public struct CapturingLogHandler: LogHandler {
    /// The logger's label.
    public let label: String
    let target: CaptureTarget
    /// Metadata added to every record.
    public var metadata: Logger.Metadata = [:]
    /// Provides metadata (for example from task-locals) when a record is made.
    public var metadataProvider: Logger.MetadataProvider?
    /// The lowest level recorded; `info` by default, as in swift-otel.
    public var logLevel: Logger.Level = .info

    /// Creates a handler that records into `capture`.
    public init(label: String, capture: TelemetryCapture) {
        self.init(label: label, target: .fixed(capture))
    }

    init(label: String, target: CaptureTarget) {
        self.label = label
        self.target = target
    }

    /// One metadata value.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Records `event`.
    public func log(event: LogEvent) {
        target.capture.record(LogRecord(event: event, handlerMetadata: metadata, provider: metadataProvider))
    }
}

extension LogRecord {
    init(event: LogEvent, handlerMetadata: Logger.Metadata, provider: Logger.MetadataProvider?) {
        // As swift-otel: code location first, then the handler's, the provider's and the call's
        // metadata, later values winning for the same key.
        var merged: Logger.Metadata = [
            "code.file.path": .string(event.file),
            "code.function.name": .string(event.function),
            "code.line.number": .string(String(event.line)),
        ]
        if let error = event.error {
            merged["exception.type"] = .string(String(describing: type(of: error)))
            merged["exception.message"] = .string(String(describing: error))
        }
        merged.merge(handlerMetadata) { $1 }
        if let provided = provider?.get() { merged.merge(provided) { $1 } }
        if let eventMetadata = event.metadata { merged.merge(eventMetadata) { $1 } }
        let attributes = Attributes(merged.sorted { $0.key < $1.key }.map { Attribute(key: $0.key, value: AttributeValue($0.value)) })
        let now = DefaultTracerClock.now.nanosecondsSinceEpoch
        let spanContext = InstrumentationContext.current?.capturedSpanContext
        self.init(
            timeUnixNano: now,
            observedTimeUnixNano: now,
            severityNumber: SeverityNumber(event.level),
            severityText: String(describing: event.level),
            body: .string(event.message.description),
            attributes: attributes,
            flags: UInt32(spanContext?.traceFlags ?? 0),
            traceID: spanContext?.traceID,
            spanID: spanContext?.spanID
        )
    }
}

extension SeverityNumber {
    /// swift-otel's mapping of swift-log levels.
    init(_ level: Logger.Level) {
        switch level {
        case .trace: self = .trace
        case .debug: self = .debug
        case .info: self = .info
        case .notice: self = .info2
        case .warning: self = .warn
        case .error: self = .error
        case .critical: self = .error2
        }
    }
}

extension AttributeValue {
    init(_ value: Logger.Metadata.Value) {
        switch value {
        case .string(let string): self = .string(string)
        case .stringConvertible(let convertible): self = .string(convertible.description)
        case .array(let values): self = .array(values.map(AttributeValue.init))
        case .dictionary(let dictionary):
            self = .keyValueList(
                Attributes(
                    dictionary.sorted { $0.key < $1.key }.map {
                        Attribute(key: $0.key, value: AttributeValue($0.value))
                    }
                )
            )
        }
    }
}
