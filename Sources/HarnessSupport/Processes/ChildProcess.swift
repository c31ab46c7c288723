public import Foundation
import Subprocess
import Synchronization

#if canImport(System)
import System
#else
import SystemPackage
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A process the harness started (a service under test, Prometheus, `docker compose`, an
/// exporter under test): the one place where the harness starts, watches and ends processes,
/// through swift-subprocess.
///
/// The child leads a session and process group of its own, so that ending it reaches whatever it
/// started (a wrapper script's children). Its standard output and error are kept, interleaved, up
/// to a limit. It ends when it exits by itself, when ``stop(signal:grace:)`` or
/// ``wait(terminatingAt:grace:)`` ends it (its group gets the signal, then `SIGKILL` after the
/// grace period), or with `SIGKILL` to its group when the last reference to it goes away. A
/// watchdog process kills the groups of the children still running when this process ends in
/// any way, even by `SIGKILL`.
public final class ChildProcess: Sendable {
    /// How a process ended.
    public enum Termination: Sendable, Hashable, CustomStringConvertible {
        /// It exited with this status.
        case exited(Int32)
        /// A signal ended it.
        case signalled(Int32)

        /// The exit status, or `nil` when a signal ended it.
        public var exitStatus: Int32? {
            if case .exited(let status) = self { status } else { nil }
        }

        /// Whether it exited with status 0.
        public var succeeded: Bool { self == .exited(0) }

        /// `exit status N` or `signal N`.
        public var description: String {
            switch self {
            case .exited(let status): "exit status \(status)"
            case .signalled(let signal): "signal \(signal)"
            }
        }
    }

    /// Why a process could not be started.
    public struct LaunchFailure: Error, CustomStringConvertible {
        /// The command, and what went wrong.
        public var description: String
    }

    /// What to run: a file, or a name looked up in `PATH`.
    public enum Executable: Sendable, CustomStringConvertible {
        /// The executable at this path.
        case path(String)
        /// The first executable of this name in the `PATH` of the child's environment.
        case name(String)

        /// The path or name.
        public var description: String {
            switch self {
            case .path(let path): path
            case .name(let name): name
            }
        }
    }

    /// The process's identifier, which is also its process group's.
    public let processIdentifier: Int32
    /// What was run.
    public let executable: Executable
    private let output: OutputBuffer
    private let requests: AsyncStream<[TeardownStep]>.Continuation
    private let ended: Task<Termination, Never>

    private init(
        processIdentifier: Int32,
        executable: Executable,
        output: OutputBuffer,
        requests: AsyncStream<[TeardownStep]>.Continuation,
        ended: Task<Termination, Never>
    ) {
        self.processIdentifier = processIdentifier
        self.executable = executable
        self.output = output
        self.requests = requests
        self.ended = ended
    }

    deinit {
        requests.yield([.send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .zero)])
        requests.finish()
        // Whatever it started and left in its group, once it has ended itself.
        kill(-processIdentifier, SIGKILL)
        ProcessGroupWatchdog.unregister(processIdentifier)
    }

    /// Sends `SIGKILL` to the process group of every child process not yet released, and returns
    /// how many there were: for a second interrupt, when there is no time left for a graceful
    /// teardown. (When this process ends in any other way, a watchdog process does the same.)
    @discardableResult
    public static func killAllRunning() -> Int {
        ProcessGroupWatchdog.killAll()
    }

    /// Starts `executable` with `arguments`, exactly `environment` as its environment, and
    /// `workingDirectory` (this process's when `nil`), keeping the last `outputLimit` bytes of
    /// what it prints.
    ///
    /// - Throws: ``LaunchFailure`` when it cannot be started (no such executable, not executable).
    public static func launch(
        _ executable: Executable,
        arguments: [String] = [],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: URL? = nil,
        outputLimit: Int = 8 << 20
    ) async throws -> ChildProcess {
        await ProcessGroupWatchdog.start()
        let output = OutputBuffer(limit: outputLimit)
        let (requestStream, requests) = AsyncStream.makeStream(of: [TeardownStep].self)
        let (started, startedContinuation) = AsyncStream.makeStream(of: Result<Int32, LaunchFailure>.self, bufferingPolicy: .bufferingNewest(1))

        var options = PlatformOptions()
        options.createSession = true
        // Ending the run (cancellation, or a failure inside it) kills the whole group.
        options.teardownSequence = [.send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .zero)]
        let platformOptions = options
        let subprocessExecutable: Subprocess.Executable =
            switch executable {
            case .path(let path): .path(FilePath(path))
            case .name(let name): .name(name)
            }
        // The owner mark, which whatever the child starts inherits: the watchdog finds them by it.
        var environment = environment
        environment[ProcessGroupWatchdog.ownerVariable] = ProcessGroupWatchdog.ownerToken
        let subprocessEnvironment = Environment.exactly(environment)
        let directory = workingDirectory.map { FilePath($0.path) }

        let ended = Task.detached { () -> Termination in
            do {
                let result = try await Subprocess.run(
                    subprocessExecutable,
                    arguments: Arguments(arguments),
                    environment: subprocessEnvironment,
                    workingDirectory: directory,
                    platformOptions: platformOptions,
                    input: .none,
                    output: .sequence,
                    error: .combinedWithOutput
                ) { execution in
                    ProcessGroupWatchdog.register(execution.processIdentifier.value)
                    startedContinuation.yield(.success(execution.processIdentifier.value))
                    startedContinuation.finish()
                    await withTaskGroup(of: Void.self) { group in
                        // The output ends when the process exits, even if something it started
                        // still holds the pipe.
                        group.addTask {
                            do {
                                for try await buffer in execution.standardOutput { buffer.withUnsafeBytes { output.append($0) } }
                            } catch {
                                output.append(note: "[reading the output failed: \(error)]")
                            }
                        }
                        group.addTask {
                            for await steps in requestStream { await execution.teardown(using: steps) }
                        }
                        await group.next()
                        requests.finish()
                        await group.waitForAll()
                    }
                }
                output.markEnded()
                switch result.terminationStatus {
                case .exited(let status): return .exited(status)
                case .signaled(let signal): return .signalled(signal)
                }
            } catch {
                output.markEnded()
                startedContinuation.yield(.failure(LaunchFailure(description: "cannot start \(executable): \(error)")))
                startedContinuation.finish()
                return .exited(127)
            }
        }
        // Waited for apart from the caller's cancellation: a caller cancelled while the process
        // starts still gets it (and ends it by dropping it), instead of leaving it running unowned.
        let launched = await Task {
            var launched: Result<Int32, LaunchFailure>?
            for await result in started { launched = result }
            return launched
        }.value
        switch launched {
        case .success(let pid)?:
            return ChildProcess(processIdentifier: pid, executable: executable, output: output, requests: requests, ended: ended)
        case .failure(let failure)?:
            throw failure
        case nil:
            throw LaunchFailure(description: "cannot start \(executable)")
        }
    }

    /// Whether it still runs.
    public var isRunning: Bool { !output.hasEnded }

    /// What it printed so far (standard output and error, interleaved), or its last part when it
    /// printed more than the limit.
    public var printed: String { output.text }

    /// Waits for it to end. A cancelled caller still waits: no process outlives the code that
    /// started it.
    public func wait() async -> Termination {
        await ended.value
    }

    /// How ending a process went.
    public struct Stop: Sendable {
        /// How it ended.
        public var termination: Termination
        /// From the first signal to the end.
        public var took: Duration
        /// Whether it was still running at the end of the grace period, and got `SIGKILL`.
        public var killed: Bool { termination == .signalled(SIGKILL) }

        /// A stop that ended with `termination` after `took`.
        public init(termination: Termination, took: Duration) {
            self.termination = termination
            self.took = took
        }
    }

    /// Sends `signal` (`SIGTERM` by default) to its process group and waits for it to end; sends
    /// `SIGKILL` to the group when it is still running `grace` later.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, grace: Duration) async -> Stop {
        let clock = ContinuousClock()
        let start = clock.now
        requests.yield([.send(signal: Signal(rawValue: signal), toProcessGroup: true, allowedDurationToNextStep: grace)])
        let termination = await wait()
        return Stop(termination: termination, took: clock.now - start)
    }

    /// Waits for it to end; at `deadline` sends `SIGTERM` to its group, and `SIGKILL` `grace`
    /// later. `timedOut` tells whether the deadline passed.
    public func wait(terminatingAt deadline: ContinuousClock.Instant, grace: Duration) async -> (termination: Termination, timedOut: Bool) {
        let requests = self.requests
        let watchdog = Task {
            guard (try? await Task.sleep(until: deadline, clock: .continuous)) != nil else { return false }
            requests.yield([.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: grace)])
            return true
        }
        let termination = await wait()
        watchdog.cancel()
        return (termination, await watchdog.value)
    }

    /// Sends `SIGKILL` to its process group: what it started and left running (a wrapper's
    /// children) ends too. Call it once the process has ended.
    public func killLeftovers() {
        kill(-processIdentifier, SIGKILL)
    }

    /// Its resident memory in bytes (`VmRSS` of `/proc/<pid>/status`), `nil` once it exited.
    public var residentMemory: Int? { memoryStatus("VmRSS") }

    /// The most resident memory it has had, in bytes (`VmHWM`, the high-water mark), `nil` once
    /// it exited.
    public var peakResidentMemory: Int? { memoryStatus("VmHWM") }

    /// A size in `/proc/<pid>/status` (given in kB there), in bytes.
    private func memoryStatus(_ key: String) -> Int? {
        guard isRunning else { return nil }
        return ProcessMemory.size(key, ofProcess: processIdentifier)
    }
}

/// The last `limit` bytes a process printed, and whether it has ended.
private final class OutputBuffer: Sendable {
    private let bytes = Mutex<[UInt8]>([])
    private let ended = Atomic<Bool>(false)
    private let limit: Int

    var hasEnded: Bool { ended.load(ordering: .acquiring) }

    func markEnded() { ended.store(true, ordering: .releasing) }

    init(limit: Int) { self.limit = max(0, limit) }

    func append(_ chunk: UnsafeRawBufferPointer) {
        bytes.withLock { bytes in
            bytes.append(contentsOf: chunk)
            if bytes.count > limit { bytes.removeFirst(bytes.count - limit) }
        }
    }

    func append(note: String) {
        Array(note.utf8).withUnsafeBytes { append($0) }
    }

    var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }
}
