/// A YAML or JSON document as a tree in which every node knows where it was written, so that a
/// finding can name the line of the key or value it is about.
package struct ConfigNode: Sendable {
    /// What a node holds.
    package enum Value: Sendable {
        /// A scalar as written; `isPlain` is false for quoted scalars (`"1"` is a string, `1` is not).
        case scalar(String, isPlain: Bool)
        /// A mapping, in document order.
        case mapping([Entry])
        /// A sequence.
        case sequence([ConfigNode])
        /// An empty value, `~` or `null`.
        case null
    }

    /// One key and value of a mapping.
    package struct Entry: Sendable {
        /// The key, as a string.
        package var key: String
        /// Where the key was written.
        package var keyLocation: SourceLocation
        /// The value.
        package var value: ConfigNode
    }

    /// What the node holds.
    package var value: Value
    /// Where the node starts.
    package var location: SourceLocation

    /// Creates a node.
    package init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// The entries of a mapping; empty for anything else.
    package var entries: [Entry] {
        if case .mapping(let entries) = value { return entries }
        return []
    }

    /// The elements of a sequence; empty for anything else.
    package var elements: [ConfigNode] {
        if case .sequence(let elements) = value { return elements }
        return []
    }

    /// Whether the node is a mapping.
    package var isMapping: Bool {
        if case .mapping = value { return true }
        return false
    }

    /// Whether the node is a sequence.
    package var isSequence: Bool {
        if case .sequence = value { return true }
        return false
    }

    /// Whether the node is empty (`key:` with nothing after it, `~` or `null`).
    package var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// The text of a scalar.
    package var string: String? {
        if case .scalar(let text, _) = value { return text }
        return nil
    }

    /// A scalar read as an integer.
    package var int: Int? {
        guard case .scalar(let text, _) = value else { return nil }
        return Int(text)
    }

    /// A plain scalar read as a boolean (`true`/`false`, any case).
    package var bool: Bool? {
        guard case .scalar(let text, true) = value else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    /// The entry for `key` of a mapping.
    package func entry(_ key: String) -> Entry? {
        entries.first { $0.key == key }
    }

    /// The value for `key` of a mapping.
    package subscript(key: String) -> ConfigNode? {
        entry(key)?.value
    }

    /// The value at a path of keys.
    package subscript(path path: [String]) -> ConfigNode? {
        var node: ConfigNode? = self
        for key in path { node = node?[key] }
        return node
    }

    /// Every scalar in the tree, depth first, with its location.
    package var scalars: [(text: String, location: SourceLocation)] {
        switch value {
        case .scalar(let text, _): [(text, location)]
        case .mapping(let entries): entries.flatMap(\.value.scalars)
        case .sequence(let elements): elements.flatMap(\.scalars)
        case .null: []
        }
    }

    /// The strings of a sequence of scalars, or of a single scalar.
    package var stringList: [String] {
        if let string { return [string] }
        return elements.compactMap(\.string)
    }
}
