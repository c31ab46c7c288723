import Foundation
import HarnessSupport
import Testing

@testable import OverheadGate

/// The gate on a benchmark command: a shell script that writes its latencies to the file the
/// gate names, slower when the SDK is enabled.
@Suite("Overhead gate on a benchmark command")
struct CommandWorkloadTests {
    /// 200 latencies in microseconds, `slow` µs when the SDK is on, `fast` when it is off,
    /// with a spread of a few microseconds so that rounds differ.
    static func script(fast: Int, slow: Int) -> [String] {
        let body = """
            base=\(fast); [ "$OTEL_SDK_DISABLED" = "false" ] && base=\(slow)
            i=0; while [ $i -lt 200 ]; do echo $((base + (i * 7 + $$) % 5)); i=$((i + 1)); done > "$1"
            """
        return ["/bin/sh", "-c", body, "bench", "{latencies-file}"]
    }

    static var quickSettings: OverheadBenchmark.Settings {
        var settings = OverheadBenchmark.Settings()
        settings.plan = SequentialPlan(looks: [6])
        settings.warmUpRounds = 0
        return settings
    }

    @Test("an instrumented arm 30 % slower FAILs; equal arms PASS; latencies are read in the given unit")
    func verdicts() async throws {
        var slow = CommandWorkload.Configuration(command: Self.script(fast: 1000, slow: 1300))
        slow.unit = .microseconds
        let failed = try await OverheadBenchmark(settings: Self.quickSettings).run(CommandWorkload(slow))
        #expect(failed.verdict == .fail, "\(failed.reason)")
        #expect(failed.requests["baseline"] == 6 * 200)
        let p95 = try #require(failed.arms["baseline"]?.p95)
        #expect(p95 > 0.000_99 && p95 < 0.001_01, "\(p95)")

        var same = CommandWorkload.Configuration(command: Self.script(fast: 1000, slow: 1000))
        same.unit = .microseconds
        let passed = try await OverheadBenchmark(settings: Self.quickSettings).run(CommandWorkload(same))
        #expect(passed.verdict == .pass, "\(passed.reason)")
    }

    @Test("a command that fails, writes garbage or nothing makes the run INVALID, saying why")
    func invalid() async throws {
        let cases: [([String], String)] = [
            (["/bin/sh", "-c", "echo broken >&2; exit 3"], "command exited with status 3: broken"),
            (["/bin/sh", "-c", "printf '12\\n# note\\n\\nfast\\n' > \"$OTEL_HARNESS_LATENCIES_FILE\""], ":4: \"fast\" is not a latency"),
            (["/bin/sh", "-c", "true"], "was not written or cannot be read"),
        ]
        for (command, expected) in cases {
            let configuration = CommandWorkload.Configuration(command: command)
            let report = try await OverheadBenchmark(settings: Self.quickSettings).run(CommandWorkload(configuration))
            #expect(report.verdict == .invalid)
            #expect(report.reason.contains(expected), "\(report.reason)")
        }
    }

    @Test("latency files: units, comments, blank lines; a negative number names its line")
    func latencyFile() throws {
        #expect(try LatencyFile.parse("# header\n1.5\n\n2\r\n", unit: .milliseconds, source: "f") == [0.0015, 0.002])
        #expect(throws: LatencyFileError(source: "f", line: 2, problem: "\"-1\" is not a latency (a non-negative number in ns)")) {
            try LatencyFile.parse("5\n-1\n", unit: .nanoseconds, source: "f")
        }
    }
}
