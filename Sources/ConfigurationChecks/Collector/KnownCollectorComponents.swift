import StackConfiguration

// The component types of the official collector distributions, from
// opentelemetry-collector-releases distributions/{otelcol,otelcol-contrib}/manifest.yaml at v0.157.0
// (contrib manifest commit 24c55294503ef7596d78e760ad1204486004a949, version 0.157.0; the newest readable core
// manifest is commit b6f9e2b5b0a5dab76d046b9e049533aa906e268f, version 0.156.0, whose component set has
// not changed since 0.139.0), type names from each component's metadata.yaml or
// internal/metadata/generated_status.go and from opentelemetry-collector-contrib
// reports/distributions/contrib.yaml (commit 0091c4bb4af2b25b770e64af726d0ec21190b7f6).
// A renamed component is listed under both its current snake_case type and its deprecated alias.
// Each `since` is tagged: "confirmed" (release notes), "third-party doc", "estimated from PR date", or
// "unverified" (the rename is in the sources but its release was not found; 0.159.0 is a placeholder). "confirmed (splunk
// CHANGELOG)": the "(Contrib)" entries of signalfx/splunk-otel-collector's CHANGELOG, which copy the contrib release notes.

/// The component types the official collector distributions ship, by configuration section.
enum KnownCollectorComponents {
    /// The release of the manifests these lists were taken from.
    static let manifestVersion = "0.157.0"

    /// `otelcol` (image `otel/opentelemetry-collector`).
    static let core: [String: Set<String>] = [
        "receivers": [
            "host_metrics", "hostmetrics", "jaeger", "kafka", "nop", "otlp", "prometheus", "zipkin",
        ],
        "processors": [
            "attributes", "batch", "filter", "memory_limiter", "probabilistic_sampler", "resource", "span",
        ],
        "exporters": [
            "debug", "file", "kafka", "nop", "otlp", "otlp_grpc", "otlp_http", "otlphttp", "prometheus",
            "prometheus_remote_write", "prometheusremotewrite", "zipkin",
        ],
        "extensions": [
            "health_check", "pprof", "zpages",
        ],
        "connectors": [
            "forward"
        ],
    ]

    /// `otelcol-contrib` (image `otel/opentelemetry-collector-contrib`).
    static let contrib: [String: Set<String>] = [
        "receivers": [
            "active_directory_ds", "aerospike", "apache", "apache_spark", "apachespark", "aws_cloudwatch",
            "aws_lambda", "awscloudwatch", "awscontainerinsightreceiver", "awsecscontainermetrics",
            "awsfirehose", "awslambda", "awss3", "awsxray", "azure_blob", "azure_event_hub", "azure_monitor",
            "azureblob", "azureeventhub", "azuremonitor", "carbon", "chrony", "cisco_os", "ciscoosreceiver",
            "cloud_foundry", "cloudflare", "cloudfoundry", "collectd", "couchdb", "datadog", "docker_stats",
            "elasticsearch", "envoy_als", "envoyals", "expvar", "faro", "file_log", "file_stats", "filelog",
            "filestats", "flink_metrics", "flinkmetrics", "fluent_forward", "fluentforward", "github",
            "gitlab", "google_cloud_spanner", "googlecloudmonitoring", "googlecloudpubsub",
            "googlecloudspanner", "haproxy", "host_metrics", "hostmetrics", "http_check", "httpcheck",
            "icmp_check", "icmpcheckreceiver", "iis", "influxdb", "jaeger", "journald", "k8s_cluster",
            "k8s_events", "k8s_objects", "k8sobjects", "kafka", "kafka_metrics", "kafkametrics",
            "kubelet_stats", "kubeletstats", "libhoney", "loki", "macos_unified_logging",
            "macosunifiedlogging", "memcached", "mongodb", "mongodb_atlas", "mongodbatlas", "mysql",
            "named_pipe", "namedpipe", "netflow", "nginx", "nop", "nsxt", "ntp", "obi", "oracledb",
            "otelarrow", "otlp", "otlp_json_file", "otlpjsonfile", "podman_stats", "postgresql", "pprof",
            "prometheus", "prometheus_remote_write", "prometheus_simple", "prometheusremotewrite", "pulsar",
            "purefa", "purefb", "rabbitmq", "receiver_creator", "redis", "riak", "saphana", "skywalking",
            "snmp", "snowflake", "solace", "splunk_enterprise", "splunk_hec", "splunkenterprise", "sqlquery",
            "sqlserver", "ssh_check", "sshcheck", "statsd", "stef", "syslog", "systemd", "tcp_check",
            "tcp_log", "tcpcheck", "tcplog", "tls_check", "tlscheck", "udp_log", "udplog", "vcenter",
            "wavefront", "webhook_event", "webhookevent", "windows_event_log", "windows_service",
            "windowseventlog", "windowsperfcounters", "windowsservice", "yang_grpc", "yanggrpc", "zipkin",
            "zookeeper",
        ],
        "processors": [
            "attributes", "batch", "cardinality_guardian", "coralogix", "cumulativetodelta",
            "deltatocumulative", "deltatorate", "drain", "filter", "gen_ai_normalizer",
            "geoip", "groupbyattrs", "groupbytrace", "interval", "isolationforest", "k8s_attributes",
            "k8sattributes", "log_dedup", "logdedup", "memory_limiter", "metric_start_time",
            "metrics_transform", "metricsgeneration", "metricstarttime", "metricstransform",
            "probabilistic_sampler", "redaction", "remotetap", "resource", "resource_detection",
            "resourcedetection", "schema", "span", "sumologic", "tail_sampling", "transform", "unroll",
        ],
        "exporters": [
            "alibabacloud_logservice", "awscloudwatchlogs", "awsemf", "awskinesis", "awss3", "awsxray",
            "azure_blob", "azureblob", "azuredataexplorer", "azuremonitor", "bmc_helix", "bmchelix",
            "cassandra", "clickhouse", "coralogix", "datadog", "dataset", "debug", "doris", "elasticsearch",
            "faro", "file", "google_cloud_storage", "googlecloud", "googlecloudpubsub", "googlecloudstorage",
            "googlemanagedprometheus", "honeycomb_marker", "honeycombmarker", "influxdb", "kafka",
            "load_balancing", "loadbalancing", "logicmonitor", "logzio", "mezmo", "nop", "opensearch",
            "otelarrow", "otlp", "otlp_grpc", "otlp_http", "otlphttp", "prometheus",
            "prometheus_remote_write", "prometheusremotewrite", "pulsar", "rabbitmq", "sentry", "signalfx",
            "splunk_hec", "stef", "sumologic", "syslog", "tencentcloud_logservice", "tinybird", "zipkin",
        ],
        "extensions": [
            "ack", "asapclient", "aws_logs_encoding", "awscloudwatchmetricstreams_encoding",
            "awslogs_encoding", "awsproxy", "azure_auth", "azure_encoding", "azureauth", "basicauth",
            "bearertokenauth", "cgroup_runtime", "cgroupruntime", "datadog", "db_storage", "docker_observer",
            "ecs_observer", "file_storage", "google_cloud_logentry_encoding", "googleclientauth",
            "googlecloudlogentry_encoding", "headers_setter", "health_check", "host_observer",
            "http_forwarder", "jaeger_encoding", "jaegerremotesampling", "json_log_encoding",
            "k8s_leader_elector", "k8s_observer", "kafkatopics_observer", "oauth2client", "oidc", "opamp",
            "otlp_encoding", "pebble_tail_storage", "pprof", "redis_storage", "sigv4auth",
            "skywalking_encoding", "sumologic", "text_encoding", "zipkin_encoding", "zpages",
        ],
        "connectors": [
            "count", "datadog", "exceptions", "failover", "forward", "grafanacloud", "otlp_json", "otlpjson",
            "round_robin", "roundrobin", "routing", "service_graph", "servicegraph", "signal_to_metrics",
            "signaltometrics", "span_metrics", "spanmetrics", "sum",
        ],
    ]

    /// The components only Jaeger v2 has: one of them in a configuration run by nothing the
    /// checker sees says it is Jaeger's (jaegertracing/jaeger v2.20.0,
    /// cmd/jaeger/internal/components.go; `jaeger_mcp` existed in v2.15–v2.19).
    static let jaegerOwn: [String: Set<String>] = [
        "extensions": ["jaeger_query", "jaeger_storage", "remote_sampling", "expvar", "storage_cleaner", "remote_storage", "jaeger_mcp"],
        "processors": ["adaptive_sampling"],
        "exporters": ["jaeger_storage_exporter"],
    ]

    /// The Jaeger release whose component list ``jaeger`` is.
    static let jaegerVersion = "2.20.0"

    /// `jaeger` (image `jaegertracing/jaeger`, v2.20.0 on collector v0.155.0): Jaeger's own
    /// components and the core and contrib ones its binary includes, aliases included.
    static let jaeger: [String: Set<String>] = [
        "receivers": ["otlp", "nop", "jaeger", "kafka", "zipkin"],
        "processors": ["batch", "memory_limiter", "tail_sampling", "attributes", "filter", "adaptive_sampling"],
        "exporters": ["debug", "nop", "otlp", "otlp_grpc", "otlphttp", "otlp_http", "kafka", "prometheus", "jaeger_storage_exporter"],
        "extensions": jaegerOwn["extensions"]!.union(["healthcheckv2", "pprof", "zpages", "basicauth", "sigv4auth"]),
        "connectors": ["forward", "spanmetrics", "span_metrics"],
    ]

    /// `otelcol-otlp` (opentelemetry-collector-releases v0.157.0, distributions/otelcol-otlp).
    static let otlp: [String: Set<String>] = [
        "receivers": ["otlp"], "processors": [], "exporters": ["otlp", "otlp_grpc", "otlphttp", "otlp_http"], "extensions": [], "connectors": [],
    ]

    /// `otelcol-ebpf-profiler` (opentelemetry-collector-releases v0.157.0).
    static let ebpfProfiler: [String: Set<String>] = [
        "receivers": ["nop", "profiling"],
        "processors": [
            "batch", "memory_limiter", "k8s_attributes", "k8sattributes", "resource_detection", "resourcedetection", "resource", "transform",
        ],
        "exporters": ["debug", "nop", "otlp", "otlp_grpc", "otlphttp", "otlp_http", "file"],
        "extensions": ["opamp", "health_check", "pprof"],
        "connectors": [],
    ]

    /// Deprecated names that still load, mapped to their current name, with the version that deprecated them.
    static let deprecatedAliases: [String: [String: (current: String, since: String)]] = [
        "receivers": [
            "apachespark": ("apache_spark", "0.154.0"),  // confirmed (splunk CHANGELOG)
            "awscloudwatch": ("aws_cloudwatch", "0.156.0"),  // confirmed (splunk CHANGELOG)
            "awslambda": ("aws_lambda", "0.159.0"),  // unverified
            "azureblob": ("azure_blob", "0.159.0"),  // unverified
            "azureeventhub": ("azure_event_hub", "0.145.0"),  // confirmed (splunk CHANGELOG)
            "azuremonitor": ("azure_monitor", "0.148.0"),  // confirmed (splunk CHANGELOG)
            "ciscoosreceiver": ("cisco_os", "0.148.0"),  // confirmed (splunk CHANGELOG)
            "cloudfoundry": ("cloud_foundry", "0.152.0"),  // confirmed (splunk CHANGELOG)
            "envoyals": ("envoy_als", "0.154.0"),  // estimated from PR date
            "filelog": ("file_log", "0.149.0"),  // third-party doc
            "filestats": ("file_stats", "0.151.0"),  // confirmed (splunk CHANGELOG)
            "flinkmetrics": ("flink_metrics", "0.154.0"),  // estimated from PR date
            "fluentforward": ("fluent_forward", "0.151.0"),  // confirmed (splunk CHANGELOG)
            "googlecloudspanner": ("google_cloud_spanner", "0.159.0"),  // unverified
            "hostmetrics": ("host_metrics", "0.151.0"),  // confirmed (splunk CHANGELOG)
            "httpcheck": ("http_check", "0.150.0"),  // confirmed (splunk CHANGELOG)
            "icmpcheckreceiver": ("icmp_check", "0.160.0"),  // estimated from PR date
            "k8sobjects": ("k8s_objects", "0.151.0"),  // estimated from PR date
            "kafkametrics": ("kafka_metrics", "0.152.0"),  // confirmed (splunk CHANGELOG)
            "kubeletstats": ("kubelet_stats", "0.152.0"),  // confirmed (splunk CHANGELOG)
            "macosunifiedlogging": ("macos_unified_logging", "0.159.0"),  // unverified
            "mongodbatlas": ("mongodb_atlas", "0.145.0"),  // confirmed (splunk CHANGELOG)
            "namedpipe": ("named_pipe", "0.150.0"),  // estimated from PR date
            "otlpjsonfile": ("otlp_json_file", "0.159.0"),  // unverified
            "prometheusremotewrite": ("prometheus_remote_write", "0.149.0"),  // estimated from PR date
            "splunkenterprise": ("splunk_enterprise", "0.155.0"),  // confirmed (splunk CHANGELOG)
            "sshcheck": ("ssh_check", "0.151.0"),  // confirmed (splunk CHANGELOG)
            "tcpcheck": ("tcp_check", "0.152.0"),  // confirmed (splunk CHANGELOG)
            "tcplog": ("tcp_log", "0.150.0"),  // estimated from PR date
            "tlscheck": ("tls_check", "0.150.0"),  // confirmed (splunk CHANGELOG)
            "udplog": ("udp_log", "0.150.0"),  // estimated from PR date
            "webhookevent": ("webhook_event", "0.154.0"),  // estimated from PR date
            "windowseventlog": ("windows_event_log", "0.150.0"),  // confirmed
            "windowsservice": ("windows_service", "0.154.0"),  // confirmed (splunk CHANGELOG)
            "yanggrpc": ("yang_grpc", "0.148.0"),  // confirmed (splunk CHANGELOG)
        ],
        "processors": [
            "cumulativetodelta": ("cumulative_to_delta", "0.157.0"),  // confirmed (ecosystem-explorer)
            "k8sattributes": ("k8s_attributes", "0.146.0"),  // confirmed
            "logdedup": ("log_dedup", "0.151.0"),  // third-party doc
            "metricstarttime": ("metric_start_time", "0.159.0"),  // unverified
            "metricstransform": ("metrics_transform", "0.152.0"),  // estimated from PR date
            "resourcedetection": ("resource_detection", "0.153.0"),  // third-party doc
        ],
        "exporters": [
            "azureblob": ("azure_blob", "0.159.0"),  // unverified
            "bmchelix": ("bmc_helix", "0.152.0"),  // estimated from PR date
            "googlecloudstorage": ("google_cloud_storage", "0.148.0"),  // estimated from PR date
            "honeycombmarker": ("honeycomb_marker", "0.152.0"),  // estimated from PR date
            "loadbalancing": ("load_balancing", "0.153.0"),  // third-party doc
            "otlp": ("otlp_grpc", "0.144.0"),  // confirmed
            "otlphttp": ("otlp_http", "0.144.0"),  // confirmed
            "prometheusremotewrite": ("prometheus_remote_write", "0.154.0"),  // third-party doc
        ],
        "extensions": [
            "awslogs_encoding": ("aws_logs_encoding", "0.159.0"),  // unverified
            "azureauth": ("azure_auth", "0.159.0"),  // unverified
            "cgroupruntime": ("cgroup_runtime", "0.148.0"),  // estimated from PR date
            "googlecloudlogentry_encoding": ("google_cloud_logentry_encoding", "0.148.0"),  // confirmed (splunk CHANGELOG)
        ],
        "connectors": [
            "otlpjson": ("otlp_json", "0.159.0"),  // unverified
            "roundrobin": ("round_robin", "0.159.0"),  // unverified
            "servicegraph": ("service_graph", "0.154.0"),  // third-party doc
            "signaltometrics": ("signal_to_metrics", "0.146.0"),  // confirmed
            "spanmetrics": ("span_metrics", "0.151.0"),  // confirmed (splunk CHANGELOG)
        ],
    ]
}
