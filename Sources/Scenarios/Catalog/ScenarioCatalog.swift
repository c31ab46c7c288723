/// The seven scenarios, in the order they run.
public enum ScenarioCatalog {
    /// Every scenario. Each reads what it checks from the stack file of the run.
    public static let all: [any Scenario] = [
        CollectorHealthScenario(),
        ScrapeScenario(),
        TraceFlowScenario(),
        PropagationScenario(),
        LogCorrelationScenario(),
        ResilienceScenario(),
        DashboardProvisioningScenario(),
    ]

    /// The names of every scenario, in order.
    public static var names: [String] { all.map(\.name) }
}
