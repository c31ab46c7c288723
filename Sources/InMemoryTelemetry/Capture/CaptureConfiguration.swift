public import TelemetryModel

/// How a ``TelemetryCapture`` stamps what it records, and how much it keeps.
public struct CaptureConfiguration: Sendable {
    /// The resource every captured span, metric and log belongs to.
    public var resource: Resource
    /// The instrumentation scope every captured span, metric and log belongs to.
    public var scope: InstrumentationScope
    /// The most spans kept; later spans are counted in ``TelemetryData/droppedSpans``.
    public var maximumSpans: Int
    /// The most log records kept; later ones are counted in ``TelemetryData/droppedLogRecords``.
    public var maximumLogRecords: Int
    /// Upper bounds of the buckets for `Recorder`s that aggregate (swift-otel's defaults).
    public var valueHistogramBounds: [Double]
    /// Upper bounds, in seconds, of the buckets for `Timer`s (swift-otel's defaults).
    public var durationHistogramBounds: [Double]

    /// swift-otel 1.6.0's default explicit bucket bounds (the OpenTelemetry SDK defaults).
    public static let defaultValueHistogramBounds: [Double] = [
        0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000,
    ]

    /// Creates a configuration.
    public init(
        resource: Resource = Resource(attributes: ["service.name": "test"]),
        scope: InstrumentationScope = InstrumentationScope(name: "swift-otel-harness"),
        maximumSpans: Int = 100_000,
        maximumLogRecords: Int = 100_000,
        valueHistogramBounds: [Double] = CaptureConfiguration.defaultValueHistogramBounds,
        durationHistogramBounds: [Double] = CaptureConfiguration.defaultValueHistogramBounds.map { $0 / 1000 }
    ) {
        self.resource = resource
        self.scope = scope
        self.maximumSpans = maximumSpans
        self.maximumLogRecords = maximumLogRecords
        self.valueHistogramBounds = valueHistogramBounds
        self.durationHistogramBounds = durationHistogramBounds
    }
}
