import TelemetryModel
import Synchronization

/// Everything one test's code emitted through swift-distributed-tracing, swift-metrics and
/// swift-log, recorded into the shared ``TelemetryModel``.
///
/// A capture is made for you by ``withCapturedTelemetry(configuration:_:)`` or the
/// ``Testing/Trait/capturingTelemetry`` trait and is current for that test's task tree
/// (``current``). Its ``tracer``, ``metricsFactory`` and ``logHandler(label:)`` can also be
/// passed to code explicitly.
public final class TelemetryCapture: Sendable {
    /// The capture of the running test, if any: set for the task tree of a
    /// ``withCapturedTelemetry(configuration:_:)`` call.
    @TaskLocal public static var current: TelemetryCapture?

    /// How spans, metrics and logs are stamped.
    public let configuration: CaptureConfiguration

    struct State {
        var spans: [Span] = []
        var logRecords: [LogRecord] = []
        var instruments: [MetricKey: MetricInstrument] = [:]
        var instrumentOrder: [MetricKey] = []
        var waiters: [Waiter] = []
        var spansDropped = 0
        var logRecordsDropped = 0
        var generation = 0
    }

    let state = Mutex(State())

    /// Creates an empty capture.
    public init(configuration: CaptureConfiguration = CaptureConfiguration()) {
        self.configuration = configuration
    }

    /// A tracer that records finished spans here.
    public var tracer: CapturingTracer { CapturingTracer(capture: self) }

    /// A metrics factory whose instruments record here.
    public var metricsFactory: CapturingMetricsFactory { CapturingMetricsFactory(capture: self) }

    /// A log handler that records here.
    public func logHandler(label: String) -> CapturingLogHandler {
        CapturingLogHandler(label: label, capture: self)
    }

    /// What has been captured so far, as OTLP-shaped model values.
    public var telemetry: CapturedTelemetry {
        state.withLock { state in
            CapturedTelemetry(
                traces: TracesData(resourceSpans: state.spans.isEmpty ? [] : [ResourceSpans(
                    resource: configuration.resource,
                    scopeSpans: [ScopeSpans(scope: configuration.scope, spans: state.spans)])]),
                metrics: MetricsData(resourceMetrics: state.instrumentOrder.isEmpty ? [] : [ResourceMetrics(
                    resource: configuration.resource,
                    scopeMetrics: [ScopeMetrics(
                        scope: configuration.scope,
                        metrics: MetricInstrument.metrics(state.instrumentOrder.map { state.instruments[$0]! }))])]),
                logs: LogsData(resourceLogs: state.logRecords.isEmpty ? [] : [ResourceLogs(
                    resource: configuration.resource,
                    scopeLogs: [ScopeLogs(scope: configuration.scope, logRecords: state.logRecords)])]),
                droppedSpans: state.spansDropped,
                droppedLogRecords: state.logRecordsDropped
            )
        }
    }

    /// Forgets everything captured so far. Instruments that code still holds keep recording,
    /// starting again from zero.
    public func reset() {
        state.withLock { state in
            state.spans = []
            state.logRecords = []
            for key in state.instrumentOrder { state.instruments[key]?.reset() }
            state.spansDropped = 0
            state.logRecordsDropped = 0
            state.generation += 1
        }
    }

    // MARK: Recording

    func record(_ span: Span) {
        let waiters = state.withLock { state -> [Waiter] in
            if state.spans.count < configuration.maximumSpans {
                state.spans.append(span)
            } else {
                state.spansDropped += 1
            }
            state.generation += 1
            return state.waiters
        }
        notify(waiters)
    }

    func record(_ record: LogRecord) {
        let waiters = state.withLock { state -> [Waiter] in
            if state.logRecords.count < configuration.maximumLogRecords {
                state.logRecords.append(record)
            } else {
                state.logRecordsDropped += 1
            }
            state.generation += 1
            return state.waiters
        }
        notify(waiters)
    }

    func recordMetric(_ key: MetricKey, kind: MetricInstrument.Kind, _ update: (inout MetricInstrument) -> Void) {
        let waiters = state.withLock { state -> [Waiter] in
            if state.instruments[key] == nil {
                state.instruments[key] = MetricInstrument(key: key, kind: kind, configuration: configuration)
                state.instrumentOrder.append(key)
            }
            update(&state.instruments[key]!)
            state.generation += 1
            return state.waiters
        }
        notify(waiters)
    }

    /// Registers an instrument so that it shows up (with no data) once created.
    func register(_ key: MetricKey, kind: MetricInstrument.Kind) {
        state.withLock { state in
            if state.instruments[key] == nil {
                state.instruments[key] = MetricInstrument(key: key, kind: kind, configuration: configuration)
                state.instrumentOrder.append(key)
            }
        }
    }
}
