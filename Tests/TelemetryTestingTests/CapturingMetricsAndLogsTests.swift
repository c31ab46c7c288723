import Logging
import Metrics
import TelemetryModel
import TelemetryTesting
import Testing
import Tracing

@Suite("Capturing metrics and logs")
struct CapturingMetricsAndLogsTests {
    @Test("swift-metrics instruments map to OTLP metrics as swift-otel maps them")
    func metrics() async throws {
        try await withCapturedTelemetry { telemetry in
            let requests = Counter(label: "http.server.requests", dimensions: [("route", "/a"), ("unit", "{request}")])
            requests.increment(by: 2)
            requests.increment()
            Counter(label: "http.server.requests", dimensions: [("route", "/b"), ("unit", "{request}")]).increment()
            FloatingPointCounter(label: "bytes.processed").increment(by: 1.5)
            Meter(label: "queue.depth").set(7)
            Recorder(label: "payload.size", aggregate: true).record(300)
            Recorder(label: "temperature", aggregate: false).record(21.5)
            let timer = Timer(label: "stage.duration", dimensions: [("stage", "generate"), ("description", "Stage time")])
            timer.recordMilliseconds(4)
            timer.recordMilliseconds(120)
            timer.recordSeconds(2)

            let metrics = telemetry.data.metrics
            #expect(metrics.total(of: "http.server.requests") == 4)
            #expect(metrics.total(of: "http.server.requests", where: ["route": "/a"]) == 3)
            #expect(metrics.metrics(named: "http.server.requests").first?.unit == "{request}")
            guard case .sum(let sum) = metrics.metrics(named: "http.server.requests").first?.data else {
                Issue.record("not a sum")
                return
            }
            #expect(sum.isMonotonic && sum.aggregationTemporality == .cumulative)
            #expect(sum.dataPoints.map(\.attributes) == [["route": "/a"], ["route": "/b"]])
            #expect(metrics.total(of: "bytes.processed") == 1.5)
            #expect(metrics.gaugeValue(of: "queue.depth") == 7)
            #expect(metrics.gaugeValue(of: "temperature") == 21.5)
            #expect(metrics.histogram("payload.size")?.count == 1)
            #expect(metrics.histogram("payload.size")?.bucketCounts[8] == 1)  // (250, 500]

            let stage = try #require(metrics.histogram("stage.duration", where: ["stage": "generate"]))
            #expect(stage.count == 3)
            #expect(abs(stage.sum - 2.124) < 1e-9)
            #expect(stage.min == 0.004 && stage.max == 2)
            #expect(stage.explicitBounds == [0, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10])
            #expect(stage.bucketCounts == [0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0])
            #expect(metrics.metrics(named: "stage.duration").first?.description == "Stage time")
        }
    }

    @Test("log records carry level, message, metadata and the active span's ids")
    func logs() async throws {
        try await withCapturedTelemetry { telemetry in
            var logger = Logger(label: "checkout")
            logger[metadataKey: "component"] = "cart"
            logger.info("outside any span")
            withSpan("checkout") { _ in
                logger.warning("payment slow", metadata: ["attempt": "2", "tags": ["a", "b"]])
                Logger.current.critical("from the task-local logger")
            }
            let records = telemetry.logRecords
            #expect(records.map(\.severityNumber) == [.info, .warn, .error2])
            #expect(records.map(\.severityText) == ["info", "warning", "critical"])
            #expect(records.map(\.body) == ["outside any span", "payment slow", "from the task-local logger"])
            #expect(records[0].traceID == nil && records[0].spanID == nil)
            let span = try #require(telemetry.spans.first)
            #expect(records[1].traceID == span.traceID && records[1].spanID == span.spanID && records[1].flags == 1)
            #expect(records[1].attributes.contains(["component": "cart", "attempt": "2", "tags": ["a", "b"]]))
            #expect(records[1].attributes["code.line.number"] != nil)
            #expect(telemetry.logRecords(correlatedWith: span).count == 2)
        }
    }

    @Test("metrics made before the test record into whichever test uses them")
    func metricsMadeBeforeTheTest() async throws {
        let shared = Self.sharedCounter
        await withCapturedTelemetry { first in
            shared.increment(by: 5)
            #expect(first.total(of: "shared.requests") == 5)
        }
        await withCapturedTelemetry { second in
            shared.increment(by: 2)
            #expect(second.total(of: "shared.requests") == 2)
        }
    }

    static let sharedCounter: Counter = {
        ProcessWideTelemetryRouting.bootstrap()
        return Counter(label: "shared.requests")
    }()

    @Test("a detached task's telemetry reaches no test and is counted as unrouted")
    func detachedTasksAreNotRouted() async throws {
        await withCapturedTelemetry { telemetry in
            let before = ProcessWideTelemetryRouting.unroutedTelemetry.logRecords
            await Task.detached { Logger(label: "detached").info("lost") }.value
            #expect(telemetry.logRecords.isEmpty)
            #expect(ProcessWideTelemetryRouting.unroutedTelemetry.logRecords > before)
        }
    }
}
