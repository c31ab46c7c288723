/// The rules that reading the stack's files can break: files that cannot be read, and Grafana
/// provisioning as Grafana applies it. The checks above this module add their own rules in
/// extensions.
public enum ConfigRules {
    /// A file that cannot be read or parsed.
    public static let unreadable = Rule(
        "file/unreadable",
        .error,
        summary: "a file cannot be read, or is not valid YAML or JSON",
        rationale: "The component that loads it refuses to start, or skips the file without a word.",
        fix: "Fix the syntax at the line named.",
        severityReason:
            "The component that reads the file refuses it (or starts without it). A file that was only found by searching a folder, and whose name is not a stack file's, gets info: it is most likely not the stack's."
    )
    /// A key written twice.
    public static let duplicateKey = Rule(
        "file/duplicate-key",
        .error,
        summary: "a key is written twice in one mapping",
        rationale: "YAML parsers keep one of the two values (which one depends on the tool), so half of the configuration is silently ignored.",
        fix: "Merge the two entries into one.",
        severityReason: "The collector, Compose and Prometheus parse YAML strictly and refuse a mapping with a key written twice."
    )

    /// A provisioning file without apiVersion 1.
    public static let grafanaAPIVersion = Rule(
        "grafana/api-version",
        .error,
        summary: "a provisioning file without `apiVersion: 1`",
        rationale:
            "Grafana cannot read a provider file's `providers` without it (no dashboard appears); a datasource file it reads in the deprecated version-0 format.",
        fix: "Add `apiVersion: 1` at the top.",
        severityReason:
            "Grafana provisions none of a provider file's dashboards. A datasource file without it is read in the deprecated version-0 format: a warning."
    )
    /// A wrapped dashboard.
    public static let grafanaWrappedDashboard = Rule(
        "grafana/wrapped-dashboard",
        .error,
        summary: #"dashboard JSON wrapped as {"dashboard": {…}}"#,
        rationale: "The file provisioner reads the top level as the dashboard, finds no title and skips the file with only a log line.",
        fix: #"Save the inner object: the file must start with the dashboard itself ({"title": …, "panels": …})."#,
        severityReason: "The dashboard does not load; what it holds is checked too, as the dashboard it becomes once unwrapped."
    )
    /// A dashboard without uid or title, or with an invalid uid.
    public static let grafanaDashboardIdentity = Rule(
        "grafana/dashboard-identity",
        .error,
        summary: "a dashboard without a title, without a uid, or with a uid Grafana rejects",
        rationale:
            "Without a title Grafana skips it; without a uid it gets a new one each time and links break; a uid over 40 characters or outside [A-Za-z0-9_-] is rejected.",
        fix: "Give every dashboard a unique `title` and a short `uid`.",
        severityReason: "The dashboard does not load (no title, or a uid Grafana rejects)."
    )
    /// A dashboard without uid.
    public static let grafanaDashboardUIDMissing = Rule(
        "grafana/dashboard-uid-missing",
        .warning,
        summary: "a dashboard without a uid",
        rationale: "Grafana makes up a new uid each time it provisions the dashboard: links and alerts that point at it break.",
        fix: "Give the dashboard a short, unique `uid`.",
        severityReason: "The dashboard loads; Grafana's provisioning documentation asks for a uid so that links survive a new database."
    )
    /// Duplicate uid.
    public static let grafanaDuplicateUID = Rule(
        "grafana/duplicate-uid",
        .error,
        summary: "two dashboards with the same uid",
        rationale: "Grafana provisions one of them, and the providers involved lose database write permission.",
        fix: "Give each dashboard its own uid.",
        severityReason: "One of the two dashboards does not load."
    )
    /// Duplicate title.
    public static let grafanaDuplicateTitle = Rule(
        "grafana/duplicate-title",
        .error,
        summary: "two dashboards with the same title in one folder",
        rationale: "Grafana rejects all but one (`dashboard title is not unique in folder`).",
        fix: "Rename one, or provision them into different folders.",
        severityReason: "All but one of the dashboards do not load."
    )
    /// Angular panels.
    public static let grafanaAngularPanel = Rule(
        "grafana/angular-panel",
        .error,
        summary: "a removed Angular panel type (`graph`, `singlestat`, `table-old`, …)",
        rationale: "Grafana 12 removed Angular: the panel is migrated only in the browser (and never in the file), or not at all for plugins.",
        fix: "Use the replacement panel named in the message.",
        severityReason: "The panel does not load in Grafana 11 and later (Angular off, then removed)."
    )
    /// Datasource uid not provisioned.
    public static let grafanaUnknownDatasource = Rule(
        "grafana/unknown-datasource",
        .error,
        summary: "a panel uses a datasource uid that is not provisioned",
        rationale: "The panel shows `Datasource … was not found` and no data.",
        fix: "Use the uid of a provisioned datasource, or provision one with that uid.",
        severityReason:
            "The panel does not load its data (`Datasource … was not found`). Uids Grafana derives from a datasource's name count as provisioned."
    )
    /// Datasource problems.
    public static let grafanaDatasource = Rule(
        "grafana/datasource",
        .error,
        summary: "a datasource without a name or type, or a uid provisioned twice",
        rationale: "Grafana rejects the datasource, or one of the two with the same uid.",
        fix: "Give every datasource a name, a type and a unique uid.",
        severityReason: "Grafana refuses the datasource."
    )
    /// A datasource without uid.
    public static let grafanaDatasourceUIDMissing = Rule(
        "grafana/datasource-uid-missing",
        .info,
        summary: "a datasource without a uid",
        rationale:
            "Grafana derives one from the name (`P` and the SHA-256 of the name): dashboards that use it break when the datasource is renamed.",
        fix: "Give the datasource a `uid` and use it in the dashboards.",
        severityReason:
            "Grafana derives a stable uid from the name (`P` and the SHA-256 of the name); dashboards referring to it work: advice to write it down."
    )
    /// Provider path not mounted.
    public static let grafanaProviderPathNotMounted = Rule(
        "grafana/provider-path-not-mounted",
        .error,
        summary: "a provisioning folder or a dashboard provider's path is not mounted into the Grafana container",
        rationale: "Grafana reads an empty (or missing) folder: no dashboard appears, and nothing reports it.",
        fix: "Mount the host folder at the provider's `options.path` (or point the path at the mount).",
        severityReason: "No dashboard of the provider loads."
    )
}
