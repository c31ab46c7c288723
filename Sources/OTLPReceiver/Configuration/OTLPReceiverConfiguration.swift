public import Foundation
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
    /// How long a client may take to send a whole request, from its head to its end, and to send
    /// the next request's head after an answer (a client that trickles a byte at a time resets
    /// the idle timeout forever). Past it the request is answered 408 and recorded, and the
    /// connection closes. Default 30 s.
    public var requestReceiveTimeout: Duration
    /// How long writing one answer may take, from its first byte to its last in the socket: a
    /// client that reads slower (a large trace query read a little at a time) has its connection
    /// closed, the answer cut short, which it sees in the answer's framing. Default 60 s.
    public var answerWriteTimeout: Duration
    /// The largest request body accepted, after decompression: a larger one is answered 413
    /// (HTTP) or RESOURCE_EXHAUSTED (gRPC), enforced while inflating. Default 64 MiB.
    public var maximumRequestBodySize: Int
    /// The most export requests received, inflated or decoded at once (over all transports);
    /// past it, a request is answered HTTP 503 with `Retry-After` or gRPC `RESOURCE_EXHAUSTED`
    /// with `RetryInfo`, as the collector's `memory_limiter` answers, and recorded. Default 128.
    public var maximumConcurrentExports: Int
    /// The most bytes those requests may hold at once: bodies as received, plus what inflating
    /// them has produced so far. A request that would pass it is answered as above. Default
    /// 512 MiB; never less than twice ``maximumRequestBodySize``, so that one request of the
    /// largest size always fits.
    public var maximumInFlightBytes: Int
    /// How OTLP/JSON is decoded: strictly (the default, as a conforming collector), or leniently,
    /// recording each deviation with the request.
    public var jsonMode: OTLPJSONDecoder.Mode
    /// The most requests kept; older ones are evicted first, and evictions are counted.
    public var maximumStoredRequests: Int
    /// The most telemetry items (spans, data points, log records) kept over all requests;
    /// older requests are evicted first, and evictions are counted.
    public var maximumStoredItems: Int
    /// The most bytes the receiver holds for telemetry: the kept requests (their bodies as
    /// received after inflating, records and headers) together with what requests in flight
    /// hold until they are recorded (bodies, inflated output, decoded telemetry). Older requests
    /// are evicted first, also to make room for requests in flight, and evictions are counted.
    /// A request larger than this alone is kept without its telemetry. Default 1 GiB.
    public var maximumStoredBytes: Int
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
    /// The threads that inflate and decode request bodies, apart from Swift's cooperative pool
    /// so that large bodies never delay `/health`, the query API or small exports. Default: one
    /// per core.
    public var decodingThreads: Int

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1",
        grpcPort: Int = 0,
        httpPort: Int = 0,
        h2cPort: Int? = nil,
        idleConnectionTimeout: Duration = .seconds(30),
        requestReceiveTimeout: Duration = .seconds(30),
        answerWriteTimeout: Duration = .seconds(60),
        maximumRequestBodySize: Int = 64 * 1024 * 1024,
        maximumConcurrentExports: Int = 128,
        maximumInFlightBytes: Int = 512 * 1024 * 1024,
        jsonMode: OTLPJSONDecoder.Mode = .strict,
        maximumStoredRequests: Int = 100_000,
        maximumStoredItems: Int = 1_000_000,
        maximumStoredBytes: Int = 1 << 30,
        sessionHeader: String = "x-otel-harness-session",
        sessionResourceAttribute: String = "otel_harness.session",
        prometheusNamespace: String = "",
        maximumPrometheusSeries: Int = 10_000,
        fileExportPath: String? = nil,
        decodingThreads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.host = host
        self.grpcPort = grpcPort
        self.httpPort = httpPort
        self.h2cPort = h2cPort
        self.idleConnectionTimeout = idleConnectionTimeout
        self.requestReceiveTimeout = requestReceiveTimeout
        self.answerWriteTimeout = answerWriteTimeout
        self.maximumRequestBodySize = maximumRequestBodySize
        self.maximumConcurrentExports = maximumConcurrentExports
        self.maximumInFlightBytes = maximumInFlightBytes
        self.jsonMode = jsonMode
        self.maximumStoredRequests = maximumStoredRequests
        self.maximumStoredItems = maximumStoredItems
        self.maximumStoredBytes = maximumStoredBytes
        self.sessionHeader = sessionHeader
        self.sessionResourceAttribute = sessionResourceAttribute
        self.prometheusNamespace = prometheusNamespace
        self.maximumPrometheusSeries = maximumPrometheusSeries
        self.fileExportPath = fileExportPath
        self.decodingThreads = decodingThreads
    }
}
