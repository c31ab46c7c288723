import ArgumentParser
@preconcurrency import Dispatch
import Foundation
import HarnessSupport
import Synchronization

/// Waits for one of the given process signals (SIGINT, SIGTERM).
///
/// The first signal is for a graceful end: ``wait()`` returns and the command tears down what
/// it started. A second one ends this process at once with status 130, after `SIGKILL` to the
/// process group of every child still running: it may skip the graceful part, never the kill.
///
/// Unchecked sendable: the dispatch sources are only kept alive after ``install(_:)``, never used.
final class ShutdownSignal: @unchecked Sendable {
    private let stream: AsyncStream<Int32>
    private let sources: [any DispatchSourceSignal]
    private let received: Received

    /// How many signals have arrived, shared with the signal handlers.
    private final class Received: Sendable {
        private let count = Mutex(0)

        /// Notes `arrivals` more; returns how many there are now.
        func note(_ arrivals: Int) -> Int {
            count.withLock { count in
                count += arrivals
                return count
            }
        }

        var hasArrived: Bool { count.withLock { $0 > 0 } }
    }

    private init(stream: AsyncStream<Int32>, sources: [any DispatchSourceSignal], received: Received) {
        self.stream = stream
        self.sources = sources
        self.received = received
    }

    static func install(_ signals: [Int32]) -> ShutdownSignal {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        let received = Received()
        let sources = signals.map { number in
            signal(number, SIG_IGN)  // handled by the dispatch source instead
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                // Signals that arrive before the handler runs are merged into one event; its data
                // says how many there were, so that a quick second Ctrl-C is not lost.
                if received.note(max(1, Int(source.data))) > 1 {
                    ChildProcess.killAllRunning()
                    exit(130)
                }
                FileHandle.standardError.write(
                    Data("otel-harness: stopping, tearing down what this run started (Ctrl-C again to kill it at once)\n".utf8)
                )
                continuation.yield(number)
            }
            source.resume()
            return source
        }
        return ShutdownSignal(stream: stream, sources: sources, received: received)
    }

    /// Returns when a signal arrives.
    func wait() async {
        for await _ in stream { return }
    }

    /// Whether a signal has arrived.
    var hasArrived: Bool { received.hasArrived }

    /// Runs `body` in a task that SIGINT or SIGTERM cancels, and returns its result and whether a
    /// signal cancelled it.
    ///
    /// - Throws: what `body` throws; `ExitCode(130)` instead when a signal cancelled it.
    static func cancellingOnInterrupt<Value: Sendable>(
        _ body: @escaping @Sendable () async throws -> Value
    ) async throws -> (value: Value, interrupted: Bool) {
        let signals = install([SIGINT, SIGTERM])
        let run = Task { try await body() }
        let watcher = Task {
            await signals.wait()
            run.cancel()
        }
        defer { watcher.cancel() }
        do {
            let value = try await run.value
            return (value, signals.hasArrived)
        } catch {
            guard signals.hasArrived else { throw error }
            FileHandle.standardError.write(Data("interrupted: \(error)\n".utf8))
            throw ExitCode(130)
        }
    }
}
