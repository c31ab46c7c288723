import Synchronization

/// The gRPC calls being decoded and answered, so that stopping the server waits for them: a call
/// finishing after its receiver stopped would record into a store that is shut (its decoding
/// pool down, its file export closed).
final class GRPCCallsInFlight: Sendable {
    private let state = Mutex<(count: Int, waiters: [CheckedContinuation<Void, Never>])>((0, []))

    /// A call began.
    func enter() {
        state.withLock { $0.count += 1 }
    }

    /// A call ended.
    func leave() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.count -= 1
            guard state.count == 0 else { return [] }
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once no call is in flight.
    func drained() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                guard state.count > 0 else { return true }
                state.waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }
}
