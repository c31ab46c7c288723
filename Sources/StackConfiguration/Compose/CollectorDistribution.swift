/// An official OpenTelemetry Collector distribution, or a custom build.
public enum CollectorDistribution: String, Sendable, Hashable, CaseIterable {
    /// `otelcol` (image `otel/opentelemetry-collector`).
    case core
    /// `otelcol-contrib`.
    case contrib
    /// `otelcol-k8s`.
    case k8s
    /// `otelcol-otlp`.
    case otlp
    /// `otelcol-ebpf-profiler`.
    case ebpfProfiler = "ebpf-profiler"
    /// Jaeger v2 (`jaegertracing/jaeger`): a collector build with Jaeger's own components
    /// (`jaeger_storage`, `jaeger_query`, `remote_sampling`, …) and a subset of contrib's.
    case jaeger
    /// A build of one's own (ocb), whose components the checker cannot know.
    case custom

    /// The binary's name, for example `otelcol-contrib`.
    public var binaryName: String {
        switch self {
        case .core: "otelcol"
        case .custom: "a custom collector build"
        case .jaeger: "jaeger"
        default: "otelcol-\(rawValue)"
        }
    }

    /// Whether the image runs without `--config`: core and contrib read their default file,
    /// Jaeger its built-in all-in-one configuration; the k8s, otlp and eBPF profiler images do
    /// not start.
    package var runsWithoutConfigOption: Bool {
        switch self {
        case .k8s, .otlp, .ebpfProfiler: false
        default: true
        }
    }

    /// Where the image reads its configuration when no `--config` is given.
    package var defaultConfigPath: String? {
        switch self {
        case .core: "/etc/otelcol/config.yaml"
        // Jaeger without --config runs its built-in all-in-one configuration; the k8s, otlp
        // and eBPF profiler images have no default at all (no CMD).
        case .custom, .jaeger, .k8s, .otlp, .ebpfProfiler: nil
        default: "/etc/otelcol-\(rawValue)/config.yaml"
        }
    }
}
