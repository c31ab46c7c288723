import TelemetryModel
import Tracing

/// Identifies one series, as swift-otel does: the label, what kind of metric it becomes, and the
/// *set* of its dimensions (sorted, so `[a, b]` and `[b, a]` are the same series).
struct MetricKey: Hashable, Sendable {
    var label: String
    var family: MetricInstrument.Family
    var dimensions: [String]  // flattened, sorted key, value pairs; tuples are not Hashable

    init(label: String, dimensions: [(String, String)], kind: MetricInstrument.Kind) {
        self.label = label
        self.family = kind.family
        self.dimensions = dimensions.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.flatMap { [$0.0, $0.1] }
    }

    var pairs: [(String, String)] {
        stride(from: 0, to: dimensions.count, by: 2).map { (dimensions[$0], dimensions[$0 + 1]) }
    }

    /// The `unit` and `description` dimensions, which swift-otel turns into the metric's own.
    var unitAndDescription: (unit: String, description: String) {
        var unit = ""
        var description = ""
        for (key, value) in pairs {
            if key == "unit" { unit = value }
            if key == "description" { description = value }
        }
        return (unit, description)
    }
}

/// What one instrument has recorded so far.
struct MetricInstrument: Sendable {
    enum Kind: Sendable, Hashable {
        case counter, floatingPointCounter, meter
        case recorder(aggregate: Bool)
        case timer

        var family: Family {
            switch self {
            case .counter: .integerSum
            case .floatingPointCounter: .doubleSum
            case .meter, .recorder(aggregate: false): .gauge
            case .recorder(aggregate: true): .valueHistogram
            case .timer: .durationHistogram
            }
        }
    }

    /// The OTLP metric an instrument becomes; instruments of different families never share a
    /// metric, even with the same label.
    enum Family: Sendable, Hashable {
        case integerSum, doubleSum, gauge, valueHistogram, durationHistogram
    }

    enum Values: Sendable {
        case integerSum(Int64)
        case doubleSum(Double)
        case lastValue(Double?)
        case distribution(Distribution)
    }

    /// An explicit-bucket histogram's state.
    struct Distribution: Sendable {
        var bounds: [Double]
        var bucketCounts: [UInt64]
        var count: UInt64 = 0
        var sum: Double = 0
        var min: Double?
        var max: Double?

        init(bounds: [Double]) {
            self.bounds = bounds
            self.bucketCounts = [UInt64](repeating: 0, count: bounds.count + 1)
        }

        mutating func observe(_ value: Double) {
            count += 1
            sum += value
            min = Swift.min(min ?? value, value)
            max = Swift.max(max ?? value, value)
            // Buckets are upper-inclusive: (bounds[i-1], bounds[i]].
            bucketCounts[bounds.firstIndex { value <= $0 } ?? bounds.count] += 1
        }
    }

    let key: MetricKey
    let kind: Kind
    var values: Values
    /// When the instrument was made or last reset: the start of its cumulative points.
    var startTimeUnixNano: UInt64

    let bounds: [Double]

    init(key: MetricKey, kind: Kind, configuration: CaptureConfiguration) {
        self.key = key
        self.kind = kind
        if case .timer = kind {
            bounds = configuration.durationHistogramBounds
        } else {
            bounds = configuration.valueHistogramBounds
        }
        self.values = Self.initialValues(kind, bounds: bounds)
        self.startTimeUnixNano = DefaultTracerClock.now.nanosecondsSinceEpoch
    }

    private static func initialValues(_ kind: Kind, bounds: [Double]) -> Values {
        switch kind {
        case .counter: .integerSum(0)
        case .floatingPointCounter: .doubleSum(0)
        case .meter, .recorder(aggregate: false): .lastValue(nil)
        case .recorder(aggregate: true), .timer: .distribution(Distribution(bounds: bounds))
        }
    }

    mutating func reset() {
        values = Self.initialValues(kind, bounds: bounds)
        startTimeUnixNano = DefaultTracerClock.now.nanosecondsSinceEpoch
    }

    mutating func add(_ amount: Int64) {
        if case .integerSum(let total) = values { values = .integerSum(total &+ amount) }
    }

    mutating func add(_ amount: Double) {
        switch values {
        case .doubleSum(let total): values = .doubleSum(total + amount)
        case .lastValue(let value): values = .lastValue((value ?? 0) + amount)
        default: break
        }
    }

    mutating func set(_ value: Double) {
        values = .lastValue(value)
    }

    mutating func observe(_ value: Double) {
        guard case .distribution(var distribution) = values else { return }
        values = .integerSum(0)  // release the buffer so the update happens in place
        distribution.observe(value)
        values = .distribution(distribution)
    }

    /// The instruments as OTLP metrics collected at `timeUnixNano`: one metric per label, one
    /// data point per dimension set,
    /// mapped as swift-otel 1.6.0 maps them (counters to monotonic cumulative sums, meters and
    /// non-aggregating recorders to gauges, aggregating recorders and timers to explicit-bucket
    /// histograms, timers in seconds). The `unit` and `description` dimensions become the
    /// metric's unit and description, as in swift-otel.
    static func metrics(_ instruments: [MetricInstrument], at timeUnixNano: UInt64) -> [Metric] {
        // One metric per (name, family, unit, description), as swift-otel identifies them.
        struct Identity: Hashable {
            var label: String
            var family: Family
            var unit: String
            var description: String
        }
        var order: [Identity] = []
        var groups: [Identity: [MetricInstrument]] = [:]
        for instrument in instruments {
            let (unit, description) = instrument.key.unitAndDescription
            let identity = Identity(label: instrument.key.label, family: instrument.key.family, unit: unit, description: description)
            if groups[identity] == nil { order.append(identity) }
            groups[identity, default: []].append(instrument)
        }
        return order.map { identity in
            Metric(
                name: identity.label,
                description: identity.description,
                unit: identity.unit,
                data: data(of: groups[identity]!, at: timeUnixNano)
            )
        }
    }

    private func attributes() -> Attributes {
        Attributes(key.pairs.filter { $0.0 != "unit" && $0.0 != "description" }.map { Attribute(key: $0.0, value: .string($0.1)) })
    }

    private static func data(of group: [MetricInstrument], at timeUnixNano: UInt64) -> MetricData {
        switch group[0].kind {
        case .counter, .floatingPointCounter:
            return .sum(
                MetricData.Sum(
                    dataPoints: group.map { instrument in
                        let value: MetricValue =
                            switch instrument.values {
                            case .integerSum(let total): .int(total)
                            case .doubleSum(let total): .double(total)
                            default: .int(0)
                            }
                        return NumberDataPoint(
                            attributes: instrument.attributes(),
                            startTimeUnixNano: instrument.startTimeUnixNano,
                            timeUnixNano: timeUnixNano,
                            value: value
                        )
                    },
                    aggregationTemporality: .cumulative,
                    isMonotonic: true
                )
            )
        case .meter, .recorder(aggregate: false):
            // A gauge that was never set reads 0, as in swift-otel.
            return .gauge(
                group.map { instrument in
                    guard case .lastValue(let value) = instrument.values else { return NumberDataPoint(value: nil) }
                    return NumberDataPoint(attributes: instrument.attributes(), timeUnixNano: timeUnixNano, value: .double(value ?? 0))
                }
            )
        case .recorder(aggregate: true), .timer:
            return .histogram(
                MetricData.Histogram(
                    dataPoints: group.map { instrument in
                        guard case .distribution(let distribution) = instrument.values else { return HistogramDataPoint(count: 0) }
                        return HistogramDataPoint(
                            attributes: instrument.attributes(),
                            startTimeUnixNano: instrument.startTimeUnixNano,
                            timeUnixNano: timeUnixNano,
                            count: distribution.count,
                            sum: distribution.sum,
                            bucketCounts: distribution.bucketCounts,
                            explicitBounds: distribution.bounds,
                            min: distribution.min,
                            max: distribution.max
                        )
                    },
                    aggregationTemporality: .cumulative
                )
            )
        }
    }
}
