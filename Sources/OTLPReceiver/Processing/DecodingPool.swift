import NIOPosix

/// The threads that inflate and decode export requests, and render query answers, apart from
/// Swift's cooperative pool, in two lanes.
///
/// Inflating and decoding a large body takes hundreds of milliseconds of CPU without a
/// suspension point. On the cooperative pool (one thread per core) a few such requests occupy
/// every thread, and `/health`, the query API and small exports wait behind them for seconds.
/// Here they queue for threads of their own, which the operating system shares with the rest,
/// and the receiver keeps answering.
///
/// A gzip bomb is a small body, so the size on the wire does not tell what a request costs. Every
/// body of at most ``quickBytes`` is tried first on the quick lane, inflating at most
/// ``quickBytes``; what needs more moves to the heavy lane. Each lane has `threadCount` threads.
/// A small export waits behind at most a megabyte of work per request ahead of it, never behind
/// whole bombs, and ordinary exports (up to a megabyte) use every core.
final class DecodingPool: Sendable {
    /// The most a request may inflate to, and its body weigh, on the quick lane.
    static let quickBytes = 1 << 20

    private let heavy: NIOThreadPool
    private let quick: NIOThreadPool

    /// Started lanes of `threadCount` threads each.
    init(threadCount: Int) {
        heavy = NIOThreadPool(numberOfThreads: max(1, threadCount))
        quick = NIOThreadPool(numberOfThreads: max(1, threadCount))
        heavy.start()
        quick.start()
    }

    /// Runs `work` on the heavy lane and returns its result; runs it here once the pool has been
    /// shut down (a request that arrives while the receiver stops).
    func run<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await Self.run(work, on: heavy)
    }

    /// Runs `work`, which does at most ``quickBytes`` of work, on the quick lane.
    func runQuickly<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await Self.run(work, on: quick)
    }

    private static func run<Value: Sendable>(_ work: @escaping @Sendable () -> Value, on threads: NIOThreadPool) async -> Value {
        do {
            return try await threads.runIfActive(work)
        } catch {
            return work()
        }
    }

    /// Lets the queued work finish, then ends the threads.
    func shutDown() async {
        try? await quick.shutdownGracefully()
        try? await heavy.shutdownGracefully()
    }
}
