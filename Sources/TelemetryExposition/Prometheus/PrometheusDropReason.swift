/// Why the accumulator did not keep a received data point, as the collector's prometheus
/// exporter (contrib v0.131.0, `accumulator.go`) decides it. Every such point is counted in
/// ``PrometheusAccumulator/droppedDataPointCounts``; none is dropped silently.
public enum PrometheusDropReason: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// An exponential histogram: this exporter version cannot translate them (later versions
    /// turn them into native histograms, which the text formats cannot carry anyway).
    case exponentialHistogram
    /// A sum with unspecified aggregation temporality, or a histogram point with unspecified
    /// temporality for a series that already exists.
    case unspecifiedTemporality
    /// A non-monotonic sum with delta temporality, which the exporter cannot accumulate.
    case nonMonotonicDelta
    /// A point older than the one the series already holds.
    case outOfOrder
    /// A delta histogram point that starts before the series' last point ends (overlapping or
    /// from a second writer).
    case misalignedDelta
    /// A point flagged "no recorded value": it removes its series, and the exporter ignores the
    /// rest of that metric's points in the same request (counted here too).
    case noRecordedValue

    /// A short explanation.
    public var description: String {
        switch self {
        case .exponentialHistogram: "exponential histograms are not exposed"
        case .unspecifiedTemporality: "aggregation temporality is unspecified"
        case .nonMonotonicDelta: "non-monotonic delta sums cannot be accumulated"
        case .outOfOrder: "older than the point the series holds"
        case .misalignedDelta: "delta point starts before the previous point ends"
        case .noRecordedValue: "no recorded value: the series was removed"
        }
    }
}
