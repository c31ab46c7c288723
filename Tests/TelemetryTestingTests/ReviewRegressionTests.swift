import Logging
import Metrics
import TelemetryModel
import TelemetryTesting
import Testing
import Tracing

/// Behaviour pinned down after review: series semantics of metric queries, parent-based
/// sampling, swift-otel's metric identity, and trees that cannot hide spans.
@Suite("Capture and query semantics")
struct ReviewRegressionTests {
    static func sum(_ value: Int64, at time: UInt64, temporality: AggregationTemporality, route: String = "/a") -> ResourceMetrics {
        ResourceMetrics(scopeMetrics: [
            ScopeMetrics(metrics: [
                Metric(
                    name: "requests",
                    data: .sum(
                        .init(
                            dataPoints: [NumberDataPoint(attributes: ["route": .string(route)], timeUnixNano: time, value: .int(value))],
                            aggregationTemporality: temporality,
                            isMonotonic: true
                        )
                    )
                )
            ])
        ])
    }

    @Test("cumulative series count with their latest point; delta points add up")
    func seriesSemantics() {
        let cumulative = MetricsData(resourceMetrics: [
            Self.sum(5, at: 1, temporality: .cumulative), Self.sum(7, at: 2, temporality: .cumulative),
            Self.sum(1, at: 2, temporality: .cumulative, route: "/b"),
        ])
        #expect(cumulative.total(of: "requests") == 8)
        #expect(cumulative.total(of: "requests", where: ["route": "/a"]) == 7)
        let delta = MetricsData(resourceMetrics: [
            Self.sum(5, at: 1, temporality: .delta), Self.sum(7, at: 2, temporality: .delta),
        ])
        #expect(delta.total(of: "requests") == 12)
    }

    @Test("a span under an unsampled parent propagates context but is not recorded")
    func parentBasedSampling() async throws {
        await withCapturedTelemetry { telemetry in
            var context = InstrumentationContext.topLevel
            InstrumentationSystem.instrument.extract(
                ["traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"],
                into: &context,
                using: ReviewDictionaryExtractor()
            )
            var injected: [String: String] = [:]
            withSpan("unsampled", context: context) { span in
                #expect(!span.isRecording)
                InstrumentationSystem.instrument.inject(span.context, into: &injected, using: ReviewDictionaryInjector())
            }
            #expect(telemetry.spans.isEmpty)
            #expect(injected["traceparent"]?.hasPrefix("00-0af7651916cd43dd8448eb211c80319c-") == true)
            #expect(injected["traceparent"]?.hasSuffix("-00") == true)
        }
    }

    @Test("a malformed tracestate does not cost the traceparent")
    func malformedTraceState() async throws {
        await withCapturedTelemetry { telemetry in
            var context = InstrumentationContext.topLevel
            InstrumentationSystem.instrument.extract(
                ["traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "tracestate": "=,=bad"],
                into: &context,
                using: ReviewDictionaryExtractor()
            )
            withSpan("child", context: context) { _ in }
            #expect(telemetry.spans.first?.traceID == TraceID(hex: "0af7651916cd43dd8448eb211c80319c"))
        }
    }

    @Test("instruments of different kinds never share a metric; dimension order does not matter")
    func metricIdentity() async throws {
        await withCapturedTelemetry { telemetry in
            Counter(label: "jobs").increment(by: 3)
            Meter(label: "jobs", dimensions: [("state", "queued")]).set(4)
            Counter(label: "ordered", dimensions: [("a", "1"), ("b", "2")]).increment()
            Counter(label: "ordered", dimensions: [("b", "2"), ("a", "1")]).increment()
            _ = Meter(label: "untouched")
            let metrics = telemetry.data.metrics
            #expect(metrics.metrics(named: "jobs").map(\.data.kindName) == ["sum", "gauge"])
            #expect(metrics.total(of: "jobs") == 3)
            #expect(metrics.gaugeValue(of: "jobs", where: ["state": "queued"]) == 4)
            #expect(metrics.metrics(named: "ordered").first?.data.dataPointCount == 1)
            #expect(metrics.total(of: "ordered") == 2)
            #expect(metrics.gaugeValue(of: "untouched") == 0)
        }
    }

    @Test("logs below info are left out, as in swift-otel, until the level is lowered")
    func logLevel() async throws {
        await withCapturedTelemetry { telemetry in
            var logger = Logger(label: "levels")
            logger.debug("hidden")
            logger.logLevel = .debug
            logger.debug("shown", metadata: ["code.line.number": "override"])
            let records = telemetry.logRecords
            #expect(records.map(\.body) == ["shown"])
            #expect(records.first?.attributes.duplicateKeys == [])
            #expect(records.first?.attributes["code.line.number"] == "override")
        }
    }

    @Test("an error is described as swift-otel describes it, and attributes override")
    func recordedError() async throws {
        struct PaymentDeclined: Error {}
        try await withCapturedTelemetry { telemetry in
            withSpan("pay") { span in
                span.recordError(PaymentDeclined(), attributes: ["exception.message": "declined by issuer"])
            }
            let event = try #require(telemetry.spans.first?.events.first)
            #expect(event.attributes == ["exception.type": "PaymentDeclined", "exception.message": "declined by issuer"])
        }
    }

    @Test("spans in a parent cycle are shown as roots, not hidden")
    func parentCycles() {
        let trace = TraceID(high: 7, low: 7)
        let spans = [
            Span(traceID: trace, spanID: SpanID(1), parentSpanID: SpanID(2), name: "a", startTimeUnixNano: 1),
            Span(traceID: trace, spanID: SpanID(2), parentSpanID: SpanID(1), name: "b", startTimeUnixNano: 2),
        ]
        let trees = TraceTree.trees(of: spans)
        #expect(trees.flatMap(\.depthFirst).map(\.name).sorted() == ["a", "b"])
    }

    @Test("an expectation without children matches a span whatever its children")
    func leafExpectation() {
        #expect(TraceAssertionTests.telemetry.traces.match(ExpectedSpan("POST /v1/pipeline", kind: .server)).span != nil)
    }
}

struct ReviewDictionaryInjector: Injector {
    func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) { carrier[key] = value }
}

struct ReviewDictionaryExtractor: Extractor {
    func extract(key: String, from carrier: [String: String]) -> String? { carrier[key] }
}
