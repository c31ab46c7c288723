import TelemetryModel

/// One exposed metric of a family (one series): its labels, sorted by name, and its value.
struct PrometheusSample {
    /// An exemplar as client_golang attaches it: its labels sorted by name, its value and
    /// its time in Unix nanoseconds.
    struct Exemplar: Hashable {
        var labels: [PrometheusLabel]
        var value: Double
        var timeUnixNano: UInt64
    }

    /// One classic bucket: its upper bound and the cumulative count up to it.
    struct Bucket {
        var upperBound: Double
        var cumulativeCount: UInt64
        var exemplar: Exemplar?
    }

    enum Value {
        /// A gauge's or counter's value; a counter may carry an exemplar.
        case number(Double, exemplar: Exemplar?)
        case histogram(buckets: [Bucket], count: UInt64, sum: Double)
        case summary(quantiles: [(quantile: Double, value: Double)], count: UInt64, sum: Double)
    }

    var labels: [PrometheusLabel]
    var value: Value

    /// Orders samples as client_golang's `MetricSorter` does: fewer labels first, then by label
    /// values position by position (names are not compared; they break remaining ties here so
    /// the order is total).
    static func precedes(_ lhs: PrometheusSample, _ rhs: PrometheusSample) -> Bool {
        if lhs.labels.count != rhs.labels.count { return lhs.labels.count < rhs.labels.count }
        for (left, right) in zip(lhs.labels, rhs.labels) where left.value != right.value {
            return utf8Less(left.value, right.value)
        }
        for (left, right) in zip(lhs.labels, rhs.labels) where left.name != right.name {
            return utf8Less(left.name, right.name)
        }
        return false
    }
}

extension PrometheusSample.Exemplar {
    /// The exporter's `convertExemplars`: `trace_id` and `span_id` labels when set, the value
    /// as a double.
    init(_ exemplar: TelemetryModel.Exemplar) {
        var labels: [PrometheusLabel] = []
        if let spanID = exemplar.spanID, spanID != .zero {
            labels.append(PrometheusLabel(name: "span_id", value: spanID.hex))
        }
        if let traceID = exemplar.traceID, !traceID.isZero {
            labels.append(PrometheusLabel(name: "trace_id", value: traceID.hex))
        }
        self.init(labels: labels, value: exemplar.value?.doubleValue ?? 0, timeUnixNano: exemplar.timeUnixNano)
    }
}
