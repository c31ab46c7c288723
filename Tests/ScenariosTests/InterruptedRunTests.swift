import Foundation
import HarnessSupport
import HarnessTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `otel-harness scenarios` and `otel-harness bench` interrupted the ways a user or a CI runner
/// interrupts them (Ctrl-C once, Ctrl-C twice, SIGTERM, SIGKILL) at three moments each: nothing
/// they started (services under test, Prometheus, the watchdog) may remain running or listening.
///
/// Every run carries a marker in its environment, which whatever it starts inherits; after the
/// harness has ended, no process with the marker may remain.
@Suite("Interrupted runs leave no process behind", .serialized)
struct InterruptedRunTests {
    enum Interruption: String, CaseIterable, CustomTestStringConvertible {
        case interruptOnce = "SIGINT"
        case interruptTwice = "SIGINT twice"
        case terminate = "SIGTERM"
        case kill = "SIGKILL"

        var testDescription: String { rawValue }

        func deliver(to harness: ChildProcess) async {
            let pid = harness.processIdentifier
            switch self {
            case .interruptOnce: Glibc.kill(pid, SIGINT)
            case .interruptTwice:
                Glibc.kill(pid, SIGINT)
                // The second Ctrl-C of an impatient user, once the first one's teardown has begun.
                try? await poll("the first SIGINT was not taken", within: .seconds(30), every: .milliseconds(10)) { () -> Observation<Void> in
                    harness.printed.contains("Ctrl-C again") || !harness.isRunning ? .done(()) : .notYet("no teardown yet")
                }
                Glibc.kill(pid, SIGINT)
            case .terminate: Glibc.kill(pid, SIGTERM)
            case .kill: Glibc.kill(pid, SIGKILL)
            }
        }
    }

    /// When to interrupt: a service of the run is starting, a line of progress appeared.
    enum Moment: CustomTestStringConvertible {
        case childStarted(named: String)
        case printed(String)

        var testDescription: String {
            switch self {
            case .childStarted(let name): "once \(name) runs"
            case .printed(let text): "after “\(text)”"
            }
        }
    }

    static let scenarioMoments: [Moment] = [
        .childStarted(named: "DemoService"), .printed("stack is up"), .printed("running trace-flow"),
    ]
    static let benchMoments: [Moment] = [
        .childStarted(named: "DemoService"), .printed("warm-up round 1 done"), .printed("round 2 ("),
    ]

    @Test("otel-harness scenarios", arguments: Interruption.allCases, scenarioMoments)
    func scenarios(_ interruption: Interruption, at moment: Moment) async throws {
        try await interrupt(
            [
                "scenarios", "--file", Repository.file("Fixtures/demo.stack.yaml").path, "--only", "scrape", "--only", "trace-flow",
                "--logs", Self.scratch("logs"), "--junit", Self.scratch("junit.xml"),
            ],
            with: interruption,
            at: moment
        )
    }

    @Test("otel-harness bench", arguments: Interruption.allCases, benchMoments)
    func bench(_ interruption: Interruption, at moment: Moment) async throws {
        try await interrupt(
            ["bench", "--closed-loop", "1", "--warm-up", "0.2", "--duration", "0.5", "--looks", "200", "--env", "DEMO_STAGE_WORK=200"],
            with: interruption,
            at: moment
        )
    }

    private func interrupt(_ arguments: [String], with interruption: Interruption, at moment: Moment) async throws {
        let marker = "OTEL_HARNESS_INTERRUPT_TEST_\(UInt64.random(in: 0 ... .max))"
        var environment = ProcessInfo.processInfo.environment
        environment["HARNESS_RUN_MARKER"] = marker
        let harness = try await ChildProcess.launch(
            .path(BuiltProducts.executable("otel-harness").path),
            arguments: arguments,
            environment: environment
        )
        try await poll("the moment did not come", within: .seconds(120), every: .milliseconds(20)) { () -> Observation<Void> in
            guard harness.isRunning else { return .failed("otel-harness ended before the moment:\n\(harness.printed.suffix(3000))") }
            switch moment {
            case .childStarted(let name):
                return MarkedProcess.all(marker: marker).contains { $0.name == name } ? .done(()) : .notYet("no \(name) yet")
            case .printed(let text):
                return harness.printed.contains(text) ? .done(()) : .notYet("no “\(text)” yet")
            }
        }
        await interruption.deliver(to: harness)
        let (termination, timedOut) = await harness.wait(terminatingAt: .now + .seconds(90), grace: .seconds(5))
        #expect(!timedOut, "otel-harness did not end within 90 s of \(interruption.rawValue):\n\(harness.printed.suffix(3000))")
        if interruption != .kill {
            #expect(termination != .exited(0), "an interrupted run reported success")
        }

        // The watchdog kills after the harness is gone; allow it a moment, then insist.
        var left: [MarkedProcess] = []
        do {
            try await poll("processes left", within: .seconds(15), every: .milliseconds(50)) { () -> Observation<Void> in
                left = MarkedProcess.all(marker: marker)
                return left.isEmpty ? .done(()) : .notYet("\(left.count) left")
            }
        } catch {
            for process in left { Glibc.kill(process.pid, SIGKILL) }
        }
        #expect(
            left.isEmpty,
            "left running after \(interruption.rawValue) \(moment.testDescription): \(left.map(\.description).joined(separator: "; "))\n\(harness.printed.suffix(3000))"
        )
    }

    private static func scratch(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("interrupted-\(UInt64.random(in: 0 ... .max))-\(name)").path
    }
}

/// A process whose environment holds a run's marker, with the TCP ports it listens on.
struct MarkedProcess: CustomStringConvertible {
    var pid: Int32
    var name: String
    var listening: [Int]

    var description: String {
        "\(name) (pid \(pid)\(listening.isEmpty ? "" : ", listening on " + listening.map(String.init).joined(separator: ", ")))"
    }

    /// Every live process whose environment has `HARNESS_RUN_MARKER=marker`.
    static func all(marker: String) -> [MarkedProcess] {
        let listeningInodes = listeningSockets()
        return ProcessTable.processes(withEnvironmentEntry: "HARNESS_RUN_MARKER=\(marker)").map { pid in
            let name = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
            let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
            let ports = descriptors.compactMap { descriptor -> Int? in
                guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(descriptor)"),
                    target.hasPrefix("socket:[")
                else { return nil }
                return listeningInodes[String(target.dropFirst(8).dropLast())]
            }
            return MarkedProcess(pid: pid, name: name, listening: ports.sorted())
        }
    }

    /// The inodes of listening TCP sockets, with their ports (`/proc/net/tcp` and `tcp6`).
    private static func listeningSockets() -> [String: Int] {
        var sockets: [String: Int] = [:]
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            // Read to its end: a /proc file reports no size, and a one-shot read may stop at a page.
            guard let file = FileHandle(forReadingAtPath: table) else { continue }
            let text = String(decoding: file.readDataToEndOfFile(), as: UTF8.self)
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                // sl local_address rem_address st … inode: state 0A is LISTEN.
                guard fields.count > 9, fields[3] == "0A", let port = fields[1].split(separator: ":").last.flatMap({ Int($0, radix: 16) })
                else { continue }
                sockets[String(fields[9])] = port
            }
        }
        return sockets
    }
}
