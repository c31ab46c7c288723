import Synchronization

/// Tells the waits in progress that new telemetry arrived.
///
/// A source of telemetry (a ``TelemetryCapture``, the fake OTLP receiver) owns one and calls
/// ``signal()`` after each change; ``TelemetrySource/wait(for:timeout:until:)`` listens.
/// Signalling costs one atomic load while nobody waits.
public final class TelemetryChanges: Sendable {
    private struct Listener: Sendable {
        var id: Int
        var continuation: AsyncStream<Void>.Continuation
    }

    private let listeners = Mutex<(nextID: Int, all: [Listener])>((0, []))
    private let listenerCount = Atomic<Int>(0)

    /// Creates a notifier with no listeners.
    public init() {}

    /// Wakes every wait in progress to look at the telemetry again.
    public func signal() {
        guard listenerCount.load(ordering: .acquiring) > 0 else { return }
        let current = listeners.withLock { $0.all }
        for listener in current { listener.continuation.yield() }
    }

    /// A stream that yields after each ``signal()``, until `deadline` or until the returned
    /// cancel closure runs.
    func listen() -> (stream: AsyncStream<Void>, continuation: AsyncStream<Void>.Continuation, stop: @Sendable () -> Void) {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let id = listeners.withLock { state in
            state.nextID += 1
            state.all.append(Listener(id: state.nextID, continuation: continuation))
            return state.nextID
        }
        listenerCount.add(1, ordering: .releasing)
        return (
            stream, continuation,
            { [self] in
                listeners.withLock { $0.all.removeAll { $0.id == id } }
                listenerCount.subtract(1, ordering: .releasing)
            }
        )
    }
}
