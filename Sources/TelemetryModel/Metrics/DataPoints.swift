/// A number that is either an integer or a floating-point value (OTLP's `as_int`/`as_double`).
public enum MetricValue: Sendable, Hashable, Codable {
    /// An integer value.
    case int(Int64)
    /// A floating-point value.
    case double(Double)

    /// The value as a `Double`, whatever its kind.
    public var doubleValue: Double {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        }
    }
}

/// A point of a gauge or sum (OTLP `NumberDataPoint`).
public struct NumberDataPoint: Sendable, Hashable, Codable {
    /// The point's dimensions.
    public var attributes: Attributes
    /// The start of the interval the point covers, in Unix epoch nanoseconds; 0 when unknown.
    public var startTimeUnixNano: UInt64
    /// When the point was observed, in Unix epoch nanoseconds.
    public var timeUnixNano: UInt64
    /// The value; `nil` only when the producer set neither `asInt` nor `asDouble`.
    public var value: MetricValue?
    /// Sample measurements with trace context.
    public var exemplars: [Exemplar]
    /// Point flags.
    public var flags: DataPointFlags

    /// Creates a point.
    public init(
        attributes: Attributes = [:],
        startTimeUnixNano: UInt64 = 0,
        timeUnixNano: UInt64 = 0,
        value: MetricValue?,
        exemplars: [Exemplar] = [],
        flags: DataPointFlags = []
    ) {
        self.attributes = attributes
        self.startTimeUnixNano = startTimeUnixNano
        self.timeUnixNano = timeUnixNano
        self.value = value
        self.exemplars = exemplars
        self.flags = flags
    }
}

/// A point of an explicit-bucket histogram (OTLP `HistogramDataPoint`).
public struct HistogramDataPoint: Sendable, Hashable, Codable {
    /// The point's dimensions.
    public var attributes: Attributes
    /// The start of the interval the point covers, in Unix epoch nanoseconds.
    public var startTimeUnixNano: UInt64
    /// When the point was observed, in Unix epoch nanoseconds.
    public var timeUnixNano: UInt64
    /// How many values were recorded.
    public var count: UInt64
    /// The sum of the recorded values, when known.
    public var sum: Double?
    /// Per-bucket counts; one more than ``explicitBounds`` (or none).
    public var bucketCounts: [UInt64]
    /// The upper bounds of every bucket but the last, ascending.
    public var explicitBounds: [Double]
    /// Sample measurements with trace context.
    public var exemplars: [Exemplar]
    /// Point flags.
    public var flags: DataPointFlags
    /// The smallest recorded value, when known.
    public var min: Double?
    /// The largest recorded value, when known.
    public var max: Double?

    /// Creates a point.
    public init(
        attributes: Attributes = [:],
        startTimeUnixNano: UInt64 = 0,
        timeUnixNano: UInt64 = 0,
        count: UInt64,
        sum: Double? = nil,
        bucketCounts: [UInt64] = [],
        explicitBounds: [Double] = [],
        exemplars: [Exemplar] = [],
        flags: DataPointFlags = [],
        min: Double? = nil,
        max: Double? = nil
    ) {
        self.attributes = attributes
        self.startTimeUnixNano = startTimeUnixNano
        self.timeUnixNano = timeUnixNano
        self.count = count
        self.sum = sum
        self.bucketCounts = bucketCounts
        self.explicitBounds = explicitBounds
        self.exemplars = exemplars
        self.flags = flags
        self.min = min
        self.max = max
    }
}

/// A point of an exponential histogram (OTLP `ExponentialHistogramDataPoint`).
public struct ExponentialHistogramDataPoint: Sendable, Hashable, Codable {
    /// A contiguous run of buckets starting at an index offset.
    public struct Buckets: Sendable, Hashable, Codable {
        /// The index of the first bucket.
        public var offset: Int32
        /// The bucket counts from ``offset`` upwards.
        public var bucketCounts: [UInt64]

        /// Creates a bucket run.
        public init(offset: Int32 = 0, bucketCounts: [UInt64] = []) {
            self.offset = offset
            self.bucketCounts = bucketCounts
        }
    }

    /// The point's dimensions.
    public var attributes: Attributes
    /// The start of the interval the point covers, in Unix epoch nanoseconds.
    public var startTimeUnixNano: UInt64
    /// When the point was observed, in Unix epoch nanoseconds.
    public var timeUnixNano: UInt64
    /// How many values were recorded.
    public var count: UInt64
    /// The sum of the recorded values, when known.
    public var sum: Double?
    /// The resolution: bucket boundaries are powers of `2^(2^-scale)`.
    public var scale: Int32
    /// How many values fell into the zero bucket.
    public var zeroCount: UInt64
    /// Buckets for positive values.
    public var positive: Buckets
    /// Buckets for negative values.
    public var negative: Buckets
    /// Point flags.
    public var flags: DataPointFlags
    /// Sample measurements with trace context.
    public var exemplars: [Exemplar]
    /// The smallest recorded value, when known.
    public var min: Double?
    /// The largest recorded value, when known.
    public var max: Double?
    /// The width of the zero bucket.
    public var zeroThreshold: Double

    /// Creates a point.
    public init(
        attributes: Attributes = [:],
        startTimeUnixNano: UInt64 = 0,
        timeUnixNano: UInt64 = 0,
        count: UInt64,
        sum: Double? = nil,
        scale: Int32 = 0,
        zeroCount: UInt64 = 0,
        positive: Buckets = Buckets(),
        negative: Buckets = Buckets(),
        flags: DataPointFlags = [],
        exemplars: [Exemplar] = [],
        min: Double? = nil,
        max: Double? = nil,
        zeroThreshold: Double = 0
    ) {
        self.attributes = attributes
        self.startTimeUnixNano = startTimeUnixNano
        self.timeUnixNano = timeUnixNano
        self.count = count
        self.sum = sum
        self.scale = scale
        self.zeroCount = zeroCount
        self.positive = positive
        self.negative = negative
        self.flags = flags
        self.exemplars = exemplars
        self.min = min
        self.max = max
        self.zeroThreshold = zeroThreshold
    }
}

/// A point of a summary (OTLP `SummaryDataPoint`).
public struct SummaryDataPoint: Sendable, Hashable, Codable {
    /// One quantile and its value.
    public struct ValueAtQuantile: Sendable, Hashable, Codable {
        /// The quantile, between 0 and 1.
        public var quantile: Double
        /// The value at that quantile.
        public var value: Double

        /// Creates a quantile value.
        public init(quantile: Double, value: Double) {
            self.quantile = quantile
            self.value = value
        }
    }

    /// The point's dimensions.
    public var attributes: Attributes
    /// The start of the interval the point covers, in Unix epoch nanoseconds.
    public var startTimeUnixNano: UInt64
    /// When the point was observed, in Unix epoch nanoseconds.
    public var timeUnixNano: UInt64
    /// How many values were recorded.
    public var count: UInt64
    /// The sum of the recorded values.
    public var sum: Double
    /// Values at quantiles.
    public var quantileValues: [ValueAtQuantile]
    /// Point flags.
    public var flags: DataPointFlags

    /// Creates a point.
    public init(
        attributes: Attributes = [:],
        startTimeUnixNano: UInt64 = 0,
        timeUnixNano: UInt64 = 0,
        count: UInt64,
        sum: Double,
        quantileValues: [ValueAtQuantile] = [],
        flags: DataPointFlags = []
    ) {
        self.attributes = attributes
        self.startTimeUnixNano = startTimeUnixNano
        self.timeUnixNano = timeUnixNano
        self.count = count
        self.sum = sum
        self.quantileValues = quantileValues
        self.flags = flags
    }
}

/// A sample measurement with the trace context it was recorded in (OTLP `Exemplar`).
public struct Exemplar: Sendable, Hashable, Codable {
    /// Attributes that were filtered out of the point's dimensions.
    public var filteredAttributes: Attributes
    /// When the measurement was taken, in Unix epoch nanoseconds.
    public var timeUnixNano: UInt64
    /// The measured value; `nil` only when the producer set neither.
    public var value: MetricValue?
    /// The span active when the measurement was taken, if any.
    public var spanID: SpanID?
    /// The trace active when the measurement was taken, if any.
    public var traceID: TraceID?

    /// Creates an exemplar.
    public init(
        filteredAttributes: Attributes = [:],
        timeUnixNano: UInt64 = 0,
        value: MetricValue?,
        spanID: SpanID? = nil,
        traceID: TraceID? = nil
    ) {
        self.filteredAttributes = filteredAttributes
        self.timeUnixNano = timeUnixNano
        self.value = value
        self.spanID = spanID
        self.traceID = traceID
    }
}
