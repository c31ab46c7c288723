import Foundation
import TelemetryModel

/// Builders for the inputs the tests share.
enum Fixtures {
    static let resource = Resource(attributes: [
        "service.name": "checkout",
        "service.namespace": "shop",
        "service.instance.id": "i-1",
        "host.name": "box",
        "deployment.environment": "test",
    ])

    static let scope = InstrumentationScope(name: "app", version: "1.0")

    /// One export request with `metrics` from ``resource`` and ``scope``.
    static func metrics(_ metrics: [Metric], resource: Resource = resource, scope: InstrumentationScope = scope) -> MetricsData {
        MetricsData(resourceMetrics: [
            ResourceMetrics(resource: resource, scopeMetrics: [ScopeMetrics(scope: scope, metrics: metrics)])
        ])
    }

    static func gauge(
        _ name: String,
        unit: String = "",
        description: String = "",
        value: MetricValue,
        time: UInt64 = 1_000,
        attributes: Attributes = [:]
    ) -> Metric {
        Metric(
            name: name,
            description: description,
            unit: unit,
            data: .gauge([
                NumberDataPoint(attributes: attributes, timeUnixNano: time, value: value)
            ])
        )
    }

    static func sum(
        _ name: String,
        unit: String = "",
        description: String = "",
        monotonic: Bool = true,
        temporality: AggregationTemporality = .cumulative,
        value: MetricValue,
        start: UInt64 = 0,
        time: UInt64 = 1_000,
        attributes: Attributes = [:],
        exemplars: [Exemplar] = []
    ) -> Metric {
        Metric(
            name: name,
            description: description,
            unit: unit,
            data: .sum(
                .init(
                    dataPoints: [
                        NumberDataPoint(attributes: attributes, startTimeUnixNano: start, timeUnixNano: time, value: value, exemplars: exemplars)
                    ],
                    aggregationTemporality: temporality,
                    isMonotonic: monotonic
                )
            )
        )
    }

    static func histogram(
        _ name: String,
        unit: String = "",
        description: String = "",
        temporality: AggregationTemporality = .cumulative,
        bounds: [Double],
        counts: [UInt64],
        sum: Double,
        start: UInt64 = 0,
        time: UInt64 = 1_000,
        attributes: Attributes = [:]
    ) -> Metric {
        Metric(
            name: name,
            description: description,
            unit: unit,
            data: .histogram(
                .init(
                    dataPoints: [
                        HistogramDataPoint(
                            attributes: attributes,
                            startTimeUnixNano: start,
                            timeUnixNano: time,
                            count: counts.reduce(0, +),
                            sum: sum,
                            bucketCounts: counts,
                            explicitBounds: bounds
                        )
                    ],
                    aggregationTemporality: temporality
                )
            )
        )
    }
}
