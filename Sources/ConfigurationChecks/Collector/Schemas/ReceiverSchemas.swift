// Key schemas of the most-used receivers, from their Go config structs' mapstructure tags:
// - otlp: open-telemetry/opentelemetry-collector receiver/otlpreceiver/config.go at v0.157.0 and HEAD
//   (934999fbab274d10cbf18704b4594a6fb2049887), history over every v0.85.0 … v0.159.0 tag.
// - prometheus, filelog, hostmetrics: open-telemetry/opentelemetry-collector-contrib
//   receiver/prometheusreceiver/{config.go,targetallocator/config.go}, receiver/filelogreceiver/filelog.go,
//   pkg/stanza/{fileconsumer/config.go,fileconsumer/attrs,fileconsumer/matcher,operator/helper,adapter/config.go,
//   split,trim}, internal/coreinternal/consumerretry, receiver/hostmetricsreceiver/config.go, and core
//   scraper/scraperhelper (ControllerConfig). Contrib history v0.85.0 … v0.124.0 comes from a full-history fork
//   snapshot (axoflow/opentelemetry-collector-contrib at 0796f50aeb, 2025-04-23), each release read at its
//   "Prepare release 0.N.0" commit; later changes from the newest stored contrib sources of those files and the
//   contrib pull requests named in the comments ("estimated from PR date": the first release after the PR's
//   last recorded activity, chosen early for `since` and late for `removedIn` so no valid config is reported).

/// The receivers' key schemas, by component type.
enum ReceiverSchemas {
    // MARK: - otlp

    /// `protocols::grpc` (configgrpc.ServerConfig in a configoptional.Optional since e8ca607b79, v0.128.0).
    static let otlpGRPC = SharedConfigSchemas.grpcServer
        .adding("enabled", since: SharedConfigSchemas.optionalEnabledSince)  // configoptional

    /// `protocols::http`: confighttp.ServerConfig squashed, plus the per-signal URL paths. The receiver's README
    /// documents `profiles_url_path` since profiles support came in (30b4ed0f5c, v0.110.0), and public stacks
    /// set it; the HTTPConfig struct read here has no such field, but the checker does not report a documented
    /// key as an error on the strength of one reading of the source.
    static let otlpHTTP = SharedConfigSchemas.httpServer
        .adding(["traces_url_path", "metrics_url_path", "logs_url_path"])
        .adding("profiles_url_path", since: "0.110.0")
        .adding("enabled", since: SharedConfigSchemas.optionalEnabledSince)  // configoptional

    static let otlp = KeySchema([])
        .adding("protocols", value: KeySchema([]).adding("grpc", value: otlpGRPC).adding("http", value: otlpHTTP))

    // MARK: - prometheus

    /// `target_allocator` (targetallocator.Config: confighttp.ClientConfig squashed since v0.97.0, collector_id,
    /// interval, http_sd_config, http_scrape_config since v0.102.0; an Optional in the newest sources). Open: the
    /// newest sources moved it to internal/targetallocator and it was not read completely.
    static let prometheusTargetAllocator = SharedConfigSchemas.httpClient
        .adding(["collector_id", "interval", "http_sd_config"])
        // 28ca05ca72 "Allow to configure http client used by target allocator generated scrape targets (#33298)".
        .adding("http_scrape_config", since: "0.102.0")
        .opened()

    /// `api_server` (APIServer: `enabled` and a confighttp.ServerConfig under `server_config`).
    static let prometheusAPIServer = KeySchema(["enabled"]).adding("server_config", value: SharedConfigSchemas.httpServer)

    static let prometheus = KeySchema(["trim_metric_suffixes"])
        // Prometheus's own configuration (scrape_configs, global…): not the collector's to check.
        .adding("config", value: .open)
        .adding("target_allocator", value: prometheusTargetAllocator)
        // 7445a71a94 "[receiver/prometheus] feat: add Prometheus API server (#33875)", first in v0.122.0.
        .adding("api_server", since: "0.122.0", value: prometheusAPIServer)
        // 135e41c715 (#27030) added it in v0.86.0; d64038bc0e "Update prometheus to v0.50.1 and remove
        // enable_protobuf_negotiation (#30934)" removed it: last in v0.96.0.
        .adding("enable_protobuf_negotiation", removedIn: "0.97.0", replacement: "scrape_protocols in the Prometheus config")
        // Deprecated by PR #44735 (2025-12-04); removed by PR #45133 "Remove deprecated starttime fields from config"
        // (approved 2025-12-30): v0.144.0 estimated from PR date (v0.143.0 is possible).
        .adding("use_start_time_metric", removedIn: "0.144.0", replacement: "the metricstarttime processor")
        .adding("start_time_metric_regex", removedIn: "0.144.0", replacement: "the metricstarttime processor")
        // Ignored behind a gate from PR #45144 (v0.143.0); removed by PR #46725 "Remove config
        // 'report_extra_scrape_metrics'" (opened 2026-03-06, held until after v0.148.0): v0.150.0 estimated from
        // PR date (v0.149.0 is possible).
        .adding(
            "report_extra_scrape_metrics",
            removedIn: "0.150.0",
            replacement: "the receiver.prometheusreceiver.EnableReportExtraScrapeMetrics feature gate or extra_scrape_metrics"
        )

    // MARK: - filelog

    /// `multiline` (split.Config).
    static let filelogMultiline = KeySchema(["line_start_pattern", "line_end_pattern", "omit_pattern"])

    /// `header` (fileconsumer.HeaderConfig).
    static let filelogHeader = KeySchema(["pattern"]).adding("metadata_operators", value: .open)

    /// `retry_on_failure` (consumerretry.Config).
    static let consumerRetry = KeySchema(["enabled", "initial_interval", "max_interval", "max_elapsed_time"])

    /// The filelog receiver: file.Config (helper.InputConfig + fileconsumer.Config with matcher.Criteria,
    /// attrs.Resolver and trim.Config squashed) and adapter.BaseConfig, all squashed.
    static let filelog = KeySchema([
        // helper.InputConfig: BasicConfig, `output`, AttributerConfig, IdentifierConfig.
        "id", "type", "output",
        // matcher.Criteria.
        "include", "exclude",
        // attrs.Resolver (in fileconsumer.Config itself before v0.93.0, same keys).
        "include_file_name", "include_file_path", "include_file_name_resolved", "include_file_path_resolved",
        // fileconsumer.Config.
        "poll_interval", "max_concurrent_files", "max_batches", "start_at", "fingerprint_size", "max_log_size",
        "encoding", "force_flush_period", "delete_after_read",
        // trim.Config.
        "preserve_leading_whitespaces", "preserve_trailing_whitespaces",
        // adapter.BaseConfig.
        "storage",
    ])
    .adding("attributes", value: .open)
    .adding("resource", value: .open)
    .adding("operators", value: .open)  // a list of the user's stanza operators
    .adding("retry_on_failure", value: consumerRetry)
    .adding("multiline", value: filelogMultiline)
    .adding("header", value: filelogHeader)
    // sort_by, regex, top_n, group_by (v0.115.0): open, the sort rules are the user's.
    .adding("ordering_criteria", value: .open)
    // fdaca38e59 "[receiver/filelog] Add settings to annotate file owner and group names (#30776)", v0.98.0.
    .adding("include_file_owner_name", since: "0.98.0")
    .adding("include_file_owner_group_name", since: "0.98.0")
    // 7579382dd7 "[receiver/filelog] Implement `ExcludeOlderThan` matcher criterion (#31916)", v0.99.0.
    .adding("exclude_older_than", since: "0.99.0")
    // 01efffd284 "[pkg/stanza] support gzip compressed log files for file log receiver (#33406)", v0.103.0.
    .adding("compression", since: "0.103.0")
    // 2f079f9446 "add line number option for filelogreceiver (#33530)", v0.103.0.
    .adding("include_file_record_number", since: "0.103.0")
    // af9dcb3af8 "Add an option to respect filesystem locks to the filelog receiver. (#34801)", v0.108.0.
    .adding("acquire_fs_lock", since: "0.108.0")
    // 0a06b88755 "Allow users to configure initial buffer size (#37786)", v0.120.0.
    .adding("initial_buffer_size", since: "0.120.0")
    // PR #40167 "[receiver/filelogreceiver] Add option to insert offset as attribute" (reviewed 2025-06-02):
    // v0.128.0 estimated from PR date.
    .adding("include_file_record_offset", since: "0.128.0")
    // `polls_to_archive` was `mapstructure:"-"` until PR #39901 "[pkg/stanza][fileconsumer] - finalize archive's
    // implementation" (reviewed 2025-06-03) activated it: v0.128.0 estimated from PR date.
    .adding("polls_to_archive", since: "0.128.0")
    // PR #45323 "[receiver/filelog] Add max_log_size_behavior config option for truncation" (reviewed
    // 2026-01-28): v0.145.0 estimated from PR date.
    .adding("max_log_size_behavior", since: "0.145.0")
    // PR #46505 "[receiver/filelog] Add setting to annotate file permission mode" (opened 2026-02-28, reviewed
    // 2026-03-03): v0.148.0 estimated from PR date.
    .adding("include_file_permissions", since: "0.148.0")
    // In the newest fileconsumer sources, absent at v0.124.0; its release was not found, so no `since`.
    .adding("on_truncate")

    // MARK: - hostmetrics

    /// The hostmetrics receiver: scraperhelper.ControllerConfig squashed, `root_path`, and `scrapers`, which its
    /// own Unmarshal reads as a map of scraper names (cpu, disk, filesystem, load, memory, network, paging,
    /// processes, process, system…) to each scraper's config: open.
    static let hostmetrics = KeySchema(["collection_interval", "initial_delay", "timeout", "root_path"])
        .adding("scrapers", value: .open)
        // f11bad9b57 "[receiver/hostmetrics] add EntityState entity event as log record for host (#33928)", v0.106.0.
        .adding("metadata_collection_interval", since: "0.106.0")
}
