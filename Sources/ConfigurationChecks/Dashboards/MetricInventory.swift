public import Foundation
public import StackConfiguration
import TelemetryExposition
public import TelemetryModel

/// The metrics a service emits, as Prometheus sees them through the collector's prometheus
/// exporter: what dashboard queries are checked against.
public struct MetricInventory: Sendable {
    /// How a series behaves.
    public enum SeriesKind: String, Sendable, Hashable {
        /// Only increases (a monotonic sum, or a histogram's `_bucket`, `_sum`, `_count`).
        case counter
        /// Goes up and down.
        case gauge
    }

    /// A Prometheus series name, with its OTLP instrument.
    public struct Series: Sendable, Hashable {
        /// The Prometheus name.
        public var name: String
        /// The OTLP metric it comes from (empty for series the exporter or Prometheus add).
        public var instrument: String
        /// Whether it is a counter.
        public var kind: SeriesKind
    }

    /// Series that exist without an instrument: the exporter's `target_info` and Prometheus's
    /// own per-target series.
    public static let implicitSeries: [Series] = [
        "target_info", "up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added",
    ]
    .map { Series(name: $0, instrument: "", kind: .gauge) }

    /// Every series, by name.
    public private(set) var series: [String: Series] = [:]
    /// The exporter namespace the names carry.
    public let namespace: String
    private let metrics: [Metric]

    /// The series of `metrics` under the collector's naming (with `namespace`, when the
    /// exporter sets one).
    public init(metrics: [Metric], namespace: String = "") {
        self.metrics = metrics
        self.namespace = namespace
        for series in Self.implicitSeries { self.series[series.name] = series }
        for metric in metrics {
            guard let name = PrometheusNaming.metricName(for: metric, namespace: namespace) else { continue }
            switch metric.data {
            case .sum(let sum):
                add(name, metric.name, sum.isMonotonic ? .counter : .gauge)
            case .gauge:
                add(name, metric.name, .gauge)
            case .histogram, .exponentialHistogram:
                for suffix in ["_bucket", "_sum", "_count"] { add(name + suffix, metric.name, .counter) }
            case .summary:
                add(name, metric.name, .gauge)
                for suffix in ["_sum", "_count"] { add(name + suffix, metric.name, .counter) }
            }
        }
    }

    private mutating func add(_ name: String, _ instrument: String, _ kind: SeriesKind) {
        series[name] = Series(name: name, instrument: instrument, kind: kind)
    }

    /// The same metrics under another exporter namespace.
    public func withNamespace(_ namespace: String) -> MetricInventory {
        MetricInventory(metrics: metrics, namespace: namespace)
    }

    /// The instruments the inventory was built from, each once.
    public var instruments: Set<String> { Set(series.values.map(\.instrument).filter { !$0.isEmpty }) }

    /// Reads OTLP/JSON metrics: one export request, or JSON lines of them (what
    /// `otel-harness receive --file-export` and the collector's file exporter write).
    ///
    /// - Throws: `StackConfigurationError` naming the file and line that is not OTLP/JSON.
    public static func load(_ url: URL, namespace: String = "") throws(StackConfigurationError) -> MetricInventory {
        let metrics: [Metric]
        do {
            metrics = try OTLPJSONFile.read(url).metrics.metrics
        } catch {
            throw StackConfigurationError(error.message)
        }
        guard !metrics.isEmpty else { throw StackConfigurationError("\(url.path) holds no OTLP metrics") }
        return MetricInventory(metrics: metrics, namespace: namespace)
    }
}
