import Foundation
import TelemetryExposition
import TelemetryModel
import Testing

@Suite("Prometheus exposition as the collector's prometheus exporter serves it")
struct PrometheusExpositionTests {
    /// `job`, `instance` and the scope labels every series of ``Fixtures/resource`` carries.
    static let common = #"instance="i-1",job="shop/checkout",otel_scope_name="app",otel_scope_schema_url="",otel_scope_version="1.0""#

    static func representativeBatch() -> MetricsData {
        Fixtures.metrics([
            Fixtures.sum(
                "http.server.requests",
                unit: "{request}",
                description: "Requests served",
                value: .int(42),
                attributes: ["http.method": "GET", "http.status_code": 200]
            ),
            Fixtures.histogram(
                "http.server.duration",
                unit: "s",
                description: "Request duration",
                bounds: [0.1, 0.5, 1],
                counts: [1, 2, 0, 1],
                sum: 2.3,
                attributes: ["http.route": "/a"]
            ),
            Fixtures.gauge("cpu.utilization", unit: "1", value: .double(0.25)),
            Fixtures.sum("queue.size", unit: "{item}", monotonic: false, value: .int(3)),
            Fixtures.gauge(
                "weird",
                description: "Says \"hi\" \\ twice\nsecond line",
                value: .int(-7),
                attributes: ["path": "a\"b\\c\nd"]
            ),
        ])
    }

    @Test("text format 0.0.4: names, units, types, labels, escaping, target_info")
    func textFormat() {
        var accumulator = PrometheusAccumulator()
        accumulator.accumulate(Self.representativeBatch())
        let exposition = accumulator.exposition()
        let common = Self.common
        #expect(
            exposition.text == """
                # HELP cpu_utilization_ratio\u{20}
                # TYPE cpu_utilization_ratio gauge
                cpu_utilization_ratio{\(common)} 0.25
                # HELP http_server_duration_seconds Request duration
                # TYPE http_server_duration_seconds histogram
                http_server_duration_seconds_bucket{http_route="/a",\(common),le="0.1"} 1
                http_server_duration_seconds_bucket{http_route="/a",\(common),le="0.5"} 3
                http_server_duration_seconds_bucket{http_route="/a",\(common),le="1"} 3
                http_server_duration_seconds_bucket{http_route="/a",\(common),le="+Inf"} 4
                http_server_duration_seconds_sum{http_route="/a",\(common)} 2.3
                http_server_duration_seconds_count{http_route="/a",\(common)} 4
                # HELP http_server_requests_total Requests served
                # TYPE http_server_requests_total counter
                http_server_requests_total{http_method="GET",http_status_code="200",\(common)} 42
                # HELP queue_size\u{20}
                # TYPE queue_size gauge
                queue_size{\(common)} 3
                # HELP target_info Target metadata
                # TYPE target_info gauge
                target_info{deployment_environment="test",host_name="box",instance="i-1",job="shop/checkout"} 1
                # HELP weird Says "hi" \\\\ twice\\nsecond line
                # TYPE weird gauge
                weird{\(common),path="a\\"b\\\\c\\nd"} -7

                """
        )
        #expect(exposition.skippedSeries.isEmpty)
        #expect(exposition.response.statusCode == 200)
        #expect(exposition.response.contentType == "text/plain; version=0.0.4; charset=utf-8; escaping=underscores")
        #expect(exposition.response.body == Data(exposition.text.utf8))
    }

    @Test("OpenMetrics 1.0.0: counter families without _total, integer counts, float values, # EOF")
    func openMetrics() {
        var accumulator = PrometheusAccumulator()
        accumulator.accumulate(Self.representativeBatch())
        let text = accumulator.exposition(format: .openMetrics).text
        let common = Self.common
        #expect(
            text == """
                # HELP cpu_utilization_ratio\u{20}
                # TYPE cpu_utilization_ratio gauge
                cpu_utilization_ratio{\(common)} 0.25
                # HELP http_server_duration_seconds Request duration
                # TYPE http_server_duration_seconds histogram
                http_server_duration_seconds_bucket{http_route="/a",\(common),le="0.1"} 1
                http_server_duration_seconds_bucket{http_route="/a",\(common),le="0.5"} 3
                http_server_duration_seconds_bucket{http_route="/a",\(common),le="1.0"} 3
                http_server_duration_seconds_bucket{http_route="/a",\(common),le="+Inf"} 4
                http_server_duration_seconds_sum{http_route="/a",\(common)} 2.3
                http_server_duration_seconds_count{http_route="/a",\(common)} 4
                # HELP http_server_requests Requests served
                # TYPE http_server_requests counter
                http_server_requests_total{http_method="GET",http_status_code="200",\(common)} 42.0
                # HELP queue_size\u{20}
                # TYPE queue_size gauge
                queue_size{\(common)} 3.0
                # HELP target_info Target metadata
                # TYPE target_info gauge
                target_info{deployment_environment="test",host_name="box",instance="i-1",job="shop/checkout"} 1.0
                # HELP weird Says \\"hi\\" \\\\ twice\\nsecond line
                # TYPE weird gauge
                weird{\(common),path="a\\"b\\\\c\\nd"} -7.0
                # EOF

                """
        )
    }

    @Test("OpenMetrics carries a counter's exemplar with trace and span ids")
    func exemplar() throws {
        let traceID = try #require(TraceID(hex: "0102030405060708090a0b0c0d0e0f10"))
        var accumulator = PrometheusAccumulator()
        accumulator.accumulate(
            Fixtures.metrics(
                [
                    Fixtures.sum(
                        "orders",
                        value: .int(3),
                        exemplars: [
                            Exemplar(timeUnixNano: 1_700_000_000_500_000_000, value: .double(1), spanID: SpanID(0xABC), traceID: traceID)
                        ]
                    )
                ],
                resource: Resource(attributes: ["service.name": "shop"])
            )
        )
        let openMetrics = accumulator.exposition(format: .openMetrics).text
        #expect(
            openMetrics.contains(
                #"orders_total{job="shop",otel_scope_name="app",otel_scope_schema_url="",otel_scope_version="1.0"} 3.0 # {span_id="0000000000000abc",trace_id="0102030405060708090a0b0c0d0e0f10"} 1.0 1.7000000005e+09"#
                    + "\n"
            )
        )
        let text = accumulator.exposition().text
        #expect(text.contains(#"orders_total{job="shop",otel_scope_name="app",otel_scope_schema_url="",otel_scope_version="1.0"} 3"# + "\n"))
        #expect(!text.contains("trace_id"))
    }

    @Test("OpenMetrics puts histogram exemplars into the first bucket that holds them, +Inf above all bounds")
    func histogramExemplars() throws {
        let traceID = try #require(TraceID(hex: "000000000000000000000000000000aa"))
        var metric = Fixtures.histogram("size", unit: "By", bounds: [10, 100], counts: [1, 2, 1], sum: 250)
        guard case .histogram(var histogram) = metric.data else { return }
        histogram.dataPoints[0].exemplars = [
            Exemplar(timeUnixNano: 2_000_000_000, value: .int(50), spanID: SpanID(1), traceID: traceID),
            Exemplar(timeUnixNano: 3_000_000_000, value: .double(500), traceID: traceID),
        ]
        metric.data = .histogram(histogram)
        var accumulator = PrometheusAccumulator()
        accumulator.accumulate(Fixtures.metrics([metric], resource: Resource()))
        let labels = #"otel_scope_name="app",otel_scope_schema_url="",otel_scope_version="1.0""#
        #expect(
            accumulator.exposition(format: .openMetrics).text == """
                # HELP size_bytes\u{20}
                # TYPE size_bytes histogram
                size_bytes_bucket{\(labels),le="10.0"} 1
                size_bytes_bucket{\(labels),le="100.0"} 3 # {span_id="0000000000000001",trace_id="000000000000000000000000000000aa"} 50.0 2.0
                size_bytes_bucket{\(labels),le="+Inf"} 4 # {trace_id="000000000000000000000000000000aa"} 500.0 3.0
                size_bytes_sum{\(labels)} 250.0
                size_bytes_count{\(labels)} 4
                # EOF

                """
        )
    }

    @Test("job is service.name alone without a namespace; no target_info without an instance")
    func jobWithoutNamespace() {
        var accumulator = PrometheusAccumulator()
        accumulator.accumulate(
            Fixtures.metrics(
                [Fixtures.gauge("up", value: .int(1))],
                resource: Resource(attributes: ["service.name": "cart", "region": "eu"])
            )
        )
        #expect(
            accumulator.exposition().text == """
                # HELP up\u{20}
                # TYPE up gauge
                up{job="cart",otel_scope_name="app",otel_scope_schema_url="",otel_scope_version="1.0"} 1

                """
        )
    }

    @Test("scope attributes become otel_scope_ labels, with the schema URL")
    func scopeAttributes() {
        var accumulator = PrometheusAccumulator()
        let scope = InstrumentationScope(name: "lib", version: "", attributes: ["team.name": "payments"])
        var batch = Fixtures.metrics([Fixtures.gauge("g", value: .double(1.5))], resource: Resource(), scope: scope)
        batch.resourceMetrics[0].scopeMetrics[0].schemaURL = "https://opentelemetry.io/schemas/1.26.0"
        accumulator.accumulate(batch)
        #expect(
            accumulator.exposition().text.contains(
                #"g{otel_scope_name="lib",otel_scope_schema_url="https://opentelemetry.io/schemas/1.26.0",otel_scope_team_name="payments",otel_scope_version=""} 1.5"#
            )
        )
    }

    @Test("the namespace prefixes metric names and target_info")
    func namespace() {
        var accumulator = PrometheusAccumulator()
        accumulator.accumulate(Fixtures.metrics([Fixtures.sum("requests", value: .int(1))]))
        let text = accumulator.exposition(namespace: "edge").text
        #expect(text.contains("# TYPE edge_requests_total counter\n"))
        #expect(text.contains("# TYPE edge_target_info gauge\n"))
    }

    @Test("series are sorted by label values within a family")
    func sampleOrder() {
        var accumulator = PrometheusAccumulator()
        accumulator.accumulate(
            Fixtures.metrics(
                [
                    Fixtures.gauge("temp", value: .int(3), attributes: ["room": "c"]),
                    Fixtures.gauge("temp", value: .int(1), attributes: ["room": "a"]),
                    Fixtures.gauge("temp", value: .int(2), attributes: ["room": "b"]),
                ],
                resource: Resource()
            )
        )
        let lines = accumulator.exposition().text.split(separator: "\n").filter { $0.hasPrefix("temp{") }
        #expect(lines.map { $0.split(separator: " ").last! } == ["1", "2", "3"])
    }

    @Test("a label collision and a type conflict are skipped and reported, not silent")
    func skippedSeries() {
        var accumulator = PrometheusAccumulator()
        accumulator.accumulate(
            Fixtures.metrics(
                [
                    Fixtures.gauge("clash", value: .int(1), attributes: ["a.b": "x", "a_b": "y"]),
                    Fixtures.gauge("jobs", value: .int(1), attributes: ["job": "mine"]),
                    Fixtures.gauge("depth", value: .int(1)),
                    Fixtures.sum("depth", monotonic: false, value: .int(2), attributes: ["k": "v"]),
                    Fixtures.gauge("latency_total", value: .int(1)),
                    Fixtures.sum("latency", value: .int(1), attributes: ["k": "v"]),
                ],
                resource: Resource(attributes: ["service.name": "svc"])
            )
        )
        let exposition = accumulator.exposition()
        #expect(
            exposition.skippedSeries == [
                PrometheusSkippedSeries(metricName: "clash", exposedName: "clash", reason: .duplicateLabelName("a_b")),
                PrometheusSkippedSeries(metricName: "jobs", exposedName: "jobs", reason: .duplicateLabelName("job")),
                PrometheusSkippedSeries(
                    metricName: "latency",
                    exposedName: "latency_total",
                    reason: .typeConflict(existing: "gauge", skipped: "counter")
                ),
            ]
        )
        #expect(exposition.text.contains(#"depth{job="svc",k="v","#))
    }

    @Test("content negotiation prefers OpenMetrics only when enabled")
    func negotiation() {
        let prometheus =
            "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2"
        #expect(PrometheusExpositionFormat.negotiated(accept: prometheus) == .text)
        #expect(PrometheusExpositionFormat.negotiated(accept: prometheus, openMetricsEnabled: true) == .openMetrics)
        #expect(PrometheusExpositionFormat.negotiated(accept: nil, openMetricsEnabled: true) == .text)
        #expect(
            PrometheusExpositionFormat.openMetrics.contentType == "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=underscores"
        )
    }
}
