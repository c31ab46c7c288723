/// The collector as the demo service's exporter sees it.
public enum CollectorCondition: Sendable, Hashable, CustomStringConvertible {
    /// Up and accepting telemetry.
    case healthy
    /// Not running: connections are refused.
    case stopped
    /// Accepts connections and never answers.
    case blackHole
    /// Answers every export with 503 (gRPC UNAVAILABLE) and a Retry-After of `retryAfter`.
    case unavailable(retryAfter: Duration)

    /// The faults the resilience scenario puts the services through by default.
    public static let faults: [CollectorCondition] = [.stopped, .blackHole, .unavailable(retryAfter: .seconds(1))]

    /// The fault a stack file names: `stopped`, `black_hole` or `unavailable` (503 with a
    /// Retry-After of 1 s).
    public init(stackFileName name: String) {
        switch name {
        case "stopped": self = .stopped
        case "black_hole": self = .blackHole
        default: self = .unavailable(retryAfter: .seconds(1))
        }
    }

    public var description: String {
        switch self {
        case .healthy: "healthy"
        case .stopped: "stopped"
        case .blackHole: "black-holed"
        case .unavailable(let retryAfter): "answering 503 with Retry-After \(retryAfter.components.seconds)"
        }
    }
}
