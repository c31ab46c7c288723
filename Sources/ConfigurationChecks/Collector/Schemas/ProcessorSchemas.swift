// Key schemas of the most-used processors, from their Go config structs' mapstructure tags:
// - batch, memory_limiter: open-telemetry/opentelemetry-collector processor/batchprocessor/config.go,
//   processor/memorylimiterprocessor/config.go and internal/memorylimiter/config.go at v0.157.0 and HEAD
//   (934999fbab274d10cbf18704b4594a6fb2049887), history over every v0.x.0 tag.
// - k8sattributes, resourcedetection, attributes, resource, transform, filter, tail_sampling:
//   open-telemetry/opentelemetry-collector-contrib processor/*/config.go, internal/k8sconfig/config.go,
//   internal/coreinternal/attraction/attraction.go, internal/filter/filterconfig/config.go,
//   processor/transformprocessor/internal/common/config.go. Contrib history v0.85.0 … v0.124.0 from the full-history
//   fork snapshot axoflow/opentelemetry-collector-contrib (0796f50aeb, 2025-04-23), each release read at its
//   "Prepare release 0.N.0" commit; later changes from the newest stored contrib sources and the contrib pull
//   requests named in the comments ("estimated from PR date": `since` chosen early, `removedIn` late).

/// The processors' key schemas, by component type.
enum ProcessorSchemas {
    // MARK: - batch

    /// Unchanged since v0.85.0 (metadata_keys and metadata_cardinality_limit came in v0.78.0, aa206e399c).
    static let batch = KeySchema([
        "timeout", "send_batch_size", "send_batch_max_size", "metadata_keys", "metadata_cardinality_limit",
    ])

    // MARK: - memory_limiter

    /// memorylimiter.Config (processor/memorylimiterprocessor until v0.92.0, internal/memorylimiter since).
    static let memoryLimiter = KeySchema([
        "check_interval", "limit_mib", "spike_limit_mib", "limit_percentage", "spike_limit_percentage",
    ])
    // 2b5fa0ed51 "Add support to configure min GC intervals for soft and hard limits (#12450)", v0.121.0.
    .adding("min_gc_interval_when_soft_limited", since: "0.121.0")
    .adding("min_gc_interval_when_hard_limited", since: "0.121.0")
    // 5d48fdeeb1 "[processor/memorylimiter] Fix degenerate GC loop when exporter has problems (#15053)", v0.156.0.
    .adding("max_gc_interval_when_soft_limited", since: "0.156.0")
    .adding("max_gc_interval_when_hard_limited", since: "0.156.0")
    // 0b4e5ec792 "memorylimiterprocessor: Remove deprecated config (already no-op) ballast_size_mib (#4365)",
    // first release without it v0.39.0.
    .adding("ballast_size_mib", removedIn: "0.39.0", replacement: "nothing (the ballast extension, itself removed in v0.109.0)")

    // MARK: - k8sattributes

    /// One element of `extract::annotations` / `extract::labels` (FieldExtractConfig).
    static let k8sFieldExtract = KeySchema(["tag_name", "key", "key_regex", "from"])
        // e7148d57b4 "[processor/k8sattributes] move k8sattr.fieldExtractConfigRegex.disallow feature gate to
        // stable (#37615)": last in v0.120.0.
        .adding("regex", removedIn: "0.121.0", replacement: "key_regex with a capture group in tag_name")

    /// `extract` (ExtractConfig). Open: one stored contrib version also has `service_attributes`, which the newest
    /// sources lack, so the nested set is not certain for every release.
    static let k8sExtract = KeySchema(["metadata"])
        .adding("annotations", value: k8sFieldExtract)
        .adding("labels", value: k8sFieldExtract)
        // 6682df519b "[processor/k8sattributes] Automatic resource attributes - annotation prefix (#38825)", v0.124.0.
        .adding("otel_annotations", since: "0.124.0")
        // In the newest sources, absent at v0.124.0; release not found, so no `since`.
        .adding("deployment_name_from_replicaset")
        .adding("service_attributes", value: .open)
        .opened()

    /// One element of `filter::fields` / `filter::labels` (FieldFilterConfig).
    static let k8sFieldFilter = KeySchema(["key", "value", "op"])

    static let k8sFilter = KeySchema(["node", "node_from_env_var", "namespace"])
        .adding("fields", value: k8sFieldFilter)
        .adding("labels", value: k8sFieldFilter)

    static let k8sPodAssociation = KeySchema([]).adding("sources", value: KeySchema(["from", "name"]))

    static let k8sattributes = KeySchema([
        // k8sconfig.APIConfig, squashed (`context` since v0.87.0).
        "auth_type", "context",
        "passthrough",
    ])
    .adding("extract", value: k8sExtract)
    .adding("filter", value: k8sFilter)
    .adding("pod_association", value: k8sPodAssociation)
    .adding("exclude", value: KeySchema([]).adding("pods", value: KeySchema(["name"])))
    // 97659b59ea "feat (processor/k8sattributes): wait for synced when starting k8sattributes processor.
    // (#32622)", v0.114.0.
    .adding("wait_for_metadata", since: "0.114.0")
    .adding("wait_for_metadata_timeout", since: "0.114.0")
    // k8sconfig.APIConfig in the newest sources; absent at v0.124.0, release not found, so no `since`.
    .adding("kube_api_qps")
    .adding("kube_api_burst")
    // In one newer stored version of the processor's config (not in the newest official one read); release not
    // found, so no `since`.
    .adding("watch_sync_period")

    // MARK: - resourcedetection

    /// resourcedetection: `detectors`, `override`, `attributes`, confighttp.ClientConfig squashed (`timeout` and
    /// the other client keys) and DetectorConfig squashed (one key per detector, each holding that detector's
    /// config). Open: every few releases add a detector (kubeadm came in v0.118.0, 981e9f5cc5) and its key, and the
    /// list after v0.124.0 was not read, so an unlisted key here may be a detector this checker does not know.
    static let resourceDetectionDetectorNames: Set<String> = [
        "aks", "azure", "consul", "docker", "ec2", "ecs", "eks", "elasticbeanstalk", "gcp", "heroku", "k8snode",
        "kubeadm", "lambda", "openshift", "system",
    ]

    static let resourcedetection: KeySchema = {
        var schema = SharedConfigSchemas.httpClient.adding(["detectors", "override", "attributes"])
        for detector in resourceDetectionDetectorNames {
            schema = schema.adding(detector, value: .open)
        }
        // 981e9f5cc5 "[processor/resourcedetection] introduce kubeadm detector (#35450)", v0.118.0.
        schema = schema.adding("kubeadm", since: "0.118.0", value: .open)
        return schema.opened()
    }()

    // MARK: - attributes, resource

    /// One element of `actions` / `attributes` (attraction.ActionKeyValue).
    static let attributeAction = KeySchema([
        "key", "value", "pattern", "from_attribute", "from_context", "converted_type", "action",
    ])

    /// `include` / `exclude` (filterconfig.MatchProperties with filterset.Config squashed). Open: nested, and its
    /// element types (attributes, resources, libraries, log_severity_number) were not all checked per release.
    static let matchProperties = KeySchema([
        "match_type", "regexp", "services", "span_names", "span_kinds", "log_bodies", "log_severity_texts",
        "log_severity_number", "metric_names", "attributes", "resources", "libraries",
    ]).opened()

    /// attributes: filterconfig.MatchConfig and attraction.Settings, squashed.
    static let attributes = KeySchema([])
        .adding("actions", value: attributeAction)
        .adding("include", value: matchProperties)
        .adding("exclude", value: matchProperties)

    /// resource: its `attributes` are attraction actions.
    static let resource = KeySchema([]).adding("attributes", value: attributeAction)

    // MARK: - transform

    /// transform: each `*_statements` list holds OTTL strings or ContextStatements mappings (context,
    /// statements, conditions since v0.101.0, error_mode since v0.120.0…): open.
    static let transform = KeySchema(["error_mode"])
        .adding("trace_statements", value: .open)
        .adding("metric_statements", value: .open)
        .adding("log_statements", value: .open)
        // b03a61aa1f "[processor/transform] Add 'transform.flatten.logs' feature gate (#33338)", v0.103.0.
        .adding("flatten_data", since: "0.103.0")
        // PR #39974 "[processor/transform] Add support for profiles" (reviewed 2025-06-03): v0.128.0 estimated from
        // PR date.
        .adding("profile_statements", since: "0.128.0", value: .open)

    // MARK: - filter

    /// filter: the legacy per-signal sections (open: match properties and OTTL condition lists) and the
    /// context-inferred `*_conditions` lists.
    static let filter = KeySchema(["error_mode"])
        .adding("spans", value: .open)
        .adding("metrics", value: .open)
        .adding("logs", value: .open)
        .adding("traces", value: .open)
        // ProfileFilters: in the newest sources, absent at v0.124.0; release not found, so no `since`.
        .adding("profiles", value: .open)
        // PR #44543 "[processor/filter] Introduce inferred-context" (reviewed 2025-12-11); the README added by PR
        // #45676 documents the `*_conditions` style as valid for v0.146.0 and later.
        .adding("metric_conditions", since: "0.146.0", value: .open)
        .adding("log_conditions", since: "0.146.0", value: .open)
        .adding("trace_conditions", since: "0.146.0", value: .open)
        .adding("profile_conditions", since: "0.146.0", value: .open)

    // MARK: - tail_sampling

    /// tail_sampling. Open: its config after v0.124.0 was not found in the stored sources (only the
    /// `decision_wait_after_root_received` key is confirmed, by PRs #46610/#46613 of 2026-03), so keys added since
    /// are not reported. `policies` is a list of the user's policies (name, type and the policy's own section).
    static let tailSampling = KeySchema(["decision_wait", "num_traces", "expected_new_traces_per_sec"])
        .adding("policies", value: .open)
        // 18dc9ac594 "[processor/tailsampling] Decision cache for "keep" trace IDs (#33533)", v0.103.0; its
        // non_sampled_cache_size arrived in v0.115.0.
        .adding("decision_cache", since: "0.103.0", value: .open)
        // Release not found, so no `since`.
        .adding("decision_wait_after_root_received")
        .opened()
}
