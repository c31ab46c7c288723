import StackConfiguration

/// Dashboard queries against the metrics the service emits: names that exist, and counters
/// read through `rate`/`increase`.
enum DashboardMetricRules {
    /// Functions that read a counter correctly (or only count its series).
    static let counterFunctions: Set<String> = [
        "rate", "irate", "increase", "resets", "changes", "absent", "absent_over_time", "present_over_time", "count_over_time",
        "timestamp", "count", "group", "count_values",
    ]

    /// Panel types that plot a series over time, where a counter's raw value is an ever-rising
    /// line. A stat, gauge, bar gauge or table of a counter shows its running total, on purpose.
    static let timePanelTypes: Set<String> = ["timeseries", "graph", "barchart", "trend", "state-timeline", "status-history", "xychart"]

    static func plotsOverTime(_ panelType: String) -> Bool { timePanelTypes.contains(panelType) }

    /// Counters whose raw value is the point: uptimes and start times.
    static func isRunningTotal(_ name: String) -> Bool {
        name.contains("uptime") || name.contains("start_time")
    }

    /// Whether a name is a counter's without an inventory to say: `_total`, a histogram's
    /// `_bucket`, and `_sum`/`_count` only beside the same histogram's other series in the
    /// dashboard (a gauge may well be named `…_count`).
    static func looksLikeCounter(_ name: String, among names: Set<String>) -> Bool {
        if name.hasSuffix("_total") || name.hasSuffix("_bucket") { return true }
        for (suffix, siblings) in [("_count", ["_sum", "_bucket"]), ("_sum", ["_count", "_bucket"])] where name.hasSuffix(suffix) {
            let base = name.dropLast(suffix.count)
            return siblings.contains { names.contains(base + $0) }
        }
        return false
    }

    static func check(_ provisioning: GrafanaProvisioning, inventory: MetricInventory?) -> [Finding] {
        var findings: [Finding] = []
        let prometheusUIDs = Set(provisioning.datasources.filter { $0.type == "prometheus" }.flatMap { [$0.uid, $0.name] })
        for dashboard in provisioning.dashboards {
            let dashboardMetrics = Set(
                dashboard.panels.flatMap { $0.queries.flatMap { PromQL.selectors(in: PromQL.substitutingGrafanaVariables($0.expr)).map(\.name) } }
            )
            for panel in dashboard.panels {
                for query in panel.queries {
                    // Queries on another kind of datasource (Loki, Tempo, …) are not PromQL.
                    if let type = query.datasourceType, type != "prometheus" { continue }
                    if let uid = query.datasourceUID, !prometheusUIDs.isEmpty, !prometheusUIDs.contains(uid),
                        GrafanaProvisioning.variable(in: uid) == nil
                    {
                        continue
                    }
                    let expr = PromQL.substitutingGrafanaVariables(query.expr)
                    var reported = Set<String>()
                    for selector in PromQL.selectors(in: expr) {
                        let known = inventory?.series[selector.name]
                        // Names with a colon are recording rules', which no service emits.
                        if let inventory, known == nil, !selector.name.contains(":"), reported.insert(selector.name).inserted {
                            let suggestion = Suggestion.closest(to: selector.name, in: inventory.series.keys)
                            findings.append(
                                ConfigRules.dashboardUnknownMetric.finding(
                                    "panel \"\(panel.title)\" queries \(selector.name), which the service does not emit"
                                        + (suggestion.map { "; the closest series is \($0)" }
                                            ?? "; it emits \(inventory.instruments.count) instruments"),
                                    in: dashboard.fileName,
                                    at: query.location,
                                    fix: suggestion.map { "Query \($0) instead." }
                                )
                            )
                            continue
                        }
                        let isCounter = known.map { $0.kind == .counter } ?? Self.looksLikeCounter(selector.name, among: dashboardMetrics)
                        if isCounter, Self.plotsOverTime(panel.type), !Self.isRunningTotal(selector.name),
                            !selector.enclosingFunctions.contains(where: counterFunctions.contains), reported.insert(selector.name).inserted
                        {
                            findings.append(
                                ConfigRules.dashboardCounterWithoutRate.finding(
                                    "panel \"\(panel.title)\" uses the counter \(selector.name) without rate or increase"
                                        + (selector.enclosingFunctions.first.map { " (inside \($0))" } ?? ""),
                                    in: dashboard.fileName,
                                    at: query.location,
                                    fix: "Use `rate(\(selector.name)[$__rate_interval])`."
                                )
                            )
                        }
                    }
                }
            }
        }
        return findings
    }
}
