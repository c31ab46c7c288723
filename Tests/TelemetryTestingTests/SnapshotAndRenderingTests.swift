import Foundation
import Testing
import TelemetryModel
import TelemetryTesting

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

        #expect(TraceSnapshot.compare(text, named: "pipeline", filePath: testFile, environment: ["CI": "true"]) == .missing(path: snapshot))
        #expect(!FileManager.default.fileExists(atPath: snapshot))
        #expect(TraceSnapshot.compare(text, named: "pipeline", filePath: testFile, environment: [:]) == .recorded(path: snapshot))
        #expect(try String(contentsOfFile: snapshot, encoding: .utf8) == text)
        #expect(TraceSnapshot.compare(text, named: "pipeline", filePath: testFile, environment: ["CI": "true"]) == .matched)

        let changed = text.replacingOccurrences(of: "\"transcribe\"", with: "\"transcode\"")
        guard case .differs(_, let difference) = TraceSnapshot.compare(changed, named: "pipeline", filePath: testFile, environment: [:]) else {
            Issue.record("a changed trace matched its snapshot")
            return
        }
        #expect(difference.contains("-     #2 \"transcribe\" internal\n+     #2 \"transcode\" internal"))
        #expect(TraceSnapshot.compare(changed, named: "pipeline", filePath: testFile, environment: ["OTEL_HARNESS_RECORD_SNAPSHOTS": "1"]) == .recorded(path: snapshot))
        #expect(try String(contentsOfFile: snapshot, encoding: .utf8) == changed)
    }

    @Test("the checked-in snapshot of a captured pipeline matches", .capturingTelemetry)
    func checkedInSnapshot() async throws {
        let capture = try #require(TelemetryCapture.current)
        await Pipeline.run()
        capture.telemetry.expectTraceSnapshot(named: "pipeline", renderer: TraceRenderer(placeholders: ["request.id": "<id>"]))
    }
}
