import TelemetryModel

/// One accumulated series: the latest (or accumulated) point and what the exposition needs
/// to name and label it.
struct PrometheusSeries {
    /// The point the series exposes.
    enum Point {
        case gauge(NumberDataPoint)
        case sum(NumberDataPoint, isMonotonic: Bool)
        case histogram(HistogramDataPoint)
        case summary(SummaryDataPoint)
    }

    /// The metric's OTLP name, description and unit from the latest update.
    var metricName: String
    var description: String
    var unit: String
    /// The resource attributes of the latest update (for target_info and job/instance).
    var resource: Attributes
    var scope: InstrumentationScope
    var scopeSchemaURL: String
    var point: Point
    /// When the series was created and last updated, in the accumulator's update sequence.
    var created: Int
    var updated: Int

    /// The type the exposition gives the series' family.
    var metricType: PrometheusMetricType {
        switch point {
        case .gauge: .gauge
        case .sum(_, let isMonotonic): isMonotonic ? .monotonicCounter : .nonMonotonicCounter
        case .histogram: .histogram
        case .summary: .summary
        }
    }
}
