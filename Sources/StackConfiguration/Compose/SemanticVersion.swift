/// A `major.minor.patch` version.
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The parts.
    public var major: Int, minor: Int, patch: Int

    /// Creates a version.
    public init(_ major: Int, _ minor: Int, _ patch: Int = 0) {
        (self.major, self.minor, self.patch) = (major, minor, patch)
    }

    /// Reads `1.2.3`, `v1.2.3`, `1.2` or `1.2.3-suffix`; `nil` for anything else.
    public init?(lenient text: String) {
        var body = Substring(text)
        if body.first == "v" { body = body.dropFirst() }
        let core = body.prefix { $0.isNumber || $0 == "." }
        let numbers = core.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard (2...3).contains(numbers.count), numbers.allSatisfy({ $0 != nil }) else { return nil }
        self.init(numbers[0]!, numbers[1]!, numbers.count == 3 ? numbers[2]! : 0)
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
}
