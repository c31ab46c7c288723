import Foundation
import OTLPWire
import Synchronization
import TelemetryModel

/// Applies a ``FaultPlan``: counts attempts per signal and draws the seeded probabilities.
final class FaultInjector: Sendable {
    private struct State {
        var plan = FaultPlan()
        var attempts: [OTLPSignal: Int] = [:]
        var generators: [Int: SplitMix64] = [:]
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

    private let state = Mutex(State())

    var plan: FaultPlan {
        get { state.withLock { $0.plan } }
        set {
            state.withLock { state in
                state.plan = newValue
                state.attempts = [:]
                state.generators = [:]
            }
        }
    }

    /// Counts the request as the next attempt of its signal and picks its fault, if any.
    func fault(for signal: OTLPSignal) -> Fault? {
        state.withLock { Self.decide(signal, &$0) }
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

    private static func decide(_ signal: OTLPSignal, _ state: inout State) -> Fault? {
        let attempt = state.attempts[signal, default: 0] + 1
        state.attempts[signal] = attempt
        for (index, rule) in state.plan.rules.enumerated() where rule.signals.contains(signal) {
            switch rule.selection {
            case .always:
                return rule.fault
            case .attempts(let range):
                if range.contains(attempt) { return rule.fault }
            case .probability(let probability, let seed):
                var generator = state.generators[index] ?? SplitMix64(seed: seed)
                let draw = Double(generator.next() >> 11) / Double(1 << 53)
                state.generators[index] = generator
                if draw < probability { return rule.fault }
            }
        }
        return nil
    }
}
