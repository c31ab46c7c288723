/// What the checker knows about an image: the role it plays in a stack, and the programs a
/// healthcheck can run inside it.
package enum ImageKind: Sendable, Hashable {
    /// The OpenTelemetry Collector, from an official distribution.
    case collector(CollectorDistribution)
    /// Prometheus (or Alertmanager), the official busybox-based images.
    case prometheus
    /// Grafana, the official image.
    case grafana
    /// Jaeger v2 (`jaegertracing/jaeger`).
    case jaeger
    /// A Jaeger v1 component image (`jaegertracing/all-in-one`, …), end of life.
    case jaegerV1
    /// Another observability backend (Tempo, Loki, Zipkin, other builds of the above, …).
    case otherObservability
    /// busybox.
    case busybox
    /// Anything else: an application as far as the checker can tell.
    case application

    /// The official collector repositories (Docker Hub and GitHub's registry).
    package static let collectorRepositories = [
        "otel/opentelemetry-collector", "open-telemetry/opentelemetry-collector-releases/opentelemetry-collector",
    ]
    package static let jaegerV1Names: Set<String> = ["all-in-one", "jaeger-collector", "jaeger-query", "jaeger-agent", "jaeger-ingester"]
    package static let observabilityNames: Set<String> = [
        "tempo", "loki", "zipkin", "mimir", "otel-lgtm", "victoria-metrics", "pyroscope", "alloy", "prometheus", "grafana", "alertmanager",
        "opentelemetry-collector", "opentelemetry-collector-contrib",
    ]

    /// The kind of `image`.
    package init(_ image: ImageReference) {
        let repository = image.repository.lowercased()
        let name = image.name.lowercased()
        if let base = Self.collectorRepositories.first(where: { repository == $0 || repository.hasPrefix($0 + "-") }) {
            let suffix = repository.dropFirst(base.count)
            switch suffix {
            case "": self = .collector(.core)
            case "-contrib": self = .collector(.contrib)
            case "-k8s": self = .collector(.k8s)
            case "-otlp": self = .collector(.otlp)
            case "-ebpf-profiler": self = .collector(.ebpfProfiler)
            default: self = .collector(.custom)  // another official build (the eBPF profiler, …), whose components the checker does not know
            }
        } else if ["otel-collector", "opentelemetry-collector", "otelcol"].contains(where: { name.contains($0) }) {
            // A vendor's build (splunk-otel-collector, aws-otel-collector, …): a collector whose
            // components the checker does not know.
            self = .collector(.custom)
        } else if repository == "jaegertracing/jaeger" {
            self = .jaeger
        } else if repository.hasPrefix("jaegertracing/"), Self.jaegerV1Names.contains(name) {
            self = .jaegerV1
        } else if ["prom/prometheus", "prometheus/prometheus", "prom/alertmanager", "prometheus/alertmanager"].contains(repository) {
            self = .prometheus
        } else if ["grafana/grafana", "grafana/grafana-oss", "grafana/grafana-enterprise"].contains(repository) {
            self = .grafana
        } else if Self.observabilityNames.contains(name) {
            self = .otherObservability
        } else if repository == "library/busybox" {
            self = .busybox
        } else {
            self = .application
        }
    }

    /// The collector distribution the image runs, for collectors and Jaeger v2.
    package var collectorDistribution: CollectorDistribution? {
        switch self {
        case .collector(let distribution): distribution
        case .jaeger: .jaeger
        default: nil
        }
    }

    /// Whether the image is part of the observability stack rather than an application.
    package var isObservability: Bool {
        switch self {
        case .application, .busybox: false
        default: true
        }
    }

    /// The programs a healthcheck can run in the image, when the checker knows them: nothing
    /// in the scratch-based collector images, busybox's applets in Prometheus and busybox.
    /// `nil` when unknown.
    package var programs: Set<String>? {
        switch self {
        case .collector(let distribution) where distribution != .custom:
            // The image holds the collector binary and CA certificates, nothing else.
            return [distribution.binaryName]
        case .prometheus, .busybox:
            return Self.busyboxApplets
        default:
            return nil
        }
    }

    /// Common busybox applets (no curl, no bash, no interpreters).
    package static let busyboxApplets: Set<String> = [
        "sh", "ash", "wget", "nc", "test", "[", "cat", "grep", "ls", "echo", "true", "false", "sleep", "pgrep", "ps", "kill", "nslookup", "ping",
        "promtool", "prometheus", "amtool", "alertmanager",
    ]
}
