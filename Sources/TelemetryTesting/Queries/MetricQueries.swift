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

    /// The total of the sum (counter) `name` over the points whose attributes include
    /// `attributes`; `nil` when no such sum exists or no point matches.
    public func total(of name: String, where attributes: Attributes = [:]) -> Double? {
        let points = metrics(named: name).flatMap { metric -> [NumberDataPoint] in
            if case .sum(let sum) = metric.data { return sum.dataPoints } else { return [] }
        }.filter { $0.attributes.contains(attributes) }
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

    /// The histogram `name` merged over the points whose attributes include `attributes`.
    /// Points with other bucket bounds than the first matching one are left out of the buckets.
    public func histogram(_ name: String, where attributes: Attributes = [:]) -> HistogramSummary? {
        let points = metrics(named: name).flatMap { metric -> [HistogramDataPoint] in
            if case .histogram(let histogram) = metric.data { return histogram.dataPoints } else { return [] }
        }.filter { $0.attributes.contains(attributes) }
        guard let first = points.first else { return nil }
        var summary = HistogramSummary(
            count: 0, sum: 0, explicitBounds: first.explicitBounds,
            bucketCounts: [UInt64](repeating: 0, count: first.bucketCounts.count), min: nil, max: nil)
        for point in points {
            summary.count += point.count
            summary.sum += point.sum ?? 0
            if point.explicitBounds == summary.explicitBounds, point.bucketCounts.count == summary.bucketCounts.count {
                for index in point.bucketCounts.indices { summary.bucketCounts[index] += point.bucketCounts[index] }
            }
            if let min = point.min { summary.min = Swift.min(summary.min ?? min, min) }
            if let max = point.max { summary.max = Swift.max(summary.max ?? max, max) }
        }
        return summary
    }
}
