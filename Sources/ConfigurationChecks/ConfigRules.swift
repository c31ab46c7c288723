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
        fix: "Use the replacement named in the message.",
        severityReason:
            "The pinned collector refuses the configuration (`unknown type`). Without a pinned version the finding is a warning: an older collector still runs it, the documented upgrade breaks it."
    )
    /// A component the distribution does not ship.
    public static let collectorUnknownComponent = Rule(
        "collector/unknown-component",
        .error,
        summary: "a component type the collector distribution does not ship",
        rationale: "The collector refuses to start with `unknown type`.",
        fix: "Check the spelling, or use a distribution (or a custom build) that includes the component.",
        severityReason:
            "The distribution named by the image (or --collector-distribution) refuses it. When nothing names the distribution, a component that contrib lacks is no error (another distribution or a custom build may have it): only a name close to a contrib one is reported, as a warning."
    )
    /// A component that still loads but is deprecated.
    public static let collectorDeprecatedComponent = Rule(
        "collector/deprecated-component",
        .warning,
        summary: "a component that the pinned collector version deprecates (it still loads; a later version removes it)",
        rationale: "The collector starts and logs a deprecation; the upgrade that removes the component makes it refuse the configuration.",
        fix: "Use the replacement named in the message.",
        severityReason: "The collector starts; the documented removal in a later release makes it refuse the configuration."
    )
    /// A component name that still loads but is deprecated.
    public static let collectorDeprecatedName = Rule(
        "collector/deprecated-name",
        .info,
        summary: "a component type under a deprecated alias",
        rationale: "The collector still loads it but logs a deprecation warning; a later version will drop the alias.",
        fix: "Use the current name.",
        severityReason: "The alias still loads and no release has been announced that removes it: advice."
    )
    /// An unknown key in a well-known component.
    public static let collectorUnknownKey = Rule(
        "collector/unknown-key",
        .error,
        summary: "a key that a well-known component (or the file's top level) does not have",
        rationale: "The collector rejects unknown keys (`has invalid keys`) and does not start.",
        fix: "Remove the key or correct its spelling.",
        severityReason:
            "The collector refuses a key its component does not have (`has invalid keys`). Only components with a key schema are checked; a key removed in a later release than an unpinned collector may run is a warning."
    )
    /// A pipeline naming an undefined component.
    public static let collectorUndefinedComponent = Rule(
        "collector/undefined-component",
        .error,
        summary: "a pipeline or `service.extensions` names a component that is not defined",
        rationale: "The collector refuses to start: `references … which is not configured`.",
        fix: "Define the component in its section, or correct the name in the pipeline.",
        severityReason:
            "The collector refuses the configuration (`references … which is not configured`). When another collector file checked alongside defines the component, the configuration is taken for one split over several --config files: info."
    )
    /// A pipeline that cannot run.
    public static let collectorInvalidPipeline = Rule(
        "collector/invalid-pipeline",
        .error,
        summary: "a pipeline with an unknown signal, or without receivers or exporters",
        rationale: "The collector refuses to start; a configuration without pipelines receives nothing.",
        fix: "Name pipelines `traces`, `metrics`, `logs` or `profiles` (optionally `/name`), each with at least one receiver and one exporter.",
        severityReason: "The collector refuses a pipeline with an unknown signal, without receivers or exporters, or a one-sided connector."
    )
    /// A component defined but in no pipeline.
    public static let collectorUnusedComponent = Rule(
        "collector/unused-component",
        .warning,
        summary: "a receiver, processor, exporter or connector that no pipeline uses",
        rationale: "The collector ignores it: whatever it was meant to do does not happen.",
        fix: "Add it to a pipeline, or delete it.",
        severityReason:
            "The collector starts and ignores the component; its documentation enables components only through pipelines, so a configured but unused one is dead configuration, almost always a mistake. For a file no compose service runs, the command may add it with more --config sources: info."
    )
    /// An extension not enabled.
    public static let collectorExtensionNotEnabled = Rule(
        "collector/extension-not-enabled",
        .warning,
        summary: "an extension is defined but not listed in `service.extensions`",
        rationale: "The collector does not start an extension that is only defined.",
        fix: "Add it to `service.extensions`.",
        severityReason:
            "The collector starts without the extension; its documentation enables extensions only through `service.extensions`. For a file no compose service runs: info, as for unused components."
    )
    /// A health probe without a health_check extension.
    public static let collectorHealthCheckMissing = Rule(
        "collector/health-check-missing",
        .error,
        summary: "something probes the collector's port 13133 but the `health_check` extension is not enabled",
        rationale: "Nothing listens on 13133: the probe fails and the collector is reported unhealthy forever (and what depends on it never starts).",
        fix: "Define `extensions: health_check: endpoint: 0.0.0.0:13133` and list it in `service.extensions`.",
        severityReason: "The probe can never pass: the service stays unhealthy and what waits for it never starts."
    )
    /// A health_check bound to loopback while probed from outside.
    public static let collectorHealthCheckUnreachable = Rule(
        "collector/health-check-unreachable",
        .error,
        summary: "the `health_check` extension listens on localhost while it is probed from another container or a published port",
        rationale: "Since v0.104 server endpoints default to localhost, which other containers and Docker's port publishing cannot reach.",
        fix: "Set `endpoint: 0.0.0.0:13133`.",
        severityReason: "The probe, coming from outside the container, can never reach a loopback listener."
    )
    /// A receiver bound to loopback while others send to it.
    public static let collectorReceiverUnreachable = Rule(
        "collector/receiver-unreachable",
        .error,
        summary: "a receiver (or the prometheus exporter) listens on localhost while other containers or a published port send to it",
        rationale:
            "Since v0.104 the OTLP receiver defaults to localhost:4317/4318, which other containers and Docker's port publishing cannot reach: exporters get connection refused and telemetry is lost.",
        fix: "Set the endpoint to `0.0.0.0:PORT`.",
        severityReason: "Senders in other containers get connection refused: the telemetry does not arrive."
    )
    /// memory_limiter not first.
    public static let collectorMemoryLimiterNotFirst = Rule(
        "collector/memory-limiter-not-first",
        .warning,
        summary: "`memory_limiter` is not the first processor of a pipeline",
        rationale:
            "Processors before it buffer data before the limiter can refuse it, so the collector can run out of memory; refused early, the exporter sees a retryable error instead.",
        fix: "Move `memory_limiter` to the front of `processors`.",
        severityReason: "The pipeline works; the memory_limiter's documentation says it must be the first processor to protect the collector."
    )
    /// `$VAR` environment syntax.
    public static let collectorBareEnvironmentVariable = Rule(
        "collector/bare-env-var",
        .warning,
        summary: "`$VAR` instead of `${env:VAR}`",
        rationale:
            "Since v0.107 the collector no longer expands `$VAR`: the value keeps the literal text (fine when meant literally, as in an OTTL string; a silent misconfiguration otherwise).",
        fix: "Write `${env:VAR}` (or `$$` for a literal dollar sign).",
        severityReason:
            "The collector starts; since v0.107 the text stays literal, which is a silent misconfiguration when a variable was meant and fine when the dollar sign is literal (an OTTL string): the checker cannot tell which."
    )

    // MARK: Compose

    /// A healthcheck its image cannot run.
    public static let composeHealthcheckNotRunnable = Rule(
        "compose/healthcheck-not-runnable",
        .error,
        summary: "a healthcheck runs a program the image does not contain (a shell or curl in a scratch image)",
        rationale: "The check can never pass: the container stays unhealthy and everything waiting for it never starts.",
        fix: "Probe from a sidecar that has the tool (busybox `wget`), or use a tool the image has.",
        severityReason: "The healthcheck can never run: the container stays unhealthy and its dependants never start."
    )
    /// An application depending on observability.
    public static let composeApplicationDependsOnObservability = Rule(
        "compose/app-depends-on-observability",
        .warning,
        summary: "an application service depends on an observability service (a warning when it waits for its health)",
        rationale:
            "With `condition: service_healthy` the application does not start while observability is down or unhealthy; telemetry should degrade, not take the service with it.",
        fix: "Remove the dependency; OTLP exporters retry and drop when the collector is away.",
        severityReason:
            "Waiting for observability's health (`condition: service_healthy`): the stack starts while observability is up, against the documented practice that telemetry must never take the application down (OpenTelemetry's error-handling principle). A plain start order only starts observability along: info."
    )
    /// depends_on without a health condition.
    public static let composeDependsOnNotHealthy = Rule(
        "compose/depends-on-not-healthy",
        .info,
        summary: "`depends_on` without `condition: service_healthy`",
        rationale: "Compose starts the service as soon as the dependency's container starts, before it listens: early requests fail.",
        fix: "Use the long form with `condition: service_healthy`, and give the dependency a healthcheck.",
        severityReason: "Whether the early start hurts depends on whether the dependant retries, which the checker cannot see: advice."
    )
    /// The obsolete version key.
    public static let composeObsoleteVersion = Rule(
        "compose/obsolete-version",
        .warning,
        summary: "the top-level `version:` key",
        rationale: "Compose v2 ignores it and warns that it is obsolete.",
        fix: "Delete the `version:` line.",
        severityReason: "Compose ignores the key and warns that it is obsolete (Compose specification)."
    )
    /// An unpinned image.
    public static let composeUnpinnedImage = Rule(
        "compose/unpinned-image",
        .warning,
        summary: "an image with no tag or with `latest`",
        rationale:
            "Each pull may bring another version: configuration valid today fails tomorrow, and checks cannot know which version's rules apply.",
        fix: "Pin a version tag (or a digest).",
        severityReason: "It works today; the next pull may bring a release whose documented changes break the configuration."
    )
    /// An end-of-life image.
    public static let composeEndOfLifeImage = Rule(
        "compose/end-of-life-image",
        .warning,
        summary: "an image whose project has reached end of life (Jaeger v1)",
        rationale: "It gets no fixes, and its configuration differs from the supported version.",
        fix: "Use the replacement named in the message.",
        severityReason: "The image still runs; its project documents the end of life and the migration."
    )
    /// A collector whose configuration file is not mounted.
    public static let composeCollectorConfigNotMounted = Rule(
        "compose/collector-config-not-mounted",
        .error,
        summary: "a collector service whose configuration file (its `--config`, or the image's default path) no volume mounts",
        rationale:
            "Without `--config` the collector silently runs the image's built-in default (OTLP in, debug out); with one it cannot start. Contrib reads /etc/otelcol-contrib/config.yaml, core /etc/otelcol/config.yaml.",
        fix: "Mount the file at the path the image reads, or point `--config` at the mount.",
        severityReason:
            "The collector does not start (a --config file that is not there, an image without a default), or runs the image's default instead of the configuration written."
    )
    /// A bind mount whose source does not exist.
    public static let composeMissingMountSource = Rule(
        "compose/missing-mount-source",
        .error,
        summary: "a bind mount whose host path (in the project) does not exist",
        rationale:
            "Docker creates an empty directory in its place: a container that reads a file there starts without it; a long-syntax mount without `create_host_path` is refused.",
        fix: "Correct the path (it is relative to the compose file).",
        severityReason:
            "For a file the container reads, Compose creates an empty folder in its place (or, for a long-syntax mount, refuses it). A missing folder is created empty, as output and data folders are meant to be: info. Paths outside the project belong to the host: not checked."
    )

    // MARK: Prometheus

    /// A scrape target that misses the collector's exporter.
    public static let prometheusCollectorTargetMismatch = Rule(
        "prometheus/collector-target-mismatch",
        .error,
        summary: "no scrape target reaches the collector's prometheus exporter (service name and port)",
        rationale: "Prometheus scrapes nothing the service sends: every panel stays empty while the target looks fine or shows as down.",
        fix: "Scrape `SERVICE:PORT`, the collector's compose service and its prometheus exporter's port.",
        severityReason: "The scrape target cannot be reached: nothing the service sends is scraped."
    )
    /// Missing honor_labels.
    public static let prometheusMissingHonorLabels = Rule(
        "prometheus/missing-honor-labels",
        .info,
        summary: "the job scraping the collector has no `honor_labels: true`",
        rationale:
            "The exporter sets `job` and `instance` from each service's resource; without it Prometheus renames them `exported_job`/`exported_instance` and every series carries the collector's job instead.",
        fix: "Add `honor_labels: true` to the job.",
        severityReason: "Everything is scraped; only the labels differ from what the service set: advice."
    )

    // MARK: Dashboards against the service's metrics

    /// A metric a dashboard queries that the service does not emit.
    public static let dashboardUnknownMetric = Rule(
        "dashboard/unknown-metric",
        .error,
        summary: "a panel queries a metric the service does not emit under the collector's Prometheus naming",
        rationale: "The panel stays empty; usually a unit or `_total` suffix the naming adds, or an instrument that was renamed.",
        fix: "Use the name the message suggests (OTLP name → Prometheus name: dots to underscores, unit and `_total` suffixes).",
        severityReason: "The panel shows no data."
    )
    /// A counter used without rate.
    public static let dashboardCounterWithoutRate = Rule(
        "dashboard/counter-without-rate",
        .warning,
        summary:
            "a counter (`…_total`, or a histogram's `_bucket`, `_sum`/`_count` beside its other series) plotted over time without `rate`/`increase`",
        rationale: "A counter's raw value only grows and drops to zero at each restart: the panel shows an ever-rising line, not a rate.",
        fix: "Wrap it: `rate(NAME[$__rate_interval])`.",
        severityReason:
            "The panel shows data, against Prometheus's documented practice of reading counters through rate or increase. Stat, gauge and table panels, uptimes and start times show running totals on purpose: not reported."
    )

    // MARK: Suppressions

    /// A suppression that silences nothing.
    public static let suppressionUnused = Rule(
        "suppression/unused",
        .warning,
        summary: "a suppression (in the suppressions file or an inline comment) that matches no finding",
        rationale:
            "The finding it was written for is gone, or the rule, file or line is wrong: it hides nothing today and may hide a new finding tomorrow.",
        fix: "Delete it, or correct its rule, file or line.",
        severityReason:
            "A suppression that matches nothing hides nothing today and may hide a new finding tomorrow: the documented practice of linters is to report it."
    )
    /// A suppression that cannot be read.
    public static let suppressionInvalid = Rule(
        "suppression/invalid",
        .warning,
        summary: "a suppression without a rule, a place or a reason",
        rationale: "Suppressions need a reason, so that the next reader knows why the finding is accepted; one without is not applied.",
        fix: "Write `rule file[:line] reason` in the suppressions file, or `# otel-harness-ignore RULE: reason` in the YAML file.",
        severityReason: "A suppression without a rule, a place or a reason is not applied; the stack is unaffected."
    )

    /// All of them, in the order of the README.
    public static let all: [Rule] = [
        unreadable, duplicateKey,
        collectorRemovedComponent, collectorUnknownComponent, collectorDeprecatedComponent, collectorDeprecatedName, collectorUnknownKey,
        collectorUndefinedComponent,
        collectorInvalidPipeline, collectorUnusedComponent, collectorExtensionNotEnabled, collectorHealthCheckMissing,
        collectorHealthCheckUnreachable, collectorReceiverUnreachable, collectorMemoryLimiterNotFirst, collectorBareEnvironmentVariable,
        composeHealthcheckNotRunnable, composeApplicationDependsOnObservability, composeDependsOnNotHealthy, composeObsoleteVersion,
        composeUnpinnedImage, composeEndOfLifeImage, composeCollectorConfigNotMounted, composeMissingMountSource,
        prometheusCollectorTargetMismatch, prometheusMissingHonorLabels,
        grafanaAPIVersion, grafanaWrappedDashboard, grafanaDashboardIdentity, grafanaDashboardUIDMissing, grafanaDuplicateUID, grafanaDuplicateTitle,
        grafanaAngularPanel, grafanaUnknownDatasource, grafanaDatasource, grafanaDatasourceUIDMissing, grafanaProviderPathNotMounted,
        dashboardUnknownMetric, dashboardCounterWithoutRate,
        suppressionUnused, suppressionInvalid,
    ]
}
