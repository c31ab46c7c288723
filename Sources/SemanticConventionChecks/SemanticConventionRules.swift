import OTelSemanticConventions
public import StackConfiguration

/// The rules of the semantic-convention checks on spans, metrics and resources.
public enum SemanticConventionRules {
    /// A resource without `service.name`.
    public static let serviceName = Rule(
        "semconv/service-name",
        .error,
        summary: "a resource without `service.name`, or with the SDK's `unknown_service` default",
        rationale: "Every backend groups telemetry by service; without a name it lands under `unknown_service` and cannot be told apart.",
        fix: "Set OTEL_SERVICE_NAME (or the `service.name` resource attribute).",
        severityReason:
            "Telemetry without a service name cannot be found by service in any backend: the service's observability does not work as written."
    )
    /// An HTTP server span's name.
    public static let httpServerSpanName = Rule(
        "semconv/http-server-span-name",
        .error,
        summary: "an HTTP server span not named `{method} {route}` (or `{method}` without a route)",
        rationale: "Backends group operations by span name; a bare path or a raw URL makes one operation per URL and hides the method.",
        fix: "Name the span `{http.request.method} {http.route}`.",
        severityReason:
            "Backends and dashboards that look operations up by `{method} {route}` find nothing under another name: the views built on the conventions do not work."
    )
    /// Required attributes of an HTTP server span.
    public static let httpServerAttributes = Rule(
        "semconv/http-server-attributes",
        .error,
        summary: "an HTTP server span without `http.request.method`, `url.path`, `url.scheme` or `http.response.status_code`",
        rationale: "Dashboards, error rates and the span name are built from these attributes.",
        fix: "Set the attributes the message names (instrumentation middleware usually does).",
        severityReason: "Dashboards and error rates built on these attributes find nothing without them."
    )
    /// Error status on 5xx.
    public static let httpServerErrorStatus = Rule(
        "semconv/http-server-error-status",
        .error,
        summary: "an HTTP server span with a 5xx status code whose status is not Error (or a 4xx one marked Error)",
        rationale:
            "Error rates count spans with status Error: a 5xx left unset is an error nobody sees; a server's 4xx is the client's fault and must stay unset.",
        fix: "Set the span status to Error for 5xx responses, and leave it unset for 4xx.",
        severityReason: "Error rates built on span status miss every 5xx (or count 4xx as the server's): the alerting built on them does not work."
    )
    /// Deprecated attribute names.
    public static let deprecatedAttribute = Rule(
        "semconv/deprecated-attribute",
        .warning,
        summary: "an attribute name the HTTP semantic conventions replaced (`http.method`, `http.status_code`, …)",
        rationale: "Backends and dashboards built on the stable conventions do not see the old names.",
        fix: "Use the stable name in the message.",
        severityReason: "The old names still arrive; the conventions document their replacement, and the views built on the stable names miss them."
    )
    /// The request duration metric.
    public static let httpServerDuration = Rule(
        "semconv/http-server-duration",
        .error,
        summary: "`http.server.request.duration` that is not a histogram in seconds (`s`)",
        rationale:
            "Dashboards expect `http_server_request_duration_seconds_bucket`; another unit or kind changes the Prometheus name and the values by a factor of 1000.",
        fix: "Record a histogram with unit `s` and values in seconds.",
        severityReason: "The dashboards' queries select a name and unit the metric does not have: they show nothing, or values 1000 times off."
    )
    /// Unbounded attribute values on metrics.
    public static let metricCardinality = Rule(
        "semconv/metric-cardinality",
        .warning,
        summary: "a metric attribute with unbounded values (ids, full URLs, paths) or more distinct values than the limit",
        rationale: "Each distinct value is a new time series: memory in the SDK, the collector and Prometheus grows without bound.",
        fix: "Use a bounded attribute (`http.route`, not `url.path`), or drop the attribute from the metric.",
        severityReason: "It works until memory runs out; the conventions document bounded attributes on metrics."
    )

    /// All of them.
    public static let all: [Rule] = [
        serviceName, httpServerSpanName, httpServerAttributes, httpServerErrorStatus, deprecatedAttribute, httpServerDuration, metricCardinality,
    ]

    /// Attribute names, from swift-otel-semantic-conventions.
    enum Name {
        static let serviceName = OTelAttribute.service.name
        static let method = OTelAttribute.http.request.method
        static let route = OTelAttribute.http.route
        static let statusCode = OTelAttribute.http.response.statusCode
        static let urlPath = OTelAttribute.url.path
        static let urlScheme = OTelAttribute.url.scheme
        static let urlFull = OTelAttribute.url.full
        static let urlQuery = OTelAttribute.url.query
        static let clientAddress = OTelAttribute.client.address
        static let userAgent = OTelAttribute.userAgent.original
    }

    /// Names the stable HTTP conventions replaced, with their replacements. (The package has
    /// them only behind its `Experimental` trait, which would pin its minor version.)
    static let deprecatedNames: [String: String] = [
        "http.method": Name.method, "http.status_code": Name.statusCode, "http.scheme": Name.urlScheme, "http.url": Name.urlFull,
        "http.target": "\(Name.urlPath) and \(Name.urlQuery)", "http.client_ip": Name.clientAddress, "http.user_agent": Name.userAgent,
        "http.flavor": "network.protocol.version", "net.host.name": "server.address", "net.host.port": "server.port",
        "net.peer.name": "server.address (client spans) or client.address", "net.peer.ip": "network.peer.address",
        "http.server_name": "server.address", "http.host": "server.address",
    ]

    /// Metric attributes whose values are unbounded by nature.
    static let unboundedMetricAttributes: Set<String> = [
        Name.urlFull, Name.urlPath, Name.urlQuery, "url.original", Name.clientAddress, Name.userAgent, "http.url", "http.target",
        "user.id", "session.id", "trace_id", "span_id", "enduser.id", "network.peer.address", "client.port",
    ]
}
