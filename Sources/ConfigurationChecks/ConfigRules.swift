public import StackConfiguration

/// The rules of `otel-harness check` about collector, compose, Prometheus and dashboard files.
extension ConfigRules {
    // MARK: Collector

    /// A component removed from the collector.
    public static let collectorRemovedComponent = Rule(
        "collector/removed-component",
        .error,
        summary: "a component that the pinned collector version no longer has",
        rationale: "The collector refuses to start with `unknown type`.",
        fix: "Use the replacement named in the message."
    )
    /// A component the distribution does not ship.
    public static let collectorUnknownComponent = Rule(
        "collector/unknown-component",
        .error,
        summary: "a component type the collector distribution does not ship",
        rationale: "The collector refuses to start with `unknown type`.",
        fix: "Check the spelling, or use a distribution (or a custom build) that includes the component."
    )
    /// A component name that still loads but is deprecated.
    public static let collectorDeprecatedName = Rule(
        "collector/deprecated-name",
        .info,
        summary: "a component type under a deprecated alias",
        rationale: "The collector still loads it but logs a deprecation warning; a later version will drop the alias.",
        fix: "Use the current name."
    )
    /// An unknown key in a well-known component.
    public static let collectorUnknownKey = Rule(
        "collector/unknown-key",
        .error,
        summary: "a key that a well-known component (or the file's top level) does not have",
        rationale: "The collector rejects unknown keys (`has invalid keys`) and does not start.",
        fix: "Remove the key or correct its spelling."
    )
    /// A pipeline naming an undefined component.
    public static let collectorUndefinedComponent = Rule(
        "collector/undefined-component",
        .error,
        summary: "a pipeline or `service.extensions` names a component that is not defined",
        rationale: "The collector refuses to start: `references … which is not configured`.",
        fix: "Define the component in its section, or correct the name in the pipeline."
    )
    /// A pipeline that cannot run.
    public static let collectorInvalidPipeline = Rule(
        "collector/invalid-pipeline",
        .error,
        summary: "a pipeline with an unknown signal, or without receivers or exporters",
        rationale: "The collector refuses to start; a configuration without pipelines receives nothing.",
        fix: "Name pipelines `traces`, `metrics`, `logs` or `profiles` (optionally `/name`), each with at least one receiver and one exporter."
    )
    /// A component defined but in no pipeline.
    public static let collectorUnusedComponent = Rule(
        "collector/unused-component",
        .warning,
        summary: "a receiver, processor, exporter or connector that no pipeline uses",
        rationale: "The collector ignores it: whatever it was meant to do does not happen.",
        fix: "Add it to a pipeline, or delete it."
    )
    /// An extension not enabled.
    public static let collectorExtensionNotEnabled = Rule(
        "collector/extension-not-enabled",
        .warning,
        summary: "an extension is defined but not listed in `service.extensions`",
        rationale: "The collector does not start an extension that is only defined.",
        fix: "Add it to `service.extensions`."
    )
    /// A health probe without a health_check extension.
    public static let collectorHealthCheckMissing = Rule(
        "collector/health-check-missing",
        .error,
        summary: "something probes the collector's port 13133 but the `health_check` extension is not enabled",
        rationale: "Nothing listens on 13133: the probe fails and the collector is reported unhealthy forever (and what depends on it never starts).",
        fix: "Define `extensions: health_check: endpoint: 0.0.0.0:13133` and list it in `service.extensions`."
    )
    /// A health_check bound to loopback while probed from outside.
    public static let collectorHealthCheckUnreachable = Rule(
        "collector/health-check-unreachable",
        .error,
        summary: "the `health_check` extension listens on localhost while it is probed from another container or a published port",
        rationale: "Since v0.104 server endpoints default to localhost, which other containers and Docker's port publishing cannot reach.",
        fix: "Set `endpoint: 0.0.0.0:13133`."
    )
    /// A receiver bound to loopback while others send to it.
    public static let collectorReceiverUnreachable = Rule(
        "collector/receiver-unreachable",
        .error,
        summary: "a receiver (or the prometheus exporter) listens on localhost while other containers or a published port send to it",
        rationale:
            "Since v0.104 the OTLP receiver defaults to localhost:4317/4318, which other containers and Docker's port publishing cannot reach: exporters get connection refused and telemetry is lost.",
        fix: "Set the endpoint to `0.0.0.0:PORT`."
    )
    /// memory_limiter not first.
    public static let collectorMemoryLimiterNotFirst = Rule(
        "collector/memory-limiter-not-first",
        .warning,
        summary: "`memory_limiter` is not the first processor of a pipeline",
        rationale:
            "Processors before it buffer data before the limiter can refuse it, so the collector can run out of memory; refused early, the exporter sees a retryable error instead.",
        fix: "Move `memory_limiter` to the front of `processors`."
    )
    /// `$VAR` environment syntax.
    public static let collectorBareEnvironmentVariable = Rule(
        "collector/bare-env-var",
        .warning,
        summary: "`$VAR` instead of `${env:VAR}`",
        rationale:
            "Since v0.107 the collector no longer expands `$VAR`: the value keeps the literal text (fine when meant literally, as in an OTTL string; a silent misconfiguration otherwise).",
        fix: "Write `${env:VAR}` (or `$$` for a literal dollar sign)."
    )

    // MARK: Compose

    /// A healthcheck its image cannot run.
    public static let composeHealthcheckNotRunnable = Rule(
        "compose/healthcheck-not-runnable",
        .error,
        summary: "a healthcheck runs a program the image does not contain (a shell or curl in a scratch image)",
        rationale: "The check can never pass: the container stays unhealthy and everything waiting for it never starts.",
        fix: "Probe from a sidecar that has the tool (busybox `wget`), or use a tool the image has."
    )
    /// An application depending on observability.
    public static let composeApplicationDependsOnObservability = Rule(
        "compose/app-depends-on-observability",
        .warning,
        summary: "an application service depends on an observability service",
        rationale: "When observability is down the application does not start; telemetry should degrade, not take the service with it.",
        fix: "Remove the dependency; OTLP exporters retry and drop when the collector is away."
    )
    /// depends_on without a health condition.
    public static let composeDependsOnNotHealthy = Rule(
        "compose/depends-on-not-healthy",
        .warning,
        summary: "`depends_on` without `condition: service_healthy`",
        rationale: "Compose starts the service as soon as the dependency's container starts, before it listens: early requests fail.",
        fix: "Use the long form with `condition: service_healthy`, and give the dependency a healthcheck."
    )
    /// The obsolete version key.
    public static let composeObsoleteVersion = Rule(
        "compose/obsolete-version",
        .warning,
        summary: "the top-level `version:` key",
        rationale: "Compose v2 ignores it and warns that it is obsolete.",
        fix: "Delete the `version:` line."
    )
    /// An unpinned image.
    public static let composeUnpinnedImage = Rule(
        "compose/unpinned-image",
        .warning,
        summary: "an image with no tag or with `latest`",
        rationale:
            "Each pull may bring another version: configuration valid today fails tomorrow, and checks cannot know which version's rules apply.",
        fix: "Pin a version tag (or a digest)."
    )
    /// An end-of-life image.
    public static let composeEndOfLifeImage = Rule(
        "compose/end-of-life-image",
        .error,
        summary: "an image whose project has reached end of life (Jaeger v1)",
        rationale: "It gets no fixes, and its configuration differs from the supported version.",
        fix: "Use the replacement named in the message."
    )
    /// A collector whose configuration file is not mounted.
    public static let composeCollectorConfigNotMounted = Rule(
        "compose/collector-config-not-mounted",
        .error,
        summary: "a collector service whose configuration file (its `--config`, or the image's default path) no volume mounts",
        rationale:
            "Without `--config` the collector silently runs the image's built-in default (OTLP in, debug out); with one it cannot start. Contrib reads /etc/otelcol-contrib/config.yaml, core /etc/otelcol/config.yaml.",
        fix: "Mount the file at the path the image reads, or point `--config` at the mount."
    )
    /// A bind mount whose source does not exist.
    public static let composeMissingMountSource = Rule(
        "compose/missing-mount-source",
        .error,
        summary: "a bind mount whose host path does not exist",
        rationale: "Docker creates an empty directory in its place: the container starts without its configuration.",
        fix: "Correct the path (it is relative to the compose file)."
    )

    // MARK: Prometheus

    /// A scrape target that misses the collector's exporter.
    public static let prometheusCollectorTargetMismatch = Rule(
        "prometheus/collector-target-mismatch",
        .error,
        summary: "no scrape target reaches the collector's prometheus exporter (service name and port)",
        rationale: "Prometheus scrapes nothing the service sends: every panel stays empty while the target looks fine or shows as down.",
        fix: "Scrape `SERVICE:PORT`, the collector's compose service and its prometheus exporter's port."
    )
    /// Missing honor_labels.
    public static let prometheusMissingHonorLabels = Rule(
        "prometheus/missing-honor-labels",
        .warning,
        summary: "the job scraping the collector has no `honor_labels: true`",
        rationale:
            "The exporter sets `job` and `instance` from each service's resource; without it Prometheus renames them `exported_job`/`exported_instance` and every series carries the collector's job instead.",
        fix: "Add `honor_labels: true` to the job."
    )

    // MARK: Dashboards against the service's metrics

    /// A metric a dashboard queries that the service does not emit.
    public static let dashboardUnknownMetric = Rule(
        "dashboard/unknown-metric",
        .error,
        summary: "a panel queries a metric the service does not emit under the collector's Prometheus naming",
        rationale: "The panel stays empty; usually a unit or `_total` suffix the naming adds, or an instrument that was renamed.",
        fix: "Use the name the message suggests (OTLP name → Prometheus name: dots to underscores, unit and `_total` suffixes)."
    )
    /// A counter used without rate.
    public static let dashboardCounterWithoutRate = Rule(
        "dashboard/counter-without-rate",
        .warning,
        summary: "a counter (`…_total`, or a histogram's `_bucket`/`_sum`/`_count`) used without `rate`/`increase`",
        rationale: "A counter's raw value only grows and drops to zero at each restart: the panel shows an ever-rising line, not a rate.",
        fix: "Wrap it: `rate(NAME[$__rate_interval])`."
    )

    /// All of them, in the order of the README.
    public static let all: [Rule] = [
        unreadable, duplicateKey,
        collectorRemovedComponent, collectorUnknownComponent, collectorDeprecatedName, collectorUnknownKey, collectorUndefinedComponent,
        collectorInvalidPipeline, collectorUnusedComponent, collectorExtensionNotEnabled, collectorHealthCheckMissing,
        collectorHealthCheckUnreachable, collectorReceiverUnreachable, collectorMemoryLimiterNotFirst, collectorBareEnvironmentVariable,
        composeHealthcheckNotRunnable, composeApplicationDependsOnObservability, composeDependsOnNotHealthy, composeObsoleteVersion,
        composeUnpinnedImage, composeEndOfLifeImage, composeCollectorConfigNotMounted, composeMissingMountSource,
        prometheusCollectorTargetMismatch, prometheusMissingHonorLabels,
        grafanaAPIVersion, grafanaWrappedDashboard, grafanaDashboardIdentity, grafanaDashboardUIDMissing, grafanaDuplicateUID, grafanaDuplicateTitle,
        grafanaAngularPanel, grafanaUnknownDatasource, grafanaDatasource, grafanaDatasourceUIDMissing, grafanaProviderPathNotMounted,
        dashboardUnknownMetric, dashboardCounterWithoutRate,
    ]
}
