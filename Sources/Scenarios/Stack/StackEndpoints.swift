/// Where a stack's components answer, as base URLs without a trailing slash.
public struct StackEndpoints: Sendable, Hashable {
    /// The collector's health endpoint (the `health_check` extension, or the receiver's
    /// `/health`), a full URL.
    public var collectorHealth: String
    /// The collector's OTLP/gRPC endpoint the demo service exports to.
    public var collectorOTLP: String
    /// The Prometheus server.
    public var prometheus: String
    /// The trace backend's Jaeger query API (the v3 API is under `/api/v3`).
    public var traceQuery: String
    /// Grafana, when the stack has one.
    public var grafana: String?
    /// The demo service that runs for the whole stack.
    public var demoService: String

    /// Endpoints as given.
    public init(
        collectorHealth: String,
        collectorOTLP: String,
        prometheus: String,
        traceQuery: String,
        grafana: String?,
        demoService: String
    ) {
        self.collectorHealth = collectorHealth
        self.collectorOTLP = collectorOTLP
        self.prometheus = prometheus
        self.traceQuery = traceQuery
        self.grafana = grafana
        self.demoService = demoService
    }
}
