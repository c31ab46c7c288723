/// One named metric with its data points (OTLP `Metric`).
public struct Metric: Sendable, Hashable, Codable {
    /// The metric's name, for example `http.server.request.duration`.
    public var name: String
    /// A human-readable description.
    public var description: String
    /// The unit in UCUM form, for example `s`, `By` or `1`.
    public var unit: String
    /// The data points and their kind.
    public var data: MetricData
    /// Additional metadata about the metric (OTLP `Metric.metadata`).
    public var metadata: Attributes

    /// Creates a metric.
    public init(name: String, description: String = "", unit: String = "", data: MetricData, metadata: Attributes = [:]) {
        self.name = name
        self.description = description
        self.unit = unit
        self.data = data
        self.metadata = metadata
    }
}

/// The kind of a metric and its data points: the OTLP `Metric.data` one-of.
public enum MetricData: Sendable, Hashable, Codable {
    /// Current values, each a sample at a point in time.
    case gauge([NumberDataPoint])
    /// Sums over time, with monotonicity and temporality.
    case sum(Sum)
    /// Distributions with explicit bucket bounds.
    case histogram(Histogram)
    /// Distributions with exponential (base-2 scaled) buckets.
    case exponentialHistogram(ExponentialHistogram)
    /// Quantile summaries (legacy Prometheus/StatsD style).
    case summary([SummaryDataPoint])

    /// A sum's data points and how they aggregate.
    public struct Sum: Sendable, Hashable, Codable {
        /// The data points.
        public var dataPoints: [NumberDataPoint]
        /// Whether points are deltas or cumulative.
        public var aggregationTemporality: AggregationTemporality
        /// Whether the sum only ever increases (a counter).
        public var isMonotonic: Bool

        /// Creates a sum.
        public init(dataPoints: [NumberDataPoint], aggregationTemporality: AggregationTemporality, isMonotonic: Bool) {
            self.dataPoints = dataPoints
            self.aggregationTemporality = aggregationTemporality
            self.isMonotonic = isMonotonic
        }
    }

    /// A histogram's data points and temporality.
    public struct Histogram: Sendable, Hashable, Codable {
        /// The data points.
        public var dataPoints: [HistogramDataPoint]
        /// Whether points are deltas or cumulative.
        public var aggregationTemporality: AggregationTemporality

        /// Creates a histogram.
        public init(dataPoints: [HistogramDataPoint], aggregationTemporality: AggregationTemporality) {
            self.dataPoints = dataPoints
            self.aggregationTemporality = aggregationTemporality
        }
    }

    /// An exponential histogram's data points and temporality.
    public struct ExponentialHistogram: Sendable, Hashable, Codable {
        /// The data points.
        public var dataPoints: [ExponentialHistogramDataPoint]
        /// Whether points are deltas or cumulative.
        public var aggregationTemporality: AggregationTemporality

        /// Creates an exponential histogram.
        public init(dataPoints: [ExponentialHistogramDataPoint], aggregationTemporality: AggregationTemporality) {
            self.dataPoints = dataPoints
            self.aggregationTemporality = aggregationTemporality
        }
    }

    /// The name of the kind as OTLP/JSON spells it (`gauge`, `sum`, `histogram`, …).
    public var kindName: String {
        switch self {
        case .gauge: "gauge"
        case .sum: "sum"
        case .histogram: "histogram"
        case .exponentialHistogram: "exponentialHistogram"
        case .summary: "summary"
        }
    }

    /// The number of data points, whatever the kind.
    public var dataPointCount: Int {
        switch self {
        case .gauge(let points): points.count
        case .sum(let sum): sum.dataPoints.count
        case .histogram(let histogram): histogram.dataPoints.count
        case .exponentialHistogram(let histogram): histogram.dataPoints.count
        case .summary(let points): points.count
        }
    }
}

/// Whether data points report changes since the last report or totals since a fixed start.
public enum AggregationTemporality: Int32, Sendable, Hashable, Codable, CaseIterable {
    /// Not specified; invalid for sums and histograms per the OTLP spec.
    case unspecified = 0
    /// Each point covers the interval since the previous point.
    case delta = 1
    /// Each point covers the interval since a fixed start time.
    case cumulative = 2
}

/// Flags of a data point (OTLP `DataPointFlags`).
public struct DataPointFlags: OptionSet, Sendable, Hashable, Codable {
    /// The raw 32-bit value as carried on the wire.
    public var rawValue: UInt32

    /// Creates flags from their raw value.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// The point marks a missing value (a stale marker in Prometheus terms).
    public static let noRecordedValue = DataPointFlags(rawValue: 1)
}
