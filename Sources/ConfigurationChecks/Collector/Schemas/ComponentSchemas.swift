// The key schemas of the most-used collector components, by configuration section and component type, assembled
// from ReceiverSchemas, ProcessorSchemas, ExporterSchemas, ExtensionSchemas and ConnectorSchemas (whose headers name
// their sources: open-telemetry/opentelemetry-collector at v0.157.0 / 934999fbab27 and its tags, and
// open-telemetry/opentelemetry-collector-contrib component config.go files). A component renamed to a snake_case type
// (KnownCollectorComponents.deprecatedAliases) is listed under both names, with the same schema.

/// The key schemas of the components this checker knows, by section ("receivers", "processors", "exporters",
/// "extensions", "connectors") and then component type.
enum ComponentSchemas {
    static let all: [String: [String: KeySchema]] = [
        "receivers": [
            "otlp": ReceiverSchemas.otlp,
            "prometheus": ReceiverSchemas.prometheus,
            "filelog": ReceiverSchemas.filelog,
            "file_log": ReceiverSchemas.filelog,
            "hostmetrics": ReceiverSchemas.hostmetrics,
            "host_metrics": ReceiverSchemas.hostmetrics,
        ],
        "processors": [
            "batch": ProcessorSchemas.batch,
            "memory_limiter": ProcessorSchemas.memoryLimiter,
            "k8sattributes": ProcessorSchemas.k8sattributes,
            "k8s_attributes": ProcessorSchemas.k8sattributes,
            "resourcedetection": ProcessorSchemas.resourcedetection,
            "resource_detection": ProcessorSchemas.resourcedetection,
            "attributes": ProcessorSchemas.attributes,
            "resource": ProcessorSchemas.resource,
            "transform": ProcessorSchemas.transform,
            "filter": ProcessorSchemas.filter,
            "tail_sampling": ProcessorSchemas.tailSampling,
        ],
        "exporters": [
            "otlp": ExporterSchemas.otlp,
            "otlp_grpc": ExporterSchemas.otlp,
            "otlphttp": ExporterSchemas.otlphttp,
            "otlp_http": ExporterSchemas.otlphttp,
            "debug": ExporterSchemas.debug,
            // Removed in v0.111.0 (f9d44de9b6); kept so its keys' history can still be told.
            "logging": ExporterSchemas.logging,
            "prometheus": ExporterSchemas.prometheus,
            "prometheusremotewrite": ExporterSchemas.prometheusremotewrite,
            "prometheus_remote_write": ExporterSchemas.prometheusremotewrite,
            "file": ExporterSchemas.file,
            // Removed from contrib in v0.131.0; kept for configurations targeting older collectors.
            "loki": ExporterSchemas.loki,
        ],
        "extensions": [
            "health_check": ExtensionSchemas.healthCheck,
            "pprof": ExtensionSchemas.pprof,
            "zpages": ExtensionSchemas.zpages,
        ],
        "connectors": [
            "spanmetrics": ConnectorSchemas.spanmetrics,
            "span_metrics": ConnectorSchemas.spanmetrics,
        ],
    ]
}
