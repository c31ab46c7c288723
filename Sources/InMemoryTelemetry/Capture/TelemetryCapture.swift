import Synchronization
import TelemetryModel
public import TelemetryQueries

import struct Tracing.DefaultTracerClock
import protocol Tracing.TracerInstant

/// Everything one test's code emitted through swift-distributed-tracing, swift-metrics and
/// swift-log, recorded into the shared `TelemetryModel`.
///
/// A capture is made for you by ``withCapturedTelemetry(configuration:routingProcessWideSystems:_:)`` or the
/// `.capturingTelemetry` trait of TelemetryTesting and is current for that test's task tree
/// (``current``). Its ``tracer``, ``metricsFactory`` and ``logHandler(label:)`` can also be
/// passed to code explicitly.
public final class TelemetryCapture: TelemetrySource {
    /// The capture of the running test, if any: set for the task tree of a
    /// ``withCapturedTelemetry(configuration:routingProcessWideSystems:_:)`` call.
    @TaskLocal public static var current: TelemetryCapture?

    /// How spans, metrics and logs are stamped.
    public let configuration: CaptureConfiguration
    /// Unique within the process, never reused.
    let id: UInt64

    private static let lastID = Atomic<UInt64>(0)

    struct State {
        /// Spans in the model, converted from `finishedSpans` when the capture is read.
        var spans: [Span] = []
        var finishedSpans: [FinishedSpan] = []
        var logRecords: [LogRecord] = []
        var instruments: [MetricKey: InstrumentStorage] = [:]
        var instrumentOrder: [InstrumentStorage] = []
        var spansDropped = 0
        var logRecordsDropped = 0
    }

    let state = Mutex(State())
    /// Signalled after each recorded span, log record or metric value.
    public let changes = TelemetryChanges()

    /// Creates an empty capture.
    public init(configuration: CaptureConfiguration = CaptureConfiguration()) {
        self.configuration = configuration
        self.id = Self.lastID.add(1, ordering: .relaxed).newValue
    }

    /// A tracer that records finished spans here.
    public var tracer: CapturingTracer { CapturingTracer(capture: self) }

    /// A metrics factory whose instruments record here.
    public var metricsFactory: CapturingMetricsFactory { CapturingMetricsFactory(capture: self) }

    /// A log handler that records here.
    public func logHandler(label: String) -> CapturingLogHandler {
        CapturingLogHandler(label: label, capture: self)
    }

    /// What has been captured so far, as OTLP-shaped model values. Metric points are stamped
    /// with the time of this call, as an SDK stamps them at collection.
    public var data: TelemetryData {
        let (spans, logRecords, storages, droppedSpans, droppedLogRecords) = state.withLock { state in
            if !state.finishedSpans.isEmpty {
                state.spans.append(contentsOf: state.finishedSpans.map { $0.modelSpan })
                state.finishedSpans.removeAll(keepingCapacity: true)
            }
            return (state.spans, state.logRecords, state.instrumentOrder, state.spansDropped, state.logRecordsDropped)
        }
        let metrics = MetricInstrument.metrics(storages.map(\.snapshot), at: Tracing.DefaultTracerClock.now.nanosecondsSinceEpoch)
        return TelemetryData(
            traces: TracesData(
                resourceSpans: spans.isEmpty
                    ? []
                    : [
                        ResourceSpans(
                            resource: configuration.resource,
                            scopeSpans: [ScopeSpans(scope: configuration.scope, spans: spans)]
                        )
                    ]
            ),
            metrics: MetricsData(
                resourceMetrics: metrics.isEmpty
                    ? []
                    : [
                        ResourceMetrics(
                            resource: configuration.resource,
                            scopeMetrics: [ScopeMetrics(scope: configuration.scope, metrics: metrics)]
                        )
                    ]
            ),
            logs: LogsData(
                resourceLogs: logRecords.isEmpty
                    ? []
                    : [
                        ResourceLogs(
                            resource: configuration.resource,
                            scopeLogs: [ScopeLogs(scope: configuration.scope, logRecords: logRecords)]
                        )
                    ]
            ),
            droppedSpans: droppedSpans,
            droppedLogRecords: droppedLogRecords
        )
    }

    /// Forgets everything captured so far. Instruments that code still holds keep recording,
    /// starting again from zero.
    public func reset() {
        let storages = state.withLock { state in
            state.spans = []
            state.finishedSpans = []
            state.logRecords = []
            state.spansDropped = 0
            state.logRecordsDropped = 0
            return state.instrumentOrder
        }
        for storage in storages { storage.state.withLock { $0.reset() } }
    }

    // MARK: Recording

    func record(_ span: FinishedSpan) {
        state.withLock { state in
            if state.spans.count + state.finishedSpans.count < configuration.maximumSpans {
                state.finishedSpans.append(span)
            } else {
                state.spansDropped += 1
            }
        }
        changes.signal()
    }

    func record(_ record: LogRecord) {
        state.withLock { state in
            if state.logRecords.count < configuration.maximumLogRecords {
                state.logRecords.append(record)
            } else {
                state.logRecordsDropped += 1
            }
        }
        changes.signal()
    }

    /// The storage of the instrument `key`, made on first use.
    func storage(for key: MetricKey, kind: MetricInstrument.Kind) -> InstrumentStorage {
        state.withLock { state in
            if let storage = state.instruments[key] { return storage }
            let storage = InstrumentStorage(MetricInstrument(key: key, kind: kind, configuration: configuration))
            state.instruments[key] = storage
            state.instrumentOrder.append(storage)
            return storage
        }
    }
}
