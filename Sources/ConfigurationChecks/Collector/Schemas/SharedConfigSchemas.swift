import StackConfiguration

// The key schemas of the configuration structs the collector's components share, built from the mapstructure tags of
// open-telemetry/opentelemetry-collector (git tags v0.85.0 … v0.159.0, read at v0.157.0 and HEAD
// 934999fbab274d10cbf18704b4594a6fb2049887):
//   config/confighttp/{client,server}.go, config/configgrpc/configgrpc.go, config/configtls/configtls.go,
//   config/confignet/confignet.go, config/configauth/configauth.go, config/configcompression,
//   config/configmiddleware, config/configopaque/maplist.go, config/configoptional/optional.go,
//   config/configretry/backoff.go, exporter/exporterhelper (internal/queuebatch/config.go, internal/timeout_sender.go,
//   the older QueueSettings / exporterqueue / exporterbatcher structs).
// Each `since` / `removedIn` was found by extracting every struct's mapstructure tags at every v0.x.0 tag and is
// named with the commit that added or removed the key (`git log -S 'mapstructure:"KEY"'`, first `v0.*` tag
// containing it). Keys present at v0.85.0, the oldest tag read, carry no `since`.
// `,squash` embeds are flattened into the parent mapping. Mappings whose keys the user chooses are open.

/// The key schemas of the shared collector configuration structs.
enum SharedConfigSchemas {
    // MARK: - configoptional

    /// `enabled` inside a `configoptional.Optional[T]` section (TLS and CORS of servers, `auth`, keepalive,
    /// `sending_queue`, `cookies`, otlp receiver protocols…): 5060166f1d (#13995) added it behind the
    /// `configoptional.AddEnabledField` gate in v0.139.0 (alpha, off); 88cb7377c5 (#14136) made the gate beta,
    /// on by default, in v0.140.0; stable in v0.153.0 (ff0a96fe55), gate removed in v0.155.0 (49709e3f18).
    static let optionalEnabledSince = "0.140.0"

    // MARK: - Open mappings

    /// `headers`, `response_headers` (configopaque.MapList: a map, or since v0.139.0 a list of `name`/`value`).
    static let headers = KeySchema.open

    // MARK: - configtls

    /// configtls TPM settings (`tls::tpm`), added with `tpm` (045488fdde, #12801, v0.126.0).
    static let tpm = KeySchema(["enabled", "path", "owner_auth", "auth"])

    /// configtls.Config, squashed into both the client and the server TLS settings.
    static let tlsCommon = KeySchema([
        "ca_file", "ca_pem", "cert_file", "cert_pem", "key_file", "key_pem", "min_version", "max_version",
        "reload_interval",
    ])
    // c1599feb23 "[configtls] support setting cipher suites (#9168)", first in v0.93.0.
    .adding("cipher_suites", since: "0.93.0")
    // 62050a241a "[configtls] add include_system_ca_certs_pool (#9142)", first in v0.96.0.
    .adding("include_system_ca_certs_pool", since: "0.96.0")
    // c119b2a55e "[configtls] add new config to specify TLS curve preferences (#12174)", first in v0.119.0.
    .adding("curve_preferences", since: "0.119.0")
    // 045488fdde "Add trusted platform module (TPM) support to TLS package (#12801)", first in v0.126.0.
    .adding("tpm", since: "0.126.0", value: tpm)
    // fe2cf23ff2 "Add include_insecure_cipher_suites to configtls (#14043)", first in v0.154.0.
    .adding("include_insecure_cipher_suites", since: "0.154.0")

    /// configtls.ClientConfig (`tls` of HTTP and gRPC clients; a plain struct, so no `enabled`).
    static let tlsClient = tlsCommon.adding(["insecure", "insecure_skip_verify", "server_name_override"])

    /// configtls.ServerConfig (`tls` of HTTP and gRPC servers, a `configoptional.Optional` there).
    static let tlsServer = tlsCommon.adding(["client_ca_file", "client_ca_file_reload"])
        .adding("enabled", since: optionalEnabledSince)  // configoptional, see optionalEnabledSince

    // MARK: - configauth, configmiddleware, confignet, configcompression

    /// configauth.Config (`auth` of clients and of gRPC servers; an Optional since before v0.139.0).
    static let auth = KeySchema(["authenticator"])
        .adding("enabled", since: optionalEnabledSince)  // configoptional, see optionalEnabledSince

    /// confighttp.AuthConfig (`auth` of HTTP servers): configauth.Config squashed, plus `request_params`.
    /// 7d5b1ba387 "[confighttp] Add option to include query params in auth context (#10445)", v0.106.0.
    static let httpServerAuth = auth.adding("request_params", since: "0.106.0")

    /// One element of `middlewares` (configmiddleware.Config).
    static let middleware = KeySchema(["id"])

    /// confignet.DialerConfig (`dialer`), 920cf9d605 "[confignet] Add DialerTimeout config option (#9066)", v0.92.0.
    static let dialer = KeySchema(["timeout"])

    /// configcompression.CompressionParams (`compression_params`).
    static let compressionParams = KeySchema(["level"])

    // MARK: - confighttp

    /// confighttp.CORSConfig (`cors`, a `configoptional.Optional`).
    static let cors = KeySchema(["allowed_origins", "allowed_headers", "max_age"])
        // 07f953b0f2 "confighttp: add ExposedHeaders to CORSConfig (#15119)", v0.154.0.
        .adding("exposed_headers", since: "0.154.0")
        .adding("enabled", since: optionalEnabledSince)  // configoptional, see optionalEnabledSince

    /// confighttp.CookiesConfig (`cookies`): its own `enabled` (v0.104.0 … v0.140.0), then the Optional's.
    static let cookies = KeySchema(["enabled"])

    /// confighttp.ServerConfig, as squashed into a receiver's or extension's protocol section.
    static let httpServer = KeySchema(["endpoint", "include_metadata", "max_request_body_size"])
        .adding("tls", value: tlsServer)
        .adding("cors", value: cors)
        .adding("auth", value: httpServerAuth)
        .adding("response_headers", value: headers)
        // a162c7f662 "confighttp: add support for binding unix sockets (#14248)" squashed confignet.AddrConfig into
        // ServerConfig, bringing `transport` and `dialer`: v0.144.0.
        .adding("transport", since: "0.144.0")
        .adding("dialer", since: "0.144.0", value: dialer)
        // 725e8699bf "[confighttp] Allow compression list for a server to be overridden (#10295)", v0.103.0.
        .adding("compression_algorithms", since: "0.103.0")
        // 0e14c22e45 "[confighttp] add confighttp.NewDefaultServerConfig() (#10275)", v0.106.0.
        .adding("read_timeout", since: "0.106.0")
        .adding("read_header_timeout", since: "0.106.0")
        .adding("write_timeout", since: "0.106.0")
        .adding("idle_timeout", since: "0.106.0")
        // 6993fa1585 "Middleware: HTTP support (part 3/4) (#12845)" (v0.125.0) named it `middleware`;
        // fea16eb4c6 "[configmiddleware] middleware->middlewares (#13525)" renamed it in v0.132.0.
        .adding("middleware", since: "0.125.0", removedIn: "0.132.0", replacement: "middlewares", value: middleware)
        .adding("middlewares", since: "0.132.0", value: middleware)
        // 0cdc78bdf7 "feat(confighttp): add DisableKeepAlives to ServerConfig for all HTTP receivers (#13783)", v0.138.0.
        .adding("keep_alives_enabled", since: "0.138.0")

    /// confighttp.ClientConfig, as squashed into an exporter or other client.
    static let httpClient = KeySchema([
        "endpoint", "read_buffer_size", "write_buffer_size", "timeout", "compression", "max_idle_conns",
        "max_idle_conns_per_host", "max_conns_per_host", "idle_conn_timeout", "disable_keep_alives",
    ])
    .adding("tls", value: tlsClient)
    .adding("headers", value: headers)
    .adding("auth", value: auth)
    // 3ce3aac6f7 "[confighttp] Add support for proxy (#8339)", v0.90.0.
    .adding("proxy_url", since: "0.90.0")
    // f9a38b29c7 "Introduce HTTP2 health check transport options (#9022)", v0.91.0.
    .adding("http2_read_idle_timeout", since: "0.91.0")
    .adding("http2_ping_timeout", since: "0.91.0")
    // 8022caa337 "[confighttp] Add support for cookies (#10176)", v0.104.0.
    .adding("cookies", since: "0.104.0", value: cookies)
    // a8f95d9cef "[confighttp] Add support for configuring compression levels (#11805)", v0.118.0.
    .adding("compression_params", since: "0.118.0", value: compressionParams)
    // 6993fa1585 (#12845) `middleware` in v0.125.0; fea16eb4c6 (#13525) `middlewares` from v0.132.0.
    .adding("middleware", since: "0.125.0", removedIn: "0.132.0", replacement: "middlewares", value: middleware)
    .adding("middlewares", since: "0.132.0", value: middleware)
    // cdc6dff545 "[confighttp] - Expose an option to set ForceAttemptHttp2 setting (#13426)", v0.132.0.
    .adding("force_attempt_http2", since: "0.132.0")

    // MARK: - configgrpc

    /// configgrpc.KeepaliveClientConfig (`keepalive` of gRPC clients, a `configoptional.Optional`).
    static let grpcClientKeepalive = KeySchema(["time", "timeout", "permit_without_stream"])
        .adding("enabled", since: optionalEnabledSince)  // configoptional, see optionalEnabledSince

    /// configgrpc.KeepaliveServerParameters (`keepalive::server_parameters`, an Optional).
    static let grpcServerParameters = KeySchema([
        "max_connection_idle", "max_connection_age", "max_connection_age_grace", "time", "timeout",
    ])
    .adding("enabled", since: optionalEnabledSince)  // configoptional, see optionalEnabledSince

    /// configgrpc.KeepaliveEnforcementPolicy (`keepalive::enforcement_policy`, an Optional).
    static let grpcEnforcementPolicy = KeySchema(["min_time", "permit_without_stream"])
        .adding("enabled", since: optionalEnabledSince)  // configoptional, see optionalEnabledSince

    /// configgrpc.KeepaliveServerConfig (`keepalive` of gRPC servers, an Optional).
    static let grpcServerKeepalive = KeySchema([])
        .adding("server_parameters", value: grpcServerParameters)
        .adding("enforcement_policy", value: grpcEnforcementPolicy)
        .adding("enabled", since: optionalEnabledSince)  // configoptional, see optionalEnabledSince

    /// configgrpc.ServerConfig (confignet.AddrConfig squashed: endpoint, transport, dialer).
    static let grpcServer = KeySchema([
        "endpoint", "transport", "max_recv_msg_size_mib", "max_concurrent_streams", "read_buffer_size",
        "write_buffer_size", "include_metadata",
    ])
    .adding("tls", value: tlsServer)
    .adding("keepalive", value: grpcServerKeepalive)
    .adding("auth", value: auth)
    // 920cf9d605 "[confignet] Add DialerTimeout config option (#9066)", v0.92.0.
    .adding("dialer", since: "0.92.0", value: dialer)
    // a787582742 "Middleware: gRPC support (part 4/4) (#12846)", v0.125.0.
    .adding("middlewares", since: "0.125.0", value: middleware)

    /// configgrpc.ClientConfig, as squashed into an exporter.
    static let grpcClient = KeySchema([
        "endpoint", "compression", "read_buffer_size", "write_buffer_size", "wait_for_ready", "balancer_name",
        "authority",
    ])
    .adding("tls", value: tlsClient)
    .adding("keepalive", value: grpcClientKeepalive)
    .adding("headers", value: headers)
    .adding("auth", value: auth)
    // a787582742 "Middleware: gRPC support (part 4/4) (#12846)", v0.125.0.
    .adding("middlewares", since: "0.125.0", value: middleware)
    // 77ae328817 "Introduce UserAgent field to allow overriding the default gRPC user-agent string. (#14699)", v0.151.0.
    .adding("user_agent", since: "0.151.0")

    // MARK: - exporterhelper

    /// configretry.BackOffConfig (`retry_on_failure`; exporterhelper.RetrySettings before v0.92.0, same keys).
    static let retryOnFailure = KeySchema([
        "enabled", "initial_interval", "randomization_factor", "multiplier", "max_interval", "max_elapsed_time",
    ])

    /// `sending_queue::batch::partition` (queuebatch.PartitionConfig).
    static let queueBatchPartition = KeySchema(["metadata_keys"])

    /// `sending_queue::batch` (queuebatch.BatchConfig, a `configoptional.Optional`).
    static let queueBatch = KeySchema(["flush_timeout", "min_size", "max_size"])
        // 54222b60c0 "Define the final stable config for QueueBatch component (#12660)" has no batch-level `sizer`;
        // it is in queuebatch.BatchConfig from v0.130.0 (tag extraction).
        .adding("sizer", since: "0.130.0")
        // fd8963df2a "Enable metadata population in exporterhelper when sending_queue is enabled (#14139)", v0.147.0.
        .adding("partition", since: "0.147.0", value: queueBatchPartition)
        // The pointer-typed BatchConfig of v0.123.0 … v0.129.0 had no `enabled`; the Optional's `enabled`
        // is accepted from v0.140.0 (see optionalEnabledSince).
        .adding("enabled", since: optionalEnabledSince)

    /// `sending_queue` (exporterhelper.QueueSettings → QueueConfig → exporterqueue.Config → queuebatch.Config;
    /// a `configoptional.Optional` since v0.142.0, whose own `enabled` replaced the struct field).
    static let sendingQueue = KeySchema(["enabled", "num_consumers", "queue_size", "storage"])
        // b9d4e39bd6 "Add blocking option to control queue behavior when full (#12090)", v0.118.0;
        // d77b601ab9 "Remove deprecated blocking options, use block_on_overflow (#13211)", v0.129.0.
        .adding("blocking", since: "0.118.0", removedIn: "0.129.0", replacement: "block_on_overflow")
        // 54222b60c0 "Define the final stable config for QueueBatch component (#12660)", v0.123.0.
        .adding("block_on_overflow", since: "0.123.0")
        .adding("wait_for_result", since: "0.123.0")
        .adding("sizer", since: "0.123.0")
        .adding("batch", since: "0.123.0", value: queueBatch)

    /// The otlp exporter's `batcher` (exporterbatcher.Config, later exporterhelper.BatcherConfig).
    static let batcher = KeySchema(["enabled", "flush_timeout"])
        // exporterbatcher MinSizeConfig / MaxSizeConfig, deprecated in v0.121.0, gone from the v0.123.0 BatcherConfig.
        .adding("min_size_items", removedIn: "0.123.0", replacement: "min_size")
        .adding("max_size_items", removedIn: "0.123.0", replacement: "max_size")
        // exporterbatcher.SizeConfig, squashed from v0.121.0 (tag extraction of exporter/exporterbatcher/config.go).
        .adding("sizer", since: "0.121.0")
        .adding("min_size", since: "0.121.0")
        .adding("max_size", since: "0.121.0")

    /// The keys exporterhelper adds to an exporter: the squashed TimeoutConfig (`timeout`), `sending_queue` and
    /// `retry_on_failure`.
    static let exporterHelper = KeySchema(["timeout"])
        .adding("sending_queue", value: sendingQueue)
        .adding("retry_on_failure", value: retryOnFailure)
}

extension KeySchema {
    /// This schema with every key that has no `since` of its own accepted only from `version`: for a shared
    /// struct that a component embedded later than the struct's own keys appeared. Keys with their own `since`
    /// keep it (callers only use this where those are all later than `version`).
    func allSince(_ version: String, except: Set<String> = []) -> KeySchema {
        var copy = self
        for (name, key) in copy.keys where key.since == nil && !except.contains(name) {
            copy.keys[name]?.since = SemanticVersion(lenient: version)
        }
        return copy
    }

    /// This schema, accepting keys outside it too: for a mapping whose known keys are listed but that may hold
    /// more (a user's map, or a nested struct not confirmed complete for every version).
    func opened() -> KeySchema {
        var copy = self
        copy.isOpen = true
        return copy
    }

    /// This schema with `other`'s keys added (a key in both keeps `other`'s entry): for two squashed structs.
    func merging(_ other: KeySchema) -> KeySchema {
        var copy = self
        for (name, key) in other.keys { copy.keys[name] = key }
        copy.isOpen = isOpen || other.isOpen
        return copy
    }
}
