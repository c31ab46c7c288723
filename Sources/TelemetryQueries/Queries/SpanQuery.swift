public import TelemetryModel

/// A description of the spans to select: by name, kind, attribute, status, parent or trace.
///
/// Start with a static member and chain more conditions; all must hold:
/// ```swift
/// telemetry.spans(.named("GET /users/{id}").kind(.server).attribute("http.response.status_code", 200))
/// ```
public struct SpanQuery: Sendable, CustomStringConvertible {
    private var conditions: [(description: String, test: @Sendable (Span) -> Bool)]

    private init(_ conditions: [(description: String, test: @Sendable (Span) -> Bool)]) {
        self.conditions = conditions
    }

    /// Every span.
    public static let any = SpanQuery([])

    /// Whether `span` meets every condition.
    public func matches(_ span: Span) -> Bool {
        conditions.allSatisfy { $0.test(span) }
    }

    /// The conditions in words, for messages.
    public var description: String {
        conditions.isEmpty ? "(any)" : conditions.map(\.description).joined(separator: ", ")
    }

    private func adding(_ description: String, _ test: @escaping @Sendable (Span) -> Bool) -> SpanQuery {
        SpanQuery(conditions + [(description, test)])
    }

    /// Spans named `name`.
    public static func named(_ name: String) -> SpanQuery { any.named(name) }
    /// Also named `name`.
    public func named(_ name: String) -> SpanQuery { adding("named \"\(name)\"") { $0.name == name } }

    /// Spans of `kind`.
    public static func kind(_ kind: SpanKind) -> SpanQuery { any.kind(kind) }
    /// Also of `kind`.
    public func kind(_ kind: SpanKind) -> SpanQuery { adding("kind \(kind)") { $0.kind == kind } }

    /// Spans whose attribute `key` equals `value`.
    public static func attribute(_ key: String, _ value: AttributeValue) -> SpanQuery { any.attribute(key, value) }
    /// Also with attribute `key` equal to `value`.
    public func attribute(_ key: String, _ value: AttributeValue) -> SpanQuery {
        adding("\(key) = \(value)") { $0.attributes[key] == value }
    }

    /// Spans that have an attribute `key`, whatever its value.
    public static func hasAttribute(_ key: String) -> SpanQuery { any.hasAttribute(key) }
    /// Also with an attribute `key`.
    public func hasAttribute(_ key: String) -> SpanQuery { adding("has \(key)") { $0.attributes[key] != nil } }

    /// Spans whose status code is `code`.
    public static func status(_ code: SpanStatus.Code) -> SpanQuery { any.status(code) }
    /// Also with status code `code`.
    public func status(_ code: SpanStatus.Code) -> SpanQuery { adding("status \(code)") { $0.status.code == code } }

    /// Root spans.
    public static var root: SpanQuery { any.root }
    /// Also a root span.
    public var root: SpanQuery { adding("root") { $0.parentSpanID == nil } }

    /// Children of the span `parent`.
    public static func child(of parent: Span) -> SpanQuery { any.child(of: parent) }
    /// Also a child of `parent`.
    public func child(of parent: Span) -> SpanQuery {
        let traceID = parent.traceID
        let spanID = parent.spanID
        return adding("child of \"\(parent.name)\"") { $0.traceID == traceID && $0.parentSpanID == spanID }
    }

    /// Spans of the trace `traceID`.
    public static func inTrace(_ traceID: TraceID) -> SpanQuery { any.inTrace(traceID) }
    /// Also in the trace `traceID`.
    public func inTrace(_ traceID: TraceID) -> SpanQuery { adding("in trace \(traceID)") { $0.traceID == traceID } }

    /// Spans satisfying `predicate`, described as `description` in messages.
    public static func matching(_ description: String, _ predicate: @escaping @Sendable (Span) -> Bool) -> SpanQuery {
        any.matching(description, predicate)
    }
    /// Also satisfying `predicate`.
    public func matching(_ description: String, _ predicate: @escaping @Sendable (Span) -> Bool) -> SpanQuery {
        adding(description, predicate)
    }
}

extension TracesData {
    /// The spans matching `query`, in the order they were recorded.
    public func spans(_ query: SpanQuery) -> [Span] {
        spans.filter(query.matches)
    }

    /// The first span matching `query`.
    public func span(_ query: SpanQuery) -> Span? {
        spans.first(where: query.matches)
    }
}
