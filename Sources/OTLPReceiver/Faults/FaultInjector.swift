import Foundation
import OTLPWire
import Synchronization

/// Applies a ``FaultPlan``: counts attempts per signal and draws the seeded probabilities.
final class FaultInjector: Sendable {
    private struct State {
        var plan = FaultPlan()
        var attempts: [OTLPSignal: Int] = [:]
        var generators: [Int: SplitMix64] = [:]
        /// A decision taken early (by the connection handler) for a signal's next attempt.
        var pending: [OTLPSignal: Fault?] = [:]
    }

    private let state = Mutex(State())

    var plan: FaultPlan {
        get { state.withLock { $0.plan } }
        set {
            state.withLock { state in
                state.plan = newValue
                state.attempts = [:]
                state.generators = [:]
                state.pending = [:]
            }
        }
    }

    /// Counts the request as the next attempt of its signal and picks its fault, if any.
    func fault(for signal: OTLPSignal) -> Fault? {
        state.withLock { state in
            if let decided = state.pending.removeValue(forKey: signal) { return decided }
            return Self.decide(signal, &state)
        }
    }

    /// For the connection handler, which sees a request's headers before the request reaches
    /// ``fault(for:)``: when the signal's next attempt is to have its connection closed, counts
    /// the attempt and returns the fault; otherwise leaves the decision for ``fault(for:)``.
    func connectionClose(for signal: OTLPSignal) -> Fault.ConnectionClose? {
        state.withLock { state in
            let decided = state.pending[signal] ?? Self.decide(signal, &state)
            if case .closeConnection(let close)? = decided {
                state.pending[signal] = nil
                return close
            }
            state.pending[signal] = .some(decided)
            return nil
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

/// A small seeded generator, so that probabilistic faults repeat from run to run.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
