import TelemetryModel

extension JSONReader {
    mutating func metrics(_ value: JSONValue) throws(OTLPDecodingError) -> MetricsData {
        var metrics = MetricsData()
        for member in try members(of: value, known: ["resourceMetrics"]) {
            metrics.resourceMetrics = try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                try reader.elements(of: member.value) { (reader: inout JSONReader, element) throws(OTLPDecodingError) in
                    try reader.resourceMetrics(element)
                }
            }
        }
        return metrics
    }

    private mutating func resourceMetrics(_ value: JSONValue) throws(OTLPDecodingError) -> ResourceMetrics {
        var group = ResourceMetrics()
        for member in try members(of: value, known: ["resource", "scopeMetrics", "schemaUrl"]) {
            try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                switch member.key {
                case "resource": group.resource = try reader.resource(member.value)
                case "scopeMetrics":
                    group.scopeMetrics = try reader.elements(of: member.value) { (reader: inout JSONReader, element) throws(OTLPDecodingError) in
                        try reader.scopeMetrics(element)
                    }
                default: group.schemaURL = try reader.string(member.value)
                }
            }
        }
        return group
    }

    private mutating func scopeMetrics(_ value: JSONValue) throws(OTLPDecodingError) -> ScopeMetrics {
        var group = ScopeMetrics()
        for member in try members(of: value, known: ["scope", "metrics", "schemaUrl"]) {
            try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                switch member.key {
                case "scope": group.scope = try reader.scope(member.value)
                case "metrics":
                    group.metrics = try reader.elements(of: member.value) { (reader: inout JSONReader, element) throws(OTLPDecodingError) in
                        try reader.metric(element)
                    }
                default: group.schemaURL = try reader.string(member.value)
                }
            }
        }
        return group
    }

    static let temporalityNames = [
        "AGGREGATION_TEMPORALITY_UNSPECIFIED", "AGGREGATION_TEMPORALITY_DELTA", "AGGREGATION_TEMPORALITY_CUMULATIVE",
    ]

    private mutating func metric(_ value: JSONValue) throws(OTLPDecodingError) -> Metric {
        var name = ""
        var description = ""
        var unit = ""
        var metadata = Attributes()
        var data: [MetricData] = []
        let known = ["name", "description", "unit", "metadata"] + metricDataMemberNames
        let members = try members(of: value, known: known)
        let dataMembers = members.filter { metricDataMemberNames.contains($0.key) }.map(\.key)
        guard dataMembers.count <= 1 else { throw error(.multipleOneOfMembers(names: dataMembers)) }
        for member in members {
            try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                switch member.key {
                case "name": name = try reader.string(member.value)
                case "description": description = try reader.string(member.value)
                case "unit": unit = try reader.string(member.value)
                case "metadata": metadata = try reader.attributes(member.value)
                case "gauge": data.append(.gauge(try reader.numberPoints(in: member.value)))
                case "sum":
                    var sum = MetricData.Sum(dataPoints: [], aggregationTemporality: .unspecified, isMonotonic: false)
                    for field in try reader.members(of: member.value, known: ["dataPoints", "aggregationTemporality", "isMonotonic"]) {
                        try reader.descend(.key(field.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                            switch field.key {
                            case "dataPoints": sum.dataPoints = try reader.numberPointList(field.value)
                            case "aggregationTemporality": sum.aggregationTemporality = try reader.temporality(field.value)
                            default: sum.isMonotonic = try reader.bool(field.value)
                            }
                        }
                    }
                    data.append(.sum(sum))
                case "histogram":
                    var histogram = MetricData.Histogram(dataPoints: [], aggregationTemporality: .unspecified)
                    for field in try reader.members(of: member.value, known: ["dataPoints", "aggregationTemporality"]) {
                        try reader.descend(.key(field.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                            if field.key == "dataPoints" {
                                histogram.dataPoints = try reader.elements(of: field.value) {
                                    (reader: inout JSONReader, element) throws(OTLPDecodingError) in
                                    try reader.histogramPoint(element)
                                }
                            } else {
                                histogram.aggregationTemporality = try reader.temporality(field.value)
                            }
                        }
                    }
                    data.append(.histogram(histogram))
                case "exponentialHistogram":
                    var histogram = MetricData.ExponentialHistogram(dataPoints: [], aggregationTemporality: .unspecified)
                    for field in try reader.members(of: member.value, known: ["dataPoints", "aggregationTemporality"]) {
                        try reader.descend(.key(field.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                            if field.key == "dataPoints" {
                                histogram.dataPoints = try reader.elements(of: field.value) {
                                    (reader: inout JSONReader, element) throws(OTLPDecodingError) in
                                    try reader.exponentialHistogramPoint(element)
                                }
                            } else {
                                histogram.aggregationTemporality = try reader.temporality(field.value)
                            }
                        }
                    }
                    data.append(.exponentialHistogram(histogram))
                default:
                    var points: [SummaryDataPoint] = []
                    for field in try reader.members(of: member.value, known: ["dataPoints"]) {
                        points = try reader.descend(.key(field.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                            try reader.elements(of: field.value) { (reader: inout JSONReader, element) throws(OTLPDecodingError) in
                                try reader.summaryPoint(element)
                            }
                        }
                    }
                    data.append(.summary(points))
                }
            }
        }
        guard let metricData = data.first else {
            throw error(.missingField(name: metricDataMemberNames.joined(separator: "|")))
        }
        return Metric(name: name, description: description, unit: unit, data: metricData, metadata: metadata)
    }

    private mutating func temporality(_ value: JSONValue) throws(OTLPDecodingError) -> AggregationTemporality {
        try enumeration(value, as: AggregationTemporality.self, name: "AggregationTemporality", names: Self.temporalityNames)
    }

    private mutating func numberPoints(in value: JSONValue) throws(OTLPDecodingError) -> [NumberDataPoint] {
        var points: [NumberDataPoint] = []
        for field in try members(of: value, known: ["dataPoints"]) {
            points = try descend(.key(field.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                try reader.numberPointList(field.value)
            }
        }
        return points
    }

    private mutating func numberPointList(_ value: JSONValue) throws(OTLPDecodingError) -> [NumberDataPoint] {
        try elements(of: value) { (reader: inout JSONReader, element) throws(OTLPDecodingError) in
            try reader.numberPoint(element)
        }
    }

    /// Reads `asInt`/`asDouble`, rejecting both at once.
    private mutating func metricValue(_ members: [(key: String, value: JSONValue)]) throws(OTLPDecodingError) -> MetricValue? {
        let values = members.filter { $0.key == "asInt" || $0.key == "asDouble" }
        guard values.count <= 1 else { throw error(.multipleOneOfMembers(names: values.map(\.key))) }
        guard let member = values.first else { return nil }
        return try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
            member.key == "asInt" ? .int(try reader.integer(member.value)) : .double(try reader.double(member.value))
        }
    }

    private mutating func numberPoint(_ value: JSONValue) throws(OTLPDecodingError) -> NumberDataPoint {
        let known = ["attributes", "startTimeUnixNano", "timeUnixNano", "asInt", "asDouble", "exemplars", "flags"]
        let members = try members(of: value, known: known)
        var point = NumberDataPoint(value: try metricValue(members))
        for member in members {
            try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                switch member.key {
                case "attributes": point.attributes = try reader.attributes(member.value)
                case "startTimeUnixNano": point.startTimeUnixNano = try reader.integer(member.value)
                case "timeUnixNano": point.timeUnixNano = try reader.integer(member.value)
                case "exemplars": point.exemplars = try reader.exemplars(member.value)
                case "flags": point.flags = DataPointFlags(rawValue: try reader.integer(member.value))
                default: break
                }
            }
        }
        return point
    }

    private mutating func exemplars(_ value: JSONValue) throws(OTLPDecodingError) -> [Exemplar] {
        try elements(of: value) { (reader: inout JSONReader, element) throws(OTLPDecodingError) in
            let known = ["filteredAttributes", "timeUnixNano", "asInt", "asDouble", "spanId", "traceId"]
            let members = try reader.members(of: element, known: known)
            var exemplar = Exemplar(value: try reader.metricValue(members))
            for member in members {
                try reader.descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                    switch member.key {
                    case "filteredAttributes": exemplar.filteredAttributes = try reader.attributes(member.value)
                    case "timeUnixNano": exemplar.timeUnixNano = try reader.integer(member.value)
                    case "spanId": exemplar.spanID = try reader.optionalSpanID(member.value)
                    case "traceId": exemplar.traceID = try reader.optionalTraceID(member.value)
                    default: break
                    }
                }
            }
            return exemplar
        }
    }

    private mutating func doubles(_ value: JSONValue) throws(OTLPDecodingError) -> [Double] {
        try elements(of: value) { (reader: inout JSONReader, element) throws(OTLPDecodingError) in try reader.double(element) }
    }

    private mutating func counts(_ value: JSONValue) throws(OTLPDecodingError) -> [UInt64] {
        try elements(of: value) { (reader: inout JSONReader, element) throws(OTLPDecodingError) in try reader.integer(element) }
    }

    private mutating func histogramPoint(_ value: JSONValue) throws(OTLPDecodingError) -> HistogramDataPoint {
        var point = HistogramDataPoint(count: 0)
        let known = [
            "attributes", "startTimeUnixNano", "timeUnixNano", "count", "sum", "bucketCounts", "explicitBounds",
            "exemplars", "flags", "min", "max",
        ]
        for member in try members(of: value, known: known) {
            try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                switch member.key {
                case "attributes": point.attributes = try reader.attributes(member.value)
                case "startTimeUnixNano": point.startTimeUnixNano = try reader.integer(member.value)
                case "timeUnixNano": point.timeUnixNano = try reader.integer(member.value)
                case "count": point.count = try reader.integer(member.value)
                case "sum": point.sum = try reader.double(member.value)
                case "bucketCounts": point.bucketCounts = try reader.counts(member.value)
                case "explicitBounds": point.explicitBounds = try reader.doubles(member.value)
                case "exemplars": point.exemplars = try reader.exemplars(member.value)
                case "flags": point.flags = DataPointFlags(rawValue: try reader.integer(member.value))
                case "min": point.min = try reader.double(member.value)
                default: point.max = try reader.double(member.value)
                }
            }
        }
        return point
    }

    private mutating func buckets(_ value: JSONValue) throws(OTLPDecodingError) -> ExponentialHistogramDataPoint.Buckets {
        var buckets = ExponentialHistogramDataPoint.Buckets()
        for member in try members(of: value, known: ["offset", "bucketCounts"]) {
            try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                if member.key == "offset" {
                    buckets.offset = try reader.integer(member.value)
                } else {
                    buckets.bucketCounts = try reader.counts(member.value)
                }
            }
        }
        return buckets
    }

    private mutating func exponentialHistogramPoint(_ value: JSONValue) throws(OTLPDecodingError) -> ExponentialHistogramDataPoint {
        var point = ExponentialHistogramDataPoint(count: 0)
        let known = [
            "attributes", "startTimeUnixNano", "timeUnixNano", "count", "sum", "scale", "zeroCount", "positive",
            "negative", "flags", "exemplars", "min", "max", "zeroThreshold",
        ]
        for member in try members(of: value, known: known) {
            try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                switch member.key {
                case "attributes": point.attributes = try reader.attributes(member.value)
                case "startTimeUnixNano": point.startTimeUnixNano = try reader.integer(member.value)
                case "timeUnixNano": point.timeUnixNano = try reader.integer(member.value)
                case "count": point.count = try reader.integer(member.value)
                case "sum": point.sum = try reader.double(member.value)
                case "scale": point.scale = try reader.integer(member.value)
                case "zeroCount": point.zeroCount = try reader.integer(member.value)
                case "positive": point.positive = try reader.buckets(member.value)
                case "negative": point.negative = try reader.buckets(member.value)
                case "flags": point.flags = DataPointFlags(rawValue: try reader.integer(member.value))
                case "exemplars": point.exemplars = try reader.exemplars(member.value)
                case "min": point.min = try reader.double(member.value)
                case "max": point.max = try reader.double(member.value)
                default: point.zeroThreshold = try reader.double(member.value)
                }
            }
        }
        return point
    }

    private mutating func summaryPoint(_ value: JSONValue) throws(OTLPDecodingError) -> SummaryDataPoint {
        var point = SummaryDataPoint(count: 0, sum: 0)
        let known = ["attributes", "startTimeUnixNano", "timeUnixNano", "count", "sum", "quantileValues", "flags"]
        for member in try members(of: value, known: known) {
            try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                switch member.key {
                case "attributes": point.attributes = try reader.attributes(member.value)
                case "startTimeUnixNano": point.startTimeUnixNano = try reader.integer(member.value)
                case "timeUnixNano": point.timeUnixNano = try reader.integer(member.value)
                case "count": point.count = try reader.integer(member.value)
                case "sum": point.sum = try reader.double(member.value)
                case "quantileValues":
                    point.quantileValues = try reader.elements(of: member.value) { (reader: inout JSONReader, element) throws(OTLPDecodingError) in
                        var quantile = SummaryDataPoint.ValueAtQuantile(quantile: 0, value: 0)
                        for field in try reader.members(of: element, known: ["quantile", "value"]) {
                            try reader.descend(.key(field.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                                if field.key == "quantile" {
                                    quantile.quantile = try reader.double(field.value)
                                } else {
                                    quantile.value = try reader.double(field.value)
                                }
                            }
                        }
                        return quantile
                    }
                default: point.flags = DataPointFlags(rawValue: try reader.integer(member.value))
                }
            }
        }
        return point
    }
}
