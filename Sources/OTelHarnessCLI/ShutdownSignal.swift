@preconcurrency import Dispatch
import Foundation
import Synchronization

/// Waits for one of the given process signals (SIGINT, SIGTERM).
final class ShutdownSignal {
    private let stream: AsyncStream<Int32>
    private let sources: [any DispatchSourceSignal]

    private init(stream: AsyncStream<Int32>, sources: [any DispatchSourceSignal]) {
        self.stream = stream
        self.sources = sources
    }

    static func install(_ signals: [Int32]) -> ShutdownSignal {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        let received = Mutex(false)
        let sources = signals.map { number in
            signal(number, SIG_IGN)  // handled by the dispatch source instead
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                // The first signal stops the receiver gracefully; a second one ends the process.
                if received.withLock({ value in
                    defer { value = true }
                    return value
                }) {
                    exit(130)
                }
                continuation.yield(number)
            }
            source.resume()
            return source
        }
        return ShutdownSignal(stream: stream, sources: sources)
    }

    /// Returns when a signal arrives.
    func wait() async {
        for await _ in stream { return }
    }
}
