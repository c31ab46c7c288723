/// A stack brought up by a driver: its endpoints, the demo service sending to it, and the
/// controls the resilience scenario needs. ``tearDown()`` stops everything it started.
public protocol RunningStack: AnyObject, Sendable {
    /// The driver's name: `local` or `compose`.
    var driverName: String { get }
    /// Where the stack's components answer.
    var endpoints: StackEndpoints { get }
    /// The environment a demo service needs to export to this stack's collector.
    var demoServiceEnvironment: [String: String] { get }
    /// How the demo service is started.
    var demoServiceLauncher: DemoServiceLauncher { get }

    /// Puts the collector, as the demo service's exporter sees it, into `condition`.
    ///
    /// - Throws: ``ScenarioSkipped`` when the stack cannot produce the condition.
    func setCollector(_ condition: CollectorCondition) async throws

    /// The logs of the stack's components, by component name, to save when a scenario fails.
    func componentLogs() async -> [String: String]

    /// Stops every process and container the driver started; safe to call more than once.
    func tearDown() async
}

/// A way of starting stacks.
public protocol StackDriver: Sendable {
    /// The driver's name: `local` or `compose`.
    var name: String { get }

    /// Brings a stack up and returns once it is ready, the demo service included.
    ///
    /// - Throws: ``ScenarioSkipped`` when the driver cannot run here (for example, no Docker
    ///   engine answers), or an error naming the component that did not come up.
    func start() async throws -> any RunningStack
}
