public import TelemetryModel

/// A histogram's data merged over the points that matched a query.
public struct HistogramSummary: Sendable, Hashable {
    /// How many values were recorded.
    public var count: UInt64
    /// Their sum.
    public var sum: Double
    /// The bucket upper bounds.
    public var explicitBounds: [Double]
    /// The count per bucket, one more than the bounds.
    public var bucketCounts: [UInt64]
    /// The smallest value, when known.
    public var min: Double?
    /// The largest value, when known.
    public var max: Double?
}

extension Attributes {
    /// Whether every pair of `subset` is in this list with the same value.
    public func contains(_ subset: Attributes) -> Bool {
        subset.pairs.allSatisfy { self[$0.key] == $0.value }
    }
}

extension Metric {
    /// Whether any data point's attributes include `attributes`.
    public func hasPoint(matching attributes: Attributes) -> Bool {
        switch data {
        case .gauge(let points): points.contains { $0.attributes.contains(attributes) }
        case .sum(let sum): sum.dataPoints.contains { $0.attributes.contains(attributes) }
        case .histogram(let histogram): histogram.dataPoints.contains { $0.attributes.contains(attributes) }
        case .exponentialHistogram(let histogram): histogram.dataPoints.contains { $0.attributes.contains(attributes) }
        case .summary(let points): points.contains { $0.attributes.contains(attributes) }
        }
    }
}

extension MetricsData {
    /// The metrics named `name` (one per resource and scope that reported it).
    public func metrics(named name: String) -> [Metric] {
        metrics.filter { $0.name == name }
    }

    /// The total of the sum (counter) `name` over the series whose attributes include
    /// `attributes`; `nil` when no such sum exists or no point matches.
    ///
    /// Cumulative series count with their latest point only (an exporter that reported 5, then
    /// 7, has counted 7); delta points all add up.
    public func total(of name: String, where attributes: Attributes = [:]) -> Double? {
        let points = seriesPoints(named: name, matching: attributes) { data -> ([NumberDataPoint], AggregationTemporality)? in
            if case .sum(let sum) = data { (sum.dataPoints, sum.aggregationTemporality) } else { nil }
        }
        guard !points.isEmpty else { return nil }
        return points.reduce(0) { $0 + ($1.value?.doubleValue ?? 0) }
    }

    /// The value of the gauge `name` at the latest point whose attributes include `attributes`.
    public func gaugeValue(of name: String, where attributes: Attributes = [:]) -> Double? {
        metrics(named: name).flatMap { metric -> [NumberDataPoint] in
            if case .gauge(let points) = metric.data { return points } else { return [] }
        }
        .filter { $0.attributes.contains(attributes) }
        .max { $0.timeUnixNano < $1.timeUnixNano }?.value?.doubleValue
    }

    /// The histogram `name` merged over the series whose attributes include `attributes`
    /// (cumulative series by their latest point, delta points all). Points with other bucket
    /// bounds than the first are counted but left out of the buckets.
    public func histogram(_ name: String, where attributes: Attributes = [:]) -> HistogramSummary? {
        let points = seriesPoints(named: name, matching: attributes) { data -> ([HistogramDataPoint], AggregationTemporality)? in
            if case .histogram(let histogram) = data { (histogram.dataPoints, histogram.aggregationTemporality) } else { nil }
        }
        guard let first = points.first else { return nil }
        var summary = HistogramSummary(
            count: 0,
            sum: 0,
            explicitBounds: first.explicitBounds,
            bucketCounts: [UInt64](repeating: 0, count: first.bucketCounts.count),
            min: nil,
            max: nil
        )
        for point in points {
            summary.count &+= point.count
            summary.sum += point.sum ?? 0
            if point.explicitBounds == summary.explicitBounds, point.bucketCounts.count == summary.bucketCounts.count {
                for index in point.bucketCounts.indices { summary.bucketCounts[index] &+= point.bucketCounts[index] }
            }
            if let min = point.min { summary.min = Swift.min(summary.min ?? min, min) }
            if let max = point.max { summary.max = Swift.max(summary.max ?? max, max) }
        }
        return summary
    }

    /// The points of `name` whose attributes include `attributes`: for cumulative data the
    /// latest point of each series (resource, scope and point attributes), for delta data all.
    private func seriesPoints<Point: SeriesPoint>(
        named name: String,
        matching attributes: Attributes,
        _ extract: (MetricData) -> ([Point], AggregationTemporality)?
    ) -> [Point] {
        var latest: [SeriesKey: Point] = [:]
        var order: [SeriesKey] = []
        var deltas: [Point] = []
        for resourceMetrics in resourceMetrics {
            for scopeMetrics in resourceMetrics.scopeMetrics {
                for metric in scopeMetrics.metrics where metric.name == name {
                    guard let (points, temporality) = extract(metric.data) else { continue }
                    for point in points where point.attributes.contains(attributes) {
                        guard temporality == .cumulative else {
                            deltas.append(point)
                            continue
                        }
                        let key = SeriesKey(
                            resource: resourceMetrics.resource.attributes,
                            scope: scopeMetrics.scope,
                            attributes: Attributes(point.attributes.sortedByKey)
                        )
                        if let previous = latest[key] {
                            if point.timeUnixNano >= previous.timeUnixNano { latest[key] = point }
                        } else {
                            latest[key] = point
                            order.append(key)
                        }
                    }
                }
            }
        }
        return order.map { latest[$0]! } + deltas
    }
}

private struct SeriesKey: Hashable {
    var resource: Attributes
    var scope: InstrumentationScope
    var attributes: Attributes
}

/// A data point with attributes and a time, for series bookkeeping.
private protocol SeriesPoint {
    var attributes: Attributes { get }
    var timeUnixNano: UInt64 { get }
}

extension NumberDataPoint: SeriesPoint {}
extension HistogramDataPoint: SeriesPoint {}
