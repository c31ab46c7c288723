/// The gate's verdict, with the exit code `otel-harness bench` ends with.
public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
    /// The instrumentation's cost is below the budget, with the plan's confidence.
    case pass = "PASS"
    /// The cost is above the budget, with the plan's confidence.
    case fail = "FAIL"
    /// The last look could not tell.
    case inconclusive = "INCONCLUSIVE"
    /// The run cannot be trusted: telemetry was dropped, or requests failed.
    case invalid = "INVALID"

    /// 0 pass, 1 fail, 2 inconclusive, 3 invalid (the DESIGN.md contract).
    public var exitCode: Int32 {
        switch self {
        case .pass: 0
        case .fail: 1
        case .inconclusive: 2
        case .invalid: 3
        }
    }
}
