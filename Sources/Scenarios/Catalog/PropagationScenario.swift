import Foundation
import HarnessSupport
import StackConfiguration
import TelemetryModel

/// Scenario 4: a traced request to the first service yields one trace that reaches every service
/// on its path, each service's server span a child of its caller's client span. A service that
/// drops the context fails the scenario, naming the edge where the trace broke.
public struct PropagationScenario: Scenario {
    public let name = "propagation"
    public let summary = "a request's trace spans every service on its path, each server span a child of its caller's client span"

    /// The scenario.
    public init() {}

    /// A call from one service to another that the stack file's span tree implies.
    struct Edge: Hashable, CustomStringConvertible {
        var caller: String
        var callee: String
        var description: String { "\(caller) → \(callee)" }
    }

    public func run(on stack: any RunningStack, context: ScenarioContext) async throws -> String {
        let crossing = context.plan.expectations.traces.filter { !Self.edges(of: $0.root).isEmpty }
        guard !crossing.isEmpty else {
            throw ScenarioSkipped("no expected trace spans two services (give spans of expect.traces a service)")
        }
        let backend = TraceBackendClient(endpoint: try stack.endpoints.require(\.traceQuery, "trace query endpoint"), client: context.client)
        var lines: [String] = []
        for expectation in crossing {
            guard let request = context.plan.request(expectation.request) else {
                throw ScenarioFailure("expect.traces names request \(expectation.request), which is not under traffic")
            }
            let edges = Self.edges(of: expectation.root)
            let services = Set(edges.flatMap { [$0.caller, $0.callee] })
            let sent = try await context.traffic(on: stack).send(request)
            // Every service's spans, with each server span's parent among them: a service exports
            // its spans in batches, so a callee's server span can arrive before the caller's
            // client span it names; only the deadline makes a missing parent a failure.
            var parentFailure: ScenarioFailure?
            do {
                _ = try await poll("the trace of request \(request.name) did not reach every service", within: context.settings.pollTimeout) {
                    () -> Observation<TracesData> in
                    guard let traces = try await backend.trace(sent.traceID) else { return .notYet("no span of trace \(sent.traceID.hex) yet") }
                    let present = Set(traces.resourceSpans.compactMap(\.resource.serviceName))
                    let missing = services.subtracting(present)
                    guard missing.isEmpty else {
                        return .notYet("trace \(sent.traceID.hex) has spans of \(present.sorted()), none of \(missing.sorted())")
                    }
                    do {
                        try Self.checkParents(edges, in: traces, request: request)
                        parentFailure = nil
                        return .done(traces)
                    } catch let failure as ScenarioFailure {
                        parentFailure = failure
                        return .notYet(failure.message)
                    }
                }
            } catch let failure as PollFailure {
                if let parentFailure { throw parentFailure }
                throw try await brokenEdge(edges, sent: sent, request: request, backend: backend, failure: failure)
            }
            lines.append("\(request.name): trace \(sent.traceID.hex) crosses \(edges.map(\.description).joined(separator: ", "))")
        }
        return lines.joined(separator: "; ")
    }

    /// The service-to-service calls of an expected span tree, in tree order.
    static func edges(of root: SpanExpectation) -> [Edge] {
        var edges: [Edge] = []
        func walk(_ span: SpanExpectation, service: String?) {
            let current = span.service ?? service
            for child in span.children {
                if let callee = child.service, let caller = current, callee != caller {
                    let edge = Edge(caller: caller, callee: callee)
                    if !edges.contains(edge) { edges.append(edge) }
                }
                walk(child, service: current)
            }
        }
        walk(root, service: root.service)
        return edges
    }

    /// Every server span of a callee is a child of a client span of its caller.
    static func checkParents(_ edges: [Edge], in trace: TracesData, request: TrafficRequest) throws {
        var serviceOf: [SpanID: String] = [:]
        var spans: [SpanID: Span] = [:]
        for resourceSpans in trace.resourceSpans {
            for scopeSpans in resourceSpans.scopeSpans {
                for span in scopeSpans.spans {
                    spans[span.spanID] = span
                    serviceOf[span.spanID] = resourceSpans.resource.serviceName
                }
            }
        }
        for edge in edges {
            let servers = spans.values.filter { $0.kind == .server && serviceOf[$0.spanID] == edge.callee }
            guard !servers.isEmpty else {
                throw ScenarioFailure("on the edge \(edge) (request \(request.name)), \(edge.callee) reported no server span in the trace")
            }
            for server in servers {
                guard let parentID = server.parentSpanID, let parent = spans[parentID] else {
                    throw ScenarioFailure(
                        "on the edge \(edge) (request \(request.name)), \(edge.callee)'s server span \"\(server.name)\" names a parent "
                            + "\(server.parentSpanID?.hex ?? "none") that is not in the trace"
                    )
                }
                guard serviceOf[parentID] == edge.caller, parent.kind == .client else {
                    throw ScenarioFailure(
                        "on the edge \(edge) (request \(request.name)), \(edge.callee)'s server span \"\(server.name)\" is a child of "
                            + "\"\(parent.name)\" (\(parent.kind), \(serviceOf[parentID] ?? "unknown service")), not of a client span of \(edge.caller)"
                    )
                }
            }
        }
    }

    /// The failure naming the first edge whose callee's spans are missing from the trace, with
    /// where the callee's spans went instead.
    private func brokenEdge(
        _ edges: [Edge],
        sent: SentRequest,
        request: TrafficRequest,
        backend: TraceBackendClient,
        failure: PollFailure
    ) async throws -> ScenarioFailure {
        let trace = try await backend.trace(sent.traceID)
        let present = Set(trace?.resourceSpans.compactMap(\.resource.serviceName) ?? [])
        guard
            let edge = edges.first(where: { present.contains($0.caller) && !present.contains($0.callee) })
                ?? edges.first(where: { !present.contains($0.callee) })
        else { return ScenarioFailure(failure.message, lastObservation: failure.lastObservation) }
        var detail = "\(edge.callee) has no span in trace \(sent.traceID.hex)"
        if let other = try await backend.traces(of: edge.callee, since: sent.sentAt) {
            let servers = other.spans.filter {
                $0.kind == .server && $0.traceID != sent.traceID
                    && $0.startTimeUnixNano >= UInt64(max(0, sent.sentAt.timeIntervalSince1970 - 1) * 1e9)
            }
            // The callee's server span of this call started while the caller's client span (or,
            // with an uninstrumented client, the caller's span handling the request) was open;
            // other server spans of the callee then (health probes, other requests) are not the
            // broken hop, so they are named only when no span fits.
            let callerSpans = (trace?.resourceSpans ?? []).filter { $0.resource.serviceName == edge.caller }
                .flatMap { $0.scopeSpans.flatMap(\.spans) }
            func started(during spans: [Span]) -> Span? {
                servers.first { server in
                    spans.contains { $0.startTimeUnixNano <= server.startTimeUnixNano && server.startTimeUnixNano <= $0.endTimeUnixNano }
                }
            }
            if let server = started(during: callerSpans.filter { $0.kind == .client }) ?? started(during: callerSpans) ?? servers.first {
                detail =
                    "\(edge.callee)'s server span \"\(server.name)\" is in trace \(server.traceID.hex)"
                    + (server.parentSpanID == nil ? ", a trace of its own (no parent)" : " under parent \(server.parentSpanID!.hex)")
                    + ", not in the request's trace \(sent.traceID.hex)"
            }
        }
        return ScenarioFailure(
            "the trace of request \(request.name) broke on the edge \(edge): \(detail); \(edge.caller) did not propagate the trace context (traceparent) in its call to \(edge.callee)",
            lastObservation: failure.lastObservation
        )
    }
}
