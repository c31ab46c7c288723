public import Foundation

/// The five scenarios, in the order they run.
public enum ScenarioCatalog {
    /// Every scenario; the dashboard scenario reads Grafana's provisioning through `composeFile`.
    public static func all(composeFile: URL) -> [any Scenario] {
        [
            CollectorHealthScenario(),
            ScrapeScenario(),
            TraceFlowScenario(),
            ResilienceScenario(),
            DashboardProvisioningScenario(composeFile: composeFile),
        ]
    }
}
