import Foundation
import TelemetryModel
import TelemetryTesting
import Testing

@Suite("Trace snapshots")
struct SnapshotAndRenderingTests {
    static let telemetry = TraceAssertionTests.telemetry

    @Test("rendering renumbers ids, drops times, sorts attributes, applies ignores and placeholders")
    func rendering() {
        var shuffled = Self.telemetry
        // Other ids and times, same behaviour: the text must not change.
        shuffled.traces.resourceSpans[0].scopeSpans[0].spans = shuffled.spans.map { span in
            var span = span
            span.traceID = TraceID(high: 99, low: 99)
            span.spanID = SpanID(span.spanID.value + 1000)
            span.parentSpanID = span.parentSpanID.map { SpanID($0.value + 1000) }
            span.startTimeUnixNano += 5_000
            span.endTimeUnixNano += 9_000
            return span
        }
        let renderer = TraceRenderer(ignoring: ["model"], placeholders: ["http.response.status_code": "<status>"])
        let expected = """
            trace 1
              #1 "POST /v1/pipeline" server
                http.request.method: "POST"
                http.response.status_code: <status>
                #2 "transcribe" internal
                #3 "generate" client status=error "overloaded"
                  event "exception" {}
                #4 "synthesize" internal

            """
        #expect(renderer.render(Self.telemetry.traces) == expected)
        #expect(renderer.render(shuffled.traces) == expected)
    }

    @Test("snapshots are recorded when missing, compared after, and refused under CI when missing")
    func snapshotLifecycle() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("snapshots-\(UInt64.random(in: 0 ... .max))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let testFile = folder.appendingPathComponent("PipelineTests.swift").path
        let text = TraceRenderer().render(Self.telemetry.traces)
        let snapshot = folder.appendingPathComponent("__Snapshots__/PipelineTests/pipeline.txt").path
        func mode(_ environment: [String: String]) -> SnapshotRecordMode { .current(environment: environment) }

        #expect(TraceSnapshot.compare(text, named: "pipeline", filePath: testFile, mode: mode(["CI": "true"])) == .missing(path: snapshot))
        #expect(!FileManager.default.fileExists(atPath: snapshot))
        #expect(TraceSnapshot.compare(text, named: "pipeline", filePath: testFile, mode: mode([:])) == .recorded(path: snapshot))
        #expect(try String(contentsOfFile: snapshot, encoding: .utf8) == text)
        #expect(TraceSnapshot.compare(text, named: "pipeline", filePath: testFile, mode: mode(["CI": "true"])) == .matched)

        let changed = text.replacingOccurrences(of: "\"transcribe\"", with: "\"transcode\"")
        guard case .differs(_, let difference) = TraceSnapshot.compare(changed, named: "pipeline", filePath: testFile, mode: mode([:])) else {
            Issue.record("a changed trace matched its snapshot")
            return
        }
        #expect(difference.contains("-     #2 \"transcribe\" internal\n+     #2 \"transcode\" internal"))
        #expect(
            TraceSnapshot.compare(changed, named: "pipeline", filePath: testFile, mode: mode(["OTEL_HARNESS_RECORD_SNAPSHOTS": "1"]))
                == .recorded(path: snapshot)
        )
        #expect(try String(contentsOfFile: snapshot, encoding: .utf8) == changed)
    }

    @Test("each record mode writes what swift-snapshot-testing's does, and says so")
    func recordModes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("modes-\(UInt64.random(in: 0 ... .max))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let testFile = folder.appendingPathComponent("ModeTests.swift").path
        let snapshot = folder.appendingPathComponent("__Snapshots__/ModeTests/trace.txt").path
        func compare(_ text: String, _ mode: SnapshotRecordMode) -> TraceSnapshot.Outcome {
            TraceSnapshot.compare(text, named: "trace", filePath: testFile, mode: mode)
        }

        #expect(compare("a\n", .never) == .missing(path: snapshot))
        #expect(compare("a\n", .failed) == .missing(path: snapshot))
        #expect(compare("a\n", .missing) == .recorded(path: snapshot))
        #expect(compare("b\n", .missing) == .differs(path: snapshot, difference: "- a\n+ b\n  "))
        #expect(compare("b\n", .never) == .differs(path: snapshot, difference: "- a\n+ b\n  "))
        #expect(try String(contentsOfFile: snapshot, encoding: .utf8) == "a\n")
        #expect(compare("b\n", .failed) == .rerecorded(path: snapshot, difference: "- a\n+ b\n  "))
        #expect(try String(contentsOfFile: snapshot, encoding: .utf8) == "b\n")
        #expect(compare("b\n", .all) == .matched)
        #expect(compare("c\n", .all) == .recorded(path: snapshot))
        #expect(try String(contentsOfFile: snapshot, encoding: .utf8) == "c\n")

        #expect(SnapshotRecordMode.current(environment: ["OTEL_HARNESS_RECORD_SNAPSHOTS": "failed", "CI": "true"]) == .failed)
        #expect(SnapshotRecordMode.current(environment: ["OTEL_HARNESS_RECORD_SNAPSHOTS": "never"]) == .never)
        #expect(SnapshotRecordMode.current(environment: ["OTEL_HARNESS_RECORD_SNAPSHOTS": "true"]) == .all)
        #expect(SnapshotRecordMode.current(environment: [:]) == .missing)
        #expect(SnapshotRecordMode.current(environment: ["CI": "true"]) == .never)
    }

    @Test("a name that is not a plain file name, and a write that fails, have outcomes of their own")
    func invalidNameAndFailedWrite() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UInt64.random(in: 0 ... .max))")
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["", "../escape", "a/b", ".hidden"] {
            #expect(
                TraceSnapshot.compare("x", named: name, filePath: folder.appendingPathComponent("T.swift").path, mode: .all) == .invalidName(name)
            )
        }
        // A file where the snapshot folder should be: the folder cannot be made.
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data().write(to: folder.appendingPathComponent("__Snapshots__"))
        guard
            case .writeFailed(let path, let reason) = TraceSnapshot.compare(
                "x",
                named: "t",
                filePath: folder.appendingPathComponent("T.swift").path,
                mode: .missing
            )
        else {
            Issue.record("a snapshot that cannot be written was reported otherwise")
            return
        }
        #expect(path.hasSuffix("__Snapshots__/T/t.txt"))
        #expect(!reason.isEmpty)
    }

    @Test("the trait's record mode wins over the environment's", .recordingTraceSnapshots(.never))
    func traitSelectsTheMode() {
        #expect(SnapshotRecordMode.current(environment: ["OTEL_HARNESS_RECORD_SNAPSHOTS": "all"]) == .never)
    }

    @Test("the checked-in snapshot of a captured pipeline matches", .capturingTelemetry)
    func checkedInSnapshot() async throws {
        let telemetry = try #require(TelemetryCapture.current)
        await Pipeline.run()
        telemetry.expectTraceSnapshot(named: "pipeline", renderer: TraceRenderer(placeholders: ["request.id": "<id>"]))
    }
}
