import AsyncHTTPClient
import Foundation
import HarnessSupport
import HarnessTestSupport
import OTLPReceiver
import Scenarios
import SemanticConventionChecks
import StackConfiguration
import TelemetryModel
import TelemetryQueries
import Testing

@Suite("Semantic conventions")
struct SemanticConventionTests {
    static func traces(_ spans: [Span], service: String? = "checkout") -> TracesData {
        let resource = Resource(attributes: Attributes(service.map { [Attribute(key: "service.name", value: .string($0))] } ?? []))
        return TracesData(resourceSpans: [
            ResourceSpans(resource: resource, scopeSpans: [ScopeSpans(scope: InstrumentationScope(name: "test"), spans: spans)])
        ])
    }

    static func serverSpan(
        name: String = "GET /orders/{id}",
        status: Int64 = 200,
        spanStatus: SpanStatus = .unset,
        extra: [Attribute] = [],
        dropping: Set<String> = []
    ) -> Span {
        let attributes: [Attribute] =
            [
                Attribute(key: "http.request.method", value: "GET"), Attribute(key: "http.route", value: "/orders/{id}"),
                Attribute(key: "url.path", value: "/orders/42"), Attribute(key: "url.scheme", value: "http"),
                Attribute(key: "http.response.status_code", value: .int(status)),
            ].filter { !dropping.contains($0.key) } + extra
        return Span(
            traceID: TraceID(bytes: Array(repeating: 1, count: 16))!,
            spanID: SpanID(bytes: Array(repeating: 2, count: 8))!,
            name: name,
            kind: .server,
            attributes: Attributes(attributes),
            status: spanStatus
        )
    }

    static func rules(_ findings: [TelemetryFinding]) -> [String] { findings.map(\.rule).sorted() }

    @Test("a conforming HTTP server span and resource give no finding")
    func conforming() {
        #expect(SemanticConventionChecker().check(traces: Self.traces([Self.serverSpan()])).isEmpty)
    }

    @Test("a span named by its path, without the method, is reported with the expected name")
    func spanName() {
        let findings = SemanticConventionChecker().check(traces: Self.traces([Self.serverSpan(name: "/orders/{id}")]))
        #expect(Self.rules(findings) == ["semconv/http-server-span-name"])
        #expect(findings.first?.message == "server spans that the conventions name `GET /orders/{id}` are named otherwise, e.g. `/orders/{id}`")
    }

    @Test("missing required attributes are named")
    func requiredAttributes() {
        let findings = SemanticConventionChecker().check(
            traces: Self.traces([Self.serverSpan(dropping: ["url.scheme", "http.response.status_code"])])
        )
        #expect(findings.map(\.message) == ["the server span has no `url.scheme`, `http.response.status_code`"])
    }

    @Test("5xx must be an error, 4xx must not be")
    func errorStatus() {
        let fiveHundred = SemanticConventionChecker().check(traces: Self.traces([Self.serverSpan(status: 503)]))
        #expect(fiveHundred.map(\.message) == ["status code 503 but span status unset"])
        #expect(SemanticConventionChecker().check(traces: Self.traces([Self.serverSpan(status: 503, spanStatus: .error("boom"))])).isEmpty)
        let fourHundred = SemanticConventionChecker().check(traces: Self.traces([Self.serverSpan(status: 404, spanStatus: .error("not found"))]))
        #expect(Self.rules(fourHundred) == ["semconv/http-server-error-status"])
    }

    @Test("old attribute names are reported with their stable replacement")
    func deprecatedAttributes() {
        let findings = SemanticConventionChecker().check(
            traces: Self.traces([Self.serverSpan(extra: [Attribute(key: "http.status_code", value: 200)])])
        )
        #expect(findings.map(\.message) == ["attribute `http.status_code` is replaced by `http.response.status_code`"])
        #expect(findings.first?.severity == .warning)
    }

    @Test("a resource without service.name, or with unknown_service, is an error")
    func serviceName() {
        #expect(
            SemanticConventionChecker().check(traces: Self.traces([Self.serverSpan()], service: nil)).map(\.message) == [
                "the resource has no `service.name`"
            ]
        )
        let unknown = SemanticConventionChecker().check(traces: Self.traces([Self.serverSpan()], service: "unknown_service:swift"))
        #expect(Self.rules(unknown) == ["semconv/service-name"])
    }

    @Test("the same finding on many spans is reported once, with the count, also when each span has its own (raw URL) name")
    func grouping() {
        let findings = SemanticConventionChecker().check(traces: Self.traces((0..<250).map { Self.serverSpan(name: "GET /orders/\($0)") }))
        #expect(findings.count == 1)
        #expect(findings.first?.message == "server spans that the conventions name `GET /orders/{id}` are named otherwise, e.g. `GET /orders/0`")
        #expect(findings.first?.subject == "spans \"GET /orders/{id}\" (250 spans)")
    }

    static func metrics(_ metrics: [Metric]) -> MetricsData {
        MetricsData(resourceMetrics: [
            ResourceMetrics(
                resource: Resource(attributes: ["service.name": "checkout"]),
                scopeMetrics: [ScopeMetrics(scope: InstrumentationScope(name: "test"), metrics: metrics)]
            )
        ])
    }

    @Test("http.server.request.duration must be a histogram in seconds")
    func duration() {
        let milliseconds = Metric(
            name: "http.server.request.duration",
            unit: "ms",
            data: .histogram(.init(dataPoints: [], aggregationTemporality: .cumulative))
        )
        #expect(
            SemanticConventionChecker().check(metrics: Self.metrics([milliseconds])).map(\.message)
                == [
                    "has unit `ms`, not `s`: the collector exposes it as http_server_request_duration_milliseconds_bucket instead of http_server_request_duration_seconds_bucket"
                ]
        )
        let gauge = Metric(name: "http.server.request.duration", unit: "s", data: .gauge([]))
        #expect(SemanticConventionChecker().check(metrics: Self.metrics([gauge])).map(\.message) == ["is a gauge, not a histogram"])
        let good = Metric(
            name: "http.server.request.duration",
            unit: "s",
            data: .histogram(.init(dataPoints: [], aggregationTemporality: .cumulative))
        )
        #expect(SemanticConventionChecker().check(metrics: Self.metrics([good])).isEmpty)
    }

    @Test("unbounded attribute values on metrics: known-unbounded keys, and any key over the limit")
    func cardinality() {
        func point(_ attributes: [Attribute]) -> NumberDataPoint {
            NumberDataPoint(attributes: Attributes(attributes), timeUnixNano: 1, value: .int(1))
        }
        let byPath = Metric(
            name: "requests",
            data: .sum(
                .init(
                    dataPoints: (0..<3).map { point([Attribute(key: "url.path", value: .string("/orders/\($0)"))]) },
                    aggregationTemporality: .cumulative,
                    isMonotonic: true
                )
            )
        )
        let byCustomer = Metric(
            name: "orders",
            data: .sum(
                .init(
                    dataPoints: (0..<20).map { point([Attribute(key: "customer", value: .int(Int64($0))), Attribute(key: "region", value: "eu")]) },
                    aggregationTemporality: .cumulative,
                    isMonotonic: true
                )
            )
        )
        let findings = SemanticConventionChecker(maximumDistinctValues: 10).check(metrics: Self.metrics([byPath, byCustomer]))
        #expect(findings.map(\.subject).sorted() == ["metric orders", "metric requests"])
        #expect(findings.first { $0.subject == "metric orders" }?.message.hasPrefix("attribute `customer` has over 10 distinct values") == true)
        #expect(findings.first { $0.subject == "metric requests" }?.message.hasPrefix("attribute `url.path` has unbounded values (3 seen") == true)
    }

    @Test("the real demo service (Hummingbird's tracing middleware, swift-otel) shows its deviations")
    func demoService() async throws {
        let receiver = try await OTLPReceiver.start()
        do {
            let launcher = DemoServiceLauncher(executable: BuiltProducts.folder.appendingPathComponent("DemoService"))
            let service = try await launcher.launch(collectorOTLP: receiver.grpcEndpoint)
            let failures = try await ConformanceFixtures.sendPipelineRequests(to: service.url, count: 5)
            #expect(failures.isEmpty, "statuses: \(failures)")
            _ = try? await receiver.wait(for: "a server span and http.server.request.duration", timeout: .seconds(60)) { telemetry in
                telemetry.spans.contains(where: { $0.kind == .server })
                    && telemetry.allMetrics.contains(where: { $0.name == "http.server.request.duration" }) ? true : nil
            }
            _ = await service.stop(within: .seconds(10))
            let telemetry = receiver.data
            await receiver.stop()
            let findings = SemanticConventionChecker().check(traces: telemetry.traces, metrics: telemetry.metrics, logs: telemetry.logs)
            // Hummingbird 2.28 names server spans by route without the method and sets no
            // url.scheme; its http.server.request.duration has no unit. The resource is fine.
            #expect(
                Set(findings.map(\.rule)) == ["semconv/http-server-span-name", "semconv/http-server-attributes", "semconv/http-server-duration"],
                "\(findings.map(\.description).joined(separator: "\n"))"
            )
            #expect(
                findings.contains {
                    $0.message == "server spans that the conventions name `POST /v1/pipeline` are named otherwise, e.g. `/v1/pipeline`"
                }
            )
            #expect(findings.contains { $0.message == "the server span has no `url.scheme`" })
        } catch {
            await receiver.stop()
            throw error
        }
    }
}
