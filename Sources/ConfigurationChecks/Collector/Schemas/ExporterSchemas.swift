// Key schemas of the most-used exporters, from their Go config structs' mapstructure tags:
// - otlp, otlphttp, debug, logging: open-telemetry/opentelemetry-collector exporter/otlpexporter/config.go,
//   exporter/otlphttpexporter/config.go, exporter/debugexporter/config.go, exporter/loggingexporter/config.go
//   at v0.157.0 and HEAD (934999fbab274d10cbf18704b4594a6fb2049887), history over every v0.x.0 tag.
// - prometheus, prometheusremotewrite, file, loki: open-telemetry/opentelemetry-collector-contrib
//   exporter/{prometheusexporter,prometheusremotewriteexporter,fileexporter,lokiexporter}/config.go and
//   pkg/resourcetotelemetry/config.go. History v0.85.0 … v0.124.0 from the full-history fork snapshot
//   axoflow/opentelemetry-collector-contrib (0796f50aeb, 2025-04-23), each release read at its "Prepare release
//   0.N.0" commit; later keys from the newest stored contrib sources.

/// The exporters' key schemas, by component type.
enum ExporterSchemas {
    // MARK: - otlp (otlp_grpc)

    /// otlp: exporterhelper (timeout, sending_queue, retry_on_failure) and configgrpc.ClientConfig, squashed.
    static let otlp = SharedConfigSchemas.grpcClient
        .merging(SharedConfigSchemas.exporterHelper)
        // d2ed276a92 "Enable batch sender in oltpexporter (#10846)", v0.108.0; d2948fc10c "[otlpexporter] Remove
        // deprecated batcher config from OTLP, use queuebatch (#13339)", first release without it v0.130.0.
        .adding(
            "batcher",
            since: "0.108.0",
            removedIn: "0.130.0",
            replacement: "sending_queue::batch",
            value: SharedConfigSchemas.batcher
        )

    // MARK: - otlphttp (otlp_http)

    /// otlphttp: confighttp.ClientConfig squashed (its `timeout` is the client's), `sending_queue`,
    /// `retry_on_failure` and the per-signal endpoints.
    static let otlphttp = SharedConfigSchemas.httpClient
        .adding(["traces_endpoint", "metrics_endpoint", "logs_endpoint"])
        .adding("sending_queue", value: SharedConfigSchemas.sendingQueue)
        .adding("retry_on_failure", value: SharedConfigSchemas.retryOnFailure)
        // e8748663d3 "[exporter/otlphttp] added support for configurable telemetry encoding (#9276)", v0.95.0.
        .adding("encoding", since: "0.95.0")
        // 10fd06dedd "[exporter/otlphttp] add custom profiles_endpoint config setting (#13505)", v0.133.0.
        .adding("profiles_endpoint", since: "0.133.0")

    // MARK: - debug

    static let debug = KeySchema(["verbosity", "sampling_initial", "sampling_thereafter"])
        // f47b9f263a "[exporter/debug] add option `use_internal_logger` (#10227)", v0.104.0.
        .adding("use_internal_logger", since: "0.104.0")
        // 0b25883235 "[exporter/debug] add support for batching (#13791)", v0.136.0.
        .adding("sending_queue", since: "0.136.0", value: SharedConfigSchemas.sendingQueue)
        // 5e3bf40de1 "[exporter/debug] add ability to set output_paths (#14164)", v0.146.0.
        .adding("output_paths", since: "0.146.0")

    // MARK: - logging (the component was removed in v0.111.0)

    /// The logging exporter, removed with all its keys by f9d44de9b6 "[exporter/logging] Remove logging exporter
    /// (#11037)" (v0.111.0); `loglevel` was already deprecated for `verbosity`.
    static let logging = KeySchema(["verbosity", "sampling_initial", "sampling_thereafter"])
        .adding("loglevel", removedIn: "0.111.0", replacement: "verbosity (of the debug exporter)")

    // MARK: - prometheus

    /// `resource_to_telemetry_conversion` (resourcetotelemetry.Settings).
    static let resourceToTelemetry = KeySchema(["enabled"])

    /// prometheus: confighttp.ServerConfig squashed, plus the exporter's own keys.
    static let prometheus = SharedConfigSchemas.httpServer
        .adding(["namespace", "send_timestamps", "metric_expiration", "enable_open_metrics", "add_metric_suffixes"])
        .adding("const_labels", value: .open)
        .adding("resource_to_telemetry_conversion", value: resourceToTelemetry)
        // The next four are in newer stored versions of the exporter's config, absent at v0.124.0; their releases
        // were not found, so no `since` (translation_strategy behind exporter.prometheusexporter.UseTranslationStrategy
        // at first).
        .adding("translation_strategy")
        .adding("without_scope_info")
        .adding("resource_constant_labels", value: .open)
        .adding("sending_queue", value: SharedConfigSchemas.sendingQueue)

    // MARK: - prometheusremotewrite (prometheus_remote_write)

    static let remoteWriteQueue = KeySchema(["enabled", "queue_size", "num_consumers"])

    /// `wal` (WALConfig: directory, buffer_size, truncate_frequency…): open, not read past v0.124.0.
    static let remoteWriteWAL = KeySchema(["directory", "buffer_size", "truncate_frequency"]).opened()

    /// prometheusremotewrite: exporterhelper TimeoutConfig and confighttp.ClientConfig squashed (both bring
    /// `timeout`), `retry_on_failure`, and the exporter's own keys.
    static let prometheusremotewrite = SharedConfigSchemas.httpClient
        .adding(["namespace", "max_batch_size_bytes", "add_metric_suffixes"])
        .adding("retry_on_failure", value: SharedConfigSchemas.retryOnFailure)
        .adding("remote_write_queue", value: remoteWriteQueue)
        .adding("external_labels", value: .open)
        .adding("resource_to_telemetry_conversion", value: resourceToTelemetry)
        .adding("wal", value: remoteWriteWAL)
        .adding("target_info", value: KeySchema(["enabled"]))
        // a0e6491b4d "[exporter/prometheusremotewrite] prometheusremotewrite exporter add option to send metadata
        // (#27565)", v0.90.0.
        .adding("send_metadata", since: "0.90.0")
        // 3febf16a46 "feat/re-allow multiple workers (#36134)", v0.118.0.
        .adding("max_batch_request_parallelism", since: "0.118.0")
        // f760fe116a "[exporter/prometheusremotewrite] remove `export_created_metric` (#38662)": last in v0.122.0.
        .adding(
            "export_created_metric",
            removedIn: "0.123.0",
            replacement: "nothing (created metrics are no longer sent)",
            value: KeySchema(["enabled"])
        )
        // Remote-Write 2.0 message selection, in newer sources than v0.124.0; release not found, so no `since`.
        .adding("remote_write_proto_msg")

    // MARK: - file

    static let fileRotation = KeySchema(["max_megabytes", "max_days", "max_backups", "localtime"])

    static let file = KeySchema(["path", "format", "compression", "flush_interval"])
        .adding("rotation", value: fileRotation)
        // 75cfca8628 "[exporter/file] add append mode (#31369)", v0.97.0.
        .adding("append", since: "0.97.0")
        // b9ce2d3ec3 "[exporter/file] Add group_by configuration (#31396)", v0.97.0.
        .adding("group_by", since: "0.97.0", value: KeySchema(["enabled", "resource_attribute", "max_open_files"]))
        // 74170c023c "[exporter/file] add encoding extension support (#31774)", v0.97.0.
        .adding("encoding", since: "0.97.0")

    // MARK: - loki (the component was removed from contrib in v0.131.0)

    /// loki: confighttp.ClientConfig squashed, `sending_queue`, `retry_on_failure`, `default_labels_enabled` (a map
    /// of label names). The component itself is gone from v0.131.0; use otlphttp to Loki's OTLP endpoint.
    static let loki = SharedConfigSchemas.httpClient
        .adding("sending_queue", value: SharedConfigSchemas.sendingQueue)
        .adding("retry_on_failure", value: SharedConfigSchemas.retryOnFailure)
        .adding("default_labels_enabled", value: .open)
}
