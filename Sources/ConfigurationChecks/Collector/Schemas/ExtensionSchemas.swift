// Key schemas of the most-used extensions and connectors, from their Go config structs' mapstructure tags:
// - zpages: open-telemetry/opentelemetry-collector extension/zpagesextension/config.go at v0.157.0 and HEAD
//   (934999fbab274d10cbf18704b4594a6fb2049887), history over every v0.x.0 tag.
// - health_check, pprof, spanmetrics: open-telemetry/opentelemetry-collector-contrib
//   extension/healthcheckextension/config.go, extension/pprofextension/config.go,
//   connector/spanmetricsconnector/config.go. History v0.85.0 … v0.124.0 from the full-history fork snapshot
//   axoflow/opentelemetry-collector-contrib (0796f50aeb, 2025-04-23), each release read at its "Prepare release
//   0.N.0" commit; later keys from the newest stored contrib sources and the contrib pull requests named in the
//   comments ("estimated from PR date": the first release after the PR's last recorded activity).

/// The extensions' key schemas, by component type.
enum ExtensionSchemas {
    // MARK: - health_check

    static let healthCheckResponseBody = KeySchema(["healthy", "unhealthy"])

    static let healthCheckPipeline = KeySchema(["enabled", "interval", "exporter_failure_threshold"])

    /// health_check: confighttp.ServerConfig squashed, the v1 keys, and the healthcheckv2 sections (`http`,
    /// `grpc`, `component_health`) that the v1 extension accepts since PR #42791 "Migrate healthcheckextension to
    /// internal/healthcheck implementation" (reviewed 2025-10-07: v0.138.0 estimated from PR date). Using them
    /// needs the extension.healthcheck.useComponentStatus feature gate, which is a validation error, not an
    /// unknown key. Their contents follow healthcheckv2 (http: endpoint…, status, config; grpc: endpoint…;
    /// component_health: include_permanent_errors, include_recoverable_errors, recovery_duration): open.
    static let healthCheck = SharedConfigSchemas.httpServer
        .adding("path")
        .adding("response_body", value: healthCheckResponseBody)
        .adding("check_collector_pipeline", value: healthCheckPipeline)
        .adding("http", since: "0.138.0", value: .open)
        .adding("grpc", since: "0.138.0", value: .open)
        .adding("component_health", since: "0.138.0", value: .open)

    // MARK: - pprof

    /// pprof: confignet.TCPAddrConfig squashed (`endpoint`, `dialer` since v0.92.0), plus its own keys.
    static let pprof = KeySchema(["endpoint", "block_profile_fraction", "mutex_profile_fraction", "save_to_file"])
        // 920cf9d605 "[confignet] Add DialerTimeout config option (#9066)", v0.92.0.
        .adding("dialer", since: "0.92.0", value: SharedConfigSchemas.dialer)

    // MARK: - zpages

    /// zpages: confignet.TCPAddr squashed (endpoint; dialer from v0.92.0) until 1889d589d5 "[extension/zpages]
    /// zpagesextension using confighttp.ServerConfig (#10276)" squashed confighttp.ServerConfig instead (v0.103.0),
    /// whose other keys date from then; `dialer` left with TCPAddr and came back with the server's in v0.144.0
    /// (accepted here from v0.92.0, so no valid config is reported).
    static let zpages = SharedConfigSchemas.httpServer
        .allSince("0.103.0", except: ["endpoint"])
        .adding("dialer", since: "0.92.0", value: SharedConfigSchemas.dialer)
        // dc9250a6c1 "[extension/zpages] Add an option to enable expvar (#11964)", v0.122.0.
        .adding("expvar", since: "0.122.0", value: KeySchema(["enabled"]))
}

/// The connectors' key schemas, by component type.
enum ConnectorSchemas {
    // MARK: - spanmetrics (span_metrics)

    /// One element of `dimensions`, `calls_dimensions`, `events::dimensions`, `histogram::dimensions`.
    static let dimension = KeySchema(["name", "default"])

    /// `histogram`: disable, unit, exponential (max_size), explicit (buckets), and since `calls_dimensions` its
    /// own `dimensions`; `exponential`/`explicit` became configoptional.Optional sections later. Open: nested.
    static let histogram = KeySchema(["disable", "unit", "exponential", "explicit", "dimensions"]).opened()

    static let exemplars = KeySchema(["enabled"])
        // 5c2ef75758 "Limit the number of exemplars to be added for each dimension set (#29242)", v0.92.0.
        .adding("max_per_data_point", since: "0.92.0")

    /// `events` (b3328a7a79, #27811, v0.89.0: older than v0.90.0, so no `since`).
    static let events = KeySchema(["enabled"]).adding("dimensions", value: dimension)

    static let spanmetrics = KeySchema([
        "exclude_dimensions", "dimensions_cache_size", "aggregation_temporality", "metrics_flush_interval",
        "namespace",
    ])
    .adding("dimensions", value: dimension)
    .adding("histogram", value: histogram)
    .adding("exemplars", value: exemplars)
    .adding("events", value: events)
    // e254878f44 "[connector/spanmetrics] Fix memory leak (#28847)", v0.91.0.
    .adding("resource_metrics_cache_size", since: "0.91.0")
    // 4acf9f80ae "Fix broken spanmetrics counters after span producing service restart (#29711)", v0.92.0.
    .adding("resource_metrics_key_attributes", since: "0.92.0")
    // 3fecbcc21a "[connector/spanmetrics] Add feature to expire metrics (#31106)", v0.97.0.
    .adding("metrics_expiration", since: "0.97.0")
    // 9395f366e8 "[connector/spanmetrics] Produce delta temporality span metrics with timestamps representing an
    // uninterrupted series (#31780)", v0.103.0.
    .adding("metric_timestamp_cache_size", since: "0.103.0")
    // 4079d3f5f8 "[spanmetricsconnector] Add instrumentation scope (#38001)", v0.123.0.
    .adding("include_instrumentation_scope", since: "0.123.0")
    // PR #39084 "[spanmetricsconnector] Add cardinality limit for the generated metrics" (fixed by #39664,
    // 2025-04-25; absent from the 2025-04-23 sources): v0.125.0 estimated from PR date.
    .adding("aggregation_cardinality_limit", since: "0.125.0")
    // Separate calls/duration dimensions (issue #36805, PR #39134 waiting on #39664 of 2025-04-25): v0.125.0
    // estimated from PR date.
    .adding("calls_dimensions", since: "0.125.0", value: dimension)
    // Issue #43394 "Add add_resource_attributes config option" (2025-10-09): v0.138.0 estimated from issue date.
    .adding("add_resource_attributes", since: "0.138.0")
    // Issue #44187 (2025-11-12) asked for per-series expiration: v0.140.0 estimated from issue date.
    .adding("series_expiration", since: "0.140.0")
    // In the newest sources; release not found, so no `since`.
    .adding("enable_metrics_sampling_method")
}
