import Foundation
import TelemetryModel

extension MetricsData {
    init(wire request: PBMetricsRequest) throws(OTLPDecodingError) {
        var groups: [ResourceMetrics] = []
        groups.reserveCapacity(request.resourceMetrics.count)
        for (index, group) in request.resourceMetrics.enumerated() {
            groups.append(try at("resourceMetrics[\(index)]") { () throws(OTLPDecodingError) in try ResourceMetrics(wire: group) })
        }
        self.init(resourceMetrics: groups)
    }

    var wire: PBMetricsRequest {
        var request = PBMetricsRequest()
        request.resourceMetrics = resourceMetrics.map(\.wire)
        return request
    }
}

extension ResourceMetrics {
    init(wire: PBResourceMetrics) throws(OTLPDecodingError) {
        var scopes: [ScopeMetrics] = []
        scopes.reserveCapacity(wire.scopeMetrics.count)
        for (index, scope) in wire.scopeMetrics.enumerated() {
            scopes.append(try at("scopeMetrics[\(index)]") { () throws(OTLPDecodingError) in try ScopeMetrics(wire: scope) })
        }
        self.init(
            resource: try at("resource") { () throws(OTLPDecodingError) in try Resource(wire: wire.resource) },
            scopeMetrics: scopes,
            schemaURL: wire.schemaURL
        )
    }

    var wire: PBResourceMetrics {
        var group = PBResourceMetrics()
        group.resource = resource.wire
        group.scopeMetrics = scopeMetrics.map(\.wire)
        group.schemaURL = schemaURL
        return group
    }
}

extension ScopeMetrics {
    init(wire: PBScopeMetrics) throws(OTLPDecodingError) {
        var metrics: [Metric] = []
        metrics.reserveCapacity(wire.metrics.count)
        for (index, metric) in wire.metrics.enumerated() {
            metrics.append(try at("metrics[\(index)]") { () throws(OTLPDecodingError) in try Metric(wire: metric) })
        }
        self.init(
            scope: try at("scope") { () throws(OTLPDecodingError) in try InstrumentationScope(wire: wire.scope) },
            metrics: metrics,
            schemaURL: wire.schemaURL
        )
    }

    var wire: PBScopeMetrics {
        var group = PBScopeMetrics()
        group.scope = scope.wire
        group.metrics = metrics.map(\.wire)
        group.schemaURL = schemaURL
        return group
    }
}

/// The names of the members of `Metric.data`, for error messages.
let metricDataMemberNames = ["gauge", "sum", "histogram", "exponentialHistogram", "summary"]

extension Metric {
    init(wire: PBMetric) throws(OTLPDecodingError) {
        let data: MetricData
        switch wire.data {
        case nil:
            throw OTLPDecodingError(reason: .missingField(name: metricDataMemberNames.joined(separator: "|")))
        case .gauge(let gauge):
            data = .gauge(try at("gauge") { () throws(OTLPDecodingError) in try numberPoints(gauge.dataPoints) })
        case .sum(let sum):
            data = .sum(
                try at("sum") { () throws(OTLPDecodingError) in
                    MetricData.Sum(
                        dataPoints: try numberPoints(sum.dataPoints),
                        aggregationTemporality: try temporality(sum.aggregationTemporality),
                        isMonotonic: sum.isMonotonic
                    )
                }
            )
        case .histogram(let histogram):
            data = .histogram(
                try at("histogram") { () throws(OTLPDecodingError) in
                    var points: [HistogramDataPoint] = []
                    points.reserveCapacity(histogram.dataPoints.count)
                    for (index, point) in histogram.dataPoints.enumerated() {
                        points.append(try at("dataPoints[\(index)]") { () throws(OTLPDecodingError) in try HistogramDataPoint(wire: point) })
                    }
                    return MetricData.Histogram(
                        dataPoints: points,
                        aggregationTemporality: try temporality(histogram.aggregationTemporality)
                    )
                }
            )
        case .exponentialHistogram(let histogram):
            data = .exponentialHistogram(
                try at("exponentialHistogram") { () throws(OTLPDecodingError) in
                    var points: [ExponentialHistogramDataPoint] = []
                    points.reserveCapacity(histogram.dataPoints.count)
                    for (index, point) in histogram.dataPoints.enumerated() {
                        points.append(
                            try at("dataPoints[\(index)]") { () throws(OTLPDecodingError) in
                                try ExponentialHistogramDataPoint(wire: point)
                            }
                        )
                    }
                    return MetricData.ExponentialHistogram(
                        dataPoints: points,
                        aggregationTemporality: try temporality(histogram.aggregationTemporality)
                    )
                }
            )
        case .summary(let summary):
            data = .summary(
                try at("summary") { () throws(OTLPDecodingError) in
                    var points: [SummaryDataPoint] = []
                    points.reserveCapacity(summary.dataPoints.count)
                    for (index, point) in summary.dataPoints.enumerated() {
                        points.append(
                            try at("dataPoints[\(index)]") { () throws(OTLPDecodingError) in
                                SummaryDataPoint(
                                    attributes: try at("attributes") { () throws(OTLPDecodingError) in try Attributes(wire: point.attributes) },
                                    startTimeUnixNano: point.startTimeUnixNano,
                                    timeUnixNano: point.timeUnixNano,
                                    count: point.count,
                                    sum: point.sum,
                                    quantileValues: point.quantileValues.map { .init(quantile: $0.quantile, value: $0.value) },
                                    flags: DataPointFlags(rawValue: point.flags)
                                )
                            }
                        )
                    }
                    return points
                }
            )
        }
        self.init(
            name: wire.name,
            description: wire.description_p,
            unit: wire.unit,
            data: data,
            metadata: try at("metadata") { () throws(OTLPDecodingError) in try Attributes(wire: wire.metadata) }
        )
    }

    var wire: PBMetric {
        var metric = PBMetric()
        metric.name = name
        metric.description_p = description
        metric.unit = unit
        metric.metadata = metadata.wire
        switch data {
        case .gauge(let points):
            metric.gauge = .with { $0.dataPoints = points.map(\.wire) }
        case .sum(let sum):
            metric.sum = .with {
                $0.dataPoints = sum.dataPoints.map(\.wire)
                $0.aggregationTemporality = sum.aggregationTemporality.wire
                $0.isMonotonic = sum.isMonotonic
            }
        case .histogram(let histogram):
            metric.histogram = .with {
                $0.dataPoints = histogram.dataPoints.map(\.wire)
                $0.aggregationTemporality = histogram.aggregationTemporality.wire
            }
        case .exponentialHistogram(let histogram):
            metric.exponentialHistogram = .with {
                $0.dataPoints = histogram.dataPoints.map(\.wire)
                $0.aggregationTemporality = histogram.aggregationTemporality.wire
            }
        case .summary(let points):
            metric.summary = .with {
                $0.dataPoints = points.map { point in
                    var wire = PBSummaryDataPoint()
                    wire.attributes = point.attributes.wire
                    wire.startTimeUnixNano = point.startTimeUnixNano
                    wire.timeUnixNano = point.timeUnixNano
                    wire.count = point.count
                    wire.sum = point.sum
                    wire.quantileValues = point.quantileValues.map { quantile in
                        .with {
                            $0.quantile = quantile.quantile
                            $0.value = quantile.value
                        }
                    }
                    wire.flags = point.flags.rawValue
                    return wire
                }
            }
        }
        return metric
    }
}

private func numberPoints(_ points: [PBNumberDataPoint]) throws(OTLPDecodingError) -> [NumberDataPoint] {
    var result: [NumberDataPoint] = []
    result.reserveCapacity(points.count)
    for (index, point) in points.enumerated() {
        result.append(try at("dataPoints[\(index)]") { () throws(OTLPDecodingError) in try NumberDataPoint(wire: point) })
    }
    return result
}

private func temporality(_ wire: PBTemporality) throws(OTLPDecodingError) -> AggregationTemporality {
    try knownEnum(wire.rawValue, as: AggregationTemporality.self, name: "AggregationTemporality", field: "aggregationTemporality")
}

extension AggregationTemporality {
    var wire: PBTemporality { PBTemporality(rawValue: Int(rawValue)) ?? .unspecified }
}

private func decodeExemplars(_ wire: [PBExemplar]) throws(OTLPDecodingError) -> [Exemplar] {
    var result: [Exemplar] = []
    result.reserveCapacity(wire.count)
    for (index, exemplar) in wire.enumerated() {
        result.append(
            try at("exemplars[\(index)]") { () throws(OTLPDecodingError) in
                let value: MetricValue? =
                    switch exemplar.value {
                    case .asDouble(let double): .double(double)
                    case .asInt(let int): .int(int)
                    case nil: nil
                    }
                return Exemplar(
                    filteredAttributes: try at("filteredAttributes") { () throws(OTLPDecodingError) in
                        try Attributes(wire: exemplar.filteredAttributes)
                    },
                    timeUnixNano: exemplar.timeUnixNano,
                    value: value,
                    spanID: try SpanID.optional(wire: exemplar.spanID, field: "spanId"),
                    traceID: try TraceID.optional(wire: exemplar.traceID, field: "traceId")
                )
            }
        )
    }
    return result
}

extension Exemplar {
    var wire: PBExemplar {
        var exemplar = PBExemplar()
        exemplar.filteredAttributes = filteredAttributes.wire
        exemplar.timeUnixNano = timeUnixNano
        switch value {
        case .double(let double): exemplar.asDouble = double
        case .int(let int): exemplar.asInt = int
        case nil: break
        }
        if let spanID { exemplar.spanID = spanID.wire }
        if let traceID { exemplar.traceID = traceID.wire }
        return exemplar
    }
}

extension NumberDataPoint {
    init(wire: PBNumberDataPoint) throws(OTLPDecodingError) {
        let value: MetricValue? =
            switch wire.value {
            case .asDouble(let double): .double(double)
            case .asInt(let int): .int(int)
            case nil: nil
            }
        self.init(
            attributes: try at("attributes") { () throws(OTLPDecodingError) in try Attributes(wire: wire.attributes) },
            startTimeUnixNano: wire.startTimeUnixNano,
            timeUnixNano: wire.timeUnixNano,
            value: value,
            exemplars: try decodeExemplars(wire.exemplars),
            flags: DataPointFlags(rawValue: wire.flags)
        )
    }

    var wire: PBNumberDataPoint {
        var point = PBNumberDataPoint()
        point.attributes = attributes.wire
        point.startTimeUnixNano = startTimeUnixNano
        point.timeUnixNano = timeUnixNano
        switch value {
        case .double(let double): point.asDouble = double
        case .int(let int): point.asInt = int
        case nil: break
        }
        point.exemplars = exemplars.map(\.wire)
        point.flags = flags.rawValue
        return point
    }
}

extension HistogramDataPoint {
    init(wire: PBHistogramDataPoint) throws(OTLPDecodingError) {
        self.init(
            attributes: try at("attributes") { () throws(OTLPDecodingError) in try Attributes(wire: wire.attributes) },
            startTimeUnixNano: wire.startTimeUnixNano,
            timeUnixNano: wire.timeUnixNano,
            count: wire.count,
            sum: wire.hasSum ? wire.sum : nil,
            bucketCounts: wire.bucketCounts,
            explicitBounds: wire.explicitBounds,
            exemplars: try decodeExemplars(wire.exemplars),
            flags: DataPointFlags(rawValue: wire.flags),
            min: wire.hasMin ? wire.min : nil,
            max: wire.hasMax ? wire.max : nil
        )
    }

    var wire: PBHistogramDataPoint {
        var point = PBHistogramDataPoint()
        point.attributes = attributes.wire
        point.startTimeUnixNano = startTimeUnixNano
        point.timeUnixNano = timeUnixNano
        point.count = count
        if let sum { point.sum = sum }
        point.bucketCounts = bucketCounts
        point.explicitBounds = explicitBounds
        point.exemplars = exemplars.map(\.wire)
        point.flags = flags.rawValue
        if let min { point.min = min }
        if let max { point.max = max }
        return point
    }
}

extension ExponentialHistogramDataPoint {
    init(wire: PBExponentialHistogramDataPoint) throws(OTLPDecodingError) {
        self.init(
            attributes: try at("attributes") { () throws(OTLPDecodingError) in try Attributes(wire: wire.attributes) },
            startTimeUnixNano: wire.startTimeUnixNano,
            timeUnixNano: wire.timeUnixNano,
            count: wire.count,
            sum: wire.hasSum ? wire.sum : nil,
            scale: wire.scale,
            zeroCount: wire.zeroCount,
            positive: Buckets(offset: wire.positive.offset, bucketCounts: wire.positive.bucketCounts),
            negative: Buckets(offset: wire.negative.offset, bucketCounts: wire.negative.bucketCounts),
            flags: DataPointFlags(rawValue: wire.flags),
            exemplars: try decodeExemplars(wire.exemplars),
            min: wire.hasMin ? wire.min : nil,
            max: wire.hasMax ? wire.max : nil,
            zeroThreshold: wire.zeroThreshold
        )
    }

    var wire: PBExponentialHistogramDataPoint {
        var point = PBExponentialHistogramDataPoint()
        point.attributes = attributes.wire
        point.startTimeUnixNano = startTimeUnixNano
        point.timeUnixNano = timeUnixNano
        point.count = count
        if let sum { point.sum = sum }
        point.scale = scale
        point.zeroCount = zeroCount
        point.positive = .with {
            $0.offset = positive.offset
            $0.bucketCounts = positive.bucketCounts
        }
        point.negative = .with {
            $0.offset = negative.offset
            $0.bucketCounts = negative.bucketCounts
        }
        point.flags = flags.rawValue
        point.exemplars = exemplars.map(\.wire)
        if let min { point.min = min }
        if let max { point.max = max }
        point.zeroThreshold = zeroThreshold
        return point
    }
}
