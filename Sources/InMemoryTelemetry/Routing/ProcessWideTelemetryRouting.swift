import CoreMetrics
import Logging
import Synchronization
import Tracing

/// Routes the process-wide `InstrumentationSystem`, `MetricsSystem` and `LoggingSystem` to the
/// running test's ``TelemetryCapture``.
///
/// ``withCapturedTelemetry(configuration:routingProcessWideSystems:_:)`` sets swift-distributed-tracing's,
/// swift-metrics' and swift-log's task-local overrides, which cover code that asks for the tracer,
/// a metrics factory or `Logger.current` inside the test. Code that creates a `Logger(label:)`,
/// creates metrics before the test starts (a `static let` counter, a service built in a fixture)
/// or holds on to `InstrumentationSystem.tracer` goes through the process-wide systems instead.
/// ``bootstrap()`` installs, once per process, handlers that look up the current test's capture
/// each time they record, so that telemetry reaches the right test even when tests run in parallel.
///
/// What cannot be routed: work that does not inherit the test's task-locals, such as
/// `Task.detached`, a `DispatchQueue` or a thread of its own, or an event loop callback that
/// does not run inside the test's task. Such telemetry is counted in ``unroutedTelemetry``
/// instead of being recorded anywhere.
public enum ProcessWideTelemetryRouting {
    private static let bootstrapped = Mutex(false)

    /// A capture that keeps nothing and counts what reached no test.
    static let unrouted = TelemetryCapture(configuration: CaptureConfiguration(maximumSpans: 0, maximumLogRecords: 0))

    /// Whether ``bootstrap()`` has run in this process.
    public static var isBootstrapped: Bool { bootstrapped.withLock { $0 } }

    /// Bootstraps the three process-wide systems with routing handlers. Runs once per process;
    /// later calls do nothing.
    ///
    /// - Important: swift-distributed-tracing, swift-metrics and swift-log allow one bootstrap
    ///   per process. Do not call this in a test process that bootstraps them itself.
    public static func bootstrap() {
        // The systems are bootstrapped while the lock is held, so that a test that finds the flag
        // set also finds the routing handlers installed. Nothing in them calls back here.
        bootstrapped.withLock { done in
            guard !done else { return }
            InstrumentationSystem.bootstrap(CapturingTracer(target: .current))
            MetricsSystem.bootstrap(CapturingMetricsFactory(target: .current))
            LoggingSystem.bootstrap { label in CapturingLogHandler(label: label, target: .current) }
            done = true
        }
    }

    /// Spans and log records that were emitted outside any test's capture (for example from a
    /// `Task.detached`) and so were not recorded. Metrics recorded outside any test go to a
    /// process-wide sink that no test reads.
    public static var unroutedTelemetry: UnroutedTelemetry {
        let telemetry = unrouted.data
        return UnroutedTelemetry(spans: telemetry.droppedSpans, logRecords: telemetry.droppedLogRecords)
    }
}

/// Counts of telemetry that reached no test (see ``ProcessWideTelemetryRouting/unroutedTelemetry``).
public struct UnroutedTelemetry: Sendable, Hashable {
    /// Spans that ended outside any test's capture.
    public var spans: Int
    /// Log records emitted outside any test's capture.
    public var logRecords: Int
}
