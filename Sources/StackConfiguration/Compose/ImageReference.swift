/// A container image reference, `[registry/]repository[:tag][@digest]`.
package struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// The reference as written.
    package var text: String
    /// The repository path without a registry host (`otel/opentelemetry-collector-contrib`).
    package var repository: String
    /// The tag, if one is written.
    package var tag: String?
    /// The digest, if one is written.
    package var digest: String?

    /// Whether part of the reference is a compose variable (`${VERSION:-1.2.3}`), so that it
    /// cannot be known here.
    package var hasVariable: Bool

    /// Parses a reference. Compose variables (`${…}`) are kept whole: `image:${TAG:-1.0}` has
    /// the tag `${TAG:-1.0}`.
    package init(_ text: String) {
        self.text = text
        hasVariable = text.contains("$")
        var reference = text
        // A reference that is one variable with a default (`${IMAGE:-otel/…:0.159.0}`) is read
        // as its default (still counted as a variable).
        if text.hasPrefix("${"), text.hasSuffix("}"), text.dropFirst(2).firstIndex(of: "}") == text.index(before: text.endIndex),
            let dash = text.range(of: ":-") ?? text.range(of: "-")
        {
            let fallback = String(text[dash.upperBound..<text.index(before: text.endIndex)])
            if !fallback.isEmpty, !fallback.contains("$") { reference = fallback }
        }
        (repository, tag, digest) = Self.parse(reference)
    }

    /// The repository (without registry), tag and digest of a reference; compose variables
    /// (`${…}`) are kept whole: `image:${TAG:-1.0}` has the tag `${TAG:-1.0}`.
    private static func parse(_ text: String) -> (repository: String, tag: String?, digest: String?) {
        // Mask the variables so that their colons and slashes do not split the reference.
        var masked = ""
        var variables: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            masked += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                masked += rest[start.lowerBound...]
                rest = ""
                break
            }
            variables.append(String(rest[start.lowerBound...end]))
            masked += "\u{1}\(variables.count - 1)\u{1}"
            rest = rest[rest.index(after: end)...]
        }
        masked += rest
        func unmask(_ part: Substring) -> String {
            var result = String(part)
            for (index, variable) in variables.enumerated() { result = result.replacingOccurrences(of: "\u{1}\(index)\u{1}", with: variable) }
            return result
        }
        var body = Substring(masked)
        var tag: String?
        var digest: String?
        if let at = body.firstIndex(of: "@") {
            digest = unmask(body[body.index(after: at)...])
            body = body[..<at]
        }
        if let colon = body.lastIndex(of: ":"), !body[colon...].contains("/") {
            tag = unmask(body[body.index(after: colon)...])
            body = body[..<colon]
        }
        var parts = body.split(separator: "/").map(unmask)
        // A first part with a dot or a port, or `localhost`, is a registry host.
        if parts.count > 1, let first = parts.first, first.contains(".") || first.contains(":") || first == "localhost" {
            parts.removeFirst()
        }
        if parts.count == 1 { parts.insert("library", at: 0) }
        return (parts.joined(separator: "/"), tag, digest)
    }

    /// The last part of the repository (`opentelemetry-collector-contrib`).
    package var name: String { String(repository.split(separator: "/").last ?? "") }

    /// Whether the reference names one version: a digest, or a tag other than `latest`.
    /// A reference built from a variable counts as pinned (the value decides).
    package var isPinned: Bool {
        if digest != nil || hasVariable { return true }
        guard let tag, !tag.isEmpty else { return false }
        return tag != "latest"
    }

    /// The version in the tag (`0.159.0`, `v3.14.0`, `2.20.0-alpine` → 0.159.0, 3.14.0, 2.20.0).
    package var version: SemanticVersion? {
        guard let tag, !tag.contains("$") else { return nil }
        return SemanticVersion(lenient: tag)
    }

    package var description: String { text }
}
