import Logging
import TelemetryModel
import TelemetryTesting
import Testing
import Tracing

@Suite("Waiting for telemetry")
struct WaitingTests {
    @Test("waits return as soon as asynchronously produced telemetry arrives")
    func arrives() async throws {
        try await withCapturedTelemetry { telemetry in
            let producer = Task {
                for index in 0..<3 {
                    for _ in 0..<5 { await Task.yield() }
                    withSpan("background \(index)") { _ in }
                }
                Logger(label: "worker").notice("done")
            }
            let spans = try await telemetry.waitForSpans(count: 3, timeout: .seconds(60))
            #expect(spans.map(\.name) == ["background 0", "background 1", "background 2"])
            let record = try await telemetry.waitForLogRecord(timeout: .seconds(60)) { $0.severityNumber == .info2 }
            #expect(record.body == "done")
            await producer.value
        }
    }

    @Test("a wait that times out reports what was awaited and the last observation")
    func timesOut() async throws {
        try await withCapturedTelemetry { telemetry in
            withSpan("only span") { _ in }
            do {
                try await telemetry.waitForSpan(.named("never"), timeout: .milliseconds(50))
                Issue.record("a span that never ends was found")
            } catch let timeout as TelemetryWaitTimeout {
                #expect(timeout.awaited == "a span named \"never\"")
                #expect(timeout.lastObservation.spans.map(\.name) == ["only span"])
                #expect(timeout.description.contains("#1 \"only span\" internal"))
            }
        }
    }

    @Test("expectTrace waits for the tree to be complete", .capturingTelemetry)
    func expectTraceWaits() async throws {
        let telemetry = try #require(TelemetryCapture.current)
        let run = Task { await Pipeline.run() }
        let root = await telemetry.expectTrace(timeout: .seconds(10)) {
            ExpectedSpan("POST /v1/pipeline", kind: .server) {
                ExpectedSpan("transcribe")
                ExpectedSpan("generate", status: .error, events: ["exception"])
                ExpectedSpan("synthesize")
            }
        }
        #expect(root?.attributes["http.response.status_code"] == 200)
        await run.value
        let snapshot = telemetry.data
        #expect(snapshot.total(of: "pipeline.requests", where: ["outcome": "degraded"]) == 1)
        #expect(snapshot.histogram("pipeline.stage.duration", where: ["stage": "generate"])?.count == 1)
        let warning = snapshot.expectLogRecord("a warning in the generate span") { $0.severityNumber == .warn }
        #expect(warning?.spanID == snapshot.span(.named("generate"))?.spanID)
    }
}
