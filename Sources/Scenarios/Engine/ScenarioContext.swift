public import AsyncHTTPClient
public import StackConfiguration

/// What every scenario of a run shares: the stack file, the HTTP client and the run's settings.
public struct ScenarioContext: Sendable {
    /// The stack file: the services, requests and expected telemetry.
    public var plan: StackFile
    /// The client scenarios send requests with (untraced: the requests carry the scenario's own
    /// trace context).
    public var client: HTTPClient
    /// The run's settings.
    public var settings: ScenarioSettings
    /// The traces the scenario starts, for the reports.
    public var ledger: TraceLedger

    /// A context for `plan`, sending through `client`.
    public init(plan: StackFile, client: HTTPClient, settings: ScenarioSettings = ScenarioSettings(), ledger: TraceLedger = TraceLedger()) {
        self.plan = plan
        self.client = client
        self.settings = settings
        self.ledger = ledger
    }

    /// A sender of the stack file's requests to `stack`'s services.
    func traffic(on stack: any RunningStack) -> TrafficSender {
        TrafficSender(serviceURLs: stack.serviceURLs, client: client, ledger: ledger)
    }
}

/// The limits the scenarios use, each with a default that suits the local driver.
public struct ScenarioSettings: Sendable {
    /// How long a scenario waits for what it polls for (health, scrapes, traces, data).
    public var pollTimeout: Duration = .seconds(30)
    /// Overrides of the stack file's resilience settings (from the command line), applied over
    /// it when set.
    public var resilienceOverrides = ResilienceOverrides()

    /// The defaults.
    public init() {}
}

/// Values that replace the stack file's resilience settings for one run.
public struct ResilienceOverrides: Sendable {
    /// How much the p95 latency may grow while the collector is down (0.05 is 5 %).
    public var latencyBudget: Double?
    /// How long each service may take to stop after SIGTERM.
    public var shutdownBound: Duration?
    /// Requests per second.
    public var rate: Double?
    /// One load segment's length.
    public var segment: Duration?
    /// Healthy/faulty segment pairs per fault, at least.
    public var pairs: Int?
    /// Healthy/faulty segment pairs per fault, at most.
    public var maximumPairs: Int?

    /// No overrides.
    public init() {}

    /// `settings` with these overrides applied.
    public func applied(to settings: ResilienceSettings) -> ResilienceSettings {
        var settings = settings
        if let latencyBudget { settings.latencyBudget = latencyBudget }
        if let shutdownBound { settings.shutdownBound = shutdownBound }
        if let rate { settings.rate = rate }
        if let segment { settings.segment = segment }
        if let pairs { settings.pairs = pairs }
        if let maximumPairs { settings.maximumPairs = maximumPairs }
        return settings
    }
}
