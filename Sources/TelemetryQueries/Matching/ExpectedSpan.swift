public import TelemetryModel

/// The expected shape of a span and, through its children, of a whole span tree.
///
/// ```swift
/// telemetry.expectTrace {
///     ExpectedSpan("POST /v1/pipeline", kind: .server, attributes: ["http.request.method": "POST"]) {
///         ExpectedSpan("transcribe")
///         ExpectedSpan("generate", status: .error)
///         ExpectedSpan("synthesize")
///     }
/// }
/// ```
public struct ExpectedSpan: Sendable, CustomStringConvertible {
    /// How expected attributes are compared with the span's.
    public enum AttributeMatching: Sendable {
        /// The span has at least the expected attributes, with equal values (the default).
        case subset
        /// The span has exactly the expected attributes.
        case exact
    }

    /// How expected children are compared with the span's children.
    public enum ChildOrder: Sendable {
        /// In start-time order (the default).
        case ordered
        /// In any order.
        case anyOrder
    }

    /// The span's name.
    public var name: String
    /// The `service.name` of the span's resource; `nil` accepts any. With it, one expectation
    /// describes a trace across services.
    public var service: String?
    /// The span's kind; `nil` accepts any.
    public var kind: SpanKind?
    /// The status code; `nil` accepts any.
    public var status: SpanStatus.Code?
    /// Attributes the span must carry.
    public var attributes: Attributes
    /// Subset (default) or exact attribute matching.
    public var attributeMatching: AttributeMatching
    /// Names of events the span must have, in this order (others may come between).
    public var eventNames: [String]
    /// The expected children.
    public var children: [ExpectedSpan]
    /// Ordered (default) or any-order children.
    public var childOrder: ChildOrder
    /// Whether the span may have children beyond the expected ones. `nil` (the default) means
    /// "exactly the listed children" when children are listed, and "any children" when none are,
    /// so `ExpectedSpan("checkout")` matches a `checkout` span whatever it contains.
    public var allowsOtherChildren: Bool?

    /// Creates an expectation.
    public init(
        _ name: String,
        service: String? = nil,
        kind: SpanKind? = nil,
        status: SpanStatus.Code? = nil,
        attributes: Attributes = [:],
        matching attributeMatching: AttributeMatching = .subset,
        events eventNames: [String] = [],
        childOrder: ChildOrder = .ordered,
        allowsOtherChildren: Bool? = nil,
        @ExpectedSpanBuilder children: () -> [ExpectedSpan] = { [] }
    ) {
        self.name = name
        self.service = service
        self.kind = kind
        self.status = status
        self.attributes = attributes
        self.attributeMatching = attributeMatching
        self.eventNames = eventNames
        self.children = children()
        self.childOrder = childOrder
        self.allowsOtherChildren = allowsOtherChildren
    }

    /// The expectation as an indented outline.
    public var description: String { outline(depth: 0) }

    private func outline(depth: Int) -> String {
        var line = String(repeating: "  ", count: depth) + "\"\(name)\""
        if let service { line += " in \(service)" }
        if let kind { line += " \(kind)" }
        if let status { line += " status=\(status)" }
        if !attributes.isEmpty { line += " \(attributeMatching == .exact ? "exactly " : "")\(attributes)" }
        if !eventNames.isEmpty { line += " events \(eventNames)" }
        if childOrder == .anyOrder { line += " (children in any order)" }
        if allowsOtherChildren == true { line += " (other children allowed)" }
        return ([line] + children.map { $0.outline(depth: depth + 1) }).joined(separator: "\n")
    }
}

/// Builds the children of an ``ExpectedSpan``: one per line, with `if`, `if`/`else` and `for`.
@resultBuilder
public enum ExpectedSpanBuilder {
    // The builder's methods are called by the compiler, not by users.
    public static func buildExpression(_ expression: ExpectedSpan) -> [ExpectedSpan] { [expression] }
    public static func buildExpression(_ expression: [ExpectedSpan]) -> [ExpectedSpan] { expression }
    public static func buildBlock(_ components: [ExpectedSpan]...) -> [ExpectedSpan] { components.flatMap { $0 } }
    public static func buildOptional(_ component: [ExpectedSpan]?) -> [ExpectedSpan] { component ?? [] }
    public static func buildEither(first component: [ExpectedSpan]) -> [ExpectedSpan] { component }
    public static func buildEither(second component: [ExpectedSpan]) -> [ExpectedSpan] { component }
    public static func buildArray(_ components: [[ExpectedSpan]]) -> [ExpectedSpan] { components.flatMap { $0 } }
    public static func buildLimitedAvailability(_ component: [ExpectedSpan]) -> [ExpectedSpan] { component }
}
