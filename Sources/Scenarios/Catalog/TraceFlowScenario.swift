import HarnessSupport
import TelemetryModel
public import TelemetryQueries

/// Scenario 3: a request to the demo service yields the expected trace tree in the trace
/// backend, asserted with the span assertion DSL, under the caller's trace.
public struct TraceFlowScenario: Scenario {
    public let name = "trace-flow"
    public let summary = "a pipeline request's trace reaches the trace backend with the expected span tree"

    /// The span tree a pipeline request must produce.
    public static let expectedTrace = ExpectedSpan(
        "/v1/pipeline",
        kind: .server,
        attributes: ["http.request.method": "POST", "http.response.status_code": 200]
    ) {
        ExpectedSpan("transcribe", attributes: ["pipeline.stage": "transcribe"])
        ExpectedSpan("generate", attributes: ["pipeline.stage": "generate"])
        ExpectedSpan("synthesize", attributes: ["pipeline.stage": "synthesize"])
    }

    /// The scenario.
    public init() {}

    public func run(on stack: any RunningStack, context: ScenarioContext) async throws -> String {
        let (traceID, parent) = try await DemoTraffic(url: stack.endpoints.demoService, client: context.client).pipeline()
        let backend = TraceBackendClient(endpoint: stack.endpoints.traceQuery, client: context.client)
        let root = try await poll(
            "trace \(traceID.hex) did not reach the trace backend with the expected span tree",
            within: context.settings.pollTimeout
        ) { () -> Observation<Span> in
            guard let traces = try await backend.trace(traceID) else { return .notYet("the backend has no span of trace \(traceID.hex) (404)") }
            switch traces.match(Self.expectedTrace) {
            case .matched(let span): return .done(span)
            case .notMatched(let report): return .notYet(report.description)
            }
        }
        guard root.parentSpanID == parent else {
            throw ScenarioFailure(
                "the server span's parent is \(root.parentSpanID?.hex ?? "none"), not the caller's span \(parent.hex): the traceparent header was not propagated"
            )
        }
        return "trace \(traceID.hex): /v1/pipeline → transcribe, generate, synthesize, child of the caller's span"
    }
}
