import StackConfiguration

/// Dashboard queries against the metrics the service emits: names that exist, and counters
/// read through `rate`/`increase`.
enum DashboardMetricRules {
    /// Functions that read a counter correctly (or only count its series).
    static let counterFunctions: Set<String> = [
        "rate", "irate", "increase", "resets", "changes", "absent", "absent_over_time", "present_over_time", "count_over_time",
        "timestamp", "count", "group", "count_values",
    ]

    static func check(_ provisioning: GrafanaProvisioning, inventory: MetricInventory?) -> [Finding] {
        var findings: [Finding] = []
        let prometheusUIDs = Set(provisioning.datasources.filter { $0.type == "prometheus" }.flatMap { [$0.uid, $0.name] })
        for dashboard in provisioning.dashboards {
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
                        let isCounter =
                            known.map { $0.kind == .counter }
                            ?? ["_total", "_bucket", "_count", "_sum"].contains { selector.name.hasSuffix($0) }
                        if isCounter, !selector.enclosingFunctions.contains(where: counterFunctions.contains), reported.insert(selector.name).inserted
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
