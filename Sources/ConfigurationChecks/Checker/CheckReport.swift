public import StackConfiguration

/// What `otel-harness check` found in a set of files.
public struct CheckReport: Sendable, Hashable {
    /// Every finding, sorted by file, line and rule.
    public var findings: [Finding]
    /// A file that was checked.
    public struct CheckedFile: Sendable, Hashable, Codable {
        /// Its name, as findings give it.
        public var name: String
        /// What it configures.
        public var kind: ConfigKind
    }

    /// The files checked, with what each configures.
    public var checkedFiles: [CheckedFile]
    /// YAML and JSON files found in the folders given that configure none of the stack's components.
    public var skippedFiles: [String]
    /// The findings a suppression silenced, with its reason; not in `findings`.
    public var suppressed: [SuppressedFinding] = []

    /// Whether any finding is an error (the command then exits 1).
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }

    /// The number of findings of `severity`.
    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}
