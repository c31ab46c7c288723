import Synchronization

/// Holds stalled answers until their limit passes or the receiver stops, whichever is first,
/// so that stopping a receiver never waits for a stall.
final class StallRelease: Sendable {
    private let state = Mutex<(released: Bool, waiters: [Int: CheckedContinuation<Void, Never>], next: Int)>((false, [:], 0))

    /// Wakes every stall, now and later (the receiver stops).
    func releaseAll() {
        release(permanently: true)
    }

    /// Wakes the stalls in progress (the receiver stops listening for a while).
    func releaseCurrent() {
        release(permanently: false)
    }

    private func release(permanently: Bool) {
        let waiters = state.withLock { state in
            if permanently { state.released = true }
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns after `limit`, or as soon as the receiver stops.
    func hold(upTo limit: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await Task.sleep(for: limit)  // the stall's own deadline
            }
            group.addTask { await self.released() }
            await group.next()
            group.cancelAll()
        }
    }

    private func released() async {
        let id = state.withLock { state -> Int in
            state.next += 1
            return state.next
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    if state.released || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }
}
