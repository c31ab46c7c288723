public import CoreMetrics
import Synchronization
import TelemetryModel

/// A swift-metrics `MetricsFactory` whose instruments record into a ``TelemetryCapture``.
///
/// Values are mapped as swift-otel maps them, so assertions see what an OTLP backend would see:
/// counters are monotonic sums, meters gauges, timers histograms in seconds.
public struct CapturingMetricsFactory: MetricsFactory {
    let target: CaptureTarget

    /// Creates a factory that records into `capture`.
    public init(capture: TelemetryCapture) {
        self.init(target: .fixed(capture))
    }

    /// Creates a factory whose instruments record wherever `target` points at each call.
    init(target: CaptureTarget) {
        self.target = target
    }

    public func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        CapturedInstrumentHandler(target, label, dimensions, .counter)
    }

    public func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        CapturedInstrumentHandler(target, label, dimensions, .floatingPointCounter)
    }

    public func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        CapturedInstrumentHandler(target, label, dimensions, .meter)
    }

    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        CapturedInstrumentHandler(target, label, dimensions, .recorder(aggregate: aggregate))
    }

    public func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        CapturedInstrumentHandler(target, label, dimensions, .timer)
    }

    public func destroyCounter(_ handler: any CounterHandler) {}
    public func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {}
    public func destroyMeter(_ handler: any MeterHandler) {}
    public func destroyRecorder(_ handler: any RecorderHandler) {}
    public func destroyTimer(_ handler: any TimerHandler) {}
}

/// One handler type for every instrument kind; the capture keeps the values.
///
/// A handler either belongs to one capture, or (made by the process-wide routing factory or
/// inside a test's scope) looks up the running test's capture each time it records, remembering
/// the storage it found for the last capture it saw.
final class CapturedInstrumentHandler: CounterHandler, FloatingPointCounterHandler, MeterHandler, RecorderHandler,
    TimerHandler, Sendable
{
    let target: CaptureTarget
    let key: MetricKey
    let kind: MetricInstrument.Kind
    private let lastStorage: Mutex<LastStorage?>

    /// The storage found for the capture last recorded into, keyed by the capture's unique id
    /// (not its address, which a later capture may reuse; not a weak reference, which costs
    /// more than the recording itself).
    private struct LastStorage {
        var captureID: UInt64
        var storage: InstrumentStorage
    }

    init(_ target: CaptureTarget, _ label: String, _ dimensions: [(String, String)], _ kind: MetricInstrument.Kind) {
        let key = MetricKey(label: label, dimensions: dimensions, kind: kind)
        self.target = target
        self.key = key
        self.kind = kind
        // Created instruments show up (without data) in the capture they are made in.
        let capture = target.captureIfAny
        lastStorage = Mutex(capture.map { LastStorage(captureID: $0.id, storage: $0.storage(for: key, kind: kind)) })
    }

    private func update(_ body: (inout MetricInstrument) -> Void) {
        let capture = target.capture
        let storage = lastStorage.withLock { last in
            if let last, last.captureID == capture.id { return last.storage }
            let storage = capture.storage(for: key, kind: kind)
            last = LastStorage(captureID: capture.id, storage: storage)
            return storage
        }
        storage.state.withLock { body(&$0) }
        capture.changes.signal()
    }

    func increment(by amount: Int64) { update { $0.add(amount) } }
    func increment(by amount: Double) { update { $0.add(amount) } }
    func decrement(by amount: Double) { update { $0.add(-amount) } }
    func reset() { update { $0.reset() } }
    func set(_ value: Int64) { update { $0.set(Double(value)) } }
    func set(_ value: Double) { update { $0.set(value) } }

    func record(_ value: Int64) { record(Double(value)) }

    func record(_ value: Double) {
        switch kind {
        case .recorder(aggregate: false): update { $0.set(value) }
        default: update { $0.observe(value) }
        }
    }

    func recordNanoseconds(_ duration: Int64) {
        update { $0.observe(Double(duration) / 1e9) }
    }

    func preferDisplayUnit(_ unit: TimeUnit) {}
}
