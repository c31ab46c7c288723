import Synchronization

/// One instrument's values behind a lock of its own, so that recording into one instrument
/// never waits for another or for the capture's span and log storage.
final class InstrumentStorage: Sendable {
    let state: Mutex<MetricInstrument>

    init(_ instrument: MetricInstrument) {
        state = Mutex(instrument)
    }

    var snapshot: MetricInstrument { state.withLock { $0 } }
}
