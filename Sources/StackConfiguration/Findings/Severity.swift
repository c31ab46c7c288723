/// How much a finding matters. Only errors fail `otel-harness check`.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Worth knowing; nothing is wrong yet.
    case info
    /// Works today but is fragile, or works differently from what the author meant.
    case warning
    /// Fails at start-up, or loses telemetry silently.
    case error

    /// The SARIF level (`note`, `warning`, `error`).
    public var sarifLevel: String {
        switch self {
        case .info: "note"
        case .warning: "warning"
        case .error: "error"
        }
    }

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
