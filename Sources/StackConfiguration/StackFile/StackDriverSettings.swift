/// A component of the stack as the compose driver reaches it: the compose service that plays
/// the role, and its container port.
public struct ComposeRole: Sendable, Hashable {
    /// The compose service.
    public var service: String
    /// The container port that answers (published to the host); the image's usual one when
    /// `nil`.
    public var port: Int?
    /// Where it is defined.
    public var location: SourceLocation

    /// A role played by `service` on `port`.
    public init(service: String, port: Int? = nil, location: SourceLocation = .start) {
        self.service = service
        self.port = port
        self.location = location
    }
}

/// What the compose driver runs: the user's compose files under a project name of its own.
public struct ComposeSettings: Sendable, Hashable {
    /// The compose files, relative to the stack file, in `-f` order.
    public var files: [String]
    /// The services playing each role; inferred from well-known images when absent.
    public var collector: ComposeRole?
    /// The collector's health endpoint (the `health_check` extension, 13133 by default).
    public var collectorHealth: ComposeRole?
    /// Prometheus.
    public var prometheus: ComposeRole?
    /// The trace backend (Jaeger's query API).
    public var traceBackend: ComposeRole?
    /// Grafana.
    public var grafana: ComposeRole?
    /// The log backend: an OTLP/JSON-lines file the collector's `file` exporter writes, as a path
    /// on the host (a bind-mounted folder), relative to the stack file.
    public var logFile: String?
    /// Where it is defined.
    public var location: SourceLocation = .start

    /// Settings running `files`.
    public init(files: [String]) { self.files = files }
}

/// A stack that is already running, reached through the endpoints given: nothing is started or
/// stopped.
public struct ExternalSettings: Sendable, Hashable {
    /// The collector's health endpoint, a full URL.
    public var collectorHealth: String?
    /// Prometheus's base URL.
    public var prometheus: String?
    /// The trace backend's Jaeger query API base URL.
    public var traceQuery: String?
    /// Grafana's base URL.
    public var grafana: String?
    /// The log backend: an OTLP/JSON-lines file the collector writes, readable from here.
    public var logFile: String?
    /// Commands that stop, black-hole and restore the collector; resilience is skipped without
    /// them.
    public var collectorControl: CollectorControl?
    /// Where it is defined.
    public var location: SourceLocation = .start

    /// No endpoints.
    public init() {}
}

/// Commands that put the collector of an external stack into each condition.
public struct CollectorControl: Sendable, Hashable {
    /// Stops the collector (connections are refused).
    public var stop: [String]
    /// Makes the collector accept connections and never answer.
    public var blackHole: [String]?
    /// Makes the collector answer 503.
    public var unavailable: [String]?
    /// Brings the collector back.
    public var restore: [String]

    /// Creates the commands.
    public init(stop: [String], blackHole: [String]? = nil, unavailable: [String]? = nil, restore: [String]) {
        self.stop = stop
        self.blackHole = blackHole
        self.unavailable = unavailable
        self.restore = restore
    }
}
