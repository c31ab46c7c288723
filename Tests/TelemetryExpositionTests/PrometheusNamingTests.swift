import TelemetryExposition
import TelemetryModel
import Testing

@Suite("Prometheus names as the collector's prometheus exporter builds them")
struct PrometheusNamingTests {
    enum Kind: Sendable {
        case gauge, counter, upDownCounter, histogram

        func metric(_ name: String, unit: String) -> Metric {
            switch self {
            case .gauge: Fixtures.gauge(name, unit: unit, value: .int(1))
            case .counter: Fixtures.sum(name, unit: unit, value: .int(1))
            case .upDownCounter: Fixtures.sum(name, unit: unit, monotonic: false, value: .int(1))
            case .histogram: Fixtures.histogram(name, unit: unit, bounds: [], counts: [1], sum: 1)
            }
        }
    }

    @Test(
        "metric names",
        arguments: [
            ("http.server.request.duration", "s", Kind.histogram, "http_server_request_duration_seconds"),
            ("http.server.requests", "{request}", .counter, "http_server_requests_total"),
            ("system.memory.usage", "By", .gauge, "system_memory_usage_bytes"),
            ("network.io", "By/s", .gauge, "network_io_bytes_per_second"),
            ("cache.size", "KiBy", .gauge, "cache_size_kibibytes"),
            ("gc.duration", "ms", .histogram, "gc_duration_milliseconds"),
            ("cpu.utilization", "1", .gauge, "cpu_utilization_ratio"),
            ("requests", "1", .counter, "requests_total"),
            ("queue.size", "1", .upDownCounter, "queue_size"),
            ("queue.size", "{item}", .upDownCounter, "queue_size"),
            ("requests_total", "", .counter, "requests_total"),
            ("total.requests", "", .counter, "requests_total"),
            ("foo..bar__baz-qux", "", .gauge, "foo_bar_baz_qux"),
            ("2xx.count", "", .gauge, "_2xx_count"),
            ("latency.seconds", "s", .gauge, "latency_seconds"),
            ("temperature", "Cel", .gauge, "temperature_celsius"),
            ("download", "MBy/min", .gauge, "download_megabytes_per_min"),
            ("speed", "km/h", .gauge, "speed_km_per_hour"),
            ("events", "{event}/s", .counter, "events_per_second_total"),
            ("ratio", "1", .gauge, "ratio"),
            ("disk:io", "By", .counter, "disk:io_bytes_total"),
            ("load", "%", .gauge, "load_percent"),
        ] as [(String, String, Kind, String)]
    )
    func metricName(name: String, unit: String, kind: Kind, expected: String) {
        #expect(PrometheusNaming.metricName(for: kind.metric(name, unit: unit)) == expected)
    }

    @Test("the namespace comes first")
    func namespace() {
        #expect(PrometheusNaming.metricName(for: Fixtures.sum("requests", value: .int(1)), namespace: "app") == "app_requests_total")
    }

    @Test("a name with nothing valid left is refused")
    func invalidName() {
        #expect(PrometheusNaming.metricName(for: Fixtures.gauge("!!!", value: .int(1))) == nil)
    }

    @Test(
        "label names",
        arguments: [
            ("http.method", "http_method"), ("123abc", "key_123abc"), ("_private", "key_private"),
            ("a..b", "a__b"), ("ünïcode", "key_n_code"), ("otel_scope_x.y", "otel_scope_x_y"),
        ]
    )
    func labelName(key: String, expected: String) {
        #expect(PrometheusNaming.labelName(for: key) == expected)
    }

    @Test("empty and reserved label names are refused", arguments: ["", "__name", "..x"])
    func invalidLabelName(key: String) {
        #expect(PrometheusNaming.labelName(for: key) == nil)
    }
}
