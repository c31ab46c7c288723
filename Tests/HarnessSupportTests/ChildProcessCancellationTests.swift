import Foundation
import HarnessSupport
import Testing

/// A child process started by a task that is cancelled while it starts is still handed over,
/// so that its owner ends it, instead of running on unowned.
@Suite("Child processes and cancellation")
struct ChildProcessCancellationTests {
    @Test("a launch cancelled while the process starts returns the process, and dropping it ends it")
    func cancelledLaunch() async throws {
        var child: ChildProcess?
        do {
            // The task (and its copy of the result) is gone at the end of this block.
            let launch = Task { try await ChildProcess.launch(.name("sleep"), arguments: ["300"]) }
            launch.cancel()
            child = try await launch.value
        }
        let pid = try #require(child?.processIdentifier)
        #expect(child?.isRunning == true)
        child = nil
        try await poll("the dropped process is still running", within: .seconds(10), every: .milliseconds(20)) { () -> Observation<Void> in
            // Gone, or a zombie waiting to be reaped: either way no longer running.
            let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
            let running = status.map { !$0.contains("State:\tZ") } ?? false
            return running ? .notYet("pid \(pid) still runs") : .done(())
        }
    }
}
