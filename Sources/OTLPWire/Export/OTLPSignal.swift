/// One of the three OTLP signals, with where it travels on the wire.
public enum OTLPSignal: String, Sendable, Hashable, Codable, CaseIterable {
    /// Spans: `POST /v1/traces`, `opentelemetry.proto.collector.trace.v1.TraceService/Export`.
    case traces
    /// Metrics: `POST /v1/metrics`, `opentelemetry.proto.collector.metrics.v1.MetricsService/Export`.
    case metrics
    /// Log records: `POST /v1/logs`, `opentelemetry.proto.collector.logs.v1.LogsService/Export`.
    case logs

    /// The OTLP/HTTP path, for example `/v1/traces`.
    public var httpPath: String { "/v1/\(rawValue)" }

    /// The fully qualified gRPC service name.
    public var grpcService: String {
        switch self {
        case .traces: "opentelemetry.proto.collector.trace.v1.TraceService"
        case .metrics: "opentelemetry.proto.collector.metrics.v1.MetricsService"
        case .logs: "opentelemetry.proto.collector.logs.v1.LogsService"
        }
    }

    /// The signal whose OTLP/HTTP path is `path`, if any.
    public init?(httpPath path: String) {
        guard let signal = Self.allCases.first(where: { $0.httpPath == path }) else { return nil }
        self = signal
    }

    /// What a rejected item of this signal is called in a partial success: spans, data points
    /// or log records.
    public var itemName: String {
        switch self {
        case .traces: "spans"
        case .metrics: "data points"
        case .logs: "log records"
        }
    }
}
