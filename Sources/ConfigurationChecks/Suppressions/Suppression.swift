public import StackConfiguration

/// A finding the user has accepted, with the reason: from a suppressions file
/// (`rule file[:line] reason`) or an inline `# otel-harness-ignore RULE: reason` comment.
public struct Suppression: Sendable, Hashable {
    /// The rule id it silences.
    public var rule: String
    /// The absolute path of the file whose findings it silences.
    public var path: String
    /// The line it silences; `nil` for the whole file.
    public var line: Int?
    /// Why the finding is accepted.
    public var reason: String
    /// Where the suppression is written: its file (as findings name files) and line.
    public var origin: (file: String, line: Int)

    /// Creates a suppression.
    public init(rule: String, path: String, line: Int?, reason: String, origin: (file: String, line: Int)) {
        self.rule = rule
        self.path = path
        self.line = line
        self.reason = reason
        self.origin = origin
    }

    /// Whether it silences `finding`, whose file resolves to `path`.
    func matches(_ finding: Finding, path: String) -> Bool {
        finding.rule == rule && self.path == path && (line == nil || finding.line == line)
    }

    public static func == (lhs: Suppression, rhs: Suppression) -> Bool {
        (lhs.rule, lhs.path, lhs.line, lhs.reason, lhs.origin.file, lhs.origin.line)
            == (rhs.rule, rhs.path, rhs.line, rhs.reason, rhs.origin.file, rhs.origin.line)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rule)
        hasher.combine(path)
        hasher.combine(line)
        hasher.combine(origin.file)
        hasher.combine(origin.line)
    }
}

/// A finding with the suppression that silenced it.
public struct SuppressedFinding: Sendable, Hashable {
    /// The finding.
    public var finding: Finding
    /// Why it is accepted.
    public var reason: String
}
