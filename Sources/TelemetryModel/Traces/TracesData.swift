/// Spans grouped by resource and scope, as one OTLP export request carries them (OTLP `TracesData`).
public struct TracesData: Sendable, Hashable, Codable {
    /// The groups, one per producing resource.
    public var resourceSpans: [ResourceSpans]

    /// Creates traces data.
    public init(resourceSpans: [ResourceSpans] = []) {
        self.resourceSpans = resourceSpans
    }

    /// Every span, in order, without its resource and scope.
    public var spans: [Span] {
        resourceSpans.flatMap { $0.scopeSpans.flatMap(\.spans) }
    }

    /// The number of spans.
    public var spanCount: Int {
        resourceSpans.reduce(0) { $0 + $1.scopeSpans.reduce(0) { $0 + $1.spans.count } }
    }
}

/// The spans of one resource (OTLP `ResourceSpans`).
public struct ResourceSpans: Sendable, Hashable, Codable {
    /// The resource that produced the spans.
    public var resource: Resource
    /// The spans, grouped by instrumentation scope.
    public var scopeSpans: [ScopeSpans]
    /// The schema URL of the resource's attributes; empty when none.
    public var schemaURL: String

    /// Creates a group.
    public init(resource: Resource = Resource(), scopeSpans: [ScopeSpans] = [], schemaURL: String = "") {
        self.resource = resource
        self.scopeSpans = scopeSpans
        self.schemaURL = schemaURL
    }
}

/// The spans of one instrumentation scope (OTLP `ScopeSpans`).
public struct ScopeSpans: Sendable, Hashable, Codable {
    /// The scope that produced the spans.
    public var scope: InstrumentationScope
    /// The spans.
    public var spans: [Span]
    /// The schema URL of the spans' attributes; empty when none.
    public var schemaURL: String

    /// Creates a group.
    public init(scope: InstrumentationScope = InstrumentationScope(), spans: [Span] = [], schemaURL: String = "") {
        self.scope = scope
        self.spans = spans
        self.schemaURL = schemaURL
    }
}
