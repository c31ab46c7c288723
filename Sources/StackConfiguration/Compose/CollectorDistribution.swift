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
    /// A build of one's own (ocb), whose components the checker cannot know.
    case custom

    /// The binary's name, for example `otelcol-contrib`.
    public var binaryName: String {
        switch self {
        case .core: "otelcol"
        case .custom: "a custom collector build"
        default: "otelcol-\(rawValue)"
        }
    }

    /// Where the image reads its configuration when no `--config` is given.
    package var defaultConfigPath: String? {
        switch self {
        case .core: "/etc/otelcol/config.yaml"
        case .custom: nil
        default: "/etc/otelcol-\(rawValue)/config.yaml"
        }
    }
}
