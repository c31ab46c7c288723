public import OTLPWire

/// How an ``OTLPReceiver`` listens, decodes, answers and what it keeps.
public struct OTLPReceiverConfiguration: Sendable {
    /// The address both servers bind. Loopback unless told otherwise.
    public var host: String
    /// The OTLP/gRPC port; 0 picks a free one (read it from ``OTLPReceiver/grpcPort``).
    public var grpcPort: Int
    /// The OTLP/HTTP port (also serving health, metrics and the trace API); 0 picks a free one.
    public var httpPort: Int
    /// The port of OTLP/HTTP over h2c (HTTP/2 with prior knowledge); 0 picks a free one. `nil`
    /// (the default) serves no h2c.
    public var h2cPort: Int?
    /// How long an HTTP connection may stay idle, also in the middle of a request (a client
    /// that sends headers and then nothing), before the receiver closes it.
    public var idleConnectionTimeout: Duration
    /// The largest request body accepted, after decompression: a larger one is answered 413
    /// (HTTP) or RESOURCE_EXHAUSTED (gRPC), enforced while inflating. Default 64 MiB.
    public var maximumRequestBodySize: Int
    /// How OTLP/JSON is decoded: strictly (the default, as a conforming collector), or leniently,
    /// recording each deviation with the request.
    public var jsonMode: OTLPJSONDecoder.Mode
    /// The most requests kept; older ones are evicted first, and evictions are counted.
    public var maximumStoredRequests: Int
    /// The most telemetry items (spans, data points, log records) kept over all requests;
    /// older requests are evicted first, and evictions are counted.
    public var maximumStoredItems: Int
    /// The request header (gRPC metadata) whose value names a request's session.
    public var sessionHeader: String
    /// The resource attribute whose value names the session of the telemetry under it, for
    /// clients that cannot set headers per test.
    public var sessionResourceAttribute: String
    /// The metric name prefix of `GET /metrics` (the collector prometheus exporter's `namespace`).
    public var prometheusNamespace: String
    /// The most series `GET /metrics` holds; the least recently updated are evicted and counted.
    public var maximumPrometheusSeries: Int
    /// When set, accepted telemetry is also appended to this file as OTLP/JSON lines, as the
    /// collector's `file` exporter writes it.
    public var fileExportPath: String?

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1",
        grpcPort: Int = 0,
        httpPort: Int = 0,
        h2cPort: Int? = nil,
        idleConnectionTimeout: Duration = .seconds(30),
        maximumRequestBodySize: Int = 64 * 1024 * 1024,
        jsonMode: OTLPJSONDecoder.Mode = .strict,
        maximumStoredRequests: Int = 100_000,
        maximumStoredItems: Int = 1_000_000,
        sessionHeader: String = "x-otel-harness-session",
        sessionResourceAttribute: String = "otel_harness.session",
        prometheusNamespace: String = "",
        maximumPrometheusSeries: Int = 10_000,
        fileExportPath: String? = nil
    ) {
        self.host = host
        self.grpcPort = grpcPort
        self.httpPort = httpPort
        self.h2cPort = h2cPort
        self.idleConnectionTimeout = idleConnectionTimeout
        self.maximumRequestBodySize = maximumRequestBodySize
        self.jsonMode = jsonMode
        self.maximumStoredRequests = maximumStoredRequests
        self.maximumStoredItems = maximumStoredItems
        self.sessionHeader = sessionHeader
        self.sessionResourceAttribute = sessionResourceAttribute
        self.prometheusNamespace = prometheusNamespace
        self.maximumPrometheusSeries = maximumPrometheusSeries
        self.fileExportPath = fileExportPath
    }
}
