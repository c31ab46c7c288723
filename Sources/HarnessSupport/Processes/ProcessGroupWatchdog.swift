import Foundation
import Subprocess
import Synchronization

#if canImport(System)
import System
#else
import SystemPackage
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process groups of the children still running, and a watchdog process that sends them
/// `SIGKILL` when this process ends, however it ends: a crash, `exit`, or a `SIGKILL` that runs no
/// code here.
///
/// The watchdog is `/bin/sh` in a session of its own (a Ctrl-C in the terminal does not reach it),
/// reading `+GROUP` and `-GROUP` lines from a socket whose other end only this process holds (it is
/// close-on-exec, and swift-subprocess closes every other descriptor in the children it starts).
/// When this process ends, the kernel closes that end; the watchdog reads end-of-file, kills every
/// group still listed and exits.
///
/// A child that a wrapper moved to a group of its own, or one started in the instant before its
/// group was listed, is found another way: every child gets ``ownerVariable`` set to this
/// process's ``ownerToken`` in its environment, which what it starts inherits, and the watchdog
/// also kills every process whose environment holds it.
///
/// Not a parent-death signal (`PR_SET_PDEATHSIG`, `setpriv --pdeathsig KILL`): that reaches only
/// the direct child, not what a wrapper script or `opentelemetry-instrument` starts, and it fires
/// when the *thread* that started the child exits, and the threads of Swift's cooperative pool
/// come and go while the child should live on.
enum ProcessGroupWatchdog {
    private struct State {
        var groups: Set<Int32> = []
        /// This process's end of the watchdog's socket, once the watchdog runs.
        var socket: Int32?
    }

    private static let state = Mutex(State())

    /// The environment variable that marks this process's children (and theirs).
    static let ownerVariable = "HARNESS_OWNER_TOKEN"
    /// This process's mark: unique to this run of it.
    static let ownerToken = "\(getpid())-\(UInt64.random(in: 0 ... .max))"

    /// Starts the watchdog once; `nil` when it could not be started (the children are then still
    /// ended by ``ChildProcess``'s own teardown, only not after a `SIGKILL` of this process).
    private static let started: Task<Int32?, Never> = Task.detached {
        var ends: [Int32] = [-1, -1]
        #if canImport(Glibc)
        let socketType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
        let socketType = SOCK_STREAM
        #endif
        guard socketpair(AF_UNIX, socketType, 0, &ends) == 0 else { return nil }
        let (ours, theirs) = (ends[0], ends[1])
        #if canImport(Darwin)
        var one: Int32 = 1
        setsockopt(ours, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        let (spawned, spawnedContinuation) = AsyncStream.makeStream(of: Bool.self, bufferingPolicy: .bufferingNewest(1))
        Task.detached {
            var options = PlatformOptions()
            options.createSession = true
            // The watchdog itself carries no owner mark: a watchdog above this process must not
            // kill it before it has done its work.
            var environment = ProcessInfo.processInfo.environment
            environment[ownerVariable] = nil
            do {
                _ = try await Subprocess.run(
                    .path("/bin/sh"),
                    arguments: ["-c", script, "watchdog", ownerToken],
                    environment: .exactly(environment),
                    platformOptions: options,
                    input: .fileDescriptor(FileDescriptor(rawValue: theirs), closeAfterSpawningProcess: true),
                    output: .discarded,
                    error: .discarded
                ) { _ in
                    spawnedContinuation.yield(true)
                    spawnedContinuation.finish()
                }
            } catch {
                spawnedContinuation.yield(false)
                spawnedContinuation.finish()
            }
            // The watchdog ended (somebody killed it): nothing guards the groups any more.
            state.withLock { $0.socket = nil }
        }
        for await running in spawned where running {
            state.withLock { $0.socket = ours }
            return ours
        }
        close(ours)
        return nil
    }

    /// The watchdog: collects the listed groups; at end-of-file kills them, and every process
    /// whose environment holds the owner mark (`$1`).
    private static let script = """
        groups=' '
        while IFS= read -r line; do
          case $line in
            +*) groups="$groups${line#+} " ;;
            -*) id=${line#-}; case $groups in *" $id "*) groups="${groups%% $id *} ${groups#* $id }" ;; esac ;;
          esac
        done
        for id in $groups; do kill -9 -"$id" 2>/dev/null; done
        for file in /proc/[0-9]*/environ; do
          if grep -qzx "\(ownerVariable)=$1" "$file" 2>/dev/null; then
            pid=${file#/proc/}; kill -9 "${pid%/environ}" 2>/dev/null
          fi
        done
        """

    /// Makes sure the watchdog runs before a child is started.
    static func start() async {
        _ = await started.value
    }

    /// Lists `group` (a child's process group) with the watchdog.
    static func register(_ group: Int32) {
        state.withLock { state in
            state.groups.insert(group)
            write("+\(group)\n", to: state.socket)
        }
    }

    /// Removes `group` from the list, once it has been ended.
    static func unregister(_ group: Int32) {
        state.withLock { state in
            guard state.groups.remove(group) != nil else { return }
            write("-\(group)\n", to: state.socket)
        }
    }

    /// Sends `SIGKILL` to every listed group and every process with this process's owner mark
    /// now, and returns how many groups and processes there were.
    @discardableResult
    static func killAll() -> Int {
        let groups = state.withLock { state in
            for group in state.groups { kill(-group, SIGKILL) }
            return state.groups.count
        }
        let marked = ProcessTable.processes(withEnvironmentEntry: "\(ownerVariable)=\(ownerToken)")
        for pid in marked { kill(pid, SIGKILL) }
        return groups + marked.count
    }

    /// One short line, written whole (well under the socket's buffer), never raising `SIGPIPE`
    /// when the watchdog is gone.
    private static func write(_ line: String, to socket: Int32?) {
        guard let socket else { return }
        #if canImport(Glibc)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        var line = line
        _ = line.withUTF8 { send(socket, $0.baseAddress, $0.count, flags) }
    }
}
