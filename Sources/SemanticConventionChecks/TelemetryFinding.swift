public import StackConfiguration

/// One way a piece of telemetry departs from the semantic conventions.
public struct TelemetryFinding: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The id of the rule, for example `semconv/http-server-span-name`.
    public var rule: String
    /// How much it matters.
    public var severity: Severity
    /// What the finding is about: a span (name, trace and span id), a metric, or a resource.
    public var subject: String
    /// What is wrong.
    public var message: String
    /// How to fix it.
    public var fix: String

    /// `severity: subject: message [rule]`.
    public var description: String { "\(severity.rawValue): \(subject): \(message) [\(rule)]" }
}

extension Rule {
    /// A telemetry finding of this rule.
    func finding(_ message: String, about subject: String, fix: String? = nil, severity: Severity? = nil) -> TelemetryFinding {
        TelemetryFinding(rule: id, severity: severity ?? self.severity, subject: subject, message: message, fix: fix ?? self.fix)
    }
}
