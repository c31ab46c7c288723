import TelemetryExposition
public import TelemetryModel

/// The metrics the demo service emits (its own and Hummingbird's), as OTLP metrics without
/// data points: what the scrape scenario predicts Prometheus names from.
public enum DemoServiceMetrics {
    /// Each instrument with its OTLP kind and unit as swift-otel 1.6.0 exports it.
    public static let instruments: [Metric] = [
        Metric(name: "pipeline.requests", data: .sum(.init(dataPoints: [], aggregationTemporality: .cumulative, isMonotonic: true))),
        Metric(name: "pipeline.stage.completed", data: .sum(.init(dataPoints: [], aggregationTemporality: .cumulative, isMonotonic: true))),
        Metric(name: "pipeline.stage.duration", data: .histogram(.init(dataPoints: [], aggregationTemporality: .cumulative))),
        Metric(name: "http.server.request.duration", data: .histogram(.init(dataPoints: [], aggregationTemporality: .cumulative))),
    ]

    /// The series to query for each instrument under the collector's Prometheus naming: the
    /// name itself, or `<name>_count` for a histogram.
    public static var predictedSeries: [(instrument: String, series: String)] {
        instruments.compactMap { metric in
            guard let name = PrometheusNaming.metricName(for: metric) else { return nil }
            if case .histogram = metric.data { return (metric.name, name + "_count") }
            return (metric.name, name)
        }
    }
}
