/// One problem in one place of one file.
public struct Finding: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The id of the rule that found it, for example `collector/removed-component`.
    public var rule: String
    /// How much it matters.
    public var severity: Severity
    /// The file, as the user named it (relative to the working directory when inside it).
    public var file: String
    /// The line, counting from 1, when the finding is about a place in the file.
    public var line: Int?
    /// The column, counting from 1.
    public var column: Int?
    /// What is wrong, naming the thing that is wrong.
    public var message: String
    /// How to fix it.
    public var fix: String

    /// Creates a finding.
    public init(rule: String, severity: Severity, file: String, location: SourceLocation?, message: String, fix: String) {
        self.rule = rule
        self.severity = severity
        self.file = file
        self.line = location?.line
        self.column = location?.column
        self.message = message
        self.fix = fix
    }

    private enum CodingKeys: String, CodingKey {
        case rule, severity, file, line, column, message, fix
    }

    /// Encodes every key, `line` and `column` as `null` when the finding is about a whole file
    /// (the command-line contract lists `line` on every finding).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rule, forKey: .rule)
        try container.encode(severity, forKey: .severity)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encode(message, forKey: .message)
        try container.encode(fix, forKey: .fix)
    }

    /// `file:line:column: severity: message [rule]`.
    public var description: String {
        let place = [file, line.map(String.init), column.map(String.init)].compactMap { $0 }.joined(separator: ":")
        return "\(place): \(severity.rawValue): \(message) [\(rule)]"
    }
}
