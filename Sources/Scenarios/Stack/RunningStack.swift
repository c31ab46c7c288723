public import HarnessSupport

/// A stack brought up by a driver from a stack file: where its components and services answer,
/// and the controls the resilience scenario needs. ``tearDown()`` stops everything it started.
public protocol RunningStack: AnyObject, Sendable {
    /// The driver's name: `local`, `compose` or `external`.
    var driverName: String { get }
    /// Where the stack's components answer.
    var endpoints: StackEndpoints { get }
    /// Where each service under test answers, by the stack file's service name.
    var serviceURLs: [String: String] { get }

    /// Puts the collector, as the services' exporters see it, into `condition`.
    ///
    /// - Throws: ``ScenarioSkipped`` when the stack cannot produce the condition.
    func setCollector(_ condition: CollectorCondition) async throws

    /// Services the resilience scenario may load and stop: fresh copies of the stack's services
    /// where the driver can start them (the local driver), so that the stack's own keep running
    /// for the scenarios after it.
    ///
    /// - Throws: ``ScenarioSkipped`` when the driver cannot stop services.
    func disposableServices() async throws -> DisposableServices

    /// The logs of the stack's components, by component name, to save when a scenario fails.
    func componentLogs() async -> [String: String]

    /// Stops every process and container the driver started; safe to call more than once.
    func tearDown() async
}

/// Services started for one scenario, stopped by it (or by ``stopAll(within:)``).
public struct DisposableServices: Sendable {
    /// One service: where it answers and how it is watched and stopped.
    public struct Service: Sendable {
        /// Its name in the stack file.
        public var name: String
        /// Where it answers.
        public var url: String
        /// Its resident memory in bytes, when the driver can read it.
        public var residentMemory: @Sendable () -> Int?
        /// Sends SIGTERM (or the driver's equivalent) and waits up to the bound; `nil` when the
        /// driver cannot tell how it ended.
        public var stop: @Sendable (_ bound: Duration) async -> ChildProcess.Stop?
        /// What it printed, for a failure message.
        public var output: @Sendable () -> String

        /// A service as given.
        public init(
            name: String,
            url: String,
            residentMemory: @escaping @Sendable () -> Int?,
            stop: @escaping @Sendable (_ bound: Duration) async -> ChildProcess.Stop?,
            output: @escaping @Sendable () -> String
        ) {
            self.name = name
            self.url = url
            self.residentMemory = residentMemory
            self.stop = stop
            self.output = output
        }
    }

    /// The services, in start order.
    public var services: [Service]
    /// Brings the stack back to what it was after the services were stopped (the compose driver
    /// starts its containers again; fresh local copies need nothing).
    public var restore: @Sendable () async -> Void

    /// The services, in start order, and how the stack is restored after them.
    public init(services: [Service], restore: @escaping @Sendable () async -> Void = {}) {
        self.services = services
        self.restore = restore
    }

    /// Where each answers, by name.
    public var urls: [String: String] { Dictionary(uniqueKeysWithValues: services.map { ($0.name, $0.url) }) }

    /// Stops every service (callers first), each within `bound`.
    public func stopAll(within bound: Duration = .seconds(5)) async {
        for service in services.reversed() { _ = await service.stop(bound) }
    }
}

/// A way of starting stacks.
public protocol StackDriver: Sendable {
    /// The driver's name: `local`, `compose` or `external`.
    var name: String { get }

    /// Brings a stack up and returns once it is ready, its services included.
    ///
    /// - Throws: ``ScenarioSkipped`` when the driver cannot run here (for example, no Docker
    ///   engine answers), or an error naming the component that did not come up.
    func start() async throws -> any RunningStack
}
