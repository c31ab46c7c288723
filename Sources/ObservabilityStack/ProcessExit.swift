public import Foundation

/// The exit of a child process, awaitable, and a bounded way to end it: the one place where
/// the harness waits for processes (services, Prometheus, `docker compose`).
///
/// Create it before `Process.run()`: it installs the process's termination handler.
public final class ProcessExit: Sendable {
    private let exited: AsyncStream<Int32>
    private let pid: @Sendable () -> Int32

    /// Watches `process`, which must not have been started yet.
    public init(_ process: Process) {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .bufferingNewest(1))
        process.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
        exited = stream
        pid = { process.processIdentifier }
    }

    /// Waits for the exit and returns its status. A cancelled caller still waits: no process
    /// outlives the code that started it.
    public func wait() async -> Int32? {
        let exited = self.exited
        return await Task.detached {
            var status: Int32?
            for await code in exited { status = code }
            return status
        }.value
    }

    /// How ending the process went.
    public struct Stop: Sendable {
        /// The exit status; `nil` when it had to be killed at the deadline.
        public var status: Int32?
        /// From the first signal to the exit.
        public var took: Duration
    }

    /// Sends `signal` (SIGTERM by default) and waits for the exit; sends SIGKILL if it has not
    /// exited when `bound` passes.
    public func stop(signal: Int32 = SIGTERM, within bound: Duration) async -> Stop {
        let clock = ContinuousClock()
        let start = clock.now
        let pid = self.pid()
        kill(pid, signal)
        let status = await wait(killingAt: start.advanced(by: bound))
        return Stop(status: status.killed ? nil : status.code, took: clock.now - start)
    }

    /// Waits for the exit; sends SIGTERM at `deadline` and SIGKILL `grace` later, to the
    /// process, or with `wholeGroup` to its process group (Foundation starts each child in a
    /// group of its own, so this reaches what a wrapper script started too).
    public func wait(terminatingAt deadline: ContinuousClock.Instant, grace: Duration = .seconds(10), wholeGroup: Bool = false) async -> (code: Int32?, killed: Bool) {
        await wait(signals: [(deadline, SIGTERM), (deadline.advanced(by: grace), SIGKILL)], wholeGroup: wholeGroup)
    }

    private func wait(killingAt deadline: ContinuousClock.Instant) async -> (code: Int32?, killed: Bool) {
        await wait(signals: [(deadline, SIGKILL)])
    }

    /// Waits for the exit while a watchdog sends each signal at its deadline (cancelled at the
    /// exit); `killed` tells whether any was sent.
    private func wait(signals: [(deadline: ContinuousClock.Instant, signal: Int32)], wholeGroup: Bool = false) async -> (code: Int32?, killed: Bool) {
        let pid = wholeGroup ? -self.pid() : self.pid()
        let watchdog = Task.detached { () -> Bool in
            var sent = false
            for (deadline, signal) in signals {
                do { try await Task.sleep(until: deadline, clock: .continuous) } catch { return sent }  // a deadline, cancelled at the exit
                kill(pid, signal)
                sent = true
            }
            return sent
        }
        let code = await wait()
        watchdog.cancel()
        return (code, await watchdog.value)
    }
}
