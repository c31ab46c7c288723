import Foundation

/// Runs a process to its exit without blocking a thread of the cooperative pool (on a 2-core
/// machine it has two, and a blocked one stalls other tests).
enum ProcessExit {
    @discardableResult
    static func run(_ process: Process) async throws -> Int32 {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
        try process.run()
        var status: Int32 = -1
        for await code in stream { status = code }
        return status
    }
}
