import StackConfiguration

/// What the checker knows about collector components beyond the distribution manifests: the
/// ones removed (with the version and the replacement) and the configuration keys of the
/// well-known ones.
enum CollectorComponentCatalog {
    /// The end of a component's life: deprecated (it still loads, with a warning in the
    /// collector's log) and then removed (the collector refuses it as an unknown type).
    struct Lifecycle {
        /// The first version that deprecates it, when known.
        var deprecatedIn: SemanticVersion?
        /// The first version without it; `nil` while it is only deprecated.
        var removedIn: SemanticVersion?
        /// What to use instead.
        var replacement: String
    }

    /// Deprecated and removed components by section and type: the release that deprecated each
    /// (core and contrib CHANGELOGs; "≈" where estimated from the pull request's merge date) and
    /// the first release of the official images without it (opentelemetry-collector-releases
    /// distribution manifests).
    static let lifecycles: [String: [String: Lifecycle]] = [
        "exporters": [
            // ≈0.72 (contrib #18503, 2023-02); images without it from 0.85.
            "jaeger": Lifecycle(
                deprecatedIn: .init(0, 72),
                removedIn: .init(0, 85),
                replacement: "the `otlp` exporter: Jaeger (v1.35 and later, and v2) ingests OTLP on 4317"
            ),
            "jaeger_thrift": Lifecycle(
                deprecatedIn: .init(0, 72),
                removedIn: .init(0, 85),
                replacement: "the `otlp` exporter: Jaeger ingests OTLP on 4317"
            ),
            // core 0.86.0 (#7769), removed 0.111.0 (#11037).
            "logging": Lifecycle(
                deprecatedIn: .init(0, 86),
                removedIn: .init(0, 111),
                replacement: "the `debug` exporter (`loglevel` becomes `verbosity`: debug → detailed, info → normal, warn/error → basic)"
            ),
            // contrib 0.105.0 (#33916); out of the images at 0.131.0.
            "loki": Lifecycle(
                deprecatedIn: .init(0, 105),
                removedIn: .init(0, 131),
                replacement: "the `otlphttp` exporter to Loki's native OTLP endpoint (/otlp)"
            ),
            // contrib 0.120.0 (#37829); out of the images at 0.132.0.
            "opencensus": Lifecycle(deprecatedIn: .init(0, 120), removedIn: .init(0, 132), replacement: "the `otlp` exporter"),
            // contrib 0.117.0 (#36028); out of the images at 0.147.0.
            "sapm": Lifecycle(deprecatedIn: .init(0, 117), removedIn: .init(0, 147), replacement: "the `otlphttp` exporter"),
        ],
        "receivers": [
            "opencensus": Lifecycle(deprecatedIn: .init(0, 120), removedIn: .init(0, 132), replacement: "the `otlp` receiver"),
            // contrib 0.112.0 (#35935); out of the images at 0.133.0.
            "sapm": Lifecycle(deprecatedIn: .init(0, 112), removedIn: .init(0, 133), replacement: "the `otlp` receiver"),
            // contrib 0.145.0 (#45740); out of the images at 0.154.0.
            "jmx": Lifecycle(
                deprecatedIn: .init(0, 145),
                removedIn: .init(0, 154),
                replacement: "the OpenTelemetry Java agent's JMX metrics, sent over OTLP"
            ),
            // contrib 0.146.0 (#46079); out of the images at 0.157.0.
            "signalfx": Lifecycle(deprecatedIn: .init(0, 146), removedIn: .init(0, 157), replacement: "the `otlp` receiver"),
            // contrib 0.146.0 (#46087); still shipped.
            "wavefront": Lifecycle(deprecatedIn: .init(0, 146), removedIn: nil, replacement: "the `otlp` receiver"),
        ],
        "processors": [
            // contrib 0.74.0 (#19751); removed 0.96.0.
            "spanmetrics": Lifecycle(
                deprecatedIn: .init(0, 74),
                removedIn: .init(0, 96),
                replacement: "the `spanmetrics` connector (an exporter of the traces pipeline and a receiver of a metrics pipeline)"
            ),
            // ≈0.82 (contrib #23996); out of the images at 0.94.0.
            "servicegraph": Lifecycle(deprecatedIn: .init(0, 82), removedIn: .init(0, 94), replacement: "the `servicegraph` connector"),
            // contrib 0.116.0 (#36616); out of the images at 0.120.0.
            "routing": Lifecycle(deprecatedIn: .init(0, 116), removedIn: .init(0, 120), replacement: "the `routing` connector"),
        ],
        "extensions": [
            // core 0.92.0 (#8343); out of the images at 0.108.0.
            "memory_ballast": Lifecycle(
                deprecatedIn: .init(0, 92),
                removedIn: .init(0, 108),
                replacement: "the GOMEMLIMIT environment variable (and the `memory_limiter` processor)"
            ),
            // contrib 0.152.0 (#48218); out of the images at 0.159.0.
            "kafkatopics_observer": Lifecycle(
                deprecatedIn: .init(0, 152),
                removedIn: .init(0, 159),
                replacement: "the `kafka` receiver with a topic regular expression"
            ),
        ],
    ]

    /// The key schema of a component, when the checker has one (see ``ComponentSchemas``): an
    /// unknown key of a component without one is not reported.
    static func schema(section: String, type: String) -> KeySchema? {
        ComponentSchemas.all[section]?[type]
    }

    /// The sections of a collector configuration and the keys of `service` and of a pipeline.
    static let sections: Set<String> = ["receivers", "processors", "exporters", "extensions", "connectors", "service"]
    static let serviceKeys: Set<String> = ["extensions", "pipelines", "telemetry"]
    static let pipelineKeys: Set<String> = ["receivers", "processors", "exporters"]
    static let signals: Set<String> = ["traces", "metrics", "logs", "profiles"]

    /// The default ports of server components: the port a component listens on without an `endpoint`.
    static let defaultPorts: [String: Int] = ["grpc": 4317, "http": 4318, "health_check": 13133]
}
