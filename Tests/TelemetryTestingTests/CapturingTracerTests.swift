import TelemetryModel
import TelemetryTesting
import Testing
import Tracing

@Suite("Capturing tracer")
struct CapturingTracerTests {
    struct Failure: Error, CustomStringConvertible {
        var description: String { "upstream overloaded" }
    }

    @Test("nested withSpan calls record a tree with real ids, kinds, attributes, events and status")
    func nestedSpans() async throws {
        try await withCapturedTelemetry { telemetry in
            try? withSpan("POST /v1/pipeline", ofKind: .server) { span in
                span.attributes["http.request.method"] = "POST"
                span.attributes["http.response.status_code"] = 200
                span.attributes["tags"] = ["a", "b"]
                span.addEvent("request.received")
                withSpan("transcribe") { _ in }
                try withSpan("generate", ofKind: .client) { _ in throw Failure() }
            }
            let spans = telemetry.spans
            #expect(spans.map(\.name) == ["transcribe", "generate", "POST /v1/pipeline"])
            let root = try #require(spans.last)
            #expect(root.parentSpanID == nil)
            #expect(!root.traceID.isZero && !root.spanID.isZero)
            #expect(root.kind == .server)
            #expect(root.attributes == ["http.request.method": "POST", "http.response.status_code": 200, "tags": ["a", "b"]])
            #expect(root.events.map(\.name) == ["request.received", "exception"])
            #expect(root.status.code == .error)
            #expect(root.flags.contains(.sampled))
            #expect(root.startTimeUnixNano <= root.endTimeUnixNano)
            for child in spans.dropLast() {
                #expect(child.traceID == root.traceID)
                #expect(child.parentSpanID == root.spanID)
                #expect(child.startTimeUnixNano >= root.startTimeUnixNano && child.endTimeUnixNano <= root.endTimeUnixNano)
            }
            let generate = spans[1]
            #expect(generate.kind == .client)
            #expect(generate.status == .init(code: .error))
            let exception = try #require(generate.events.first)
            #expect(exception.name == "exception")
            #expect(exception.attributes["exception.message"] == "upstream overloaded")
            #expect(exception.attributes["exception.type"]?.stringValue?.hasSuffix("Failure") == true)
        }
    }

    @Test("traceparent and tracestate are injected and extracted as W3C trace context")
    func w3cPropagation() async throws {
        try await withCapturedTelemetry { telemetry in
            var headers: [String: String] = [:]
            withSpan("client call", ofKind: .client) { span in
                InstrumentationSystem.instrument.inject(span.context, into: &headers, using: DictionaryInjector())
            }
            let client = try #require(telemetry.spans.first)
            #expect(headers["traceparent"] == "00-\(client.traceID.hex)-\(client.spanID.hex)-01")

            // A service receiving the call continues the caller's trace.
            var incoming = InstrumentationContext.topLevel
            let remote = ["traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "tracestate": "vendor=abc"]
            InstrumentationSystem.instrument.extract(remote, into: &incoming, using: DictionaryExtractor())
            withSpan("server call", context: incoming, ofKind: .server) { _ in }
            let server = try #require(telemetry.spans.last)
            #expect(server.traceID == TraceID(hex: "0af7651916cd43dd8448eb211c80319c"))
            #expect(server.parentSpanID == SpanID(hex: "b7ad6b7169203331"))
            #expect(server.traceState == "vendor=abc")
            #expect(server.flags.contains(.isRemote))

            // Malformed headers start a new trace instead of failing.
            var broken = InstrumentationContext.topLevel
            InstrumentationSystem.instrument.extract(["traceparent": "garbage"], into: &broken, using: DictionaryExtractor())
            #expect(broken.capturedSpanContext == nil)
        }
    }

    @Test("links point at the linked span's trace and span id")
    func links() async throws {
        try await withCapturedTelemetry { telemetry in
            let batch = InstrumentationSystem.tracer.startSpan("batch")
            batch.end()
            withSpan("process") { span in
                span.addLink(SpanLink(context: batch.context, attributes: ["messaging.batch.index": 3]))
            }
            let spans = telemetry.spans
            let link = try #require(spans.last?.links.first)
            #expect(link.traceID == spans[0].traceID && link.spanID == spans[0].spanID)
            #expect(link.attributes == ["messaging.batch.index": 3])
        }
    }

    @Test("a span ends once; changes after the end are ignored")
    func endOnce() async throws {
        await withCapturedTelemetry { telemetry in
            let span = InstrumentationSystem.tracer.startSpan("once")
            span.end()
            span.attributes["late"] = true
            span.setStatus(.init(code: .error))
            span.end()
            #expect(telemetry.spans.count == 1)
            #expect(telemetry.spans.first?.attributes["late"] == nil)
            #expect(telemetry.spans.first?.status == .unset)
        }
    }
}

struct DictionaryInjector: Injector {
    func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) {
        carrier[key] = value
    }
}

struct DictionaryExtractor: Extractor {
    func extract(key: String, from carrier: [String: String]) -> String? {
        carrier[key]
    }
}
