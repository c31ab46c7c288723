/// A place in a file: a 1-based line and column, and the file when it is not the one at hand
/// (a node of a configuration merged from several files).
public struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The line, counting from 1.
    public var line: Int
    /// The column, counting from 1, in Unicode scalars.
    public var column: Int
    /// The file, as findings name it, when the location is in another file than the one checked.
    public var file: String?

    /// Creates a location.
    public init(line: Int, column: Int = 1, file: String? = nil) {
        self.line = line
        self.column = column
        self.file = file
    }

    /// The start of a file.
    public static let start = SourceLocation(line: 1, column: 1)

    public var description: String { "\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}
