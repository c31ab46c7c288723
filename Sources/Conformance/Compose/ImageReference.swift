/// A container image reference, `[registry/]repository[:tag][@digest]`.
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// The reference as written.
    public var text: String
    /// The repository path without a registry host (`otel/opentelemetry-collector-contrib`).
    public var repository: String
    /// The tag, if one is written.
    public var tag: String?
    /// The digest, if one is written.
    public var digest: String?

    /// Parses a reference.
    public init(_ text: String) {
        self.text = text
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        var parts = rest.split(separator: "/").map(String.init)
        // A first part with a dot or a port, or `localhost`, is a registry host.
        if parts.count > 1, let first = parts.first, first.contains(".") || first.contains(":") || first == "localhost" {
            parts.removeFirst()
        }
        if parts.count == 1 { parts.insert("library", at: 0) }
        repository = parts.joined(separator: "/")
    }

    /// The last part of the repository (`opentelemetry-collector-contrib`).
    public var name: String { String(repository.split(separator: "/").last ?? "") }

    /// Whether the reference names one version: a digest, or a tag other than `latest`.
    /// A tag built from a variable counts as pinned (the value decides).
    public var isPinned: Bool {
        if digest != nil { return true }
        guard let tag, !tag.isEmpty else { return false }
        return tag != "latest"
    }

    /// The version in the tag (`0.159.0`, `v3.14.0`, `2.20.0-alpine` → 0.159.0, 3.14.0, 2.20.0).
    public var version: SemanticVersion? { tag.flatMap(SemanticVersion.init(lenient:)) }

    public var description: String { text }
}

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
