import StackConfiguration

/// What the checker knows about collector components beyond the distribution manifests: the
/// ones removed (with the version and the replacement) and the configuration keys of the
/// well-known ones.
enum CollectorComponentCatalog {
    /// A component the collector removed.
    struct Removal {
        /// The first version without it.
        var version: SemanticVersion
        /// What to use instead.
        var replacement: String
    }

    /// Removed components by section and type.
    static let removed: [String: [String: Removal]] = [
        "exporters": [
            "jaeger": Removal(version: .init(0, 85), replacement: "the `otlp` exporter: Jaeger (v1.35 and later, and v2) ingests OTLP on 4317"),
            "jaeger_thrift": Removal(version: .init(0, 85), replacement: "the `otlp` exporter: Jaeger ingests OTLP on 4317"),
            "logging": Removal(
                version: .init(0, 111),
                replacement: "the `debug` exporter (`loglevel` becomes `verbosity`: debug → detailed, info → normal, warn/error → basic)"
            ),
            "loki": Removal(version: .init(0, 131), replacement: "the `otlphttp` exporter to Loki's native OTLP endpoint (/otlp)"),
            "opencensus": Removal(version: .init(0, 134), replacement: "the `otlp` exporter"),
        ],
        "receivers": [
            "opencensus": Removal(version: .init(0, 134), replacement: "the `otlp` receiver"),
            "sapm": Removal(version: .init(0, 135), replacement: "the `otlp` receiver"),
        ],
        "processors": [
            "spanmetrics": Removal(
                version: .init(0, 96),
                replacement: "the `spanmetrics` connector (an exporter of the traces pipeline and a receiver of a metrics pipeline)"
            ),
            "servicegraph": Removal(version: .init(0, 96), replacement: "the `servicegraph` connector"),
        ],
        "extensions": [
            "memory_ballast": Removal(version: .init(0, 109), replacement: "the GOMEMLIMIT environment variable (and the `memory_limiter` processor)")
        ],
    ]

    /// Keys of `confignet`/`configgrpc` servers.
    static let grpcServerKeys: Set<String> = [
        "endpoint", "transport", "tls", "max_recv_msg_size_mib", "max_concurrent_streams", "read_buffer_size", "write_buffer_size",
        "keepalive", "auth", "include_metadata", "middlewares",
    ]
    /// Keys of `confighttp` servers.
    static let httpServerKeys: Set<String> = [
        "endpoint", "transport", "tls", "cors", "auth", "max_request_body_size", "include_metadata", "response_headers",
        "compression_algorithms", "read_timeout", "read_header_timeout", "write_timeout", "idle_timeout", "middlewares", "keep_alives_enabled",
    ]
    /// Keys of `configgrpc` clients.
    static let grpcClientKeys: Set<String> = [
        "endpoint", "compression", "tls", "keepalive", "read_buffer_size", "write_buffer_size", "wait_for_ready", "headers",
        "balancer_name", "authority", "auth", "middlewares",
    ]
    /// Keys of `confighttp` clients.
    static let httpClientKeys: Set<String> = [
        "endpoint", "proxy_url", "tls", "read_buffer_size", "write_buffer_size", "timeout", "headers", "auth", "compression",
        "compression_params", "max_idle_conns", "max_idle_conns_per_host", "max_conns_per_host", "idle_conn_timeout", "disable_keep_alives",
        "http2_read_idle_timeout", "http2_ping_timeout", "cookies", "force_attempt_http2", "middlewares",
    ]
    /// Keys every exporter helper adds.
    static let exporterHelperKeys: Set<String> = ["timeout", "sending_queue", "retry_on_failure", "batcher"]

    /// The keys of well-known components, by section and type (aliases included).
    static let keys: [String: [String: Set<String>]] = {
        let otlpGRPC = grpcClientKeys.union(exporterHelperKeys)
        let otlpHTTP = httpClientKeys.union(exporterHelperKeys).union([
            "traces_endpoint", "metrics_endpoint", "logs_endpoint", "profiles_endpoint", "encoding",
        ])
        return [
            "receivers": ["otlp": ["protocols"]],
            "processors": [
                "memory_limiter": [
                    "check_interval", "limit_mib", "spike_limit_mib", "limit_percentage", "spike_limit_percentage",
                    "min_gc_interval_when_soft_limited", "min_gc_interval_when_hard_limited",
                ],
                "batch": ["timeout", "send_batch_size", "send_batch_max_size", "metadata_keys", "metadata_cardinality_limit"],
            ],
            "exporters": [
                "otlp": otlpGRPC, "otlp_grpc": otlpGRPC, "otlphttp": otlpHTTP, "otlp_http": otlpHTTP,
                "debug": ["verbosity", "sampling_initial", "sampling_thereafter", "use_internal_logger", "output", "sending_queue"],
                "prometheus": httpServerKeys.union([
                    "sending_queue", "namespace", "const_labels", "send_timestamps", "metric_expiration", "resource_to_telemetry_conversion",
                    "enable_open_metrics", "add_metric_suffixes", "translation_strategy",
                ]),
            ],
            "extensions": [
                "health_check": httpServerKeys.union([
                    "path", "response_body", "check_collector_pipeline", "use_v2", "http", "grpc", "component_health",
                ])
            ],
        ]
    }()

    /// Keys of the nested mappings of the OTLP receiver, by path below the component.
    static let otlpReceiverKeys: [[String]: Set<String>] = [
        ["protocols"]: ["grpc", "http"],
        ["protocols", "grpc"]: grpcServerKeys,
        ["protocols", "http"]: httpServerKeys.union(["traces_url_path", "metrics_url_path", "logs_url_path"]),
    ]

    /// The sections of a collector configuration and the keys of `service` and of a pipeline.
    static let sections: Set<String> = ["receivers", "processors", "exporters", "extensions", "connectors", "service"]
    static let serviceKeys: Set<String> = ["extensions", "pipelines", "telemetry"]
    static let pipelineKeys: Set<String> = ["receivers", "processors", "exporters"]
    static let signals: Set<String> = ["traces", "metrics", "logs", "profiles"]

    /// The default ports of server components: the port a component listens on without an `endpoint`.
    static let defaultPorts: [String: Int] = ["grpc": 4317, "http": 4318, "health_check": 13133]
}
