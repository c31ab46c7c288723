/// One thing wrong in a stack file: where, and what.
public struct StackFileProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file, as the user named it.
    public var file: String
    /// Where in the file; `nil` for the file as a whole.
    public var location: SourceLocation?
    /// What is wrong, naming the key or value.
    public var message: String

    /// Creates a problem.
    public init(file: String, location: SourceLocation?, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    /// `file:line:column: error: message`.
    public var description: String {
        "\([file, location?.description].compactMap { $0 }.joined(separator: ":")): error: \(message)"
    }
}

/// Why a stack file cannot be used: every problem found, in the order of the file.
public struct StackFileError: Error, Sendable, CustomStringConvertible {
    /// The problems, at least one.
    public var problems: [StackFileProblem]

    /// An error of `problems`.
    public init(problems: [StackFileProblem]) {
        self.problems = problems
    }

    /// One line per problem.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
