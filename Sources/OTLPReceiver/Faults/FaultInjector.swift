import Foundation
import OTLPWire
import Synchronization
import TelemetryModel

/// Applies a ``FaultPlan``: counts attempts per session and signal and draws the seeded
/// probabilities per session, so that parallel tests sharing a receiver, each with its own
/// session header, each see the plan from their first attempt on.
final class FaultInjector: Sendable {
    /// Whose attempts: a session (the session header's value; `nil` without one) and a signal.
    private struct Attempts: Hashable {
        var session: String?
        var signal: OTLPSignal
    }

    /// A rule's random draws within one session.
    private struct Draws: Hashable {
        var session: String?
        var rule: Int
    }

    private struct State {
        var plan = FaultPlan()
        var attempts: [Attempts: Int] = [:]
        var generators: [Draws: SplitMix64] = [:]
        /// The sessions seen, oldest first, to forget the oldest beyond ``maximumSessions``.
        var sessions: [String?] = []
        /// Decisions taken when a request's headers arrived, waiting for its body to be read.
        var parked: [UInt64: Fault?] = [:]
        var parkedOrder: [UInt64] = []
        var nextParkingID: UInt64 = 0
    }

    /// The header that carries a parked decision from the connection handler to the request.
    static let decisionHeader = "x-otel-harness-fault-decision"
    /// Decisions of requests that never arrived (the client gave up mid-body) are forgotten
    /// beyond this many.
    private static let maximumParked = 10_000
    /// The sessions whose attempts are counted; the counts of the oldest are forgotten beyond.
    private static let maximumSessions = 10_000

    private let state = Mutex(State())

    var plan: FaultPlan {
        get { state.withLock { $0.plan } }
        set {
            state.withLock { state in
                state.plan = newValue
                state.attempts = [:]
                state.generators = [:]
                state.sessions = []
            }
        }
    }

    /// Counts the request as the next attempt of its session and signal, and picks its fault, if
    /// any.
    func fault(for signal: OTLPSignal, session: String?) -> Fault? {
        state.withLock { Self.decide(signal, session: session, &$0) }
    }

    /// A ticket for a request whose decision is not parked (gRPC), to release its stalled answer
    /// by; drawn from the parking tickets, so that the two never collide.
    func newTicket() -> UInt64 {
        state.withLock { state in
            state.nextParkingID += 1
            return state.nextParkingID
        }
    }

    /// Keeps a request's decision until its body has been read; returns the ticket to claim it.
    func park(_ fault: Fault?) -> UInt64 {
        state.withLock { state in
            state.nextParkingID += 1
            let id = state.nextParkingID
            state.parked[id] = .some(fault)
            state.parkedOrder.append(id)
            if state.parkedOrder.count > Self.maximumParked {
                state.parked[state.parkedOrder.removeFirst()] = nil
            }
            return id
        }
    }

    /// The decision parked under `ticket`, once; `nil` when there is none (or none any more).
    func claim(_ ticket: UInt64) -> Fault?? {
        state.withLock { state in
            guard let decision = state.parked.removeValue(forKey: ticket) else { return nil }
            state.parkedOrder.removeAll { $0 == ticket }
            return .some(decision)
        }
    }

    private static func decide(_ signal: OTLPSignal, session: String?, _ state: inout State) -> Fault? {
        let key = Attempts(session: session, signal: signal)
        if state.attempts[key] == nil && !state.sessions.contains(session) {
            state.sessions.append(session)
            if state.sessions.count > maximumSessions {
                let forgotten = state.sessions.removeFirst()
                state.attempts = state.attempts.filter { $0.key.session != forgotten }
                state.generators = state.generators.filter { $0.key.session != forgotten }
            }
        }
        let attempt = state.attempts[key, default: 0] + 1
        state.attempts[key] = attempt
        for (index, rule) in state.plan.rules.enumerated() where rule.signals.contains(signal) {
            switch rule.selection {
            case .always:
                return rule.fault
            case .attempts(let range):
                if range.contains(attempt) { return rule.fault }
            case .probability(let probability, let seed):
                let draws = Draws(session: session, rule: index)
                var generator = state.generators[draws] ?? SplitMix64(seed: seed)
                let draw = Double(generator.next() >> 11) / Double(1 << 53)
                state.generators[draws] = generator
                if draw < probability { return rule.fault }
            }
        }
        return nil
    }
}
