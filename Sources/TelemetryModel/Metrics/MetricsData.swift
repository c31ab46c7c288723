/// Metrics grouped by resource and scope, as one OTLP export request carries them (OTLP `MetricsData`).
public struct MetricsData: Sendable, Hashable, Codable {
    /// The groups, one per producing resource.
    public var resourceMetrics: [ResourceMetrics]

    /// Creates metrics data.
    public init(resourceMetrics: [ResourceMetrics] = []) {
        self.resourceMetrics = resourceMetrics
    }

    /// Every metric, in order, without its resource and scope.
    public var metrics: [Metric] {
        resourceMetrics.flatMap { $0.scopeMetrics.flatMap(\.metrics) }
    }

    /// The number of data points over all metrics.
    public var dataPointCount: Int {
        metrics.reduce(0) { $0 + $1.data.dataPointCount }
    }
}

/// The metrics of one resource (OTLP `ResourceMetrics`).
public struct ResourceMetrics: Sendable, Hashable, Codable {
    /// The resource that produced the metrics.
    public var resource: Resource
    /// The metrics, grouped by instrumentation scope.
    public var scopeMetrics: [ScopeMetrics]
    /// The schema URL of the resource's attributes; empty when none.
    public var schemaURL: String

    /// Creates a group.
    public init(resource: Resource = Resource(), scopeMetrics: [ScopeMetrics] = [], schemaURL: String = "") {
        self.resource = resource
        self.scopeMetrics = scopeMetrics
        self.schemaURL = schemaURL
    }
}

/// The metrics of one instrumentation scope (OTLP `ScopeMetrics`).
public struct ScopeMetrics: Sendable, Hashable, Codable {
    /// The scope that produced the metrics.
    public var scope: InstrumentationScope
    /// The metrics.
    public var metrics: [Metric]
    /// The schema URL of the metrics' attributes; empty when none.
    public var schemaURL: String

    /// Creates a group.
    public init(scope: InstrumentationScope = InstrumentationScope(), metrics: [Metric] = [], schemaURL: String = "") {
        self.scope = scope
        self.metrics = metrics
        self.schemaURL = schemaURL
    }
}
