import TelemetryModel
import TelemetryTesting
import Testing

/// The tree DSL, queries and failure reports, on hand-built telemetry.
@Suite("Trace assertions")
struct TraceAssertionTests {
    static let trace = TraceID(high: 1, low: 2)

    static func span(
        _ name: String,
        id: UInt64,
        parent: UInt64? = nil,
        start: UInt64,
        kind: SpanKind = .internal,
        status: SpanStatus = .unset,
        attributes: Attributes = [:],
        events: [String] = []
    ) -> Span {
        Span(
            traceID: trace,
            spanID: SpanID(id),
            parentSpanID: parent.map(SpanID.init),
            name: name,
            kind: kind,
            startTimeUnixNano: start,
            endTimeUnixNano: start + 10,
            attributes: attributes,
            events: events.map { SpanEvent(name: $0) },
            status: status
        )
    }

    /// A pipeline trace, recorded out of order as spans end.
    static let telemetry = TelemetryData(
        traces: TracesData(resourceSpans: [
            ResourceSpans(scopeSpans: [
                ScopeSpans(spans: [
                    span("synthesize", id: 4, parent: 1, start: 300),
                    span("transcribe", id: 2, parent: 1, start: 100, attributes: ["model": "whisper"]),
                    span("generate", id: 3, parent: 1, start: 200, kind: .client, status: .error("overloaded"), events: ["exception"]),
                    span(
                        "POST /v1/pipeline",
                        id: 1,
                        start: 0,
                        kind: .server,
                        attributes: ["http.request.method": "POST", "http.response.status_code": 200]
                    ),
                ])
            ])
        ])
    )

    @Test("a matching tree is found, with subset attributes and ordered children")
    func matches() throws {
        let match = Self.telemetry.traces.match(
            ExpectedSpan("POST /v1/pipeline", kind: .server, attributes: ["http.request.method": "POST"]) {
                ExpectedSpan("transcribe", attributes: ["model": "whisper"])
                ExpectedSpan("generate", kind: .client, status: .error, events: ["exception"])
                ExpectedSpan("synthesize")
            }
        )
        #expect(match.span?.spanID == SpanID(1))
    }

    @Test("children in the wrong order fail unless any order is allowed")
    func order() {
        let swapped = ExpectedSpan("POST /v1/pipeline") {
            ExpectedSpan("generate")
            ExpectedSpan("transcribe")
            ExpectedSpan("synthesize")
        }
        #expect(Self.telemetry.traces.match(swapped).span == nil)
        var anyOrder = swapped
        anyOrder.childOrder = .anyOrder
        #expect(Self.telemetry.traces.match(anyOrder).span != nil)
    }

    @Test("a subtree matches at any depth; extra children need allowsOtherChildren")
    func subtreesAndExtraChildren() {
        #expect(Self.telemetry.traces.match(ExpectedSpan("generate", status: .error)).span?.spanID == SpanID(3))
        let partial = ExpectedSpan("POST /v1/pipeline") { ExpectedSpan("generate") }
        #expect(Self.telemetry.traces.match(partial).span == nil)
        let allowing = ExpectedSpan("POST /v1/pipeline", allowsOtherChildren: true) { ExpectedSpan("generate") }
        #expect(Self.telemetry.traces.match(allowing).span != nil)
    }

    @Test("exact attribute matching rejects attributes that were not expected")
    func exactAttributes() {
        let exact = ExpectedSpan("POST /v1/pipeline", attributes: ["http.request.method": "POST"], matching: .exact, allowsOtherChildren: true)
        guard case .notMatched(let report) = Self.telemetry.traces.match(exact) else {
            Issue.record("matched although http.response.status_code was not expected")
            return
        }
        #expect(report.differences == ["attribute http.response.status_code: not expected, found 200"])
    }

    @Test("a failure names the nearest span, each difference, and shows the captured trees")
    func failureReport() {
        let expected = ExpectedSpan("POST /v1/pipeline", kind: .server, attributes: ["http.request.method": "GET"]) {
            ExpectedSpan("transcribe")
            ExpectedSpan("generate", status: .ok)
            ExpectedSpan("synthesize")
        }
        guard case .notMatched(let report) = Self.telemetry.traces.match(expected) else {
            Issue.record("matched a wrong expectation")
            return
        }
        #expect(report.nearest?.name == "POST /v1/pipeline")
        #expect(
            report.differences == [
                "attribute http.request.method: expected \"GET\", found \"POST\"",
                "child 2 \"generate\" › status: expected ok, found error",
            ]
        )
        #expect(
            report.description.contains(
                """
                captured traces:
                  trace 1
                    #1 "POST /v1/pipeline" server
                      http.request.method: "POST"
                      http.response.status_code: 200
                      #2 "transcribe" internal
                """
            )
        )
    }

    @Test("queries select by name, kind, attribute, status and parent; trees are depth first")
    func queries() throws {
        let traces = Self.telemetry.traces
        let root = try #require(traces.span(.root))
        #expect(traces.spans(.child(of: root)).count == 3)
        #expect(traces.spans(.kind(.client).status(.error)).map(\.name) == ["generate"])
        #expect(traces.spans(.attribute("model", "whisper")).map(\.name) == ["transcribe"])
        #expect(traces.spans(.hasAttribute("http.response.status_code").named("POST /v1/pipeline")).count == 1)
        #expect(traces.traceTrees.first?.depthFirst.map(\.name) == ["POST /v1/pipeline", "transcribe", "generate", "synthesize"])
        #expect(SpanQuery.named("x").kind(.server).description == "named \"x\", kind server")
    }

    @Test("a span whose parent was not captured becomes a root, flagged in the rendering")
    func orphans() {
        let orphan = TelemetryData(
            traces: TracesData(resourceSpans: [
                ResourceSpans(scopeSpans: [
                    ScopeSpans(spans: [
                        Self.span("handler", id: 9, parent: 8, start: 5)
                    ])
                ])
            ])
        )
        #expect(TraceRenderer().render(orphan.traces) == "trace 1\n  #1 \"handler\" internal (parent not captured)\n")
    }

    @Test("an expected span's service is the service.name of the resource it was reported with")
    func serviceOfSpans() {
        func resource(_ name: String, _ spans: [Span]) -> ResourceSpans {
            ResourceSpans(resource: Resource(attributes: ["service.name": .string(name)]), scopeSpans: [ScopeSpans(spans: spans)])
        }
        let traces = TracesData(resourceSpans: [
            resource(
                "api",
                [Self.span("POST /orders", id: 1, start: 0, kind: .server), Self.span("POST", id: 2, parent: 1, start: 1, kind: .client)]
            ),
            resource("worker", [Self.span("POST /work", id: 3, parent: 2, start: 2, kind: .server)]),
        ])
        let across = ExpectedSpan("POST /orders", service: "api", kind: .server) {
            ExpectedSpan("POST", service: "api", kind: .client) { ExpectedSpan("POST /work", service: "worker", kind: .server) }
        }
        #expect(traces.match(across).span?.spanID == SpanID(1))
        let wrongService = ExpectedSpan("POST /orders", service: "api") {
            ExpectedSpan("POST") { ExpectedSpan("POST /work", service: "billing") }
        }
        guard case .notMatched(let report) = traces.match(wrongService) else {
            Issue.record("matched a span of another service")
            return
        }
        #expect(report.differences.contains { $0.contains("service: expected billing, found worker") }, "\(report)")
    }
}
