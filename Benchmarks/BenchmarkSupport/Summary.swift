/// The median and range of a benchmark's samples.
public struct Summary: Encodable, Sendable {
    /// The middle sample.
    public var median: Double
    /// The smallest sample.
    public var min: Double
    /// The largest sample.
    public var max: Double

    /// Summarises `samples`, which must not be empty.
    public init(_ samples: [Double]) {
        let sorted = samples.sorted()
        median = sorted[sorted.count / 2]
        min = sorted[0]
        max = sorted[sorted.count - 1]
    }
}
