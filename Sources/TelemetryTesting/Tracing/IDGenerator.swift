import Synchronization
import TelemetryModel

/// Random-looking, unique trace and span ids without a system call per id.
///
/// A process-wide counter, started at a random value, is passed through the SplitMix64
/// finaliser, a bijection on 64-bit integers: ids never repeat within 2^64 draws and look
/// uniformly random, which is all tests need (ids are not secrets).
enum IDGenerator {
    private static let counter: Atomic<UInt64> = {
        var random = SystemRandomNumberGenerator()
        return Atomic(random.next())
    }()

    static func next() -> UInt64 {
        var z = counter.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func traceID() -> TraceID {
        var id = TraceID(high: next(), low: next())
        while id.isZero { id = TraceID(high: next(), low: next()) }
        return id
    }

    static func spanID() -> SpanID {
        var id = next()
        while id == 0 { id = next() }
        return SpanID(id)
    }
}
