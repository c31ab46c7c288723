/// What the checker knows about an image: the role it plays in a stack, and the programs a
/// healthcheck can run inside it.
public enum ImageKind: Sendable, Hashable {
    /// The OpenTelemetry Collector, from a distribution (`core`, `contrib`, `k8s`, `otlp`).
    case collector(distribution: String)
    /// Prometheus (or Alertmanager), busybox-based.
    case prometheus
    /// Grafana.
    case grafana
    /// Jaeger v2 (`jaegertracing/jaeger`).
    case jaeger
    /// A Jaeger v1 component image (`jaegertracing/all-in-one`, …), end of life.
    case jaegerV1
    /// Another observability backend (Tempo, Loki, Zipkin, …).
    case otherObservability
    /// busybox.
    case busybox
    /// Anything else: an application as far as the checker can tell.
    case application

    /// The kind of `image`.
    public init(_ image: ImageReference) {
        let repository = image.repository.lowercased()
        let name = image.name.lowercased()
        switch true {
        case name.hasPrefix("opentelemetry-collector") || repository.hasPrefix("otel/opentelemetry-collector"):
            let rest = name.dropFirst("opentelemetry-collector".count)
            self = .collector(distribution: rest.isEmpty ? "core" : String(rest.dropFirst()))
        case repository.hasPrefix("jaegertracing/"):
            self = name == "jaeger" ? .jaeger : .jaegerV1
        case name == "prometheus" || name == "alertmanager" || repository.hasPrefix("prom/"):
            self = .prometheus
        case repository == "grafana/grafana" || repository == "grafana/grafana-oss" || repository == "grafana/grafana-enterprise":
            self = .grafana
        case ["tempo", "loki", "zipkin", "mimir", "otel-lgtm", "victoria-metrics", "pyroscope", "alloy"].contains(name):
            self = .otherObservability
        case name == "busybox":
            self = .busybox
        default:
            self = .application
        }
    }

    /// Whether the image is part of the observability stack rather than an application.
    public var isObservability: Bool {
        switch self {
        case .application, .busybox: false
        default: true
        }
    }

    /// The programs a healthcheck can run in the image, when the checker knows them: nothing
    /// in the scratch-based collector images, busybox's applets in Prometheus and busybox.
    /// `nil` when unknown.
    public var programs: Set<String>? {
        switch self {
        case .collector(let distribution):
            // The image holds the collector binary and CA certificates, nothing else.
            return [distribution == "core" ? "otelcol" : "otelcol-\(distribution)"]
        case .prometheus, .busybox:
            return Self.busyboxApplets
        default:
            return nil
        }
    }

    /// Common busybox applets (no curl, no bash, no interpreters).
    static let busyboxApplets: Set<String> = [
        "sh", "ash", "wget", "nc", "test", "[", "cat", "grep", "ls", "echo", "true", "false", "sleep", "pgrep", "ps", "kill", "nslookup", "ping",
        "promtool", "prometheus", "amtool", "alertmanager",
    ]
}
