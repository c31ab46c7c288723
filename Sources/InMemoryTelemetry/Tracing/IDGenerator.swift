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
        SplitMix64.mix(counter.wrappingAdd(SplitMix64.increment, ordering: .relaxed).newValue)
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
