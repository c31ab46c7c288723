/// A small, fast, seeded random number generator (Steele, Lea and Flood's SplitMix64): the one
/// generator of the harness, for reproducible fault draws, generated test data, resamples and
/// the in-memory tracer's ids.
///
/// It lives in the model, the lowest layer, so that the in-memory capture can draw ids with it
/// without depending on the harness's process and network support.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= Self.increment
        return Self.mix(state)
    }

    /// The step between states: the golden ratio in 64-bit fixed point.
    public static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// SplitMix64's finaliser: a bijection on 64-bit integers whose outputs look uniformly
    /// random, so distinct inputs give distinct outputs.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
