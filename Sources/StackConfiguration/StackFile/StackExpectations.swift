/// A span, and through its children a span tree, that a request must yield.
public struct SpanExpectation: Sendable, Hashable {
    /// The span's name.
    public var name: String
    /// `server`, `client`, `internal`, `producer` or `consumer`; any when `nil`.
    public var kind: String?
    /// The `service.name` of the span's resource; any when `nil`.
    public var service: String?
    /// `ok`, `error` or `unset`; any when `nil`.
    public var status: String?
    /// Attributes the span must carry (a subset), values as written.
    public var attributes: [String: String]
    /// The expected children, in any order.
    public var children: [SpanExpectation]
    /// Whether the span may have children beyond the expected ones (`true` by default: an
    /// instrumentation adds spans of its own).
    public var allowsOtherChildren: Bool
    /// Where it is defined.
    public var location: SourceLocation

    /// Creates an expectation.
    public init(
        name: String,
        kind: String? = nil,
        service: String? = nil,
        status: String? = nil,
        attributes: [String: String] = [:],
        children: [SpanExpectation] = [],
        allowsOtherChildren: Bool = true,
        location: SourceLocation = .start
    ) {
        self.name = name
        self.kind = kind
        self.service = service
        self.status = status
        self.attributes = attributes
        self.children = children
        self.allowsOtherChildren = allowsOtherChildren
        self.location = location
    }

    /// This span and every descendant, depth first.
    public var all: [SpanExpectation] { [self] + children.flatMap(\.all) }
}

/// The trace a request must yield.
public struct TraceExpectation: Sendable, Hashable {
    /// The request that starts the trace.
    public var request: String
    /// The trace's root span (the first service's server span).
    public var root: SpanExpectation
    /// Where it is defined.
    public var location: SourceLocation

    /// The trace `request` must yield, rooted at `root`.
    public init(request: String, root: SpanExpectation, location: SourceLocation = .start) {
        self.request = request
        self.root = root
        self.location = location
    }
}

/// A metric that must reach Prometheus.
public struct MetricExpectation: Sendable, Hashable {
    /// What is checked.
    public enum Check: Sendable, Hashable {
        /// The instrument `name` of `kind` in `unit`, under the Prometheus name the collector's
        /// naming rules give it (with `service` as its job's service name, when set).
        case instrument(name: String, kind: String, unit: String?, service: String?)
        /// A PromQL expression whose every sample must satisfy `comparison` (`> 0`, `== 1`, …),
        /// and which must return at least one sample.
        case promQL(String, comparison: String)
    }

    /// What is checked.
    public var check: Check
    /// Where it is defined.
    public var location: SourceLocation

    /// An expectation of `check`.
    public init(check: Check, location: SourceLocation = .start) {
        self.check = check
        self.location = location
    }
}

/// Log records that must reach the log backend.
public struct LogExpectation: Sendable, Hashable {
    /// The service that emits them.
    public var service: String
    /// The lowest severity: `trace`, `debug`, `info`, `warn`, `error` or `fatal`.
    public var severity: String?
    /// Text the body contains.
    public var bodyContains: String?
    /// The request whose handling emits them, when they must carry its trace context.
    public var request: String?
    /// Where it is defined.
    public var location: SourceLocation

    /// Records of `service`, optionally at `severity` or above, containing `bodyContains`, and
    /// emitted while handling `request`.
    public init(service: String, severity: String? = nil, bodyContains: String? = nil, request: String? = nil, location: SourceLocation = .start) {
        self.service = service
        self.severity = severity
        self.bodyContains = bodyContains
        self.request = request
        self.location = location
    }
}

/// What the scenarios expect of the stack's telemetry.
public struct StackExpectations: Sendable, Hashable {
    /// Traces requests must yield.
    public var traces: [TraceExpectation] = []
    /// Metrics that must reach Prometheus.
    public var metrics: [MetricExpectation] = []
    /// Log records that must reach the log backend.
    public var logs: [LogExpectation] = []

    /// No expectations.
    public init() {}
}

/// How the resilience scenario puts the services through an observability outage.
public struct ResilienceSettings: Sendable, Hashable {
    /// The request sent as load.
    public var request: String
    /// The collector faults: `stopped`, `black_hole`, `unavailable`.
    public var faults: [String] = ["stopped", "black_hole", "unavailable"]
    /// How much the p95 latency may grow while the collector is down (0.05 is 5 %).
    public var latencyBudget: Double = 0.05
    /// Requests per second.
    public var rate: Double = 50
    /// One load segment's length.
    public var segment: Duration = .milliseconds(1500)
    /// Healthy/faulty segment pairs per fault, at least.
    public var pairs: Int = 4
    /// Healthy/faulty segment pairs per fault, at most: pairs beyond ``pairs`` run only while
    /// the p95 ratio is above the budget but not shown to be.
    public var maximumPairs: Int = 8
    /// How long each service may take to stop after SIGTERM with the collector black-holed.
    public var shutdownBound: Duration = .seconds(10)
    /// How much a service's resident memory may grow while the collector is down.
    public var memoryGrowthLimit: Int = 64 << 20
    /// Where the settings are defined.
    public var location: SourceLocation = .start

    /// Settings loading `request`.
    public init(request: String) { self.request = request }
}

/// Where the dashboards are and how Grafana provisions them.
public struct DashboardSettings: Sendable, Hashable {
    /// The compose file whose Grafana service's mounts say which provisioning files count,
    /// relative to the stack file.
    public var composeFile: String
    /// The Grafana service in it.
    public var grafanaService: String = "grafana"
    /// Where it is defined.
    public var location: SourceLocation = .start

    /// Settings reading `composeFile`.
    public init(composeFile: String) { self.composeFile = composeFile }
}
