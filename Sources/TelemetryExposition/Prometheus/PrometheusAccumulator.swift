public import TelemetryModel

/// Keeps received OTLP metrics as the OpenTelemetry Collector's prometheus exporter does, so
/// that ``exposition(format:namespace:)`` shows what a scrape of the collector would show.
///
/// Followed: opentelemetry-collector-contrib v0.131.0, `exporter/prometheusexporter/accumulator.go`
/// (the lines this type mirrors have not changed since). Per series (see ``seriesCount`` for what
/// identifies one):
/// - gauges, cumulative sums, cumulative histograms and summaries keep the latest point; a point
///   older than the held one is ignored;
/// - delta monotonic sums are added to the held value when the new point starts where the held
///   one ends, and otherwise replace it (a restart);
/// - delta histograms are added bucket by bucket when aligned the same way (when the bounds
///   differ, the new point replaces the counts); a point starting after the held one ends
///   replaces it, one starting earlier is dropped;
/// - non-monotonic delta sums, sums with unspecified temporality and exponential histograms
///   are dropped, and a point flagged "no recorded value" removes its series.
///
/// Unlike the exporter, the accumulator is bounded: when a new series would exceed
/// ``maximumSeriesCount``, the least recently updated series is evicted and ``evictionCount``
/// goes up. There is no time-based expiry (the exporter's `metric_expiration`).
///
/// A value type: accumulate on one task, or keep it behind a lock.
public struct PrometheusAccumulator: Sendable {
    /// The default bound on the number of series.
    public static let defaultMaximumSeriesCount = 10_000

    /// The most series kept at once.
    public let maximumSeriesCount: Int
    /// How many series were evicted to stay within ``maximumSeriesCount``.
    public private(set) var evictionCount = 0
    /// How many received data points were not kept, by reason.
    public private(set) var droppedDataPointCounts: [PrometheusDropReason: Int] = [:]

    private var series: [PrometheusSeriesKey: PrometheusSeries] = [:]
    /// Every update as (sequence, key), oldest first; an entry is current when the series'
    /// `updated` still equals its sequence. Eviction pops from the front.
    private var updateLog: [(sequence: Int, key: PrometheusSeriesKey)] = []
    private var updateLogStart = 0
    private var sequence = 0

    /// Creates an empty accumulator that keeps at most `maximumSeriesCount` series (at least 1).
    public init(maximumSeriesCount: Int = PrometheusAccumulator.defaultMaximumSeriesCount) {
        precondition(maximumSeriesCount >= 1, "maximumSeriesCount must be at least 1")
        self.maximumSeriesCount = maximumSeriesCount
    }

    /// The number of series held. A series is identified by the metric's name and kind, the
    /// scope (name, version, schema URL, attributes), the point's attributes, and the `job`
    /// and `instance` the resource yields.
    public var seriesCount: Int { series.count }

    /// The total number of dropped data points, whatever the reason.
    public var droppedDataPointCount: Int { droppedDataPointCounts.values.reduce(0, +) }

    /// Takes in one export request's metrics. Call it for each request in arrival order.
    public mutating func accumulate(_ metrics: MetricsData) {
        for resourceMetrics in metrics.resourceMetrics {
            let resource = resourceMetrics.resource.attributes
            for scopeMetrics in resourceMetrics.scopeMetrics {
                for metric in scopeMetrics.metrics {
                    let context = Context(
                        metric: metric,
                        resource: resource,
                        scope: scopeMetrics.scope,
                        scopeSchemaURL: scopeMetrics.schemaURL
                    )
                    accumulate(context)
                }
            }
        }
    }

    /// The exposition of everything held, in `format`, with metric names prefixed by
    /// `namespace` (the exporter's `namespace` setting) when it is not empty.
    public func exposition(format: PrometheusExpositionFormat = .text, namespace: String = "") -> PrometheusExposition {
        let ordered = series.values.sorted { $0.created < $1.created }
        return PrometheusRenderer(namespace: namespace).render(ordered, format: format)
    }

    // MARK: - Accumulation

    /// A metric with where it came from.
    private struct Context {
        var metric: Metric
        var resource: Attributes
        var scope: InstrumentationScope
        var scopeSchemaURL: String

        func key(_ kind: PrometheusSeriesKey.Kind, attributes: Attributes) -> PrometheusSeriesKey {
            PrometheusSeriesKey(metric: metric, kind: kind, scope: scope, scopeSchemaURL: scopeSchemaURL, attributes: attributes, resource: resource)
        }
    }

    private mutating func accumulate(_ context: Context) {
        switch context.metric.data {
        case .gauge(let points):
            accumulateGauge(points, context)
        case .sum(let sum):
            accumulateSum(sum, context)
        case .histogram(let histogram):
            accumulateHistogram(histogram, context)
        case .summary(let points):
            accumulateSummary(points, context)
        case .exponentialHistogram(let histogram):
            drop(histogram.dataPoints.count, .exponentialHistogram)
        }
    }

    private mutating func accumulateGauge(_ points: [NumberDataPoint], _ context: Context) {
        for (index, point) in points.enumerated() {
            let key = context.key(.gauge, attributes: point.attributes)
            if point.flags.contains(.noRecordedValue) {
                removeSeries(key, skipping: points.count - index)
                return
            }
            if let held = series[key], case .gauge(let heldPoint) = held.point,
                point.timeUnixNano < heldPoint.timeUnixNano
            {
                drop(1, .outOfOrder)
                continue
            }
            store(key, .gauge(point), context)
        }
    }

    private mutating func accumulateSum(_ sum: MetricData.Sum, _ context: Context) {
        if sum.aggregationTemporality == .unspecified {
            drop(sum.dataPoints.count, .unspecifiedTemporality)
            return
        }
        if sum.aggregationTemporality == .delta && !sum.isMonotonic {
            drop(sum.dataPoints.count, .nonMonotonicDelta)
            return
        }
        for (index, point) in sum.dataPoints.enumerated() {
            let key = context.key(.sum, attributes: point.attributes)
            if point.flags.contains(.noRecordedValue) {
                removeSeries(key, skipping: sum.dataPoints.count - index)
                return
            }
            guard let held = series[key], case .sum(let heldPoint, _) = held.point else {
                store(key, .sum(point, isMonotonic: sum.isMonotonic), context)
                continue
            }
            if point.timeUnixNano < heldPoint.timeUnixNano {
                drop(1, .outOfOrder)
                continue
            }
            var point = point
            if sum.aggregationTemporality == .delta && point.startTimeUnixNano == heldPoint.timeUnixNano {
                // Delta-to-cumulative, as the exporter adds: the new value's kind decides which
                // of the held value's fields is added (a double held under an int reads as 0).
                point.startTimeUnixNano = heldPoint.startTimeUnixNano
                switch point.value {
                case .int(let value):
                    let heldValue: Int64 = if case .int(let held) = heldPoint.value { held } else { 0 }
                    point.value = .int(value &+ heldValue)
                case .double(let value):
                    let heldValue: Double = if case .double(let held) = heldPoint.value { held } else { 0 }
                    point.value = .double(value + heldValue)
                case nil:
                    break
                }
            }
            store(key, .sum(point, isMonotonic: sum.isMonotonic), context)
        }
    }

    private mutating func accumulateHistogram(_ histogram: MetricData.Histogram, _ context: Context) {
        for (index, point) in histogram.dataPoints.enumerated() {
            let key = context.key(.histogram, attributes: point.attributes)
            if point.flags.contains(.noRecordedValue) {
                removeSeries(key, skipping: histogram.dataPoints.count - index)
                return
            }
            guard let held = series[key], case .histogram(let heldPoint) = held.point else {
                store(key, .histogram(point), context)
                continue
            }
            switch histogram.aggregationTemporality {
            case .delta:
                if point.startTimeUnixNano != heldPoint.timeUnixNano {
                    // Misaligned: a restart when it starts after the held point, else dropped.
                    guard point.startTimeUnixNano > heldPoint.timeUnixNano else {
                        drop(1, .misalignedDelta)
                        continue
                    }
                    store(key, .histogram(point), context)
                } else {
                    store(key, .histogram(Self.adding(point, to: heldPoint)), context)
                }
            case .cumulative:
                if point.timeUnixNano < heldPoint.timeUnixNano {
                    drop(1, .outOfOrder)
                    continue
                }
                store(key, .histogram(point), context)
            case .unspecified:
                drop(1, .unspecifiedTemporality)
            }
        }
    }

    private mutating func accumulateSummary(_ points: [SummaryDataPoint], _ context: Context) {
        for (index, point) in points.enumerated() {
            let key = context.key(.summary, attributes: point.attributes)
            if point.flags.contains(.noRecordedValue) {
                removeSeries(key, skipping: points.count - index)
                return
            }
            if let held = series[key], case .summary(let heldPoint) = held.point,
                point.timeUnixNano < heldPoint.timeUnixNano
            {
                drop(1, .outOfOrder)
                continue
            }
            store(key, .summary(point), context)
        }
    }

    /// `accumulateHistogramValues`: the sum of two aligned delta points. Exemplars, flags,
    /// min and max are not carried over, as in the exporter.
    private static func adding(_ current: HistogramDataPoint, to previous: HistogramDataPoint) -> HistogramDataPoint {
        let (older, newer) = current.timeUnixNano < previous.timeUnixNano ? (current, previous) : (previous, current)
        var result = HistogramDataPoint(
            attributes: newer.attributes,
            startTimeUnixNano: previous.startTimeUnixNano,
            timeUnixNano: newer.timeUnixNano,
            count: newer.count,
            sum: newer.sum ?? 0,
            bucketCounts: newer.bucketCounts,
            explicitBounds: newer.explicitBounds
        )
        if older.explicitBounds == newer.explicitBounds {
            result.count = newer.count &+ older.count
            result.sum = (newer.sum ?? 0) + (older.sum ?? 0)
            result.bucketCounts = newer.bucketCounts.enumerated().map { index, count in
                count &+ (index < older.bucketCounts.count ? older.bucketCounts[index] : 0)
            }
        }
        return result
    }

    // MARK: - Bookkeeping

    private mutating func store(_ key: PrometheusSeriesKey, _ point: PrometheusSeries.Point, _ context: Context) {
        sequence += 1
        if var existing = series[key] {
            existing.metricName = context.metric.name
            existing.description = context.metric.description
            existing.unit = context.metric.unit
            existing.resource = context.resource
            existing.scope = context.scope
            existing.scopeSchemaURL = context.scopeSchemaURL
            existing.point = point
            existing.updated = sequence
            series[key] = existing
        } else {
            if series.count >= maximumSeriesCount { evictLeastRecentlyUpdated() }
            series[key] = PrometheusSeries(
                metricName: context.metric.name,
                description: context.metric.description,
                unit: context.metric.unit,
                resource: context.resource,
                scope: context.scope,
                scopeSchemaURL: context.scopeSchemaURL,
                point: point,
                created: sequence,
                updated: sequence
            )
        }
        updateLog.append((sequence, key))
        compactUpdateLogIfNeeded()
    }

    private mutating func removeSeries(_ key: PrometheusSeriesKey, skipping remainingPoints: Int) {
        series[key] = nil
        drop(remainingPoints, .noRecordedValue)
    }

    private mutating func drop(_ count: Int, _ reason: PrometheusDropReason) {
        guard count > 0 else { return }
        droppedDataPointCounts[reason, default: 0] += count
    }

    private mutating func evictLeastRecentlyUpdated() {
        while updateLogStart < updateLog.count {
            let entry = updateLog[updateLogStart]
            updateLogStart += 1
            if let candidate = series[entry.key], candidate.updated == entry.sequence {
                series[entry.key] = nil
                evictionCount += 1
                return
            }
        }
    }

    /// Drops log entries that no longer describe a series' latest update, once they make up
    /// most of the log, so the log stays proportional to the number of series.
    private mutating func compactUpdateLogIfNeeded() {
        let live = updateLog.count - updateLogStart
        guard live > 2 * Swift.max(series.count, 512) else { return }
        updateLog = updateLog[updateLogStart...].filter { entry in
            series[entry.key]?.updated == entry.sequence
        }
        updateLogStart = 0
    }
}
