/// A check `otel-harness check` makes: what it finds, why that matters and how to fix it.
public struct Rule: Sendable, Hashable, Identifiable {
    /// A stable id, `area/name`: findings, JSON, SARIF and suppressions use it.
    public var id: String
    /// The severity of its findings.
    public var severity: Severity
    /// What it finds, in a line.
    public var summary: String
    /// Why that is a problem.
    public var rationale: String
    /// The usual fix; a finding may give a more specific one.
    public var fix: String
    /// Why its findings have their severity, under the checker's severity policy: *error* when
    /// the stack will not work as written, *warning* when it works but breaks on a documented
    /// upgrade or violates a documented practice, *info* for advice.
    public var severityReason: String

    /// Creates a rule.
    public init(_ id: String, _ severity: Severity, summary: String, rationale: String, fix: String, severityReason: String) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.rationale = rationale
        self.fix = fix
        self.severityReason = severityReason
    }

    /// A finding of this rule.
    public func finding(_ message: String, in file: String, at location: SourceLocation?, fix: String? = nil, severity: Severity? = nil) -> Finding {
        Finding(rule: id, severity: severity ?? self.severity, file: file, location: location, message: message, fix: fix ?? self.fix)
    }
}
