import Synchronization

/// Holds stalled answers until their limit passes, the receiver stops, or their client
/// disconnects, whichever is first: stopping a receiver never waits for a stall, and a client
/// that gave up does not leave its request held for the rest of the limit.
final class StallRelease: Sendable {
    private struct Waiter {
        var continuation: CheckedContinuation<Void, Never>
        /// The fault decision's ticket, when the request's connection is watched.
        var ticket: UInt64?
    }

    private struct State {
        var released = false
        var waiters: [Int: Waiter] = [:]
        var next = 0
        /// Tickets whose client disconnected before their stall began, oldest first.
        var disconnected: [UInt64] = []
    }

    /// Disconnections remembered for stalls that have not begun yet; older ones are forgotten.
    private static let maximumRemembered = 10_000

    private let state = Mutex(State())

    /// How many answers are held now.
    var holding: Int { state.withLock { $0.waiters.count } }

    /// Wakes every stall, now and later (the receiver stops).
    func releaseAll() {
        resume(
            state.withLock { state in
                state.released = true
                defer { state.waiters = [:] }
                return Array(state.waiters.values)
            }
        )
    }

    /// Wakes the stalls in progress (the receiver stops listening for a while).
    func releaseCurrent() {
        resume(
            state.withLock { state in
                defer { state.waiters = [:] }
                return Array(state.waiters.values)
            }
        )
    }

    /// Wakes the stall of the request with `ticket`, whose client disconnected: now, or as soon as
    /// it begins.
    func release(ticket: UInt64) {
        resume(
            state.withLock { state in
                let matching = state.waiters.filter { $0.value.ticket == ticket }
                guard !matching.isEmpty else {
                    state.disconnected.append(ticket)
                    if state.disconnected.count > Self.maximumRemembered { state.disconnected.removeFirst() }
                    return []
                }
                for key in matching.keys { state.waiters[key] = nil }
                return Array(matching.values)
            }
        )
    }

    private func resume(_ waiters: [Waiter]) {
        for waiter in waiters { waiter.continuation.resume() }
    }

    /// Returns after `limit`, as soon as the receiver stops, when the client of the request with
    /// `ticket` disconnects, or when the calling task is cancelled.
    func hold(upTo limit: Duration, ticket: UInt64?) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await Task.sleep(for: limit)  // the stall's own deadline
            }
            group.addTask { await self.released(ticket: ticket) }
            await group.next()
            group.cancelAll()
        }
    }

    private func released(ticket: UInt64?) async {
        let id = state.withLock { state -> Int in
            state.next += 1
            return state.next
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    if let ticket, let index = state.disconnected.firstIndex(of: ticket) {
                        state.disconnected.remove(at: index)
                        return true
                    }
                    if state.released || Task.isCancelled { return true }
                    state.waiters[id] = Waiter(continuation: continuation, ticket: ticket)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.continuation.resume()
        }
    }
}
