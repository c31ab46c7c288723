import HarnessSupport
import StackConfiguration
import TelemetryModel
import TelemetryQueries

/// Scenario 3: each request the stack file names yields the expected span tree in the trace
/// backend, under the caller's trace: the first service's server span is a child of the span
/// of the `traceparent` the scenario sent.
public struct TraceFlowScenario: Scenario {
    public let name = "trace-flow"
    public let summary = "each request's trace reaches the trace backend with the expected span tree"

    /// The scenario.
    public init() {}

    public func run(on stack: any RunningStack, context: ScenarioContext) async throws -> String {
        let expectations = context.plan.expectations.traces
        guard !expectations.isEmpty else { throw ScenarioSkipped("the stack file expects no traces (expect.traces)") }
        let backend = TraceBackendClient(endpoint: try stack.endpoints.require(\.traceQuery, "trace query endpoint"), client: context.client)
        var lines: [String] = []
        for expectation in expectations {
            guard let request = context.plan.request(expectation.request) else {
                throw ScenarioFailure("expect.traces names request \(expectation.request), which is not under traffic")
            }
            let sent = try await context.traffic(on: stack).send(request)
            let expected = expectation.root.expectedSpan
            let root = try await poll(
                "the trace of request \(request.name) (\(sent.traceID.hex)) did not reach the trace backend with the expected span tree",
                within: context.settings.pollTimeout
            ) { () -> Observation<Span> in
                guard let traces = try await backend.trace(sent.traceID) else {
                    return .notYet("the backend has no span of trace \(sent.traceID.hex) (404)")
                }
                switch traces.match(expected) {
                case .matched(let span): return .done(span)
                case .notMatched(let report): return .notYet(report.description)
                }
            }
            guard root.parentSpanID == sent.parentSpanID else {
                throw ScenarioFailure(
                    "the trace of request \(request.name) starts at \"\(root.name)\", whose parent is \(root.parentSpanID?.hex ?? "none"), "
                        + "not the caller's span \(sent.parentSpanID.hex): \(request.service) did not continue the incoming traceparent"
                )
            }
            lines.append("\(request.name): trace \(sent.traceID.hex) \(expectation.root.all.map(\.name).joined(separator: " › "))")
        }
        return lines.joined(separator: "; ")
    }
}
