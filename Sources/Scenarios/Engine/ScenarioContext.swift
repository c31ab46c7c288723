public import AsyncHTTPClient

/// What every scenario of a run shares: the HTTP client and the run's settings.
public struct ScenarioContext: Sendable {
    /// The client scenarios send requests with.
    public var client: HTTPClient
    /// The run's settings.
    public var settings: ScenarioSettings

    /// A context sending through `client`.
    public init(client: HTTPClient, settings: ScenarioSettings = ScenarioSettings()) {
        self.client = client
        self.settings = settings
    }
}

/// The limits the scenarios use, each with a default that suits the local driver.
public struct ScenarioSettings: Sendable {
    /// How long a scenario waits for what it polls for (health, scrapes, traces, data).
    public var pollTimeout: Duration = .seconds(30)
    /// The resilience budget: how much the p95 latency may grow while the collector is down,
    /// as a fraction (0.05 is 5 %).
    public var latencyBudget: Double = 0.05
    /// How long the demo service may take to stop after SIGTERM.
    public var shutdownBound: Duration = .seconds(10)
    /// How much the demo service's resident memory may grow over its healthy level while the
    /// collector is down.
    public var memoryGrowthLimit: Int = 64 << 20
    /// The resilience scenario's load: requests per second.
    public var requestRate: Double = 50
    /// The resilience scenario's length of one load segment (healthy or faulty).
    public var segmentDuration: Duration = .milliseconds(1500)
    /// The resilience scenario's healthy/faulty segment pairs per collector fault.
    public var segmentPairs: Int = 2

    /// The defaults.
    public init() {}
}
