import TelemetryModel

/// otlptranslator's `MetricType`: the metric kinds its namer tells apart.
enum PrometheusMetricType: Hashable {
    case gauge
    case monotonicCounter
    case nonMonotonicCounter
    case histogram
    case exponentialHistogram
    case summary

    /// The type of a metric's data, as `TranslatorMetricFromOtelMetric` maps it.
    init(_ data: MetricData) {
        switch data {
        case .gauge: self = .gauge
        case .sum(let sum): self = sum.isMonotonic ? .monotonicCounter : .nonMonotonicCounter
        case .histogram: self = .histogram
        case .exponentialHistogram: self = .exponentialHistogram
        case .summary: self = .summary
        }
    }
}
