/// Percentiles of latency samples.
public enum Percentile {
    /// The nearest-rank percentile `p` (0…1) of an ascending, non-empty sample.
    public static func nearestRank(_ p: Double, ofSorted sorted: [Double]) -> Double {
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }
}
